"""Running user queries in child processes that can be stopped.

pyoxigraph has no query timeout, and a thread cannot be stopped: a query past its deadline
would burn a core until it ended by itself. Each query therefore runs in a child process; when
the deadline passes the child is killed and a fresh one takes its place. The children are forked
from a forkserver that loaded the store once (`preload`), so a new child is ready in
milliseconds and shares the store's memory with its siblings.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph as ox

from . import preload, results
from .formats import BY_NAME

DATA_ENV = preload.DATA_ENV


@dataclass
class Job:
    query: str
    result_format: str | None  # name of the format for SELECT and ASK (formats.BY_NAME)
    graph_format: str | None  # for CONSTRUCT and DESCRIBE
    default_graphs: list[str] | None = None  # protocol default-graph-uri
    named_graphs: list[str] | None = None  # protocol named-graph-uri
    max_rows: int = 10_000
    prefixes: dict[str, str] = field(default_factory=dict)
    base_iri: str | None = None  # resolves relative IRIs such as CONSTRUCT { <s> <p> 1 }
    own_dataset: bool = False  # FROM in the query: leave the default graph to it


@dataclass
class Outcome:
    status: int
    media_type: str
    body: bytes
    truncated: int | None = None  # the row cap, when rows were cut
    kind: str = ""  # select | ask | graph | error


class QueryTimeout(Exception):
    pass


class PoolBusy(Exception):
    """No query process became free within the deadline."""


def run(store: ox.Store, job: Job) -> Outcome:
    """Execute one job against a store (in a child process)."""
    result_format = BY_NAME.get(job.result_format or "")
    graph_format = BY_NAME.get(job.graph_format or "")
    kwargs: dict = {"base_iri": job.base_iri}
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
            rows, truncated = [], None
            for solution in answer:
                if len(rows) == job.max_rows:
                    truncated = job.max_rows
                    break
                rows.append([solution[v] for v in variables])
            body = results.solutions(variables, rows, result_format)
            return Outcome(200, result_format.media_type, body, truncated, kind="select")
        if graph_format is None:
            return Outcome(406, "text/plain", b"no acceptable format for a graph result", kind="error")
        items, truncated = [], None
        for triple in answer:
            if len(items) == job.max_rows:
                truncated = job.max_rows
                break
            items.append(triple)
        body = results.triples(items, graph_format, job.prefixes)
        return Outcome(200, graph_format.media_type, body, truncated, kind="graph")
    except SyntaxError as exc:
        return Outcome(400, "text/plain; charset=utf-8", f"query syntax error: {exc}".encode(), kind="error")
    except (ValueError, OSError, RuntimeError) as exc:
        return Outcome(400, "text/plain; charset=utf-8", f"query failed: {exc}".encode(), kind="error")


def _child(conn: Connection) -> None:
    store = preload.store()
    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        conn.send(run(store, job))


class _Worker:
    def __init__(self, ctx: multiprocessing.context.BaseContext) -> None:
        self.conn, child_conn = ctx.Pipe()
        self.process = ctx.Process(target=_child, args=(child_conn,), daemon=True)
        self.process.start()
        child_conn.close()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """`size` query processes kept warm; when all are busy (a slow query holds one until its
    deadline) up to `max_size` are started, so other queries need not wait; beyond that a query
    waits for a free one, within its deadline."""

    def __init__(self, data_file: str, size: int, max_size: int | None = None) -> None:
        self._max = max(size, max_size or 4 * size)
        os.environ[DATA_ENV] = data_file
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["server.preload"])
        self._free: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        self._free.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self._ctx)
        with self._lock:
            self._all.add(worker)
        return worker

    def _acquire(self, timeout: float) -> _Worker:
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            room = len(self._all) < self._max
        if room:
            return self._start()
        try:
            return self._free.get(timeout=timeout)
        except queue.Empty:
            raise PoolBusy from None

    def execute(self, job: Job, timeout: float) -> Outcome:
        worker = self._acquire(timeout)
        try:
            worker.conn.send(job)
            if worker.conn.poll(timeout):
                outcome = worker.conn.recv()
                self._free.put(worker)
                return outcome
        except (EOFError, OSError, BrokenPipeError):
            pass  # the child died (out of memory, killed): replace it below
        self._replace(worker)
        raise QueryTimeout

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        self._add()

    def close(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
