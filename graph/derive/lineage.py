"""How each Lausanne action carries on Vientiane actions: candidates, a score, a relation and what changed.

A lineage link says that the same addressees committed to substantially the same thing in both plans.
Shared words alone are weak evidence (two plans about the same treaty share most of their words), so:

1. Texts are compared as stems (Snowball), with each acronym the plans define ("Implementation Support
   Unit (ISU)") read as its words and British spellings made American, so rewording is seen past.
2. Candidates come from an inverted index of those stems, visiting for each term only its
   `POSTINGS` heaviest entries: the work per action is bounded, so a corpus a hundred times larger
   costs a hundred times more, not ten thousand.
3. The score is the TF-IDF cosine of the two texts (their commitments and lettered items; the chapeau
   says who, not what) plus bonuses for what the actions share beyond words: the same theme (candidates
   of the same theme come first), the same cited article.
4. An action's predecessors are the candidates scoring at least `THRESHOLD` and at least `RELATIVE` of
   its best one, at most `MAX_PREDECESSORS`; an action with none is new.

The relation is read from the link itself: two or more predecessors is "merged"; otherwise "same" when the
texts are nearly identical, "strengthened" when the commitment binds more firmly or sooner, and
"narrower" or "broader" by which text holds more of the other's content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, Graph, URIRef

from ..vocab import CCM, TIME
from ..vocab.iris import last_segment
from .dates import duration_parts
from .similarity import Tfidf

THRESHOLD = 0.25  # below this, two actions share a topic, not a commitment
RELATIVE = 0.75  # a second predecessor must score nearly as well as the first
POSTINGS = 64  # entries visited per term: bounds the work per action
MAX_PREDECESSORS = 4  # a merger of more than a handful is a shared topic, not one commitment
SAME = 0.75  # a cosine above which the wording carried over nearly unchanged
THEME_BONUS = 0.08
ARTICLE_BONUS = 0.04

# how firmly an action binds, weakest first (graph/parse/commitments.py reads these from the wording)
STRENGTH_ORDER = ("encouraging", "recommended", "best-efforts", "qualified", "firm")

_CLAUSE = re.compile(r"[;:.]\s|,\s(?:and|including|in\s+particular)\s")
_ACRONYM = re.compile(r"((?:[A-Z][\w-]*\s+(?:(?:of|and|for|the|on|to)\s+)*){2,8})\(([A-Z]{2,6})s?\)")


@dataclass(frozen=True)
class Commitment:
    """One action, as lineage sees it."""

    iri: URIRef
    plan: URIRef
    text: str
    themes: frozenset[URIRef]
    articles: frozenset[URIRef]
    addressees: frozenset[URIRef]
    strength: URIRef | None
    deadlines: tuple[URIRef, ...]
    start_year: int | None  # the first year of the action's plan: what a dated deadline counts from


@dataclass(frozen=True)
class Link:
    successor: URIRef
    predecessor: URIRef
    score: float
    cosine: float
    relation: str  # same | narrower | broader | merged | strengthened
    shared: tuple[URIRef, ...] = field(default=())  # the themes and articles both have


def commitments(asserted: Graph) -> list[Commitment]:
    """Every action of every plan, with its items' texts."""
    out = []
    for action in sorted(asserted.subjects(RDF.type, CCM.Action)):
        items = " ".join(str(asserted.value(i, CCM.text)) for i in asserted.objects(action, CCM.hasItem))
        cited = {_article(c) for c in asserted.objects(action, CCM.cites)}
        out.append(
            Commitment(
                iri=action,
                plan=asserted.value(action, CCM.inPlan),
                text=f"{asserted.value(action, CCM.text)} {items}",  # the chapeau names who, not what
                themes=frozenset(asserted.objects(action, CCM.theme)),
                articles=frozenset(c for c in cited if c is not None),
                addressees=frozenset(asserted.objects(action, CCM.addressee)),
                strength=asserted.value(action, CCM.strength),
                deadlines=tuple(sorted(asserted.objects(action, CCM.hasDeadline))),
                start_year=_start_year(asserted, asserted.value(action, CCM.inPlan)),
            )
        )
    return out


def _start_year(asserted: Graph, plan: URIRef | None) -> int | None:
    for value in (asserted.value(plan, CCM.periodStart), asserted.value(plan, CCM.adopted)):
        if value is not None and (m := re.match(r"\d{4}", str(value))):
            return int(m.group())
    return None


def _article(provision: URIRef) -> URIRef | None:
    m = re.match(r"(.*/convention/article/\d+)", str(provision))
    return URIRef(m.group(1)) if m else None


def acronyms(texts: Iterable[str]) -> dict[str, str]:
    """The acronyms the texts define, as the words they stand for: 'isu' -> 'implementation support unit'."""
    found: dict[str, str] = {}
    for text in texts:
        for m in _ACRONYM.finditer(text):
            name, short = m.group(1).split(), m.group(2)
            initials = [w for w in name if w[0].isupper()]
            # the last words whose initials spell the acronym ("... the Implementation Support Unit (ISU)")
            if len(initials) >= len(short) and "".join(w[0] for w in initials[-len(short) :]) == short:
                start = name.index(initials[-len(short)])
                found.setdefault(short.lower(), " ".join(name[start:]).lower())
    return found


def links(earlier: list[Commitment], later: list[Commitment]) -> list[Link]:
    """Each later action's predecessors among the earlier ones."""
    everything = earlier + later
    # how specific a word is, counted over clauses rather than whole actions: a long action holds most
    # of the plans' common words once, a clause only the few it is about
    clauses = [c for a in everything for c in _CLAUSE.split(a.text) if len(c.split()) >= 4]
    vectors = Tfidf.fit({c.iri: c.text for c in everything}, acronyms(c.text for c in everything), clauses)
    index = vectors.index((c.iri for c in earlier), POSTINGS)
    by_iri = {c.iri: c for c in earlier}
    out = []
    for action in later:
        scored = []
        for iri, cosine in vectors.candidates(action.iri, index).items():
            before = by_iri[iri]
            themes, articles = action.themes & before.themes, action.articles & before.articles
            bonus = THEME_BONUS * bool(themes) + ARTICLE_BONUS * bool(articles)
            scored.append((cosine + bonus, cosine, iri, (*sorted(themes), *sorted(articles))))
        scored.sort(key=lambda s: (-s[0], s[2]))
        if not scored or scored[0][0] < THRESHOLD:
            continue
        kept = [s for s in scored if s[0] >= THRESHOLD and s[0] >= RELATIVE * scored[0][0]][:MAX_PREDECESSORS]
        for score, cosine, iri, shared in kept:
            relation = _relation(action, by_iri[iri], cosine, len(kept), vectors)
            out.append(Link(action.iri, iri, min(score, 1.0), cosine, relation, shared))
    return out


def _relation(after: Commitment, before: Commitment, cosine: float, predecessors: int, vectors: Tfidf) -> str:
    if predecessors > 1:
        return "merged"
    if cosine >= SAME:
        return "same"
    if strength_change(before.strength, after.strength) == "stronger":
        return "strengthened"
    # the text that holds more of the other's content is the broader commitment
    narrower = vectors.coverage(after.iri, before.iri) > vectors.coverage(before.iri, after.iri)
    return "narrower" if narrower else "broader"


def strength_change(before: URIRef | None, after: URIRef | None) -> str | None:
    """stronger | weaker | unchanged, by the order of STRENGTH_ORDER (None when either is unknown)."""
    if before is None or after is None:
        return None
    rank = {name: i for i, name in enumerate(STRENGTH_ORDER)}
    b, a = rank.get(last_segment(before)), rank.get(last_segment(after))
    if a is None or b is None:
        return None
    return "unchanged" if a == b else "stronger" if a > b else "weaker"


def deadline_changes(asserted: Graph, before: Commitment, after: Commitment) -> list[str]:
    """How the time allowed changed, kind by kind of deadline: for a time limit from the same event
    ("within one year of entry into force"), for a recurrence ("annually") and for a date or meeting
    ("by the Eleventh Meeting ... in 2022", counted from the plan's first year): tightened, relaxed or
    unchanged; a kind only one side has is added or dropped; deadlines of no comparable kind are changed."""
    b, a = _allowances(asserted, before), _allowances(asserted, after)
    if not before.deadlines and not after.deadlines:
        return []
    changes = []
    for kind in sorted(set(b) | set(a), key=str):
        if kind not in a:
            changes.append("dropped")
        elif kind not in b:
            changes.append("added")
        else:
            changes.append("unchanged" if a[kind] == b[kind] else "tightened" if a[kind] < b[kind] else "relaxed")
    if not changes:
        changes.append("dropped" if not after.deadlines else "added" if not before.deadlines else "changed")
    return sorted(set(changes))


def _allowances(asserted: Graph, action: Commitment) -> dict[tuple[str, ...], float]:
    """The shortest time each kind of the action's deadlines allows, in days."""
    out: dict[tuple[str, ...], float] = {}
    for d in action.deadlines:
        kind, days = None, None
        if (duration := asserted.value(d, TIME.hasXSDDuration)) is not None:
            kind, days = ("within", str(asserted.value(d, CCM.anchorEvent))), _days(str(duration))
        elif (every := asserted.value(d, CCM.recursEvery)) is not None:
            kind, days = ("every",), _days(str(every))
        elif (year := _year(asserted, d)) is not None and action.start_year is not None:
            kind, days = ("by",), (year - action.start_year) * 365.25
        if kind is not None and days is not None:
            out[kind] = min(days, out.get(kind, days))
    return out


def _year(asserted: Graph, deadline: URIRef) -> int | None:
    meeting = asserted.value(deadline, CCM.atMeeting)
    for value in (
        asserted.value(deadline, TIME.inXSDgYear),
        asserted.value(deadline, CCM.year),
        asserted.value(meeting, CCM.year) if meeting is not None else None,
        asserted.value(deadline, TIME.inXSDDate),
    ):
        if value is not None and (m := re.match(r"\d{4}", str(value))):
            return int(m.group())
    return None


def _days(duration: str) -> float | None:
    parts = duration_parts(duration)
    if parts is None or duration == "P":  # no amount at all: nothing to compare
        return None
    years, months, days = parts
    return years * 365.25 + months * 30.44 + days
