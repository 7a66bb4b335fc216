"""`ccmkg publish`: load a built dataset into an external SPARQL 1.1 store, graph by graph.

Each named graph is replaced by one SPARQL Update request (`DROP SILENT GRAPH <g> ; INSERT DATA
{ GRAPH <g> { ... } }`): stores run a request as one transaction, so readers see the old graph
or the new one, never half of it; graphs the dataset does not hold are left alone; running it
twice leaves the same triples."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
from SPARQLWrapper import POST, SPARQLWrapper


def update_endpoint(query_endpoint: str) -> str:
    """Oxigraph serves queries at /query and updates at /update; Fuseki at /sparql and /update."""
    for suffix in ("/query", "/sparql"):
        if query_endpoint.endswith(suffix):
            return query_endpoint[: -len(suffix)] + "/update"
    raise ValueError(f"cannot tell the update endpoint of {query_endpoint}: pass --update URL")


def publish(data_file: Path, update_url: str, timeout: float = 120.0) -> dict[str, int]:
    """Replace, in the store, every named graph of `data_file`; returns triples per graph sent."""
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(data_file)):
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs[quad.graph_name.value].append(quad.triple)
    for name, triples in graphs.items():
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        client = SPARQLWrapper(update_url, agent="ccm-kg")
        client.setMethod(POST)
        client.setTimeout(int(timeout))
        client.setQuery(f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}}} }}")
        client.query()
    return {name: len(triples) for name, triples in graphs.items()}
