"""Browsing without SPARQL: the home page, lists per class and the ontology's documentation."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import pyoxigraph as ox
from flask import Blueprint, Response, abort, render_template, request
from rdflib import OWL

from graph.sources.text import natural_key
from graph.vocab import node
from graph.vocab.external import RDF_TYPE
from graph.vocab.iris import last_segment

from .linked_data.routes import PLAN_LISTINGS, document_response, not_acceptable, rdf_body
from .negotiation import BY_SUFFIX, DOCUMENT_FORMATS, choose
from .store import dataset as ds
from .store.lists import SEPARATOR, values

bp = Blueprint("browse", __name__)

# name -> (title, query giving ?item ?label ?group ?order), grouped by ?group; a list of things with words of
# their own also gives ?says (what each says, shown before its number) and may give ?details (its indicators)
LISTS = {
    "lausanne-actions": (
        "Lausanne Action Plan: actions by theme",
        f"""
        SELECT ?item ?label ?group ?order ?says (GROUP_CONCAT(?indicator; SEPARATOR="{SEPARATOR}") AS ?details) WHERE {{
          ?item ccm:inPlan ?plan ; ccm:actionNumber ?order ; rdfs:label ?label ; ccm:inSection/ccm:title ?group ;
            ccm:text ?says .
          ?plan ccm:title "Lausanne Action Plan"@en
          OPTIONAL {{ ?i ccm:indicatorOf ?item ; ccm:text ?indicator }}
        }} GROUP BY ?item ?label ?group ?order ?says ORDER BY ?order""",
    ),
    "vientiane-actions": (
        "Vientiane Action Plan: actions by section",
        """
        SELECT ?item ?label ?group ?order ?says WHERE {
          ?item ccm:inPlan ?plan ; ccm:actionNumber ?order ; rdfs:label ?label ; ccm:inSection/ccm:title ?group ;
            ccm:text ?says .
          ?plan ccm:title "Vientiane Action Plan"@en } ORDER BY ?order""",
    ),
    "articles": (
        "The Convention: articles",
        """
        SELECT ?item ?label ("Articles" AS ?group) ?order WHERE {
          ?item a ccm:Article ; rdfs:label ?label ; ccm:order ?order } ORDER BY ?order""",
    ),
    "obligations": (
        "The Convention: norms by kind, and its constitutive rules",
        """
        SELECT ?item ?label ?group ?order WHERE {
          ?item a ?kind ; rdfs:label ?label ; ccm:statedIn/rdfs:label ?order .
          FILTER(?kind IN (ccm:Duty, ccm:Prohibition, ccm:Permission, ccm:Recommendation, ccm:ConstitutiveRule))
          ?kind rdfs:label ?group } ORDER BY ?group""",
    ),
    "indicators": (
        "Lausanne Action Plan: indicators by action",
        """
        SELECT ?item ?label ?group ?order WHERE {
          ?item ccm:indicatorOf ?a ; ccm:text ?label ; ccm:indicatorNumber ?n . ?a rdfs:label ?group ;
          ccm:actionNumber ?order } ORDER BY ?order ?n""",
    ),
    "states": (
        "States",
        """
        SELECT ?item ?label ("States" AS ?group) (?label AS ?order) WHERE { ?item a ccm:State ; rdfs:label ?label }
        ORDER BY ?label""",
    ),
    "organisations": (
        "Organisations and people",
        """
        SELECT ?item ?label ?group ?order WHERE {
          { ?item a ccm:Organisation ; rdfs:label ?label BIND("Organisations" AS ?group) }
          UNION { ?item a ccm:Person ; rdfs:label ?label BIND("People" AS ?group) } BIND(?label AS ?order) }
        ORDER BY ?group ?label""",
    ),
    "meetings": (
        "Meetings",
        """
        SELECT ?item ?label ("Meetings" AS ?group) ?order WHERE { ?item a ccm:Meeting ; rdfs:label ?label
          OPTIONAL { ?item ccm:year ?year } BIND(COALESCE(STR(?year), "9999") AS ?order) } ORDER BY ?order ?label""",
    ),
    "terms": (
        "Defined terms (Article 2)",
        """
        SELECT ?item ?label ("Terms" AS ?group) (?label AS ?order) WHERE {
          ?item a ccm:DefinedTerm ; skos:prefLabel ?label }
        ORDER BY ?label""",
    ),
    "themes": (
        "Themes",
        """
        SELECT DISTINCT ?item ?label ?group (?label AS ?order) WHERE {
          ?item a ccm:Theme ; skos:prefLabel ?label .
          # a plan's themes apart from a meeting's topics: each theme under whatever uses it
          { ?action ccm:theme ?item ; ccm:inPlan ?plan . ?plan rdfs:label ?plabel .
            BIND(CONCAT("Themes of the ", ?plabel) AS ?group) BIND(0 AS ?rank) }
          UNION
          { ?office a ccm:Office ; ccm:topic ?item ; ccm:officeAt ?meeting . ?meeting rdfs:label ?mlabel .
            BIND(CONCAT("Topics of offices held at the ", ?mlabel) AS ?group) BIND(1 AS ?rank) }
          UNION
          { FILTER NOT EXISTS { ?action ccm:theme ?item } FILTER NOT EXISTS { ?office ccm:topic ?item }
            ?item ccm:extractedFrom/oa:hasSource/rdfs:label ?source .
            BIND(CONCAT("Other topics of the ", ?source) AS ?group) BIND(2 AS ?rank) }
        } ORDER BY ?rank DESC(?group) ?label""",
    ),
}


def _select(query: str) -> list[dict[str, ox.Term]]:
    solutions = ds.get().select(query)
    names = [v.value for v in solutions.variables]
    return [{n: s[n] for n in names} for s in solutions]


@bp.route("/")
def home() -> str:
    data = ds.get()
    counts = {
        row["name"].value: int(row["n"].value)
        for row in _select("""
        SELECT ?name (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . ?c rdfs:label ?name .
          FILTER(?c IN (ccm:Action, ccm:Article, ccm:Norm, ccm:Indicator, ccm:State, ccm:Organisation,
                        ccm:Meeting, ccm:DefinedTerm, ccm:Theme)) } GROUP BY ?name""")
    }
    return render_template("pages/home.html", counts=counts, lists=LISTS, graphs=data.graphs)


@bp.route("/browse")
def lists() -> str:
    return render_template("pages/lists.html", lists=LISTS)


@bp.route("/browse/<name>")
def listing(name: str) -> str:
    if name not in LISTS:
        abort(404, f"no list named {name}")
    title, query = LISTS[name]
    rows: dict[str, list[tuple[tuple, str, str, dict[str, object]]]] = defaultdict(list)
    for row in _select(query):
        order = row["order"]
        key = (
            natural_key(order.value) if _is_text(order) else [(0, float(order.value), "")],
            natural_key(row["label"].value),
        )
        said = {
            "number": order.value,
            "says": row["says"].value if row.get("says") is not None else None,
            "details": values(row.get("details")),
        }
        rows[row["group"].value].append((key, row["item"].value, row["label"].value, said))
    # "Article 2" before "Article 10", "ccm" beside "CCM": numbers by value, letters without case
    groups = {
        g: [(item, label, said) for _, item, label, said in sorted(items, key=lambda r: r[:3])]
        for g, items in rows.items()
    }
    plan = next((p for p, listing in PLAN_LISTINGS.items() if listing == name), None)
    return render_template("pages/listing.html", title=title, groups=groups, plan=plan)


def _is_text(term: ox.Term) -> bool:
    return isinstance(term, ox.Literal) and not term.datatype.value.endswith(("integer", "decimal", "int"))


@bp.route("/ontology")
@bp.route("/ontology.<suffix>")
@bp.route("/ontology/<version>")
def ontology(suffix: str | None = None, version: str | None = None) -> Response:
    """The ontology's IRI (a hash namespace: every term's document is this one), by content
    negotiation: HTML for browsers, RDF for RDF clients, as the W3C's recipes for publishing
    vocabularies say; `/ontology.ttl` and the like ask for one format; `/ontology/<version>` is the
    version IRI, the same document while that version is the one served."""
    data = ds.get()
    triples = [q.triple for q in data.store.quads_for_pattern(None, None, None, data.graph("ontology"))]
    if version is not None:
        current = next((t.object.value for t in triples if t.predicate == node(OWL.versionIRI)), None)
        stem, _, ext = version.rpartition(".")
        if stem and ext in BY_SUFFIX:  # /ontology/0.1.0.ttl
            version, suffix = stem, ext
        if current is None or last_segment(current) != version:
            abort(404, f"no version {version} of the ontology here")
    fmt = BY_SUFFIX.get(suffix) if suffix else choose(request, DOCUMENT_FORMATS)
    if fmt is None:
        return not_acceptable("the ontology")
    if fmt.html:
        response = Response(render_template("pages/ontology.html", terms=_ontology_terms()), mimetype="text/html")
    else:
        quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]  # in the default graph
        response = Response(rdf_body(quads, fmt), content_type=fmt.media_type)
    path = f"/ontology/{version}" if version else "/ontology"
    return document_response(response, path, fmt, suffix is None, "ontology")


@lru_cache(maxsize=1)
def _ontology_terms() -> dict[str, list[dict[str, object]]]:
    data = ds.get()
    graph = data.graph("ontology")
    rows = data.select(f"""
        SELECT ?term ?kind ?label ?comment
               (GROUP_CONCAT(DISTINCT STR(?super); SEPARATOR=" ") AS ?supers)
               (GROUP_CONCAT(DISTINCT STR(?domain); SEPARATOR=" ") AS ?domains)
               (GROUP_CONCAT(DISTINCT STR(?range); SEPARATOR=" ") AS ?ranges)
               (GROUP_CONCAT(DISTINCT STR(?match); SEPARATOR=" ") AS ?matches) WHERE {{
          GRAPH <{graph.value}> {{
            ?term a ?kind ; rdfs:label ?label ; rdfs:comment ?comment .
            FILTER(?kind IN (<{OWL.Class}>, <{OWL.ObjectProperty}>, <{OWL.DatatypeProperty}>))
            OPTIONAL {{ ?term rdfs:subClassOf|rdfs:subPropertyOf ?super }}
            OPTIONAL {{ ?term rdfs:domain ?domain }} OPTIONAL {{ ?term rdfs:range ?range }}
            OPTIONAL {{ ?term skos:closeMatch|skos:relatedMatch ?match }} }}
        }} GROUP BY ?term ?kind ?label ?comment ORDER BY ?label""")
    usage = data.counts(f"?s <{RDF_TYPE.value}> ?x")
    predicate_counts = data.counts("?s ?x ?o")
    terms: dict[str, list[dict[str, object]]] = {"Classes": [], "Properties": []}
    for row in rows:
        iri = row["term"].value
        is_class = row["kind"].value.endswith("#Class")
        terms["Classes" if is_class else "Properties"].append(
            {
                "iri": iri,
                "name": last_segment(iri),
                "label": row["label"].value,
                "comment": row["comment"].value,
                "supers": _words(row["supers"]),
                "domains": _words(row["domains"]),
                "ranges": _words(row["ranges"]),
                "matches": _words(row["matches"]),
                "usage": usage.get(iri, 0) if is_class else predicate_counts.get(iri, 0),
            }
        )
    return terms


def _words(value: ox.Literal | None) -> list[str]:
    return value.value.split() if value is not None else []
