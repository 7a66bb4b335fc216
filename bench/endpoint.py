"""Latency of the example queries on our endpoint and on Oxigraph's own server, same data, one run.

    python bench/endpoint.py [--repeat 50] [--smoke]

Starts `ccmkg serve --data build/ccm.nq` and `oxigraph serve-read-only --union-default-graph` on
127.0.0.1, sends each example query of queries/ and two subject look-ups `repeat` times from one
client (keep-alive), then the whole mix from 8 clients at once, and writes
docs/benchmarks/endpoint.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from graph.sources.examples import load_examples  # noqa: E402

LOOKUPS = {
    "lookup: lap/action/18": "SELECT ?p ?o WHERE { <https://w3id.org/ccm/id/lap/action/18> ?p ?o }",
    "lookup: article/4/paragraph/1": (
        "SELECT ?p ?o WHERE { <https://w3id.org/ccm/id/convention/article/4/paragraph/1> ?p ?o }"
    ),
}


def _port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on {port} did not start")


@contextmanager
def _process(cmd: list[str], port: int, ready: str):
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait(port, ready)
        yield proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def _ask(conn: http.client.HTTPConnection, path: str, query: str) -> float:
    body = urlencode({"query": query})
    start = time.perf_counter()
    conn.request(
        "POST",
        path,
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
    )
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - start
    if response.status != 200:
        raise RuntimeError(f"{response.status} for {query[:60]}")
    return elapsed


def _sequential(port: int, path: str, query: str, repeat: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(3):
        _ask(conn, path, query)
    times = [_ask(conn, path, query) for _ in range(repeat)]
    conn.close()
    return times


def _concurrent(port: int, path: str, queries: list[str], clients: int, per_client: int) -> tuple[float, list[float]]:
    def client(i: int) -> list[float]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        out = [_ask(conn, path, queries[(i + k) % len(queries)]) for k in range(per_client)]
        conn.close()
        return out

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        times = [t for ts in pool.map(client, range(clients)) for t in ts]
    return len(times) / (time.perf_counter() - start), times


def _ms(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000 if len(values) > 1 else values[0] * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--smoke", action="store_true", help="a few requests only, to keep the harness working")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks" / "endpoint.md"))
    args = parser.parse_args()
    repeat = 5 if args.smoke else args.repeat
    data = ROOT / "build" / "ccm.nq"
    if not data.is_file():
        subprocess.run([sys.executable, "-m", "server.cli", "build"], check=True, cwd=ROOT)
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    queries = {e.name: e.query for e in load_examples()} | LOOKUPS

    ours_port, oxi_port = _port(), _port()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        stack.enter_context(
            _process(
                [sys.executable, "-m", "server.cli", "serve", "--data", str(data), "--port", str(ours_port)],
                ours_port,
                "/readyz",
            )
        )
        servers = {"ccm-kg": (ours_port, "/sparql")}
        if Path(oxigraph).exists():
            subprocess.run([oxigraph, "load", "--location", tmp, "--file", str(data)], check=True, capture_output=True)
            stack.enter_context(
                _process(
                    [
                        oxigraph,
                        "serve-read-only",
                        "--location",
                        tmp,
                        "--bind",
                        f"127.0.0.1:{oxi_port}",
                        "--union-default-graph",
                    ],
                    oxi_port,
                    "/query?query=ASK%7B%7D",
                )
            )
            servers["oxigraph"] = (oxi_port, "/query")
        latency: dict[str, dict[str, list[float]]] = {name: {} for name in servers}
        for name, (port, path) in servers.items():
            for qname, query in queries.items():
                latency[name][qname] = _sequential(port, path, query, repeat)
        load = {
            name: _concurrent(port, path, list(queries.values()), 8, 2 if args.smoke else 25)
            for name, (port, path) in servers.items()
        }

    lines = [
        "# SPARQL endpoint latency",
        "",
        f"`python bench/endpoint.py{' --smoke' if args.smoke else ''}`: each query {repeat} times from one "
        "keep-alive client after 3 warm-up requests; same N-Quads file (`build/ccm.nq`) on both servers; "
        "Oxigraph's server is `oxigraph serve-read-only --union-default-graph`. Times in milliseconds.",
        "",
        "| query | ccm-kg p50 | ccm-kg p99 | oxigraph p50 | oxigraph p99 | p50 ratio |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for qname in queries:
        ours = latency["ccm-kg"][qname]
        row = f"| {qname} | {_ms(ours, 50):.2f} | {_ms(ours, 99):.2f} |"
        if "oxigraph" in latency:
            oxi = latency["oxigraph"][qname]
            row += f" {_ms(oxi, 50):.2f} | {_ms(oxi, 99):.2f} | {_ms(ours, 50) / _ms(oxi, 50):.2f}x |"
        else:
            row += " n/a | n/a | n/a |"
        lines.append(row)
    lines += [
        "",
        "Eight clients at once, the whole mix:",
        "",
        "| server | requests/s | p50 | p99 |",
        "| --- | --- | --- | --- |",
    ]
    for name, (rate, times) in load.items():
        lines.append(f"| {name} | {rate:.0f} | {_ms(times, 50):.2f} | {_ms(times, 99):.2f} |")
    report.write(args.out, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
