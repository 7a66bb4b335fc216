"""The SHACL contract holds for the built graph, and breaking it is caught."""

from __future__ import annotations

import random

import pyshacl
import pytest
from rdflib import RDF, Graph, Literal
from rdflib.namespace import SH

from graph.derive.validation import SHAPES, ValidationFailed, targeted, validate
from graph.sources import PROJECT_ROOT
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


def _results(report: Graph) -> set[tuple]:
    keys = (SH.focusNode, SH.resultPath, SH.value, SH.sourceConstraintComponent, SH.resultSeverity)
    return {tuple(report.value(r, k) for k in keys) for r in report.subjects(RDF.type, SH.ValidationResult)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_targeted_shapes_find_what_the_file_finds(kg, seed):
    """The shapes the build validates with (property shapes given their node shape's targets) report the
    same violations as ontology/shapes.ttl read as it is, on the graph broken at random: 40 statements
    dropped, 20 objects replaced by the object of another statement, 10 typed or tagged literals made plain."""
    rng = random.Random(seed)
    g = kg + Graph()
    triples = sorted(g, key=str)
    for t in rng.sample(triples, 40):
        g.remove(t)
    for (s1, p, o1), (_, _, o2) in (rng.sample(triples, 2) for _ in range(20)):
        g.remove((s1, p, o1))
        g.add((s1, p, o2))
    for s, p, o in rng.sample([t for t in triples if isinstance(t[2], Literal)], 10):
        g.set((s, p, Literal(str(o))))
    shapes = Graph().parse(SHAPES)
    as_written = pyshacl.validate(g, shacl_graph=shapes, inference="none")
    ours = pyshacl.validate(g, shacl_graph=targeted(shapes), inference="none")
    assert not as_written[0] and _results(as_written[1])
    assert _results(ours[1]) == _results(as_written[1]), len(_results(as_written[1]))


def test_the_dump_validates_with_the_shapes_alone(dataset_file):
    """The README's command, on the downloadable kg.ttl: no ontology, no inference switch."""
    import subprocess
    import sys
    from pathlib import Path

    pyshacl = Path(sys.executable).with_name("pyshacl")
    shapes = PROJECT_ROOT / "ontology" / "shapes.ttl"
    done = subprocess.run(
        [str(pyshacl), "-s", str(shapes), str(dataset_file.parent / "kg.ttl")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and "Conforms: True" in done.stdout, done.stdout[-2000:]
