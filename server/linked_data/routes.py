"""Dereferenceable IRIs: every /id/... IRI of the graph, as an HTML page or as RDF.

Pattern: 200 with Content-Location (as the UN's SDG linked data does), not a 303 hop: the IRI
answers directly in the negotiated format, names the document it sent in Content-Location, and
lists every format in `Link: rel=alternate`. A suffix (`.ttl`, `.jsonld`, `.rdf`, `.nt`, `.trig`,
`.nq`, `.html`) asks for one format without negotiation.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pyoxigraph as ox
from flask import Blueprint, Response, abort, render_template, request, url_for
from rdflib import Graph

from graph.publish.jsonld_context import context
from graph.sources.text import natural_key
from graph.vocab import CCM, node
from graph.vocab.external import QUERY_PREFIXES, RDF_TYPE

from .. import lineage
from ..calendar.model import state_calendar, today
from ..negotiation import BY_SUFFIX, DOCUMENT_FORMATS, Format, choose
from ..store import dataset as ds
from ..store.lists import SEPARATOR, values
from .describe import Entity, describe
from .render import key_facts, restatements
from .schema_org import legislation

bp = Blueprint("linked_data", __name__)
PAGE_SIZE = 20


def _split(path: str) -> tuple[str, Format | None]:
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in BY_SUFFIX and "/" not in suffix:
        return stem, BY_SUFFIX[suffix]
    return path, None


@bp.route("/id/<path:path>", methods=["GET"])
def resource(path: str) -> Response:
    return _document("id/" + path)


@bp.route("/graph/<path:path>", methods=["GET"])
def named_graph(path: str) -> Response:
    """A named graph's IRI: what it holds, how it was made, its size (from the provenance graph)."""
    return _document("graph/" + path)


def _document(path: str) -> Response:
    data = ds.get()
    local, fmt = _split(path)
    negotiated = fmt is None
    if fmt is None:
        fmt = choose(request, DOCUMENT_FORMATS)
        if fmt is None:
            return not_acceptable("this resource")
    iri = str(data.iris.resource(local))
    try:
        ox.NamedNode(iri)
    except ValueError:  # a NUL, a space, a quote, <>{}|\^` : nothing the graph could have minted
        abort(400, "the path holds characters no IRI may hold")
    entity = describe(data, iri)
    if entity is None:
        return _not_found(iri, fmt, negotiated)
    if fmt.rdf is None:
        response = Response(_page(data, entity), mimetype="text/html")
    elif fmt.rdf == ox.RdfFormat.JSON_LD and request.args.get("graphs") != "1":
        response = Response(_jsonld(entity), content_type=fmt.media_type)
    else:
        response = Response(rdf_body(entity.quads, fmt), content_type=fmt.media_type)
    return document_response(response, f"/{local}", fmt, negotiated, f"{local}-{request.args.get('graphs', '')}")


def not_acceptable(what: str) -> Response:
    offered = ", ".join(f.media_type for f in DOCUMENT_FORMATS)
    return Response(
        f"406 Not Acceptable: {what} is available as {offered}\n",
        status=406,
        mimetype="text/plain",
        headers={"Vary": "Accept"},
    )


def document_response(response: Response, path: str, fmt: Format, negotiated: bool, key: str) -> Response:
    """A document of a resource, as every route that serves one dresses it: `Content-Location` names
    the document sent, `Link` its other formats (left off JSON-LD, whose loaders, PyLD's among them,
    trip on several values), `Vary` when negotiated, a per-format ETag, and 304 when it matches."""
    data = ds.get()
    response.headers["Content-Location"] = f"{path}.{fmt.suffix}"
    if fmt.rdf != ox.RdfFormat.JSON_LD:
        response.headers["Link"] = ", ".join(
            f'<{path}.{f.suffix}>; rel="alternate"; type="{f.media_type}"' for f in DOCUMENT_FORMATS if f is not fmt
        )
    if negotiated:
        response.vary.add("Accept")
    response.set_etag(f"{data.version}-{key}-{fmt.suffix}", weak=True)
    response.last_modified = data.modified
    # the data changes only with a new build: an hour in caches, then revalidated with the ETag
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response.make_conditional(request)


@lru_cache(maxsize=4)
def _context(version: str) -> dict[str, object]:
    return context(ds.get().rdflib_graph("ontology"))


@bp.route("/context.jsonld")
def jsonld_context() -> Response:
    """The JSON-LD context every entity document refers to, generated from the ontology being served."""
    data = ds.get()
    response = Response(json.dumps({"@context": _context(data.version)}, indent=1), content_type="application/ld+json")
    response.set_etag(f"{data.version}-context", weak=True)
    response.last_modified = data.modified
    return response.make_conditional(request)


def _jsonld(entity: Entity) -> bytes:
    """Compacted JSON-LD: the entity as the top node, what else the document says in `@included`, the
    statements of every graph together (`?graphs=1` keeps the named graphs apart, as TriG does)."""
    ctx = _context(ds.get().version)
    triples = list(dict.fromkeys(q.triple for q in entity.quads))
    g = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    compacted = json.loads(g.serialize(format="json-ld", context=ctx, auto_compact=True))
    nodes = compacted.get("@graph", [{k: v for k, v in compacted.items() if k != "@context"}])
    top = next((n for n in nodes if n.get("id", n.get("@id")) == entity.iri), {"id": entity.iri})
    others = [n for n in nodes if n is not top]
    document: dict[str, object] = {"@context": request.host_url + "context.jsonld", **top}
    if others:
        document["@included"] = others
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def rdf_body(quads: list[ox.Quad], fmt: Format) -> bytes:
    """Quads in an RDF format: with their graphs where the format has graphs, as triples elsewhere."""
    prefixes = QUERY_PREFIXES
    if fmt.rdf.supports_datasets:  # the graph names say which statements are inferred
        return ox.serialize(quads, format=fmt.rdf, prefixes=prefixes)
    triples = list(dict.fromkeys(q.triple for q in quads))
    return ox.serialize(triples, format=fmt.rdf, prefixes=prefixes)


def _not_found(iri: str, fmt: Format, negotiated: bool) -> Response:
    if fmt.rdf is None:
        body = render_template("pages/not_found.html", iri=iri)
        response = Response(body, status=404, mimetype="text/html")
    else:
        # an empty document in the asked format: RDF clients get a parseable "nothing here"
        response = Response(rdf_body([], fmt), status=404, content_type=fmt.media_type)
    if negotiated:
        response.vary.add("Accept")
    return response


def _page(data: ds.Dataset, entity: Entity) -> str:
    prop = request.args.get("incoming")
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        abort(400, "page must be a number")
    incoming = []
    repeated = restatements(entity.incoming)
    for predicate, subjects in sorted(entity.incoming.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if predicate in repeated:
            continue
        current = page if predicate == prop else 1
        pages = (len(subjects) + PAGE_SIZE - 1) // PAGE_SIZE
        current = min(current, pages)
        incoming.append(
            {
                "predicate": predicate,
                "count": len(subjects),
                "subjects": subjects[(current - 1) * PAGE_SIZE : current * PAGE_SIZE],
                "page": current,
                "pages": pages,
            }
        )
    local = data.iris.local_path(entity.iri)
    alternates = [(f, f"/{local}.{f.suffix}") for f in DOCUMENT_FORMATS if f.rdf is not None]
    facts, rest = key_facts(entity)
    return render_template(
        "pages/entity.html",
        entity=entity,
        facts=facts,
        rest=rest,
        incoming=incoming,
        alternates=alternates,
        calendar=state_calendar(entity.iri),
        day=today(),
        withdrawal_rule=str(data.iris.provision(("20", "3"))),
        schema_org=legislation(entity, request.base_url),
        trail=_trail(data, entity),
        provisions=_statements_in(data, entity),
        paragraphs=_paragraphs(data, entity) if str(CCM.Article) in entity.types else [],
        lineage=lineage.steps(entity.iri) if str(CCM.Action) in entity.types else [],
        continuation=lineage.continuation(entity.iri) if str(CCM.Action) in entity.types else None,
        commitments=_commitments(data, entity) if str(CCM.Action) in entity.types else [],
        plan_table=_plan_table(data, entity),
        lineage_sides=lineage.sides(entity.iri) if str(CCM.Lineage) in entity.types else None,
        theme=_theme(data, entity) if str(CCM.Theme) in entity.types else None,
    )


def _theme(data: ds.Dataset, entity: Entity) -> dict[str, object]:
    """What a theme holds: each plan's actions under it, with what they say; the offices held on it; and
    where its lineage and its plan sections' tables are."""
    plans: dict[str, list[dict[str, str]]] = {}
    for r in data.select(f"""
        SELECT ?a ?title ?n ?text WHERE {{
          ?a a ccm:Action ; ccm:theme <{entity.iri}> ; ccm:inPlan ?plan ; ccm:actionNumber ?n ; ccm:text ?text .
          ?plan ccm:title ?title ; ccm:endsOn ?ends
        }} ORDER BY ?ends ?n"""):
        plans.setdefault(r["title"].value, []).append(
            {"iri": r["a"].value, "number": r["n"].value, "text": r["text"].value}
        )
    offices = [r["o"].value for r in data.select(f"SELECT ?o WHERE {{ ?o ccm:topic <{entity.iri}> }} ORDER BY ?o")]
    name = data.label(entity.iri) or ""
    return {
        "plans": plans,
        "offices": offices,
        "lineage": url_for("lineage.index", theme=name) + "#links" if plans else "",
    }


def _paragraphs(data: ds.Dataset, entity: Entity) -> list[dict[str, object]]:
    """An article's paragraphs, in order, each with what it lays down: every norm or rule stated in it or in
    its sub-paragraphs, with its kind, what it requires, who it binds, by when and on what condition."""
    kinds = " ".join(f"ccm:{k}" for k in _KINDS)
    paragraphs: dict[str, dict[str, object]] = {}
    for r in data.select(f"""
        SELECT ?p ?n ?order ?text WHERE {{
          ?p ccm:partOf <{entity.iri}> ; ccm:number ?n ; ccm:order ?order ; ccm:text ?text .
        }} ORDER BY ?order"""):
        paragraphs[r["p"].value] = {
            "iri": r["p"].value, "number": r["n"].value, "text": r["text"].value, "statements": [],
        }  # fmt: skip
    if not paragraphs:
        return []
    rows = data.select(f"""
        SELECT ?p ?s ?kind ?where ?requires ?text
          (GROUP_CONCAT(DISTINCT ?bearer; SEPARATOR="{SEPARATOR}") AS ?bearers)
          (GROUP_CONCAT(DISTINCT ?deadline; SEPARATOR="{SEPARATOR}") AS ?deadlines)
          (GROUP_CONCAT(DISTINCT ?condition; SEPARATOR="{SEPARATOR}") AS ?conditions) WHERE {{
          ?p ccm:partOf <{entity.iri}> . ?s ccm:statedIn ?where ; a ?kind ; ccm:text ?text . ?where ccm:partOf* ?p .
          VALUES ?kind {{ {kinds} }}
          OPTIONAL {{ ?s ccm:requires ?requires }}
          OPTIONAL {{ ?s ccm:bearer/rdfs:label ?bearer }}
          OPTIONAL {{ ?s ccm:hasDeadline/ccm:deadlineText ?deadline }}
          OPTIONAL {{ ?s ccm:hasCondition/ccm:text ?condition }}
        }} GROUP BY ?p ?s ?kind ?where ?requires ?text""")
    for r in rows:
        paragraphs[r["p"].value]["statements"].append(
            {
                "iri": r["s"].value,
                "kind": r["kind"].value,
                "where": r["where"].value,
                "says": r["requires"].value if r["requires"] is not None else r["text"].value,
                "bearers": values(r["bearers"]),
                "deadlines": values(r["deadlines"]),
                "conditions": values(r["conditions"]),
            }
        )
    for p in paragraphs.values():
        p["statements"].sort(key=lambda st: natural_key(st["iri"]))
    return list(paragraphs.values())


def _commitments(data: ds.Dataset, entity: Entity) -> list[dict[str, str]]:
    """An action's commitments in reading order: what each says and how firmly."""
    rows = data.select(f"""
        SELECT ?c ?n ?text ?strength WHERE {{
          ?c ccm:commitmentOf <{entity.iri}> ; ccm:order ?n ; ccm:text ?text ; ccm:strength/skos:prefLabel ?strength
        }} ORDER BY ?n""")
    return [{"iri": r["c"].value, "text": r["text"].value, "strength": r["strength"].value.lower()} for r in rows]


# each plan (its table at /duties/<plan>.csv) and the list of its actions by theme (/browse/<listing>)
PLAN_LISTINGS = {"lap": "lausanne-actions", "vap": "vientiane-actions"}


def _plan_table(data: ds.Dataset, entity: Entity) -> dict[str, str] | None:
    """Where a plan's actions read by theme, and its own table of commitments downloads from."""
    if str(CCM.ActionPlan) not in entity.types:
        return None
    plan = (data.iris.local_path(entity.iri) or "").removeprefix("id/")
    listing = PLAN_LISTINGS.get(plan)
    return {
        "csv": url_for("duties.plan_csv", plan=plan),
        "actions": url_for("browse.listing", name=listing) if listing else "",
    }


# the kinds of statement a provision makes, in the order a reader of the article wants them
_KINDS = ("Duty", "Prohibition", "Permission", "Recommendation", "ConstitutiveRule")


def _statements_in(data: ds.Dataset, entity: Entity) -> list[dict[str, object]]:
    """The norms and rules a provision states, itself or in any of its parts, grouped by kind."""
    if not {str(CCM.statedIn), str(CCM.partOf)} & entity.incoming.keys():
        return []  # nothing is stated in it and it has no parts: no query to run for most pages
    iri = entity.iri
    kinds = " ".join(f"ccm:{k}" for k in _KINDS)
    rows = data.select(f"""
        SELECT ?s ?kind ?text WHERE {{
          ?s ccm:statedIn ?p ; a ?kind ; ccm:text ?text . ?p ccm:partOf* <{iri}> . VALUES ?kind {{ {kinds} }}
        }}""")
    grouped: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        grouped.setdefault(row["kind"].value, []).append((row["s"].value, row["text"].value))
    return [
        {"kind": str(CCM[k]), "statements": sorted(set(grouped[str(CCM[k])]), key=lambda st: natural_key(st[0]))}
        for k in _KINDS
        if str(CCM[k]) in grouped
    ]


def _trail(data: ds.Dataset, entity: Entity) -> dict[str, object]:
    """Where a document part sits: its ancestors, top first, and the parts before and after it."""
    ancestors: list[str] = []
    parent = entity.first(str(CCM.partOf))
    while isinstance(parent, ox.NamedNode) and parent.value not in ancestors and len(ancestors) < 8:
        ancestors.insert(0, parent.value)
        above = next(data.store.quads_for_pattern(parent, node(CCM.partOf), None), None)
        parent = above.object if above else None
    siblings: list[tuple[float, str]] = []
    # neighbours of the same kind: an article's are articles, not the preamble's recitals numbered alike
    kinds = {st.object for st in entity.statements if st.predicate == RDF_TYPE and not st.inferred}
    asserted = data.graph("asserted")
    if ancestors:
        for q in data.store.quads_for_pattern(None, node(CCM.partOf), ox.NamedNode(ancestors[-1])):
            if not all(next(data.store.quads_for_pattern(q.subject, RDF_TYPE, k, asserted), None) for k in kinds):
                continue
            order = next(data.store.quads_for_pattern(q.subject, node(CCM.order), None), None)
            if order is not None and isinstance(order.object, ox.Literal):
                siblings.append((float(order.object.value), q.subject.value))
    siblings = sorted(set(siblings))
    at = next((i for i, (_, iri) in enumerate(siblings) if iri == entity.iri), None)
    before = siblings[at - 1][1] if at else None
    after = siblings[at + 1][1] if at is not None and at + 1 < len(siblings) else None
    return {"ancestors": ancestors, "previous": before, "next": after}
