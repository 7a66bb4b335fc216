"""What the graph says about one resource: its statements (asserted or inferred), its incoming
links, the labels of what it links to, and where it was read. Pages and RDF documents are both
made from this."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.sources.text import natural_key
from graph.vocab import OA, CCMNodes, node
from graph.vocab.external import RDF_TYPE, RDFS_LABEL

from ..store.dataset import Dataset

_HAS_SOURCE, _EXACT, _START, _END = (node(t) for t in (OA.hasSource, OA.exact, OA.start, OA.end))


@dataclass
class Statement:
    predicate: ox.NamedNode
    object: ox.NamedNode | ox.BlankNode | ox.Literal
    inferred: bool  # by OWL 2 RL reasoning
    derived: bool = False  # by the analysis layer (similarity, themes, due dates)


@dataclass
class Source:
    file: str
    start: int
    end: int
    quote: str
    span: str  # the span's IRI
    title: str = ""  # what the file holds, in words


@dataclass
class Entity:
    iri: str
    label: str
    statements: list[Statement] = field(default_factory=list)
    incoming: dict[str, list[str]] = field(default_factory=dict)  # property -> subjects
    sources: list[Source] = field(default_factory=list)
    quads: list[ox.Quad] = field(default_factory=list)  # the RDF document of the resource

    def values(self, predicate: str) -> list[ox.NamedNode | ox.BlankNode | ox.Literal]:
        return [s.object for s in self.statements if s.predicate.value == predicate]

    def first(self, predicate: str) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
        found = self.values(predicate)
        return found[0] if found else None

    @property
    def types(self) -> list[str]:
        return [o.value for o in self.values(RDF_TYPE.value) if isinstance(o, ox.NamedNode)]


def describe(data: Dataset, iri: str) -> Entity | None:
    """The resource's description, or None when the graph does not mention it as a subject."""
    subject = ox.NamedNode(iri)
    graphs = {name: data.graph(name) for name in ("asserted", "inferred", "derived", "provenance")}
    own = list(data.store.quads_for_pattern(subject, None, None, None))
    if not own:
        return None
    entity = Entity(iri, data.label(iri) or iri)
    # a resource only the provenance graph describes (a source file, a span, a named graph, the build)
    # is described by it; anything else keeps its provenance apart, under Source
    about_provenance = all(q.graph_name == graphs["provenance"] for q in own)
    linked: set[str] = set()
    for q in own:
        if q.graph_name == graphs["provenance"] and not about_provenance:
            continue
        entity.statements.append(
            Statement(q.predicate, q.object, q.graph_name == graphs["inferred"], q.graph_name == graphs["derived"])
        )
        entity.quads.append(q)
        if isinstance(q.object, ox.NamedNode):
            linked.add(q.object.value)
    incoming: dict[str, list[str]] = defaultdict(list)
    for q in data.store.quads_for_pattern(None, None, subject, None):
        if q.graph_name == graphs["provenance"] and not about_provenance or not isinstance(q.subject, ox.NamedNode):
            continue
        if q.subject.value not in incoming[q.predicate.value]:
            incoming[q.predicate.value].append(q.subject.value)
        entity.quads.append(q)
        linked.add(q.subject.value)
    entity.incoming = {p: sorted(subjects, key=natural_key) for p, subjects in incoming.items()}
    for other in sorted(linked):  # sorted: the same document every time, in every process
        for q in data.store.quads_for_pattern(ox.NamedNode(other), RDFS_LABEL, None, None):
            entity.quads.append(q)
    for q in data.store.quads_for_pattern(subject, CCMNodes.extractedFrom, None, graphs["provenance"]):
        entity.quads.append(q)
        entity.sources.append(_source(data, q.object, graphs["provenance"], entity.quads))
    entity.sources.sort(key=lambda s: (s.file, s.start))
    return entity


def _source(data: Dataset, span: ox.NamedNode, graph: ox.NamedNode, quads: list[ox.Quad]) -> Source:
    values: dict[ox.NamedNode, ox.Term] = {}
    for q in data.store.quads_for_pattern(span, None, None, graph):
        quads.append(q)
        values[q.predicate] = q.object
    file_name = title = ""
    if isinstance(source := values.get(_HAS_SOURCE), ox.NamedNode):
        for q in data.store.quads_for_pattern(source, CCMNodes.fileName, None, graph):
            file_name = q.object.value
        title = data.label(source.value) or file_name
    selector: dict[ox.NamedNode, ox.Term] = {}
    for sel in (data.iris.quote_selector(span.value), data.iris.position_selector(span.value)):
        for q in data.store.quads_for_pattern(ox.NamedNode(str(sel)), None, None, graph):
            quads.append(q)
            selector[q.predicate] = q.object
    return Source(
        file_name, int(selector[_START].value), int(selector[_END].value), selector[_EXACT].value, span.value, title
    )
