"""Many values of one variable in one row of a SPARQL answer: GROUP_CONCAT with a separator no text holds,
and the values back from it."""

from __future__ import annotations

import pyoxigraph as ox

SEPARATOR = "\u241e"  # SYMBOL FOR RECORD SEPARATOR: in no label, text or date of the graph


def values(term: ox.Term | None) -> list[str]:
    """The values a GROUP_CONCAT(...; SEPARATOR=SEPARATOR) joined, in its order; none for an unbound one."""
    return [x for x in term.value.split(SEPARATOR) if x] if term is not None else []
