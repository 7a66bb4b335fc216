"""Plain records the parsers produce: what the documents say, before any RDF. All of them, here.

Every record carries the spans of text it came from. A record seen in several
documents (the Vientiane Action Plan is in three files) is one record with several spans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ..sources import SourceText, Span


@dataclass(frozen=True)
class MeetingRef:
    """A meeting named in the text: 'the Eleventh Meeting of States Parties in 2022'."""

    kind: str  # "msp" (Meeting of States Parties) or "rc" (Review Conference)
    number: int
    year: int | None = None

    @property
    def key(self) -> str:
        return f"{self.number}{self.kind}"


@dataclass(frozen=True)
class Deadline:
    """A time limit as stated: relative to an event, at a meeting, in a year, or recurring."""

    # relative (after an event) | lead-time (before one) | before-deadline | cap (longest allowed) |
    # minimum-interval | immediately-after | month-start | not-before | meeting | calendar | recurring
    kind: str
    text: str
    span: Span
    duration: str | None = None  # xsd:duration, for relative limits
    anchor: str | None = None  # the event a relative limit counts from
    meeting: MeetingRef | None = None
    year: int | None = None
    month_day: str | None = None  # xsd:gMonthDay, for "30 April of each year"
    paragraph: str | None = None  # "prior to the expiry of the time period referred to in paragraph 1"
    applies_to: str | None = None  # "(or within two years of entry into force for new States Parties)"


@dataclass(frozen=True)
class ArticleRef:
    """A citation of the Convention: Article 4, Article 4, paragraph 1, Article 3.6, Article 4.1 (a)."""

    article: int
    paragraph: int | None = None
    sub: str | None = None
    paragraph_to: int | None = None  # "paragraphs 5 to 8"


@dataclass
class Provision:
    """An article, numbered paragraph, lettered sub-paragraph or roman item of the Convention."""

    path: tuple[str, ...]  # ("4",), ("4", "1"), ("4", "1", "a"), ("2", "2", "c", "i")
    text: str
    span: Span
    title: str | None = None
    title_span: Span | None = None
    refs: list[ArticleRef] = field(default_factory=list)


@dataclass
class PreambleRecital:
    number: int
    text: str
    span: Span


@dataclass
class Definition:
    number: int
    term: str
    text: str
    span: Span


@dataclass
class Condition:
    """What a norm depends on: 'in a position to do so', 'If a State Party believes ...', 'unless ...'."""

    kind: str  # capacity | jurisdiction | circumstance | temporal | qualifier | conformity | voting | proviso
    text: str
    span: Span
    deadlines: list[Deadline] = field(default_factory=list)  # a limit the condition restates


NormKey = tuple[tuple[str, ...], str, int]  # (provision path, "norm" | "rule", index)


@dataclass
class Norm:
    """A statement of the Convention: a duty, a prohibition or a permission, or a constitutive rule."""

    provision: tuple[str, ...]
    index: int
    kind: str  # duty | prohibition | permission | recommendation | rule
    bearers: list[str]  # actor category labels, as normalised by actors.category_label
    text: str
    span: Span
    deadlines: list[Deadline] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    beneficiaries: list[str] = field(default_factory=list)
    strength: str | None = None  # firm | qualified | best-efforts | recommended
    rule_kind: str | None = None  # for a rule: definition | scope | entry-into-force | legal-effect | ...
    reporting: bool = False
    reporting_period: str | None = None
    required_items: list[tuple[str, ...]] = field(default_factory=list)
    refs: list[ArticleRef] = field(default_factory=list)
    own_text: str | None = None  # an item's own words, without the chapeau it completes
    requires: str | None = None  # what it requires, as a verb phrase: "destroy or ensure the destruction of ..."
    exception_to: list[NormKey] = field(default_factory=list)
    limits: list[NormKey] = field(default_factory=list)
    updates: list[NormKey] = field(default_factory=list)
    extends: list[tuple[NormKey, int]] = field(default_factory=list)  # (norm, its deadline's number)
    before: list[tuple[NormKey, int]] = field(default_factory=list)
    renews: list[NormKey] = field(default_factory=list)
    regulates: list[NormKey] = field(default_factory=list)  # "A request ... shall be submitted": the request's norm
    caps: list[NormKey] = field(default_factory=list)  # "shall not exceed ...": the permission it sets a ceiling on
    reports_on: list[NormKey] = field(default_factory=list)  # the exceptions whose use a report is owed for

    @property
    def key(self) -> NormKey:
        return (self.provision, "rule" if self.kind == "rule" else "norm", self.index)


@dataclass
class Section:
    plan: str  # "vap" | "lap"
    key: str  # IRI path below the plan: "8", "8/compliance", "victim-assistance"
    order: int  # position in the plan
    title: str
    spans: list[Span]
    number: int | None = None  # the roman numeral's value, where the section has one
    parent: str | None = None
    description: str | None = None  # the paragraphs that open the section, before its actions
    description_spans: list[Span] = field(default_factory=list)


@dataclass
class ActionItem:
    label: str  # "a", "A", "i"
    text: str
    span: Span


@dataclass
class Commitment:
    """One commitment of an action, at the grain of its wording: a sentence, or the part of a sentence
    that carries a force of its own ("..., as well as encourage their participation ...")."""

    plan: str
    action: int
    index: int  # 1.. in reading order within the action
    text: str
    spans: list[Span]  # the same words in every printing of the action
    strength: str  # firm | qualified | best-efforts | recommended | encouraging
    addressees: list[str]  # the actor categories it binds: its own subject's, else the chapeau's
    force: str  # the words that set its force: "should", "will seek to", "Endeavour to", ...
    own_subject: bool = False  # it names whom it binds ("They will report", "the President will")
    qualifiers: list[str] = field(default_factory=list)  # "where possible", "as appropriate", ...
    deadlines: list[Deadline] = field(default_factory=list)  # those of its action's that its words state
    refs: list[ArticleRef] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)
    measurable: list[str] = field(default_factory=list)  # the words that make it checkable: a number, a date
    themes: list[str] = field(default_factory=list)  # themes it names in its own words


@dataclass
class Action:
    plan: str
    number: int
    text: str
    section: str
    addressees: list[str]
    spans: list[Span]
    chapeau: str | None = None
    chapeau_spans: list[Span] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    refs: list[ArticleRef] = field(default_factory=list)
    items: list[ActionItem] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)
    chapeau_verb: str | None = None  # the chapeau's own verb: "will", "will seek to", "should"
    commitments: list[Commitment] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # themes its commitments name, beside its section's
    table_text: str | None = None  # the indicator table's wording, where it differs from the plan's
    table_span: Span | None = None


@dataclass
class Indicator:
    plan: str
    action: int
    index: int
    text: str
    span: Span


@dataclass
class IntroParagraph:
    """A numbered paragraph of a plan's introduction."""

    plan: str
    number: int
    text: str
    spans: list[Span]
    footnotes: list[str] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)


@dataclass
class Figure:
    """A quantity a declaration states: '178 million sub-munitions'."""

    value: Decimal
    unit: str
    text: str
    span: Span
    qualifier: str | None = None  # "nearly", "more than"
    provisional: bool = False  # "[46] States": printed in brackets, to be confirmed


@dataclass
class DeclarationParagraph:
    declaration: str  # "vientiane" | "lausanne"
    number: int
    text: str
    span: Span
    heading: str | None = None
    items: list[ActionItem] = field(default_factory=list)
    places: list[tuple[str, Span]] = field(default_factory=list)  # States it names as places: "in Syria"
    conflicts: list[tuple[str, Span]] = field(default_factory=list)  # "during the Nagorno-Karabakh conflict"
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Declaration:
    key: str
    title: str
    span: Span
    adopted: str | None = None  # xsd:date
    paragraphs: list[DeclarationParagraph] = field(default_factory=list)


@dataclass
class Meeting:
    key: str  # "1msp", "2msp", "1msp-preparatory", ...
    label: str
    spans: list[Span]
    kind: str | None = None  # msp | rc | preparatory | intersessional
    number: int | None = None
    start: str | None = None  # xsd:date
    end: str | None = None
    year: int | None = None
    place: str | None = None
    country: str | None = None
    country_span: Span | None = None  # where the host country is named (not the meeting's first mention)


@dataclass
class Person:
    name: str
    honorific: str | None
    description: str | None
    span: Span


@dataclass
class Office:
    """A post at a meeting and who held it: a person, a state or an organisation."""

    meeting: str
    role: str  # President, Vice-President, Friend of the President, ...
    holder: str  # a person's name, a state's name or an organisation's name
    holder_kind: str  # person | state | organisation
    span: Span
    topic: str | None = None
    person: Person | None = None


@dataclass
class Participation:
    meeting: str
    name: str
    kind: str  # state | organisation
    status: str  # the status stated by the report
    span: Span
    acronym: str | None = None
    rule: str | None = None  # "Rule 1(2)" of the Rules of Procedure


@dataclass
class ReportParagraph:
    number: int
    section: str
    text: str
    span: Span
    symbols: list[str] = field(default_factory=list)
    refs: list[ArticleRef] = field(default_factory=list)


@dataclass
class DecisionAct:
    """One thing a meeting decided, adopted, recommended, encouraged, welcomed or considered."""

    paragraph: int
    index: int
    kind: str  # adopt | recommend | decide | hold | designate | invite | encourage | welcome | consider | take-note
    text: str
    span: Span
    symbols: list[str] = field(default_factory=list)
    annexes: list[str] = field(default_factory=list)  # "as contained in Annex I"
    meetings: list[str] = field(default_factory=list)  # the keys of the meetings it concerns
    persons: list[str] = field(default_factory=list)
    place: str | None = None
    start: str | None = None  # xsd:date, for a meeting it decides to hold
    end: str | None = None
    conditions: list[Condition] = field(default_factory=list)


@dataclass
class LineageReview:
    """One reviewed lineage decision (005): a Lausanne action, the Vientiane action it carries on or none."""

    row: int  # the CSV record (the header is record 1)
    lausanne: int
    vientiane: int | None  # None: no Vientiane action continues it
    decision: str  # added | confirmed | rejected | new
    relation: str | None
    lausanne_quote: str
    vientiane_quote: str
    reviewer: str
    date: dt.date
    note: str
    cells: dict[str, StatusCell]


@dataclass
class DocumentSymbol:
    symbol: str
    span: Span
    date: str | None = None


@dataclass
class Theme:
    label: str
    span: Span


@dataclass
class MandateItem:
    index: int
    text: str
    span: Span


@dataclass(frozen=True)
class StatusCell:
    """One cell of the status table: its text, where it is, and its row and column as RFC 7111
    numbers them (from 1, the header line being row 1)."""

    value: str
    span: Span
    row: int
    column: int


@dataclass
class StatusRow:
    """A participant as the depositary lists it."""

    number: int  # the data row, 1 for the first after the header
    state: str  # as the UN page writes it
    iso3: str
    span: Span
    cells: dict[str, StatusCell]
    signature: dt.date | None = None
    consent: dt.date | None = None  # the deposit of the instrument
    consent_type: str | None = None  # ratification | acceptance | approval | accession | succession
    withdrawal: dt.date | None = None  # the deposit of the instrument of withdrawal
    provisional: dt.date | None = None  # provisional application of Article 1 (Article 18)
    provisional_scope: tuple[str, ...] | None = None  # the provision applied provisionally: ('1', '1', 'a')
    notes: str | None = None


# -- what one parser gives for one document ----------------------------------------


@dataclass
class StatusTable:
    """The depositary's status table: its rows, as of a date, from an address."""

    key: str  # the source file's
    rows: list[StatusRow] = field(default_factory=list)
    as_of: dt.date | None = None
    address: str | None = None


@dataclass
class ConventionRecords:
    """The Convention as the Lausanne booklet prints it."""

    title_span: Span
    adopted: str | None = None  # xsd:date, "Adopted on 30 May 2008 in Dublin, Ireland"
    adopted_place: str | None = None
    signed: str | None = None
    signed_place: str | None = None
    entry_into_force: str | None = None
    dates_span: Span | None = None
    preamble: list[PreambleRecital] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    norms: list[Norm] = field(default_factory=list)


@dataclass
class VapCopy:
    """One printing of the plan, as parsed."""

    src: SourceText
    intro: list[IntroParagraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    title_span: Span | None = None
    adopted: tuple[int, str, int] | None = None
    # "actions to be undertaken prior to the First Review Conference": the plan's span, in its own words
    undertaken_before: MeetingRef | None = None
    undertaken_before_spans: list[Span] = field(default_factory=list)


@dataclass
class LapRecords:
    title_span: Span
    intro: list[IntroParagraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    period: tuple[int, int] | None = None  # "for the period 2021-26"


@dataclass
class ReportRecords:
    title: str
    title_span: Span
    paragraphs: list[ReportParagraph] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    speakers: list[Person] = field(default_factory=list)
    symbols: list[DocumentSymbol] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    decisions: list[DecisionAct] = field(default_factory=list)


@dataclass
class IsuRecords:
    name: str
    span: Span
    mandate_span: Span
    mandate: list[MandateItem] = field(default_factory=list)
    address: str | None = None
    address_span: Span | None = None
    telephone: str | None = None
    email: str | None = None
    homepage: str | None = None


@dataclass
class ThemeGroup:
    """A theme and every heading or topic that names it."""

    label: str
    labels: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass
class Corpus:
    """Every document's records, with what several documents state merged into one record."""

    sources: dict[str, SourceText]
    convention: ConventionRecords
    vap: VapCopy
    lap: LapRecords
    report: ReportRecords
    vientiane: Declaration
    lausanne: Declaration
    isu: IsuRecords
    status: StatusTable  # the latest table
    older_status: list[StatusTable]  # earlier tables: sources too, where they agree with the latest
    meetings: dict[str, Meeting]
    themes: dict[str, ThemeGroup]  # heading or topic (as printed) -> its theme
    reviews: list[LineageReview] = field(default_factory=list)  # reviewed lineage decisions, every file's
