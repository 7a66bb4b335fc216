"""One vendored source document: loading, hashing, offsets and the parse error that points into it."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .registry import DOCUMENTS_DIR, REGISTRY, Source, registry


class ParseError(Exception):
    """A document does not have the structure its parser expects."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Span:
    """A half-open range of characters (Unicode code points) in one source file."""

    doc: str
    start: int
    end: int


@dataclass
class SourceText:
    """One vendored document, read once."""

    key: str
    path: Path
    text: str = field(repr=False)
    sha256: str
    kind: str = ""  # which parser reads it (the registry's)
    title: str = ""  # what it holds, in words (the registry's)

    @classmethod
    def load(cls, source: Source, directory: Path = DOCUMENTS_DIR) -> SourceText:
        key, path = source.key, directory / source.file
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ParseError(path, 0, "source document is missing") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ParseError(path, line, f"not valid UTF-8 ({exc.reason})") from None
        if not text.strip():  # an empty copy would build, silently short of everything it states
            raise ParseError(path, 1, "source document is empty")
        return cls(
            key=key, path=path, text=text, sha256=hashlib.sha256(raw).hexdigest(), kind=source.kind, title=source.title
        )

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
        return starts

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def error(self, offset: int, message: str) -> ParseError:
        """A ParseError at the line of `offset`, to raise."""
        return ParseError(self.path, self.line_of(offset), message)

    def span(self, start: int, end: int) -> Span:
        """A span trimmed of surrounding whitespace, so quotes start and end on text."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span(self.key, start, end)

    def lines(self, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        """The lines of a region as (text without newline, start offset, end offset)."""
        end = len(self.text) if end is None else end
        out, offset = [], start
        for line in self.text[start:end].split("\n"):
            out.append((line, offset, offset + len(line)))
            offset += len(line) + 1
        return out

    def find(self, pattern: str, start: int = 0, flags: int = re.MULTILINE) -> re.Match[str]:
        """The first match of a structural landmark; its absence is a malformed document."""
        m = re.compile(pattern, flags).search(self.text, start)
        if m is None:
            raise self.error(start, f"expected {pattern!r} after this line")
        return m

    def quote(self, span: Span) -> str:
        return self.text[span.start : span.end]


def load_all(directory: Path = DOCUMENTS_DIR) -> dict[str, SourceText]:
    """Every source the directory's registry lists, by key; a broken registry is a ParseError."""
    try:
        sources = registry(directory)
    except ValueError as exc:
        raise ParseError(directory / REGISTRY, 0, str(exc).split(": ", 1)[-1]) from None
    return {s.key: SourceText.load(s, directory) for s in sources}
