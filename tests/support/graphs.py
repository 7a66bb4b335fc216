"""Querying the built graph with rdflib, under every prefix the code declares."""

from __future__ import annotations

from rdflib import Graph

from graph.vocab.external import sparql_prefixes

PREFIXES = sparql_prefixes()


def select(g: Graph, query: str) -> list[tuple]:
    return [tuple(row) for row in g.query(PREFIXES + query)]
