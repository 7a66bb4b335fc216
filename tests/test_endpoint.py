"""The endpoint as HTTP clients see it: formats, negotiation, caching, CORS, compression, limits, errors."""

from __future__ import annotations

import csv
import gzip
import io
import json
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from rdflib import Dataset, Graph

from .live import Reply, query, request, serve
from .norm_table import NORMS

COUNT_ACTIONS = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/ccm/ontology#Action> }"
DESCRIBE = "DESCRIBE <https://w3id.org/ccm/id/lap/action/18>"
CONSTRUCT = """CONSTRUCT { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE {
  ?a a <https://w3id.org/ccm/ontology#Action> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"""


def _count(reply: Reply) -> int:
    media = reply.header("Content-Type").split(";")[0]
    if media == "application/sparql-results+json":
        return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])
    if media == "application/sparql-results+xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        return int(ElementTree.fromstring(reply.body).find(f".//{ns}literal").text)
    if media == "text/csv":
        return int(list(csv.reader(io.StringIO(reply.text)))[1][0])
    assert media == "text/tab-separated-values"
    return int(reply.text.splitlines()[1].split("^^")[0].strip('"'))


@pytest.mark.parametrize(
    "accept",
    ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"],
)
def test_select_in_every_result_format(server, accept):
    reply = query(server, COUNT_ACTIONS, accept)
    assert reply.status == 200 and reply.header("Content-Type").startswith(accept)
    assert _count(reply) == 116  # 66 Vientiane + 50 Lausanne actions
    assert "Accept" in reply.header("Vary")


GRAPH_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


@pytest.mark.parametrize("accept", sorted(GRAPH_FORMATS))
def test_construct_in_every_graph_format(server, accept):
    reply = query(server, CONSTRUCT, accept)
    assert reply.status == 200 and reply.header("Content-Type").startswith(accept)
    fmt = GRAPH_FORMATS[accept]
    g = Dataset() if fmt in ("trig", "nquads") else Graph()
    g.parse(data=reply.body, format=fmt)
    assert len(g) == 116


def test_booleans_and_durations_come_back_as_written_whichever_store(server):
    """Virtuoso answers ASK as a SELECT, booleans as 0 and 1 and durations as numbers: its profile
    (server/store/profiles.py) must give the user what the embedded store gives."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for ask, expected in (
        ("ASK { ?s a <https://w3id.org/ccm/ontology#Action> }", True),
        ("ASK { ?s ?p 7.5e99 }", False),
    ):
        assert json.loads(query(server, ask).body) == {"head": {}, "boolean": expected}
    bound = 'SELECT ?t ?f ?s WHERE { BIND(true AS ?t) BIND (false as ?f) BIND("(true AS ?x)" AS ?s) }'
    row = json.loads(query(server, bound).body)["results"]["bindings"][0]
    assert (row["t"]["value"], row["t"]["datatype"]) == ("true", xsd + "boolean")
    assert (row["f"]["value"], row["f"]["datatype"]) == ("false", xsd + "boolean")
    assert row["s"]["value"] == "(true AS ?x)"  # a string is left as it was written
    # the data's own: Vientiane Declaration paragraph 9 gives a provisional figure; Article 7.1's 180 days
    stored = """SELECT ?flag ?days WHERE {
      ?figure <https://w3id.org/ccm/ontology#provisional> ?flag .
      <https://w3id.org/ccm/id/convention/article/7/paragraph/1/obligation/1/deadline/1>
        <http://www.w3.org/2006/time#hasXSDDuration> ?days } LIMIT 1"""
    row = json.loads(query(server, stored).body)["results"]["bindings"][0]
    assert (row["flag"]["value"], row["flag"]["datatype"]) == ("true", xsd + "boolean")
    assert (row["days"]["value"], row["days"]["datatype"]) == ("P180D", xsd + "duration")
    turtle = query(
        server,
        "CONSTRUCT { ?f <urn:p> ?v } WHERE { ?f <https://w3id.org/ccm/ontology#provisional> ?v }",
        accept="application/n-triples",
    )
    assert f'"true"^^<{xsd}boolean>' in turtle.text


def test_describe(server):
    g = Graph().parse(data=query(server, DESCRIBE, "text/turtle").body, format="turtle")
    assert len(g) > 10


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


def test_dataset_selection_among_loaded_graphs(server):
    asserted = "https://w3id.org/ccm/graph/asserted"
    inferred = "https://w3id.org/ccm/graph/inferred"
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/ccm/ontology#Norm> }"
    # norms are typed Duty/Prohibition/Permission in the text; ccm:Norm only by inference
    norms = sum(1 for row in NORMS if row[2] != "rule")  # the Convention read sentence by sentence
    assert _count(query(server, q, **{"default-graph-uri": asserted})) == 0
    assert _count(query(server, q, **{"default-graph-uri": inferred})) == norms
    assert _count(query(server, q)) == norms  # the default graph is the union
    # a graph that is not loaded is empty, never fetched
    assert _count(query(server, q, **{"default-graph-uri": "http://example.org/not-loaded"})) == 0


def test_syntax_error_gives_400_with_position(server):
    reply = query(server, "SELECT ?x WHERE { ?x ?y }")
    assert reply.status == 400
    assert "1:" in reply.text and "Traceback" not in reply.text


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


def test_row_cap_is_signalled(dataset_file):
    with serve(dataset_file, env={"CCMKG_MAX_ROWS": "5"}) as base:
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
