"""The dataset the app publishes: the file it came from, its version, its graphs, and the query pool."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from flask import Flask, current_app

from .executor import QueryPool
from .preload import load


@dataclass
class Dataset:
    path: Path
    store: ox.Store  # for the app's own, bounded queries (service description, pages)
    pool: QueryPool  # for users' queries, which may have to be stopped
    version: str  # a hash of the file: the ETag base
    modified: dt.datetime
    graphs: dict[str, int]  # named graph -> triples

    @classmethod
    def open(cls, path: Path, processes: int) -> Dataset:
        path = Path(path).resolve()
        if not path.is_file():
            raise FileNotFoundError(f"no dataset at {path}: run `ccmkg build` or pass --data FILE")
        store = load(str(path))
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        graphs = {}
        for g in store.named_graphs():
            graphs[g.value] = sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        modified = dt.datetime.fromtimestamp(int(path.stat().st_mtime), tz=dt.UTC)
        return cls(path, store, QueryPool(str(path), processes), digest.hexdigest()[:20], modified, graphs)


def init_app(app: Flask) -> None:
    app.extensions["ccm_dataset"] = Dataset.open(app.config["DATA_FILE"], app.config["QUERY_PROCESSES"])


def get() -> Dataset:
    return current_app.extensions["ccm_dataset"]
