"""Derived statements, kept in their own graph, each saying how it was derived (PROV):

- what is due when: the Convention-anchored time limits as dates, and, given a table of the dates
  the Convention entered into force for each State Party, every state's own due dates;
- which article an action serves through its theme (what its text cites is asserted, not derived);
- how the plans evolved: each Lausanne action's Vientiane predecessors and what changed (lineage.py).

Similarity is TF-IDF cosine over the words of the texts; the method and its threshold are
resources of their own, which every derived link names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO, SKOS

from ..vocab import CCM, TIME, Iris
from ..vocab.iris import last_segment
from . import lineage
from .dates import add_duration, add_months
from .similarity import Tfidf, content_words

_CONSENT_KINDS = (CCM.ConsentToBeBound, CCM.Ratification, CCM.Acceptance, CCM.Approval, CCM.Accession)
# what a figure of States counts, by the words that follow it ("the [46] States that have ratified it")
_COUNTED = [
    (re.compile(r"\bhave signed\b"), "signed"),
    (re.compile(r"\bhave (?:ratified|consented|acceded)\b"), "consented"),
    (re.compile(r"^(?:[\[\]\d,]+\s+)?States Parties\b"), "State Party"),
]
# what a meeting report's list of participating States by status says each of them was
_LISTED = {
    "State Party": "State Party",
    "Ratified, not yet in force": "consented, not yet in force",
    "Signatory State": "signatory",
}
# a State's statuses in the order they follow one another, by key: the words the data gives them
_STATUSES = {
    "signatory": "signatory",
    "consented": "consented, not yet in force",
    "state-party": "State Party",
    "withdrawn": "withdrawn",
}


@dataclass(frozen=True)
class _TreatyDates:
    """Each State's dates, by ISO code: what its status on a day is read from."""

    signed: dict[str, dt.date]
    consented: dict[str, dt.date]
    in_force: dict[str, dt.date]
    withdrawn: dict[str, dt.date]

    def held(self, code: str, day: dt.date, rule: str) -> str:
        """The State's status on `day`, a State Party counted from its deposit or from the entry into force."""
        if (when := self.withdrawn.get(code)) and day >= when:
            return "withdrawn"
        if (when := self.in_force.get(code)) and day >= when:
            return "State Party"
        if (when := self.consented.get(code)) and day >= when:
            return "State Party" if rule == "deposit" else "consented, not yet in force"
        if (when := self.signed.get(code)) and day >= when:
            return "signatory"
        return "not a participant"


class Deriver:
    """The derived graph of an asserted graph, written by one method after the other."""

    def __init__(self, asserted: Graph, iris: Iris) -> None:
        self.asserted = asserted
        self.iris = iris
        self.graph = Graph()
        self.withdrawn: dict[str, dt.date] = {}  # ISO code -> the day its withdrawal takes effect

    def method(self, key: str, label: str, comment: str, **params: object) -> URIRef:
        m = self.iris.method(key)
        self.graph.add((m, RDF.type, PROV.Plan))
        self.graph.add((m, RDF.type, CCM.DerivationMethod))
        self.graph.add((m, RDFS.label, Literal(label, lang="en")))
        self.graph.add((m, RDFS.comment, Literal(comment, lang="en")))
        for name, value in params.items():
            self.graph.add((m, CCM[name], Literal(value)))
        return m

    # -- when the Convention binds each State ----------------------------------------
    def treaty_calendar(self) -> dict[str, dt.date]:
        """Each State's entry into force (Article 17) and each withdrawal's taking effect (Article 20(3)),
        from the depositary's dates; returns ISO code -> entry into force."""
        asserted, iris = self.asserted, self.iris
        art_17_1, art_17_2, art_20_3 = (iris.provision(p) for p in (("17", "1"), ("17", "2"), ("20", "3")))
        first_thirty = self.method(
            "entry-into-force-article-17-1",
            "Entry into force under Article 17(1)",
            "For the States whose instruments were among the first thirty deposited: the first day of the sixth "
            "month after the month in which the thirtieth instrument was deposited.",
        )
        later = self.method(
            "entry-into-force-article-17-2",
            "Entry into force under Article 17(2)",
            "For a State depositing its instrument after the thirtieth: the first day of the sixth month after the "
            "date on which it deposited its instrument.",
        )
        withdrawal = self.method(
            "withdrawal-article-20-3",
            "Withdrawal taking effect under Article 20(3)",
            "Six months after the depositary received the instrument of withdrawal.",
        )
        consents = sorted(
            (
                asserted.value(c, CCM.actionDate).toPython(),
                asserted.value(asserted.value(c, CCM.actionBy), CCM.iso3166),
                c,
            )
            for c in asserted.subjects(CCM.actionDate, None)
            if (c, CCM.actionOn, iris.convention()) in asserted
            and any((c, RDF.type, k) in asserted for k in _CONSENT_KINDS)
        )
        out: dict[str, dt.date] = {}
        if len(consents) < 30:
            return out
        thirtieth = consents[29][0]
        for deposited, code, consent in consents:
            code = str(code)
            if deposited <= thirtieth:
                start, method, rule = add_months(thirtieth.replace(day=1), 6), first_thirty, art_17_1
            else:
                start, method, rule = add_months(deposited.replace(day=1), 6), later, art_17_2
            out[code] = start
            self._effect(iris.entry_into_force_for(code), CCM.StateEntryIntoForce, code, start, consent, method, rule)
        for w in asserted.subjects(RDF.type, CCM.Withdrawal):
            code = str(asserted.value(asserted.value(w, CCM.actionBy), CCM.iso3166))
            takes_effect = add_months(asserted.value(w, CCM.actionDate).toPython(), 6)
            self.withdrawn[code] = takes_effect
            self._effect(
                iris.withdrawal_effect(code), CCM.WithdrawalTakingEffect, code, takes_effect, w, withdrawal, art_20_3
            )
        self._status_intervals(out)
        return out

    def _status_intervals(self, entry_into_force: dict[str, dt.date]) -> None:
        """Each State's statuses, one interval each: signatory from its signature, consented from its
        deposit, State Party from the entry into force (Article 17), withdrawn from the withdrawal's
        taking effect (Article 20(3)); each lasts until the next begins."""
        asserted, g = self.asserted, self.graph
        method = self.method(
            "treaty-status-intervals",
            "A State's status over time",
            "Signatory from the signature until the deposit of consent; consented, not yet in force, from the "
            "deposit until the entry into force for the State (Article 17); State Party from then until a "
            "withdrawal takes effect (Article 20(3)); withdrawn from then on. Each from its first day, until "
            "the first day of the next.",
        )
        treaty = self.treaty_dates(entry_into_force)
        for state in sorted(asserted.subjects(RDF.type, CCM.State)):
            code = str(asserted.value(state, CCM.iso3166))
            found = {
                "signatory": treaty.signed.get(code),
                "consented": treaty.consented.get(code),
                "state-party": treaty.in_force.get(code),
                "withdrawn": treaty.withdrawn.get(code),
            }
            dates = {key: when for key, when in found.items() if when is not None}
            ordered = [(key, dates[key]) for key in _STATUSES if key in dates]
            for i, (key, start) in enumerate(ordered):
                until = ordered[i + 1][1] if i + 1 < len(ordered) else None
                if until is not None and until <= start:
                    continue  # signed and ratified the same day: never only a signatory
                node = self.iris.status_interval(code, key)
                name = asserted.value(state, RDFS.label)
                g.add((node, RDF.type, CCM.StatusInterval))
                g.add((node, RDFS.label, Literal(f"{name}: {_STATUSES[key]}, from {start.isoformat()}", lang="en")))
                g.add((node, CCM.statusOf, state))
                g.add((node, CCM.treatyStatus, Literal(_STATUSES[key])))
                g.add((node, CCM.validFrom, Literal(start.isoformat(), datatype=XSD.date)))
                if until is not None:
                    g.add((node, CCM.validUntil, Literal(until.isoformat(), datatype=XSD.date)))
                g.add((node, PROV.wasGeneratedBy, method))

    def _effect(
        self, node: URIRef, cls: URIRef, code: str, when: dt.date, action: URIRef, method: URIRef, rule: URIRef
    ) -> None:
        g, state = self.graph, self.iris.state(code)
        what = "Entry into force" if cls == CCM.StateEntryIntoForce else "Withdrawal taking effect"
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(f"{what} for {self.asserted.value(state, RDFS.label)}", lang="en")))
        g.add((node, CCM.effectiveFor, state))
        g.add((node, CCM.effectiveOn, Literal(when.isoformat(), datatype=XSD.date)))
        g.add((node, CCM.followsFrom, action))
        g.add((node, CCM.underProvision, rule))
        g.add((node, PROV.wasGeneratedBy, method))
        g.add((node, PROV.wasDerivedFrom, action))

    # -- what is due when ----------------------------------------------------------
    def due_dates(self, entry_into_force: dict[str, dt.date]) -> None:
        """Each time limit as a date: from the Convention's entry into force, or per State from the
        entry into force for it. A plan's limits only within the plan's own span; nothing after a
        State's withdrawal takes effect; a limit that binds only a State in a given situation, or
        only some States, says so on the date (ccm:onlyIf)."""
        convention = self.asserted.value(self.iris.convention(), CCM.entryIntoForce)
        by_state = self.method(
            "due-date-for-state",
            "Due date for a State Party",
            "The date the Convention entered into force for the state (computed under Article 17 from the "
            "depositary's table, or as a table the user supplied states it), plus the duration the time limit states. "
            "A plan's time limit only within the plan's span (from its adoption or its period's first year to its "
            "ccm:endsOn); a limit for a group ('new States Parties') only for States that joined within that span. "
            "None after the State's withdrawal takes effect (Article 20(3)).",
        )
        by_convention = self.method(
            "due-date-from-entry-into-force",
            "Due date from the Convention's entry into force",
            "The Convention's entry into force (as the booklet states it) plus the duration the time limit states.",
        )
        spans = self.plan_spans(convention.toPython() if convention is not None else None)
        first_due: dict[URIRef, dict[str, dt.date]] = {}  # norm -> ISO code -> its first due date
        for deadline in sorted(self.asserted.subjects(RDF.type, CCM.RelativeDeadline)):
            duration = self.asserted.value(deadline, TIME.hasXSDDuration)
            anchor = last_segment(self.asserted.value(deadline, CCM.anchorEvent) or "")
            owner = self.asserted.value(None, CCM.hasDeadline, deadline)
            # a condition's limit ("If a State Party believes that it will be unable ... within eight years")
            # restates one another provision sets: that one's due date is the date, not a second one
            if duration is None or (owner, RDF.type, CCM.Condition) in self.asserted:
                continue
            if anchor == "entry-into-force-of-convention" and convention is not None:
                due = add_duration(convention.toPython(), str(duration))
                self._due(deadline, None, due, by_convention, [self.iris.convention()])
            elif anchor == "entry-into-force-for-state-party":
                span = spans.get(self.asserted.value(owner, CCM.inPlan))
                group = self.asserted.value(deadline, CCM.appliesTo)
                only = self._only_if(owner) + ([group] if group is not None else [])
                for code, start in sorted(entry_into_force.items()):
                    due = add_duration(start, str(duration))
                    if span is not None:
                        first, last = span
                        joined_within = first <= start <= last
                        if (group is not None and not joined_within) or (group is None and not first <= due <= last):
                            continue
                    if code in self.withdrawn and due >= self.withdrawn[code]:
                        continue
                    self._due(deadline, code, due, by_state, [], only)
                    first_due.setdefault(owner, {}).setdefault(code, due)
        self.recurring_due_dates(first_due, entry_into_force)

    def recurring_due_dates(
        self, first_due: dict[URIRef, dict[str, dt.date]], entry_into_force: dict[str, dt.date]
    ) -> None:
        """A limit that comes round every year on a day ('not later than 30 April of each year', Article
        7(2)) is due on that day each year, for each State, from the first such day after the limit of what
        it updates (the initial report, 180 days after entry into force: Article 7(1)) until the State
        withdraws; the graph lists them through the year after the latest date the depositary's table gives, or
        Article 17 gives from it."""
        method = self.method(
            "recurring-due-date-for-state",
            "Recurring due date for a State Party",
            "For a limit that recurs every year on a day of the year: that day of each year, from the first one "
            "after the due date of the requirement it updates (for Article 7(2), the initial report of Article "
            "7(1), 180 days after entry into force) until the State's withdrawal takes effect; listed through the "
            "year after the latest date in the depositary's table or the entry into force it implies.",
        )
        dates = [d.toPython() for d in self.asserted.objects(None, CCM.actionDate)] + list(entry_into_force.values())
        if not dates:
            return
        horizon = max(dates).year + 1
        for deadline in sorted(self.asserted.subjects(RDF.type, CCM.RecurringDeadline)):
            day = self.asserted.value(deadline, CCM.dayOfYear)
            owner = self.asserted.value(None, CCM.hasDeadline, deadline)
            updated = self.asserted.value(owner, CCM.updates)
            if day is None or self.asserted.value(deadline, CCM.recursEvery) != Literal("P1Y", datatype=XSD.duration):
                continue
            month, dom = (int(x) for x in str(day).lstrip("-").split("-"))
            only = self._only_if(owner)
            for code, after in sorted(first_due.get(updated, {}).items()):
                year = after.year if dt.date(after.year, month, dom) > after else after.year + 1
                for y in range(year, horizon + 1):
                    due = dt.date(y, month, dom)
                    if code in self.withdrawn and due >= self.withdrawn[code]:
                        break
                    self._due(deadline, code, due, method, [updated], only, year=y)

    def plan_spans(self, convention: dt.date | None) -> dict[URIRef, tuple[dt.date, dt.date]]:
        """Each plan's span, from its own words: from its adoption (or its period's first year) to its
        period's last day, or to the day the meeting it is to be undertaken before was to be convened.
        Written on the plan as ccm:endsOn."""
        method = self.method(
            "plan-span",
            "The span of an action plan",
            "From the plan's adoption, else the first day of its period's first year; to the last day of its "
            "period's last year, or, for a plan whose actions are 'to be undertaken prior to' a meeting, the day "
            "the Convention convenes that meeting (the First Review Conference: five years after the Convention's "
            "entry into force, Article 12(1)).",
        )
        out: dict[URIRef, tuple[dt.date, dt.date]] = {}
        for plan in sorted(self.asserted.subjects(RDF.type, CCM.ActionPlan)):
            first = self._plan_start(plan)
            last, source = None, None
            if (end := self.asserted.value(plan, CCM.periodEnd)) is not None:
                last = dt.date(int(str(end)), 12, 31)
            elif (meeting := self.asserted.value(plan, CCM.undertakenBefore)) is not None:
                last, source = self._convened(meeting, convention)
            if first is None or last is None:
                continue
            out[plan] = (first, last)
            self.graph.add((plan, CCM.endsOn, Literal(last.isoformat(), datatype=XSD.date)))
            self.graph.add((plan, PROV.wasInfluencedBy, method))
            if source is not None:
                self.graph.add((plan, PROV.wasInfluencedBy, source))
        return out

    def _convened(self, meeting: URIRef, convention: dt.date | None) -> tuple[dt.date | None, URIRef | None]:
        """When a meeting is held: its stated start, else, for the First Review Conference, the date the
        Convention's rule convening it gives ('five years after the entry into force of this Convention')."""
        if (start := self.asserted.value(meeting, SDO.startDate)) is not None:
            return start.toPython(), None
        first_review = (meeting, RDF.type, CCM.ReviewConference) in self.asserted and self.asserted.value(
            meeting, CCM.meetingNumber
        ) == Literal(1)
        if not first_review or convention is None:
            return None, None
        for deadline in self.asserted.subjects(RDF.type, CCM.RelativeDeadline):
            owner = self.asserted.value(None, CCM.hasDeadline, deadline)
            text = str(self.asserted.value(owner, CCM.text) or "")
            anchor = last_segment(self.asserted.value(deadline, CCM.anchorEvent) or "")
            duration = self.asserted.value(deadline, TIME.hasXSDDuration)
            if "Review Conference shall be convened" in text and anchor == "entry-into-force-of-convention":
                return add_duration(convention, str(duration)), owner
        return None, None

    def _only_if(self, owner: URIRef | None) -> list[URIRef]:
        """What a norm or action holds only for: the situation its words name, and, for an action, an
        addressee narrower than all the States Parties ('States Parties with stockpiles ...')."""
        if owner is None:
            return []
        found = list(self.asserted.objects(owner, CCM.onlyIf))
        for addressee in self.asserted.objects(owner, CCM.addressee):
            if (addressee, SKOS.broader, None) in self.asserted:
                found.append(addressee)
        return sorted(found)

    def _plan_start(self, plan: URIRef | None) -> dt.date | None:
        """When a plan began: its adoption, else its period's first year ('within two years of entry into force
        for new States Parties' in 2021 is not due in 2014)."""
        if plan is None:
            return None
        if (adopted := self.asserted.value(plan, CCM.adopted)) is not None:
            return adopted.toPython()
        if (start := self.asserted.value(plan, CCM.periodStart)) is not None:
            return dt.date(int(str(start)), 1, 1)
        return None

    def _due(
        self,
        deadline: URIRef,
        state: str | None,
        due: dt.date,
        method: URIRef,
        sources: list[URIRef],
        only: Sequence[URIRef] = (),
        year: int | None = None,
    ) -> None:
        node = self.iris.due_date(deadline, state, year)
        g = self.graph
        g.add((node, RDF.type, CCM.DueDate))
        g.add((node, RDFS.label, Literal(f"Due {due.isoformat()}" + (f" for {state}" if state else ""), lang="en")))
        g.add((node, CCM.ofDeadline, deadline))
        g.add((node, CCM.dueOn, Literal(due.isoformat(), datatype=XSD.date)))
        g.add((node, PROV.wasGeneratedBy, method))
        g.add((node, PROV.wasDerivedFrom, deadline))
        for source in sources:
            g.add((node, PROV.wasDerivedFrom, source))
        if state:
            g.add((node, CCM.forState, self.iris.state(state)))
        for condition in only:
            g.add((node, CCM.onlyIf, condition))

    # -- what the documents count ---------------------------------------------------
    def treaty_dates(self, entry_into_force: dict[str, dt.date]) -> _TreatyDates:
        """Each State's signature and deposit as the depositary gives them, with its entry into force and
        its withdrawal's taking effect."""
        signed: dict[str, dt.date] = {}
        consented: dict[str, dt.date] = {}
        for action, when in self.asserted.subject_objects(CCM.actionDate):
            state = self.asserted.value(action, CCM.actionBy)
            if state is None or (action, CCM.actionOn, self.iris.convention()) not in self.asserted:
                continue
            code = str(self.asserted.value(state, CCM.iso3166))
            if (action, RDF.type, CCM.Signature) in self.asserted:
                signed[code] = when.toPython()
            elif any((action, RDF.type, k) in self.asserted for k in _CONSENT_KINDS):
                consented[code] = when.toPython()
        return _TreatyDates(signed, consented, entry_into_force, self.withdrawn)

    def count_claims(self, entry_into_force: dict[str, dt.date]) -> None:
        """Every number of States a declaration states, checked against the depositary's dates on the date
        it speaks of, under both counting rules."""
        asserted = self.asserted
        self.method(
            "count-claim",
            "A document's count of States, checked",
            "What the figure counts, from the words after it ('have signed': signatures; 'have ratified': consents; "
            "'States Parties'); the date: the declaration's adoption, else the last day of the month its first "
            "paragraph names; the count on that date from the depositary's dates, a State counted from its deposit "
            "and from the entry into force for it (Article 17), withdrawals from their taking effect. A meeting "
            "report's list of participating States by status: how many of the States it lists held that status on "
            "the meeting's first day, under each rule.",
        )
        dates = self.treaty_dates(entry_into_force)
        for figure in sorted(asserted.subjects(RDF.type, CCM.Figure)):
            unit = str(asserted.value(figure, SDO.unitText) or "")
            paragraph = asserted.value(None, CCM.statesFigure, figure)
            declaration = asserted.value(paragraph, CCM.partOf)
            if not unit.startswith("States") or declaration is None:
                continue
            after = str(asserted.value(paragraph, CCM.text) or "")
            said = str(asserted.value(figure, CCM.text) or "")
            after = after[after.find(said) + len(said) :][:80] if said in after else ""
            # what the figure's own words say it counts, else the words right after it
            counts = next((c for pattern, c in _COUNTED if pattern.search(said)), None) or next(
                (c for pattern, c in _COUNTED if pattern.search(f"{unit} {after}")), None
            )
            day = self._spoken_of(declaration)
            if counts is None or day is None:
                continue
            if counts == "signed":  # every State that had signed, whether or not it has consented since
                gone = {code for code, when in dates.withdrawn.items() if when <= day}
                deposit = eif = {code for code, when in dates.signed.items() if when <= day} - gone
            else:
                bound = dates.consented.keys() | dates.in_force.keys()
                deposit = {code for code in bound if dates.held(code, day, "deposit") == "State Party"}
                eif = {code for code in bound if dates.held(code, day, "entry-into-force") == "State Party"}
            number = int(asserted.value(figure, SDO.value).toPython())
            label = f"{said}: checked against the depositary's dates"
            self._claim(
                self.iris.claim(figure), figure, label, number, counts, day, len(deposit), len(eif), deposit ^ eif
            )
        self._meeting_lists(dates)

    def _meeting_lists(self, dates: _TreatyDates) -> None:
        """A meeting report's lists of participating States by status ('The following States Parties
        participated ...'), each checked: how many of the States it lists held that status on the
        meeting's first day, a State counted from its deposit and from the entry into force for it."""
        asserted = self.asserted
        for meeting in sorted(asserted.subjects(SDO.startDate, None)):
            day = asserted.value(meeting, SDO.startDate).toPython()
            listed: dict[URIRef, list[str]] = {}
            for participation in asserted.subjects(CCM.inMeeting, meeting):
                state = asserted.value(participation, CCM.participant)
                status = asserted.value(participation, CCM.participationStatus)
                if (state, RDF.type, CCM.State) in asserted and status is not None:
                    listed.setdefault(status, []).append(str(asserted.value(state, CCM.iso3166)))
            for status, codes in sorted(listed.items()):
                name = str(asserted.value(status, SKOS.prefLabel))
                counts = _LISTED.get(name)
                if counts is None:
                    continue  # observers: a list of States the Convention does not count

                deposit = {c for c in codes if dates.held(c, day, "deposit") == counts}
                eif = {c for c in codes if dates.held(c, day, "entry-into-force") == counts}
                differs = {c for c in codes if dates.held(c, day, "deposit") != dates.held(c, day, "entry-into-force")}
                label = f"{len(codes)} States listed as '{name}' at the {asserted.value(meeting, RDFS.label)}: checked"
                node = self.iris.list_claim(meeting, last_segment(status))
                self._claim(node, status, label, len(codes), counts, day, len(deposit), len(eif), differs)
                self.graph.add((node, PROV.wasDerivedFrom, meeting))

    def _claim(
        self,
        node: URIRef,
        of: URIRef,
        label: str,
        number: int,
        counts: str,
        day: dt.date,
        deposit: int,
        eif: int,
        differs: set[str],
    ) -> None:
        g = self.graph
        g.add((node, RDF.type, CCM.CountClaim))
        g.add((node, RDFS.label, Literal(label, lang="en")))
        g.add((node, CCM.claimOf, of))
        g.add((node, CCM.claimedCount, Literal(number)))
        g.add((node, CCM.counts, Literal(counts)))
        g.add((node, CCM.speaksOf, Literal(day.isoformat(), datatype=XSD.date)))
        g.add((node, CCM.countFromDeposit, Literal(deposit)))
        g.add((node, CCM.countFromEntryIntoForce, Literal(eif)))
        for rule, found in (("deposit", deposit), ("entry-into-force", eif)):
            if found == number:
                g.add((node, CCM.reproducedUnder, Literal(rule)))
        for code in sorted(differs):
            g.add((node, CCM.differsFor, self.iris.state(code)))
        g.add((node, PROV.wasGeneratedBy, self.iris.method("count-claim")))
        g.add((node, PROV.wasDerivedFrom, of))

    def _spoken_of(self, declaration: URIRef) -> dt.date | None:
        """The date a declaration's counts are of: its adoption, else the last day of the month its first
        paragraph names ('gathered in Lausanne in November 2020')."""
        if (adopted := self.asserted.value(declaration, CCM.adopted)) is not None:
            return adopted.toPython()
        first = next(
            (
                p
                for p in self.asserted.subjects(CCM.partOf, declaration)
                if self.asserted.value(p, CCM.number) == Literal("1")
            ),
            None,
        )
        m = re.search(
            r"\bin (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b",
            str(self.asserted.value(first, CCM.text) or ""),
        )
        if m is None:
            return None
        month = dt.datetime.strptime(m.group(1), "%B").month
        return add_months(dt.date(int(m.group(2)), month, 1), 1) - dt.timedelta(days=1)

    # -- which article an action serves --------------------------------------------
    def thematic_articles(self) -> None:
        """Each theme's article, then every action of the theme serves it unless its text cites it already.

        By title when the theme's words are all in one article's title ('Transparency', Article 7
        'Transparency measures'); otherwise the article whose title and text are closest to the theme's
        sections and actions, if clearly closer than the next one."""
        by_title = self.method(
            "theme-to-article-by-title",
            "Article of a theme, by its title",
            "The article whose title holds every word of the theme's label (the shortest such title).",
        )
        by_text = self.method(
            "theme-to-article-by-similarity",
            "Article of a theme, by its text",
            "TF-IDF cosine between a theme (its label, its sections' introductions, its actions' texts) and each "
            "article (its title, weighted three times, and its text); the closest article if it scores at least "
            "the threshold and 1.5 times the runner-up.",
            threshold=0.1,
        )
        articles = {
            a: f"{self.asserted.value(a, CCM.title)} " * 3
            + " ".join(
                str(t) for p in self.asserted.subjects(CCM.partOf, a) for t in self.asserted.objects(p, CCM.text)
            )
            for a in self.asserted.subjects(RDF.type, CCM.Article)
        }
        titles = {a: set(content_words(str(self.asserted.value(a, CCM.title)))) for a in articles}
        themes: dict[URIRef, str] = {}
        for theme in self.asserted.subjects(RDF.type, CCM.Theme):
            parts = [str(self.asserted.value(theme, SKOS.prefLabel))] * 3
            for s in self.asserted.subjects(CCM.theme, theme):
                parts += [str(t) for t in self.asserted.objects(s, CCM.text)]
                parts += [str(t) for t in self.asserted.objects(s, CCM.description)]
            themes[theme] = " ".join(parts)
        model = Tfidf.fit(articles | themes)
        for theme in sorted(themes):
            actions = [
                a for a in self.asserted.subjects(CCM.theme, theme) if (a, RDF.type, CCM.Action) in self.asserted
            ]
            if not actions:
                continue
            words = set(content_words(str(self.asserted.value(theme, SKOS.prefLabel))))
            titled = sorted((len(t), a) for a, t in titles.items() if words and words <= t)
            if titled:
                article, method, score = titled[0][1], by_title, None
            else:
                ranked = sorted(((model.cosine(theme, a), a) for a in articles), reverse=True)
                (score, article), (runner_up, _) = ranked[0], ranked[1]
                if score < 0.1 or score < 1.5 * runner_up:
                    continue
                method = by_text
            link = self.iris.thematic_link(theme)
            self.graph.add((link, RDF.type, CCM.ThematicLink))
            self.graph.add(
                (
                    link,
                    RDFS.label,
                    Literal(
                        f"{self.asserted.value(theme, SKOS.prefLabel)} → {self.asserted.value(article, RDFS.label)}",
                        lang="en",
                    ),
                )
            )
            self.graph.add((link, CCM.theme, theme))
            self.graph.add((link, CCM.article, article))
            if score is not None:
                self.graph.add((link, CCM.similarity, decimal(score)))
            self.graph.add((link, PROV.wasGeneratedBy, method))
            for action in actions:
                cited = set(self.asserted.objects(action, CCM.cites))
                if article in cited or any(str(c).startswith(f"{article}/") for c in cited):
                    continue
                self.graph.add((action, CCM.servesArticle, article))

    # -- how the plans evolved ------------------------------------------------------
    def concept(self, scheme: str, key: str, scheme_label: str) -> URIRef:
        """A concept of a small scheme of the derived graph ('deadline-changes': 'tightened')."""
        c, s = self.iris.concept(scheme, key), self.iris.scheme(scheme)
        g = self.graph
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, SKOS.prefLabel, Literal(key.replace("-", " "), lang="en")))
        g.add((c, RDFS.label, Literal(key.replace("-", " "), lang="en")))
        g.add((c, SKOS.inScheme, s))
        g.add((s, RDF.type, SKOS.ConceptScheme))
        g.add((s, RDFS.label, Literal(scheme_label, lang="en")))
        g.add((s, SKOS.prefLabel, Literal(scheme_label, lang="en")))
        g.add((s, SKOS.hasTopConcept, c))
        return c

    def lineage(self) -> None:
        """Each Lausanne action's Vientiane predecessors (graph/derive/lineage.py), with what changed, and what
        each plan's actions that nothing links say: dropped, or new."""
        asserted, g = self.asserted, self.graph
        computed = self.method(
            "action-lineage",
            "Predecessors of a later plan's actions, computed",
            "A logistic model of a link from lexical similarity (TF-IDF cosine of Snowball stems, of the actions and "
            "of their best-matching commitments), semantic similarity (WordLlama l2_supercat embeddings, the same "
            "two ways), a shared theme, article and addressee, the lexical cosine of the later action's indicators "
            "with the earlier text, and each pair's similarity relative to both sides' "
            f"best, over the {lineage.CANDIDATES} closest candidates of each later action by each similarity; "
            "fitted on the reviewed decisions; links chosen for all actions at once, the most probable first, "
            f"from probability {lineage.PUBLISH}, at most {lineage.MAX_PREDECESSORS} predecessors per later "
            f"action and {lineage.MAX_SUCCESSORS} successors per earlier one.",
            threshold=lineage.PUBLISH,
        )
        reviewed = self.method(
            "reviewed-lineage",
            "Predecessors of a later plan's actions, as reviewed",
            "The decisions of the reviewed lineage file (documents/005), published as they stand.",
        )
        everything = lineage.actions(asserted)
        earlier = [a for a in everything if a.plan == self.iris.plan("vap")]
        later = [a for a in everything if a.plan == self.iris.plan("lap")]
        by_iri = {a.iri: a for a in everything}
        decisions = lineage.reviews(asserted)
        found, evidence, p, second = lineage.links(earlier, later, decisions)
        for link in found:
            lap, vap = link.successor, link.predecessor
            after, before = by_iri[lap], by_iri[vap]
            node = self.iris.lineage(lap, vap)
            label = f"{asserted.value(lap, RDFS.label)} continues {asserted.value(vap, RDFS.label)}"
            g.add((node, RDF.type, CCM.Lineage))
            g.add((node, RDFS.label, Literal(label, lang="en")))
            g.add((node, CCM.successor, lap))
            g.add((node, CCM.predecessor, vap))
            g.add((node, CCM.probability, decimal(link.probability)))
            g.add((node, CCM.textSimilarity, decimal(link.cosine)))
            basis = "reviewed" if link.review is not None else "computed"
            g.add((node, CCM.linkBasis, self.concept("link-bases", basis, "Bases of lineage links")))
            if link.review is not None:
                g.add((node, CCM.basedOnReview, link.review))
                g.add((node, CCM.modelProbability, decimal(link.model_probability or 0.0)))
            g.add((node, CCM.lineageRelation, self.concept("lineage-relations", link.relation, "Lineage relations")))
            # the grain a reader quotes: the commitment of each action the link rests on
            for side, at, term in (
                (after, link.rests_on[0], CCM.successorCommitment),
                (before, link.rests_on[1], CCM.predecessorCommitment),
            ):
                if at is not None:
                    g.add((node, term, side.commitment_iris[at]))
            for shared in link.shared:
                g.add((node, CCM.sharedArticle if "/convention/" in str(shared) else CCM.sharedTheme, shared))
            g.add((node, PROV.wasGeneratedBy, reviewed if link.review is not None else computed))
            g.add((lap, CCM.continues, vap))
            # what changed, as data: before and after, and the direction of the change
            if before.strength is not None:
                g.add((node, CCM.strengthBefore, before.strength))
            if after.strength is not None:
                g.add((node, CCM.strengthAfter, after.strength))
            if change := lineage.strength_change(before.strength, after.strength):
                g.add((node, CCM.strengthChange, self.concept("strength-changes", change, "Strength changes")))
            for a in before.addressees:
                g.add((node, CCM.addresseeBefore, a))
            for a in after.addressees:
                g.add((node, CCM.addresseeAfter, a))
            same = before.addressees == after.addressees
            g.add(
                (
                    node,
                    CCM.addresseeChange,
                    self.concept("addressee-changes", "unchanged" if same else "changed", "Addressee changes"),
                )
            )
            for d in before.deadlines:
                g.add((node, CCM.deadlineBefore, d))
            for d in after.deadlines:
                g.add((node, CCM.deadlineAfter, d))
            if change := lineage.deadline_change(asserted, before, after):
                g.add((node, CCM.deadlineChange, self.concept("deadline-changes", change, "Deadline changes")))
        # a rejected link's second opinion too: a reader checking the reviews looks where the model disagrees
        row = {a.number: i for i, a in enumerate(later)}
        column = {b.number: j for j, b in enumerate(earlier)}
        for r in decisions:
            if r.decision == "rejected" and r.lausanne in row and r.vientiane in column:
                opinion = evidence.opinion(second, row[r.lausanne], column[r.vientiane])
                g.add((r.iri, CCM.modelProbability, decimal(opinion)))
        # what nothing links: a Vientiane action dropped, a Lausanne action new, with how probable that is
        linked = {link.successor for link in found} | {link.predecessor for link in found}
        for axis, side, yes, no in ((1, earlier, "continued", "dropped"), (0, later, "continues", "new")):
            chances = lineage.nothing_continues(evidence, p, axis)
            for a, q, by_review in zip(side, chances, lineage.decided(evidence, decisions, axis), strict=True):
                status = yes if a.iri in linked else no
                g.add((a.iri, CCM.continuation, self.concept("continuations", status, "Continuations")))
                g.add((a.iri, CCM.probabilityNothingContinues, decimal(q)))
                basis = self.concept("link-bases", "reviewed" if by_review else "computed", "Bases of lineage links")
                g.add((a.iri, CCM.continuationBasis, basis))


def decimal(value: float) -> Literal:
    """A score or probability to four places, in xsd:decimal's canonical form ('0.686', '1'), as stores
    write it back: a client comparing our dumps with the endpoint's answers sees the same words."""
    return Literal(str(Decimal(f"{value:.4f}").normalize()), datatype=XSD.decimal)


def derive(asserted: Graph, iris: Iris, entry_into_force: dict[str, dt.date] | None = None) -> Graph:
    """The derived graph of an asserted graph."""
    d = Deriver(asserted, iris)
    # a table the user supplies overrides what the depositary's dates give
    in_force = d.treaty_calendar() | (entry_into_force or {})
    d.due_dates(in_force)
    d.count_claims(in_force)
    d.thematic_articles()
    d.lineage()
    return d.graph
