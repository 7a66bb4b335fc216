"""The SHACL contract holds for the built graph, and breaking it is caught."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import SH

from graph.derive.validation import ValidationFailed, validate
from graph.vocab import CCM


def test_built_graph_conforms(kg):
    report = validate(kg)
    assert (None, SH.conforms, Literal(True)) in report
    assert not list(report.subjects(SH.resultSeverity, SH.Violation))


@pytest.mark.parametrize("breakage", ["no number", "two texts", "no addressee"])
def test_a_broken_action_is_a_violation(kg, iris, breakage):
    g = kg + kg.__class__()  # a copy
    action = iris.action("vap", 12)
    if breakage == "no number":
        g.remove((action, CCM.actionNumber, None))
    elif breakage == "two texts":
        g.add((action, CCM.text, Literal("another text")))
    else:
        g.remove((action, CCM.addressee, None))
    with pytest.raises(ValidationFailed, match=str(action)):
        validate(g)
