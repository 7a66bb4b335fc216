"""The media types the endpoint speaks, and choosing one from a request."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Request


@dataclass(frozen=True)
class Format:
    name: str  # the value of ?format=
    media_type: str
    rdf: ox.RdfFormat | None = None  # graph formats
    results: str | None = None  # result formats: json | xml | csv | tsv


RESULT_FORMATS = [
    Format("json", "application/sparql-results+json", results="json"),
    Format("xml", "application/sparql-results+xml", results="xml"),
    Format("csv", "text/csv", results="csv"),
    Format("tsv", "text/tab-separated-values", results="tsv"),
]
GRAPH_FORMATS = [
    Format("turtle", "text/turtle", rdf=ox.RdfFormat.TURTLE),
    Format("jsonld", "application/ld+json", rdf=ox.RdfFormat.JSON_LD),
    Format("rdfxml", "application/rdf+xml", rdf=ox.RdfFormat.RDF_XML),
    Format("ntriples", "application/n-triples", rdf=ox.RdfFormat.N_TRIPLES),
    Format("trig", "application/trig", rdf=ox.RdfFormat.TRIG),
    Format("nquads", "application/n-quads", rdf=ox.RdfFormat.N_QUADS),
]
# Names people and tools use in ?format= besides ours
_ALIASES = {
    "application/json": "json",
    "srj": "json",
    "srx": "xml",
    "ttl": "turtle",
    "nt": "ntriples",
    "json-ld": "jsonld",
    "rdf": "rdfxml",
    "nq": "nquads",
    "text/plain": "ntriples",
}
_EXTRA_TYPES = {
    "application/json": "json",
    "application/xml": "xml",
    "text/plain": "ntriples",
    "application/x-turtle": "turtle",
}


class NotAcceptable(Exception):
    """Nothing the client accepts can be produced."""


def _by_name(name: str, formats: list[Format]) -> Format | None:
    name = _ALIASES.get(name.lower(), name.lower())
    return next((f for f in formats if f.name == name or f.media_type == name), None)


def choose(request: Request, formats: list[Format]) -> Format | None:
    """The format for a response: `?format=` if given, else the best by Accept (q-values and
    wildcards), else the first (the default when no Accept is sent). None when nothing fits."""
    requested = request.values.get("format")
    if requested:
        return _by_name(requested, formats)
    accept = request.accept_mimetypes
    if not accept:
        return formats[0]
    offers = [f.media_type for f in formats] + [t for t, n in _EXTRA_TYPES.items() if _by_name(n, formats)]
    best = accept.best_match(offers)
    if best is None:
        return None
    return _by_name(_EXTRA_TYPES.get(best, best), formats)
