"""Documents to records: one parser per document kind, the helpers they share (citations, time
limits, actors), and `corpus.read`, which reads every document and merges what several state."""

from __future__ import annotations

from typing import Any

__all__ = ["Corpus", "read"]


def __getattr__(name: str) -> Any:
    # loaded on first use: the server imports one helper from here (citations) and must not load every
    # parser, and rdflib's SPARQL engine with them, into each serving process
    if name == "read":
        from .corpus import read

        return read
    if name == "Corpus":
        from .records import Corpus

        return Corpus
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
