"""Browsing without SPARQL: the home page, lists per class, the ontology's documentation and the
source documents with every extracted span anchored."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import pyoxigraph as ox
from flask import Blueprint, abort, render_template, request
from markupsafe import Markup, escape

from graph.sources import SOURCE_FILES

from . import dataset as ds

bp = Blueprint("browse", __name__)
CCM = "https://w3id.org/ccm/ontology#"
PREFIXES = """PREFIX ccm: <https://w3id.org/ccm/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# name -> (title, query giving ?item ?label ?group ?order), grouped by ?group
LISTS = {
    "lausanne-actions": (
        "Lausanne Action Plan: actions by theme",
        """
        SELECT ?item ?label ?group ?order WHERE {
          ?item ccm:inPlan ?plan ; ccm:actionNumber ?order ; rdfs:label ?label ; ccm:inSection/ccm:title ?group .
          ?plan ccm:title "Lausanne Action Plan"@en } ORDER BY ?order""",
    ),
    "vientiane-actions": (
        "Vientiane Action Plan: actions by section",
        """
        SELECT ?item ?label ?group ?order WHERE {
          ?item ccm:inPlan ?plan ; ccm:actionNumber ?order ; rdfs:label ?label ; ccm:inSection/ccm:title ?group .
          ?plan ccm:title "Vientiane Action Plan"@en } ORDER BY ?order""",
    ),
    "articles": (
        "The Convention: articles",
        """
        SELECT ?item ?label ("Articles" AS ?group) ?order WHERE {
          ?item a ccm:Article ; rdfs:label ?label ; ccm:order ?order } ORDER BY ?order""",
    ),
    "obligations": (
        "The Convention: obligations by kind",
        """
        SELECT ?item ?label ?group ?order WHERE {
          ?item a ?kind ; rdfs:label ?label ; ccm:statedIn/ccm:order ?order . ?kind rdfs:subClassOf ccm:Obligation ;
          rdfs:label ?group } ORDER BY ?group ?label""",
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
        SELECT ?item ?label ("Themes" AS ?group) (?label AS ?order) WHERE { ?item a ccm:Theme ; skos:prefLabel ?label }
        ORDER BY ?label""",
    ),
}


def _select(query: str) -> list[dict[str, ox.Term]]:
    solutions = ds.get().store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: s[n] for n in names} for s in solutions]


@bp.route("/")
def home() -> str:
    data = ds.get()
    counts = {
        row["name"].value: int(row["n"].value)
        for row in _select("""
        SELECT ?name (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . ?c rdfs:label ?name .
          FILTER(?c IN (ccm:Action, ccm:Article, ccm:Obligation, ccm:Indicator, ccm:State, ccm:Organisation,
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
    groups: dict[str, list] = defaultdict(list)
    for row in _select(query):
        groups[row["group"].value].append((row["item"].value, row["label"].value))
    return render_template("pages/listing.html", title=title, groups=groups)


@bp.route("/ontology")
def ontology() -> str:
    return render_template("pages/ontology.html", terms=_ontology_terms())


@lru_cache(maxsize=1)
def _ontology_terms() -> dict[str, list[dict]]:
    data = ds.get()
    graph = ox.NamedNode(data.base + "graph/ontology")
    if not any(True for _ in data.store.quads_for_pattern(None, None, None, graph)):
        graph = ox.NamedNode("https://w3id.org/ccm/graph/ontology")
    rows = data.store.query(
        PREFIXES
        + f"""
        SELECT ?term ?kind ?label ?comment
               (GROUP_CONCAT(DISTINCT STR(?super); SEPARATOR=" ") AS ?supers)
               (GROUP_CONCAT(DISTINCT STR(?domain); SEPARATOR=" ") AS ?domains)
               (GROUP_CONCAT(DISTINCT STR(?range); SEPARATOR=" ") AS ?ranges) WHERE {{
          GRAPH <{graph.value}> {{
            ?term a ?kind ; rdfs:label ?label ; rdfs:comment ?comment .
            FILTER(?kind IN (<http://www.w3.org/2002/07/owl#Class>, <http://www.w3.org/2002/07/owl#ObjectProperty>,
                             <http://www.w3.org/2002/07/owl#DatatypeProperty>))
            OPTIONAL {{ ?term rdfs:subClassOf|rdfs:subPropertyOf ?super }}
            OPTIONAL {{ ?term rdfs:domain ?domain }} OPTIONAL {{ ?term rdfs:range ?range }} }}
        }} GROUP BY ?term ?kind ?label ?comment ORDER BY ?label"""
    )
    usage: dict[str, int] = defaultdict(int)
    for q in data.store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None):
        usage[q.object.value] += 1
    terms: dict[str, list[dict]] = {"Classes": [], "Properties": []}
    predicate_counts: dict[str, int] = defaultdict(int)
    for q in data.store.quads_for_pattern(None, None, None, None):
        if q.predicate.value.startswith(CCM):
            predicate_counts[q.predicate.value] += 1
    for row in rows:
        iri = row["term"].value
        is_class = row["kind"].value.endswith("#Class")
        terms["Classes" if is_class else "Properties"].append(
            {
                "iri": iri,
                "name": iri.rsplit("#", 1)[-1],
                "label": row["label"].value,
                "comment": row["comment"].value,
                "supers": _words(row["supers"]),
                "domains": _words(row["domains"]),
                "ranges": _words(row["ranges"]),
                "usage": usage[iri] if is_class else predicate_counts[iri],
            }
        )
    return terms


def _words(value: ox.Literal | None) -> list[str]:
    return value.value.split() if value is not None else []


@bp.route("/documents")
def documents() -> str:
    return render_template("pages/documents.html", files=SOURCE_FILES)


@bp.route("/documents/<key>")
def document(key: str) -> str:
    if key not in SOURCE_FILES:
        abort(404, f"no source document {key}")
    from graph.sources import SourceText

    text = SourceText.load(key).text
    highlight = None
    if m := re.fullmatch(r"(\d+)-(\d+)", request.args.get("highlight", "")):
        highlight = (int(m.group(1)), int(m.group(2)))
        if not 0 <= highlight[0] <= highlight[1] <= len(text):
            abort(400, "highlight is outside the document")
    return render_template(
        "pages/document.html", key=key, name=SOURCE_FILES[key], body=_anchored(text, _spans(key), highlight)
    )


@lru_cache(maxsize=8)
def _spans(key: str) -> tuple[tuple[int, int], ...]:
    data = ds.get()
    prefix = f"{data.base}id/source/{key}/"
    found = set()
    for q in data.store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/oa#hasSource"), None):
        if q.subject.value.startswith(prefix):
            start, end = q.subject.value[len(prefix) :].split("-")
            found.add((int(start), int(end)))
    return tuple(sorted(found))


def _anchored(text: str, spans: tuple[tuple[int, int], ...], highlight: tuple[int, int] | None) -> Markup:
    """The text with an empty anchor at the start of every extracted span, and the highlighted span marked."""
    events: dict[int, list[str]] = defaultdict(list)
    for start, end in spans:
        events[start].append(f'<span id="c{start}-{end}"></span>')
    if highlight:
        events[highlight[0]].append("<mark>")
        events[highlight[1]].insert(0, "</mark>")
    out, last = [], 0
    for pos in sorted(events):
        out.append(str(escape(text[last:pos])))
        out.extend(events[pos])
        last = pos
    out.append(str(escape(text[last:])))
    return Markup("".join(out))
