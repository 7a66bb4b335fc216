"""The endpoint cannot be turned against its host: no outbound calls, no updates, no runaway
queries, and it stays responsive under load. Real sockets, real server processes."""

from __future__ import annotations

import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from .live import query, request, serve

pytestmark = pytest.mark.live


class Listener:
    """A TCP port on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    listening = Listener()
    yield listening
    listening.close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o . OPTIONAL {{ Service <http://127.0.0.1:{port}/> {{ ?s ?q ?r }} }} }}",
        "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_without_any_connection(live_server, listener, template):
    reply = query(live_server, template.format(port=listener.port))
    assert reply.status == 400 and "SERVICE" in reply.text
    time.sleep(0.5)
    assert listener.connections == 0


def test_service_in_strings_variables_and_names_is_not_a_keyword(live_server):
    q = """PREFIX service: <http://example.org/service#>
    SELECT ?service WHERE { BIND("SERVICE <http://x/> {}" AS ?service) } # SERVICE in a comment"""
    assert query(live_server, q).status == 200


def test_from_selects_among_loaded_graphs_and_fetches_nothing(live_server, listener):
    remote = f"SELECT (COUNT(*) AS ?n) FROM <http://127.0.0.1:{listener.port}/data.ttl> WHERE {{ ?s ?p ?o }}"
    reply = query(live_server, remote)
    assert reply.status == 200
    assert json.loads(reply.body)["results"]["bindings"][0]["n"]["value"] == "0"
    named = f"SELECT * FROM NAMED <http://127.0.0.1:{listener.port}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert query(live_server, named).status == 200
    time.sleep(0.5)
    assert listener.connections == 0
    local = "SELECT ?o FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"
    reply = query(live_server, local)
    assert reply.status == 200 and json.loads(reply.body)["results"]["bindings"] == []
    loaded = "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/ccm/graph/asserted> WHERE { ?s ?p ?o }"
    assert int(json.loads(query(live_server, loaded).body)["results"]["bindings"][0]["n"]["value"]) > 5000


def test_updates_are_refused(live_server):
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    direct = request(live_server, "POST", "/sparql", update, {"Content-Type": "application/sparql-update"})
    form = request(
        live_server, "POST", "/sparql", "update=" + update, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    get = request(live_server, "GET", "/sparql?update=CLEAR%20ALL")
    assert direct.status == form.status == get.status == 403
    assert "read-only" in direct.text
    # sent as a query, an update is told apart before any store sees it, whichever store is behind
    for sent in (update, "LOAD <http://127.0.0.1:9/x.ttl>", "# load\nPREFIX ex: <http://example.org/>\nCLEAR ALL"):
        reply = query(live_server, sent)
        assert reply.status == 400 and "update, not a query" in reply.text, (sent, reply.text)
    count = "ASK { <http://example.org/a> ?p ?o }"
    assert json.loads(query(live_server, count).body)["boolean"] is False


PATHOLOGICAL = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?a (<http://x/p>|!<http://x/p>)* ?b }",
    'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?t ?q ?l . FILTER(REGEX(CONCAT(STR(?o), STR(?l)), "(a+)+$")) }',
]


@pytest.mark.slow
def test_deadline_stops_the_work_and_others_are_served(dataset_file):
    with serve(dataset_file, "--timeout", "2") as base:
        simple = "SELECT ?a WHERE { ?a a <https://w3id.org/ccm/ontology#Article> }"
        baseline = time.perf_counter()
        query(base, simple)
        baseline = time.perf_counter() - baseline
        with ThreadPoolExecutor(max_workers=len(PATHOLOGICAL)) as pool:
            started = time.perf_counter()
            slow = [pool.submit(query, base, q) for q in PATHOLOGICAL]
            time.sleep(0.3)
            latencies = []
            while not all(f.done() for f in slow):
                t = time.perf_counter()
                reply = query(base, simple)
                latencies.append(time.perf_counter() - t)
                assert reply.status == 200
                time.sleep(0.05)
            replies = [f.result() for f in slow]
            elapsed = time.perf_counter() - started
        for reply in replies:
            assert reply.status == 503 and "deadline" in reply.text
        assert elapsed < 2 * 2 + 4  # stopped at the deadline (two rounds at most: 3 queries, 2x2 processes)
        assert latencies and max(latencies) < max(1.0, 20 * baseline)
        assert request(base, "GET", "/readyz").status == 200
        assert query(base, simple).status == 200


@pytest.mark.slow
def test_concurrent_clients_get_no_server_errors(live_server):
    from server.examples import load_examples

    queries = [e.query for e in load_examples()]
    expected = {q: query(live_server, q).body for q in queries}

    def client(i: int) -> list[tuple[int, bool]]:
        out = []
        for k in range(12):
            q = queries[(i + k) % len(queries)]
            reply = query(live_server, q)
            out.append((reply.status, reply.body == expected[q]))
        return out

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = [r for rs in pool.map(client, range(16)) for r in rs]
    assert len(results) == 16 * 12
    assert all(status == 200 for status, _ in results)
    assert all(same for _, same in results)


_BOMBS = {
    "5,000 nested braces (9 KB)": "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
    "100,000 parentheses": "SELECT * WHERE { FILTER(" + "(" * 100_000 + "1" + ")" * 100_000 + ") }",
    "4,000 UNIONs": "SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * 4000) + " }",
}


@pytest.mark.parametrize("name", sorted(_BOMBS))
def test_parser_bombs_are_refused_before_the_engine_parses(live_server, name):
    # each of these once killed a worker with SIGSEGV and no answer (Oxigraph's own server dies outright)
    reply = query(live_server, _BOMBS[name])
    assert reply.status == 400, (reply.status, reply.text[:200])
    assert "at most" in reply.text or "levels deep" in reply.text
    assert reply.header("X-Content-Type-Options") == "nosniff"
    assert query(live_server, "ASK { ?s ?p ?o }").status == 200  # and the workers are all still there


def test_bad_input_is_a_clear_400_never_a_500(live_server):
    bad = [
        "/sparql?query=ASK%20%7B%7D&default-graph-uri=not%20an%20iri",  # was built outside the try: 500
        "/sparql?query=ASK%20%7B%7D&named-graph-uri=%3Chttp%3A%2F%2Fx%3E",
        "/sparql?query=ASK%20%7B%7D%20%23%ff%fe",  # bytes that are not UTF-8: no longer silently rewritten
    ]
    for path in bad:
        reply = request(live_server, "GET", path)
        assert reply.status == 400, (path, reply.status, reply.text)
        assert reply.header("X-Content-Type-Options") == "nosniff"
    form = request(
        live_server,
        "POST",
        "/sparql",
        body=b"query=ASK%20%7B%7D%23%ff",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert form.status == 400 and "UTF-8" in form.text


_ROWS = {  # how many rows a body of each format holds
    "text/csv": lambda body: body.count(b"\n") - 1,
    "application/sparql-results+json": lambda body: len(json.loads(body)["results"]["bindings"]),
    "application/sparql-results+xml": lambda body: body.count(b"<result>"),
}


# JSON and XML are first written whole by pyoxigraph, which is stopped past a megabyte; CSV row by row
@pytest.mark.parametrize("accept", list(_ROWS))
def test_responses_are_capped_in_bytes_as_well_as_rows(dataset_file, accept):
    from server import create_app

    # a query doubles a string 14 times: 50 rows of 1 MB each would be 50 MB
    doubling = "".join(f" BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(14))
    q = (
        "SELECT ?v14 WHERE { VALUES ?n { "
        + " ".join(map(str, range(50)))
        + ' } BIND("'
        + "x" * 64
        + '" AS ?v0)'
        + doubling
        + " }"
    )
    app = create_app({"TESTING": True, "DATA_FILE": str(dataset_file), "MAX_BYTES": 4 * 1024 * 1024})
    reply = app.test_client().post("/sparql", data={"query": q}, headers={"Accept": accept})
    assert reply.status_code == 200 and reply.content_type.startswith(accept)
    assert reply.headers["X-Result-Truncated-Bytes"] == str(4 * 1024 * 1024)
    assert len(reply.data) <= 4 * 1024 * 1024 + 1024
    assert _ROWS[accept](reply.data) == 4  # four rows of 1 MB fit under 4 MB, the fifth does not
