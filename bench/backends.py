"""The app on each external store beside the store's own endpoint, and the proxy tier beside one
instance, in one run:

    python bench/backends.py [--duration 2] [--smoke]

- Per backend (Oxigraph's server, Virtuoso 7 when `virtuoso-t` is installed): the store loaded with
  `ccmkg publish`, one `ccmkg serve --store` instance (2 workers) on it; every example query, cold
  (each request a different query text) at one connection, through the app and straight to the
  store with the same dataset (our four graphs as default-graph-uri and named-graph-uri, as the app
  sends them). The ratio app / store is what the app costs on top of the store: HTTP twice, parsing
  the store's answer, serializing ours.
- The tier: entity documents at 8 connections from one `ccmkg serve` instance (2 workers), then from
  `ccmkg deploy` (nginx, 2 page instances of 1 worker of 4 threads): cold (a new address each request, so an
  instance renders it) and from the tier's cache.

The report goes to docs/benchmarks/backends.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.compare import _tree_memory_mb, _wrk  # noqa: E402
from bench.endpoint import _port  # noqa: E402
from bench.tier import _start, dataset_and_queries  # noqa: E402
from tests.support.processes import OxigraphStore, VirtuosoStore, stop  # noqa: E402

PAGES = {"Lausanne action 18": "/id/lap/action/18", "Article 4 (the largest page)": "/id/convention/article/4"}


def _publish(endpoint: str, data: Path, *args: str) -> float:
    """`ccmkg publish` into the store: its wall time in seconds."""
    started = time.monotonic()
    command = [sys.executable, "-m", "server.cli", "publish", "--store", endpoint, "--data", str(data), *args]
    subprocess.run(command, check=True, capture_output=True)
    return time.monotonic() - started


@contextmanager
def _oxigraph(data: Path, folder: Path) -> Iterator[tuple[str, OxigraphStore, float]]:
    store = OxigraphStore(folder).start()
    try:
        yield store.endpoint, store, _publish(store.endpoint, data)
    finally:
        store.stop()


@contextmanager
def _virtuoso(data: Path, folder: Path) -> Iterator[tuple[str, VirtuosoStore, float]]:
    store = VirtuosoStore(folder).start()
    try:
        isql = ["--virtuoso-isql", f"127.0.0.1:{store.sql}", "--virtuoso-dir", str(folder)]
        yield store.endpoint, store, _publish(store.endpoint, data, *isql)
    finally:
        store.stop()


def _graphs(data: Path) -> list[str]:
    import pyoxigraph as ox

    return sorted({q.graph_name.value for q in ox.parse(path=str(data)) if isinstance(q.graph_name, ox.NamedNode)})


def _backend(store: tuple[str, object, float], queries: dict[str, str], graphs: list[str], duration: float):
    endpoint, process, _ = store
    store_base, store_path = endpoint.rsplit("/", 1)
    dataset = "".join(f"&default-graph-uri={quote(g, safe='')}&named-graph-uri={quote(g, safe='')}" for g in graphs)
    port = _port()
    app = _start(
        [sys.executable, "-m", "server.cli", "serve", "--store", endpoint, "--port", str(port), "--workers", "2"],
        port,
        "/readyz",
    )
    rows = {}
    try:
        for qname, q in queries.items():
            ours = _wrk(f"http://127.0.0.1:{port}/", "wrk_cold.lua", 1, duration, {"QUERY": q, "QPATH": "/sparql"})
            env = {"QUERY": q, "QPATH": "/" + store_path, "EXTRA": dataset}
            theirs = _wrk(store_base + "/", "wrk_cold.lua", 1, duration, env)
            rows[qname] = (ours["p50"], theirs["p50"], ours["errors"] + theirs["errors"])
        memory = (_tree_memory_mb(app.pid)[1], _tree_memory_mb(process.process.pid)[1])
    finally:
        stop(app, timeout=30)
    return rows, memory


def _tier(data: Path, duration: float) -> dict[tuple[str, str, str], dict[str, float]]:
    out = {}
    one, tier = _port(), _port()
    single = _start(
        [sys.executable, "-m", "server.cli", "serve", "--data", str(data), "--port", str(one), "--workers", "2"],
        one,
        "/readyz",
    )
    try:
        for label, path in PAGES.items():
            for fmt, accept in (("HTML", "text/html"), ("Turtle", "text/turtle")):
                url = f"http://127.0.0.1:{one}{path}"
                out[(label, fmt, "one instance")] = _wrk(url, "wrk_get.lua", 8, duration, {"ACCEPT": accept})
    finally:
        stop(single, timeout=30)
    deployed = _start(
        [sys.executable, "-m", "server.cli", "deploy", "--data", str(data), "--port", str(tier)], tier, "/readyz"
    )
    try:
        for label, path in PAGES.items():
            for fmt, accept in (("HTML", "text/html"), ("Turtle", "text/turtle")):
                url = f"http://127.0.0.1:{tier}{path}"
                out[(label, fmt, "tier, cold")] = _wrk(url, "wrk_get_cold.lua", 8, duration, {"ACCEPT": accept})
                out[(label, fmt, "tier, cache")] = _wrk(url, "wrk_get.lua", 8, duration, {"ACCEPT": accept})
    finally:
        stop(deployed, timeout=30)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=2.0)
    parser.add_argument("--smoke", action="store_true", help="two queries and one second per case")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks" / "backends.md"))
    args = parser.parse_args()
    duration = 1 if args.smoke else args.duration
    data, queries = dataset_and_queries(2 if args.smoke else None)
    graphs = _graphs(data)
    backends = {"Oxigraph server": _oxigraph}
    if shutil.which("virtuoso-t"):
        backends["Virtuoso 7"] = _virtuoso
    results = {}
    for name, start in backends.items():
        with tempfile.TemporaryDirectory() as folder, start(data, Path(folder)) as store:
            results[name] = (*_backend(store, queries, graphs, duration), store[2])
    pages = _tier(data, duration)

    lines = [
        "# The app on each store, and the tier beside one instance",
        "",
        "Generated by the command below; do not edit. Figures from one run on this machine (2 cores, shared "
        "with the load generator and the store).",
        "",
        f"`python bench/backends.py{' --smoke' if args.smoke else ''}`: wrk, {duration:g} s per case, one "
        "connection, each request a different query text (no cache on either side); times are p50 in ms. "
        "The app is one `ccmkg serve --store` instance of 2 workers; the store is asked the same query with "
        "the same dataset (our four graphs as default-graph-uri and named-graph-uri) straight. The ratio is "
        "what the app adds on top of the store.",
        "",
        "## Per backend: the app beside the store's own endpoint",
        "",
        "| backend | median app / store | app p50 (median) | store p50 (median) | PSS app | PSS store | non-2xx "
        "| `ccmkg publish` |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, (rows, (pss_app, pss_store), published) in results.items():
        ratios = [ours / theirs for ours, theirs, _ in rows.values()]
        lines.append(
            f"| {name} | **{statistics.median(ratios):.2f}x** | {statistics.median(r[0] for r in rows.values()):.2f} "
            f"| {statistics.median(r[1] for r in rows.values()):.2f} | {pss_app:.0f} MB | {pss_store:.0f} MB "
            f"| {sum(r[2] for r in rows.values())} | {published:.2f} s |"
        )
    lines += [
        "",
        "`ccmkg publish` is SPARQL Update on Oxigraph (one request per graph) and the bulk loader through isql "
        "on Virtuoso (SPARQL Update cannot carry this data there: see the README), wall time including the "
        "command's start.",
    ]
    for name, (rows, _, _) in results.items():
        lines += [
            "",
            f"### {name}, per query",
            "",
            "| query | app | store | app / store |",
            "| --- | --- | --- | --- |",
        ]
        lines += [f"| {q} | {a:.2f} | {b:.2f} | {a / b:.2f}x |" for q, (a, b, _) in rows.items()]
    lines += [
        "",
        "## The tier (nginx, 2 page instances) beside one instance, entity documents at 8 connections",
        "",
        "Cold: a new address each request (`?probe=N`), so an instance renders every answer; cache: the same "
        "address again, answered by nginx.",
        "",
        "| page | format | served by | p50 ms | requests/s | non-2xx |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for (label, fmt, by), r in sorted(pages.items()):
        lines.append(f"| {label} | {fmt} | {by} | {r['p50']:.2f} | {r['rps']:.0f} | {r['errors']} |")
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
