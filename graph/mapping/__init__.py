"""Records to triples: the one place where records become RDF, one module per document kind.

Facts go to the asserted graph; where each resource was read (Web Annotation selectors into the
vendored files) goes to the provenance graph."""

from __future__ import annotations

from rdflib import Graph

from ..parse.records import Corpus
from ..vocab import Iris
from .base import Mapper
from .convention import map_convention
from .declarations import map_declarations
from .instruments import map_instruments
from .isu import map_isu
from .meetings import map_meetings, map_themes
from .plans import map_plans
from .report import map_report
from .reviews import map_reviews
from .treaty_status import map_treaty_status

__all__ = ["to_graphs"]


def to_graphs(corpus: Corpus, iris: Iris) -> tuple[Graph, Graph]:
    """The asserted graph and the provenance graph of a corpus."""
    m = Mapper(corpus, iris)
    m.provenance.source_files()
    # in this order: a state's first name seen is its label, later ones are alternative labels
    steps = (map_convention, map_plans, map_declarations, map_report, map_meetings, map_themes, map_isu)
    for step in (*steps, map_treaty_status, map_instruments, map_reviews):
        step(m)
    m.schemes()
    return m.graph, m.provenance.graph
