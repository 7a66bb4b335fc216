"""The Final Document of the First Meeting of States Parties (002), sections I-IV: the meetings it
names, who took part and in what status, the officers, the decisions and the documents cited."""

from __future__ import annotations

import re

from ..sources import SourceText, Span
from ..sources.text import MONTH_NAMES, ORDINAL_WORDS, clean, iso_date, ordinal, title_case
from . import decisions
from .actors import iso3
from .citations import article_refs, document_symbols, meeting_refs
from .records import (
    DocumentSymbol,
    Meeting,
    Office,
    Participation,
    Person,
    ReportParagraph,
    ReportRecords,
    Theme,
)

_SECTION = re.compile(r"^\s*(I|II|III|IV|V)\.\s+([A-Z][A-Z ]+)\s*$")
_PARAGRAPH = re.compile(r"^\s*(\d+)\.\s+")
_ITEM = re.compile(r"^\s*-\s+\(([a-z])\)\s+")
_HONORIFIC = r"(?:His Excellency Dr\.|Ambassador|Mr\.|Ms\.|Mrs\.|Dr\.)"
_NAME = r"[A-Z][\w'’-]+(?:\s+(?:Al-)?[A-Z][\w'’-]+)+"
PERSON = re.compile(rf"(?P<hon>{_HONORIFIC})\s+(?P<name>{_NAME}?)(?=,|\s+of\s|\s+as\s|\s+was\s|$)")
_DATE = rf"(\d{{1,2}})\s+(?:-\s+\d{{1,2}}\s+|to\s+\d{{1,2}}\s+)?({MONTH_NAMES}),?\s+(\d{{4}})"


def parse(src: SourceText) -> ReportRecords:
    heading = src.find(r"\*\*FIRST MEETING OF STATES PARTIES TO THE CONVENTION ON CLUSTER\s+MUNITIONS\*\*")
    kind = src.find(r"^FINAL DOCUMENT\s*$", heading.end())
    start = src.find(r"^I\.\s+INTRODUCTION\s*$", kind.end()).start()
    end = src.find(r"^Annex I\s*$", start).start()
    title = f"{title_case(kind.group())} of the {title_case(clean(heading.group()))}"
    out = ReportRecords(title, src.span(heading.start(), kind.end()))
    _paragraphs(src, out, start, end)
    numbers = [p.number for p in out.paragraphs]
    if numbers != list(range(1, len(numbers) + 1)):
        raise src.error(title.end(), f"report paragraphs out of sequence: {numbers}")
    for p in out.paragraphs:
        _facts(src, out, p)
        if p.section.startswith("DECISIONS"):
            out.decisions.extend(decisions.read(src, p, PERSON, HELD_AT, meeting_keys))
    return out


def _paragraphs(src: SourceText, out: ReportRecords, start: int, end: int) -> None:
    section = ""
    current: list[int] | None = None  # [number, start, end]
    items: list[tuple[int, int]] = []

    def close() -> None:
        if current is not None:
            text = clean(src.text[current[1] : current[2]])
            text = re.sub(r"^\d+\.\s+", "", text)
            out.paragraphs.append(
                ReportParagraph(
                    current[0],
                    section,
                    text,
                    src.span(current[1], current[2]),
                    document_symbols(text),
                    article_refs(text),
                )
            )
            if section.startswith("DECISIONS"):  # "(a) General status ...": topics of the intersessional work
                out.themes.extend(Theme(clean(src.text[s:e]), src.span(s, e)) for s, e in items)

    for text, s, e in (line for line in src.lines(start, end) if line[0].strip()):
        if m := _SECTION.match(text):
            close()
            current, items, section = None, [], m.group(2).strip()
            continue
        quoted = current is not None and _open_quote(src.text[current[1] : current[2]])
        m = _PARAGRAPH.match(text)
        if (
            m
            and not quoted
            and int(m.group(1))
            == (out.paragraphs[-1].number + 1 if out.paragraphs else 1) + (1 if current is not None else 0)
        ):
            close()
            current, items = [int(m.group(1)), s, e], []
        elif current is not None:
            if (im := _ITEM.match(text)) and not quoted:
                items.append((s + im.end(), e))
            current[2] = e  # the page broke the paragraph, or it quotes the Convention
        else:
            raise src.error(s, "text before the first numbered paragraph")
    close()


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”")


def _facts(src: SourceText, out: ReportRecords, p: ReportParagraph) -> None:
    text, span = p.text, p.span
    for symbol in p.symbols:
        if not any(s.symbol == symbol for s in out.symbols):
            dated = re.search(rf"{re.escape(symbol)},\s+dated\s+{_DATE}", text)
            out.symbols.append(DocumentSymbol(symbol, span, iso_date(*dated.groups()) if dated else None))
    _meetings(out, text, span)
    _participants(out, text, span)
    _officers(out, text, span)


def _meeting_key(name: str) -> tuple[str, str, int | None]:
    """Key, kind and number of a meeting named in the report."""
    if m := re.search(rf"\b({ORDINAL_WORDS})\s+Meeting\s+of\s+States\s+Parties", name, re.I):
        n = ordinal(m.group(1))
        return f"{n}msp", "msp", n
    if re.search(r"preparatory\s+meeting", name, re.I):
        return "1msp-preparatory", "preparatory", None
    return "1msp-intersessional", "intersessional", None


def _add_meeting(out: ReportRecords, name: str, span: Span, **facts: object) -> Meeting:
    key, kind, number = _meeting_key(name)
    meeting = next((m for m in out.meetings if m.key == key), None)
    if meeting is None:
        label = {
            "preparatory": "Preparatory meeting for the First Meeting of States Parties",
            "intersessional": "Informal intersessional meeting",
        }.get(kind, re.sub(r"\s+", " ", name))
        label = label[0].upper() + label[1:]
        meeting = Meeting(key, label, [span], kind=kind, number=number)
        out.meetings.append(meeting)
    elif span not in meeting.spans:
        meeting.spans.append(span)
    for attr, value in facts.items():
        if value is not None and getattr(meeting, attr) is None:
            setattr(meeting, attr, value)
    return meeting


HELD_AT = re.compile(
    r"\b(?:was\s+held|would\s+take\s+place|to\s+hold\s+the\s+(?P<held>\w+\s+Meeting\s+of\s+States\s+Parties))"
    r"\s+(?:at|in)\s+(?P<place>[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)*)(?:,\s+(?P<country>[A-Z][\w'’ ]+?))?,?\s+"
    rf"(?:on\s+(?P<day>\d{{1,2}})|from\s+(?P<d1>\d{{1,2}})\s+to\s+(?P<d2>\d{{1,2}}))\s+(?P<month>{MONTH_NAMES}),?\s+(?P<year>\d{{4}})"
)
_NAMED = re.compile(
    rf"\b(?:{ORDINAL_WORDS})\s+Meeting\s+of\s+States\s+Parties|\bpreparatory\s+meeting|\bintersessional\s+meeting", re.I
)


def meeting_keys(text: str) -> list[str]:
    """Every meeting a text names, numbered ('the Second Meeting of States Parties') or not ('the
    intersessional meeting', which the report names only once it has said which)."""
    keys = [ref.key for ref, _, _ in meeting_refs(text)]
    keys += [_meeting_key(m.group())[0] for m in _NAMED.finditer(text)]
    return list(dict.fromkeys(keys))


def _meetings(out: ReportRecords, text: str, span: Span) -> None:
    """Meetings named, and where and when one "was held" or "would take place"."""
    for m in HELD_AT.finditer(text):
        named = [n.group() for n in _NAMED.finditer(text, 0, m.start())]
        name = m.group("held") or (named[-1] if named else None)
        if name is None:
            continue
        first, last = m.group("day") or m.group("d1"), m.group("day") or m.group("d2")
        _add_meeting(
            out,
            name,
            span,
            start=iso_date(first, m.group("month"), m.group("year")),
            end=iso_date(last, m.group("month"), m.group("year")),
            year=int(m.group("year")),
            place=m.group("place"),
            country=m.group("country"),
            country_span=span if m.group("country") else None,
        )
    for m in _NAMED.finditer(text):
        _add_meeting(out, m.group(), span)


# "The following States Parties to the Convention participated ...", "... also participated ... as observers"
_LIST_STATUS = [
    (re.compile(r"^The following States Parties to the Convention participated"), "State Party"),
    (
        re.compile(r"^The following States which have ratified the Convention, but for which it is not yet in force"),
        "Ratified, not yet in force",
    ),
    (re.compile(r"^The following Signatory States to the Convention participated"), "Signatory State"),
    (
        re.compile(r"^(?P<list>[A-Z].*?)\s+also participated in the work of the Meeting as observers\.$"),
        "Observer State",
    ),
]
_RULE = re.compile(r"pursuant to (Rule \d+\(\d+\)) of the Rules of Procedure")


def _split_names(names: str) -> list[str]:
    return [re.sub(r"^and\s+", "", n).strip().rstrip(".") for n in re.split(r",\s*", names) if n.strip()]


def _participants(out: ReportRecords, text: str, span: Span) -> None:
    """States by their status (paragraphs 7-10); organisations by the rule of procedure they came
    under (11-13), which is what tells the two kinds of list apart."""
    rule = _RULE.search(text)
    if rule is None:
        for pattern, status in _LIST_STATUS:
            if m := pattern.search(text):
                names = m.group("list") if "list" in m.groupdict() else text.split(":", 1)[1]
                for name in _split_names(names):  # each must be a state: the mapping checks its ISO code
                    out.participations.append(Participation("1msp", name, "state", status, span))
                return
    elif "participated" in text or "took part" in text:
        names = text.split(":", 1)[1] if ":" in text else text[: text.index(" participated")]
        names = re.sub(r"^The\s+", "", names)
        names = re.sub(r"\s+also$", "", names.split(" participated")[0])
        for name in _split_names(names):
            acronym = re.search(r"\(([A-Z]{2,})\)$", name)
            clean_name = re.sub(r"\s*\([^)]*\)$", "", name) if acronym else name
            out.participations.append(
                Participation(
                    "1msp",
                    clean_name,
                    "organisation",
                    "Observer",
                    span,
                    acronym=acronym.group(1) if acronym else None,
                    rule=rule.group(1),
                )
            )


_ROLE = re.compile(
    r"\bas\s+(?:the\s+)?(?P<role>President(?:'s|’s)\s+Executive\s+Coordinator|Vice-Presidents|"
    r"Secretary-General\s+of\s+the\s+Meeting|President\s+of\s+the\s+\w+\s+Meeting\s+of\s+States\s+Parties"
    r"(?:\s+to\s+the\s+Convention)?|Chairperson\s+of\s+the\s+preparatory\s+meeting)",
)


def _officers(out: ReportRecords, text: str, span: Span) -> None:
    people = list(PERSON.finditer(text))
    for m in people:
        after = text[m.end() :]
        desc = re.match(
            r"(?:\s+of\s+(?P<of>[A-Z][\w ]+?))?,\s+(?P<desc>.+?)(?=,?\s+(?:as|was|and by)\s|,\s+by\s|\.$|$)", after
        )
        person = Person(m.group("name"), m.group("hon"), desc.group("desc").strip() if desc else None, span)
        role = _ROLE.search(text, m.end())
        opened = re.search(r"opened by\s*$", text[: m.start()])
        if desc and "Chairperson of the preparatory meeting" in (desc.group("desc") or ""):
            out.offices.append(Office("1msp-preparatory", "Chairperson", person.name, "person", span, person=person))
        elif role and (m is people[-1] or role.start() < people[people.index(m) + 1].start()) and not opened:
            name = re.sub(r"\s+", " ", role.group("role")).replace("’", "'")
            meeting = "1msp"
            if mm := re.search(rf"President\s+of\s+the\s+({ORDINAL_WORDS})\s+Meeting", name, re.I):
                meeting, name = f"{ordinal(mm.group(1))}msp", "President"
            elif name.startswith("Secretary-General"):
                name = "Secretary-General"
            out.offices.append(Office(meeting, name, person.name, "person", span, person=person))
        else:
            out.speakers.append(person)
    if m := re.search(
        r"President of the (\w+) Meeting of States Parties to the Convention\. He was assisted by Friends "
        r"of the President, as follows:\s*(?P<list>.*)\.$",
        text,
    ):
        for f in re.finditer(r"(?:and\s+)?(?P<state>[A-Z][\w ]+?) on \"(?P<topic>[^\"]+)\"", m.group("list")):
            out.offices.append(
                Office("1msp", "Friend of the President", f.group("state"), "state", span, topic=f.group("topic"))
            )
            out.themes.append(Theme(f.group("topic"), span))
    if m := re.search(
        r"^At the same plenary meeting, (?P<list>.+?) were elected by acclamation as Vice-Presidents", text
    ):
        for state in _split_names(m.group("list").replace(" and ", ", ")):
            if iso3(state):
                out.offices.append(Office("1msp", "Vice-President", state, "state", span))
