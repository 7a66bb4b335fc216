"""Where each resource was read, and how the graphs were made: Web Annotation selectors into the
vendored files, the files with their hashes, and the build as a PROV-O activity."""

from __future__ import annotations

import datetime as dt

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO

from ..sources import SourceText, Span
from ..sources.registry import media_type
from ..vocab import CCM, OA, ONTOLOGY, Iris
from ..vocab.external import RFC7111

_QUOTE_CONTEXT = 32  # characters of oa:prefix and oa:suffix


class Provenance:
    """The provenance graph, written as the mapping reads each record's spans."""

    def __init__(self, sources: dict[str, SourceText], iris: Iris, graph: Graph) -> None:
        self.sources = sources
        self.iris = iris
        self.graph = graph
        self._spans: set[Span] = set()

    def source(self, s: URIRef, span: Span) -> None:
        """s was read from span: a Web Annotation specific resource with quote and position selectors."""
        target = self.iris.span(span.doc, span.start, span.end)
        self.graph.add((s, CCM.extractedFrom, target))
        if span in self._spans:
            return
        self._spans.add(span)
        src = self.sources[span.doc]
        quote, position = self.iris.quote_selector(target), self.iris.position_selector(target)
        p = self.graph
        p.add((target, RDF.type, OA.SpecificResource))
        p.add((target, RDFS.label, Literal(f"{src.path.name}, characters {span.start}-{span.end}")))
        p.add((target, OA.hasSource, self.iris.source_file(span.doc)))
        p.add((target, OA.hasSelector, quote))
        p.add((target, OA.hasSelector, position))
        p.add((quote, RDF.type, OA.TextQuoteSelector))
        p.add((quote, OA.exact, Literal(src.quote(span))))
        p.add((quote, OA.prefix, Literal(src.text[max(0, span.start - _QUOTE_CONTEXT) : span.start])))
        p.add((quote, OA.suffix, Literal(src.text[span.end : span.end + _QUOTE_CONTEXT])))
        p.add((position, RDF.type, OA.TextPositionSelector))
        # xsd:integer, not the vocabulary's xsd:nonNegativeInteger: Oxigraph stores derived integer
        # types as xsd:integer, and the dumps should say what the endpoint answers
        p.add((position, OA.start, Literal(span.start, datatype=XSD.integer)))
        p.add((position, OA.end, Literal(span.end, datatype=XSD.integer)))

    def cell(self, s: URIRef, span: Span, row: int, column: int) -> None:
        """s was read from one cell of a CSV file: the quote and position selectors, and an RFC 7111
        fragment selector (`cell=row,column`) a CSV-aware client can follow."""
        self.source(s, span)
        target = self.iris.span(span.doc, span.start, span.end)
        selector = self.iris.cell_selector(target)
        if (target, OA.hasSelector, selector) in self.graph:
            return
        self.graph.add((target, OA.hasSelector, selector))
        self.graph.add((selector, RDF.type, OA.FragmentSelector))
        self.graph.add((selector, DCTERMS.conformsTo, RFC7111))
        self.graph.add((selector, RDF.value, Literal(f"cell={row},{column}")))

    def source_files(self) -> None:
        for key, src in self.sources.items():
            f = self.iris.source_file(key)
            self.graph.add((f, RDF.type, CCM.SourceFile))
            self.graph.add((f, RDF.type, PROV.Entity))
            self.graph.add((f, RDFS.label, Literal(src.title or src.path.name)))
            self.graph.add((f, CCM.fileName, Literal(src.path.name)))
            self.graph.add((f, CCM.sha256, Literal(src.sha256)))
            self.graph.add((f, DCTERMS.format, Literal(media_type(src.path.name))))


GRAPH_DESCRIPTIONS = {
    "ontology": "The ontology, ontology/ccm.ttl, as the build read it.",
    "asserted": "What the documents state, one resource per thing however many documents state it.",
    "inferred": "What OWL 2 RL reasoning adds about our resources: types, inverses, super-properties.",
    "derived": "What the analysis layer computes: entry into force per State, due dates, thematic links, "
    "lineage; each statement names its method.",
    "provenance": "Where each resource was read (Web Annotation selectors into the source files), the "
    "source files with their SHA-256, and the build.",
    "examples": "The example queries of queries/, each a sh:SPARQLExecutable with its question and query text.",
}


def describe_build(
    prov: Graph,
    iris: Iris,
    sources: list[str],
    graphs: list[str],
    started: dt.datetime,
    software: str,
    engine: str,
) -> None:
    """PROV-O: which software (`engine`: the reasoner it ran) built which graphs from which files, and
    when; each graph with what it holds."""
    build, agent = iris.build(), iris.software(software)
    now = dt.datetime.now(dt.UTC)
    prov.add((build, RDF.type, PROV.Activity))
    prov.add((build, RDFS.label, Literal("Build of the CCM knowledge graph", lang="en")))
    prov.add((build, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)))
    prov.add((build, PROV.endedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    prov.add((build, PROV.wasAssociatedWith, agent))
    prov.add((agent, RDF.type, PROV.SoftwareAgent))
    prov.add((agent, RDFS.label, Literal(f"ccmkg {software}")))
    prov.add((agent, SDO.softwareVersion, Literal(software)))
    prov.add((agent, SDO.softwareRequirements, Literal(engine)))
    for key in sources:
        prov.add((build, PROV.used, iris.source_file(key)))
    prov.add((build, PROV.used, ONTOLOGY))
    for name in graphs:
        g = iris.graph(name)
        prov.add((g, RDF.type, PROV.Entity))
        prov.add((g, RDFS.label, Literal(f"{name} graph", lang="en")))
        prov.add((g, DCTERMS.description, Literal(GRAPH_DESCRIPTIONS[name], lang="en")))
        if name != "ontology":
            prov.add((g, PROV.wasGeneratedBy, build))
            prov.add((g, PROV.generatedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    prov.add((iris.graph("inferred"), PROV.wasDerivedFrom, iris.graph("asserted")))
    prov.add((iris.graph("inferred"), PROV.wasDerivedFrom, iris.graph("ontology")))
    prov.add((iris.graph("derived"), PROV.wasDerivedFrom, iris.graph("asserted")))
