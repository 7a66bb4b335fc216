"""The W3C SPARQL 1.1 Protocol tests replayed against a live server serving their data.

The tests are read from ../shared/w3c-sparql11-protocol-tests (or $CCMKG_W3C_PROTOCOL_TESTS),
never copied here. Query tests and bad-request tests must pass as written; update tests expect a
writable endpoint, and this one is read-only: each update must be refused with a 4xx.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rdflib import RDF, RDFS, Graph, Namespace
from rdflib.collection import Collection
from rdflib.term import Node

from graph.sources import PROJECT_ROOT
from graph.vocab import SD
from tests.support.http import Reply, request
from tests.support.processes import serve

ROOT = PROJECT_ROOT
TESTS = Path(os.environ.get("CCMKG_W3C_PROTOCOL_TESTS", ROOT.parent / "shared" / "w3c-sparql11-protocol-tests"))
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")

pytestmark = [
    pytest.mark.skipif(
        not (TESTS / "manifest.ttl").is_file(),
        reason=f"W3C protocol tests not found at {TESTS} (set CCMKG_W3C_PROTOCOL_TESTS)",
    ),
]


def _manifest() -> tuple[Graph, list]:
    g = Graph().parse(TESTS / "manifest.ttl", format="turtle")
    entries = Collection(g, next(g.objects(None, MF.entries)))
    return g, list(entries)


def _names() -> list[str]:
    if not (TESTS / "manifest.ttl").is_file():
        return []
    _, entries = _manifest()
    return [str(e).rsplit("#", 1)[1] for e in entries]


@pytest.fixture(scope="module")
def w3c_server(tmp_path_factory):
    """A TriG dataset of data1-3.nt, each in the named graph the manifest gives it."""
    g, _ = _manifest()
    trig = tmp_path_factory.mktemp("w3c") / "protocol.trig"
    graphs = {}
    for data in g.objects(None, UT.graphData):
        graphs[str(g.value(data, RDFS.label))] = Path(str(g.value(data, UT.graph)).removeprefix("file://"))
    lines = []
    for name, path in sorted(graphs.items()):
        lines.append(f"<{name}> {{\n{(TESTS / path.name).read_text()}}}\n")
    trig.write_text("".join(lines))
    with serve(trig) as base:
        yield base


def _requests(g: Graph, test: Node) -> list[Node]:
    return list(Collection(g, g.value(g.value(test, MF.action), HT.requests)))


def _send(base: str, g: Graph, req: Node) -> tuple[Reply, Node | None]:
    path = str(g.value(req, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
    headers = {}
    header_list = g.value(req, HT.headers)
    if header_list is not None:
        for h in Collection(g, header_list):
            headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
    body = None
    content = g.value(req, HT.body)
    if content is not None:
        body = str(g.value(content, CNT.chars)).encode(str(g.value(content, CNT.characterEncoding)))
    reply = request(base, str(g.value(req, HT.methodName)), path, body, headers)
    return reply, g.value(req, HT.resp)


def _boolean(reply: Reply) -> bool:
    media = (reply.header("Content-Type") or "").split(";")[0]
    if media == "application/sparql-results+json":
        return json.loads(reply.body)["boolean"]
    assert media == "application/sparql-results+xml", media
    node = ElementTree.fromstring(reply.body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    return node.text == "true"


@pytest.mark.parametrize("name", _names())
def test_protocol(w3c_server, name):
    g, _ = _manifest()
    test = next(e for e in _manifest()[1] if str(e).endswith("#" + name))
    requests = _requests(g, test)
    if name.startswith("update_"):
        reply, _ = _send(w3c_server, g, requests[0])
        assert 400 <= reply.status < 500, (reply.status, reply.text)
        return
    for req in requests:
        reply, resp = _send(w3c_server, g, req)
        expected = set(g.objects(resp, MF.expectedStatus))
        if HTS.StatusCode4xx in expected:
            assert 400 <= reply.status < 500, (reply.status, reply.text)
            assert "Traceback" not in reply.text
            continue
        assert 200 <= reply.status < 400, (reply.status, reply.text)
        fmt = str(g.value(resp, MF.expectedFormat) or "")
        media = (reply.header("Content-Type") or "").split(";")[0]
        if fmt == "boolean":
            value = _boolean(reply)
            if g.value(resp, MF.expectedBoolean) is not None:
                assert value == g.value(resp, MF.expectedBoolean).toPython()
        elif fmt == "tabular":
            assert media in (
                "application/sparql-results+json",
                "application/sparql-results+xml",
                "text/csv",
                "text/tab-separated-values",
            )
        elif fmt == "RDF":
            assert media in ("application/rdf+xml", "text/turtle", "application/n-triples")
            Graph().parse(
                data=reply.body,
                format={"application/rdf+xml": "xml", "text/turtle": "turtle", "application/n-triples": "nt"}[media],
            )


def _description(base: str) -> Graph:
    reply = request(base, "GET", "/sparql", headers={"Accept": "text/turtle"})
    assert reply.status == 200 and reply.header("Content-Type").startswith("text/turtle")
    return Graph().parse(data=reply.body, format="turtle")


def test_service_description_returns_rdf(w3c_server):
    for accept in ("text/turtle", "application/rdf+xml", "*/*"):
        reply = request(w3c_server, "GET", "/sparql", headers={"Accept": accept})
        assert reply.status == 200
        media = reply.header("Content-Type").split(";")[0]
        assert (
            len(Graph().parse(data=reply.body, format={"text/turtle": "turtle", "application/rdf+xml": "xml"}[media]))
            > 5
        )


def test_service_description_has_endpoint_triple(w3c_server):
    g = _description(w3c_server)
    endpoints = set(g.objects(None, SD.endpoint))
    assert {str(e) for e in endpoints} == {f"{w3c_server}/sparql"}


def test_service_description_conforms_to_schema(w3c_server):
    g = _description(w3c_server)
    named = set(g.subjects(RDF.type, SD.NamedGraph))
    assert len(named) == 3
    for n in named:
        assert g.value(n, SD.name) is not None
    names = {str(g.value(n, SD.name)) for n in named}
    assert names == {f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)}
