"""The SPARQL 1.1 Service Description of the endpoint, as RDF."""

from __future__ import annotations

import pyoxigraph as ox

from graph.vocab import SD, VOID
from graph.vocab.external import RDF_TYPE, integer, node

from ..negotiation import GRAPH_FORMATS, RESULT_FORMATS
from ..store.dataset import Dataset


def describe(endpoint: str, dataset: Dataset) -> list[ox.Triple]:
    """sd:endpoint, the languages and formats, and every named graph with its sd:name and size."""

    def sd(term: str) -> ox.NamedNode:
        return node(SD[term])

    service = ox.NamedNode(endpoint)
    out = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), service),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
    ]
    for fmt in RESULT_FORMATS + GRAPH_FORMATS:
        out.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(fmt.w3c)))
    ds = ox.BlankNode("dataset")
    default = ox.BlankNode("default")
    out += [
        ox.Triple(service, sd("defaultDataset"), ds),
        ox.Triple(ds, RDF_TYPE, sd("Dataset")),
        ox.Triple(ds, sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, sd("Graph")),
        ox.Triple(default, node(VOID.triples), integer(sum(dataset.graphs.values()))),
    ]
    for i, (name, size) in enumerate(sorted(dataset.graphs.items())):
        named, graph = ox.BlankNode(f"named{i}"), ox.BlankNode(f"graph{i}")
        out += [
            ox.Triple(ds, sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(named, sd("name"), ox.NamedNode(name)),
            ox.Triple(named, sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, sd("Graph")),
            ox.Triple(graph, node(VOID.triples), integer(size)),
        ]
    return out
