"""Where a small cold query's time goes, layer by layer, from pyoxigraph to nginx, beside Oxigraph's
in-memory server on the same data (the engine the app embeds, with its own HTTP server in Rust):

    python bench/cold_path.py [--query 06-convention-prohibitions] [--duration 3]

The layers: the query evaluated and serialized in this process; the same through an executor process
(a socket round trip, as the tier runs queries); the Flask app around the first (protocol, checks,
negotiation; no executor) through its test client; `ccmkg serve` (gunicorn's sync workers and the
app) over HTTP; `ccmkg deploy` (nginx, the pool's front of threads, the app, the executors). Every
request is a new query text (a numbered comment), so no cache answers. The report goes to docs/benchmarks/cold-path.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.compare import _wrk  # noqa: E402
from bench.endpoint import _port  # noqa: E402
from bench.tier import _oxigraph_in_memory, _start, dataset_and_queries  # noqa: E402
from tests.support.processes import stop  # noqa: E402

FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}


def _p50(call, n: int) -> float:
    """The median of `n` timed calls (ms), after a tenth as many not counted."""
    for i in range(max(10, n // 10)):
        call(-i - 1)
    times = []
    for i in range(n):
        started = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def in_process(data: Path, query: str, n: int) -> dict[str, float]:
    from server.app import create_app
    from server.negotiation import RESULT_FORMATS
    from server.sparql.executors import Executor, evaluate
    from server.sparql.query import Job, run

    app = create_app({"DATA_FILE": str(data), "QUERY_TIMEOUT": 10})
    store = app.extensions["ccm_dataset"].store
    client = app.test_client()

    def job(i: int) -> Job:
        return Job(f"{query}\n# {i}", RESULT_FORMATS[0], None)

    out = {"pyoxigraph: evaluate and serialize, in this process": _p50(lambda i: run(store, job(i)), n)}
    with tempfile.TemporaryDirectory() as folder:
        executor = Executor(Path(folder) / "executor.sock")
        executor.start(store)
        try:
            out["the same through an executor process (a socket round trip, the job and answer pickled)"] = _p50(
                lambda i: evaluate(executor.socket, job(10**6 + i), 10), n
            )
        finally:
            executor.stop()

    def flask(i: int) -> None:
        body = urllib.parse.urlencode({"query": f"{query}\n# {2 * 10**6 + i}"})
        assert client.post("/sparql", data=body, headers=FORM).status_code == 200

    out["the Flask app around the first (protocol, checks, negotiation; no executor), its test client"] = _p50(flask, n)
    return out


def over_http(data: Path, query: str, duration: float) -> dict[str, float]:
    env = {"QUERY": query, "QPATH": "/sparql"}
    out = {}
    for label, command in (
        ("`ccmkg serve` over HTTP: gunicorn's sync workers and the app", ["serve", "--workers", "2"]),
        ("`ccmkg deploy`: nginx, the pool's front of threads, the app, an executor", ["deploy"]),
    ):
        port = _port()
        proc = _start(
            [sys.executable, "-m", "server.cli", *command, "--data", str(data), "--port", str(port)], port, "/readyz"
        )
        try:
            out[label] = _wrk(f"http://127.0.0.1:{port}/", "wrk_cold.lua", 1, duration, env)["p50"]
        finally:
            stop(proc, timeout=30)
    port = _port()
    oxigraph = _oxigraph_in_memory(data, port)
    try:
        their = {"QUERY": query, "QPATH": "/query"}
        out["Oxigraph's own server, in memory (`oxigraph serve`)"] = _wrk(
            f"http://127.0.0.1:{port}/", "wrk_cold.lua", 1, duration, their
        )["p50"]
    finally:
        stop(oxigraph, timeout=30)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--query", default="06-convention-prohibitions", help="an example query's name")
    parser.add_argument("--duration", type=float, default=3.0, help="seconds of wrk per server")
    parser.add_argument("--calls", type=int, default=2000, help="timed calls per in-process layer")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks" / "cold-path.md"))
    args = parser.parse_args()
    data, queries = dataset_and_queries()
    query = queries[args.query]
    # the in-process layers in a process of their own: the executor is forked from it
    rows = in_process(data, query, args.calls) | over_http(data, query, args.duration)
    reference = rows["Oxigraph's own server, in memory (`oxigraph serve`)"]
    lines = [
        "# Where a small cold query's time goes",
        "",
        "Generated by the command below; do not edit. One run on this machine (2 cores, shared with the load "
        "generator).",
        "",
        f"`python bench/cold_path.py --query {args.query}`: p50 of {args.calls} calls per in-process layer, and "
        f"of wrk (1 connection, {args.duration:g} s, each request a new query text) over HTTP; ms.",
        "",
        "| layer | p50 ms | / Oxigraph in memory |",
        "| --- | --- | --- |",
        *[f"| {label} | {ms:.3f} | {ms / reference:.2f}x |" for label, ms in rows.items()],
        "",
    ]
    Path(args.out).write_text("\n".join(lines))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
