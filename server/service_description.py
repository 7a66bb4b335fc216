"""The SPARQL 1.1 Service Description of the endpoint, as RDF."""

from __future__ import annotations

import pyoxigraph as ox

from .dataset import Dataset
from .formats import GRAPH_FORMATS, RESULT_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
    "ntriples": "N-Triples",
    "trig": "TriG",
    "nquads": "N-Quads",
}


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def describe(endpoint: str, dataset: Dataset) -> list[ox.Triple]:
    """sd:endpoint, the languages and formats, and every named graph with its sd:name and size."""

    def sd(term: str) -> ox.NamedNode:
        return ox.NamedNode(SD + term)

    service = ox.NamedNode(endpoint)
    out = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
    ]
    for fmt in RESULT_FORMATS + GRAPH_FORMATS:
        out.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + _FORMAT_IRIS[fmt.name])))
    ds = ox.BlankNode("dataset")
    default = ox.BlankNode("default")
    out += [
        ox.Triple(service, sd("defaultDataset"), ds),
        ox.Triple(ds, RDF_TYPE, sd("Dataset")),
        ox.Triple(ds, sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, sd("Graph")),
        ox.Triple(default, ox.NamedNode(VOID + "triples"), _integer(sum(dataset.graphs.values()))),
    ]
    for i, (name, size) in enumerate(sorted(dataset.graphs.items())):
        named, graph = ox.BlankNode(f"named{i}"), ox.BlankNode(f"graph{i}")
        out += [
            ox.Triple(ds, sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(named, sd("name"), ox.NamedNode(name)),
            ox.Triple(named, sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, sd("Graph")),
            ox.Triple(graph, ox.NamedNode(VOID + "triples"), _integer(size)),
        ]
    return out
