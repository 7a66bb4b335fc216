"""The ontology as ontology users load it, checked with tools nobody here wrote: the OWL API's
OWL 2 DL and RL profile checkers (Debian's libowlapi-java) and the HermiT reasoner bundled with
owlready2 (Java). `.ci/run` installs what they need."""

from __future__ import annotations

import glob
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from graph.vocab import CCM, ONTOLOGY
from graph.vocab.generate import ONTOLOGY as ONTOLOGY_FILE

JARS = sorted(glob.glob("/usr/share/java/owlapi-distribution*.jar")) and sorted(glob.glob("/usr/share/java/*.jar"))
needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="Java is not installed (.ci/run installs it)")
# the datatypes OWL 2's datatype map has; HermiT refuses a literal of any other
_OWL2_DATATYPES = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("string", "integer", "decimal", "boolean", "dateTime", "nonNegativeInteger", "anyURI")
} | {"http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "http://www.w3.org/2000/01/rdf-schema#Literal"}


@pytest.fixture(scope="module")
def profiles(tmp_path_factory) -> dict[str, list[str]]:
    if not JARS or shutil.which("javac") is None:
        pytest.skip("the OWL API (Debian libowlapi-java) or javac is not installed; .ci/run installs them")
    out = tmp_path_factory.mktemp("owlapi")
    classpath = ":".join(JARS)
    source = Path(__file__).with_name("owl") / "Profiles.java"
    subprocess.run(["javac", "-d", str(out), "-cp", classpath, str(source)], check=True, capture_output=True)
    done = subprocess.run(
        ["java", "-cp", f"{classpath}:{out}", "Profiles", str(ONTOLOGY_FILE)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        if not line.startswith("  "):
            current = report.setdefault(line.split("\t")[0], [])
        else:
            current.append(line.strip())
    return report


@pytest.mark.slow
def test_the_ontology_is_owl2_dl(profiles):
    assert profiles["OWL 2 DL"] == []


@pytest.mark.slow
def test_the_ontology_is_owl2_rl(profiles):
    assert profiles["OWL 2 RL"] == []


def _hermit(graph: Graph, tmp: Path) -> list[str]:
    """HermiT on a graph: the unsatisfiable classes; raises when the graph is inconsistent."""
    import owlready2

    path = tmp / "kg.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return [str(c) for c in world.inconsistent_classes() if str(c) != "owl.Nothing"]


def _in_the_datatype_map(g: Graph) -> Graph:
    """The graph with every literal of a datatype outside OWL 2's map (xsd:date, xsd:gYear,
    xsd:gMonthDay, xsd:duration: the ranges say rdfs:Literal and SHACL checks them) as a plain
    string, since HermiT refuses such literals; every class and property axiom still applies."""
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype is not None and str(o.datatype) not in _OWL2_DATATYPES:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


@pytest.mark.slow
@needs_java
def test_hermit_finds_the_ontology_and_its_data_consistent(built, tmp_path):
    ontology = built.graphs["ontology"]
    assert _hermit(ontology, tmp_path) == []  # no unsatisfiable class
    data = ontology + built.graphs["asserted"] + built.graphs["inferred"] + built.graphs["derived"]
    assert _hermit(_in_the_datatype_map(data), tmp_path) == []


@pytest.mark.slow
@needs_java
def test_hermit_refuses_a_norm_of_two_kinds(built, tmp_path):
    import owlready2

    g = Graph() + built.graphs["ontology"]
    norm = URIRef("https://example.org/a-norm")
    g.add((norm, RDF.type, CCM.Duty))
    g.add((norm, RDF.type, CCM.Permission))  # Duty, Prohibition and Permission are disjoint
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _hermit(g, tmp_path)


def test_norm_kinds_are_disjoint_and_none_is_an_obligation():
    g = Graph().parse(ONTOLOGY_FILE)
    disjoint = [set(g.items(g.value(d, OWL.members))) for d in g.subjects(RDF.type, OWL.AllDisjointClasses)]
    kinds = (CCM.Duty, CCM.Prohibition, CCM.Permission, CCM.Recommendation)
    assert set(kinds) in disjoint
    assert all((k, RDFS.subClassOf, CCM.Norm) in g for k in kinds)


def test_alignments_say_only_what_the_other_vocabularies_mean():
    g = Graph().parse(ONTOLOGY_FILE)
    eli = "http://data.europa.eu/eli/ontology#"
    assert (CCM.entryIntoForce, RDFS.subPropertyOf, URIRef(eli + "first_date_entry_in_force")) in g
    assert (CCM.adopted, RDFS.subPropertyOf, URIRef(eli + "date_document")) in g
    odrl_assignee = URIRef("http://www.w3.org/ns/odrl/2/assignee")
    assert not list(g.subjects(RDFS.subPropertyOf, odrl_assignee))  # its domain is ODRL rules and policies
    assert (CCM.bearer, SKOS.relatedMatch, odrl_assignee) in g
    # a State was not derived from a span of text; its description was
    assert (CCM.extractedFrom, RDFS.subPropertyOf, None) not in g
    for prop in (CCM.footnote, CCM.acronym):  # SKOS's are annotation properties: no punning
        assert (prop, RDFS.subPropertyOf, None) not in g


def test_fair_metadata_and_unique_labels():
    g = Graph().parse(ONTOLOGY_FILE)
    for p in (
        OWL.versionIRI,
        OWL.versionInfo,
        DCTERMS.creator,
        DCTERMS.publisher,
        DCTERMS.created,
        DCTERMS.issued,
        DCTERMS.modified,
        DCTERMS.description,
        DCTERMS.license,
        DCTERMS.title,
    ):
        assert g.value(ONTOLOGY, p) is not None, p
    labels: dict[str, URIRef] = {}
    for term in g.subjects(RDFS.isDefinedBy, ONTOLOGY):
        assert g.value(term, SKOS.definition) is not None, term
        label = str(g.value(term, RDFS.label)).lower()
        assert label not in labels, (label, term, labels[label])
        labels[label] = term


def test_every_concept_scheme_is_described(built):
    g = built.graphs["asserted"]
    for scheme in set(g.objects(None, SKOS.inScheme)):
        assert (scheme, RDF.type, SKOS.ConceptScheme) in g and g.value(scheme, SKOS.prefLabel), scheme
    for event in g.subjects(RDF.type, CCM.AnchorEvent):
        assert g.value(event, SKOS.prefLabel) is not None, event


def test_text_values_fit_the_range_of_ccm_text(built):
    # ccm:text's range is rdfs:Literal: its values are English text (rdf:langString)
    g = Graph().parse(ONTOLOGY_FILE)
    assert g.value(CCM.text, RDFS.range) == RDFS.Literal
    assert all(o.language == "en" for o in built.graphs["asserted"].objects(None, CCM.text))


def test_a_recurring_limit_says_how_often_not_how_long(built, iris):
    # Article 7.2: "not later than 30 April of each year": annually, on --04-30
    g = built.graphs["asserted"]
    recurring = [
        d
        for d in g.objects(iris.obligation(("7", "2"), 1), CCM.hasDeadline)
        if (d, RDF.type, CCM.RecurringDeadline) in g
    ]
    assert recurring
    for d in recurring:
        assert str(g.value(d, CCM.recursEvery)) == "P1Y"
        assert g.value(d, URIRef("http://www.w3.org/2006/time#hasXSDDuration")) is None
