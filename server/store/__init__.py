"""Where the app reads its data: one small store interface, the embedded store (pyoxigraph) or an
external SPARQL 1.1 store (SPARQLWrapper), and the dataset the app attaches once (`init_app`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

import pyoxigraph as ox


class Store(Protocol):
    """What the app uses of a store: pyoxigraph's own `Store` has exactly this surface."""

    def query(self, query: str, **kwargs: Any) -> Any: ...  # QuerySolutions | QueryBoolean | QueryTriples

    def quads_for_pattern(
        self,
        subject: ox.NamedNode | ox.BlankNode | None = None,
        predicate: ox.NamedNode | None = None,
        object: ox.NamedNode | ox.BlankNode | ox.Literal | None = None,
        graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]: ...

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]: ...
