"""The two action plans: sections, introductions, actions with their items, and indicators."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from ..parse.commitments import measured
from ..parse.records import Action, Commitment, IntroParagraph, Section
from ..parse.requirements import requirement
from ..sources.text import iso_date, title_case
from ..vocab import CCM
from .base import PLAN_NAME, Mapper, date, year

_DEADLINES_OF = re.compile(
    r"\bwithin\s+the\s+(?:deadlines?|time\s+limits?)\s+(?:set|established|laid\s+down)\s+in\s+Article\s+(\d+)"
)


def map_plans(m: Mapper) -> None:
    vap, lap = m.corpus.vap, m.corpus.lap
    plan = m.iris.plan("vap")
    m.entity(
        plan, CCM.ActionPlan, title_case(m.corpus.sources[vap.title_span.doc].quote(vap.title_span)), vap.title_span
    )
    m.add(plan, CCM.title, Literal("Vientiane Action Plan", lang="en"))
    if vap.adopted:
        m.add(plan, CCM.adopted, date(iso_date(*vap.adopted)))
    if vap.undertaken_before:
        m.add(plan, CCM.undertakenBefore, m.iris.meeting(vap.undertaken_before.key))
        for span in vap.undertaken_before_spans:
            m.source(plan, span)
    for sec in vap.sections:
        _section(m, sec, plan)
    for p in vap.intro:
        _intro(m, p, plan)
    for a in vap.actions:
        _action(m, a, plan, vap.sections)
    plan = m.iris.plan("lap")
    title = m.corpus.sources[lap.title_span.doc].quote(lap.title_span)
    m.entity(plan, CCM.ActionPlan, title, lap.title_span)
    m.add(plan, CCM.title, Literal(title, lang="en"))
    if lap.period:
        m.add(plan, CCM.periodStart, year(lap.period[0]))
        m.add(plan, CCM.periodEnd, year(lap.period[1]))
    for sec in lap.sections:
        if sec.order != 1:  # the introduction
            _section(m, sec, plan)
    for p in lap.intro:
        _intro(m, p, plan)
    for a in lap.actions:
        _action(m, a, plan, lap.sections)
    for ind in lap.indicators:
        s = m.iris.indicator("lap", ind.action, ind.index)
        m.concept(s, CCM.Indicator, f"Indicator {ind.index} of Lausanne action {ind.action}", "indicators", ind.span)
        m.add(s, CCM.text, Literal(ind.text, lang="en"))
        m.add(s, CCM.indicatorOf, m.iris.action("lap", ind.action))
        m.add(s, CCM.indicatorNumber, Literal(ind.index))
        action = next(a for a in lap.actions if a.number == ind.action)
        if unit := measured(action, ind.text):
            c = m.iris.commitment(m.iris.action("lap", ind.action), unit.index)
            m.add(s, CCM.measures, c)
            m.add(c, CCM.profile, m.keyword("commitment-profile", "has-an-indicator"))


def _section(m: Mapper, sec: Section, plan: URIRef) -> None:
    s = m.iris.section(sec.plan, sec.key)
    m.entity(s, CCM.PlanSection, sec.title, *sec.spans)
    m.add(s, CCM.title, Literal(sec.title, lang="en"))
    m.part(s, m.iris.section(sec.plan, sec.parent) if sec.parent else plan, plan, sec.order)
    m.add(s, CCM.inPlan, plan)
    if sec.number is not None:
        m.add(s, CCM.number, Literal(str(sec.number)))
    if sec.description:
        m.add(s, CCM.description, Literal(sec.description, lang="en"))
        for span in sec.description_spans:
            m.source(s, span)
    m.add(s, CCM.theme, m.theme_of(sec.title))


def _intro(m: Mapper, p: IntroParagraph, plan: URIRef) -> None:
    s = m.iris.intro(p.plan, p.number)
    label = f"{PLAN_NAME[p.plan]} Action Plan, introduction, paragraph {p.number}"
    m.entity(s, CCM.IntroductionParagraph, label, *p.spans)
    m.part(s, plan, plan, p.number)
    m.add(s, CCM.text, Literal(p.text, lang="en"))
    m.add(s, CCM.number, Literal(str(p.number)))
    for note in p.footnotes:
        m.add(s, CCM.footnote, Literal(note, lang="en"))
    for symbol in p.symbols:
        m.add(s, CCM.citesDocument, m.un_document(symbol, p.spans[0]))


def _action(m: Mapper, a: Action, plan: URIRef, sections: list[Section]) -> None:
    s = m.iris.action(a.plan, a.number)
    mark = "#" if a.plan == "vap" else ""
    m.entity(s, CCM.Action, f"{PLAN_NAME[a.plan]} Action Plan, Action {mark}{a.number}", *a.spans)
    m.add(s, CCM.inSection, m.iris.section(a.plan, a.section))
    m.add(s, CCM.inPlan, plan)
    m.add(s, CCM.actionNumber, Literal(a.number))
    m.add(s, CCM.order, Literal(a.number))
    m.add(s, CCM.text, Literal(a.text, lang="en"))
    if what := requirement(a.text):
        m.add(s, CCM.requires, Literal(what, lang="en"))
    m.add(s, CCM.chapeau, Literal(a.chapeau, lang="en") if a.chapeau else None)
    section = next(x for x in sections if x.key == a.section)
    m.add(s, CCM.theme, m.theme_of(section.title))
    for theme in a.themes:  # what its commitment names besides its section ("risk reduction education")
        m.add(s, CCM.namesTheme, m.iris.theme(theme))
    if a.commitments:  # what the action is: its first commitment
        m.add(s, CCM.strength, m.keyword("strengths", a.commitments[0].strength))
    if a.chapeau_verb:
        m.add(s, CCM.chapeauVerb, m.keyword("chapeau-verbs", a.chapeau_verb.replace(" ", "-")))
    if a.table_text and a.table_span:  # the indicator table words the action differently
        m.add(s, CCM.tableWording, Literal(a.table_text, lang="en"))
    for label in a.addressees:
        m.add(s, CCM.addressee, m.category(label, *a.chapeau_spans))
    m.items(s, plan, a.items, f"{PLAN_NAME[a.plan]} action {a.number}, item {{}}")
    for note in a.footnotes:
        m.add(s, CCM.footnote, Literal(note, lang="en"))
    for symbol in a.symbols:
        m.add(s, CCM.citesDocument, m.un_document(symbol, a.spans[0]))
    m.cite(s, a.refs)
    m.deadlines(s, a.deadlines)
    theme = m.theme_of(section.title)
    for c in a.commitments:
        _commitment(m, a, c, s, theme)


def _commitment(m: Mapper, a: Action, c: Commitment, action: URIRef, theme: URIRef | None) -> None:
    s = m.iris.commitment(action, c.index)
    mark = "#" if c.plan == "vap" else ""
    m.entity(
        s, CCM.Commitment, f"{PLAN_NAME[c.plan]} Action Plan, Action {mark}{c.action}, commitment {c.index}", *c.spans
    )
    m.add(s, CCM.commitmentOf, action)
    m.add(s, CCM.order, Literal(c.index))
    m.add(s, CCM.text, Literal(c.text, lang="en"))
    if what := requirement(c.text):
        m.add(s, CCM.requires, Literal(what, lang="en"))
    m.add(s, CCM.strength, m.keyword("strengths", c.strength))
    m.add(s, CCM.forceWords, Literal(c.force))
    for words in dict.fromkeys(c.qualifiers):
        m.add(s, CCM.qualifiedBy, Literal(words))
    for label in c.addressees:  # a commitment's own subject is read from its words, a chapeau's from the chapeau
        m.add(s, CCM.addressee, m.category(label, *(c.spans if c.own_subject else ())))
    m.add(s, CCM.theme, theme)
    for t in c.themes:
        m.add(s, CCM.namesTheme, m.iris.theme(t))
    m.cite(s, c.refs)
    for symbol in c.symbols:
        m.add(s, CCM.citesDocument, m.un_document(symbol, c.spans[0]))
    for d in c.deadlines:  # the action's own time limit, not a second one
        m.add(s, CCM.statesDeadline, m.iris.deadline(action, a.deadlines.index(d) + 1))
    if ref := _DEADLINES_OF.search(c.text):  # "within the deadlines set in Article 7": that article's limits
        for n in m.corpus.convention.norms:
            if n.provision[0] == ref.group(1):
                for i, _ in enumerate(n.deadlines, 1):
                    m.add(s, CCM.withinDeadlinesOf, m.iris.deadline(m.statement(n), i))
    for words in dict.fromkeys(c.measurable):
        m.add(s, CCM.measurableBy, Literal(words))
    features = {
        "names-whom-it-binds": c.own_subject,
        "has-a-deadline": bool(c.deadlines),
        "has-measurable-wording": bool(c.measurable),
    }
    for key, present in features.items():
        if present:
            m.add(s, CCM.profile, m.keyword("commitment-profile", key))
