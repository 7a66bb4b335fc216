"""The dataset the app publishes: the file it came from, its version, its graphs, its store."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from flask import Flask, current_app


@dataclass
class Dataset:
    path: Path
    store: ox.Store
    version: str  # a hash of the file: the ETag base
    modified: dt.datetime
    graphs: dict[str, int]  # named graph -> triples

    @classmethod
    def open(cls, path: Path) -> Dataset:
        """A read-only in-memory store of an RDF dataset file (format from its extension)."""
        path = Path(path).resolve()
        if not path.is_file():
            raise FileNotFoundError(f"no dataset at {path}: run `ccmkg build` or pass --data FILE")
        store = ox.Store()
        store.bulk_load(path=str(path))
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        graphs = {}
        for g in store.named_graphs():
            graphs[g.value] = sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        modified = dt.datetime.fromtimestamp(int(path.stat().st_mtime), tz=dt.UTC)
        return cls(path, store, digest.hexdigest()[:20], modified, graphs)


def init_app(app: Flask) -> None:
    app.extensions["ccm_dataset"] = Dataset.open(app.config["DATA_FILE"])


def get() -> Dataset:
    return current_app.extensions["ccm_dataset"]
