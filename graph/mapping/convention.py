"""The Convention: the treaty, its preamble, provisions, defined terms, norms and constitutive rules."""

from __future__ import annotations

from rdflib import SKOS, Literal, URIRef

from ..parse.records import Norm, Provision
from ..parse.requirements import situation, situation_label
from ..vocab import CCM
from .base import Mapper, date, letter_order, provision_label

_KIND_CLASS = {
    "duty": CCM.Duty,
    "prohibition": CCM.Prohibition,
    "permission": CCM.Permission,
    "recommendation": CCM.Recommendation,
    "rule": CCM.ConstitutiveRule,
}
_PROVISION_CLASS = [CCM.Article, CCM.Paragraph, CCM.SubParagraph, CCM.Clause]  # by depth


def map_convention(m: Mapper) -> None:
    c = m.corpus.convention
    doc = m.iris.convention()
    m.entity(doc, CCM.Treaty, "Convention on Cluster Munitions", c.title_span)
    m.add(doc, CCM.title, Literal("Convention on Cluster Munitions", lang="en"))
    m.add(doc, CCM.adopted, date(c.adopted))
    m.add(doc, CCM.adoptedIn, Literal(c.adopted_place))
    m.add(doc, CCM.openedForSignature, date(c.signed))
    m.add(doc, CCM.signedIn, Literal(c.signed_place))
    m.add(doc, CCM.entryIntoForce, date(c.entry_into_force))
    m.source(doc, c.dates_span)
    for r in c.preamble:
        s = m.entity(m.iris.recital(r.number), CCM.PreambleRecital, f"Preamble, recital {r.number}", r.span)
        m.part(s, doc, doc, r.number)
        m.add(s, CCM.text, Literal(r.text, lang="en"))
        m.add(s, CCM.number, Literal(str(r.number)))
    for p in c.provisions:
        _provision(m, p, doc)
    for d in c.definitions:
        term = m.concept(m.iris.term(d.term), CCM.DefinedTerm, d.term, "terms", d.span)
        m.add(term, SKOS.definition, Literal(d.text, lang="en"))
        m.add(term, CCM.definedIn, m.iris.provision(("2", str(d.number))))
    _norms(m, c.norms)


def _norms(m: Mapper, norms: list[Norm]) -> None:
    """Every statement of the articles: norms with who, to whom, on what condition and by when;
    constitutive rules; and the links between them."""
    iri = {n.key: m.statement(n) for n in norms}
    per_provision: dict[tuple[tuple[str, ...], str], int] = {}
    for n in norms:
        per_provision[n.key[:2]] = per_provision.get(n.key[:2], 0) + 1
    for n in norms:
        s = iri[n.key]
        many = per_provision[n.key[:2]] > 1
        noun = "Rule" if n.kind == "rule" else n.kind.capitalize()
        if n.reporting:
            noun = "Reporting requirement"
        label = f"{noun}{f' {n.index}' if many else ''} of {provision_label(n.provision)}"
        m.entity(s, CCM.ReportingRequirement if n.reporting else _KIND_CLASS[n.kind], label, n.span)
        m.add(s, CCM.text, Literal(n.text, lang="en"))
        if n.requires:
            m.add(s, CCM.requires, Literal(n.requires, lang="en"))
        if n.kind == "duty" and (key := situation(n.text)):
            m.add(
                s,
                CCM.onlyIf,
                m.concept(m.iris.concept("situations", key), CCM.Situation, situation_label(key), "situations", n.span),
            )
        m.add(s, CCM.statedIn, m.iris.provision(n.provision))
        for b in n.bearers:
            m.add(s, CCM.bearer, m.narrowed_category(b, n.span))
        for r in n.recipients:
            m.add(s, CCM.recipient, m.narrowed_category(r, n.span))
        for b in n.beneficiaries:
            m.add(s, CCM.beneficiary, m.narrowed_category(b, n.span))
        if n.strength:
            m.add(s, CCM.strength, m.keyword("strengths", n.strength))
        if n.rule_kind:
            m.add(s, CCM.ruleKind, m.keyword("rule-kinds", n.rule_kind))
        if n.rule_kind == "definition":
            term = next(d.term for d in m.corpus.convention.definitions if d.number == int(n.provision[1]))
            m.add(s, CCM.defines, m.iris.term(term))
        m.deadlines(s, n.deadlines)
        m.conditions(s, n.conditions, f"{label[0].lower()}{label[1:]}")
        if n.reporting_period:
            m.add(s, CCM.reportingPeriod, Literal(n.reporting_period, lang="en"))
        for path in n.required_items:
            m.add(s, CCM.requiredItem, m.iris.provision(path))
        for key in n.exception_to:
            m.add(s, CCM.exceptionTo, iri[key])
        for key in n.limits:
            m.add(s, CCM.limitsException, iri[key])
        for key in n.updates:
            m.add(s, CCM.updates, iri[key])
        for key in n.renews:
            m.add(s, CCM.renews, iri[key])
        for key in n.regulates:
            m.add(s, CCM.regulates, iri[key])
        for key in n.caps:
            m.add(s, CCM.caps, iri[key])
        for key in n.reports_on:
            m.add(s, CCM.reportsOn, iri[key])
        m.cite(s, [r for r in n.refs if (str(r.article), str(r.paragraph)) != n.provision[:2]])
        for key, number in n.extends:
            m.add(s, CCM.extendsDeadline, m.iris.deadline(iri[key], number))
        for key, number in n.before:
            own = next(i for i, d in enumerate(n.deadlines, 1) if d.kind == "before-deadline")
            m.add(m.iris.deadline(s, own), CCM.beforeExpiryOf, m.iris.deadline(iri[key], number))


def _provision(m: Mapper, p: Provision, doc: URIRef) -> None:
    s = m.iris.provision(p.path)
    label = provision_label(p.path) + (f": {p.title}" if p.title else "")
    m.entity(s, _PROVISION_CLASS[len(p.path) - 1], label, p.span)
    parent = m.iris.provision(p.path[:-1]) if len(p.path) > 1 else doc
    last = p.path[-1]
    m.part(s, parent, doc, int(last) if last.isdigit() else letter_order(last, is_roman=len(p.path) == 4))
    m.add(s, CCM.number, Literal(p.path[-1]))
    m.add(s, CCM.text, Literal(p.text, lang="en") if p.text else None)
    if p.title:
        m.add(s, CCM.title, Literal(p.title, lang="en"))
        m.source(s, p.title_span)
    own = p.path
    m.cite(s, [r for r in p.refs if (str(r.article),) + ((str(r.paragraph),) if r.paragraph else ()) != own])
