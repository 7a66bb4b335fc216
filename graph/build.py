"""Documents to a validated dataset, in memory: parse, map, reason, derive, validate, describe.
`graph.publish.writer.write` puts the result on disk."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pyoxigraph as ox
import reasonable
from rdflib import RDF, Graph, Literal
from rdflib.graph import ReadOnlyGraphAggregate

from .derive import closure, derive, validate
from .mapping import to_graphs
from .mapping.examples import examples_graph
from .mapping.provenance import describe_build
from .parse.corpus import read as read_corpus
from .sources import DOCUMENTS_DIR, PROJECT_ROOT
from .vocab import DEFAULT_BASE, GRAPH_NAMES, VOID, Iris
from .vocab.iris import term_name

ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "ccm.ttl"


def software_version() -> str:
    try:
        return version("ccmkg")
    except PackageNotFoundError:
        return "0.0.0+unknown"


class Stages(dict[str, float]):
    """CPU seconds per stage of a build, in the order the stages ran: where a build's time goes, for
    `ccmkg build` to print and bench/build_time.py to report at each scale."""

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.process_time()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.process_time() - start


@dataclass
class Built:
    quads: list[ox.Quad]  # every named graph, for the writers
    graphs: dict[str, Graph]
    counts: dict[str, int]  # instances per class of the ontology (asserted + inferred)
    manifest: dict[str, object]
    stages: Stages


def build_dataset(
    documents: Path = DOCUMENTS_DIR, base: str = DEFAULT_BASE, entry_into_force: dict[str, dt.date] | None = None
) -> Built:
    """The named graphs, validated; nothing is written. `entry_into_force` (state code -> date)
    adds every state's own due dates to the derived graph."""
    started = dt.datetime.now(dt.UTC)
    stage = Stages()
    iris = Iris(base)
    with stage("parse"):
        corpus = read_corpus(documents)
    with stage("map"):
        asserted, provenance = to_graphs(corpus, iris)
        ontology = Graph().parse(ONTOLOGY_FILE)
    with stage("derive"):
        derived = derive(asserted, iris, entry_into_force)
    with stage("reason"):
        # what OWL 2 RL entails about our resources from the documents' statements and the derived ones
        # (a due date is a time:Instant); the provenance graph is left out: no axiom of the ontology
        # applies to it, so it adds nothing (checked) but a second of reasoning
        inferred = closure(ontology, asserted, derived, instance_prefix=iris.base + "id/")
    with stage("validate"):
        # a read-only view of the three graphs rather than a copy: copying 30,000 triples in rdflib costs a second
        validate(ReadOnlyGraphAggregate([asserted, inferred, derived]))
    with stage("describe"):
        made = {
            "ontology": ontology,
            "asserted": asserted,
            "inferred": inferred,
            "derived": derived,
            "examples": examples_graph(iris),
        }
        graphs = {name: made.get(name, provenance) for name in GRAPH_NAMES}
        engine = f"reasonable {reasonable.__version__} (OWL 2 RL)"
        describe_build(provenance, iris, list(corpus.sources), list(graphs), started, software_version(), engine)
        # each graph's size, in the provenance graph: which grows by one statement per graph for saying so
        sizes = {name: len(g) + (len(graphs) if name == "provenance" else 0) for name, g in graphs.items()}
        for name, size in sizes.items():
            provenance.add((iris.graph(name), VOID.triples, Literal(size)))
    with stage("convert"):
        # adding triples to an rdflib Dataset one by one costs half a second here; N-Triples through
        # Oxigraph's parser costs a tenth of that
        quads = []
        for name, g in graphs.items():
            graph = ox.NamedNode(str(iris.graph(name)))
            nt = g.serialize(format="nt", encoding="utf-8")
            quads.extend(
                ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
            )
    counts = Counter(term_name(o) for g in (asserted, inferred) for o in g.objects(None, RDF.type) if term_name(o))
    manifest = {
        "base": iris.base,
        "built": started.isoformat(),
        "software": software_version(),
        "graphs": {str(iris.graph(n)): len(g) for n, g in graphs.items()},
        "classes": dict(sorted(counts.items())),
        "sources": {src.path.name: src.sha256 for src in corpus.sources.values()},
    }
    return Built(quads, graphs, dict(counts), manifest, stage)
