"""How each Lausanne action carries on Vientiane actions: a probability for every pair, a global assignment,
a relation and what changed.

A lineage link says that the same addressees committed to substantially the same thing in both plans. Two
plans about one treaty share most of their words, so no single similarity decides; the evidence is weighed:

1. Lexical: the TF-IDF cosine of the two actions' stems (Snowball; each acronym the plans define read as its
   words, British spellings made American), and the best cosine between a commitment of one and a commitment
   of the other (graph/parse/commitments.py: a long action is several commitments, and one of them may be
   all that carried over).
2. Semantic: the same two cosines over WordLlama embeddings (`l2_supercat`, 256 dimensions, whose weights ship
   inside the `wordllama` wheel and load from its own folder, never from the network).
3. Structure: a shared theme, a shared cited article, a shared addressee; and what the later plan will count
   of the action (the lexical cosine of its indicators with the earlier text).
4. Context: how the pair's similarity compares with the best the Lausanne action has with any Vientiane action,
   and with the best the Vientiane action has with any Lausanne action (a pair that is each side's best is
   more telling than one that is merely similar), and its rank among the Lausanne action's candidates.

A logistic model turns these into a probability. It is fitted on the reviewed decisions (documents/005): every
pair of a reviewed Lausanne action with a Vientiane action is a labelled example (linked or not), so adding a
review refines the model as well as deciding its own action. bench/lineage.py scores it under
cross-validation by Lausanne action, never on the decisions it was fitted to, and reports how well the
probabilities are calibrated.

The links are then chosen for all unreviewed Lausanne actions at once, not pair by pair: the most probable
pairs first, each taken if it passes `PUBLISH` (the stated probability a link must pass) and neither its
Lausanne action already carries on `MAX_PREDECESSORS` Vientiane actions nor its Vientiane action is carried
into `MAX_SUCCESSORS` Lausanne ones (Nelken and Shieber's alignment of document versions: similarity made a
probability, then aligned globally). Where a review exists, its decisions are the lineage, and the model gives
each of them a second opinion, fitted without the reviews of that Lausanne action.

Each link rests on one sentence of each action (a commitment): the one holding the reviewer's quote, else the
pair most alike lexically and in meaning.

The relation is read from the link: "merged" when the Lausanne action has two or more predecessors, "split"
when the Vientiane action has two or more successors; otherwise "same" for nearly identical wording,
"strengthened" or "weakened" when the commitment binds more or less firmly, and "narrower" or "broader" by
which text holds more of the other's content. The deadline change is one value per link.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from rdflib import RDF, Graph, URIRef
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from ..sources.text import comparable
from ..vocab import CCM, TIME
from ..vocab.iris import last_segment
from .dates import duration_parts
from .similarity import Tfidf

PUBLISH = 0.35  # a computed link is published from this probability on (docs/lineage.md says why)
MAX_PREDECESSORS = 4  # a merger of more than a handful is a shared topic, not one commitment
MAX_SUCCESSORS = 3
CANDIDATES = 20  # pairs per later action: its closest by each similarity
POSTINGS = 64  # entries visited per term of the inverted index: bounds the work per action
SAME = 0.75  # a cosine above which the wording carried over nearly unchanged
REGULARISATION = 1.0  # the logistic model's C: few examples, so not fitted to their noise
SECOND_OPINION_GROUPS = 5  # the reviewed actions are held out in this many groups for the model's second opinion
FEATURES = (
    "lexical cosine of the actions",
    "best lexical cosine of their commitments",
    "semantic cosine of the actions",
    "best semantic cosine of their commitments",
    "a shared theme",
    "a shared cited article",
    "a shared addressee",
    "similarity relative to the Lausanne action's best",
    "similarity relative to the Vientiane action's best",
    "reciprocal rank among the Lausanne action's candidates",
    "reciprocal rank among the Vientiane action's candidates",
    "the two relative similarities multiplied: each side's best at once",
    "the semantic cosine squared",
    "lexical cosine of one action's indicators with the other's text",
)

# how firmly an action binds, weakest first (graph/parse/commitments.py reads these from the wording)
STRENGTH_ORDER = ("encouraging", "recommended", "best-efforts", "qualified", "firm")

_CLAUSE = re.compile(r"[;:.]\s|,\s(?:and|including|in\s+particular)\s")
_ACRONYM = re.compile(r"((?:[A-Z][\w-]*\s+(?:(?:of|and|for|the|on|to)\s+)*){2,8})\(([A-Z]{2,6})s?\)")


@dataclass(frozen=True)
class PlanAction:
    """One action, as lineage sees it."""

    iri: URIRef
    plan: URIRef
    number: int
    text: str  # its commitments and lettered items; the chapeau says who, not what
    commitments: tuple[str, ...]
    commitment_iris: tuple[URIRef, ...]  # the same commitments' resources, in the same order
    indicators: str  # what the plan will measure of the action, its indicators' texts ("" for none)
    themes: frozenset[URIRef]
    articles: frozenset[URIRef]
    addressees: frozenset[URIRef]
    strength: URIRef | None
    deadlines: tuple[URIRef, ...]
    start_year: int | None  # the first year of the action's plan: what a dated deadline counts from


@dataclass(frozen=True)
class Review:
    """A reviewed decision, as lineage uses it."""

    iri: URIRef
    lausanne: int
    vientiane: int | None
    decision: str  # added | confirmed | rejected | new
    relation: str | None
    lausanne_quote: str = ""  # the words of each plan the decision rests on
    vientiane_quote: str = ""


@dataclass(frozen=True)
class Link:
    successor: URIRef
    predecessor: URIRef
    probability: float
    cosine: float
    relation: str  # same | narrower | broader | strengthened | weakened | merged | split
    review: URIRef | None = None  # the review it publishes; None for a computed link
    shared: tuple[URIRef, ...] = field(default=())  # the themes and articles both have
    model_probability: float | None = None  # a reviewed link's probability from a model fitted without its action
    # the commitment of each action the link rests on (the later's, the earlier's; positions in `commitments`)
    rests_on: tuple[int | None, int | None] = (None, None)


def actions(asserted: Graph) -> list[PlanAction]:
    """Every action of every plan, with its commitments' and items' texts."""
    out = []
    for action in sorted(asserted.subjects(RDF.type, CCM.Action)):
        items = " ".join(str(asserted.value(i, CCM.text)) for i in asserted.objects(action, CCM.hasItem))
        units = sorted(asserted.subjects(CCM.commitmentOf, action), key=lambda c: int(asserted.value(c, CCM.order)))
        cited = {_article(c) for c in asserted.objects(action, CCM.cites)}
        out.append(
            PlanAction(
                iri=action,
                plan=asserted.value(action, CCM.inPlan),
                number=int(asserted.value(action, CCM.actionNumber)),
                text=f"{asserted.value(action, CCM.text)} {items}".strip(),
                commitments=tuple(str(asserted.value(c, CCM.text)) for c in units),
                commitment_iris=tuple(units),
                indicators=" ".join(
                    str(asserted.value(i, CCM.text)) for i in sorted(asserted.subjects(CCM.indicatorOf, action))
                ),
                themes=frozenset(asserted.objects(action, CCM.theme)),
                articles=frozenset(c for c in cited if c is not None),
                addressees=frozenset(asserted.objects(action, CCM.addressee)),
                strength=asserted.value(action, CCM.strength),
                deadlines=tuple(sorted(asserted.objects(action, CCM.hasDeadline))),
                start_year=_start_year(asserted, asserted.value(action, CCM.inPlan)),
            )
        )
    return out


def reviews(asserted: Graph) -> list[Review]:
    """The reviewed decisions the asserted graph holds (from documents/005)."""
    out = []
    for r in asserted.subjects(RDF.type, CCM.LineageReview):
        before = asserted.value(r, CCM.reviewedPredecessor)
        relation = asserted.value(r, CCM.reviewedRelation)
        out.append(
            Review(
                iri=r,
                lausanne=int(asserted.value(asserted.value(r, CCM.reviewOf), CCM.actionNumber)),
                vientiane=int(asserted.value(before, CCM.actionNumber)) if before is not None else None,
                decision=last_segment(asserted.value(r, CCM.reviewDecision)),
                relation=last_segment(relation) if relation is not None else None,
                lausanne_quote=str(asserted.value(r, CCM.evidenceAfter) or ""),
                vientiane_quote=str(asserted.value(r, CCM.evidenceBefore) or ""),
            )
        )
    return sorted(out, key=lambda r: (r.lausanne, r.vientiane or 0))


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


@cache
def _embedder():  # noqa: ANN202 - wordllama's own type
    """WordLlama's l2_supercat model, from the weights and tokenizer inside the installed package."""
    import wordllama

    return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def _measured(action: PlanAction) -> URIRef:
    """The key of an action's indicators among the TF-IDF documents."""
    return URIRef(f"{action.iri}#indicators")


def _unit_vectors(texts: list[str]) -> np.ndarray:
    vectors = np.asarray(_embedder().embed(texts), dtype=float)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


@dataclass
class Evidence:
    """The features of the candidate (later, earlier) pairs, and the lexical model for relations.

    A pair is a candidate when either similarity ranks it among the later action's `CANDIDATES` closest:
    the lexical ones from an inverted index that visits at most `POSTINGS` entries per term, the semantic
    ones from one matrix product. The work per action is bounded, so a corpus a hundred times larger costs
    a hundred times more, not ten thousand; a pair that is no candidate has no link."""

    later: list[PlanAction]
    earlier: list[PlanAction]
    pairs: np.ndarray  # (n, 2): row in `later`, row in `earlier`
    features: np.ndarray  # (n, len(FEATURES))
    vectors: Tfidf
    closest: np.ndarray  # (n, 2): the most alike commitment of each side, by position in its action

    @classmethod
    def of(cls, earlier: list[PlanAction], later: list[PlanAction]) -> Evidence:
        everything = earlier + later
        # how specific a word is, counted over clauses rather than whole actions: a long action holds most
        # of the plans' common words once, a clause only the few it is about
        clauses = [c for a in everything for c in _CLAUSE.split(a.text) if len(c.split()) >= 4]
        expansions = acronyms(a.text for a in everything)
        units = {URIRef(f"{a.iri}#{i}"): t for a in everything for i, t in enumerate(a.commitments or (a.text,))}
        # an action's indicators say what counts as doing it: "the number of States Parties that include cluster
        # munition victims in their delegations" names what an earlier action asked in other words
        measured = {_measured(a): a.indicators for a in everything if a.indicators}
        vectors = Tfidf.fit({a.iri: a.text for a in everything} | measured, expansions, clauses)
        unit_vectors = Tfidf.fit(units, expansions, clauses)
        dense = _unit_vectors([a.text for a in everything])
        dense_units = _unit_vectors(list(units.values()))
        unit_rows: dict[URIRef, list[int]] = {}
        for i, key in enumerate(units):
            unit_rows.setdefault(URIRef(str(key).split("#")[0]), []).append(i)
        keys = list(units)
        column = {b.iri: j for j, b in enumerate(earlier)}
        index = vectors.index((b.iri for b in earlier), POSTINGS)
        semantic = dense[len(earlier) :] @ dense[: len(earlier)].T
        pairs = []
        for i, a in enumerate(later):
            lexical = sorted(vectors.candidates(a.iri, index).items(), key=lambda kv: (-kv[1], kv[0]))
            near = {column[iri] for iri, _ in lexical[:CANDIDATES]}
            near |= set(np.argsort(-semantic[i], kind="stable")[:CANDIDATES].tolist())
            pairs += [(i, j) for j in sorted(near)]
        f = np.zeros((len(pairs), len(FEATURES)))
        closest = np.zeros((len(pairs), 2), dtype=int)
        for n, (i, j) in enumerate(pairs):
            a, b = later[i], earlier[j]
            ua, ub = unit_rows[a.iri], unit_rows[b.iri]
            lexical = np.array([[unit_vectors.cosine(keys[x], keys[y]) for y in ub] for x in ua])
            meaning = dense_units[ua] @ dense_units[ub].T
            f[n, 0] = vectors.cosine(a.iri, b.iri)
            f[n, 1] = lexical.max()
            f[n, 2] = semantic[i, j]
            f[n, 3] = float(meaning.max())
            closest[n] = np.unravel_index(int(np.argmax(lexical + meaning)), lexical.shape)
            f[n, 4] = bool(a.themes & b.themes)
            f[n, 5] = bool(a.articles & b.articles)
            f[n, 6] = bool({last_segment(x) for x in a.addressees} & {last_segment(x) for x in b.addressees})
            f[n, 13] = max(vectors.cosine(_measured(x), y.iri) if x.indicators else 0.0 for x, y in ((a, b), (b, a)))
        pairs_array = np.array(pairs, dtype=int).reshape(-1, 2)
        score = f[:, 1] + f[:, 3]
        for axis, best_col, rank_col in ((0, 7, 9), (1, 8, 10)):  # each later action's best, each earlier one's
            groups = pairs_array[:, axis]
            best = np.zeros(int(groups.max()) + 1 if len(groups) else 0)
            np.maximum.at(best, groups, score)
            f[:, best_col] = score / np.maximum(best[groups], 1e-12)
            order = np.lexsort((-score, groups))  # by group, each group's best first
            rank = np.zeros(len(score))
            for n in range(1, len(order)):
                same = groups[order[n]] == groups[order[n - 1]]
                rank[order[n]] = rank[order[n - 1]] + 1 if same else 0
            f[:, rank_col] = 1.0 / (1 + rank)
        f[:, 11] = f[:, 7] * f[:, 8]
        f[:, 12] = f[:, 2] ** 2
        return cls(later, earlier, pairs_array, f, vectors, closest)

    def position(self, later_row: int, earlier_row: int) -> int | None:
        """Where the pair is among the candidates; None when it is none."""
        hit = np.flatnonzero((self.pairs[:, 0] == later_row) & (self.pairs[:, 1] == earlier_row))
        return int(hit[0]) if len(hit) else None

    def opinion(self, second: np.ndarray, later_row: int, earlier_row: int) -> float:
        """The second opinion (`second_opinion`) on a pair; 0 for a pair that is no candidate, which the model
        would never link."""
        at = self.position(later_row, earlier_row)
        return 0.0 if at is None or np.isnan(second[at]) else float(second[at])

    def rows(self, later_rows: Iterable[int]) -> np.ndarray:
        """The positions of the candidate pairs of the given later actions."""
        return np.flatnonzero(np.isin(self.pairs[:, 0], list(later_rows)))

    def labels(self, decisions: list[Review]) -> tuple[set[int], np.ndarray]:
        """The reviewed later actions (by row) and, for every candidate pair, whether a review links it."""
        column = {b.number: j for j, b in enumerate(self.earlier)}
        row = {a.number: i for i, a in enumerate(self.later)}
        reviewed = {row[r.lausanne] for r in decisions if r.lausanne in row}
        linked = {
            (row[r.lausanne], column[r.vientiane])
            for r in decisions
            if r.lausanne in row and r.vientiane is not None and r.decision in ("added", "confirmed")
        }
        return reviewed, np.array([(int(i), int(j)) in linked for i, j in self.pairs], dtype=bool)


def fit(evidence: Evidence, rows: Iterable[int], y: np.ndarray) -> Pipeline:
    """The logistic model of a link, fitted on the candidate pairs of the given later actions (features
    standardised, so that one regularisation weighs cosines and yes-or-no features alike)."""
    at = evidence.rows(rows)
    model = make_pipeline(StandardScaler(), LogisticRegression(C=REGULARISATION, max_iter=5000))
    return model.fit(evidence.features[at], y[at])


def probabilities(model: Pipeline, evidence: Evidence, rows: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the candidate pairs of the given later actions, and P(link) for each."""
    at = evidence.rows(rows)
    return at, (model.predict_proba(evidence.features[at])[:, 1] if len(at) else np.zeros(0))


def second_opinion(evidence: Evidence, reviewed: set[int], y: np.ndarray) -> np.ndarray:
    """What the computed layer alone says of the reviewed actions: P(link) for each of their candidate pairs from
    a model fitted on the other reviewed actions only (held out in SECOND_OPINION_GROUPS groups in turn); NaN
    for the pairs of unreviewed actions. Where a review and this disagree, the review rests on its reader alone."""
    out = np.full(len(evidence.pairs), np.nan)
    rows = sorted(reviewed)
    for k in range(min(SECOND_OPINION_GROUPS, len(rows))):
        held = rows[k::SECOND_OPINION_GROUPS]
        rest = [r for r in rows if r not in held]
        if not y[evidence.rows(rest)].any():
            continue
        at, q = probabilities(fit(evidence, rest, y), evidence, held)
        out[at] = q
    return out


def assign(pairs: np.ndarray, p: np.ndarray, threshold: float = PUBLISH) -> list[tuple[int, int]]:
    """The links chosen for all the given pairs at once, most probable first: a pair from the threshold on
    is taken unless its later action already has MAX_PREDECESSORS or its earlier one MAX_SUCCESSORS
    (a greedy maximum-weight assignment within both capacities, which scales to any corpus)."""
    taken: list[tuple[int, int]] = []
    before: Counter[int] = Counter()
    after: Counter[int] = Counter()
    for k in np.argsort(-p, kind="stable"):
        if p[k] < threshold:
            break
        i, j = int(pairs[k, 0]), int(pairs[k, 1])
        if before[i] < MAX_PREDECESSORS and after[j] < MAX_SUCCESSORS:
            taken.append((i, j))
            before[i] += 1
            after[j] += 1
    return sorted(taken)


def links(
    earlier: list[PlanAction], later: list[PlanAction], decisions: list[Review]
) -> tuple[list[Link], Evidence, np.ndarray, np.ndarray]:
    """The published lineage: the reviewed decisions where they exist, the assignment elsewhere; with the
    probability of every candidate pair (a reviewed pair's 1 or 0) and the model's second opinion on the
    reviewed ones (`second_opinion`)."""
    evidence = Evidence.of(earlier, later)
    reviewed, y = evidence.labels(decisions)
    p = y.astype(float)
    second = second_opinion(evidence, reviewed, y)
    row = {a.number: i for i, a in enumerate(later)}
    column = {b.number: j for j, b in enumerate(earlier)}
    chosen: list[tuple[int, int, URIRef | None, str | None]] = [
        (row[r.lausanne], column[r.vientiane], r.iri, r.relation)
        for r in decisions
        if r.vientiane is not None and r.decision in ("added", "confirmed") and r.lausanne in row
    ]
    rest = [i for i in range(len(later)) if i not in reviewed]
    if rest and y.any():
        at, q = probabilities(fit(evidence, reviewed, y), evidence, rest)
        p[at] = q
        chosen += [(i, j, None, None) for i, j in assign(evidence.pairs[at], q)]
    quotes = {r.iri: (r.lausanne_quote, r.vientiane_quote) for r in decisions}
    predecessors = Counter(c[0] for c in chosen)
    successors = Counter(c[1] for c in chosen)
    probability = {(int(i), int(j)): float(x) for (i, j), x in zip(evidence.pairs, p, strict=True)}
    out = []
    for i, j, review, relation in sorted(chosen, key=lambda c: (c[0], c[1])):
        a, b = later[i], earlier[j]
        cosine = evidence.vectors.cosine(a.iri, b.iri)
        if relation is None:
            relation = _relation(a, b, cosine, predecessors[i], successors[j], evidence.vectors)
        shared = (*sorted(a.themes & b.themes), *sorted(a.articles & b.articles))
        chance = 1.0 if review is not None else probability[(i, j)]
        rests = _rests_on(a, b, evidence, i, j, quotes.get(review))
        opinion = evidence.opinion(second, i, j) if review is not None else None
        out.append(Link(a.iri, b.iri, chance, cosine, relation, review, shared, opinion, rests))
    return out, evidence, p, second


def _rests_on(
    after: PlanAction, before: PlanAction, evidence: Evidence, i: int, j: int, quotes: tuple[str, str] | None
) -> tuple[int | None, int | None]:
    """The commitment of each action a link rests on: the one holding the reviewer's quote, else the pair of
    commitments most alike (lexically and in meaning); None for an action that has no commitments."""
    at = evidence.position(i, j)
    guess = (int(evidence.closest[at, 0]), int(evidence.closest[at, 1])) if at is not None else (0, 0)
    out: list[int | None] = []
    for action, quote, fallback in (
        (after, quotes[0] if quotes else "", guess[0]),
        (before, quotes[1] if quotes else "", guess[1]),
    ):
        if not action.commitments:
            out.append(None)
            continue
        said = comparable(quote) if quote else ""
        holding = [k for k, c in enumerate(action.commitments) if said and said in comparable(c)]
        out.append(holding[0] if holding else fallback)
    return out[0], out[1]


def decided(evidence: Evidence, decisions: list[Review], axis: int) -> np.ndarray:
    """For each later (axis 0) or earlier (axis 1) action, whether the reviews alone decide what continues it:
    a later action with a review; an earlier one whose every candidate pair is of a reviewed later action."""
    reviewed, _ = evidence.labels(decisions)
    if axis == 0:
        return np.array([i in reviewed for i in range(len(evidence.later))], dtype=bool)
    out = np.ones(len(evidence.earlier), dtype=bool)
    for i, j in evidence.pairs:
        if i not in reviewed:
            out[j] = False
    return out


def nothing_continues(evidence: Evidence, p: np.ndarray, axis: int) -> np.ndarray:
    """For each later (axis 0) or earlier (axis 1) action, the probability that no pair of it is a link."""
    out = np.ones(len(evidence.later) if axis == 0 else len(evidence.earlier))
    np.multiply.at(out, evidence.pairs[:, axis], 1 - p)
    return out


def _relation(
    after: PlanAction, before: PlanAction, cosine: float, predecessors: int, successors: int, vectors: Tfidf
) -> str:
    if predecessors > 1:
        return "merged"
    if successors > 1:
        return "split"
    if cosine >= SAME:
        return "same"
    change = strength_change(before.strength, after.strength)
    if change in ("stronger", "weaker"):
        return "strengthened" if change == "stronger" else "weakened"
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


def deadline_change(asserted: Graph, before: PlanAction, after: PlanAction) -> str | None:
    """How the time allowed changed, as one value: added (only the later has a time limit), dropped (only
    the earlier), tightened or relaxed (the shortest time a comparable limit allows, counted from the same
    event, as a recurrence, or to a date or meeting from each plan's first year), unchanged, or changed
    (both have limits, of no comparable kind); None when neither has one."""
    if not before.deadlines and not after.deadlines:
        return None
    if not before.deadlines:
        return "added"
    if not after.deadlines:
        return "dropped"
    b, a = _allowances(asserted, before), _allowances(asserted, after)
    common = sorted(set(a) & set(b), key=str)
    if not common:
        return "changed"
    # the comparison of the kind both share that allows least time: what a State must meet first
    kind = min(common, key=lambda k: min(a[k], b[k]))
    return "unchanged" if a[kind] == b[kind] else "tightened" if a[kind] < b[kind] else "relaxed"


def _allowances(asserted: Graph, action: PlanAction) -> dict[tuple[str, ...], float]:
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
