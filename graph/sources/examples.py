"""The example queries of queries/: each a .rq file whose header comment states its question, and may say
how its results are best shown (`#defaultView:Map`, as the Wikidata Query Service reads it). The build
publishes them as data (graph/mapping/examples.py); the query UI lists them from there."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
VIEWS = ("Table", "Map", "Timeline", "BarChart")
_VIEW = re.compile(r"#\s*defaultView:\s*(\w+)")


@dataclass(frozen=True)
class Example:
    name: str  # file stem
    question: str  # the header comment
    query: str
    view: str = "Table"  # how the query UI shows its results first


@lru_cache(maxsize=1)
def load_examples(directory: Path = QUERIES_DIR) -> list[Example]:
    out = []
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header, view = [], "Table"
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            if m := _VIEW.match(line):
                if m.group(1) not in VIEWS:
                    raise ValueError(f"{path.name}: defaultView {m.group(1)} is none of {', '.join(VIEWS)}")
                view = m.group(1)
                continue
            header.append(line.lstrip("# ").rstrip())
        out.append(Example(path.stem, " ".join(h for h in header if h).strip(), text, view))
    return out
