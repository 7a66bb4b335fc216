"""The query UI for browsers: YASGUI, served from our own static files, with our prefixes and examples,
and the terms its editor completes (one download per data version, no query per keystroke)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request, url_for

from graph.sources.examples import Example
from graph.vocab.external import QUERY_PREFIXES

from . import search
from .calendar.world import HEIGHT, WIDTH, shapes
from .store import dataset as ds

bp = Blueprint("ui", __name__, template_folder="templates")
YASGUI_DIR = Path(__file__).with_name("static") / "yasgui"

# what the ontology declares, and what the data uses, as classes and as properties
_TERMS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?term ?kind WHERE {
  { GRAPH ?g { ?term a owl:Class } BIND("class" AS ?kind) }
  UNION { GRAPH ?g { ?x a ?term } BIND("class" AS ?kind) }
  UNION { GRAPH ?g { ?term a ?t }
          VALUES ?t { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property }
          BIND("property" AS ?kind) }
  UNION { GRAPH ?g { ?x ?term ?y } BIND("property" AS ?kind) }
  FILTER(isIRI(?term))
}
"""


_EXAMPLES = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ccm: <https://w3id.org/ccm/ontology#>
SELECT ?example ?question ?query ?file ?view WHERE {
  ?example a sh:SPARQLExecutable ; rdfs:label ?question ; ccm:exampleFile ?file ; ccm:defaultView ?view .
  ?example sh:select|sh:ask|sh:construct ?query .
} ORDER BY ?file"""


def examples() -> list[Example]:
    """The example queries, as the graph publishes them (the examples graph, built from queries/)."""
    found = current_app.extensions.get("ccm_examples")
    if found is None:
        rows = ds.get().select(_EXAMPLES)
        found = [
            Example(
                r["file"].value.removeprefix("queries/").removesuffix(".rq"),
                r["question"].value,
                r["query"].value,
                r["view"].value,
            )
            for r in rows
        ]
        current_app.extensions["ccm_examples"] = found
    return found


# the examples listed by the view they open in: what their answers are about
GROUPS = {
    "Map": "States, on a map",
    "Timeline": "Dates, on a timeline",
    "BarChart": "Counts, as a chart",
    "Table": "Tables",
}


@bp.route("/query")
def query_ui() -> str:
    listed = examples()
    config = {
        "prefixes": QUERY_PREFIXES,
        "examples": [asdict(e) for e in listed],
        "base": ds.get().base,
        "world": url_for("ui.world"),
    }
    groups = [(title, [e for e in listed if e.view == view]) for view, title in GROUPS.items()]
    return render_template(
        "ui/query.html",
        config=config,
        examples=listed,
        groups=[g for g in groups if g[1]],
        yasgui=(YASGUI_DIR / "yasgui.min.js").is_file(),
    )


_STATES = """PREFIX ccm: <https://w3id.org/ccm/ontology#>
SELECT ?state ?code WHERE { ?state ccm:iso3166 ?code }"""


def _json_once(name: str, build: Callable[[ds.Dataset], object]) -> Response:
    """`build`'s JSON, made once per process (the data never changes while it runs), with an ETag of the
    data's version so that a browser asks once per version."""
    data = ds.get()
    key = f"ccm_query_{name}"
    body = current_app.extensions.get(key)
    if body is None:
        body = current_app.extensions[key] = json.dumps(build(data), separators=(",", ":")).encode()
    response = Response(body, mimetype="application/json")
    response.set_etag(f"{name}-{data.version}")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response.make_conditional(request)


@bp.route("/query/world.json")
def world() -> Response:
    """The States of the graph on the world map (our geometry: calendar/world.py), for the results' map
    view: {width, height, states: {IRI: [name, SVG path]}}."""

    def build(data: ds.Dataset) -> dict[str, object]:
        outlines = shapes()
        states = {
            r["state"].value: [
                data.label(r["state"].value) or outlines[r["code"].value][0],
                outlines[r["code"].value][1],
            ]
            for r in data.select(_STATES)
            if r["code"].value in outlines
        }
        return {"width": WIDTH, "height": HEIGHT, "states": states}

    return _json_once("world", build)


@bp.route("/query/terms.json")
def terms() -> Response:
    """Classes, properties and entities with their labels, for the editor's autocompletion."""

    def build(data: ds.Dataset) -> dict[str, object]:
        found: dict[str, set[str]] = {"class": set(), "property": set()}
        for row in data.select(_TERMS):
            found[row["kind"].value].add(row["term"].value)

        def labelled(iris: set[str]) -> list[list[str]]:
            return [[iri, data.label(iri) or ""] for iri in sorted(iris)]

        return {
            "version": data.version,
            "classes": labelled(found["class"]),
            "properties": labelled(found["property"]),
            "entities": [list(row) for row in search.entities()],
            # per class, its instances' properties, most used first (the VoID class partitions')
            "byClass": {c: list(props) for c, props in data.class_properties().items()},
        }

    return _json_once("terms", build)
