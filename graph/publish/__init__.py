"""A built dataset to files: the dumps, the search index, checksums and the manifest, written atomically."""

from __future__ import annotations

from typing import Any

from .files import DEFAULT_OUT, NQUADS

__all__ = ["DEFAULT_OUT", "NQUADS", "write"]


def __getattr__(name: str) -> Any:
    # loaded on first use: the server reads file names from here and must not load the builder (rdflib's
    # SPARQL engine, pyshacl, the reasoner) into each serving process
    if name == "write":
        from .writer import write

        return write
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
