"""The example queries of queries/: each a .rq file whose header comment states its question. The build
publishes them as data (graph/mapping/examples.py); the query UI lists them from there."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"


@dataclass(frozen=True)
class Example:
    name: str  # file stem
    question: str  # the header comment
    query: str


@lru_cache(maxsize=1)
def load_examples(directory: Path = QUERIES_DIR) -> list[Example]:
    out = []
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            header.append(line.lstrip("# ").rstrip())
        out.append(Example(path.stem, " ".join(h for h in header if h).strip(), text))
    return out
