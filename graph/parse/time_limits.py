"""Time limits stated in a text: relative to an event, at a meeting, in a year, or recurring."""

from __future__ import annotations

import re

from ..sources import Span
from ..sources.text import CARDINAL_WORDS, MONTH_NAMES, ORDINAL_WORDS, cardinal, iso_date, ordinal
from .citations import meeting_refs
from .records import Deadline

_UNIT = {"day": "D", "month": "M", "year": "Y"}
_AMOUNT = rf"(\d+|{CARDINAL_WORDS})[\s-]+(day|month|year)s?"

_RELATIVE = re.compile(
    rf"\b(not\s+later\s+than|no\s+later\s+than|within|a\s+minimum\s+of|only\s+take\s+effect)\s+{_AMOUNT}"
    r"(?P<rest>[^.;]{0,160})",
    re.IGNORECASE,
)
_BARE_RELATIVE = re.compile(rf"\b{_AMOUNT}\s+(after|prior\s+to)\b(?P<rest>[^.;]{{0,160}})", re.IGNORECASE)
_WITHIN_EIF = re.compile(
    r"\bwithin\s+(one|two|six|\d+)\s+(day|month|year)s?\s+of\s+(?:the\s+)?(?:Convention's\s+)?"
    r"(?:entry\s+into\s+force|the\s+Convention\s+entering\s+into\s+force)",
    re.IGNORECASE,
)
_YEARLY_DATE = re.compile(
    rf"\b(?:not|no)\s+later\s+than\s+(\d{{1,2}})\s+({MONTH_NAMES})\s+of\s+(each|the\s+following)\s+year",
    re.IGNORECASE,
)
_AT_MEETING = re.compile(
    r"\b(no\s+later\s+than|not\s+later\s+than|by|in\s+time\s+for|for\s+consideration\s+(?:by|at)|"
    r"to\s+be\s+presented\s+at|at\s+the\s+latest\s+by|be\s+considered\s+at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NEXT_MEETING = re.compile(
    r"\b(?:at\s+the\s+latest\s+by|by|to)\s+the\s+next\s+(Meeting\s+of\s+States\s+Parties(?:\s+or\s+Review\s+Conference)?)",
    re.IGNORECASE,
)
_CAP = re.compile(rf"\b(?:by\s+a\s+period\s+of|extensions?\s+of)\s+up\s+to\s+{_AMOUNT}", re.IGNORECASE)
_MIN_INTERVAL = re.compile(rf"\binterval\b[^.;]{{0,60}}?\bless\s+than\s+{_AMOUNT}", re.IGNORECASE)
_IMMEDIATELY = re.compile(
    r"\bimmediately\s+following\s+(?:a\s+|the\s+)?(Meeting\s+of\s+States\s+Parties(?:\s+or\s+a\s+Review\s+Conference)?)",
    re.IGNORECASE,
)
_BEFORE_EXPIRY = re.compile(
    r"\bprior\s+to\s+the\s+expiry\s+of\s+the\s+time\s+period\s+referred\s+to\s+in\s+paragraph\s+(\d+)"
    r"(?:\s+of\s+this\s+Article)?(?:\s+for\s+that\s+State\s+Party)?",
    re.IGNORECASE,
)
_MONTH_START = re.compile(
    rf"\bon\s+the\s+first\s+day\s+of\s+the\s+({ORDINAL_WORDS})\s+month\s+after\s+the\s+(?:month|date)\s+"
    r"(?:in|on)\s+which\s+(?P<what>[^.;]{0,140}?)\s+(?:has\s+been\s+deposited|has\s+deposited)",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(r"\bnot\s+take\s+effect\s+before\s+the\s+(end\s+of\s+the\s+armed\s+conflict)", re.IGNORECASE)
_FOR_GROUP = re.compile(r"\bfor\s+(new\s+States\s+Parties)$")
_IN_YEAR = re.compile(r"\b[Ii]n\s+((?:19|20)\d\d)\b(?!\s+and\s+beyond)")
_ANNUALLY = re.compile(r"\b(annually|each\s+year|every\s+year)\b", re.IGNORECASE)

# The events relative limits count from, each recognised by how the documents word it.
ANCHORS: list[tuple[str, re.Pattern[str]]] = [
    ("end-of-active-hostilities", re.compile(r"end\s+of\s+the\s+active\s+hostilities", re.I)),
    (
        "entry-into-force-for-state-party",
        re.compile(
            r"(entry\s+into\s+force|entering\s+into\s+force)(\s+of\s+this\s+Convention)?\s+for\s+"
            r"(that\s+State(\s+Party)?|new\s+States\s+Parties|it)|at\s+the\s+date\s+of\s+entry\s+into\s+force",
            re.I,
        ),
    ),
    ("entry-into-force-of-convention", re.compile(r"entry\s+into\s+force(\s+of\s+this\s+Convention)?", re.I)),
    ("receipt-of-request-for-clarification", re.compile(r"Request\s+for\s+Clarification", re.I)),
    ("circulation-of-amendment-proposal", re.compile(r"after\s+its\s+circulation", re.I)),
    ("receipt-of-instrument-of-withdrawal", re.compile(r"receipt\s+of\s+the\s+instrument\s+of\s+withdrawal", re.I)),
    ("meeting-considering-request", re.compile(r"prior\s+to\s+the\s+Meeting\s+of\s+States\s+Parties", re.I)),
]


def _anchor(context: str) -> tuple[str, int] | None:
    """The first event named in a context, and where its mention ends."""
    for name, pattern in ANCHORS:
        if m := pattern.search(context):
            return name, m.end()
    return None


def _duration(amount: str, unit: str) -> str:
    return f"P{cardinal(amount)}{_UNIT[unit.lower()]}"


def find_deadlines(text: str, span: Span) -> list[Deadline]:
    """Every time limit a clean statement states; `span` is where the statement is in its source."""
    found: list[Deadline] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, **kw: object) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        said = text[start:end].strip(" ,")
        if group := _FOR_GROUP.search(said):  # "within two years of entry into force for new States Parties"
            kw["applies_to"] = group.group(1)[0].upper() + group.group(1)[1:]
        deadline = Deadline(text=said, span=span, **kw)  # type: ignore[arg-type]
        if not any(same_limit(deadline, d) for d in found):  # a limit restated is one limit
            found.append(deadline)

    for m in _YEARLY_DATE.finditer(text):
        month_day = "--" + iso_date(m.group(1), m.group(2), 1)[5:]  # "30 April" -> --04-30
        add(m.start(), m.end(), kind="recurring", duration="P1Y", month_day=month_day)
    for m in _CAP.finditer(text):
        add(m.start(), m.end(), kind="cap", duration=_duration(m.group(1), m.group(2)))
    for m in _MIN_INTERVAL.finditer(text):
        add(m.start(), m.end(), kind="minimum-interval", duration=_duration(m.group(1), m.group(2)))
    for m in _BEFORE_EXPIRY.finditer(text):
        add(m.start(), m.end(), kind="before-deadline", paragraph=m.group(1))
    for m in _IMMEDIATELY.finditer(text):
        add(m.start(), m.end(), kind="immediately-after", anchor=_slug(m.group(1)))
    for m in _MONTH_START.finditer(text):
        what = "deposit-of-thirtieth-instrument" if "thirtieth" in m.group("what") else "deposit-of-instrument-by-state"
        add(m.start(), m.end(), kind="month-start", duration=f"P{ordinal(m.group(1))}M", anchor=what)
    for m in _NOT_BEFORE.finditer(text):
        add(m.start(), m.end(), kind="not-before", anchor=_slug(m.group(1)))
    for pattern in (_RELATIVE, _BARE_RELATIVE):
        for m in pattern.finditer(text):
            amount_group = 2 if pattern is _RELATIVE else 1
            amount, unit = m.group(amount_group), m.group(amount_group + 1)
            end = m.end(amount_group + 1) + (text[m.end(amount_group + 1) : m.end(amount_group + 1) + 1] == "s")
            named = _anchor(m.group("rest"))
            if named and "that date" not in m.group("rest")[: named[1]]:
                anchor, end = named[0], m.start("rest") + named[1]
            elif "that date" in m.group(
                "rest"
            ):  # "... at the date of entry into force ..., not later than ten years from that date"
                anchor = (_anchor(text[: m.start()]) or (None, 0))[0]
                end = m.start("rest") + m.group("rest").index("that date") + len("that date")
            elif pattern is _BARE_RELATIVE:
                continue
            else:  # "within 28 days": of the event the sentence is about
                anchor = (_anchor(text) or (None, 0))[0]
            before = "prior" in m.group(0)[: m.start("rest") - m.start() + 12].lower() and anchor is not None
            if before or (named and "prior to" in m.group("rest")[: named[1]]):
                add(m.start(), end, kind="lead-time", duration=_duration(amount, unit), anchor=anchor)
            else:
                add(m.start(), end, kind="relative", duration=_duration(amount, unit), anchor=anchor)
    for m in _WITHIN_EIF.finditer(text):
        add(
            m.start(),
            m.end(),
            kind="relative",
            duration=_duration(m.group(1), m.group(2)),
            anchor="entry-into-force-for-state-party",
        )
    for ref, start, end in meeting_refs(text):
        before = text[max(0, start - 40) : start]
        lead = _AT_MEETING.search(before)
        if lead:
            add(start - len(before) + lead.start(), end, kind="meeting", meeting=ref, year=ref.year)
    for m in _NEXT_MEETING.finditer(text):
        add(m.start(), m.end(), kind="meeting", anchor="next " + re.sub(r"\s+", " ", m.group(1)))
    for m in _IN_YEAR.finditer(text):
        add(m.start(), m.end(), kind="calendar", year=int(m.group(1)))
    dated = any(d.kind == "recurring" and d.month_day for d in found)
    for m in _ANNUALLY.finditer(text):
        if not dated:  # "annually ... not later than 30 April of each year" is one limit
            add(m.start(), m.end(), kind="recurring", duration="P1Y")
    return found


def _slug(phrase: str) -> str:
    return re.sub(r"\W+", "-", phrase.lower()).strip("-")


def same_limit(a: Deadline, b: Deadline) -> bool:
    """Two statements of one time limit: the same kind, length, event, meeting and date."""
    return (a.kind, a.duration, a.anchor, a.meeting, a.year, a.month_day, a.paragraph) == (
        b.kind,
        b.duration,
        b.anchor,
        b.meeting,
        b.year,
        b.month_day,
        b.paragraph,
    )
