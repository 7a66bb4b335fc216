"""The code's vocabulary modules are generated from their vocabulary files and stay in step with
them, and a misspelt term of any vocabulary the code writes is an error, never a new IRI."""

from __future__ import annotations

import pytest
from rdflib import RDFS, Graph
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, SDO, SKOS, TIME, VOID, XSD

from graph.vocab import CCM, OA, SD
from graph.vocab.generate import ONTOLOGY, VOCABULARIES, render


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.name)
def test_each_module_matches_its_vocabulary_file(vocabulary):
    assert vocabulary.target.read_text() == render(vocabulary), "run: python -m graph.vocab.generate"


def test_every_term_is_documented():
    g = Graph().parse(ONTOLOGY)
    ns = "https://w3id.org/ccm/ontology#"
    terms = {s for s in g.subjects(RDF.type, None) if str(s).startswith(ns)}
    assert len(terms) > 100
    for term in terms:
        assert g.value(term, RDFS.label) is not None, term
        assert g.value(term, RDFS.comment) is not None, term
        assert g.value(term, RDFS.isDefinedBy) == g.value(None, RDF.type, OWL.Ontology), term


@pytest.mark.parametrize(
    "namespace", [CCM, OA, SD, ORG, VOID, TIME, PROV, SKOS, DCTERMS, FOAF, SDO, XSD, RDF, RDFS, OWL]
)
def test_a_misspelt_term_raises(namespace):
    # rdflib's XSD, TIME and SDO warn where the others raise; pyproject.toml makes that warning an error
    with pytest.raises((AttributeError, UserWarning)):
        namespace.hasTargett  # noqa: B018
    with pytest.raises((AttributeError, UserWarning)):
        namespace["hasTargett"]


def test_the_terms_the_code_writes_are_defined():
    assert str(OA.hasTarget) == "http://www.w3.org/ns/oa#hasTarget"
    assert str(SD.NamedGraph) == "http://www.w3.org/ns/sparql-service-description#NamedGraph"
    assert str(VOID["class"]) == "http://rdfs.org/ns/void#class"
