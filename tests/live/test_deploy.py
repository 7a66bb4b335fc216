"""The serving tier of `ccmkg deploy`, on real sockets: nginx (from Debian) in front of two page
instances and a SPARQL instance, on the embedded store and on one external store. Clients that stall,
heavy queries, a killed instance and a restarted store must not cost anyone else an answer."""

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
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from bench.procs import children, unix_sockets
from server.deploy import nginx_binary
from tests.support.http import query, request
from tests.support.processes import OxigraphStore, free_port, publish, stop

pytestmark = [
    pytest.mark.skipif(nginx_binary() is None, reason="nginx not installed (.ci/run installs nginx-light)"),
]
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # runs past any deadline


@contextmanager
def _deployed(*source: str, options: tuple[str, ...] = ()) -> Iterator[tuple[str, int]]:
    """`ccmkg deploy` on `source` (--data FILE or --store URL) with `options` until the block ends: its
    base URL and pid. A 3 s deadline, two SPARQL workers (as on this 2-core machine)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "deploy", *source, "--port", str(port)]
        + ["--timeout", "3", "--instances", "2", "--workers", "1", "--threads", "4", "--sparql-workers", "2"]
        + list(options),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
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
        yield base, process.pid
    finally:
        stop(process, timeout=30)


@pytest.fixture(scope="module")
def tier(dataset_file):
    with _deployed("--data", str(dataset_file)) as (base, pid):
        yield base, str(dataset_file), pid


@pytest.fixture(scope="module")
def store_tier(dataset_file, tmp_path_factory):
    """The tier on one external store (Oxigraph's server), as an institution runs it: yields the base
    URL, the deploy command's pid and the store, which a test may stop and start again."""
    store = OxigraphStore(tmp_path_factory.mktemp("tier-store")).start()
    try:
        assert publish(store.endpoint, dataset_file).returncode == 0
        with _deployed("--store", store.endpoint, "--dumps", str(dataset_file.parent)) as (base, pid):
            yield base, pid, store
    finally:
        store.stop()


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


def _heavy(base: str, source: str, replies: list) -> threading.Thread:
    """A heavy query from the loopback address `source`, running in a thread; its reply goes to `replies`."""

    def ask() -> None:
        replies.append(request(base, "POST", "/sparql", urlencode({"query": HEAVY}), FORM, timeout=30, source=source))

    thread = threading.Thread(target=ask)
    thread.start()
    return thread


def _small(base: str, sparql: str, source: str = "127.0.0.1", timeout: float = 30) -> tuple[int, float, object]:
    """A query POSTed from `source`: its status, seconds, and the reply."""
    started = time.monotonic()
    reply = request(base, "POST", "/sparql", urlencode({"query": sparql}), FORM, timeout=timeout, source=source)
    return reply.status, time.monotonic() - started, reply


def test_a_notebook_firing_16_threads_of_40_queries_from_one_address_gets_every_answer(tier):
    base, *_ = tier

    def thread(n: int) -> list[int]:
        return [_small(base, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {40 * n + k + 1}")[0] for k in range(40)]

    with ThreadPoolExecutor(16) as pool:
        statuses = Counter(s for batch in pool.map(thread, range(16)) for s in batch)
    assert statuses == {200: 640}, statuses  # they wait their turn (2 run at once here), none is refused


def test_with_a_heavy_query_running_its_sender_still_gets_small_answers_and_pages_wait_for_nothing(tier):
    base, *_ = tier
    replies: list = []
    heavy = _heavy(base, "127.0.0.1", replies)
    time.sleep(0.5)
    for n in range(5):
        status, seconds, _ = _small(base, f"ASK {{ ?s ?p {n} }}")
        assert status == 200 and seconds < 1, (status, seconds)
    for path in ("/healthz", "/id/convention/article/4"):
        status, seconds = _timed(base, path)
        assert status == 200 and seconds < 1, (path, seconds)
    heavy.join()
    # the deadline (3 s here) still stops the work: the app's own 503
    assert replies[0].status == 503 and b"past the 3 s deadline" in replies[0].body


def test_heavy_queries_from_four_addresses_and_stalled_sockets_leave_a_fifth_its_answer_in_100_ms(tier):
    base, *_ = tier
    port = int(base.rsplit(":", 1)[1])
    stalled = [socket.create_connection(("127.0.0.1", port)) for _ in range(8)]
    replies: list = []
    try:
        threads = [_heavy(base, f"127.0.0.{2 + n % 4}", replies) for n in range(8)]
        time.sleep(1.0)  # two run, the others wait their turn
        times = []
        for n in range(3):
            status, seconds, _ = _small(base, f"ASK {{ ?s ?p {n} }}", source="127.0.0.9")
            assert status == 200
            times.append(seconds)
        assert min(times) < 0.1 and max(times) < 0.3, times  # the fast slot: a newcomer's small query at once
        for t in threads:
            t.join()
    finally:
        for s in stalled:
            s.close()
    # the heavy ones: stopped at the deadline, or at the fast slot's half second (and told so): there, at
    # most the first query of each of the two addresses holding no worker, never a second one of theirs
    assert all(r.status == 503 for r in replies), [r.status for r in replies]
    fast = [r for r in replies if b"past the 0.5 s deadline" in r.body]
    assert len(fast) <= 2 and all(b"every worker of the SPARQL pool was busy" in r.body for r in fast)
    # the deadline is the tier's to set: a client's header is no way to a fast slot or a longer one
    own = {**FORM, "X-Query-Deadline": "0.5", "X-Client-Address": "10.9.9.9"}
    mine = request(base, "POST", "/sparql", urlencode({"query": HEAVY}), own, timeout=30, source="127.0.0.7")
    assert mine.status == 503 and b"past the 3 s deadline" in mine.body


def test_a_workshop_of_30_behind_one_address_running_the_examples_for_20_s_gets_no_error(tier):
    from graph.sources.examples import load_examples

    base, *_ = tier
    examples = [e.query for e in load_examples()]
    stop = time.monotonic() + 20

    def participant(n: int) -> list[tuple[int, float]]:
        out, k = [], n
        while time.monotonic() < stop:
            status, seconds, _ = _small(base, examples[k % len(examples)], source="127.0.0.30")
            out.append((status, seconds))
            k += 1
        return out

    with ThreadPoolExecutor(30) as pool:
        answers = [a for batch in pool.map(participant, range(30)) for a in batch]
    statuses = Counter(s for s, _ in answers)
    latencies = sorted(t for _, t in answers)
    p99 = latencies[int(0.99 * (len(latencies) - 1))]
    print(f"workshop: {len(answers)} answers in 20 s, p50 {latencies[len(latencies) // 2]:.3f} s, p99 {p99:.3f} s")
    assert statuses == {200: len(answers)} and len(answers) > 300, statuses
    assert p99 < 5, p99


def test_a_client_sending_heavy_queries_without_pause_gets_429_with_retry_after_past_its_budget(dataset_file):
    # a budget of 4 s of query time a minute, so two heavy queries stopped at the 3 s deadline spend it
    with _deployed("--data", str(dataset_file), options=("--budget", "4", "--per-client", "4")) as (base, _):
        statuses, refused = [], None
        stop = time.monotonic() + 20
        while refused is None and time.monotonic() < stop:
            with ThreadPoolExecutor(2) as pool:
                batch = list(pool.map(lambda _: _small(base, HEAVY, source="127.0.0.40"), range(2)))
            statuses += [s for s, _, _ in batch]
            refused = next((r for s, _, r in batch if s == 429), None)
        assert refused is not None, statuses
        assert statuses.count(503) >= 1  # it ran, and was stopped at the deadline, before it was refused
        wait = int(refused.header("Retry-After"))
        assert 1 <= wait <= 60 and b"s of query time in the last minute" in refused.body, refused.body
        status, seconds, small = _small(base, "ASK {}", source="127.0.0.40")
        assert status == 429  # past its budget, every query waits the Retry-After
        # while everyone else is answered as before
        assert _small(base, "ASK { ?s ?p ?o }", source="127.0.0.41")[0] == 200
        # and many addresses at once each over the per-address bound of queries in flight: 429 from nginx
        held = [_heavy(base, "127.0.0.42", []) for _ in range(4)]
        time.sleep(0.3)
        status, seconds, over = _small(base, "ASK {}", source="127.0.0.42")
        assert status == 429 and over.header("Retry-After") == "1" and b"as many as one address may" in over.body
        assert seconds < 1
        for t in held:
            t.join()


def _page_instances(deploy: int) -> list[int]:
    """The page instances' gunicorn masters: the forks of the deploy command that hold a socket named
    pages-N.sock (the SPARQL pool holds sparql.sock)."""

    return [pid for pid in children(deploy) if any(n.startswith("pages-") for n in unix_sockets(pid))]


def _load(base: str, seconds: float, clients: int = 6) -> tuple[list[threading.Thread], list[tuple[float, object]]]:
    """`clients` threads asking for pages and posting queries for `seconds`, each request a new address
    (past the cache, to the instances); every outcome is recorded with the time it was asked: 200, or
    the status and the start of the body, or the exception's name."""
    outcomes: list[tuple[float, object]] = []
    stop = time.monotonic() + seconds

    def load(n: int) -> None:
        paths = ["/id/lap/action/18", "/id/convention/article/4", f"/id/vap/action/{n + 1}", "/browse/themes"]
        i = 0
        while time.monotonic() < stop:
            started = time.monotonic()
            try:
                # a query now and then from three clients, each from an address of its own
                if i % 5 == 4 and n < 3:
                    body, form = urlencode({"query": f"ASK {{ ?s ?p {i} }}"}), FORM
                    reply = request(base, "POST", "/sparql", body, form, timeout=10, source=f"127.0.0.{2 + n}")
                else:
                    reply = request(base, "GET", f"{paths[i % len(paths)]}?probe={n}-{i}", timeout=10)
                status = reply.status if reply.status == 200 else (reply.status, reply.body[:120])
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
            outcomes.append((started, status))
            i += 1
            time.sleep(0.02)  # load, not a busy loop: 503s come back at once and would starve the machine

    threads = [threading.Thread(target=load, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    return threads, outcomes


def _killed_under_load(base: str, deploy: int) -> None:
    instances = _page_instances(deploy)
    assert len(instances) == 2
    threads, outcomes = _load(base, 5)
    time.sleep(1.5)
    os.killpg(os.getpgid(instances[0]), signal.SIGKILL)
    for t in threads:
        t.join()
    statuses = Counter(status for _, status in outcomes)
    # nginx sends a request the dead instance had not begun to answer to the other one; only an answer
    # cut mid-body (at most one per worker of the killed instance) can fail
    failed = sum(n for status, n in statuses.items() if status != 200)
    assert failed <= 2 and statuses[200] > 50, statuses
    deadline = time.monotonic() + 60
    while len(_page_instances(deploy)) < 2:  # the supervisor started it again
        assert time.monotonic() < deadline, "the killed instance was not started again"
        time.sleep(0.5)


def test_an_instance_killed_under_load_costs_no_request_and_comes_back(tier):
    base, _, deploy = tier
    _killed_under_load(base, deploy)


def test_on_one_store_an_instance_killed_under_load_costs_no_request_and_comes_back(store_tier):
    base, deploy, _ = store_tier
    _killed_under_load(base, deploy)


def test_the_store_restarted_under_load_is_503_meanwhile_then_answers_again(store_tier):
    base, _, store = store_tier
    threads, outcomes = _load(base, 14)
    time.sleep(3)
    stopped = time.monotonic()
    store.stop()
    time.sleep(2)
    store.start()  # same place, same port: the data is still there
    restarted = time.monotonic()
    for t in threads:
        t.join()
    # by when each request was asked: one asked just before the stop may be answered after it
    before = Counter(s for t, s in outcomes if t < stopped - 1)
    during = [s for t, s in outcomes if stopped + 0.5 < t < stopped + 2]  # surely down then
    after = Counter(s for t, s in outcomes if t > restarted + 2)
    assert set(before) == {200} and before[200] > 5, before
    # with the store gone, every request is a clean 503 from the app, not a 500, a 502 or a hang
    assert len(during) > 10 and all(s[0] == 503 and b"store" in s[1] for s in during), Counter(during)
    assert set(after) == {200} and after[200] > 10, after


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
    # a query is kept from its second asking on: the first of most queries is also their last
    answers = [request(base, "GET", ask, headers=accept) for _ in range(3)]
    assert [a.header("X-Cache") for a in answers] == ["MISS", "MISS", "HIT"]
    assert answers[0].body == answers[2].body
    assert query(base, "ASK {}").header("X-Cache") is None  # a POST is never cached
