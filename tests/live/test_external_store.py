"""The app on an external SPARQL store (Oxigraph's server, started here): publishing, outages,
several instances at once. The rest of the server suite runs on this backend too (the `server`
fixture is parametrized)."""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tests.support.http import query, request
from tests.support.processes import OxigraphStore, oxigraph_store, publish, serve_store

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _counts(endpoint: str) -> dict[str, int]:
    host = endpoint.removesuffix("/query")
    reply = request(
        host,
        "POST",
        "/query",
        "query=" + COUNTS,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
    )
    rows = json.loads(reply.body)["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def test_publish_is_idempotent_and_leaves_other_graphs_alone(tmp_path, dataset_file):
    manifest = json.loads((dataset_file.parent / "manifest.json").read_text())
    with oxigraph_store(tmp_path / "store") as endpoint:
        host = endpoint.removesuffix("/query")
        other = "INSERT DATA { GRAPH <http://example.org/theirs> { <http://example.org/a> <http://example.org/b> 1 } }"
        assert request(host, "POST", "/update", other, {"Content-Type": "application/sparql-update"}).status == 204
        first = publish(endpoint, dataset_file)
        assert first.returncode == 0, first.stderr
        after_one = _counts(endpoint)
        assert publish(endpoint, dataset_file).returncode == 0
        after_two = _counts(endpoint)
    assert after_one == after_two
    assert after_two.pop("http://example.org/theirs") == 1
    assert after_two == manifest["graphs"]


def test_store_down_gives_503_and_the_app_recovers(tmp_path, dataset_file):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/ccm/ontology#Action> }"
    store = OxigraphStore(tmp_path / "store").start()
    try:
        assert publish(store.endpoint, dataset_file).returncode == 0
        with serve_store(store.endpoint) as base:
            assert query(base, q).status == 200
            store.stop()
            for _ in range(3):  # every request while it is down, not only the first
                reply = query(base, q)
                assert reply.status == 503 and "triple store" in reply.text and "Traceback" not in reply.text
            page = request(base, "GET", "/id/lap/action/18", headers={"Accept": "text/html"})
            assert page.status == 503 and "Traceback" not in page.text
            store.start()  # same place, same port: the data is still there
            recovered = query(base, q)
            assert recovered.status == 200
            assert json.loads(recovered.body)["results"]["bindings"][0]["n"]["value"] == "116"
            assert request(base, "GET", "/id/lap/action/18", headers={"Accept": "text/html"}).status == 200
    finally:
        store.stop()


def test_two_instances_on_one_store(tmp_path, dataset_file):
    q = "SELECT ?a WHERE { ?a a <https://w3id.org/ccm/ontology#Article> } ORDER BY ?a"
    with oxigraph_store(tmp_path / "store") as endpoint:
        assert publish(endpoint, dataset_file).returncode == 0
        with serve_store(endpoint) as first, serve_store(endpoint) as second:

            def ask(i: int) -> bytes:
                reply = query(first if i % 2 else second, q)
                assert reply.status == 200
                return reply.body

            with ThreadPoolExecutor(max_workers=8) as pool:
                bodies = set(pool.map(ask, range(32)))
            assert len(bodies) == 1
            page_a = request(first, "GET", "/id/lap/action/18.ttl").body
            page_b = request(second, "GET", "/id/lap/action/18.ttl").body
            assert page_a == page_b  # no per-process state: the same document from both


class _FaultyStore:
    """A store between the app and a real one that, when told to, answers garbage or trickles its
    answer a byte at a time: what a broken or overloaded store does."""

    def __init__(self, upstream: str) -> None:
        self.mode = "pass"
        self.timeouts: list[str] = []  # the `timeout` parameter of each query, as the app sent it
        faulty = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, body: bytes | None = None) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                sent = self.rfile.read(length) if length else None
                faulty.timeouts += urllib.parse.parse_qs((sent or b"").decode()).get("timeout", [])
                forward = urllib.request.Request(
                    upstream + self.path.removeprefix("/query"),
                    data=sent,
                    headers={k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")},
                    method=self.command,
                )
                with urllib.request.urlopen(forward, timeout=30) as r:
                    status, media, body = r.status, r.headers.get("Content-Type"), r.read()
                if faulty.mode == "garbage":
                    body = b"<html><body>Proxy error: upstream hiccup</body></html>"
                self.send_response(status)
                self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if faulty.mode == "trickle":
                    for i in range(len(body)):
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                        time.sleep(0.2)
                else:
                    self.wfile.write(body)

            do_GET = do_POST = _answer

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}/query"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_store_answering_garbage_is_502_and_one_trickling_is_503_by_the_deadline(external_store):
    faulty = _FaultyStore(external_store)
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/ccm/ontology#Action> }"
    try:
        with serve_store(faulty.endpoint, "--timeout", "3") as base:
            assert query(base, q).status == 200
            faulty.mode = "garbage"
            reply = query(base, q)
            # the store's fault, said as such: not "400 query syntax error" blamed on the user
            assert reply.status == 502 and "not SPARQL JSON results" in reply.text, reply.text
            page = request(base, "GET", "/id/lap/action/18", headers={"Accept": "text/html"})
            assert page.status == 502 and "Traceback" not in page.text
            faulty.mode = "trickle"
            for path in ("/id/lap/action/18", "/readyz"):
                started = time.monotonic()
                reply = request(base, "GET", path, headers={"Accept": "text/html"}, timeout=30)
                # every request that reads the store has the deadline (3 s), pages and health checks too
                assert reply.status == 503 and time.monotonic() - started < 8, (path, reply.status)
            faulty.mode = "pass"
            assert query(base, q).status == 200
    finally:
        faulty.close()


def test_virtuoso_cut_short_by_the_deadline_is_503_not_a_partial_answer(virtuoso_store):
    # Virtuoso honours the `timeout` the app sends as an "anytime query": past it, it answers 200 with
    # the count so far (X-SQL-State: S1TAT). Served as is, a user would get a wrong count as the answer.
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
    # Virtuoso is told 5.5 s of the app's 8 s wait (server/store/profiles.py)
    with serve_store(virtuoso_store, "--timeout", "9") as base:
        started = time.monotonic()
        reply = query(base, heavy)
        # a 503 either way, never the count so far: "incomplete" when Virtuoso cut the query and said so in
        # time, "did not answer" when a loaded machine kept it past the app's wait
        assert reply.status == 503, reply.text
        assert ("deadline" in reply.text and "incomplete" in reply.text) or "did not answer" in reply.text
        assert time.monotonic() - started < 9
        small = query(base, "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/ccm/ontology#Article> }")
        assert json.loads(small.body)["results"]["bindings"][0]["n"]["value"] == "23"  # and the next is whole


def test_the_fast_slots_shorter_deadline_reaches_the_store(external_store, tmp_path):
    """A query that finds the tier's pool busy runs in its fast slot with half a second (admission.py):
    the store is told to stop within it, or a heavy query would go on there long after the slot gave up
    on it. The app on the store, with the tier's admission and executors (one worker, held by another
    client, and the fast slot's)."""
    from server.app import create_app
    from server.sparql.admission import Admission
    from server.sparql.executors import Executor

    faulty = _FaultyStore(external_store)
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/ccm/ontology#Action> }"
    form = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    executors = [Executor(tmp_path / f"executor-{n}.sock") for n in range(2)]
    try:
        app = create_app({"STORE_URL": faulty.endpoint, "QUERY_TIMEOUT": 3})
        admission = app.extensions["ccm_admission"] = Admission(places=4, running=1)
        app.extensions["ccm_executors"] = [e.socket for e in executors]
        for executor in executors:
            executor.start(app.extensions["ccm_dataset"].store)
        client = app.test_client()
        body = urllib.parse.urlencode({"query": q})
        assert request(client, "POST", "/sparql", body, {**form, "X-Client-Address": "10.0.0.1"}).status == 200
        faulty.timeouts.clear()
        with admission.turn("10.0.0.1"):  # the one worker busy
            lane = request(client, "POST", "/sparql", body, {**form, "X-Client-Address": "10.0.0.2"})
        assert lane.status == 200
        # Oxigraph's profile: 0.9 of the app's wait, 0.8 of the fast slot's half second
        assert faulty.timeouts == ["360"]
    finally:
        for executor in executors:
            executor.stop()
        faulty.close()
