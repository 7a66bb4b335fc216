"""The clients people use, against a real server: rdflib's `Graph.parse` on a URL, SPARQLWrapper
with its defaults, Debian's `rapper`, and the Accept headers real tools send. Every IRI the graph
uses dereferences: the ontology and its version, concept schemes, named graphs, source files."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from rdflib import OWL, RDF, SKOS, Graph, URIRef
from rdflib.namespace import VOID
from SPARQLWrapper import N3, SPARQLWrapper

from tests.support.http import request
from tests.support.processes import serve

pytestmark = pytest.mark.live
ACTION = "/id/lap/action/18"


@pytest.fixture(scope="module")
def base(dataset_file):
    with serve(dataset_file) as url:
        yield url


def test_rdflib_loads_the_ontology_from_its_iri(base):
    g = Graph().parse(base + "/ontology")
    assert (URIRef("https://w3id.org/ccm/ontology"), RDF.type, OWL.Ontology) in g and len(g) > 800
    version = g.value(URIRef("https://w3id.org/ccm/ontology"), OWL.versionIRI)
    local = str(version).removeprefix("https://w3id.org/ccm")
    assert len(Graph().parse(base + local)) == len(g)  # the version IRI resolves to that version


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (Debian raptor2-utils) is not installed")
def test_rapper_parses_the_ontology_and_an_entity(base):
    for path, minimum in (("/ontology", 800), (ACTION, 30)):
        done = subprocess.run(["rapper", "-g", "-c", base + path], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        count = int(done.stderr.split("returned")[1].split()[0])
        assert count >= minimum, (path, done.stderr)


@pytest.mark.parametrize("fmt", ["nt", "turtle", "xml", None])
def test_rdflib_gets_what_it_asks_for_from_an_entity(base, fmt):
    # rdflib sends its own Accept per format ("text/plain, */*;q=0.1" for N-Triples)
    g = Graph().parse(base + ACTION, format=fmt) if fmt else Graph().parse(base + ACTION)
    assert len(g) > 30


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/turtle; charset=utf-8", "text/turtle"),
        ('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', "application/ld+json"),
        ("text/turtle;charset=UTF-8;q=0.9,*/*;q=0.1", "text/turtle"),
        ("application/json", "application/ld+json"),
        ("text/plain", "application/n-triples"),
        ("text/n3", "text/turtle"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ],
)
def test_accept_headers_real_tools_send(base, accept, media):
    reply = request(base, "GET", ACTION, headers={"Accept": accept})
    assert reply.status == 200 and reply.header("Content-Type").startswith(media), reply.header("Content-Type")
    endpoint = request(
        base, "GET", "/sparql?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json; charset=utf-8"}
    )
    assert endpoint.status == 200


def test_format_parameter_on_entities(base):
    assert request(base, "GET", ACTION + "?format=ttl").header("Content-Type").startswith("text/turtle")
    assert request(base, "GET", ACTION + "?format=nonsense", headers={"Accept": "text/turtle"}).status == 200


@pytest.mark.parametrize(
    "query", ["CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5", f"DESCRIBE <https://w3id.org/ccm{ACTION}>"]
)
def test_sparqlwrapper_defaults_for_graph_results(base, query):
    client = SPARQLWrapper(base + "/sparql")  # its default return format is XML: RDF/XML for graphs
    client.setQuery(query)
    assert len(client.query().convert()) > 0
    client.setReturnFormat(N3)
    assert b"<https://w3id.org/ccm/" in client.query().convert()


def test_sparqlwrapper_defaults_for_select(base):
    client = SPARQLWrapper(base + "/sparql")
    client.setQuery("SELECT ?s WHERE { ?s a <https://w3id.org/ccm/ontology#Action> } LIMIT 3")
    document = client.query().convert()  # an XML DOM
    assert len(document.getElementsByTagName("result")) == 3


def test_every_concept_scheme_and_named_graph_dereferences(base, dataset_file):
    data = Graph().parse(dataset_file.parent / "asserted.ttl")
    schemes = set(data.objects(None, SKOS.inScheme))
    # events, actor categories, terms, indicators, themes, roles, participation statuses, strengths, rule
    # kinds, condition kinds, decision kinds, instrument kinds, situations (Articles 3(2) and 4(1)), the
    # chapeaux' verbs, commitment profiles, review decisions
    assert len(schemes) == 16
    for scheme in schemes:
        g = Graph().parse(base + str(scheme).removeprefix("https://w3id.org/ccm"), format="turtle")
        assert (scheme, RDF.type, SKOS.ConceptScheme) in g, scheme
        assert set(g.objects(scheme, SKOS.hasTopConcept)), scheme
    sizes = {}
    for name in ("ontology", "asserted", "inferred", "derived", "provenance"):
        g = Graph().parse(base + f"/graph/{name}", format="turtle")
        sizes[name] = int(g.value(URIRef(f"https://w3id.org/ccm/graph/{name}"), VOID.triples))
    assert sizes["asserted"] == len(data)
    source = Graph().parse(base + "/id/source/003", format="turtle")
    assert source.value(URIRef("https://w3id.org/ccm/id/source/003"), URIRef("https://w3id.org/ccm/ontology#sha256"))


def test_jsonld_is_compacted_with_the_entity_on_top(base):
    import json

    doc = json.loads(request(base, "GET", ACTION + ".jsonld").body)
    assert doc["@context"] == base + "/context.jsonld"
    assert doc["id"] == "https://w3id.org/ccm" + ACTION and doc["label"] == "Lausanne Action Plan, Action 18"
    assert "Action" in doc["type"] and doc["inPlan"] == "https://w3id.org/ccm/id/lap"
    # rdflib reads the same statements from JSON-LD (fetching the context) as from Turtle
    turtle = Graph().parse(base + ACTION + ".ttl", format="turtle")
    jsonld = Graph().parse(base + ACTION + ".jsonld", format="json-ld")
    assert len(jsonld) == len(turtle) > 30
    reply = request(base, "GET", ACTION, headers={"Accept": "application/ld+json"})
    assert reply.header("Link") is None  # one Link per alternate breaks PyLD's loader


def test_pyld_expands_an_entity_fetched_by_url(base):
    from pyld import jsonld

    expanded = jsonld.expand(base + ACTION + ".jsonld")
    top = next(n for n in expanded if n["@id"] == "https://w3id.org/ccm" + ACTION)
    assert top["http://www.w3.org/2000/01/rdf-schema#label"][0]["@value"] == "Lausanne Action Plan, Action 18"
    graphs = request(base, "GET", ACTION + ".jsonld?graphs=1")
    assert any("@graph" in node for node in json_nodes(graphs.body))


def json_nodes(body: bytes) -> list[dict]:
    import json

    data = json.loads(body)
    return data if isinstance(data, list) else data.get("@graph", [data])


def test_our_own_store_client_reads_a_ccm_kg_endpoint(base):
    """server/store/remote.py (SPARQLWrapper, format=n3) pointed at a ccm-kg endpoint: graph
    results come back in the format the endpoint chose, and are read as such."""
    from server.app import create_app

    client = create_app({"TESTING": True, "STORE_URL": base + "/sparql"}).test_client()
    reply = client.get(ACTION, headers={"Accept": "text/turtle"})
    assert reply.status_code == 200 and len(Graph().parse(data=reply.data, format="turtle")) > 30
    describe = client.post(
        "/sparql",
        data={"query": f"DESCRIBE <https://w3id.org/ccm{ACTION}>"},
        headers={"Accept": "application/n-triples"},
    )
    assert describe.status_code == 200 and len(Graph().parse(data=describe.data, format="nt")) > 10
