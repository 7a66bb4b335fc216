"""Reviewed lineage decisions (005): which Vientiane actions a Lausanne action carries on, as a person
decided after reading both plans, one row per decision, each with the words of each plan it rests on."""

from __future__ import annotations

import datetime as dt

from ..sources import SourceText
from ..sources.text import comparable
from .csv_cells import csv_rows
from .records import Action, LineageReview

COLUMNS = (
    "lausanne_action",
    "vientiane_action",
    "decision",
    "relation",
    "lausanne_quote",
    "vientiane_quote",
    "reviewer",
    "date",
    "note",
)
DECISIONS = ("added", "confirmed", "rejected", "new")
RELATIONS = ("same", "narrower", "broader", "strengthened", "weakened", "merged", "split")


def parse(src: SourceText) -> list[LineageReview]:
    """Every decision of the file; a malformed row is a ParseError at its line."""
    out = []
    for number, span, by_name in csv_rows(src, COLUMNS):
        start = span.start
        value = {name: cell.value.strip() for name, cell in by_name.items()}
        if value["decision"] not in DECISIONS:
            raise src.error(start, f"decision must be one of {', '.join(DECISIONS)}, not {value['decision']!r}")
        linking = value["decision"] != "new"
        # a rejected link has no relation: there is nothing to relate
        if value["decision"] in ("added", "confirmed") and value["relation"] not in RELATIONS:
            raise src.error(start, f"relation must be one of {', '.join(RELATIONS)}, not {value['relation']!r}")
        if value["decision"] in ("rejected", "new") and value["relation"]:
            raise src.error(start, f"a {value['decision']!r} decision has no relation")
        if not value["lausanne_action"].isdigit() or (linking != value["vientiane_action"].isdigit()):
            raise src.error(start, "a decision names a Lausanne action, and a Vientiane one unless it is 'new'")
        try:
            day = dt.date.fromisoformat(value["date"])
        except ValueError:
            raise src.error(start, f"date must be like 2026-12-06, not {value['date']!r}") from None
        out.append(
            LineageReview(
                row=number + 1,
                lausanne=int(value["lausanne_action"]),
                vientiane=int(value["vientiane_action"]) if linking else None,
                decision=value["decision"],
                relation=value["relation"] or None,
                lausanne_quote=value["lausanne_quote"],
                vientiane_quote=value["vientiane_quote"],
                reviewer=value["reviewer"],
                date=day,
                note=value["note"],
                cells=by_name,
            )
        )
    return out


def check(src: SourceText, reviews: list[LineageReview], vap: list[Action], lap: list[Action]) -> None:
    """Each decision names actions the plans have, and quotes words each plan prints."""
    plans = {"vap": {a.number: a for a in vap}, "lap": {a.number: a for a in lap}}
    for r in reviews:
        for plan, number, quote in (("lap", r.lausanne, r.lausanne_quote), ("vap", r.vientiane, r.vientiane_quote)):
            if number is None:
                continue
            action = plans[plan].get(number)
            at = r.cells["lausanne_action" if plan == "lap" else "vientiane_action"].span.start
            if action is None:
                raise src.error(at, f"the {plan.upper()} has no action {number}")
            words = " ".join([action.text, *(f"{i.label} {i.text}" for i in action.items)])
            if quote and comparable(quote) not in comparable(words):
                raise src.error(at, f"{plan.upper()} action {number} does not say {quote!r}")
