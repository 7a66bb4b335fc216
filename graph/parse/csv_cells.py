"""The fields of a CSV line with where each stands in its file, so that a fact read from a table keeps
the exact cell it came from."""

from __future__ import annotations

from ..sources import SourceText, Span
from .records import StatusCell


def csv_cells(line: str, offset: int) -> list[tuple[str, int, int]]:
    """The fields of one CSV line (RFC 4180 quoting), each with the offsets of its text in the file."""
    out, i = [], 0
    while True:
        if line.startswith('"', i):
            end = i + 1
            while True:
                end = line.index('"', end)
                if line.startswith('""', end):
                    end += 2
                    continue
                break
            out.append((line[i + 1 : end].replace('""', '"'), offset + i + 1, offset + end))
            i = end + 1
        else:
            end = line.find(",", i)
            end = len(line) if end == -1 else end
            out.append((line[i:end], offset + i, offset + end))
            i = end
        if i >= len(line):
            return out
        if line[i] != ",":
            raise ValueError(f"a quoted field must end the cell (column {i + 1})")
        i += 1
        if i == len(line):
            out.append(("", offset + i, offset + i))
            return out


def csv_rows(src: SourceText, columns: tuple[str, ...]) -> list[tuple[int, Span, dict[str, StatusCell]]]:
    """The data rows of a CSV source whose header is `columns`: each its number (from 1), its span and its cells
    by column, numbered as RFC 7111 numbers them (the header is record 1); a wrong header or a malformed row
    is a ParseError at its line."""
    lines = [line for line in src.lines() if line[0].strip()]
    if not lines or tuple(c[0] for c in csv_cells(*lines[0][:2])) != columns:
        raise src.error(0, f"the header must be {','.join(columns)}")
    out = []
    for number, (line, start, end) in enumerate(lines[1:], 1):
        try:
            cells = csv_cells(line, start)
        except ValueError as exc:
            raise src.error(start, str(exc)) from None
        if len(cells) != len(columns):
            raise src.error(start, f"{len(cells)} fields where the header has {len(columns)}")
        by_name = {
            name: StatusCell(value, Span(src.key, s, e), number + 1, i + 1)
            for i, (name, (value, s, e)) in enumerate(zip(columns, cells, strict=True))
        }
        out.append((number, Span(src.key, start, end), by_name))
    return out
