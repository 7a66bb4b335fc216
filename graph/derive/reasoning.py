"""OWL 2 RL materialization of the instance data.

The `reasonable` engine (Rust) computes the closure; the tests hold owlrl, the reference
implementation, beside it and show both derive the same triples on our graph.
Only new statements about our own resources are published: no reflexive owl:sameAs, no
literal subjects, no `owl:Thing`/`rdfs:Resource` typing, no restatement of the ontology.
"""

from __future__ import annotations

from collections.abc import Iterable

import reasonable
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
_TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource}


def _plain(term: Node) -> Node:
    # the engine returns plain literals as xsd:string; RDF 1.1 says they are the same literal,
    # rdflib does not, so give them back their plain form
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def publishable(triples: Iterable[Triple], instance_prefix: str, known: Graph) -> Graph:
    """What of an entailed closure is news about our own resources."""
    out = Graph()
    for s, p, o in triples:
        s, o = _plain(s), _plain(o)
        if not str(s).startswith(instance_prefix):  # literal subjects, the ontology's own terms
            continue
        if p == OWL.sameAs and s == o or p == RDF.type and o in _TRIVIAL_TYPES:
            continue
        if (s, p, o) not in known:
            out.add((s, p, o))
    return out


def closure(ontology: Graph, *data: Graph, instance_prefix: str) -> Graph:
    """The triples OWL 2 RL entails about our resources that the `data` graphs do not state."""
    engine = reasonable.PyReasoner()
    for g in (ontology, *data):  # the engine takes graph after graph: no union to copy
        engine.from_graph(g)
    return publishable(engine.reason(), instance_prefix, ReadOnlyGraphAggregate(list(data)))
