"""The endpoint cannot be turned against its host: no outbound calls, no updates, no runaway
queries, and it stays responsive under load. Real sockets, real server processes."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.http import query, request
from tests.support.processes import serve

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
    from graph.sources.examples import load_examples

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
