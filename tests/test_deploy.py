"""The serving tier of `ccmkg deploy`, on real sockets: nginx (from Debian) in front of two page
instances and a SPARQL instance. Clients that stall, heavy queries and a killed instance must not
cost anyone else an answer."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

from server.deploy import nginx_binary

from .live import free_port, query, request

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(nginx_binary() is None, reason="nginx not installed (.ci/run installs nginx-light)"),
]
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # runs past any deadline


@pytest.fixture(scope="module")
def tier(dataset_file):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "deploy", "--data", str(dataset_file), "--port", str(port)]
        + ["--timeout", "3", "--instances", "2", "--workers", "2", "--sparql-workers", "4", "--per-client", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode()[-2000:])
        try:
            if request(base, "GET", "/readyz", timeout=2).status == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "the tier did not start"
        time.sleep(0.3)
    yield base, str(dataset_file), process.pid
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _timed(base: str, path: str) -> tuple[int, float]:
    started = time.monotonic()
    reply = request(base, "GET", path, headers={"Accept": "text/html"}, timeout=20)
    return reply.status, time.monotonic() - started


def test_idle_slow_sending_and_slow_reading_clients_cost_nobody_an_answer(tier):
    base, *_ = tier
    port = int(base.rsplit(":", 1)[1])
    held = []
    try:
        held += [socket.create_connection(("127.0.0.1", port)) for _ in range(40)]  # idle: not a byte
        for _ in range(20):  # slowloris: headers begun, never finished
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n")
            held.append(s)
        for _ in range(10):  # slow readers: a whole dump asked for, nothing read
            s = socket.create_connection(("127.0.0.1", port))
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.sendall(b"GET /dump/ccm.nq HTTP/1.1\r\nHost: x\r\n\r\n")
            held.append(s)
        # with sync workers only, four such sockets held every worker for 42 s
        for path in ("/healthz", "/id/convention/article/4", "/id/lap/action/18"):
            status, seconds = _timed(base, path)
            assert status == 200 and seconds < 2, (path, status, seconds)
        assert query(base, "ASK {}").status == 200
        # and a client that never finishes its headers is let go (client_header_timeout 5 s)
        stalled = held[40]
        stalled.settimeout(15)
        started = time.monotonic()
        try:
            data = stalled.recv(1024)
        except (ConnectionResetError, TimeoutError):
            data = b""
        assert time.monotonic() - started < 12 and (data == b"" or data.startswith(b"HTTP/1.1 408"))
    finally:
        for s in held:
            s.close()


def test_heavy_queries_get_their_own_pool_and_a_client_its_share(tier):
    base, *_ = tier
    replies: list = []

    def heavy() -> None:
        replies.append(query(base, HEAVY))

    threads = [threading.Thread(target=heavy) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.8)  # both running, the client's share (2) used up
    started = time.monotonic()
    refused = query(base, "ASK {}")
    assert refused.status == 503 and refused.header("Retry-After") == "5"
    assert time.monotonic() - started < 1  # at once, not after the others' deadline
    # pages and health checks do not wait for the queries
    for path in ("/healthz", "/id/convention/article/4"):
        status, seconds = _timed(base, path)
        assert status == 200 and seconds < 1, (path, seconds)
    for t in threads:
        t.join()
    # the deadline (3 s here) still stops the work: the app's own 503
    assert [r.status for r in replies] == [503, 503]
    assert query(base, "ASK {}").status == 200  # and the pool is free again


def _page_instances(deploy: int) -> list[int]:
    """The page instances' gunicorn masters: the deploy command's children serving with 2 workers."""
    pattern = "server.cli serve --data .*--workers 2$"
    found = subprocess.run(["pgrep", "-P", str(deploy), "-f", pattern], capture_output=True)
    return [int(p) for p in found.stdout.split()]


def test_an_instance_killed_under_load_costs_no_request_and_comes_back(tier):
    base, _, deploy = tier
    instances = _page_instances(deploy)
    assert len(instances) == 2
    statuses: Counter[int] = Counter()
    stop = time.monotonic() + 5

    def load(n: int) -> None:
        paths = ["/id/lap/action/18", "/id/convention/article/4", f"/id/vap/action/{n + 1}", "/browse/themes"]
        i = 0
        while time.monotonic() < stop:
            try:
                # a new address each time: past the cache, to the instances
                statuses[request(base, "GET", f"{paths[i % len(paths)]}?probe={n}-{i}", timeout=10).status] += 1
            except (OSError, http.client.HTTPException) as exc:
                statuses[type(exc).__name__] += 1
            i += 1

    threads = [threading.Thread(target=load, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    os.killpg(os.getpgid(instances[0]), signal.SIGKILL)
    for t in threads:
        t.join()
    # nginx sends a request the dead instance had not begun to answer to the other one; only an answer
    # cut mid-body (at most one per worker of the killed instance) can fail
    failed = sum(n for status, n in statuses.items() if status != 200)
    assert failed <= 2 and statuses[200] > 50, statuses
    deadline = time.monotonic() + 60
    while len(_page_instances(deploy)) < 2:  # the supervisor started it again
        assert time.monotonic() < deadline, "the killed instance was not started again"
        time.sleep(0.5)


def test_dumps_come_from_disk_and_bad_paths_stay_4xx(tier):
    base, dataset, _ = tier
    dump = request(base, "GET", "/dump/ccm.nq.gz")
    assert dump.status == 200 and dump.body == (Path(dataset).parent / "ccm.nq.gz").read_bytes()
    assert dump.header("Server") == "nginx" and dump.header("X-Content-Type-Options") == "nosniff"
    assert request(base, "GET", "/id/" + quote("a b")).status == 400
    assert request(base, "GET", "/dump/../../etc/passwd").status in (400, 404)


def test_documents_and_get_queries_are_rendered_once_then_served_from_the_cache(tier):
    base, *_ = tier
    path, turtle = "/id/lap/action/29", {"Accept": "text/turtle"}
    first, again = request(base, "GET", path, headers=turtle), request(base, "GET", path, headers=turtle)
    assert (first.header("X-Cache"), again.header("X-Cache")) == ("MISS", "HIT") and first.body == again.body
    # the format is part of what is cached: HTML is another document
    html = request(base, "GET", path, headers={"Accept": "text/html"})
    assert html.header("Content-Type").startswith("text/html") and html.header("X-Cache") == "MISS"
    # validators still work from the cache
    etag = again.header("ETag")
    assert request(base, "GET", path, headers={**turtle, "If-None-Match": etag}).status == 304
    ask = "/sparql?query=" + quote("ASK { ?s a <https://w3id.org/ccm/ontology#Action> }")
    accept = {"Accept": "application/sparql-results+json"}
    assert request(base, "GET", ask, headers=accept).header("X-Cache") == "MISS"
    assert request(base, "GET", ask, headers=accept).header("X-Cache") == "HIT"
    assert query(base, "ASK {}").header("X-Cache") is None  # a POST is never cached
