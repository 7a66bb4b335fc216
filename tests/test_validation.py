"""The SHACL contract holds for the built graph, and breaking it is caught."""

from __future__ import annotations

import pytest
from rdflib import Literal

from graph.namespace import CCM
from graph.validation import ValidationFailed, validate


def test_built_graph_conforms(kg):
    report = validate(kg)
    assert len(report) > 0  # pyshacl's report graph, with sh:conforms true


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
