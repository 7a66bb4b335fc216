"""Running one user query against the store, with a cap on rows, into a serialized response."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..negotiation import Format
from ..store import Store
from ..store.remote import RemoteStore, StoreError, StoreUnavailable
from . import results
from .messages import syntax_error


@dataclass
class Job:
    query: str
    result_format: Format | None  # for SELECT and ASK; None: nothing the client accepts
    graph_format: Format | None  # for CONSTRUCT and DESCRIBE
    default_graphs: list[str] | None = None  # protocol default-graph-uri
    named_graphs: list[str] | None = None  # protocol named-graph-uri
    max_rows: int = 10_000
    max_bytes: int = 16 * 1024 * 1024  # of values: 50 rows of a 1.5 MB literal are not 50 small rows
    prefixes: dict[str, str] = field(default_factory=dict)
    base_iri: str | None = None  # resolves relative IRIs such as CONSTRUCT { <s> <p> 1 }
    own_dataset: bool = False  # FROM in the query: leave the default graph to it
    store_timeout: float | None = None  # an external store's share of a deadline shorter than the app's


@dataclass
class Outcome:
    status: int
    media_type: str
    body: bytes
    truncated: int | None = None  # the row cap, when rows were cut
    truncated_bytes: int | None = None  # the byte cap, when rows were cut by their size
    kind: str = ""  # select | ask | graph | error


def run(store: Store, job: Job) -> Outcome:
    """Execute one job against a store; the answer serialized, or the error as an HTTP status."""
    result_format, graph_format = job.result_format, job.graph_format
    kwargs: dict[str, object] = {"base_iri": job.base_iri}
    if job.default_graphs is not None or job.named_graphs is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or []]
    elif not job.own_dataset:
        kwargs["use_default_graph_as_union"] = True
    if job.store_timeout is not None and isinstance(store, RemoteStore):
        kwargs["timeout"] = job.store_timeout
    try:
        answer = store.query(job.query, **kwargs)
        if isinstance(answer, ox.QueryBoolean):
            if result_format is None:
                return Outcome(406, "text/plain", b"no acceptable format for an ASK result", kind="error")
            return Outcome(200, result_format.media_type, results.boolean(bool(answer), result_format), kind="ask")
        if isinstance(answer, ox.QuerySolutions):
            if result_format is None:
                return Outcome(406, "text/plain", b"no acceptable format for a SELECT result", kind="error")
            if (body := _whole(answer, result_format, job)) is not None:
                return Outcome(200, result_format.media_type, body, kind="select")
            answer = store.query(job.query, **kwargs)  # too large to send whole: again, row by row, to cut it
            variables = [v.value for v in answer.variables]
            rows, truncated, cut, size = [], None, None, 0
            for solution in answer:
                if len(rows) == job.max_rows:
                    truncated = job.max_rows
                    break
                row = [solution[v] for v in variables]
                size += sum(_size(t) for t in row)
                if size > job.max_bytes:
                    cut = job.max_bytes
                    break
                rows.append(row)
            body = results.solutions(variables, rows, result_format)
            return Outcome(200, result_format.media_type, body, truncated, cut, kind="select")
        if graph_format is None:
            return Outcome(406, "text/plain", b"no acceptable format for a graph result", kind="error")
        items, truncated, cut, size = [], None, None, 0
        for triple in answer:
            if len(items) == job.max_rows:
                truncated = job.max_rows
                break
            size += _size(triple.subject) + _size(triple.predicate) + _size(triple.object)
            if size > job.max_bytes:
                cut = job.max_bytes
                break
            items.append(triple)
        body = results.triples(items, graph_format, job.prefixes)
        return Outcome(200, graph_format.media_type, body, truncated, cut, kind="graph")
    except StoreUnavailable as exc:
        return Outcome(
            503,
            "text/plain; charset=utf-8",
            f"the triple store did not answer ({exc}); try again".encode(),
            kind="error",
        )
    except StoreError as exc:
        return Outcome(exc.status, "text/plain; charset=utf-8", str(exc).encode(), kind="error")
    except SyntaxError as exc:
        return Outcome(400, "text/plain; charset=utf-8", syntax_error(job.query, str(exc)).encode(), kind="error")
    except (ValueError, OSError, RuntimeError) as exc:
        return Outcome(400, "text/plain; charset=utf-8", f"query failed: {exc}".encode(), kind="error")


class _Full(Exception):
    pass


class _Capped(io.RawIOBase):
    """Takes what pyoxigraph's serializer writes, up to `limit` bytes; past it, stops the serializer."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.size, self.limit = 0, limit

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _Full
        self.parts.append(bytes(data))
        return len(data)


# past this, an answer is built row by row, at three times the serializer's cost (example 21, 1.1 MB of
# JSON: 118 ms against 39); up to here, the serializer's work is what an answer too large wastes
_WHOLE_AT_MOST = 8 << 20
# the fewest bytes a row takes in a serialization: `{},` in JSON, `<result></result>` in XML
_SMALLEST_ROW = {ox.QueryResultsFormat.JSON: 3, ox.QueryResultsFormat.XML: 17}


def _whole(answer: ox.QuerySolutions, fmt: Format, job: Job) -> bytes | None:
    """The answer written by pyoxigraph's own serializer (a row of a few values costs a tenth of what
    building it here does) when it needs no cut: at most `max_bytes` written (the values, which are
    fewer, then fit too) and `max_rows` rows. None when it needs one; the serializer is stopped as soon
    as it writes past `max_bytes` or 8 MB."""
    if fmt.results not in _SMALLEST_ROW:
        return None
    out = _Capped(min(job.max_bytes, _WHOLE_AT_MOST))
    try:
        answer.serialize(out, format=fmt.results)  # the writer's exception comes through as it is
    except _Full:
        return None
    body = b"".join(out.parts)
    if len(body) >= _SMALLEST_ROW[fmt.results] * job.max_rows:  # could hold more rows than the cap: count
        rows = (
            len(json.loads(body)["results"]["bindings"])
            if fmt.results == ox.QueryResultsFormat.JSON
            else body.count(b"<result>")
        )
        if rows > job.max_rows:
            return None
    return body


def _size(term: ox.Term | None) -> int:
    """About what a value costs in a response: its characters (a quoted triple, its parts')."""
    if term is None:
        return 0
    if isinstance(term, ox.Triple):
        return _size(term.subject) + _size(term.predicate) + _size(term.object)
    return len(term.value)
