"""How alike two texts are: TF-IDF vectors over crudely stemmed content words, compared by cosine."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rdflib import URIRef

from ..sources.text import STOP_WORDS, words

_STOP = STOP_WORDS | set(
    """a an are as at be by from has have into or is it that their them these they this under which will with within
where who whose such should all any other than those states parties state party convention including""".split()
)
_SUFFIXES = ("ations", "ation", "ative", "ments", "ment", "ings", "ing", "ions", "ion", "ive", "ies", "es", "ed", "s")


def _stem(word: str) -> str:
    """A crude stem, enough for 'legislation' and 'legislative', 'implementing' and 'implementation' to meet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> list[str]:
    """The stemmed words of a text that say what it is about."""
    return [_stem(w) for w in words(text) if w.isalpha() and w not in _STOP and len(w) > 2]


@dataclass
class Tfidf:
    """TF-IDF vectors of a set of documents, for cosine similarity."""

    vectors: dict[URIRef, dict[str, float]]

    @classmethod
    def fit(cls, docs: dict[URIRef, str]) -> Tfidf:
        tokens = {k: Counter(content_words(v)) for k, v in docs.items()}
        df = Counter(w for counts in tokens.values() for w in counts)
        n = len(docs)
        vectors = {}
        for k, counts in tokens.items():
            vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in counts.items()}
            norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
            vectors[k] = {w: x / norm for w, x in vec.items()}
        return cls(vectors)

    def cosine(self, a: URIRef, b: URIRef) -> float:
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(x * vb.get(w, 0.0) for w, x in va.items())
