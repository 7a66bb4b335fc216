"""The treaty calendar read out of the store: one query for the States' dates, one for the due dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from flask import abort, current_app, request

from graph.vocab.iris import term_name

from ..store import dataset as ds

_STATES = """
SELECT ?state ?name ?code ?kind ?date ?action ?eif ?rule ?gone WHERE {
  ?state a ccm:State ; rdfs:label ?name ; ccm:iso3166 ?code .
  OPTIONAL { ?action ccm:actionBy ?state ; ccm:actionDate ?date ; a ?kind .
             FILTER(?kind IN (ccm:Signature, ccm:Ratification, ccm:Acceptance, ccm:Approval, ccm:Accession,
                              ccm:ProvisionalApplication, ccm:Withdrawal)) }
  OPTIONAL { ?e a ccm:StateEntryIntoForce ; ccm:effectiveFor ?state ; ccm:effectiveOn ?eif ; ccm:underProvision ?rule }
  OPTIONAL { ?w a ccm:WithdrawalTakingEffect ; ccm:effectiveFor ?state ; ccm:effectiveOn ?gone }
}"""
_DUE = """
SELECT ?due ?state ?date ?deadline ?text ?owner ?ownerLabel ?requires ?article ?plan WHERE {
  ?due a ccm:DueDate ; ccm:forState ?state ; ccm:dueOn ?date ; ccm:ofDeadline ?deadline .
  ?owner ccm:hasDeadline ?deadline ; rdfs:label ?ownerLabel .
  OPTIONAL { ?deadline ccm:deadlineText ?text }
  OPTIONAL { ?owner ccm:requires ?requires }
  OPTIONAL { ?owner ccm:statedIn/ccm:partOf* ?a . ?a a ccm:Article ; ccm:number ?article }
  OPTIONAL { ?owner ccm:inPlan/ccm:title ?plan }
}"""
# what a due date holds only for: a situation the State may be in, or a group of States
_ONLY_IF = """
SELECT ?due ?label ?situation WHERE {
  ?due a ccm:DueDate ; ccm:onlyIf ?c . ?c rdfs:label ?label .
  OPTIONAL { ?c a ccm:Situation BIND(true AS ?situation) }
}"""
ACTION_KINDS = {
    "Signature": "signature",
    "Ratification": "consent",
    "Acceptance": "consent",
    "Approval": "consent",
    "Accession": "consent",
    "ProvisionalApplication": "provisional application",
    "Withdrawal": "withdrawal",
}


@dataclass
class TreatyAction:
    kind: str  # Signature, Ratification, ..., the class's local name
    date: dt.date
    iri: str


@dataclass
class Due:
    iri: str
    date: dt.date
    deadline: str
    text: str
    owner: str  # the obligation or action that states the time limit
    owner_label: str
    group: str  # "Article 7", "Lausanne Action Plan"...
    requires: str = ""  # what is due, read from the owner's words: "destroy ... all cluster munitions ..."
    # (label, whether it is a situation): ("holds stockpiled cluster munitions", True), ("New States Parties", False)
    only_if: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def what(self) -> str:
        """What is due, in words, before the provision that requires it."""
        return self.requires[:1].upper() + self.requires[1:] if self.requires else self.owner_label

    @property
    def condition(self) -> str:
        """'if it holds stockpiled cluster munitions'; for a group of States, 'for new States Parties'."""
        return "; ".join(f"if it {c}" if situation else f"for {_group(c)}" for c, situation in self.only_if)


@dataclass
class StateCalendar:
    iri: str
    name: str
    code: str
    actions: list[TreatyAction] = field(default_factory=list)
    entry_into_force: dt.date | None = None
    rule: str | None = None  # the provision that gave the entry into force
    withdrawal_effect: dt.date | None = None
    due: list[Due] = field(default_factory=list)

    def action(self, kind: str) -> TreatyAction | None:
        return next((a for a in self.actions if ACTION_KINDS[a.kind] == kind), None)

    def status_on(self, day: dt.date, rule: str = "entry-into-force") -> str:
        """Signatory, consented but not yet bound, State Party, withdrawn, or not a participant, on `day`.
        Under the `deposit` rule (as the Cluster Munition Monitor counts) a State is a State Party from the
        deposit of its instrument; under `entry-into-force`, from the date Article 17 gives."""
        if self.withdrawal_effect and day >= self.withdrawal_effect:
            return "withdrawn"
        if self.entry_into_force and day >= self.entry_into_force:
            return "State Party"
        consent = self.action("consent")
        if consent and day >= consent.date:
            return "State Party" if rule == "deposit" else "consented, not yet in force"
        signature = self.action("signature")
        if signature and day >= signature.date:
            return "signatory"
        return "not a participant"

    def next_due(self, day: dt.date) -> Due | None:
        return next((d for d in self.due if d.date >= day), None)

    def fell_due(self, day: dt.date) -> list[tuple[Due, list[dt.date]]]:
        """The dates before `day`, latest first, one line per time limit: a limit that recurs (the annual
        Article 7 update) is one line with all its dates, not one line a year."""
        dates: dict[str, list[Due]] = {}
        for due in self.due:
            if due.date < day:
                dates.setdefault(due.deadline, []).append(due)
        lines = [(dues[-1], [d.date for d in dues]) for dues in dates.values()]
        return sorted(lines, key=lambda line: line[0].date, reverse=True)

    def history(self) -> list[tuple[dt.date, str, str | None]]:
        """(date, what happened, the resource that says so), in order."""
        events = [
            (a.date, a.kind.replace("ProvisionalApplication", "Provisional application"), a.iri) for a in self.actions
        ]
        if self.entry_into_force:
            events.append((self.entry_into_force, "Entry into force for the State", None))
        if self.withdrawal_effect:
            events.append((self.withdrawal_effect, "Withdrawal takes effect", None))
        return sorted(events, key=lambda e: e[0])


def _group(label: str) -> str:
    """'New States Parties' -> 'new States Parties': a group named inside a sentence."""
    first, _, rest = label.partition(" ")
    return f"{first.lower()} {rest}" if rest and first not in ("States", "State") else label


def _value(term: ox.Term | None) -> str | None:
    return term.value if term is not None else None


@lru_cache(maxsize=4)
def _load(version: str) -> dict[str, StateCalendar]:
    data = ds.get()
    states: dict[str, StateCalendar] = {}
    seen: set[tuple[str, str]] = set()
    for row in data.select(_STATES):
        iri = row["state"].value
        cal = states.setdefault(iri, StateCalendar(iri, row["name"].value, row["code"].value))
        if row["eif"] is not None:
            cal.entry_into_force = dt.date.fromisoformat(row["eif"].value)
            cal.rule = row["rule"].value
        if row["gone"] is not None:
            cal.withdrawal_effect = dt.date.fromisoformat(row["gone"].value)
        if row["action"] is not None and (iri, row["action"].value) not in seen:
            seen.add((iri, row["action"].value))
            kind = term_name(row["kind"].value)
            cal.actions.append(TreatyAction(kind, dt.date.fromisoformat(row["date"].value), row["action"].value))
    only_if: dict[str, list[tuple[str, bool]]] = {}
    for row in data.select(_ONLY_IF):
        only_if.setdefault(row["due"].value, []).append((row["label"].value, row["situation"] is not None))
    dues: set[str] = set()
    for row in data.select(_DUE):
        cal = states.get(row["state"].value)
        if cal is None:
            continue
        day = dt.date.fromisoformat(row["date"].value)
        if cal.withdrawal_effect and day >= cal.withdrawal_effect:
            continue  # no longer bound
        if row["article"] is not None:
            group = f"Article {row['article'].value}"
        else:
            group = _value(row["plan"]) or "Other"
        if row["due"].value in dues:
            continue
        dues.add(row["due"].value)
        cal.due.append(
            Due(
                row["due"].value,
                day,
                row["deadline"].value,
                _value(row["text"]) or "",
                row["owner"].value,
                row["ownerLabel"].value,
                group,
                _value(row["requires"]) or "",
                sorted(only_if.get(row["due"].value, [])),
            )
        )
    for cal in states.values():
        cal.actions.sort(key=lambda a: a.date)
        cal.due.sort(key=lambda d: (d.date, d.owner_label))
    return states


def calendars() -> dict[str, StateCalendar]:
    """Every State the graph knows, by IRI."""
    return _load(ds.get().version)


def participants() -> list[StateCalendar]:
    """The States the depositary lists (a signature or a consent), by name."""
    return sorted((c for c in calendars().values() if c.actions), key=lambda c: c.name)


def group_order(group: str) -> tuple[int, int, str]:
    """Articles in their order, then the plans."""
    if group.startswith("Article "):
        return (0, int(group.split()[1]), group)
    return (1, 0, group)


def state_calendar(iri: str) -> StateCalendar | None:
    """The calendar of one State, for its entity page (None for anything else)."""
    return calendars().get(iri)


def today() -> dt.date:
    """The day the calendar speaks of: `?on=` if given, else the configured or the real date."""
    on = request.args.get("on") or current_app.config.get("TODAY")
    if not on:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(str(on))
    except ValueError:
        abort(400, "on must be a date like 2026-12-01")
