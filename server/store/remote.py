"""An external SPARQL 1.1 store, reached through SPARQLWrapper, behind the same small interface the
app uses of pyoxigraph's Store: query, quads_for_pattern, named_graphs.

Results come back in standard formats (SPARQL JSON results, N-Triples) and are parsed with
pyoxigraph, so everything above sees the same objects whichever store answers; where a kind of store
writes them its own way, its profile (`profiles.py`) evens that out. The default graph
is the union of the named graphs: Oxigraph is asked per query (`union-default-graph`), so that a
query's own FROM still selects; other stores need it configured (see the README)."""

from __future__ import annotations

import re
import time
import urllib.error
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, QueryBadFormed, SPARQLWrapperException

from ..sparql.lexical import FROM, OPAQUE, query_form
from .profiles import STANDARD, Profile, detect


class StoreUnavailable(Exception):
    """The store did not answer: down, unreachable, or past the deadline."""


class StoreError(Exception):
    """The store refused the query; the message is the store's."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _read_by(response: Any, deadline: float) -> bytes:
    """The whole body, or StoreUnavailable past the deadline: a socket timeout bounds each read, not a
    store that trickles a byte at a time."""
    chunks = []
    while chunk := response.read1(65536):
        chunks.append(chunk)
        if time.monotonic() > deadline:
            response.close()
            raise StoreUnavailable("the store's answer took longer than the deadline")
    return b"".join(chunks)


class RemoteStore:
    def __init__(self, endpoint: str, timeout: float = 10.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.graphs: list[str] = []  # the dataset's graphs, once known: every query's dataset
        self.profile: Profile | None = None  # known from the store's first answer

    def _client(self, query: str, fmt: str, kwargs: dict[str, Any], timeout: float) -> SPARQLWrapper:
        client = SPARQLWrapper(self.endpoint, agent="ccm-kg")
        client.setMethod(POST)
        client.setQuery(query)
        client.setReturnFormat(fmt)
        # content negotiation only: a `format=` parameter besides Accept makes Virtuoso answer 406
        client.setOnlyConneg(True)
        client.setTimeout(int(max(1, round(timeout))))
        # the deadline travels with the query, for stores that honour it (Fuseki, Virtuoso: timeout in ms),
        # short of our own wait, so that the store's refusal arrives before we give up
        limit = (self.profile or STANDARD).store_timeout(timeout)
        client.addParameter("timeout", str(int(limit * 1000)))
        chosen = kwargs.get("default_graph") is not None or kwargs.get("named_graphs") is not None
        for graph in kwargs.get("default_graph") or []:
            client.addDefaultGraph(graph.value)
        for graph in kwargs.get("named_graphs") or []:
            client.addNamedGraph(graph.value)
        if not chosen and self.graphs and not FROM.search(OPAQUE.sub(" ", query)):
            # the dataset is our graphs, said as the protocol says it, so the default graph is their union
            # on any store and holds nothing of the store's own (Virtuoso's system graphs)
            for graph in self.graphs:
                client.addDefaultGraph(graph)
                client.addNamedGraph(graph)
        elif kwargs.get("use_default_graph_as_union"):
            # before the graphs are known: Oxigraph's per-query switch
            client.addParameter("union-default-graph", "true")
        return client

    def _run(self, query: str, kwargs: dict[str, Any], graph: bool) -> tuple[bytes, str]:
        base = kwargs.get("base_iri")
        if base and _RELATIVE_IRI.search(_STRINGS.sub(" ", query)):  # only then: BASE shifts error positions
            query = f"BASE <{base}>\n{query}"
        if self.profile is not None:
            query = self.profile.prepare(query)
        timeout = kwargs.get("timeout") or self.timeout  # a query's own deadline, shorter than ours
        if graph:
            client = self._client(query, N3, kwargs, timeout)
            client.addCustomHttpHeader("Accept", "application/n-triples")
        else:
            client = self._client(query, JSON, kwargs, timeout)
        started = time.monotonic()
        try:
            response = client.query().response
            if self.profile is None:
                self.profile = detect(response.headers.get("Server"))
            body = _read_by(response, started + timeout)
            if (why := self.profile.incomplete(response.headers)) is not None:
                raise StoreError(503, f"the query ran past its deadline of {timeout:g} s: the store says {why}")
            body = self.profile.triples(body) if graph else self.profile.results(body)
            return body, response.headers.get("Content-Type", "")
        except QueryBadFormed as exc:
            m = re.search(r"Response:\s*b?(['\"])(.*)\1\s*$", str(exc), re.S)
            raise SyntaxError(m.group(2) if m else str(exc)) from None
        except EndPointInternalError as exc:
            raise StoreError(502, f"the triple store failed: {exc}") from None
        except SPARQLWrapperException as exc:
            raise StoreError(502, f"the triple store refused the query: {exc}") from None
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            raise StoreUnavailable(str(getattr(exc, "reason", exc))) from None

    def query(self, query: str, **kwargs: Any) -> ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]:
        kind = query_form(query)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            body, media_type = self._run(query, kwargs, graph=True)
            # SPARQLWrapper also sends format=n3, which some stores (ours) honour over Accept with Turtle
            fmt = ox.RdfFormat.from_media_type(media_type.split(";")[0].strip()) or ox.RdfFormat.N_TRIPLES
            try:
                return iter(list(ox.parse(body, format=fmt)))
            except SyntaxError as exc:
                raise StoreError(
                    502, f"the triple store answered {media_type or 'no type'} it could not be read: {exc}"
                ) from None
        body, media_type = self._run(query, kwargs, graph=False)
        try:  # read once through: the rows are parsed lazily, and a bad one must not pass for the user's error
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            if isinstance(parsed, ox.QuerySolutions):
                for _ in parsed:
                    pass
        except SyntaxError as exc:
            raise StoreError(
                502, f"the triple store answered {media_type or 'no type'} that is not SPARQL JSON results: {exc}"
            ) from None
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def quads_for_pattern(
        self,
        s: ox.NamedNode | None = None,
        p: ox.NamedNode | None = None,
        o: ox.NamedNode | ox.Literal | None = None,
        g: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        def term(t: ox.NamedNode | ox.Literal | None, var: str) -> str:
            return str(t) if t is not None else f"?{var}"

        graph = term(g, "g")
        query = f"SELECT * WHERE {{ GRAPH {graph} {{ {term(s, 's')} {term(p, 'p')} {term(o, 'o')} }} }}"
        for row in self.query(query):
            yield ox.Quad(s or row["s"], p or row["p"], o or row["o"], g or row["g"])

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            if isinstance(row["g"], ox.NamedNode):
                yield row["g"]


_RELATIVE_IRI = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.-]*:)[^<>\"{}|^`\\\s]*>")
_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"|' r"'(?:[^'\\\n]|\\.)*'|#[^\n]*")
