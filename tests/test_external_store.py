"""The app on an external SPARQL store (Oxigraph's server, started here): publishing, outages,
several instances at once. The rest of the server suite runs on this backend too (the `server`
fixture is parametrized)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from .live import OxigraphStore, oxigraph_store, publish, query, request, serve_store

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"

pytestmark = pytest.mark.live


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
