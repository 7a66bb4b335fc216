"""The example queries as data, in a named graph of their own: each a SHACL SPARQL executable (as the SIB
SPARQL examples publish theirs) with its question, its query text and the words it is about, so that a
client can discover them with SPARQL and the query UI can list them from the graph."""

from __future__ import annotations

import re

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SDO, SH

from ..sources.examples import Example, load_examples
from ..vocab import CCM, Iris

_FORMS = {"SELECT": SH.SPARQLSelectExecutable, "ASK": SH.SPARQLAskExecutable, "CONSTRUCT": SH.SPARQLConstructExecutable}


def examples_graph(iris: Iris, examples: list[Example] | None = None) -> Graph:
    g = Graph()
    g.bind("sh", SH)
    for e in load_examples() if examples is None else examples:
        s = iris.example(e.name)
        body = "\n".join(line for line in e.query.splitlines() if not line.startswith("#"))
        form = re.search(r"\b(SELECT|ASK|CONSTRUCT)\b", body)
        g.add((s, RDF.type, SH.SPARQLExecutable))
        if form:
            g.add((s, RDF.type, _FORMS[form.group(1)]))
            g.add((s, SH[form.group(1).lower()], Literal(e.query)))
        g.add((s, RDFS.label, Literal(e.question, lang="en")))
        g.add((s, RDFS.comment, Literal(e.question, lang="en")))
        g.add((s, CCM.exampleFile, Literal(f"queries/{e.name}.rq")))
        g.add((s, CCM.defaultView, Literal(e.view)))
        for word in e.name.split("-")[1:]:  # "19-vientiane-commitments-without-successor": its keywords
            if len(word) > 3:
                g.add((s, SDO.keywords, Literal(word)))
    return g
