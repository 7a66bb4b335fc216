"""Records to triples: the one place where records become RDF.

Facts go to the asserted graph; where each resource was read (Web Annotation selectors into the
vendored files) goes to the provenance graph.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SDO

from .corpus import Corpus, org_key, state_code
from .iris import Iris
from .namespace import CCM
from .records import Action, ArticleRef, Deadline, Provision
from .sources import SourceText, Span
from .text import iso_date, title_case
from .text import roman as to_int

OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
ORG = Namespace("http://www.w3.org/ns/org#")
ONTOLOGY = URIRef("https://w3id.org/ccm/ontology")

PREFIXES = {
    "ccm": CCM._NS,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "foaf": FOAF,
    "org": ORG,
    "schema": SDO,
    "oa": OA,
    "time": TIME,
    "owl": OWL,
    "xsd": XSD,
}
_DEADLINE_CLASS = {
    "relative": CCM.RelativeDeadline,
    "meeting": CCM.MeetingDeadline,
    "calendar": CCM.CalendarDeadline,
    "recurring": CCM.RecurringDeadline,
}
_MODALITY_CLASS = {"duty": CCM.Duty, "prohibition": CCM.Prohibition, "permission": CCM.Permission}
_PLAN_NAME = {"vap": "Vientiane", "lap": "Lausanne"}
_QUOTE_CONTEXT = 32  # characters of oa:prefix and oa:suffix


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def _year(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.gYear)


class Mapper:
    def __init__(self, corpus: Corpus, iris: Iris) -> None:
        self.c = corpus
        self._provision_paths = {p.path for p in corpus.convention.provisions}
        self.i = iris
        self.g = Graph()
        self.prov = Graph()
        self._spans: set[Span] = set()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
            self.prov.bind(prefix, ns)

    # -- helpers -----------------------------------------------------------------
    def add(self, s: URIRef, p: URIRef, o: object) -> None:
        if o is None:
            return
        self.g.add((s, p, o if isinstance(o, (URIRef, Literal)) else Literal(o)))

    def entity(self, s: URIRef, cls: URIRef, label: str, *spans: Span) -> URIRef:
        self.g.add((s, RDF.type, cls))
        self.g.add((s, RDFS.label, Literal(label, lang="en")))
        for span in spans:
            self.source(s, span)
        return s

    def source(self, s: URIRef, span: Span) -> None:
        """s was read from span: a Web Annotation specific resource with quote and position selectors."""
        target = self.i.span(span.doc, span.start, span.end)
        self.prov.add((s, CCM.extractedFrom, target))
        if span in self._spans:
            return
        self._spans.add(span)
        src: SourceText = self.c.sources[span.doc]
        quote, position = URIRef(f"{target}#quote"), URIRef(f"{target}#position")
        p = self.prov
        p.add((target, RDF.type, OA.SpecificResource))
        p.add((target, RDFS.label, Literal(f"{src.path.name}, characters {span.start}-{span.end}")))
        p.add((target, OA.hasSource, self.i.source_file(span.doc)))
        p.add((target, OA.hasSelector, quote))
        p.add((target, OA.hasSelector, position))
        p.add((quote, RDF.type, OA.TextQuoteSelector))
        p.add((quote, OA.exact, Literal(src.quote(span))))
        p.add((quote, OA.prefix, Literal(src.text[max(0, span.start - _QUOTE_CONTEXT) : span.start])))
        p.add((quote, OA.suffix, Literal(src.text[span.end : span.end + _QUOTE_CONTEXT])))
        p.add((position, RDF.type, OA.TextPositionSelector))
        # xsd:integer, not the vocabulary's xsd:nonNegativeInteger: Oxigraph stores derived integer
        # types as xsd:integer, and the dumps should say what the endpoint answers
        p.add((position, OA.start, Literal(span.start, datatype=XSD.integer)))
        p.add((position, OA.end, Literal(span.end, datatype=XSD.integer)))

    def part(self, child: URIRef, parent: URIRef, document: URIRef, order: int | None = None) -> None:
        self.g.add((child, CCM.partOf, parent))
        self.g.add((child, CCM.inDocument, document))
        if order is not None:
            self.add(child, CCM.order, Literal(order))

    def cite(self, s: URIRef, refs: list[ArticleRef]) -> None:
        for ref in refs:
            path: tuple[str, ...] = (str(ref.article),)
            if ref.paragraph is not None:
                path += (str(ref.paragraph),)
                if ref.sub:
                    path += (ref.sub.lower(),)
            if path not in self._provision_paths:  # a paragraph the article does not have: cite the article
                path = path[:1]
            self.g.add((s, CCM.cites, self.i.provision(path)))
            if ref.paragraph_to is not None:
                for n in range(ref.paragraph + 1, ref.paragraph_to + 1):
                    self.g.add((s, CCM.cites, self.i.provision((str(ref.article), str(n)))))

    def deadlines(self, owner: URIRef, deadlines: list[Deadline]) -> None:
        for n, d in enumerate(deadlines, 1):
            node = self.i.deadline(owner, n)
            self.entity(node, _DEADLINE_CLASS[d.kind], d.text[0].upper() + d.text[1:], d.span)
            self.g.add((owner, CCM.hasDeadline, node))
            self.add(node, CCM.deadlineText, Literal(d.text))
            if d.duration:
                self.add(node, TIME.hasXSDDuration, Literal(d.duration, datatype=XSD.duration))
            if d.anchor:
                if d.kind == "meeting":  # "the next Meeting of States Parties or Review Conference"
                    event = self.i.anchor(re.sub(r"\W+", "-", d.anchor.lower()).strip("-"))
                else:
                    event = self.i.anchor(d.anchor)
                self.g.add((node, CCM.anchorEvent, event))
                label = d.anchor.replace("-", " ")
                self.entity(event, CCM.AnchorEvent, label[0].upper() + label[1:])
                self.g.add((event, SKOS.inScheme, self.i.scheme("events")))
            if d.meeting:
                self.g.add((node, CCM.atMeeting, self.i.meeting(d.meeting.key)))
            if d.year:
                self.add(node, CCM.year, _year(d.year))
            if d.month_day:
                self.add(node, CCM.dayOfYear, Literal(d.month_day, datatype=XSD.gMonthDay))

    def concept(self, s: URIRef, cls: URIRef, label: str, scheme: str, *spans: Span) -> URIRef:
        self.entity(s, cls, label, *spans)
        self.g.add((s, SKOS.prefLabel, Literal(label, lang="en")))
        self.g.add((s, SKOS.inScheme, self.i.scheme(scheme)))
        return s

    def category(self, label: str, *spans: Span) -> URIRef:
        return self.concept(self.i.category(label), CCM.ActorCategory, label, "actor-categories", *spans)

    def state(self, name: str, span: Span) -> URIRef:
        code = state_code(name, self.c.sources[span.doc], span)
        s = self.i.state(code)
        if (s, RDF.type, CCM.State) not in self.g:
            self.entity(s, CCM.State, name)
            self.add(s, CCM.iso3166, Literal(code))
        elif (s, RDFS.label, Literal(name, lang="en")) not in self.g:
            self.g.add((s, SKOS.altLabel, Literal(name, lang="en")))
        self.source(s, span)
        return s

    def organisation(self, name: str, acronym: str | None, span: Span) -> URIRef:
        s = self.i.org(org_key(name, acronym))
        # the Rules of Procedure name the United Nations' own bodies; their names say so
        cls = CCM.UNBody if "United Nations" in name else CCM.Organisation
        self.entity(s, cls, name, span)
        self.add(s, CCM.acronym, Literal(acronym) if acronym else None)
        return s

    # -- the documents ---------------------------------------------------------------
    def run(self) -> tuple[Graph, Graph]:
        self.source_files()
        self.convention()
        self.plans()
        self.declarations()
        self.report()
        self.meetings()
        self.themes()
        self.isu()
        return self.g, self.prov

    def source_files(self) -> None:
        for key, src in self.c.sources.items():
            f = self.i.source_file(key)
            self.prov.add((f, RDF.type, CCM.SourceFile))
            self.prov.add((f, RDF.type, PROV.Entity))
            self.prov.add((f, RDFS.label, Literal(src.path.name)))
            self.prov.add((f, CCM.fileName, Literal(src.path.name)))
            self.prov.add((f, CCM.sha256, Literal(src.sha256)))
            self.prov.add((f, DCTERMS.format, Literal("text/plain; charset=utf-8")))

    def convention(self) -> None:
        c = self.c.convention
        doc = self.i.convention()
        self.entity(doc, CCM.Treaty, "Convention on Cluster Munitions", c.title_span)
        self.add(doc, CCM.title, Literal("Convention on Cluster Munitions", lang="en"))
        self.add(doc, CCM.adopted, _date(c.adopted))
        self.add(doc, CCM.adoptedIn, Literal(c.adopted_place))
        self.add(doc, CCM.openedForSignature, _date(c.signed))
        self.add(doc, CCM.signedIn, Literal(c.signed_place))
        self.add(doc, CCM.entryIntoForce, _date(c.entry_into_force))
        self.source(doc, c.dates_span)
        for r in c.preamble:
            s = self.entity(self.i.recital(r.number), CCM.PreambleRecital, f"Preamble, recital {r.number}", r.span)
            self.part(s, doc, doc, r.number)
            self.add(s, CCM.text, Literal(r.text, lang="en"))
            self.add(s, CCM.number, Literal(str(r.number)))
        for p in c.provisions:
            self.provision(p, doc)
        for d in c.definitions:
            term = self.concept(self.i.term(d.term), CCM.DefinedTerm, d.term, "terms", d.span)
            self.add(term, SKOS.definition, Literal(d.text, lang="en"))
            self.add(term, CCM.definedIn, self.i.provision(("2", str(d.number))))
        for o in c.obligations:
            s = self.i.obligation(o.provision, o.index)
            many = sum(1 for x in c.obligations if x.provision == o.provision) > 1
            label = f"{o.modality.capitalize()}{f' {o.index}' if many else ''} of {_provision_label(o.provision)}"
            self.entity(s, _MODALITY_CLASS[o.modality], label, o.span)
            self.add(s, CCM.text, Literal(o.text, lang="en"))
            self.add(s, CCM.statedIn, self.i.provision(o.provision))
            if o.bearer:
                self.add(s, CCM.bearer, self.category(o.bearer, o.span))
            self.deadlines(s, o.deadlines)

    def provision(self, p: Provision, doc: URIRef) -> None:
        s = self.i.provision(p.path)
        cls = [CCM.Article, CCM.Paragraph, CCM.SubParagraph, CCM.Clause][len(p.path) - 1]
        label = _provision_label(p.path) + (f": {p.title}" if p.title else "")
        self.entity(s, cls, label, p.span)
        parent = self.i.provision(p.path[:-1]) if len(p.path) > 1 else doc
        last = p.path[-1]
        self.part(s, parent, doc, int(last) if last.isdigit() else _letter_order(last, roman=len(p.path) == 4))
        self.add(s, CCM.number, Literal(p.path[-1]))
        self.add(s, CCM.text, Literal(p.text, lang="en") if p.text else None)
        if p.title:
            self.add(s, CCM.title, Literal(p.title, lang="en"))
            self.source(s, p.title_span)
        self.cite(s, [r for r in p.refs if (str(r.article),) + ((str(r.paragraph),) if r.paragraph else ()) != p.path])

    def plans(self) -> None:
        vap, lap = self.c.vap, self.c.lap
        plan = self.i.plan("vap")
        self.entity(plan, CCM.ActionPlan, title_case(self.c.sources["002"].quote(vap.title_span)), vap.title_span)
        self.add(plan, CCM.title, Literal("Vientiane Action Plan", lang="en"))
        if vap.adopted:
            self.add(plan, CCM.adopted, _date(iso_date(*vap.adopted)))
        for sec in vap.sections:
            self.section(sec, plan)
        for p in vap.intro:
            self.intro(p, plan)
        for a in vap.actions:
            self.action(a, plan)
        plan = self.i.plan("lap")
        self.entity(plan, CCM.ActionPlan, self.c.sources["003"].quote(lap.title_span), lap.title_span)
        self.add(plan, CCM.title, Literal(self.c.sources["003"].quote(lap.title_span), lang="en"))
        if lap.period:
            self.add(plan, CCM.periodStart, _year(lap.period[0]))
            self.add(plan, CCM.periodEnd, _year(lap.period[1]))
        for sec in lap.sections:
            if sec.order != 1:
                self.section(sec, plan)
        for p in lap.intro:
            self.intro(p, plan)
        for a in lap.actions:
            self.action(a, plan)
        for ind in lap.indicators:
            s = self.i.indicator("lap", ind.action, ind.index)
            self.concept(
                s, CCM.Indicator, f"Indicator {ind.index} of Lausanne action {ind.action}", "indicators", ind.span
            )
            self.add(s, CCM.text, Literal(ind.text, lang="en"))
            self.add(s, CCM.indicatorOf, self.i.action("lap", ind.action))
            self.add(s, CCM.indicatorNumber, Literal(ind.index))

    def section(self, sec, plan: URIRef) -> None:  # noqa: ANN001 - records.Section
        s = self.i.section(sec.plan, sec.key)
        self.entity(s, CCM.PlanSection, sec.title, *sec.spans)
        self.add(s, CCM.title, Literal(sec.title, lang="en"))
        self.part(s, self.i.section(sec.plan, sec.parent) if sec.parent else plan, plan, sec.order)
        self.add(s, CCM.inPlan, plan)
        if sec.number is not None:
            self.add(s, CCM.number, Literal(str(sec.number)))
        if sec.description:
            self.add(s, CCM.description, Literal(sec.description, lang="en"))
            for span in sec.description_spans:
                self.source(s, span)
        if sec.title in self.c.themes:
            self.add(s, CCM.theme, self.i.theme(self.c.themes[sec.title].label))

    def intro(self, p, plan: URIRef) -> None:  # noqa: ANN001 - records.IntroParagraph
        s = self.i.intro(p.plan, p.number)
        self.entity(
            s,
            CCM.IntroductionParagraph,
            f"{_PLAN_NAME[p.plan]} Action Plan, introduction, paragraph {p.number}",
            *p.spans,
        )
        self.part(s, plan, plan, p.number)
        self.add(s, CCM.text, Literal(p.text, lang="en"))
        self.add(s, CCM.number, Literal(str(p.number)))

    def action(self, a: Action, plan: URIRef) -> None:
        s = self.i.action(a.plan, a.number)
        mark = "#" if a.plan == "vap" else ""
        self.entity(s, CCM.Action, f"{_PLAN_NAME[a.plan]} Action Plan, Action {mark}{a.number}", *a.spans)
        section = self.i.section(a.plan, a.section)
        self.add(s, CCM.inSection, section)
        self.add(s, CCM.inDocument, plan)
        self.add(s, CCM.inPlan, plan)
        self.add(s, CCM.actionNumber, Literal(a.number))
        self.add(s, CCM.order, Literal(a.number))
        self.add(s, CCM.text, Literal(a.text, lang="en"))
        self.add(s, CCM.chapeau, Literal(a.chapeau, lang="en") if a.chapeau else None)
        sec = next(x for x in (self.c.vap.sections if a.plan == "vap" else self.c.lap.sections) if x.key == a.section)
        if sec.title in self.c.themes:
            self.add(s, CCM.theme, self.i.theme(self.c.themes[sec.title].label))
        for label in a.addressees:
            self.add(s, CCM.addressee, self.category(label, *a.chapeau_spans))
        for item in a.items:
            it = self.entity(
                self.i.item(s, item.label),
                CCM.Item,
                f"{_PLAN_NAME[a.plan]} action {a.number}, item {item.label}",
                item.span,
            )
            self.part(it, s, plan, _letter_order(item.label))
            self.add(s, CCM.hasItem, it)
            self.add(it, CCM.number, Literal(item.label))
            self.add(it, CCM.text, Literal(item.text, lang="en"))
        for note in a.footnotes:
            self.add(s, CCM.footnote, Literal(note, lang="en"))
        for symbol in a.symbols:
            self.add(s, CCM.citesDocument, self.un_document(symbol, a.spans[0]))
        self.cite(s, a.refs)
        self.deadlines(s, a.deadlines)

    def un_document(self, symbol: str, span: Span, date: str | None = None) -> URIRef:
        s = self.i.symbol(symbol)
        self.entity(s, CCM.UNDocument, symbol, span)
        self.add(s, CCM.symbol, Literal(symbol))
        self.add(s, DCTERMS.date, _date(date) if date else None)
        return s

    def declarations(self) -> None:
        for decl in (self.c.vientiane, self.c.lausanne):
            doc = self.i.declaration(decl.key)
            label = f"{decl.key.capitalize()} Declaration"
            self.entity(doc, CCM.Declaration, label, decl.span)
            self.add(doc, CCM.title, Literal(decl.title, lang="en"))
            self.add(doc, CCM.adopted, _date(decl.adopted) if decl.adopted else None)
            for p in decl.paragraphs:
                s = self.i.declaration_paragraph(decl.key, p.number)
                self.entity(s, CCM.DeclarationParagraph, f"{label}, paragraph {p.number}", p.span)
                self.part(s, doc, doc, p.number)
                self.add(s, CCM.number, Literal(str(p.number)))
                self.add(s, CCM.text, Literal(p.text, lang="en"))
                self.add(s, SKOS.note, Literal(p.heading, lang="en") if p.heading else None)
                for item in p.items:
                    it = self.entity(
                        self.i.item(s, item.label), CCM.Item, f"{label}, paragraph {p.number} ({item.label})", item.span
                    )
                    self.part(it, s, doc, _letter_order(item.label))
                    self.add(s, CCM.hasItem, it)
                    self.add(it, CCM.number, Literal(item.label))
                    self.add(it, CCM.text, Literal(item.text, lang="en"))
                for n, f in enumerate(p.figures, 1):
                    fig = self.entity(self.i.figure(s, n), CCM.Figure, f.text, f.span)
                    self.add(s, CCM.statesFigure, fig)
                    self.add(
                        fig, SDO.value, Literal(f.value, datatype=XSD.decimal if isinstance(f.value, Decimal) else None)
                    )
                    self.add(fig, SDO.unitText, Literal(f.unit))
                    self.add(fig, CCM.text, Literal(f.text, lang="en"))
                    self.add(fig, CCM.qualifier, Literal(f.qualifier) if f.qualifier else None)
            # the meeting a declaration says it was adopted at: "gathered ... for the First Meeting"
            first = decl.paragraphs[0].text
            for key, m in self.c.meetings.items():
                if (
                    m.number
                    and m.kind in ("msp", "rc")
                    and re.search(rf"for (?:the|its) {re.escape(m.label)}", first, re.I)
                ):
                    self.add(doc, CCM.adoptedAt, self.i.meeting(key))

    def report(self) -> None:
        r = self.c.report
        doc = self.i.report("1msp")
        self.entity(doc, CCM.MeetingReport, r.title, r.title_span)
        self.add(doc, CCM.title, Literal(r.title, lang="en"))
        annexes = {"I": self.i.declaration("vientiane"), "II": self.i.plan("vap")}
        for p in r.paragraphs:
            s = self.i.report_paragraph("1msp", p.number)
            decision = p.section.startswith("DECISIONS")
            self.entity(
                s,
                CCM.Decision if decision else CCM.ReportParagraph,
                f"Final Document of the First Meeting, paragraph {p.number}",
                p.span,
            )
            self.part(s, doc, doc, p.number)
            self.add(s, CCM.number, Literal(str(p.number)))
            self.add(s, CCM.text, Literal(p.text, lang="en"))
            self.add(s, SKOS.note, Literal(title_case(p.section), lang="en"))
            if decision:
                self.add(s, CCM.decidedAt, self.i.meeting("1msp"))
                for m in re.finditer(r"\b(?:adopted|and) the ([A-Z][\w ]+?), as contained in Annex (I+)\b", p.text):
                    if m.group(2) in annexes:
                        self.add(annexes[m.group(2)], CCM.adoptedAt, self.i.meeting("1msp"))
                        self.source(annexes[m.group(2)], p.span)
            for symbol in p.symbols:
                date = next((x.date for x in r.symbols if x.symbol == symbol), None)
                self.add(s, CCM.citesDocument, self.un_document(symbol, p.span, date))
            self.cite(s, p.refs)
        meeting = self.i.meeting("1msp")
        for part in r.participations:
            agent = (
                self.state(part.name, part.span)
                if part.kind == "state"
                else self.organisation(part.name, part.acronym, part.span)
            )
            s = self.i.participation(part.meeting, agent)
            name = self.g.value(agent, RDFS.label)
            self.entity(
                s, CCM.Participation, f"{name} at the First Meeting of States Parties ({part.status})", part.span
            )
            self.add(s, CCM.participant, agent)
            self.add(s, CCM.inMeeting, self.i.meeting(part.meeting))
            self.add(agent, CCM.attended, self.i.meeting(part.meeting))
            status = self.concept(
                self.i.status(part.status), CCM.ParticipationStatus, part.status, "participation-statuses"
            )
            self.add(s, CCM.participationStatus, status)
            self.add(s, CCM.underRule, Literal(part.rule) if part.rule else None)
        for o in r.offices:
            s = self.i.office(o.meeting, o.role, o.topic)
            meeting_label = self.c.meetings[o.meeting].label
            label = f"{o.role} of the {meeting_label}" + (f" on {o.topic}" if o.topic else "")
            self.entity(s, CCM.Office, label, o.span)
            self.add(s, CCM.officeAt, self.i.meeting(o.meeting))
            self.add(s, CCM.role, self.concept(self.i.role(o.role), CCM.Role, o.role, "roles"))
            if o.topic:
                self.add(s, CCM.topic, self.i.theme(self.c.themes[o.topic].label))
            if o.holder_kind == "state":
                holder = self.state(o.holder, o.span)
            else:
                holder = self.person(o.person)
            self.add(s, CCM.heldBy, holder)
            if o.role == "President" and o.holder_kind == "person":
                self.add(self.i.meeting(o.meeting), CCM.president, holder)
        for person in r.speakers:
            self.add(self.person(person), CCM.spokeAt, meeting)

    def person(self, person) -> URIRef:  # noqa: ANN001 - records.Person
        s = self.entity(self.i.person(person.name), CCM.Person, person.name, person.span)
        self.add(s, FOAF.name, Literal(person.name))
        self.add(s, CCM.honorific, Literal(person.honorific) if person.honorific else None)
        self.add(s, CCM.position, Literal(person.description, lang="en") if person.description else None)
        return s

    def meetings(self) -> None:
        classes = {
            "msp": CCM.MeetingOfStatesParties,
            "rc": CCM.ReviewConference,
            "preparatory": CCM.PreparatoryMeeting,
            "intersessional": CCM.IntersessionalMeeting,
        }
        for key, m in self.c.meetings.items():
            s = self.entity(self.i.meeting(key), classes[m.kind], m.label, *m.spans)
            self.add(s, CCM.meetingNumber, Literal(m.number) if m.number else None)
            self.add(s, SDO.startDate, _date(m.start) if m.start else None)
            self.add(s, SDO.endDate, _date(m.end) if m.end else None)
            self.add(s, CCM.year, _year(m.year) if m.year else None)
            self.add(s, CCM.place, Literal(m.place) if m.place else None)
            if m.country:
                self.add(s, CCM.hostCountry, self.state(m.country, m.spans[0]))

    def themes(self) -> None:
        for group in {id(g): g for g in self.c.themes.values()}.values():
            s = self.concept(self.i.theme(group.label), CCM.Theme, group.label, "themes", *group.spans)
            for label in group.labels:
                if label != group.label:
                    self.g.add((s, SKOS.altLabel, Literal(label, lang="en")))

    def isu(self) -> None:
        isu = self.c.isu
        s = self.entity(self.i.org("isu"), CCM.ImplementationSupportUnit, isu.name, isu.span, isu.mandate_span)
        self.add(s, CCM.acronym, Literal("ISU"))
        self.add(s, SDO.address, Literal(isu.address) if isu.address else None)
        if isu.address_span:
            self.source(s, isu.address_span)
        self.add(s, SDO.telephone, Literal(isu.telephone) if isu.telephone else None)
        self.add(s, SDO.email, Literal(isu.email) if isu.email else None)
        self.add(s, FOAF.homepage, URIRef(isu.homepage) if isu.homepage else None)
        mandate = self.entity(
            URIRef(f"{s}/mandate"), CCM.Document, "Mandate of the Implementation Support Unit", isu.mandate_span
        )
        for item in isu.mandate:
            it = self.entity(
                URIRef(f"{mandate}/{item.index}"),
                CCM.MandateItem,
                f"Mandate of the Implementation Support Unit, task {item.index}",
                item.span,
            )
            self.part(it, mandate, mandate)
            self.add(s, CCM.mandate, it)
            self.add(it, CCM.number, Literal(str(item.index)))
            self.add(it, CCM.order, Literal(item.index))
            self.add(it, CCM.text, Literal(item.text, lang="en"))


def _letter_order(label: str, roman: bool = False) -> int:
    return to_int(label.upper()) if roman else ord(label.lower()) - ord("a") + 1


def _provision_label(path: tuple[str, ...]) -> str:
    label = f"Article {path[0]}"
    if len(path) > 1:
        label += f", paragraph {path[1]}"
    for sub in path[2:]:
        label += f" ({sub})"
    return label


def to_graphs(corpus: Corpus, iris: Iris) -> tuple[Graph, Graph]:
    """The asserted graph and the provenance graph of a corpus."""
    return Mapper(corpus, iris).run()
