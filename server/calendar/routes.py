"""/calendar: due dates across States (HTML, CSV, iCalendar), the map of States by status and the
timeline of due dates, each with the numbers behind it as CSV."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from flask import Blueprint, Response, abort, render_template, request
from icalendar import Calendar, Event

from ..downloads import csv_response, download
from ..linked_data.render import href
from ..store import dataset as ds
from .model import Due, StateCalendar, group_order, participants, today
from .world import HEIGHT, WIDTH, shapes

bp = Blueprint("calendar", __name__)
STATUSES = ["State Party", "consented, not yet in force", "signatory", "withdrawn"]
COLOURS = {  # ColorBrewer PRGn/BrBG-like, legible for red-green colour blindness with the legend's patterns
    "State Party": "#1b7837",
    "consented, not yet in force": "#a6dba0",
    "signatory": "#e08214",
    "withdrawn": "#762a83",
    "not a participant": "#e7e7e7",
}


def _filters() -> dict[str, str]:
    return {k: request.args.get(k, "").strip() for k in ("article", "year", "state", "when")}


def _selected(day: dt.date) -> list[tuple[StateCalendar, Due]]:
    f = _filters()
    if f["year"] and not f["year"].isdigit():
        abort(400, "year must be a number like 2026")
    if f["when"] not in ("", "upcoming", "past", "all"):
        abort(400, "when is upcoming, past or all")
    out = []
    for cal in participants():
        if f["state"] and f["state"].upper() != cal.code:
            continue
        for due in cal.due:
            if f["article"] and due.group != f["article"]:
                continue
            if f["year"] and due.date.year != int(f["year"]):
                continue
            if (f["when"] or "upcoming") == "upcoming" and due.date < day:
                continue
            if f["when"] == "past" and due.date >= day:
                continue
            out.append((cal, due))
    return sorted(out, key=lambda pair: (pair[1].date, pair[0].name, pair[1].owner_label))


@bp.route("/calendar")
def index() -> str:
    day = today()
    rows = _selected(day)
    everything = [d for c in participants() for d in c.due]
    groups = sorted({d.group for d in everything}, key=group_order)
    years = sorted({d.date.year for d in everything})
    query = request.query_string.decode("utf-8", "replace")
    return render_template(
        "calendar/index.html",
        rows=rows,
        day=day,
        filters=_filters(),
        groups=groups,
        years=years,
        states=participants(),
        query=f"?{query}" if query else "",
    )


@bp.route("/calendar.csv")
def as_csv() -> Response:
    header = ["due", "state", "iso3", "rule", "time_limit", "stated_by", "due_date_iri", "requires", "only_if"]
    rows = [
        [
            due.date.isoformat(),
            cal.name,
            cal.code,
            due.group,
            due.text,
            due.owner_label,
            due.iri,
            due.what,
            due.condition,
        ]
        for cal, due in _selected(today())
    ]
    return csv_response(header, rows, "ccm-calendar.csv")


@bp.route("/calendar.ics")
def as_ical() -> Response:
    """The same due dates as all-day events an NGO can subscribe to (RFC 5545)."""
    day = today()
    cal = Calendar()
    cal.add("prodid", "-//ccm-kg//treaty calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Convention on Cluster Munitions: due dates")
    stamp = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    for state, due in _selected(day):
        event = Event()
        event.add("uid", due.iri)
        event.add("dtstamp", stamp)
        event.add("dtstart", due.date)
        event.add("summary", f"{state.name}: {due.what}" + (f" ({due.condition})" if due.condition else ""))
        event.add(
            "description",
            f"{due.owner_label}: {due.text}. A date that has passed fell due; extensions may apply (Articles 3 and 4). "
            f"Computed from the depositary's dates: {due.iri}",
        )
        event.add("url", request.host_url.rstrip("/") + (href(due.iri) or "/"))
        cal.add_component(event)
    return download(cal.to_ical().decode("utf-8"), "text/calendar; charset=utf-8", "ccm-calendar.ics")


def _statuses(day: dt.date) -> list[tuple[StateCalendar, str]]:
    return [(cal, cal.status_on(day)) for cal in participants()]


@bp.route("/calendar/map")
def world_map() -> str:
    day = today()
    statuses = _statuses(day)
    by_code = {cal.code: (cal, status) for cal, status in statuses}
    countries = []
    for code, (name, path) in sorted(shapes().items()):
        cal, status = by_code.get(code, (None, "not a participant"))
        countries.append(
            {
                "code": code,
                "name": cal.name if cal else name,
                "path": path,
                "status": status,
                "href": href(cal.iri) if cal else None,
            }
        )
    counts = Counter(status for _, status in statuses)
    groups: dict[str, list[StateCalendar]] = defaultdict(list)
    for cal, status in statuses:
        groups[status].append(cal)
    unmapped = [cal for cal, _ in statuses if cal.code not in shapes()]
    return render_template(
        "calendar/map.html",
        day=day,
        countries=countries,
        counts=counts,
        groups=groups,
        statuses=STATUSES,
        colours=COLOURS,
        width=WIDTH,
        height=HEIGHT,
        unmapped=unmapped,
        has_geometry=bool(shapes()),
    )


@bp.route("/calendar/map.csv")
def map_csv() -> Response:
    day = today()
    header = ["state", "iso3", "status", "on", "signature", "consent", "entry_into_force", "withdrawal_effect"]
    rows = []
    for cal, status in _statuses(day):
        signature, consent = cal.action("signature"), cal.action("consent")
        dates = (signature and signature.date, consent and consent.date, cal.entry_into_force, cal.withdrawal_effect)
        rows.append([cal.name, cal.code, status, day.isoformat(), *(d.isoformat() if d else "" for d in dates)])
    return csv_response(header, rows, "ccm-states-by-status.csv")


# how a State Party is counted: from its deposit (as the Cluster Munition Monitor counts) or from the date
# the Convention enters into force for it (Article 17); only the second has a "consented, not yet in force"
RULES = {
    "entry-into-force": STATUSES,
    "deposit": [s for s in STATUSES if s != "consented, not yet in force"],
}


def counts_on(day: dt.date, rule: str) -> list[tuple[str, int]]:
    """How many States held each status on `day`, counted under `rule`."""
    counted = Counter(cal.status_on(day, rule) for cal in participants())
    return [(status, counted[status]) for status in RULES[rule]]


def _rules() -> list[str]:
    rule = request.args.get("rule", "").strip()
    if rule and rule not in RULES:
        abort(400, f"rule is one of {', '.join(RULES)}, not {rule!r}")
    return [rule] if rule else list(RULES)


@bp.route("/calendar/counts.csv")
def counts_csv() -> Response:
    """`on,rule,status,count`: the States of each status on a date, under each counting rule (or the one asked)."""
    day = today()
    rows = [[day.isoformat(), rule, status, n] for rule in _rules() for status, n in counts_on(day, rule)]
    return csv_response(["on", "rule", "status", "count"], rows, f"ccm-counts-{day.isoformat()}.csv")


@bp.route("/calendar/counts")
def counts_page() -> str:
    day = today()
    tables = [(rule, counts_on(day, rule)) for rule in _rules()]
    return render_template("calendar/counts.html", day=day, tables=tables, query=request.query_string.decode())


_CLAIMS = """
SELECT ?claim ?label ?text ?source ?where ?number ?counts ?on ?deposit ?eif
       (GROUP_CONCAT(DISTINCT ?rule; separator=" ") AS ?rules) (GROUP_CONCAT(DISTINCT ?state; separator=" ") AS ?states)
WHERE {
  ?claim a ccm:CountClaim ; rdfs:label ?label ; ccm:claimOf ?of ; ccm:claimedCount ?number ; ccm:counts ?counts ;
         ccm:speaksOf ?on ; ccm:countFromDeposit ?deposit ; ccm:countFromEntryIntoForce ?eif .
  OPTIONAL { ?of ccm:text ?text . ?source ccm:statesFigure ?of ; rdfs:label ?where }
  OPTIONAL { ?claim prov:wasDerivedFrom ?source . ?source a ccm:Meeting ; rdfs:label ?where }
  OPTIONAL { ?claim ccm:reproducedUnder ?rule }
  OPTIONAL { ?claim ccm:differsFor ?state }
}
GROUP BY ?claim ?label ?text ?source ?where ?number ?counts ?on ?deposit ?eif
ORDER BY ?on ?where ?number"""


def claims() -> list[dict[str, object]]:
    """The documents' own counts of States, as the graph checks them."""
    data = ds.get()
    out = []
    for row in data.select(_CLAIMS):
        states = row["states"].value.split() if row["states"] is not None else []
        out.append(
            {
                "claim": row["claim"].value,
                # a declaration's figure in its own words; a meeting's list by what the claim says of it
                "said": (row["text"] or row["label"]).value,
                "source": row["source"].value,
                "where": row["where"].value,
                "number": int(row["number"].value),
                "counts": row["counts"].value,
                "on": row["on"].value,
                "deposit": int(row["deposit"].value),
                "eif": int(row["eif"].value),
                "rules": sorted(row["rules"].value.split()) if row["rules"] is not None else [],
                "states": sorted(states, key=lambda iri: data.label(iri) or iri),
            }
        )
    return out


@bp.route("/calendar/claims")
def claims_page() -> str:
    return render_template("calendar/claims.html", claims=claims())


@bp.route("/calendar/claims.csv")
def claims_csv() -> Response:
    header = ["document", "says", "counts", "on", "stated", "from_deposit", "from_entry_into_force", "reproduced_under"]
    rows = [
        [c["where"], c["said"], c["counts"], c["on"], c["number"], c["deposit"], c["eif"], " ".join(c["rules"])]
        for c in claims()
    ]
    return csv_response(header, rows, "ccm-count-claims.csv")


def _per_year() -> tuple[list[int], dict[int, Counter[str]]]:
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for cal in participants():
        for due in cal.due:
            counts[due.date.year][due.group] += 1
    years = list(range(min(counts), max(counts) + 1)) if counts else []
    return years, counts


@bp.route("/calendar/timeline")
def timeline() -> str:
    day = today()
    years, counts = _per_year()
    peak = max((sum(c.values()) for c in counts.values()), default=1)
    groups = sorted({g for c in counts.values() for g in c}, key=group_order)
    bars = [
        {
            "year": y,
            "total": sum(counts[y].values()),
            "past": y < day.year,
            "now": y == day.year,
            "height": 240 * sum(counts[y].values()) / peak,
            "groups": counts[y],
        }
        for y in years
    ]
    return render_template("calendar/timeline.html", day=day, bars=bars, groups=groups, peak=peak)


@bp.route("/calendar/timeline.csv")
def timeline_csv() -> Response:
    years, counts = _per_year()
    rows = [
        [year, group, n]
        for year in years
        for group, n in sorted(counts[year].items(), key=lambda kv: group_order(kv[0]))
    ]
    return csv_response(["year", "rule", "due_dates"], rows, "ccm-due-dates-per-year.csv")
