"""The endpoint as HTTP clients see it: formats, negotiation, caching, CORS, compression, limits, errors."""

from __future__ import annotations

import gzip
import json
from urllib.parse import quote

import pytest

from tests.support.http import query, request

COUNT_ACTIONS = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/ccm/ontology#Action> }"
DESCRIBE = "DESCRIBE <https://w3id.org/ccm/id/lap/action/18>"
CONSTRUCT = """CONSTRUCT { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE {
  ?a a <https://w3id.org/ccm/ontology#Action> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"""


def test_negotiation(server):
    # q-values: XML preferred over CSV
    reply = query(server, COUNT_ACTIONS, "text/csv;q=0.5, application/sparql-results+xml")
    assert reply.header("Content-Type").startswith("application/sparql-results+xml")
    # wildcards and no Accept give JSON for SELECT and Turtle for CONSTRUCT
    for accept in ("*/*", ""):
        assert query(server, COUNT_ACTIONS, accept).header("Content-Type").startswith("application/sparql-results+json")
        assert query(server, CONSTRUCT, accept).header("Content-Type").startswith("text/turtle")
    # format= overrides Accept
    reply = query(server, COUNT_ACTIONS, "application/sparql-results+xml", format="csv")
    assert reply.header("Content-Type").startswith("text/csv")
    # nothing acceptable: 406, with what is on offer
    reply = query(server, COUNT_ACTIONS, "image/png")
    assert reply.status == 406 and "application/sparql-results+json" in reply.text
    assert query(server, COUNT_ACTIONS, "text/turtle").status == 406  # a graph format for a SELECT


def test_get_and_head(server):
    path = "/sparql?query=" + quote(COUNT_ACTIONS)
    get = request(server, "GET", path)
    head = request(server, "HEAD", path)
    assert get.status == head.status == 200
    assert head.body == b"" and head.header("Content-Type") == get.header("Content-Type")


def test_syntax_error_gives_400_with_position(server):
    reply = query(server, "SELECT ?x WHERE { ?x ?y }")
    assert reply.status == 400
    assert "line 1, column" in reply.text and "Traceback" not in reply.text


def test_request_body_cap(server):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (2 << 20)
    reply = request(server, "POST", "/sparql", big, {"Content-Type": "application/sparql-query"})
    assert reply.status == 413


def test_etag_and_last_modified(server):
    first = request(server, "GET", "/sparql?query=" + quote(COUNT_ACTIONS))
    etag = first.header("ETag")
    assert etag and first.header("Last-Modified")
    again = request(server, "GET", "/sparql?query=" + quote(COUNT_ACTIONS), headers={"If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    other = request(server, "GET", "/sparql?query=" + quote(COUNT_ACTIONS + " "), headers={"If-None-Match": etag})
    assert other.status == 200


def test_cors(server):
    reply = query(server, COUNT_ACTIONS)
    assert reply.header("Access-Control-Allow-Origin") == "*"
    assert reply.header("Access-Control-Allow-Credentials") is None
    preflight = request(
        server,
        "OPTIONS",
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.status in (200, 204)
    assert "POST" in preflight.header("Access-Control-Allow-Methods")
    assert preflight.header("Access-Control-Allow-Origin") == "*"


def test_gzip(server):
    reply = request(
        server,
        "POST",
        "/sparql",
        "query=" + quote(CONSTRUCT),
        {"Content-Type": "application/x-www-form-urlencoded", "Accept-Encoding": "gzip"},
    )
    assert reply.header("Content-Encoding") == "gzip"
    assert b"@prefix" in gzip.decompress(reply.body)


def test_health(server):
    assert request(server, "GET", "/healthz").status == 200
    assert request(server, "GET", "/readyz").status == 200


def test_service_description_lists_our_graphs(server):
    reply = request(server, "GET", "/sparql", headers={"Accept": "text/turtle"})
    assert reply.status == 200
    for name in ("ontology", "asserted", "inferred", "provenance"):
        assert f"https://w3id.org/ccm/graph/{name}" in reply.text
    browser = request(server, "GET", "/sparql", headers={"Accept": "text/html,application/xhtml+xml"})
    assert browser.status == 303 and browser.header("Location").endswith("/query")


def test_row_cap_is_signalled(make_app):
    base = make_app(MAX_ROWS=5).test_client()
    reply = query(base, "SELECT ?s WHERE { ?s ?p ?o }")
    assert reply.status == 200 and reply.header("X-Result-Truncated") == "5"
    assert len(json.loads(reply.body)["results"]["bindings"]) == 5
    small = query(base, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3")
    assert small.header("X-Result-Truncated") is None
    # at the cap exactly, nothing was cut; one past it, in XML too
    five = query(base, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5")
    assert five.header("X-Result-Truncated") is None and len(json.loads(five.body)["results"]["bindings"]) == 5
    xml = query(base, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 6", accept="application/sparql-results+xml")
    assert xml.header("X-Result-Truncated") == "5" and xml.body.count(b"<result>") == 5


_ROWS = {  # how many rows a body of each format holds
    "text/csv": lambda body: body.count(b"\n") - 1,
    "application/sparql-results+json": lambda body: len(json.loads(body)["results"]["bindings"]),
    "application/sparql-results+xml": lambda body: body.count(b"<result>"),
}


# JSON and XML are first written whole by pyoxigraph, which is stopped past a megabyte; CSV row by row
@pytest.mark.parametrize("accept", list(_ROWS))
def test_responses_are_capped_in_bytes_as_well_as_rows(make_app, accept):
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
    app = make_app(MAX_BYTES=4 * 1024 * 1024)
    reply = app.test_client().post("/sparql", data={"query": q}, headers={"Accept": accept})
    assert reply.status_code == 200 and reply.content_type.startswith(accept)
    assert reply.headers["X-Result-Truncated-Bytes"] == str(4 * 1024 * 1024)
    assert len(reply.data) <= 4 * 1024 * 1024 + 1024
    assert _ROWS[accept](reply.data) == 4  # four rows of 1 MB fit under 4 MB, the fifth does not


def test_a_syntax_error_is_said_so_that_a_person_can_act_on_it(server):
    # an undeclared prefix: named, with the line that declares it when it is one of ours
    reply = query(server, "SELECT * WHERE {\n  ?s ccm:text ?o }")
    assert reply.status == 400
    assert reply.text.startswith(
        "prefix ccm: is not declared (line 2); add PREFIX ccm: <https://w3id.org/ccm/ontology#>"
    )
    assert "\\u{" not in reply.text and len(reply.text.splitlines()) == 1  # not the parser's character ranges
    reply = query(server, "SELECT * WHERE { ?s nope:x ?o }")
    assert reply.status == 400 and reply.text.startswith("prefix nope: is not declared") and "ccm:" in reply.text
    # anything else: where, and the line with a caret under the spot
    reply = query(server, "SELECT * WHERE { ?s ?p ?o ")
    assert reply.status == 400 and reply.text.splitlines()[0].startswith("query syntax error at line 1, column")
    assert reply.text.splitlines()[1] == "SELECT * WHERE { ?s ?p ?o " and reply.text.splitlines()[2].endswith("^")
