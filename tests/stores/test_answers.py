"""What a store might answer otherwise than the embedded one, through the app: every result and graph
format, booleans and durations as written, DESCRIBE, the choice of graphs, a page for every class, and
the refusal of what could reach outside (SERVICE, FROM a URL, updates) whichever store is behind."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
from xml.etree import ElementTree

import pytest
from rdflib import RDF, RDFS, Dataset, Graph

from graph.vocab.iris import term_name
from tests.support.http import Reply, query, request
from tests.support.norm_table import NORMS

COUNT_ACTIONS = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/ccm/ontology#Action> }"
DESCRIBE = "DESCRIBE <https://w3id.org/ccm/id/lap/action/18>"
CONSTRUCT = """CONSTRUCT { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE {
  ?a a <https://w3id.org/ccm/ontology#Action> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"""
GRAPH_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


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


def test_a_page_for_every_class(server, kg):

    classes = {o for o in kg.objects(None, RDF.type) if term_name(o)}
    assert len(classes) > 40
    for cls in sorted(classes):
        instance = sorted(s for s in kg.subjects(RDF.type, cls) if str(s).startswith("https://w3id.org/ccm/id/"))[0]
        path = str(instance).removeprefix("https://w3id.org/ccm")
        reply = request(server, "GET", path, headers={"Accept": "text/html"})
        assert reply.status == 200, (cls, path)
        label = kg.value(instance, RDFS.label)
        escaped = str(label).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
        assert f"<h1>{escaped}</h1>" in reply.text, (cls, path)


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
def test_service_is_refused_without_any_connection(server, listener, template):
    reply = query(server, template.format(port=listener.port))
    assert reply.status == 400 and "SERVICE" in reply.text
    time.sleep(0.5)
    assert listener.connections == 0


def test_service_in_strings_variables_and_names_is_not_a_keyword(server):
    q = """PREFIX service: <http://example.org/service#>
    SELECT ?service WHERE { BIND("SERVICE <http://x/> {}" AS ?service) } # SERVICE in a comment"""
    assert query(server, q).status == 200


def test_from_selects_among_loaded_graphs_and_fetches_nothing(server, listener):
    remote = f"SELECT (COUNT(*) AS ?n) FROM <http://127.0.0.1:{listener.port}/data.ttl> WHERE {{ ?s ?p ?o }}"
    reply = query(server, remote)
    assert reply.status == 200
    assert json.loads(reply.body)["results"]["bindings"][0]["n"]["value"] == "0"
    named = f"SELECT * FROM NAMED <http://127.0.0.1:{listener.port}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert query(server, named).status == 200
    time.sleep(0.5)
    assert listener.connections == 0
    local = "SELECT ?o FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"
    reply = query(server, local)
    assert reply.status == 200 and json.loads(reply.body)["results"]["bindings"] == []
    loaded = "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/ccm/graph/asserted> WHERE { ?s ?p ?o }"
    assert int(json.loads(query(server, loaded).body)["results"]["bindings"][0]["n"]["value"]) > 5000


def test_updates_are_refused(server):
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    direct = request(server, "POST", "/sparql", update, {"Content-Type": "application/sparql-update"})
    form = request(server, "POST", "/sparql", "update=" + update, {"Content-Type": "application/x-www-form-urlencoded"})
    get = request(server, "GET", "/sparql?update=CLEAR%20ALL")
    assert direct.status == form.status == get.status == 403
    assert "read-only" in direct.text
    # sent as a query, an update is told apart before any store sees it, whichever store is behind
    for sent in (update, "LOAD <http://127.0.0.1:9/x.ttl>", "# load\nPREFIX ex: <http://example.org/>\nCLEAR ALL"):
        reply = query(server, sent)
        assert reply.status == 400 and "update, not a query" in reply.text, (sent, reply.text)
    count = "ASK { <http://example.org/a> ?p ?o }"
    assert json.loads(query(server, count).body)["boolean"] is False
