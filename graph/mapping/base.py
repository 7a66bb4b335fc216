"""The toolkit every document kind's mapping writes triples with: typed, labelled entities with
their sources, document parts, citations, time limits, concepts, states and organisations."""

from __future__ import annotations

import re

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF

from ..parse.actors import category_label, state_code
from ..parse.records import ActionItem, ArticleRef, Condition, Corpus, Deadline, Norm, Person
from ..sources import Span
from ..sources.text import roman, slug
from ..vocab import CCM, PREFIXES, TIME, Iris
from .provenance import Provenance

_DEADLINE_CLASS = {
    "relative": CCM.RelativeDeadline,
    "meeting": CCM.MeetingDeadline,
    "calendar": CCM.CalendarDeadline,
    "recurring": CCM.RecurringDeadline,
    "lead-time": CCM.LeadTime,
    "before-deadline": CCM.BeforeExpiry,
    "cap": CCM.MaximumDuration,
    "minimum-interval": CCM.MinimumInterval,
    "immediately-after": CCM.ImmediatelyAfter,
    "month-start": CCM.MonthStartRule,
    "not-before": CCM.NotBefore,
}
PLAN_NAME = {"vap": "Vientiane", "lap": "Lausanne"}
SCHEME_LABELS = {
    "events": "Events time limits count from",
    "actor-categories": "Actor categories",
    "terms": "Terms defined by Article 2",
    "indicators": "Indicators of the Lausanne Action Plan",
    "themes": "Themes",
    "roles": "Roles at meetings",
    "participation-statuses": "Participation statuses",
    "strengths": "How strongly a norm or commitment binds",
    "chapeau-verbs": "The verbs of the action plans' chapeaux",
    "commitment-profile": "What makes a commitment checkable",
    "rule-kinds": "Kinds of constitutive rule",
    "condition-kinds": "Kinds of condition",
    "decision-kinds": "Kinds of meeting decision",
    "instrument-kinds": "Kinds of external instrument",
    "situations": "Situations a duty binds a State only in",
    "review-decisions": "Decisions of a lineage review",
}


def date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def year(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.gYear)


def letter_order(label: str, is_roman: bool = False) -> int:
    """The position of an item by its label: 'c' -> 3, 'iv' -> 4 when `is_roman`."""
    return roman(label.upper()) if is_roman else ord(label.lower()) - ord("a") + 1


def provision_label(path: tuple[str, ...]) -> str:
    label = f"Article {path[0]}"
    if len(path) > 1:
        label += f", paragraph {path[1]}"
    for sub in path[2:]:
        label += f" ({sub})"
    return label


class Mapper:
    """The asserted graph and its provenance, and the helpers that write both."""

    def __init__(self, corpus: Corpus, iris: Iris) -> None:
        self.corpus = corpus
        self.iris = iris
        self.graph = Graph()
        prov = Graph()
        for prefix, ns in PREFIXES.items():
            self.graph.bind(prefix, ns)
            prov.bind(prefix, ns)
        self.provenance = Provenance(corpus.sources, iris, prov)
        self._provision_paths = {p.path for p in corpus.convention.provisions}
        self._schemes: set[str] = set()  # the concept schemes a concept was put in

    def add(self, s: URIRef, p: URIRef, o: object) -> None:
        """One statement; a None object states nothing, a plain value becomes a literal."""
        if o is None:
            return
        self.graph.add((s, p, o if isinstance(o, (URIRef, Literal)) else Literal(o)))

    def source(self, s: URIRef, span: Span) -> None:
        self.provenance.source(s, span)

    def entity(self, s: URIRef, cls: URIRef, label: str, *spans: Span) -> URIRef:
        self.graph.add((s, RDF.type, cls))
        self.graph.add((s, RDFS.label, Literal(label, lang="en")))
        for span in spans:
            self.source(s, span)
        return s

    def part(self, child: URIRef, parent: URIRef, document: URIRef, order: int | None = None) -> None:
        self.graph.add((child, CCM.partOf, parent))
        self.graph.add((child, CCM.inDocument, document))
        if order is not None:
            self.add(child, CCM.order, Literal(order))

    def statement(self, n: Norm) -> URIRef:
        """The IRI of one of the Convention's statements: a norm, or a constitutive rule."""
        return self.iris.rule(n.provision, n.index) if n.kind == "rule" else self.iris.obligation(n.provision, n.index)

    def cite(self, s: URIRef, refs: list[ArticleRef]) -> None:
        for ref in refs:
            path: tuple[str, ...] = (str(ref.article),)
            if ref.paragraph is not None:
                path += (str(ref.paragraph),)
                if ref.sub:
                    path += (ref.sub.lower(),)
            if path not in self._provision_paths:  # a paragraph the article does not have: cite the article
                path = path[:1]
            self.graph.add((s, CCM.cites, self.iris.provision(path)))
            if ref.paragraph_to is not None:
                for n in range(ref.paragraph + 1, ref.paragraph_to + 1):
                    self.graph.add((s, CCM.cites, self.iris.provision((str(ref.article), str(n)))))

    def deadlines(self, owner: URIRef, deadlines: list[Deadline]) -> None:
        for n, d in enumerate(deadlines, 1):
            node = self.iris.deadline(owner, n)
            self.entity(node, _DEADLINE_CLASS[d.kind], d.text[0].upper() + d.text[1:], d.span)
            self.graph.add((owner, CCM.hasDeadline, node))
            self.add(node, CCM.deadlineText, Literal(d.text))
            if d.duration:  # how long, or, for a recurring limit, how often
                length = CCM.recursEvery if d.kind == "recurring" else TIME.hasXSDDuration
                self.add(node, length, Literal(d.duration, datatype=XSD.duration))
            if d.anchor:
                if d.kind == "meeting":  # "the next Meeting of States Parties or Review Conference"
                    event = self.iris.anchor(re.sub(r"\W+", "-", d.anchor.lower()).strip("-"))
                else:
                    event = self.iris.anchor(d.anchor)
                self.graph.add((node, CCM.anchorEvent, event))
                label = d.anchor.replace("-", " ")
                self.concept(event, CCM.AnchorEvent, label[0].upper() + label[1:], "events")
            if d.meeting:
                self.graph.add((node, CCM.atMeeting, self.iris.meeting(d.meeting.key)))
            if d.year:
                self.add(node, CCM.year, year(d.year))
            if d.month_day:
                self.add(node, CCM.dayOfYear, Literal(d.month_day, datatype=XSD.gMonthDay))
            if d.applies_to:  # "(or within two years of entry into force for new States Parties)"
                self.graph.add((node, CCM.appliesTo, self.narrowed_category(d.applies_to, d.span)))

    def concept(self, s: URIRef, cls: URIRef, label: str, scheme: str, *spans: Span) -> URIRef:
        self.entity(s, cls, label, *spans)
        self.graph.add((s, SKOS.prefLabel, Literal(label, lang="en")))
        self.graph.add((s, SKOS.inScheme, self.iris.scheme(scheme)))
        self._schemes.add(scheme)
        return s

    def schemes(self) -> None:
        """Every concept scheme a concept is in, described: its type, label and (flat) top concepts."""
        for name in sorted(self._schemes):
            scheme = self.iris.scheme(name)
            label = SCHEME_LABELS.get(name, name.replace("-", " ").capitalize())
            self.graph.add((scheme, RDF.type, SKOS.ConceptScheme))
            self.graph.add((scheme, RDFS.label, Literal(label, lang="en")))
            self.graph.add((scheme, SKOS.prefLabel, Literal(label, lang="en")))
            for concept in self.graph.subjects(SKOS.inScheme, scheme):
                if (concept, SKOS.broader, None) not in self.graph:
                    self.graph.add((scheme, SKOS.hasTopConcept, concept))

    def keyword(self, scheme: str, key: str) -> URIRef:
        """A concept of a small scheme the texts' wording gives: strengths, kinds of rule, condition,
        decision and instrument ('best-efforts': 'Best efforts')."""
        return self.concept(self.iris.concept(scheme, key), SKOS.Concept, key.replace("-", " ").capitalize(), scheme)

    def conditions(self, owner: URIRef, conditions: list[Condition], of: str) -> None:
        """The conditions a statement or decision holds on, each its own resource with its words and limits."""
        for i, cond in enumerate(conditions, 1):
            node = self.entity(self.iris.condition(owner, i), CCM.Condition, f"Condition {i} of {of}", cond.span)
            self.graph.add((owner, CCM.hasCondition, node))
            self.add(node, CCM.text, Literal(cond.text, lang="en"))
            self.add(node, CCM.conditionKind, self.keyword("condition-kinds", cond.kind))
            self.deadlines(node, cond.deadlines)

    def category(self, label: str, *spans: Span) -> URIRef:
        return self.concept(self.iris.category(label), CCM.ActorCategory, label, "actor-categories", *spans)

    def narrowed_category(self, label: str, *spans: Span) -> URIRef:
        """An actor category; one the text narrows from the States Parties ('New States Parties', 'States
        Parties retaining ...') is skos:narrower than all States Parties."""
        s = self.category(label, *spans)
        everyone = category_label("States Parties")
        if label != everyone and re.search(r"\bStates?\s+Part(?:y|ies)\b", label):
            self.graph.add((s, SKOS.broader, self.category(everyone)))
        return s

    def theme_of(self, heading: str) -> URIRef | None:
        """The theme a section heading or topic names, if it names one."""
        group = self.corpus.themes.get(heading)
        return self.iris.theme(group.label) if group else None

    def state(self, name: str, span: Span) -> URIRef:
        code = state_code(name, self.corpus.sources[span.doc], span)
        s = self.iris.state(code)
        if (s, RDF.type, CCM.State) not in self.graph:
            self.entity(s, CCM.State, name)
            self.add(s, CCM.iso3166, Literal(code))
        elif (s, RDFS.label, Literal(name, lang="en")) not in self.graph:
            self.graph.add((s, SKOS.altLabel, Literal(name, lang="en")))
        self.source(s, span)
        return s

    def organisation(self, name: str, acronym: str | None, span: Span) -> URIRef:
        s = self.iris.org(acronym.lower() if acronym else slug(name))
        # the Rules of Procedure name the United Nations' own bodies; their names say so
        cls = CCM.UNBody if "United Nations" in name else CCM.Organisation
        self.entity(s, cls, name, span)
        self.add(s, CCM.acronym, Literal(acronym) if acronym else None)
        return s

    def person(self, person: Person) -> URIRef:
        s = self.entity(self.iris.person(person.name), CCM.Person, person.name, person.span)
        self.add(s, FOAF.name, Literal(person.name))
        self.add(s, CCM.honorific, Literal(person.honorific) if person.honorific else None)
        self.add(s, CCM.position, Literal(person.description, lang="en") if person.description else None)
        return s

    def un_document(self, symbol: str, span: Span, when: str | None = None) -> URIRef:
        s = self.iris.symbol(symbol)
        self.entity(s, CCM.UNDocument, symbol, span)
        self.add(s, CCM.symbol, Literal(symbol))
        self.add(s, DCTERMS.date, date(when) if when else None)
        return s

    def items(self, owner: URIRef, document: URIRef, items: list[ActionItem], label: str) -> None:
        """Lettered items of an action or a paragraph: `label` is the owner's, '(a)' is added."""
        for item in items:
            it = self.entity(self.iris.item(owner, item.label), CCM.Item, label.format(item.label), item.span)
            self.part(it, owner, document, letter_order(item.label))
            self.add(owner, CCM.hasItem, it)
            self.add(it, CCM.number, Literal(item.label))
            self.add(it, CCM.text, Literal(item.text, lang="en"))
