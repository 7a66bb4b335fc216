"""OWL 2 RL materialization: the fast engine derives what owlrl derives, and nothing junk is published."""

from __future__ import annotations

import owlrl
import pytest
import rdflib.term
from rdflib import OWL, RDF, RDFS, Graph, Literal

from graph.derive.reasoning import publishable
from graph.vocab import CCM, TIME


def reference_closure(ontology: Graph, data: Graph, instance_prefix: str) -> Graph:
    """The closure owlrl, the reference implementation, computes (seconds, not milliseconds)."""
    g = ontology + data
    # owlrl swaps rdflib's lexical-to-value conversions for its own, for good (its gMonthDay parser
    # refuses '--04-30'): put rdflib's back, or every later build in this process fails its shapes
    conversions = dict(rdflib.term._toPythonMapping)
    try:
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    finally:
        rdflib.term._toPythonMapping.clear()
        rdflib.term._toPythonMapping.update(conversions)
    return publishable(g, instance_prefix, data)


@pytest.mark.slow
def test_inferences_match_owlrl(built, iris):
    data = built.graphs["asserted"] + built.graphs["derived"]
    expected = reference_closure(built.graphs["ontology"], data, iris.base + "id/")
    inferred = built.graphs["inferred"]
    assert len(inferred) > 1000
    assert set(inferred) == set(expected)


def test_no_junk_in_the_inferred_graph(built, iris):
    inferred = built.graphs["inferred"]
    assert not any(isinstance(s, Literal) for s in inferred.subjects())
    assert not any(s == o for s, o in inferred.subject_objects(OWL.sameAs))
    assert not set(inferred.objects(None, RDF.type)) & {OWL.Thing, RDFS.Resource}
    assert all(str(s).startswith(iris.base + "id/") for s in inferred.subjects())


def test_what_the_reasoner_adds(built, iris):
    inferred = built.graphs["inferred"]
    # the derived graph is reasoned over too: a State's due date is an OWL-Time instant
    assert (iris.due_date(iris.deadline(iris.obligation(("7", "1"), 1), 1), "AFG"), RDF.type, TIME.Instant) in inferred
    # an action is a commitment its plan states, not a part of the plan's text
    assert (iris.action("lap", 18), RDF.type, CCM.DocumentPart) not in inferred
    # subclass: an action's paragraph-like nature and a prohibition's being a norm
    assert (iris.obligation(("1", "1", "a"), 1), RDF.type, CCM.Norm) in inferred
    # inverse: the indicators of an action, the obligations a provision states
    assert (iris.action("lap", 18), CCM.hasIndicator, iris.indicator("lap", 18, 1)) in inferred
    assert (iris.provision(("3", "2")), CCM.states, iris.obligation(("3", "2"), 1)) in inferred
    # range: whatever is cited is a provision
    assert (iris.provision(("4", "1", "a")), RDF.type, CCM.Provision) in inferred
