"""The dataset the app publishes: the file it came from, its version, its graphs, its store."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from flask import Flask, current_app

from graph.iris import DEFAULT_BASE

RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@dataclass
class Dataset:
    path: Path
    store: ox.Store
    version: str  # a hash of the file: the ETag base
    modified: dt.datetime
    graphs: dict[str, int]  # named graph -> triples
    base: str  # the base the IRIs were minted under
    labels: dict[str, str]  # IRI -> label, for every labelled resource

    @property
    def directory(self) -> Path:
        return self.path.parent

    def label(self, iri: str) -> str | None:
        return self.labels.get(iri)

    @classmethod
    def open(cls, path: Path, base: str | None = None) -> Dataset:
        """A read-only in-memory store of an RDF dataset file (format from its extension)."""
        path = Path(path).resolve()
        if not path.is_file():
            raise FileNotFoundError(f"no dataset at {path}: run `ccmkg build` or pass --data FILE")
        store = ox.Store()
        store.bulk_load(path=str(path))
        manifest = path.with_name("manifest.json")
        if base is None and manifest.is_file():  # a build of ours says which base it minted under
            base = json.loads(manifest.read_text())["base"]
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        graphs = {}
        for g in store.named_graphs():
            graphs[g.value] = sum(1 for _ in store.quads_for_pattern(None, None, None, g))
        modified = dt.datetime.fromtimestamp(int(path.stat().st_mtime), tz=dt.UTC)
        labels: dict[str, str] = {}
        for q in store.quads_for_pattern(None, RDFS_LABEL, None, None):
            if isinstance(q.object, ox.Literal) and (
                q.object.language in (None, "en") or q.subject.value not in labels
            ):
                labels[q.subject.value] = q.object.value
        return cls(path, store, digest.hexdigest()[:20], modified, graphs, base or DEFAULT_BASE, labels)


def init_app(app: Flask) -> None:
    app.extensions["ccm_dataset"] = Dataset.open(app.config["DATA_FILE"], app.config.get("BASE"))


def get() -> Dataset:
    return current_app.extensions["ccm_dataset"]
