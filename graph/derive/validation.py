"""SHACL validation of the built graph against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph

from ..sources import PROJECT_ROOT

SHAPES = PROJECT_ROOT / "ontology" / "shapes.ttl"


class ValidationFailed(Exception):
    """The graph breaks a shape; the message is pyshacl's report."""


def validate(data: Graph, shapes: Path = SHAPES) -> Graph:
    """The SHACL validation report of `data` (asserted + inferred); raises on any violation."""
    conforms, report, text = shacl_validate(
        data, shacl_graph=Graph().parse(shapes), inference="none", abort_on_first=False, allow_warnings=False
    )
    if not conforms:
        raise ValidationFailed(text)
    return report
