"""The serving tier (`ccmkg deploy`: nginx, page instances, a SPARQL instance) beside Oxigraph's own
server on the same data, in memory (what the app embeds: the engine's true limit) and on disk, as
ratios (this machine is noisy):

    python bench/tier.py [--duration 3] [--workshop 20] [--scales 10,100] [--smoke]

- cold queries: every request a different query (a numbered comment), so no cache answers it;
- warm queries: the same GET again, answered from the tier's cache (reported apart: a cache hit);
- a workshop: 30 connections from one address POSTing the example queries in a loop, on each server;
- entity documents (HTML and Turtle, the largest page too) at 1 and 8 connections, beside
  Oxigraph answering DESCRIBE of the same IRI;
- under attack: with 8 heavy queries (from 4 client addresses) and 8 stalled connections open, how
  long a health check, an entity page and a trivial query take; then the same with the fast slot
  taken by a heavy query as well;
- memory: PSS of the whole tier after the runs and a crawl of entity pages, and of Oxigraph's server;
- growth: the same (without the attack) on corpora 10 and 100 times the real one, built here.

The report goes to docs/benchmarks/tier.md.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.compare import _tree_memory_mb, _wrk  # noqa: E402
from bench.endpoint import _port, _wait  # noqa: E402
from bench.procs import children, unix_sockets  # noqa: E402
from graph.publish.files import MANIFEST  # noqa: E402
from graph.sources.examples import load_examples  # noqa: E402
from tests.support.processes import stop  # noqa: E402

PAGES = {"Lausanne action 18": "/id/lap/action/18", "Article 4 (the largest page)": "/id/convention/article/4"}
BASE = "https://w3id.org/ccm"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON = "application/sparql-results+json"
CRAWL = 400  # entity pages asked once each before memory is measured
TARGETS = {"cold": 1.25, "warm": 0.8, "pages_rps": 4000, "attack_ms": 100, "pss_mb": 150}
WORKSHOP = 30  # connections from one address


def dataset_and_queries(first: int | None = None) -> tuple[Path, dict[str, str]]:
    """build/ccm.nq (built first when absent) and the example queries by name (only the `first` few)."""
    data = ROOT / "build" / "ccm.nq"
    if not data.is_file():
        subprocess.run([sys.executable, "-m", "server.cli", "build"], check=True, cwd=ROOT)
    queries = {e.name: e.query for e in load_examples()}
    return data, dict(list(queries.items())[:first])


def _start(cmd: list[str], port: int, ready: str) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _wait(port, ready, timeout=900)  # the 100x corpus takes minutes to load and warm
    return proc


def _get_ms(port: int, path: str, source: str = "127.0.0.1", accept: str = "text/html") -> tuple[int, float]:
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=30, source_address=(source, 0)) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept: {accept}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), (time.monotonic() - started) * 1000


def _attack(port: int) -> tuple[dict[str, tuple[int, float]], list[int]]:
    """8 heavy queries from 4 addresses and 8 stalled connections; then the times others get, and the
    statuses the heavy queries got."""
    _get_ms(port, "/sparql?query=ASK%7B%7D", accept=JSON)  # in the cache before the attack
    stalled = [socket.create_connection(("127.0.0.1", port)) for _ in range(8)]
    body = urllib.parse.urlencode({"query": HEAVY}).encode()

    statuses: list[int] = []

    def heavy(source: str) -> None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=60, source_address=(source, 0)) as s:
                s.sendall(
                    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                    + body
                )
                reply = b""
                while chunk := s.recv(65536):
                    reply += chunk
                statuses.append(int(reply.split(b" ", 2)[1]))
        except (OSError, IndexError, ValueError):
            statuses.append(0)

    threads = [threading.Thread(target=heavy, args=(f"127.0.0.{2 + i % 4}",)) for i in range(8)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    ask = ("127.0.0.9", JSON)
    out = {
        "health check": _get_ms(port, "/healthz", "127.0.0.9"),
        "entity page": _get_ms(port, "/id/convention/article/4", "127.0.0.9"),
        "trivial query, cold": _get_ms(port, "/sparql?query=" + urllib.parse.quote(f"ASK {{}} # {time.time()}"), *ask),
        "trivial query, warm (cached)": _get_ms(port, "/sparql?query=ASK%7B%7D", *ask),
    }
    # the worst case: the fast slot taken as well, by one more heavy query from a newcomer
    lane = threading.Thread(target=heavy, args=("127.0.0.8",))
    lane.start()
    time.sleep(0.1)
    cold = "/sparql?query=" + urllib.parse.quote(f"ASK {{}} # {time.time()}")
    out["trivial query, cold, fast slot taken too"] = _get_ms(port, cold, *ask)
    threads.append(lane)
    for t in threads:
        t.join()
    for s in stalled:
        s.close()
    return out, sorted(statuses)


def _crawl(port: int, oxigraph_port: int, count: int) -> int:
    """Entity pages as HTML, each asked once (an instance renders each), 4 at a time; how many."""
    # a spread over every kind of entity (ordered by a hash), documents only (no fragment)
    listing = (
        f"SELECT DISTINCT ?s WHERE {{ ?s a ?c FILTER(STRSTARTS(STR(?s), '{BASE}/id/') && !CONTAINS(STR(?s), '#')) }} "
        f"ORDER BY MD5(STR(?s)) LIMIT {count}"
    )
    url = f"http://127.0.0.1:{oxigraph_port}/query?query=" + urllib.parse.quote(listing)
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=300) as r:  # at 100x, a few seconds
        paths = [line.removeprefix(BASE) for line in r.read().decode().splitlines()[1:] if line]

    def fetch(path: str) -> None:
        try:
            _get_ms(port, urllib.parse.quote(path, safe="/"))
        except OSError:  # a page past the client's 30 s still did its work in the tier
            pass

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fetch, paths))
    return len(paths)


def _oxigraph_in_memory(data: Path, port: int) -> subprocess.Popen:
    """`oxigraph serve` with no location (its in-memory store), loaded with POST /store."""
    oxigraph = Path(sys.executable).parent / "oxigraph"
    command = [str(oxigraph), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    proc = _start(command, port, "/query?query=ASK%7B%7D")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/store", data=data.read_bytes(), headers={"Content-Type": "application/n-quads"}
    )
    with urllib.request.urlopen(request, timeout=900) as r:
        assert r.status in (200, 204), r.status
    return proc


def _measure(
    data: Path, queries: dict[str, str], duration: float, crawl: int, attack: bool, workshop: float = 0
) -> dict:
    """The tier and Oxigraph's servers (on disk and in memory), each started on `data`: the queries cold
    and warm, the entity documents, memory after a crawl of `crawl` pages, (if `workshop`) the workshop
    load for that many seconds on each, and (if `attack`) the attack."""
    bindir = Path(sys.executable).parent
    tier_port, ox_port, mem_port = _port(), _port(), _port()
    out: dict = {"rows": {}, "failures": 0, "pages": {}, "workshop": {}}
    with tempfile.TemporaryDirectory() as store:
        subprocess.run([str(bindir / "oxigraph"), "load", "--location", store, "--file", str(data)], check=True)
        oxigraph = _start(
            [str(bindir / "oxigraph"), "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{ox_port}"]
            + ["--union-default-graph"],
            ox_port,
            "/query?query=ASK%7B%7D",
        )
        in_memory = _oxigraph_in_memory(data, mem_port)
        started = time.monotonic()
        tier = _start(
            [sys.executable, "-m", "server.cli", "deploy", "--data", str(data), "--port", str(tier_port)],
            tier_port,
            "/readyz",
        )
        out["ready_s"] = time.monotonic() - started
        try:
            ours, theirs = f"http://127.0.0.1:{tier_port}", f"http://127.0.0.1:{ox_port}"
            memory = f"http://127.0.0.1:{mem_port}"
            for name, q in queries.items():
                env_ours, env_theirs = {"QUERY": q, "QPATH": "/sparql"}, {"QUERY": q, "QPATH": "/query"}
                runs = {
                    "cold": _wrk(ours + "/", "wrk_cold.lua", 1, duration, env_ours),
                    "warm": _wrk(ours + "/", "wrk_warm.lua", 1, duration, env_ours),
                    "memory": _wrk(memory + "/", "wrk_cold.lua", 1, duration, env_theirs),
                    "oxigraph": _wrk(theirs + "/", "wrk_cold.lua", 1, duration, env_theirs),
                }
                out["rows"][name] = {k: r["p50"] for k, r in runs.items()}
                out["failures"] += sum(r["errors"] for r in runs.values())
            if workshop:
                with tempfile.NamedTemporaryFile("w", suffix=".rq") as texts:
                    texts.write("\n#####\n".join(queries.values()))
                    texts.flush()
                    for label, url, path in (
                        ("tier", ours, "/sparql"),
                        ("Oxigraph, in memory", memory, "/query"),
                        ("Oxigraph, on disk", theirs, "/query"),
                    ):
                        env = {"QUERIES": texts.name, "QPATH": path}
                        out["workshop"][label] = _wrk(url + "/", "wrk_workshop.lua", WORKSHOP, workshop, env)
            pages = out["pages"]
            for label, path in PAGES.items():
                describe = {"QUERY": f"DESCRIBE <{BASE}{path}>", "QPATH": "/query", "ACCEPT": "text/turtle"}
                for fmt, accept in (("HTML", "text/html"), ("Turtle", "text/turtle")):
                    for c in (1, 8):
                        pages[(label, fmt, c)] = _wrk(ours + path, "wrk_get.lua", c, duration, {"ACCEPT": accept})
                # rendered for each request: what a crawler asking for every page once meets
                cold = _wrk(ours + path, "wrk_get_cold.lua", 8, duration, {"ACCEPT": "text/html"})
                pages[(label, "HTML, rendered each time", 8)] = cold
                for c in (1, 8):
                    pages[(label, "Oxigraph DESCRIBE", c)] = _wrk(theirs + "/", "wrk_warm.lua", c, duration, describe)
            out["crawled"] = _crawl(tier_port, ox_port, crawl)
            out["pss"] = _tree_memory_mb(tier.pid)[1]
            out["roles"] = _roles(tier.pid)
            out["pss_oxigraph"] = _tree_memory_mb(oxigraph.pid)[1]
            out["pss_in_memory"] = _tree_memory_mb(in_memory.pid)[1]
            if attack:
                out["attack"], out["heavy"] = _attack(tier_port)
                out["pss_after_attack"] = _tree_memory_mb(tier.pid)[1]
        finally:
            stop(tier, timeout=30)
            stop(oxigraph, timeout=30)
            stop(in_memory, timeout=30)
    # a query one side did not answer within a run (at 100x, some take longer than the run) has no ratio
    answered = [r for r in out["rows"].values() if not any(math.isnan(v) for v in r.values())]
    out["unanswered"] = len(out["rows"]) - len(answered)
    out["cold"] = statistics.median(r["cold"] / r["oxigraph"] for r in answered)
    out["cold_memory"] = statistics.median(r["cold"] / r["memory"] for r in answered)
    out["warm"] = statistics.median(r["warm"] / r["oxigraph"] for r in answered)
    return out


_ROLES = {"pages-": "page instance", "sparql.sock": "SPARQL pool", "executor-": "SPARQL executor"}


def _roles(pid: int) -> dict[str, list[float]]:
    """What each process of the tier (`pid`, the deploy process, and its descendants) holds privately
    (Private_Clean + Private_Dirty, MB), by role: a gunicorn process's role is the socket it listens on
    (a worker inherits its master's), master or worker by its depth under the deploy process."""

    def role(p: int, depth: int) -> str:
        if depth == 0:
            return "deploy process"
        if Path(f"/proc/{p}/comm").read_text().strip() == "nginx":
            return "nginx"
        names = unix_sockets(p)
        kind = next((r for prefix, r in _ROLES.items() for n in names if n.startswith(prefix)), "other")
        return kind if kind == "SPARQL executor" else f"{kind}, {'master' if depth == 1 else 'worker'}"

    out: dict[str, list[float]] = {}
    stack = [(pid, 0)]
    while stack:
        p, depth = stack.pop()
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
            private = sum(
                int(re.search(rf"^{k}:\s+(\d+)", rollup, re.M).group(1)) for k in ("Private_Clean", "Private_Dirty")
            )
            out.setdefault(role(p, depth), []).append(private / 1024)
        except (OSError, AttributeError):
            continue
        stack.extend((c, depth + 1) for c in children(p))
    return out


def _scaled(scale: int, folder: Path) -> Path:
    """The N-Quads file of a corpus `scale` times the real one (bench/synthetic.py), built here."""
    from bench import synthetic

    documents = synthetic.write(folder / f"documents-{scale}", scale)
    out = folder / f"build-{scale}"
    command = [sys.executable, "-m", "server.cli", "build", "--documents", str(documents), "--out", str(out)]
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return out / "ccm.nq"


def _triples(data: Path) -> int:
    """How many triples the build beside an N-Quads file wrote (its manifest's count per graph)."""
    return sum(json.loads((data.parent / MANIFEST).read_text())["graphs"].values())


def _lowest_rps(pages: dict, formats: tuple[str, ...]) -> float:
    return min(r["rps"] for (_, fmt, c), r in pages.items() if fmt in formats and c == 8)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--workshop", type=float, default=20.0, help="seconds of the workshop load on each server")
    parser.add_argument("--scales", help="larger corpora for the growth table (default 10,100; none with --smoke)")
    parser.add_argument("--smoke", action="store_true", help="one query and one page, 1 s each; 1x unless --scales")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks" / "tier.md"))
    args = parser.parse_args()
    duration = 1 if args.smoke else args.duration
    data, queries = dataset_and_queries(1 if args.smoke else None)
    crawl = 40 if args.smoke else CRAWL
    main_run = _measure(data, queries, duration, crawl, attack=True, workshop=2 if args.smoke else args.workshop)
    scales = [int(n) for n in (args.scales or ("" if args.smoke else "10,100")).split(",") if n]
    growth = {1: (main_run, _triples(data))}
    with tempfile.TemporaryDirectory() as folder:
        for scale in scales:
            scaled = _scaled(scale, Path(folder))
            # a second per case: the ratios, not the figures, are what the table compares
            growth[scale] = (_measure(scaled, queries, 1, crawl, attack=False), _triples(scaled))
    rows, pages, failures = main_run["rows"], main_run["pages"], main_run["failures"]
    attack, heavy = main_run["attack"], main_run["heavy"]
    crawled, pss_ours, pss_theirs = main_run["crawled"], main_run["pss"], main_run["pss_oxigraph"]
    workshop = main_run["workshop"]
    pss_after_attack, roles = main_run["pss_after_attack"], main_run["roles"]
    lines = [
        "# The serving tier beside Oxigraph's server",
        "",
        "Generated by the command below; do not edit. Figures from one run on this machine (2 cores, shared "
        "with the load generator).",
        "",
        f"`python bench/tier.py{' --smoke' if args.smoke else ''}`: wrk, {duration:g} s per case; `ccmkg deploy` "
        "(its defaults: nginx, 2 page instances of 1 worker of 4 threads, a SPARQL pool of 2 processes of 20 "
        "threads that hold the queries and an executor per core and one more that evaluate them, all forked "
        "from one loaded app), `oxigraph serve "
        "--union-default-graph` (in memory, loaded with POST /store) and `oxigraph serve-read-only "
        "--union-default-graph` (on disk) on the same N-Quads file; times in ms. Cold: each request a different "
        "query text, so no side can answer from a cache; warm: the same GET again, which the tier answers from "
        "its cache (Oxigraph has none).",
        "",
        "## Queries, one connection (p50)",
        "",
        "| query | tier cold | tier warm (cache) | Oxigraph in memory | Oxigraph on disk | cold / in memory "
        "| cold / on disk | warm / on disk |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name} | {r['cold']:.2f} | {r['warm']:.2f} | {r['memory']:.2f} | {r['oxigraph']:.2f} "
            f"| {r['cold'] / r['memory']:.2f}x | {r['cold'] / r['oxigraph']:.2f}x | {r['warm'] / r['oxigraph']:.2f}x |"
        )
    lines += [
        "",
        f"Median ratio, cold: **{main_run['cold_memory']:.2f}x** of Oxigraph in memory (target "
        f"{TARGETS['cold']}x), {main_run['cold']:.2f}x of Oxigraph on disk; warm: **{main_run['warm']:.2f}x** "
        f"(target {TARGETS['warm']}x). Non-2xx answers in these runs: {failures}.",
        "",
        "## A workshop behind one address",
        "",
        f"{WORKSHOP} connections from 127.0.0.1, each POSTing the example queries one after another in a loop "
        f"(each connection from a query of its own; a POST is never cached), for "
        f"{2 if args.smoke else args.workshop:g} s on each server:",
        "",
        "| server | answers/s | p50 ms | p99 ms | non-2xx |",
        "| --- | --- | --- | --- | --- |",
        *[
            f"| {label} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |"
            for label, r in workshop.items()
        ],
        "",
        "## Entity documents",
        "",
        "| page | format | connections | p50 | requests/s | non-2xx |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for (label, fmt, c), r in pages.items():
        lines.append(f"| {label} | {fmt} | {c} | {r['p50']:.2f} | {r['rps']:.0f} | {r['errors']} |")
    lines += [
        "",
        f"Target: at least {TARGETS['pages_rps']} requests/s at 8 connections for HTML and Turtle (from the "
        'tier\'s cache after the first request). "Rendered each time": a new query string on every request, '
        "so an instance renders each one, as for a crawler asking for every page once.",
        "",
        "## Under attack",
        "",
        "8 heavy queries sent at once (from 4 client addresses, 2 each) and 8 stalled connections; a second "
        "later, from a fifth address:",
        "",
        "| request | status | ms |",
        "| --- | --- | --- |",
        *[f"| {k} | {status} | {ms:.1f} |" for k, (status, ms) in attack.items()],
        "",
        f"Target: under {TARGETS['attack_ms']} ms. What the {len(heavy)} heavy queries got: "
        f"{', '.join(f'{n} x {code}' for code, n in sorted(Counter(heavy).items()))} (503 at the deadline in "
        "the pool, or at the fast slot's half second; 429 past a client's time budget). Two run at once, the "
        "others wait their turn. The first cold trivial query runs in the fast slot at once; the last one "
        "finds that slot taken by a heavy query from a newcomer sent just before it, waits until that one "
        "is stopped at its half second, and then has it (the newcomer, stopped there, waits in line for the "
        "next 30 s): an attacker needs a new address for each half second it would hold the slot.",
        "",
        "## Memory",
        "",
        "PSS of the whole tier (nginx, the deploy process, 3 instances and their workers, the executors), "
        f"measured after the query and page runs above and {crawled} more entity pages asked once each (HTML): "
        f"**{pss_ours:.0f} MB**; Oxigraph's server on disk: {pss_theirs:.0f} MB, in memory: "
        f"{main_run['pss_in_memory']:.0f} MB (target for the tier: {TARGETS['pss_mb']} MB). After the attack: "
        f"{pss_after_attack:.0f} MB (its heavy queries end executors at their deadlines, and fresh ones are forked "
        "from the loaded app). Reading Oxigraph's in-memory store writes to the memory it reads: "
        "it locks a mutex in each quad it visits (the quad's MVCC version range) and counts references along "
        "its index chains, so each page of quads a query walks is copied into the process that walks it. Each "
        "process that queries the store comes to hold a copy of most of it: the deploy process, 2 page "
        "workers, and the SPARQL executors (never the pool's front, which holds the waiting queries).",
        "",
        "What each process holds privately at that moment (Private_Clean + Private_Dirty), by role; the rest of "
        f"the PSS, **{pss_ours - sum(map(sum, roles.values())):.0f} MB**, is the pages they share (the "
        "interpreter, the libraries, the app and the store as loaded before the forks), counted once:",
        "",
        "| process | how many | private MB each |",
        "| --- | --- | --- |",
        *(
            f"| {role} | {len(mb)} | {min(mb):.1f}{f'–{max(mb):.1f}' if len(mb) > 1 else ''} |"
            for role, mb in sorted(roles.items())
        ),
        "",
        "## Growth at 10x and 100x",
        "",
        "The same runs on corpora 10 and 100 times the real one (bench/synthetic.py: every action of both "
        "plans printed N times, renumbered), built by `ccmkg build`, one second per case; no attack. Ratios "
        "are medians over the example queries answered in their runs; entity documents are the lowest rate "
        "at 8 connections of the pages above.",
        "",
        "| scale | triples | tier ready (s) | cold / Oxigraph | warm / Oxigraph | queries unanswered in a run "
        "| documents, cached (requests/s) | HTML rendered each time (requests/s) | Oxigraph DESCRIBE (requests/s) "
        "| PSS tier (MB) | PSS Oxigraph (MB) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *[
            f"| {scale}x | {triples} | {r['ready_s']:.1f} | {r['cold']:.2f}x | {r['warm']:.2f}x | {r['unanswered']} "
            f"| {_lowest_rps(r['pages'], ('HTML', 'Turtle')):.0f} "
            f"| {_lowest_rps(r['pages'], ('HTML, rendered each time',)):.0f} "
            f"| {_lowest_rps(r['pages'], ('Oxigraph DESCRIBE',)):.0f} | {r['pss']:.0f} | {r['pss_oxigraph']:.0f} |"
            for scale, (r, triples) in growth.items()
        ],
    ]
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
