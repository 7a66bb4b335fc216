"""/lineage: how the Vientiane commitments carried into the Lausanne plan, theme to theme, drawn
server-side as a Sankey diagram (SVG) with the numbers behind it as CSV; the table of every link and of
every dropped and new action, filtered by theme, relation and basis (reviewed or computed), as CSV too;
for one action's page, its predecessors or successors with their relation and what changed, or that
nothing continues it; for a link's page, the two texts side by side with the changed words marked. Read
from the store once per process (the data never changes while it runs)."""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, render_template, request
from markupsafe import Markup, escape

from graph.sources.text import natural_key
from graph.vocab import CCM

from .downloads import csv_response
from .store import dataset as ds

bp = Blueprint("lineage", __name__)

NEW, DROPPED = "new in the later plan", "dropped since the earlier plan"
_CHANGES = {
    "relation": CCM.lineageRelation,
    "probability": CCM.probability,
    "basis": CCM.linkBasis,
    "review": CCM.basedOnReview,
    "model_probability": CCM.modelProbability,
    "strength_before": CCM.strengthBefore,
    "strength_after": CCM.strengthAfter,
    "strength_change": CCM.strengthChange,
    "deadline_change": CCM.deadlineChange,
    "deadline_before": CCM.deadlineBefore,
    "deadline_after": CCM.deadlineAfter,
    "addressee_change": CCM.addresseeChange,
    "addressee_before": CCM.addresseeBefore,
    "addressee_after": CCM.addresseeAfter,
}


@dataclass
class Step:
    """One lineage link as one action's page shows it."""

    link: str
    other: str  # the action on the other side
    role: str  # predecessor | successor: what `other` is to the page's action
    facts: dict[str, list[str]] = field(default_factory=dict)
    said: str | None = None  # the sentence of `other` the link rests on

    def first(self, name: str) -> str | None:
        values = self.facts.get(name)
        return values[0] if values else None


def steps(iri: str) -> list[Step]:
    """The page's action's predecessors (for a later plan's action) or successors (for an earlier one's)."""
    data = ds.get()
    values = " ".join(f"<{p}>" for p in _CHANGES.values())
    rows = data.select(f"""
        SELECT ?link ?other ?role ?p ?o WHERE {{
          {{ ?link ccm:successor <{iri}> ; ccm:predecessor ?other BIND("predecessor" AS ?role) }}
          UNION {{ ?link ccm:predecessor <{iri}> ; ccm:successor ?other BIND("successor" AS ?role) }}
          ?link ?p ?o . VALUES ?p {{ {values} }}
        }}""")
    names = {str(p): n for n, p in _CHANGES.items()}
    found: dict[str, Step] = {}
    for row in rows:
        step = found.setdefault(row["link"].value, Step(row["link"].value, row["other"].value, row["role"].value))
        step.facts.setdefault(names[row["p"].value], []).append(row["o"].value)
    for step in found.values():
        for values in step.facts.values():
            values.sort(key=natural_key)
    sentences = data.select(f"""
        SELECT ?link ?text WHERE {{
          {{ ?link ccm:successor <{iri}> ; ccm:predecessorCommitment/ccm:text ?text }}
          UNION {{ ?link ccm:predecessor <{iri}> ; ccm:successorCommitment/ccm:text ?text }}
        }}""")
    for row in sentences:
        if (step := found.get(row["link"].value)) is not None:
            step.said = row["text"].value
    return sorted(found.values(), key=lambda s: (-float(s.first("probability") or 0), natural_key(s.other)))


@dataclass
class Continuation:
    """Whether anything carries an action on: for an earlier plan's action, continued or dropped; for a
    later plan's, continues or new; and how probable it is that nothing does."""

    status: str
    probability: float
    plan: str  # the other plan's title
    reviewed: bool  # decided by reviews, not computed


def continuation(iri: str) -> Continuation | None:
    data = ds.get()
    rows = list(
        data.select(f"""
            SELECT ?status ?p ?other ?basis WHERE {{
              <{iri}> ccm:continuation/skos:prefLabel ?status ; ccm:probabilityNothingContinues ?p ; ccm:inPlan ?plan ;
                ccm:continuationBasis/skos:prefLabel ?basis .
              ?otherPlan a ccm:ActionPlan ; ccm:title ?other . FILTER(?otherPlan != ?plan)
            }}""")
    )
    if not rows:
        return None
    row = rows[0]
    reviewed = row["basis"].value == "reviewed"
    return Continuation(row["status"].value, float(row["p"].value), row["other"].value, reviewed)


def diff(before: str, after: str) -> tuple[Markup, Markup]:
    """The two texts with the words one has and the other has not marked (<del> in the earlier, <ins> in
    the later), word by word."""
    a, b = before.split(), after.split()
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, [w.lower() for w in a], [w.lower() for w in b]
    ).get_opcodes():
        was, now = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if op == "equal":
            left.append(was)
            right.append(now)
            continue
        if was:
            left.append(Markup(f"<del>{was}</del>"))
        if now:
            right.append(Markup(f"<ins>{now}</ins>"))
    return Markup(" ").join(left), Markup(" ").join(right)


@dataclass(frozen=True)
class Row:
    """One line of the lineage table: a link, or an action that nothing links (dropped or new)."""

    later: str  # the later action, "" for a dropped one
    earlier: str  # the earlier action, "" for a new one
    link: str
    relation: str  # same, narrower, ..., or "dropped", "new"
    basis: str  # reviewed | computed
    probability: float  # of the link; for a dropped or new action, that nothing continues it
    theme_earlier: str
    theme_later: str
    deadline: str = ""
    strength: str = ""
    # what each side says: the sentence the link rests on; for a dropped or new action, its first sentence
    later_said: str = ""
    earlier_said: str = ""


def table() -> list[Row]:
    cached = current_app.extensions.get("ccm_lineage_table")
    if cached is not None:
        return cached
    data = ds.get()
    out = []
    for r in data.select("""
        SELECT ?link ?after ?before ?relation ?basis ?p ?te ?tl ?deadline ?strength ?ls ?es WHERE {
          ?link a ccm:Lineage ; ccm:successor ?after ; ccm:predecessor ?before ; ccm:probability ?p ;
            ccm:lineageRelation/skos:prefLabel ?relation ; ccm:linkBasis/skos:prefLabel ?basis .
          OPTIONAL { ?before ccm:theme/skos:prefLabel ?te } OPTIONAL { ?after ccm:theme/skos:prefLabel ?tl }
          OPTIONAL { ?link ccm:deadlineChange/skos:prefLabel ?deadline }
          OPTIONAL { ?link ccm:strengthChange/skos:prefLabel ?strength }
          OPTIONAL { ?link ccm:successorCommitment/ccm:text ?ls }
          OPTIONAL { ?link ccm:predecessorCommitment/ccm:text ?es }
        }"""):
        out.append(
            Row(
                r["after"].value,
                r["before"].value,
                r["link"].value,
                r["relation"].value,
                r["basis"].value,
                float(r["p"].value),
                _value(r["te"]),
                _value(r["tl"]),
                _value(r["deadline"]),
                _value(r["strength"]),
                _value(r["ls"]),
                _value(r["es"]),
            )  # fmt: skip
        )
    for r in data.select("""
        SELECT ?a ?status ?p ?theme ?basis ?said WHERE {
          ?a ccm:continuation/skos:prefLabel ?status ; ccm:probabilityNothingContinues ?p ;
            ccm:continuationBasis/skos:prefLabel ?basis .
          FILTER(?status IN ("dropped"@en, "new"@en))
          OPTIONAL { ?a ccm:theme/skos:prefLabel ?theme }
          OPTIONAL { ?first ccm:commitmentOf ?a ; ccm:order 1 ; ccm:text ?said }
        }"""):
        a, status, basis = r["a"].value, r["status"].value, r["basis"].value
        theme = _value(r["theme"])
        said = _value(r["said"])
        if status == "new":
            out.append(Row(a, "", "", "new", basis, float(r["p"].value), "", theme, later_said=said))
        else:
            out.append(Row("", a, "", "dropped", basis, float(r["p"].value), theme, "", earlier_said=said))
    out.sort(key=lambda r: (natural_key(r.later or "~"), natural_key(r.earlier)))
    current_app.extensions["ccm_lineage_table"] = out
    return out


def _value(term: object) -> str:
    return getattr(term, "value", "") or ""


_FILTERS = ("theme", "relation", "basis")


def _selected() -> tuple[list[Row], dict[str, str]]:
    f = {k: request.args.get(k, "").strip() for k in _FILTERS}
    if f["basis"] not in ("", "reviewed", "computed"):
        abort(400, "basis is reviewed or computed")
    rows = [
        r
        for r in table()
        if (not f["theme"] or f["theme"] in (r.theme_earlier, r.theme_later))
        and (not f["relation"] or r.relation == f["relation"])
        and (not f["basis"] or r.basis == f["basis"])
    ]
    return rows, f


@dataclass
class Sides:
    """A lineage link's page: the two actions' texts, earlier first, and what changed."""

    before: tuple[str, str]  # (action, text)
    after: tuple[str, str]
    step: Step
    marked: tuple[Markup, Markup]  # the two texts, the words that differ marked
    # the commitment of each action the link rests on (commitment, its text), and the two marked
    rests_on: tuple[tuple[str, str], tuple[str, str]] | None = None
    rests_marked: tuple[Markup, Markup] | None = None
    # the page's heading in the plans' words: the reviewer's quotes, else the two sentences (the page shortens them)
    said: tuple[str, str] = ("", "")


def sides(link: str) -> Sides | None:
    data = ds.get()
    rows = list(
        data.select(f"""
            SELECT ?before ?after ?was ?now ?from ?fromText ?to ?toText ?quoteBefore ?quoteAfter WHERE {{
              <{link}> ccm:predecessor ?before ; ccm:successor ?after .
              ?before ccm:text ?was . ?after ccm:text ?now .
              OPTIONAL {{
                <{link}> ccm:predecessorCommitment ?from ; ccm:successorCommitment ?to .
                ?from ccm:text ?fromText . ?to ccm:text ?toText .
              }}
              OPTIONAL {{
                <{link}> ccm:basedOnReview [ ccm:evidenceBefore ?quoteBefore ; ccm:evidenceAfter ?quoteAfter ]
              }}
            }}""")
    )
    if not rows:
        return None
    row = rows[0]
    step = next(s for s in steps(row["after"].value) if s.link == link)
    was, now = row["was"].value, row["now"].value
    out = Sides((row["before"].value, was), (row["after"].value, now), step, diff(was, now))
    # a commitment that is the whole action says nothing the full texts do not
    if row["from"] is not None and (row["fromText"].value, row["toText"].value) != (was, now):
        out.rests_on = ((row["from"].value, row["fromText"].value), (row["to"].value, row["toText"].value))
        out.rests_marked = diff(row["fromText"].value, row["toText"].value)
    if row["quoteBefore"] is not None:
        out.said = (row["quoteBefore"].value, row["quoteAfter"].value)
    else:
        before, after = out.rests_on or (out.before, out.after)
        out.said = (before[1], after[1])
    return out


@dataclass
class Flows:
    """Links between the themes of the earlier and the later plan, and what has no counterpart."""

    earlier: str
    later: str
    flows: Counter[tuple[str, str]]  # (earlier theme, later theme) -> links


def flows() -> Flows:
    cached = current_app.extensions.get("ccm_lineage_flows")
    if cached is not None:
        return cached
    data = ds.get()
    earlier, later = str(data.iris.plan("vap")), str(data.iris.plan("lap"))
    theme_of: dict[str, str] = {}
    for row in data.select("""
        SELECT ?a (SAMPLE(?t) AS ?theme) WHERE {
          ?a a ccm:Action .
          OPTIONAL { ?a ccm:theme/<http://www.w3.org/2004/02/skos/core#prefLabel> ?t }
        } GROUP BY ?a"""):
        theme_of[row["a"].value] = row["theme"].value if row["theme"] is not None else "no theme"
    counted: Counter[tuple[str, str]] = Counter()
    with_successor, with_predecessor = set(), set()
    for row in data.select("SELECT ?after ?before WHERE { ?l ccm:successor ?after ; ccm:predecessor ?before }"):
        after, before = row["after"].value, row["before"].value
        counted[(theme_of.get(before, "no theme"), theme_of.get(after, "no theme"))] += 1
        with_successor.add(before)
        with_predecessor.add(after)
    for action, theme in theme_of.items():
        if action.startswith(earlier + "/") and action not in with_successor:
            counted[(theme, DROPPED)] += 1
        elif action.startswith(later + "/") and action not in with_predecessor:
            counted[(NEW, theme)] += 1
    result = Flows(data.label(earlier) or earlier, data.label(later) or later, counted)
    current_app.extensions["ccm_lineage_flows"] = result
    return result


def sankey(f: Flows, width: int = 1000) -> Markup:
    """The flows as an SVG Sankey diagram: earlier themes on the left, later ones on the right."""
    left, right = Counter(), Counter()
    for (a, b), n in f.flows.items():
        left[a] += n
        right[b] += n

    def order(side: Counter[str], last: str) -> list[str]:
        return sorted(side, key=lambda t: (t == last, -side[t], t))

    lefts, rights = order(left, NEW), order(right, DROPPED)
    total = max(sum(left.values()), 1)
    gap, top, unit = 10, 40, 6.0
    height = int(top + total * unit + gap * max(len(lefts), len(rights)) + 20)
    node_w, label_w = 14, 270
    x_left, x_right = label_w, width - label_w - node_w

    def positions(names: list[str], sizes: Counter[str]) -> dict[str, float]:
        y, out = float(top), {}
        for name in names:
            out[name] = y
            y += sizes[name] * unit + gap
        return out

    ly, ry = positions(lefts, left), positions(rights, right)
    out_used, in_used = defaultdict(float), defaultdict(float)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="group" '
        f'aria-labelledby="sankey-title" class="sankey" font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="sankey-title">{escape(f.earlier)} to {escape(f.later)}: lineage links by theme</title>',
        f'<text x="{x_left}" y="20" text-anchor="end" font-weight="bold">{escape(f.earlier)}</text>',
        f'<text x="{x_right + node_w}" y="20" font-weight="bold">{escape(f.later)}</text>',
    ]
    for a in lefts:
        for b in rights:
            n = f.flows.get((a, b), 0)
            if not n:
                continue
            thick = n * unit
            y0 = ly[a] + out_used[a] + thick / 2
            y1 = ry[b] + in_used[b] + thick / 2
            out_used[a] += thick
            in_used[b] += thick
            mid = (x_left + node_w + x_right) / 2
            colour = "#b2182b" if b == DROPPED else "#2166ac" if a == NEW else "#7f7f7f"
            parts.append(
                f'<path d="M{x_left + node_w},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x_right},{y1:.1f}" '
                f'fill="none" stroke="{colour}" stroke-opacity="0.35" stroke-width="{thick:.1f}">'
                f"<title>{escape(a)} → {escape(b)}: {n}</title></path>"
            )
    for names, ys, sizes, x, anchor, tx in (
        (lefts, ly, left, x_left, "end", x_left - 6),
        (rights, ry, right, x_right, "start", x_right + node_w + 6),
    ):
        for name in names:
            h = sizes[name] * unit
            parts.append(f'<rect x="{x}" y="{ys[name]:.1f}" width="{node_w}" height="{h:.1f}" fill="#333"/>')
            label = (
                f'<text x="{tx}" y="{ys[name] + h / 2 + 4:.1f}" text-anchor="{anchor}">'
                f"{escape(name)} ({sizes[name]})</text>"
            )
            if name not in (NEW, DROPPED):  # a theme's label leads to its links
                label = f'<a href="/lineage?theme={quote(name)}#links">{label}</a>'
            parts.append(label)
    parts.append("</svg>")
    return Markup("".join(parts))


@bp.route("/lineage")
def index() -> str:
    f = flows()
    rows = sorted(f.flows.items(), key=lambda kv: (kv[0][0] == NEW, kv[0][1] == DROPPED, -kv[1], kv[0]))
    links, filters = _selected()
    everything = table()
    query = request.query_string.decode("utf-8", "replace")
    return render_template(
        "lineage/index.html",
        flows=f,
        rows=rows,
        svg=sankey(f),
        new=NEW,
        dropped=DROPPED,
        links=links,
        filters=filters,
        themes=sorted({t for r in everything for t in (r.theme_earlier, r.theme_later) if t}),
        relations=sorted({r.relation for r in everything}),
        query=f"?{query}" if query else "",
    )


@bp.route("/lineage/links.csv")
def links_csv() -> Response:
    """The lineage table as filtered: one row per link and per dropped or new action."""
    rows, _ = _selected()
    header = ["lausanne_action", "vientiane_action", "relation", "basis", "probability", "vientiane_theme"]
    header += ["lausanne_theme", "deadline_change", "strength_change", "link", "lausanne_text", "vientiane_text"]
    body = [
        [
            _number(r.later),
            _number(r.earlier),
            r.relation,
            r.basis,
            f"{r.probability:.4f}",
            r.theme_earlier,
            r.theme_later,
            r.deadline,
            r.strength,
            r.link,
            r.later_said,
            r.earlier_said,
        ]  # fmt: skip
        for r in rows
    ]
    return csv_response(header, body, "ccm-lineage-links.csv")


def _number(iri: str) -> str:
    return iri.rsplit("/", 1)[-1] if iri else ""


@bp.route("/lineage.svg")
def as_svg() -> Response:
    return Response(str(sankey(flows())), mimetype="image/svg+xml")


@bp.route("/lineage.csv")
def as_csv() -> Response:
    f = flows()
    # a new action comes from no plan, a dropped one goes to none
    body = [
        [
            "" if a == NEW else f.earlier,
            "" if a == NEW else a,
            "" if b == DROPPED else f.later,
            "" if b == DROPPED else b,
            n,
        ]
        for (a, b), n in sorted(f.flows.items())
    ]
    return csv_response(["from_plan", "from_theme", "to_plan", "to_theme", "links"], body, "lineage.csv")
