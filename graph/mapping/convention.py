"""The Convention: the treaty, its preamble, provisions, defined terms and obligations."""

from __future__ import annotations

from rdflib import SKOS, Literal, URIRef

from ..parse.records import Provision
from ..vocab import CCM
from .base import Mapper, date, letter_order, provision_label

_MODALITY_CLASS = {"duty": CCM.Duty, "prohibition": CCM.Prohibition, "permission": CCM.Permission}
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
    for o in c.obligations:
        s = m.iris.obligation(o.provision, o.index)
        many = sum(1 for x in c.obligations if x.provision == o.provision) > 1
        label = f"{o.modality.capitalize()}{f' {o.index}' if many else ''} of {provision_label(o.provision)}"
        m.entity(s, _MODALITY_CLASS[o.modality], label, o.span)
        m.add(s, CCM.text, Literal(o.text, lang="en"))
        m.add(s, CCM.statedIn, m.iris.provision(o.provision))
        if o.bearer:
            m.add(s, CCM.bearer, m.category(o.bearer, o.span))
        m.deadlines(s, o.deadlines)


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
