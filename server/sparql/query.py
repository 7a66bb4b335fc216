"""Running one user query against the store, with a cap on rows, into a serialized response."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..negotiation import Format
from ..store import Store
from ..store.remote import StoreError, StoreUnavailable
from . import results


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
    try:
        answer = store.query(job.query, **kwargs)
        if isinstance(answer, ox.QueryBoolean):
            if result_format is None:
                return Outcome(406, "text/plain", b"no acceptable format for an ASK result", kind="error")
            return Outcome(200, result_format.media_type, results.boolean(bool(answer), result_format), kind="ask")
        if isinstance(answer, ox.QuerySolutions):
            if result_format is None:
                return Outcome(406, "text/plain", b"no acceptable format for a SELECT result", kind="error")
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
        return Outcome(400, "text/plain; charset=utf-8", f"query syntax error: {exc}".encode(), kind="error")
    except (ValueError, OSError, RuntimeError) as exc:
        return Outcome(400, "text/plain; charset=utf-8", f"query failed: {exc}".encode(), kind="error")


def _size(term: ox.Term | None) -> int:
    """About what a value costs in a response: its characters (a quoted triple, its parts')."""
    if term is None:
        return 0
    if isinstance(term, ox.Triple):
        return _size(term.subject) + _size(term.predicate) + _size(term.object)
    return len(term.value)
