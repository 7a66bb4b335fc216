"""The code's vocabulary module is generated from the ontology and stays in step with it."""

from __future__ import annotations

from rdflib import RDFS, Graph
from rdflib.namespace import OWL, RDF

from graph.vocab.generate import ONTOLOGY, TARGET, render


def test_namespace_module_matches_the_ontology():
    assert TARGET.read_text() == render(), "run: python -m graph.vocab.generate"


def test_every_term_is_documented():
    g = Graph().parse(ONTOLOGY)
    ns = "https://w3id.org/ccm/ontology#"
    terms = {s for s in g.subjects(RDF.type, None) if str(s).startswith(ns)}
    assert len(terms) > 100
    for term in terms:
        assert g.value(term, RDFS.label) is not None, term
        assert g.value(term, RDFS.comment) is not None, term
        assert g.value(term, RDFS.isDefinedBy) == g.value(None, RDF.type, OWL.Ontology), term
