"""The query UI for browsers: YASGUI, served from our own static files, with our prefixes and examples,
and the terms its editor completes (one download per data version, no query per keystroke)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request

from graph.vocab.external import QUERY_PREFIXES

from . import search
from .examples import load_examples
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


@bp.route("/query")
def query_ui() -> str:
    examples = load_examples()
    config = {"prefixes": QUERY_PREFIXES, "examples": [asdict(e) for e in examples], "base": ds.get().base}
    return render_template(
        "ui/query.html", config=config, examples=examples, yasgui=(YASGUI_DIR / "yasgui.min.js").is_file()
    )


@bp.route("/query/terms.json")
def terms() -> Response:
    """Classes, properties and entities with their labels, for the editor's autocompletion."""
    data = ds.get()
    body = current_app.extensions.get("ccm_query_terms")
    if body is None:  # the data never changes while the process runs: compute it once
        found: dict[str, set[str]] = {"class": set(), "property": set()}
        for row in data.store.query(_TERMS):
            found[row["kind"].value].add(row["term"].value)

        def labelled(iris: set[str]) -> list[list[str]]:
            return [[iri, data.label(iri) or ""] for iri in sorted(iris)]

        body = json.dumps(
            {
                "version": data.version,
                "classes": labelled(found["class"]),
                "properties": labelled(found["property"]),
                "entities": [list(row) for row in search.entities()],
            },
            separators=(",", ":"),
        ).encode()
        current_app.extensions["ccm_query_terms"] = body
    response = Response(body, mimetype="application/json")
    response.set_etag(f"terms-{data.version}")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response.make_conditional(request)
