"""The Lausanne Action Plan in its booklet (003): introduction, sections, the 50 actions, and the
indicator tables, where each action is printed again beside its indicators.

The tables come in three shapes, sometimes on one page: tab-separated `<p>` cells, markdown pipe
rows of `<p>` cells, and plain paragraphs (an action's number and text, then its indicators).
Page headers ("Victim assistance (31–37)", "Action items", "Indicators") repeat inside them.
"""

from __future__ import annotations

import html
import re

from ..sources import SourceText, Span
from ..sources.text import SAME_TEXT, clean, similarity, slug
from .actors import chapeau_addressees
from .citations import article_refs, document_symbols
from .records import Action, ActionItem, Indicator, IntroParagraph, LapRecords, Section
from .time_limits import find_deadlines

_ACTION = re.compile(r"^\s*(?:-\s+)?Action\s+(\d+)(?:\*\*)?(?:\s+|$)")
_ITEM = re.compile(r"^\s*-\s+([A-Z])\*\*\s+")
_FOOTNOTE = re.compile(r"^\s*([¹²³⁴⁵⁶⁷⁸⁹])\s+\S")
_CHAPEAU = re.compile(r"\bwill\s+take\s+the\s+following\b|\bwill:\s*$")


def parse(src: SourceText) -> LapRecords:
    title = src.find(r"^Lausanne Action Plan\s*$")
    start = src.find(r"^Introduction\s*$", title.end())
    table = src.find(r"^Indicators\s*$", start.end())
    end = src.find(r"^Lausanne Declaration\s*$", table.end())
    out = LapRecords(title_span=src.span(title.start(), title.end()))
    _plan(src, out, start.start(), table.start())
    _indicators(src, out, table.end(), end.start())
    return out


def _paragraphs(src: SourceText, start: int, end: int) -> list[tuple[str, int, int]]:
    return [line for line in src.lines(start, end) if line[0].strip()]


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    return (
        len(stripped) <= 80
        and stripped[:1].isupper()
        and not stripped.endswith((".", ",", ";", ":"))
        and not _ACTION.match(stripped)
        and not _FOOTNOTE.match(stripped)
    )


def _plan(src: SourceText, out: LapRecords, start: int, end: int) -> None:
    section: Section | None = None
    chapeau: tuple[str, Span] | None = None
    action: Action | None = None
    pending: int | None = None  # "Action 10" alone on its line: the text follows
    footnotes: dict[str, tuple[str, Span]] = {}
    for text, s, e in _paragraphs(src, start, end):
        span = src.span(s, e)
        if m := _ACTION.match(text):
            if section is None or chapeau is None:
                raise src.error(s, f"Action {m.group(1)} before any section or chapeau")
            number = int(m.group(1))
            body = clean(text[m.end() :])
            action = Action(
                "lap",
                number,
                body,
                section.key,
                chapeau_addressees(chapeau[0]),
                [span],
                chapeau=chapeau[0],
                chapeau_spans=[chapeau[1]],
            )
            out.actions.append(action)
            pending = number if not body else None
        elif m := _ITEM.match(text):
            if action is None:
                raise src.error(s, "a lettered item outside any action")
            action.items.append(ActionItem(m.group(1), clean(text[m.end() :]), span))
            action.spans[-1] = Span(src.key, action.spans[-1].start, span.end)
        elif m := _FOOTNOTE.match(text):
            footnotes[m.group(1)] = (clean(text.strip()[1:]), span)
        elif pending is not None or (action is not None and text.strip()[:1].islower()):
            # the text of "Action 10" on the next line, or a paragraph the page broke ("plans and\n\nframeworks")
            action.text = f"{action.text} {clean(text)}".strip()
            action.spans[-1] = Span(src.key, action.spans[-1].start, span.end)
            pending = None
        elif _is_heading(text):
            title = clean(text)
            section = Section("lap", slug(title), len(out.sections) + 1, title, [span])
            out.sections.append(section)
            action = chapeau = None
        elif section is None:
            raise src.error(s, "text before the first section heading")
        elif section.order == 1:  # the plan's own introduction
            out.intro.append(IntroParagraph("lap", len(out.intro) + 1, clean(text), [span]))
            if m := re.search(r"for the period (\d{4})[-–](\d{2,4})", text):
                out.period = (int(m.group(1)), int(m.group(1)[:2] + m.group(2)[-2:]))
        else:
            action = None
            sentence = next((x for x in re.split(r"(?<=\.)\s+", clean(text)) if _CHAPEAU.search(x)), None)
            if sentence is not None:
                chapeau = (sentence, span)
            section.description = f"{section.description or ''} {clean(text)}".strip()
            section.description_spans.append(span)
    for intro in out.intro:  # "¹ Notion of human security as understood in consensus UNGA resolution 66/290"
        for mark, (note, where) in footnotes.items():
            if mark in src.text[intro.spans[0].start : intro.spans[0].end]:
                intro.footnotes.append(note)
                intro.spans.append(where)  # the footnote is read for the paragraph it annotates
        intro.symbols = document_symbols(" ".join([intro.text, *intro.footnotes]))
    for action in out.actions:
        for mark, (note, _) in footnotes.items():
            if mark in src.text[action.spans[0].start : action.spans[0].end]:
                action.footnotes.append(note)
        action.deadlines = find_deadlines(action.text, action.spans[0])
        # "States Parties with obligations under Article 4 will:" is part of what the action says
        action.refs = article_refs(f"{action.chapeau} {action.text}")
        action.symbols = document_symbols(action.text)
    for expected, action in enumerate(out.actions, 1):
        if action.number != expected:
            raise src.error(action.spans[0].start, f"Action {action.number} where Action {expected} was expected")


_PAGE_HEADER = re.compile(r"^(?:Action items|Indicators|Action items\s+Indicators|.*\(\d+[–-]\d+\))\s*$")
_TABLE_RULE = re.compile(r"^[\s|:-]*$")
_CELL_P = re.compile(r"<p>(.*?)(?:</p>|$)", re.S)
_NUMBERED = re.compile(r"^\s*(?:<p>)?(\d+)\.\s+")


def _cells(text: str, s: int) -> list[tuple[str, int, int]]:
    """The cells of a table row, with their offsets: pipe-separated or tab-separated."""
    if text.lstrip().startswith("|"):
        parts = [(m.group(), s + m.start(), s + m.end()) for m in re.finditer(r"[^|]+", text)]
    elif "\t" in text:
        parts = [(m.group(), s + m.start(), s + m.end()) for m in re.finditer(r"[^\t]+", text)]
    else:
        return [(text, s, s + len(text))]
    return [p for p in parts if p[0].strip()]


def _indicators(src: SourceText, out: LapRecords, start: int, end: int) -> None:
    """Attach every indicator to its own action, and record the table's copy of each action.

    Actions printed together in one block ("25. ...", "26. ...", then "Indicators") share the block's
    indicators: each goes to the action of the block whose words it shares most."""
    actions = {a.number: a for a in out.actions}
    block: list[Action] = []
    pending: list[tuple[str, Span]] = []
    seen: set[int] = set()
    for text, s, _ in _paragraphs(src, start, end):
        if _PAGE_HEADER.match(text.strip()) or _TABLE_RULE.match(text) or text.strip() == "- | | |":
            continue
        cells = _cells(text, s)
        for i, (cell, cs, ce) in enumerate(cells):
            if i == 0 and (m := _NUMBERED.match(cell)):
                number = int(m.group(1))
                if number not in actions:
                    raise src.error(cs, f"indicator table row for an action {number} the plan does not have")
                if number in seen:
                    raise src.error(cs, f"action {number} appears twice in the indicator tables")
                seen.add(number)
                if pending:  # the indicators of the block before this row
                    _assign(src, out, block, pending)
                    block, pending = [], []
                current = actions[number]
                block.append(current)
                body = clean(html.unescape(re.sub(r"^\s*(?:<p>)?\d+\.\s+", "", cell)))
                plan_text = " ".join([current.text] + [f"{i.label} {i.text}" for i in current.items])
                if (ratio := similarity(plan_text, body)) < SAME_TEXT:
                    raise src.error(cs, f"action {number} in the indicator table differs from the plan ({ratio:.2f})")
                if _wording(plan_text) != _wording(body):  # the same action, worded differently: say so
                    current.table_text, current.table_span = body, src.span(cs, ce)
                current.spans.append(src.span(cs, ce))
                continue
            if not block:
                continue  # the table's introduction and headings, before its first row
            for text_, ps, pe in _paragraph_cells(cell, cs):
                indicator = clean(html.unescape(text_)).rstrip(";")
                if indicator:
                    pending.append((indicator, src.span(ps, pe)))
    if pending:
        _assign(src, out, block, pending)
    missing = sorted(set(actions) - seen)
    if missing:
        raise src.error(start, f"no indicators found for Lausanne actions {missing}")


def _wording(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _assign(src: SourceText, out: LapRecords, block: list[Action], indicators: list[tuple[str, Span]]) -> None:
    for text, span in indicators:
        action = block[0]
        if len(block) > 1:
            mine = set(_wording(text))
            action = max(block, key=lambda a: len(mine & set(_wording(a.text))))
        n = sum(1 for x in out.indicators if x.action == action.number) + 1
        out.indicators.append(Indicator("lap", action.number, n, text, span))
    for action in block:
        if not any(x.action == action.number for x in out.indicators):
            raise src.error(span.start, f"Lausanne action {action.number} gets none of its block's indicators")


def _paragraph_cells(cell: str, offset: int) -> list[tuple[str, int, int]]:
    """The `<p>` paragraphs of a cell (each one indicator), or the cell itself when it has none."""
    found = [(m.group(1), offset + m.start(1), offset + m.end(1)) for m in _CELL_P.finditer(cell)]
    return found or [(cell, offset, offset + len(cell))]
