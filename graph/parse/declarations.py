"""The Vientiane Declaration (Annex I of the Final Document, 002) and the Lausanne Declaration
(003), paragraph by paragraph, with the quantities they state."""

from __future__ import annotations

import re
from decimal import Decimal

from ..sources import SourceText, Span
from ..sources.text import CARDINAL_WORDS, MONTHS, cardinal, clean, iso_date
from .actors import iso3
from .norms import locate
from .records import ActionItem, Declaration, DeclarationParagraph, Figure

_PARAGRAPH = re.compile(r"^\s*(\d+)\.\s+")
_ITEM = re.compile(r"^\s*-\s+([a-z])\.\s+")

# "1.5 million stockpiled cluster munitions", "[46] States", "530 square kilometres of land".
# Years ("in November 2020", "since 2015") are dates, not figures.
_FIGURE = re.compile(
    r"(?:(?P<qual>[Nn]early|[Mm]ore than|[Oo]ver|[Aa]lmost)\s+)?(?<![\w.])\[?(?P<num>\d+(?:\.\d+)?)\]?"
    r"(?:\s+(?P<scale>million|billion))?\s+(?P<unit>(?!\d)[\w-]+(?:\s+(?!(?:that|which|containing|have|has|to|and|of|in|are|is|were)\b)[\w-]+){0,2})"
)
_SCALE = {None: 1, "million": 10**6, "billion": 10**9}


# "entered into force ten years ago": a span of time counted back from the declaration
_YEARS_AGO = re.compile(rf"\b(?P<num>{CARDINAL_WORDS}|\d+)\s+years\s+ago\b", re.I)


def figures(text: str, span: Span) -> list[Figure]:
    out = []
    for m in _YEARS_AGO.finditer(text):
        clause = re.split(r"[,;]\s", text[: m.end()])[-1]
        out.append(Figure(Decimal(cardinal(m.group("num"))), "years ago", clause.strip(), span))
    for m in _FIGURE.finditer(text):
        if re.fullmatch(r"(19|20)\d\d", m.group("num")) or m.group("unit").split()[0] in MONTHS:
            continue
        value = Decimal(m.group("num")) * _SCALE[m.group("scale")]
        value = value.to_integral_value() if value == value.to_integral_value() else value
        clause = re.split(r"[,.;](?:\s|$)|\s+and\s+(?=the\b|\d)", text[m.start() :])[0]
        qualifier = m.group("qual").lower() if m.group("qual") else None
        # "[46] States": a figure left in brackets is a placeholder the drafters meant to confirm
        provisional = text[m.start("num") - 1 : m.start("num")] == "[" and text[m.end("num") : m.end("num") + 1] == "]"
        out.append(Figure(value, m.group("unit"), clause.strip(), span, qualifier, provisional))
    return out


# "the use of cluster munitions in Syria, ..., and also in Yemen": a place a State's name names
_IN_PLACE = re.compile(r"\bin\s+(?P<name>[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|of|the)){0,4})")
# "during the Nagorno-Karabakh conflict"
_CONFLICT = re.compile(r"\bthe\s+(?P<name>[A-Z][\w'’]+(?:-[A-Z][\w'’]+)*(?:\s+[A-Z][\w'’-]+)*)\s+conflict\b")


def places(src: SourceText, p: DeclarationParagraph) -> None:
    """The States a paragraph names as places, and the armed conflicts it names, each with its words' span."""
    for m in _IN_PLACE.finditer(p.text):
        words = m.group("name").split()
        # the longest run of its words that names a State: "in Syria, which ..." -> Syria
        name = next((" ".join(words[:n]) for n in range(len(words), 0, -1) if iso3(" ".join(words[:n]))), None)
        if name and not any(name == known for known, _ in p.places):
            p.places.append((name, locate(src, p.span, name)))
    for m in _CONFLICT.finditer(p.text):
        p.conflicts.append((m.group("name"), locate(src, p.span, m.group())))


def parse(src: SourceText, key: str, start: int, end: int) -> Declaration:
    """A declaration printed between two offsets; its title is its first non-empty lines up to the
    adoption note or the first paragraph."""
    lines = [line for line in src.lines(start, end) if line[0].strip()]
    title_lines = []
    for text, s, e in lines:
        if _PARAGRAPH.match(text) or text.strip().startswith("(as adopted"):
            break
        title_lines.append((s, e))
    if not title_lines:
        raise src.error(start, f"the {key} declaration has no title")
    title = clean(src.text[title_lines[0][0] : title_lines[-1][1]])
    decl = Declaration(key, title, src.span(title_lines[0][0], title_lines[-1][1]))
    if m := re.search(r"\(as adopted at the final plenary meeting on (\d{1,2}) (\w+) (\d{4})\)", src.text[start:end]):
        decl.adopted = iso_date(m.group(1), m.group(2), m.group(3))
    heading: str | None = None
    current: DeclarationParagraph | None = None
    body = [line for line in lines if line[1] > title_lines[-1][1] and not line[0].strip().startswith("(as adopted")]
    for text, s, e in body:
        if m := _PARAGRAPH.match(text):
            number = int(m.group(1))
            if number != len(decl.paragraphs) + 1:
                raise src.error(s, f"paragraph {number} of the {key} declaration out of sequence")
            current = DeclarationParagraph(key, number, clean(text[m.end() :]), src.span(s, e), heading)
            decl.paragraphs.append(current)
        elif (m := _ITEM.match(text)) and current is not None:
            current.items.append(ActionItem(m.group(1), clean(text[m.end() :]), src.span(s, e)))
            current.span = src.span(current.span.start, e)
        elif current is None or not text.strip().endswith((".", ";", ":")):
            heading = clean(text).rstrip(" –-")  # "Decades of harm", "Achieving a world free of cluster munitions –"
        else:
            raise src.error(s, f"text outside any paragraph of the {key} declaration")
    if not decl.paragraphs:
        raise src.error(start, f"the {key} declaration has no numbered paragraphs")
    for p in decl.paragraphs:
        p.figures = figures(p.text, p.span)
        places(src, p)
    return decl
