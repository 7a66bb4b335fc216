"""How alike two texts are: TF-IDF vectors over the stems of their content words, compared by cosine,
with an inverted index for finding, among many texts, the ones that share a text's words."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from ..sources.text import stem, words

STOP = frozenset(
    """a about all also an and any are as at be been being between both by can could do each either
for from further has have how if in into is it its made make may more most must not of on or other
our own part parties party relevant same shall should so such than that the their them then there these
they this those through to under upon was well were what when where whether which while who whose will
with within would convention state states including ensure take""".split()
)

Postings = dict[str, list[tuple[float, URIRef]]]


def content_words(text: str, expansions: dict[str, str] | None = None) -> list[str]:
    """The stems (Snowball) of the words of a text that say what it is about; a word `expansions` holds
    (an acronym) counts as the words it stands for."""
    out = []
    for w in words(text):
        for part in expansions.get(w, w).split() if expansions else (w,):
            if part not in STOP and len(part) > 2 and part.isalpha():
                out.append(stem(part))
    return out


@dataclass
class Tfidf:
    """TF-IDF vectors of a set of documents, unit length, for cosine similarity."""

    vectors: dict[URIRef, dict[str, float]]

    @classmethod
    def fit(
        cls, docs: dict[URIRef, str], expansions: dict[str, str] | None = None, units: Iterable[str] | None = None
    ) -> Tfidf:
        """Vectors of `docs`; document frequencies counted over `units` (passages) when given, else the docs."""
        tokens = {k: Counter(content_words(v, expansions)) for k, v in docs.items()}
        counted = [set(content_words(u, expansions)) for u in units] if units is not None else list(tokens.values())
        df = Counter(w for seen in counted for w in seen)
        n = len(counted)
        vectors = {}
        for k, counts in tokens.items():
            vec = {w: (1 + math.log(c)) * math.log((1 + n) / (df[w] or 1)) for w, c in counts.items()}
            norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
            vectors[k] = {w: x / norm for w, x in vec.items() if x > 0}
        return cls(vectors)

    def cosine(self, a: URIRef, b: URIRef) -> float:
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(x * vb.get(w, 0.0) for w, x in va.items())

    def coverage(self, a: URIRef, b: URIRef) -> float:
        """How much of a's weight the words b also has hold (0 to 1)."""
        vb = self.vectors[b]
        return sum(x * x for w, x in self.vectors[a].items() if w in vb)

    def index(self, docs: Iterable[URIRef], per_term: int) -> Postings:
        """An inverted index of `docs`: for each term its `per_term` heaviest entries."""
        postings: Postings = defaultdict(list)
        for d in docs:
            for w, x in self.vectors[d].items():
                postings[w].append((x, d))
        return {w: sorted(p, key=lambda e: (-e[0], e[1]))[:per_term] for w, p in postings.items()}

    def candidates(self, query: URIRef, index: Postings) -> dict[URIRef, float]:
        """The cosine of `query` with each indexed document that shares one of its terms."""
        scores: dict[URIRef, float] = defaultdict(float)
        for w, x in self.vectors[query].items():
            for y, d in index.get(w, ()):
                scores[d] += x * y
        return scores
