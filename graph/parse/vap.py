"""The Vientiane Action Plan, wherever it is printed: the markdown introduction (000), the PDF
text (001) and Annex II of the First Meeting's Final Document (002).

One line-oriented parser reads all three: every line starts a heading, an introduction
paragraph, a chapeau, an action, or continues whatever came before it (the PDF wraps lines,
merges headings and drops spaces: `Action#4`, `Action #5Acknowledge`, `VI.Victim assistance`).
The copies are merged into one record per action by `merge`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sources import SourceText
from ..sources.text import SAME_TEXT, clean, roman, similarity, slug
from .actors import chapeau_addressees
from .citations import article_refs, meeting_refs
from .records import Action, IntroParagraph, Section, VapCopy
from .time_limits import find_deadlines

_HEADING = re.compile(r"^\s*(?:#+\s*)?(I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s*(.*)$")
_ACTION = re.compile(r"^\s*Action\s*#\s*(\d+)\s*")
_INTRO = re.compile(r"^\s*(?:-\s+)?(\d+)\.\s+")
_CHAPEAU = re.compile(r"^\s*(?:\d+\.\s+)?(?:All\s+)?States\s+Parties\b")
_ADOPTED = re.compile(r"\(as adopted at the final plenary meeting on (\d{1,2}) (\w+) (\d{4})\)")
_UNDERTAKEN_BEFORE = re.compile(r"to\s+be\s+undertaken\s+prior\s+to\s+the\s+(\w+\s+Review\s+Conference)")


@dataclass
class _Open:
    kind: str  # heading | intro | chapeau | action | subheading
    start: int
    end: int
    number: int | None = None


def parse(src: SourceText, start: int = 0, end: int | None = None) -> VapCopy:
    """Parse the plan printed in `src` between two offsets (Annex II of the Final Document is a region)."""
    copy = VapCopy(src)
    end = len(src.text) if end is None else end
    if m := re.compile(r"^\s*VIENTIANE ACTION PLAN\s*$", re.M).search(src.text, start, end):
        copy.title_span = src.span(m.start(), m.end())
    if m := _ADOPTED.search(src.text, start, end):
        copy.adopted = (int(m.group(1)), m.group(2), int(m.group(3)))
    if (m := _UNDERTAKEN_BEFORE.search(src.text, start, end)) and (refs := meeting_refs(m.group(1))):
        copy.undertaken_before = refs[0][0]
        copy.undertaken_before_spans.append(src.span(m.start(), m.end()))
    elements: list[_Open] = []
    lines = [line for line in src.lines(start, end) if line[0].strip()]
    for i, (text, s, e) in enumerate(lines):
        current = elements[-1] if elements else None
        in_intro = current is None or (current.kind in ("heading", "intro") and not _after_intro(elements))
        if m := _HEADING.match(text):
            elements.append(_Open("heading", s, e, roman(m.group(1))))
        elif m := _ACTION.match(text):
            elements.append(_Open("action", s, e, int(m.group(1))))
        elif in_intro and (m := _INTRO.match(text)):
            elements.append(_Open("intro", s, e, int(m.group(1))))
        elif not in_intro and _CHAPEAU.match(text):
            elements.append(_Open("chapeau", s, e))
        elif current is not None and current.kind == "heading" and not _heading_title(src, current):
            current.end = e  # "IV." with its title on the next line
        elif _is_subheading(text, lines[i + 1 : i + 2]):
            elements.append(_Open("subheading", s, e))
        elif current is not None:
            current.end = e
    _assemble(src, copy, elements)
    return copy


def _after_intro(elements: list[_Open]) -> bool:
    return any(el.kind == "heading" and el.number and el.number > 1 for el in elements)


def _heading_title(src: SourceText, heading: _Open) -> str:
    return clean(src.text[heading.start : heading.end].split(".", 1)[1])


def _is_subheading(text: str, following: list[tuple[str, int, int]]) -> bool:
    """An unnumbered heading ('Compliance') is a short line without final punctuation that a chapeau follows."""
    stripped = text.strip()
    return (
        len(stripped) <= 60
        and stripped[:1].isupper()
        and not stripped.endswith((".", ",", ";", ":"))
        and bool(following)
        and bool(_CHAPEAU.match(following[0][0]))
        and not _CHAPEAU.match(stripped)
    )


def _assemble(src: SourceText, copy: VapCopy, elements: list[_Open]) -> None:
    section: Section | None = None
    top: Section | None = None
    chapeau: _Open | None = None
    for el in elements:
        raw = src.text[el.start : el.end]
        span = src.span(el.start, el.end)
        if el.kind == "heading":
            title = clean(raw.split(".", 1)[1])
            section = top = Section("vap", str(el.number), len(copy.sections) + 1, title, [span], number=el.number)
            copy.sections.append(section)
            chapeau = None
        elif el.kind == "subheading":
            if top is None:
                raise src.error(el.start, "a sub-heading before any numbered section")
            title = clean(raw)
            section = Section("vap", f"{top.key}/{slug(title)}", len(copy.sections) + 1, title, [span], parent=top.key)
            copy.sections.append(section)
            chapeau = None
        elif el.kind == "intro":
            text = clean(re.sub(r"^\s*(?:-\s+)?\d+\.\s+", "", raw))
            copy.intro.append(IntroParagraph("vap", el.number, text, [span]))
        elif el.kind == "chapeau":
            chapeau = el
        elif el.kind == "action":
            if section is None:
                raise src.error(el.start, f"Action #{el.number} outside any section")
            if chapeau is None:
                raise src.error(el.start, f"Action #{el.number} without a chapeau naming whom it addresses")
            text = clean(_ACTION.sub("", raw, count=1))
            chapeau_text = clean(re.sub(r"^\s*\d+\.\s+", "", src.text[chapeau.start : chapeau.end]))
            copy.actions.append(
                Action(
                    plan="vap",
                    number=el.number,
                    text=text,
                    section=section.key,
                    addressees=chapeau_addressees(chapeau_text),
                    spans=[span],
                    deadlines=find_deadlines(text, span),
                    refs=article_refs(f"{chapeau_text} {text}"),
                    chapeau=chapeau_text,
                    chapeau_spans=[src.span(chapeau.start, chapeau.end)],
                )
            )
    numbers = [a.number for a in copy.actions]
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        raise src.error(elements[0].start, f"Vientiane actions out of sequence: {numbers}")


def merge(copies: list[VapCopy]) -> VapCopy:
    """One plan from several printings: the first copy's wording, every copy's spans.

    Full printings must hold the same actions, numbered 1 to N, and agree on what each says."""
    main = copies[0]
    if not main.actions:
        raise main.src.error(0, "the Vientiane Action Plan has no actions")
    for other in copies[1:]:
        if other.actions and len(other.actions) != len(main.actions):
            raise other.src.error(
                other.actions[-1].spans[0].start,
                f"{len(other.actions)} Vientiane actions here, {len(main.actions)} in {main.src.path.name}",
            )
    by_number = {a.number: a for a in main.actions}
    intro = {p.number: p for p in main.intro}
    sections = {s.number: s for s in main.sections if s.number is not None}
    subsections = {slug(s.title): s for s in main.sections if s.parent is not None}
    for other in copies[1:]:
        for action in other.actions:
            target = by_number[action.number]
            if (ratio := similarity(target.text, action.text)) < SAME_TEXT:
                raise other.src.error(
                    action.spans[0].start,
                    f"Action #{action.number} differs from {main.src.path.name} (similarity {ratio:.2f})",
                )
            target.spans += action.spans
            target.chapeau_spans += action.chapeau_spans
        for p in other.intro:
            intro[p.number].spans += p.spans
        main.undertaken_before = main.undertaken_before or other.undertaken_before
        main.undertaken_before_spans += other.undertaken_before_spans
        for s in other.sections:
            if s.parent is None and s.number in sections:
                sections[s.number].spans += s.spans
            elif slug(s.title) in subsections:
                subsections[slug(s.title)].spans += s.spans
    return main
