"""Which vendored file holds which document: `documents/sources.toml`, read from the documents
directory a build is given, so that adding a document of a known kind is configuration, not code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS_DIR = PROJECT_ROOT / "documents"
REGISTRY = "sources.toml"
KINDS = (
    "vap-introduction",
    "vap-pdf",
    "first-meeting-final-document",
    "lausanne-booklet",
    "treaty-status",
    "lineage-reviews",
)
MEDIA_TYPES: dict[str, str] = {".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8; header=present"}


@dataclass(frozen=True)
class Source:
    key: str  # the file name's prefix, stable across versions of the file
    file: str
    kind: str  # which parser reads it
    title: str = ""  # what the file holds, in words (pages show it instead of the file name)


def registry(directory: Path = DOCUMENTS_DIR) -> list[Source]:
    """The sources a documents directory registers; ValueError says what is wrong with the file."""
    path = directory / REGISTRY
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("source", [])
    except FileNotFoundError:
        raise ValueError(f"{path}: no registry of the source documents") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: {exc}") from None
    out = []
    for n, entry in enumerate(entries, 1):
        missing = {"key", "file", "kind"} - set(entry)
        if missing or entry.get("kind") not in KINDS:
            raise ValueError(f"{path}: source {n} needs key, file and a kind among {', '.join(KINDS)}")
        out.append(
            Source(str(entry["key"]), str(entry["file"]), str(entry["kind"]), str(entry.get("title", entry["file"])))
        )
    if len({s.key for s in out}) != len(out):
        raise ValueError(f"{path}: two sources share a key")
    return out


# the default documents by key, for the server's document view and the tests
SOURCES: dict[str, Source] = {s.key: s for s in registry()}
SOURCE_FILES: dict[str, str] = {key: s.file for key, s in SOURCES.items()}


def media_type(file_name: str) -> str:
    return MEDIA_TYPES[file_name[file_name.rindex(".") :]]


def companion(file_name: str) -> str:
    """The file that documents a data file: `004_x.csv` -> `004_x.README.md`."""
    return file_name[: file_name.rindex(".")] + ".README.md"
