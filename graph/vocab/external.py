"""The other vocabularies the code uses, each written one way: rdflib's checked namespaces where rdflib
has them (ORG, VOID, TIME ...), the generated OA and SD where it has not; the prefixes every serializer
and query shares; pyoxigraph nodes for the external terms the server looks up in the store."""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, XSD, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SDO, TIME

from .ccm import NAMESPACE
from .oa import OA

CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")  # the dataset's licence
RFC7111 = URIRef("http://tools.ietf.org/rfc/rfc7111")  # what Web Annotation names for text/csv fragments

PREFIXES: dict[str, str] = {
    prefix: str(ns)
    for prefix, ns in {
        "ccm": NAMESPACE,
        "skos": SKOS,
        "dcterms": DCTERMS,
        "prov": PROV,
        "foaf": FOAF,
        "org": ORG,
        "schema": SDO,
        "oa": OA,
        "time": TIME,
        "owl": OWL,
        "xsd": XSD,
    }.items()
}
# what queries and pages add to the dataset's own prefixes
QUERY_PREFIXES: dict[str, str] = PREFIXES | {"rdf": str(RDF), "rdfs": str(RDFS)}


def sparql_prefixes(*names: str) -> str:
    """PREFIX declarations for a query, for the given prefixes (all of them when none is named)."""
    return "".join(f"PREFIX {p}: <{QUERY_PREFIXES[p]}>\n" for p in names or QUERY_PREFIXES)


@cache
def node(term: URIRef) -> ox.NamedNode:
    """The pyoxigraph node of an rdflib term."""
    return ox.NamedNode(str(term))


RDF_TYPE = node(RDF.type)
RDFS_LABEL = node(RDFS.label)
XSD_STRING = node(XSD.string)
XSD_INTEGER = node(XSD.integer)
XSD_DATETIME = node(XSD.dateTime)


def integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD_INTEGER)
