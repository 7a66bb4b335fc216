"""What a meeting decided, one act at a time: each "adopted", "recommended", "decided (to hold, to
designate, to invite)", "encouraged", "welcomed", "considered", "took note" of a report's decisions
section, with the documents, meetings and persons it concerns, where and when a meeting it sets is
held, and its conditions (languages, funding, who assists) as conditions of their own."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..sources import SourceText
from ..sources.text import iso_date
from .citations import document_symbols
from .norms import locate
from .records import Condition, DecisionAct, ReportParagraph

_VERB = re.compile(r"\b(adopted|recommended|decided|encouraged|welcomed|considered|took\s+note)\b")
_KIND = {
    "adopted": "adopt",
    "recommended": "recommend",
    "encouraged": "encourage",
    "welcomed": "welcome",
    "considered": "consider",
    "took note": "take-note",
}
_LANGUAGE = r"(?:Arabic|Chinese|English|French|Russian|Spanish)"
_CONDITIONS = [
    ("languages", re.compile(rf"\bin\s+{_LANGUAGE}(?:,\s*{_LANGUAGE})*(?:\s+and\s+{_LANGUAGE})?")),
    ("funding", re.compile(r"\b(?:supported\s+through|covered\s+by)\s+voluntary[^.;]*")),
    ("assistance", re.compile(r"\bassisted\s+by\s+(?!such\b)[^,.;]+")),
]
_ANNEX = re.compile(r"\bAnnex\s+(I+)\b")


def read(
    src: SourceText,
    paragraph: ReportParagraph,
    person: re.Pattern[str],
    held_at: re.Pattern[str],
    meetings: Callable[[str], list[str]],
) -> list[DecisionAct]:
    """The decisions one paragraph records, in order; a sentence without a decision verb ("Costs for
    these activities would be covered by voluntary ... contributions") conditions the act before it.
    `person`, `held_at` and `meetings` are the report's own readings of a named person, of where and
    when a meeting is held and of the meetings a text names, so that a decision and the report's account
    of its meeting say the same."""
    text = paragraph.text
    verbs = list(_VERB.finditer(text))
    acts: list[DecisionAct] = []
    for i, v in enumerate(verbs):
        end = verbs[i + 1].start() if i + 1 < len(verbs) else len(text)
        clause = re.sub(
            r"(?:,?\s+and|\.\s+It\s+was\s+also|\.\s+The\s+Meeting(?:\s+also)?)\s*$", "", text[v.start() : end]
        )
        clause = clause.strip(" ,;")
        kind = _KIND.get(re.sub(r"\s+", " ", v.group(1)), "decide")
        if kind == "decide":
            if re.match(r"decided\s+to\s+designate\b", clause):
                kind = "designate"
            elif re.match(r"decided\s+to\s+hold\b", clause) or re.search(
                r"\b(?:would\s+take\s+place|be\s+held)\b", clause
            ):
                kind = "hold"
            elif re.match(r"decided\s+to\s+invite\b", clause):
                kind = "invite"
        span = locate(src, paragraph.span, clause)
        act = DecisionAct(paragraph.number, i + 1, kind, clause, span)
        act.symbols = document_symbols(clause)
        act.annexes = _ANNEX.findall(clause)
        act.meetings = meetings(clause)
        act.persons = [m.group("name") for m in person.finditer(clause)]
        if kind == "hold" and (held := held_at.search(clause)):
            act.place = ", ".join(x for x in (held.group("place"), held.group("country")) if x)
            first, last = held.group("day") or held.group("d1"), held.group("day") or held.group("d2")
            act.start = iso_date(first, held.group("month"), held.group("year"))
            act.end = iso_date(last, held.group("month"), held.group("year"))
        acts.append(act)
    for act in acts:
        _conditions(src, act, act.text)
    if acts:  # what the paragraph says after its last decision verb's sentence
        tail = text[text.find(acts[-1].text) + len(acts[-1].text) :]
        _conditions(src, acts[-1], tail, paragraph)
    return acts


def _conditions(src: SourceText, act: DecisionAct, text: str, paragraph: ReportParagraph | None = None) -> None:
    for kind, pattern in _CONDITIONS:
        for m in pattern.finditer(text):
            said = m.group().strip(" ,.")
            if any(said == c.text for c in act.conditions):
                continue
            within = paragraph.span if paragraph else act.span
            act.conditions.append(Condition(kind, said, locate(src, within, said)))
