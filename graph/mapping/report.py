"""The Final Document of the First Meeting: paragraphs and decisions, participants, officers."""

from __future__ import annotations

import re

from rdflib import RDFS, SKOS, Literal, URIRef
from rdflib.namespace import SDO

from ..sources.text import title_case
from ..vocab import CCM
from .base import Mapper, date

_ANNEX = re.compile(r"\b(?:adopted|and) the ([A-Z][\w ]+?), as contained in Annex (I+)\b")


def map_report(m: Mapper) -> None:
    r = m.corpus.report
    doc = m.iris.report("1msp")
    meeting = m.iris.meeting("1msp")
    m.entity(doc, CCM.MeetingReport, r.title, r.title_span)
    m.add(doc, CCM.title, Literal(r.title, lang="en"))
    annexes = {"I": m.iris.declaration("vientiane"), "II": m.iris.plan("vap")}
    for p in r.paragraphs:
        s = m.iris.report_paragraph("1msp", p.number)
        decision = p.section.startswith("DECISIONS")
        label = f"Final Document of the First Meeting, paragraph {p.number}"
        m.entity(s, CCM.Decision if decision else CCM.ReportParagraph, label, p.span)
        m.part(s, doc, doc, p.number)
        m.add(s, CCM.number, Literal(str(p.number)))
        m.add(s, CCM.text, Literal(p.text, lang="en"))
        m.add(s, SKOS.note, Literal(title_case(p.section), lang="en"))
        if decision:
            m.add(s, CCM.decidedAt, meeting)
            for annex in _ANNEX.finditer(p.text):
                if annex.group(2) in annexes:
                    m.add(annexes[annex.group(2)], CCM.adoptedAt, meeting)
                    m.source(annexes[annex.group(2)], p.span)
        for symbol in p.symbols:
            dated = next((x.date for x in r.symbols if x.symbol == symbol), None)
            m.add(s, CCM.citesDocument, m.un_document(symbol, p.span, dated))
        m.cite(s, p.refs)
    _decisions(m, annexes)
    for part in r.participations:
        if part.kind == "state":
            agent = m.state(part.name, part.span)
        else:
            agent = m.organisation(part.name, part.acronym, part.span)
        s = m.iris.participation(part.meeting, agent)
        name = m.graph.value(agent, RDFS.label)
        m.entity(s, CCM.Participation, f"{name} at the First Meeting of States Parties ({part.status})", part.span)
        m.add(s, CCM.participant, agent)
        m.add(s, CCM.inMeeting, m.iris.meeting(part.meeting))
        m.add(agent, CCM.attended, m.iris.meeting(part.meeting))
        status = m.concept(m.iris.status(part.status), CCM.ParticipationStatus, part.status, "participation-statuses")
        m.add(s, CCM.participationStatus, status)
        m.add(s, CCM.underRule, Literal(part.rule) if part.rule else None)
    for o in r.offices:
        s = m.iris.office(o.meeting, o.role, o.topic)
        label = f"{o.role} of the {m.corpus.meetings[o.meeting].label}" + (f" on {o.topic}" if o.topic else "")
        m.entity(s, CCM.Office, label, o.span)
        m.add(s, CCM.officeAt, m.iris.meeting(o.meeting))
        m.add(s, CCM.role, m.concept(m.iris.role(o.role), CCM.Role, o.role, "roles"))
        if o.topic:
            m.add(s, CCM.topic, m.theme_of(o.topic))
        holder = m.state(o.holder, o.span) if o.holder_kind == "state" else m.person(o.person)
        m.add(s, CCM.heldBy, holder)
        if o.role == "President" and o.holder_kind == "person":
            m.add(m.iris.meeting(o.meeting), CCM.president, holder)
    for person in r.speakers:
        m.add(m.person(person), CCM.spokeAt, meeting)


def _decisions(m: Mapper, annexes: dict[str, URIRef]) -> None:
    """Each act a decision paragraph records, with what it concerns and its conditions."""
    r = m.corpus.report
    meeting = m.iris.meeting("1msp")
    for act in r.decisions:
        paragraph = m.iris.report_paragraph("1msp", act.paragraph)
        s = m.iris.decision(paragraph, act.index)
        kind = act.kind.replace("-", " ")
        label = f"Decision {act.index} of the Final Document of the First Meeting, paragraph {act.paragraph} ({kind})"
        m.entity(s, CCM.MeetingDecision, label, act.span)
        m.add(s, CCM.text, Literal(act.text, lang="en"))
        m.add(s, CCM.recordedIn, paragraph)
        m.add(s, CCM.takenAt, meeting)
        m.add(s, CCM.decisionKind, m.keyword("decision-kinds", act.kind))
        for symbol in act.symbols:
            dated = next((x.date for x in r.symbols if x.symbol == symbol), None)
            m.add(s, CCM.concerns, m.un_document(symbol, act.span, dated))
        for annex in act.annexes:
            m.add(s, CCM.concerns, annexes.get(annex))
        for key in act.meetings:
            m.add(s, CCM.concerns, m.iris.meeting(key))
        for name in act.persons:
            m.add(s, CCM.concerns, m.iris.person(name))
        m.add(s, CCM.place, Literal(act.place) if act.place else None)
        m.add(s, SDO.startDate, date(act.start) if act.start else None)
        m.add(s, SDO.endDate, date(act.end) if act.end else None)
        m.conditions(s, act.conditions, f"{label[0].lower()}{label[1:]}")
