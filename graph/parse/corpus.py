"""All the documents read into records, with what several documents state merged into one record."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..sources import DOCUMENTS_DIR, ParseError, SourceText, Span, load_all
from ..sources.registry import REGISTRY, companion
from ..sources.text import STOP_WORDS, ordinal_word, words
from . import commitments, convention, declarations, isu, lap, report, reviews, treaty_status, vap
from .citations import meeting_refs
from .records import Corpus, Meeting, MeetingRef, Theme, ThemeGroup


def _of_kind(sources: dict[str, SourceText], kind: str) -> list[SourceText]:
    return [s for s in sources.values() if s.kind == kind]


def _one(sources: dict[str, SourceText], kind: str, directory: Path) -> SourceText:
    found = _of_kind(sources, kind)
    if len(found) != 1:
        raise ParseError(directory / REGISTRY, 0, f"{len(found)} sources of kind {kind}, where one is read")
    return found[0]


def read(directory: Path = DOCUMENTS_DIR) -> Corpus:
    sources = load_all(directory)
    s000, s001, s002, s003 = (
        _one(sources, kind, directory)
        for kind in ("vap-introduction", "vap-pdf", "first-meeting-final-document", "lausanne-booklet")
    )
    # every status table; the one with the latest as-of date gives the dates (an undated one counts as oldest)
    tables = [treaty_status.parse(t, _readme(t)) for t in _of_kind(sources, "treaty-status")]
    if not tables:
        raise ParseError(directory / REGISTRY, 0, "no source of kind treaty-status")
    tables.sort(key=lambda t: (t.as_of is not None, t.as_of or dt.date.min, t.key))

    annex1 = s002.find(r"^Annex I\s*$")
    annex2 = s002.find(r"^Annex II\s*$", annex1.end())
    annex3 = s002.find(r"^Annex III\s*$", annex2.end())
    plan = vap.merge([vap.parse(s002, annex2.end(), annex3.start()), vap.parse(s001), vap.parse(s000)])
    lausanne_start = s003.find(r"^Lausanne Declaration\s*$")
    convention_start = s003.find(r"^Convention on Cluster Munitions\s*$", lausanne_start.end())
    final_document = report.parse(s002)
    corpus = Corpus(
        sources=sources,
        convention=convention.parse(s003),
        vap=plan,
        lap=lap.parse(s003),
        report=final_document,
        vientiane=declarations.parse(s002, "vientiane", annex1.end(), annex2.start()),
        lausanne=declarations.parse(s003, "lausanne", lausanne_start.start(), convention_start.start()),
        isu=isu.parse(s003),
        status=tables[-1],
        older_status=tables[:-1],
        meetings={m.key: m for m in final_document.meetings},
        themes={},
    )
    for src in _of_kind(sources, "lineage-reviews"):
        decisions = reviews.parse(src)
        reviews.check(src, decisions, corpus.vap.actions, corpus.lap.actions)
        corpus.reviews += decisions
    _named_meetings(corpus)
    _group_themes(corpus)
    _read_commitments(corpus)
    return corpus


def _read_commitments(corpus: Corpus) -> None:
    """Each action's commitments and its chapeau's verb, and the themes they name besides the section's."""
    sections = {s.title for plan in (corpus.vap, corpus.lap) for s in plan.sections}
    labels: dict[str, list[str]] = {}
    for group in {id(g): g for g in corpus.themes.values()}.values():
        if any(label in sections for label in group.labels):  # the plans' themes, not the report's topics
            labels[group.label] = [label for label in group.labels if label in sections]
    verbs = commitments.imperative_verbs(corpus.vap.actions + corpus.lap.actions)
    for plan in (corpus.vap, corpus.lap):
        titles = {s.key: s.title for s in plan.sections}
        for action in plan.actions:
            action.chapeau_verb = commitments.chapeau_verb(action.chapeau)
            action.commitments = commitments.read(action, corpus.sources, verbs)
            own = corpus.themes[titles[action.section]].label
            for unit in action.commitments:
                unit.themes = [t for t in commitments.themes_named(unit.text, labels) if t != own]
            first = re.split(r"(?<=[.;])\s+", action.text)[0]
            action.themes = [t for t in commitments.themes_named(first, labels) if t != own]


def _readme(src: SourceText) -> SourceText | None:
    """The README vendored beside a data file, which states its as-of date and address."""
    path = src.path.with_name(companion(src.path.name))
    return SourceText(src.key, path, path.read_text(encoding="utf-8"), "", src.kind) if path.is_file() else None


def _named_meetings(corpus: Corpus) -> None:
    """Meetings the plans, declarations and Convention name ('the Eleventh Meeting of States Parties in 2022')."""
    texts: list[tuple[str, Span]] = []
    texts += [(a.text, a.spans[0]) for a in corpus.vap.actions + corpus.lap.actions]
    texts += [(p.text, p.span) for d in (corpus.vientiane, corpus.lausanne) for p in d.paragraphs]
    texts += [(p.text, p.spans[0]) for p in corpus.lap.intro]
    for text, span in texts:
        for ref, start, _ in meeting_refs(text):
            meeting = corpus.meetings.get(ref.key)
            if meeting is None:
                meeting = corpus.meetings[ref.key] = Meeting(
                    ref.key, _meeting_label(ref), [span], kind=ref.kind, number=ref.number
                )
            elif span not in meeting.spans:
                meeting.spans.append(span)
            if ref.year and meeting.year is None:
                meeting.year = ref.year
            # "gathered in Lausanne in November 2020 for its Second Review Conference"
            if m := re.search(r"gathered in ([A-Z]\w+) in \w+ (\d{4}) for its\s*$", text[:start]):
                meeting.place = meeting.place or m.group(1)
                meeting.year = meeting.year or int(m.group(2))


def _meeting_label(ref: MeetingRef) -> str:
    kind = "Meeting of States Parties" if ref.kind == "msp" else "Review Conference"
    return f"{ordinal_word(ref.number).capitalize()} {kind}"


def _key(label: str) -> frozenset[str]:
    return frozenset(w for w in words(label) if w not in STOP_WORDS)


def _group_themes(corpus: Corpus) -> None:
    """One theme per distinct topic: a heading whose words include all the words of a shorter
    heading or topic shares that one's theme ('Survey and clearance' and 'Clearance' are one)."""
    candidates: list[Theme] = [Theme(s.title, s.spans[0]) for s in corpus.vap.sections if s.number != 1]
    candidates += [Theme(s.title, s.spans[0]) for s in corpus.lap.sections if s.order != 1]
    candidates += corpus.report.themes
    for candidate in candidates:
        key = _key(candidate.label)
        within = [c for c in candidates if _key(c.label) <= key]
        best = min(within, key=lambda c: len(_key(c.label)))  # min keeps the first of equals
        group = corpus.themes.setdefault(best.label, ThemeGroup(best.label))
        if candidate.label not in group.labels:
            group.labels.append(candidate.label)
        if candidate.span not in group.spans:
            group.spans.append(candidate.span)
        corpus.themes[candidate.label] = group
