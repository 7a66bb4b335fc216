"""/duties: every norm of the Convention and every commitment of the two plans in one table, as a page with
filters and as CSV, one row each: where it is, what it says, its kind and strength, who it binds, for whom,
on what condition, by when, and the exact span of the source it was read from. /duties/<plan>.csv is a
plan's own table (number, text, theme, addressee, strength, deadline, indicators), linked from its page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from flask import Blueprint, Response, abort, render_template, request

from graph.sources.text import natural_key, slug

from .downloads import csv_response
from .store import dataset as ds
from .store.lists import SEPARATOR, values

bp = Blueprint("duties", __name__)

DOCUMENTS = {"convention": "Convention", "vap": "Vientiane Action Plan", "lap": "Lausanne Action Plan"}

_NORMS = f"""
SELECT ?s ?kind ?where ?text ?strength
  (GROUP_CONCAT(DISTINCT ?bearer; SEPARATOR="{SEPARATOR}") AS ?bearers)
  (GROUP_CONCAT(DISTINCT ?beneficiary; SEPARATOR="{SEPARATOR}") AS ?beneficiaries)
  (GROUP_CONCAT(DISTINCT ?condition; SEPARATOR="{SEPARATOR}") AS ?conditions)
  (GROUP_CONCAT(DISTINCT ?deadline; SEPARATOR="{SEPARATOR}") AS ?deadlines)
  (SAMPLE(?target) AS ?source) WHERE {{
  VALUES ?kind {{ ccm:Duty ccm:Prohibition ccm:Permission ccm:Recommendation }}
  ?s a ?kind ; ccm:text ?text ; ccm:statedIn/rdfs:label ?where .
  OPTIONAL {{ ?s ccm:strength/skos:prefLabel ?strength }}
  OPTIONAL {{ ?s ccm:bearer/rdfs:label ?bearer }}
  OPTIONAL {{ ?s ccm:beneficiary/rdfs:label ?beneficiary }}
  OPTIONAL {{ ?s ccm:hasCondition/ccm:text ?condition }}
  OPTIONAL {{ ?s ccm:hasDeadline/ccm:deadlineText ?deadline }}
  OPTIONAL {{ ?s ccm:extractedFrom ?target }}
}} GROUP BY ?s ?kind ?where ?text ?strength"""

_COMMITMENTS = f"""
SELECT ?s ?plan ?number ?n ?text ?strength ?theme ?section
  (GROUP_CONCAT(DISTINCT ?addressee; SEPARATOR="{SEPARATOR}") AS ?addressees)
  (GROUP_CONCAT(DISTINCT ?qualifier; SEPARATOR="{SEPARATOR}") AS ?conditions)
  (GROUP_CONCAT(DISTINCT ?deadline; SEPARATOR="{SEPARATOR}") AS ?deadlines)
  (GROUP_CONCAT(DISTINCT ?indicator; SEPARATOR="{SEPARATOR}") AS ?indicators)
  (SAMPLE(?target) AS ?source) WHERE {{
  ?s a ccm:Commitment ; ccm:commitmentOf ?a ; ccm:order ?n ; ccm:text ?text ; ccm:strength/skos:prefLabel ?strength .
  ?a ccm:inPlan ?plan ; ccm:actionNumber ?number .
  OPTIONAL {{ ?s ccm:theme/rdfs:label ?theme }}
  OPTIONAL {{ ?a ccm:inSection/ccm:title ?section }}
  OPTIONAL {{ ?s ccm:addressee/rdfs:label ?addressee }}
  OPTIONAL {{ ?s ccm:qualifiedBy ?qualifier }}
  OPTIONAL {{ ?s ccm:statesDeadline/ccm:deadlineText ?deadline }}
  OPTIONAL {{ ?i ccm:measures ?s ; ccm:text ?indicator }}
  OPTIONAL {{ ?s ccm:extractedFrom ?target }}
}} GROUP BY ?s ?plan ?number ?n ?text ?strength ?theme ?section"""


@dataclass(frozen=True)
class Row:
    iri: str
    document: str  # convention | vap | lap
    where: str  # "Article 3, paragraph 2", "Action 12, commitment 3"
    text: str
    kind: str  # duty | prohibition | permission | recommendation | commitment
    strength: str
    bearers: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    conditions: tuple[str, ...]
    deadlines: tuple[str, ...]
    source: tuple[str, int, int] | None  # (document key, start, end)
    theme: str = ""
    section: str = ""  # the title of the plan's section its action is in
    indicators: tuple[str, ...] = ()
    number: str = ""  # "12.3": the action and the commitment's place in it


def _split(term: ox.Term | None) -> tuple[str, ...]:
    return tuple(sorted(values(term)))


def _kind(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].lower()


@lru_cache(maxsize=4)
def _rows(version: str) -> tuple[Row, ...]:
    data = ds.get()
    out = []
    for r in data.select(_NORMS):
        source = data.iris.span_range(r["source"].value) if r["source"] is not None else None
        out.append(
            Row(
                iri=r["s"].value,
                document="convention",
                where=r["where"].value,
                text=r["text"].value,
                kind=_kind(r["kind"].value),
                strength=(r["strength"].value if r["strength"] is not None else "").lower(),
                bearers=_split(r["bearers"]),
                beneficiaries=_split(r["beneficiaries"]),
                conditions=_split(r["conditions"]),
                deadlines=_split(r["deadlines"]),
                source=source,
            )
        )
    for r in data.select(_COMMITMENTS):
        plan = r["plan"].value.rsplit("/", 1)[-1]
        mark = "#" if plan == "vap" else ""
        source = data.iris.span_range(r["source"].value) if r["source"] is not None else None
        out.append(
            Row(
                iri=r["s"].value,
                document=plan,
                where=f"Action {mark}{r['number'].value}, commitment {r['n'].value}",
                text=r["text"].value,
                kind="commitment",
                strength=r["strength"].value.lower(),
                bearers=_split(r["addressees"]),
                beneficiaries=(),
                conditions=_split(r["conditions"]),
                deadlines=_split(r["deadlines"]),
                source=source,
                theme=r["theme"].value if r["theme"] is not None else "",
                section=r["section"].value if r["section"] is not None else "",
                indicators=_split(r["indicators"]),
                number=f"{r['number'].value}.{r['n'].value}",
            )
        )
    order = {"convention": 0, "vap": 1, "lap": 2}
    return tuple(sorted(out, key=lambda row: (order[row.document], natural_key(row.iri))))


def rows() -> tuple[Row, ...]:
    """Every norm and every commitment, the Convention first, each in the order of its text."""
    return _rows(ds.get().version)


_FILTERS = ("document", "kind", "strength", "bearer", "q")


def _filters() -> dict[str, str]:
    return {k: request.args.get(k, "").strip() for k in _FILTERS}


def _selected() -> list[Row]:
    f = _filters()
    if f["document"] and f["document"] not in DOCUMENTS:
        abort(400, f"document is one of {', '.join(DOCUMENTS)}")
    words = f["q"].lower().split()
    return [
        row
        for row in rows()
        if (not f["document"] or row.document == f["document"])
        and (not f["kind"] or row.kind == f["kind"])
        and (not f["strength"] or row.strength == f["strength"])
        and (not f["bearer"] or f["bearer"] in row.bearers)
        and all(w in row.text.lower() for w in words)
    ]


def source_href(row: Row) -> str | None:
    """The source view with the row's words highlighted, and a way back to the row's page."""
    if row.source is None:
        return None
    doc, start, end = row.source
    local = ds.get().iris.local_path(row.iri)
    return f"/documents/{doc}?highlight={start}-{end}&from=/{local}"


@bp.route("/duties")
def page() -> str:
    everything = rows()
    selected = _selected()
    query = request.query_string.decode("utf-8", "replace")
    return render_template(
        "duties.html",
        rows=selected,
        total=len(everything),
        filters=_filters(),
        documents=DOCUMENTS,
        kinds=sorted({r.kind for r in everything}),
        strengths=["firm", "qualified", "best efforts", "recommended", "encouraging"],
        bearers=sorted({b for r in everything for b in r.bearers}),
        query=f"?{query}" if query else "",
        source_href=source_href,
    )


@bp.route("/duties.csv")
def as_csv() -> Response:
    header = [
        "document", "where", "iri", "text", "kind", "strength", "bearer", "beneficiary", "conditions",
        "deadline", "source_file", "source_start", "source_end",
    ]  # fmt: skip
    body = [
        [
            DOCUMENTS[r.document],
            r.where,
            r.iri,
            r.text,
            r.kind,
            r.strength,
            "; ".join(r.bearers),
            "; ".join(r.beneficiaries),
            "; ".join(r.conditions),
            "; ".join(r.deadlines),
            *(r.source if r.source else ("", "", "")),
        ]  # fmt: skip
        for r in _selected()
    ]
    return csv_response(header, body, "ccm-duties-and-commitments.csv")


@bp.route("/duties/<plan>.csv")
def plan_csv(plan: str) -> Response:
    """A plan's table: one row per commitment, with its action's number; `?section=` keeps one section's
    (its title, as the plan's page names it)."""
    if plan not in ("vap", "lap"):
        abort(404, "the plans are vap (Vientiane) and lap (Lausanne)")
    section = request.args.get("section", "").strip()
    chosen = [r for r in rows() if r.document == plan and (not section or r.section == section)]
    if section and not chosen:
        abort(400, f"the plan has no section titled {section!r}")
    header = [
        "number", "action", "commitment", "text", "theme", "section", "addressee", "strength", "deadline",
        "indicators", "iri",
    ]  # fmt: skip
    body = [
        [
            r.number,
            r.number.split(".")[0],
            r.number.split(".")[1],
            r.text,
            r.theme,
            r.section,
            "; ".join(r.bearers),
            r.strength,
            "; ".join(r.deadlines),
            " | ".join(r.indicators),
            r.iri,
        ]  # fmt: skip
        for r in chosen
    ]
    name = f"ccm-{plan}-{slug(section)}-commitments.csv" if section else f"ccm-{plan}-commitments.csv"
    return csv_response(header, body, name)
