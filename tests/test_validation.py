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


@pytest.mark.parametrize(
    "breakage",
    ["no number", "two texts", "no addressee", "a number twice", "empty title", "IRI title", "text without language"],
)
def test_a_broken_action_is_a_violation(kg, iris, breakage):
    g = kg + kg.__class__()  # a copy
    action = iris.action("vap", 12)
    if breakage == "no number":
        g.remove((action, CCM.actionNumber, None))
    elif breakage == "two texts":
        g.add((action, CCM.text, Literal("another text")))
    elif breakage == "no addressee":
        g.remove((action, CCM.addressee, None))
    elif breakage == "a number twice":  # Vientiane actions 12 and 13 both numbered 12
        action = iris.plan("vap")
        g.set((iris.action("vap", 13), CCM.actionNumber, Literal(12)))
    elif breakage == "text without language":
        g.set((action, CCM.text, Literal("Develop a plan.")))
    else:
        action = iris.provision(("4",))
        title = Literal("", lang="en") if breakage == "empty title" else iris.convention()
        g.set((action, CCM.title, title))
    with pytest.raises(ValidationFailed, match=str(action)):
        validate(g)


def test_the_dump_validates_with_the_shapes_alone(dataset_file):
    """The README's command, on the downloadable kg.ttl: no ontology, no inference switch."""
    import subprocess
    import sys
    from pathlib import Path

    pyshacl = Path(sys.executable).with_name("pyshacl")
    shapes = Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl"
    done = subprocess.run(
        [str(pyshacl), "-s", str(shapes), str(dataset_file.parent / "kg.ttl")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and "Conforms: True" in done.stdout, done.stdout[-2000:]
