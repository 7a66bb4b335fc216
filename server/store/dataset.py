"""The dataset the app publishes: the file it came from, its version, its graphs, its store."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from flask import Flask, current_app
from rdflib import Graph

from graph.publish.files import MANIFEST
from graph.vocab import DEFAULT_BASE, Iris
from graph.vocab.external import RDFS_LABEL, sparql_prefixes

from . import Store
from .remote import RemoteStore, StoreUnavailable

# every prefix the app's own queries use, declared once for all of them
PREFIXES = sparql_prefixes()


@dataclass
class Dataset:
    path: Path | None  # the file served, or None for an external store
    store: Store
    version: str  # a hash of the file: the ETag base
    modified: dt.datetime
    graphs: dict[str, int]  # named graph -> triples
    iris: Iris  # under the base the IRIs were minted with
    labels: dict[str, str]  # IRI -> label, for every labelled resource
    _class_properties: dict[str, dict[str, int]] | None = field(default=None, repr=False)

    @property
    def base(self) -> str:
        return self.iris.base

    def graph(self, name: str) -> ox.NamedNode:
        """One of the build's named graphs, as a node of the store."""
        return ox.NamedNode(str(self.iris.graph(name)))

    def rdflib_graph(self, name: str) -> Graph:
        """One of the build's named graphs copied out of the store, for code written against rdflib."""
        quads = self.store.quads_for_pattern(None, None, None, self.graph(name))
        return Graph().parse(data=ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES), format="nt")

    @property
    def directory(self) -> Path | None:
        return self.path.parent if self.path else None

    def label(self, iri: str) -> str | None:
        return self.labels.get(iri)

    def select(self, query: str) -> ox.QuerySolutions | ox.QueryBoolean:
        """The app's own query over all the data (the default graph as the union of the named ones, as the
        pages read it), with the common prefixes declared."""
        return self.store.query(PREFIXES + query, use_default_graph_as_union=True)

    def class_properties(self) -> dict[str, dict[str, int]]:
        """Per class, the properties its instances have and in how many triples, most used first: the
        VoID class partitions' property partitions, and what the query editor offers after `?x a C ;`.
        Counted by the store, once."""
        if self._class_properties is None:
            query = """SELECT ?c ?p (COUNT(*) AS ?n) WHERE { ?s a ?c ; ?p ?o FILTER(isIRI(?c)) }
                       GROUP BY ?c ?p ORDER BY ?c DESC(?n) ?p"""
            out: dict[str, dict[str, int]] = {}
            for row in self.select(query):
                out.setdefault(row["c"].value, {})[row["p"].value] = int(row["n"].value)
            self._class_properties = out
        return self._class_properties

    def counts(self, pattern: str, counted: str = "*") -> dict[str, int]:
        """COUNT(`counted`) of the matches of `pattern` in all the data (the default graph too: a Turtle
        file is served from it), per value of its `?x`: counted by the store, since reading every quad out
        of an external one takes seconds (9 s on Virtuoso)."""
        query = f"SELECT ?x (COUNT({counted}) AS ?n) WHERE {{ {pattern} }} GROUP BY ?x"
        rows = self.select(query)
        return {row["x"].value: int(row["n"].value) for row in rows}

    @classmethod
    def open(cls, path: Path, base: str | None = None) -> Dataset:
        """A read-only in-memory store of an RDF dataset file (format from its extension)."""
        path = Path(path).resolve()
        if not path.is_file():
            raise FileNotFoundError(f"no dataset at {path}: run `ccmkg build` or pass --data FILE")
        store = ox.Store()
        store.bulk_load(path=str(path))
        manifest = path.with_name(MANIFEST)
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
        return cls(path, store, digest.hexdigest()[:20], modified, graphs, Iris(base or DEFAULT_BASE), _labels(store))

    @classmethod
    def connect(cls, endpoint: str, base: str | None, timeout: float, wait: float = 30.0) -> Dataset:
        """An external SPARQL store; waits up to `wait` seconds for it to answer."""
        store = RemoteStore(endpoint, timeout)
        deadline = time.monotonic() + wait
        while True:
            try:
                counts = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
                graphs = {row["g"].value: int(row["n"].value) for row in counts}
                break
            except StoreUnavailable:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        iris = Iris(base or DEFAULT_BASE)
        # ours only: a store holds graphs of its own (Virtuoso's system graphs) and maybe others' data
        graphs = {g: n for g, n in graphs.items() if g.startswith(str(iris.graph("")))}
        store.graphs = sorted(graphs)
        version = hashlib.sha256(json.dumps(sorted(graphs.items())).encode()).hexdigest()[:20]
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        return cls(None, store, version, now, graphs, iris, _labels(store))


def _labels(store: Store) -> dict[str, str]:
    labels: dict[str, str] = {}
    for q in store.quads_for_pattern(None, RDFS_LABEL, None, None):
        if isinstance(q.object, ox.Literal) and (q.object.language in (None, "en") or q.subject.value not in labels):
            labels[q.subject.value] = q.object.value
    return labels


def init_app(app: Flask) -> None:
    """Open the configured store once, before any worker forks."""
    if app.config.get("STORE_URL"):
        # answer before the worker's own deadline, so a slow store gets a clean 503
        timeout = max(1.0, app.config["QUERY_TIMEOUT"] - 1.0)
        dataset = Dataset.connect(app.config["STORE_URL"], app.config.get("BASE"), timeout)
    else:
        dataset = Dataset.open(app.config["DATA_FILE"], app.config.get("BASE"))
    app.extensions["ccm_dataset"] = dataset


def get() -> Dataset:
    """The dataset of the app handling the current request."""
    return current_app.extensions["ccm_dataset"]
