"""How strongly a plan's action binds, and what it is about, read from its wording.

A plan binds nobody in law (the Lausanne plan says its actions "are not legal requirement"); what it
says is how firmly the States Parties commit: "will" (firm), "will seek to" and "endeavour to", "strive
to", "do their utmost" (best efforts), "should" (recommended), a firm commitment qualified by "where
feasible", "where possible", "as appropriate" (qualified), and an action that only asks its addressees
to encourage others ("Encourage and ...": encouraging).
"""

from __future__ import annotations

import re

from ..sources.text import STOP_WORDS, stem
from .records import Action

_SHOULD = re.compile(r"\bshould\b")
_SEEK = re.compile(r"\bwill\s+seek\s+to\b")
_BEST_EFFORTS = re.compile(
    r"^(?:Endeavour|Strive|Seek)\s+to\b|^(?:Do|Make)\s+(?:their|every)\s+(?:utmost|best|effort)", re.I
)
_ENCOURAGING = re.compile(r"^(?:Encourage|Urge|Invite)\b")
_QUALIFIED = re.compile(
    r"\b(?:where|when|if)\s+(?:feasible|possible|appropriate|applicable|necessary|relevant)\b|\bas\s+appropriate\b|"
    r"\bto\s+the\s+extent\s+possible\b|\bif\s+in\s+a\s+position\b",
    re.I,
)


def strength(action: Action) -> str:
    """firm | qualified | best-efforts | recommended | encouraging."""
    chapeau = action.chapeau or ""
    if _SHOULD.search(chapeau):
        return "recommended"
    if _ENCOURAGING.match(action.text):
        return "encouraging"
    if _SEEK.search(chapeau) or _BEST_EFFORTS.match(action.text):
        return "best-efforts"
    if _QUALIFIED.search(action.text):
        return "qualified"
    return "firm"


def _stems(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP_WORDS]


def themes_named(first_sentence: str, labels: dict[str, list[str]]) -> list[str]:
    """The themes whose name the action's commitment (its first sentence) states, word for word, in order,
    with at most one word between ('risk reduction education' names 'Risk education')."""
    words = _stems(first_sentence)
    found = []
    for theme, names in labels.items():
        for name in names:
            want = _stems(name)
            if want and _in_order(want, words):
                found.append(theme)
                break
    return found


def _in_order(want: list[str], words: list[str]) -> bool:
    for start in (i for i, w in enumerate(words) if w == want[0]):
        at, ok = start, True
        for w in want[1:]:
            nxt = next((j for j in range(at + 1, min(at + 3, len(words))) if words[j] == w), None)
            if nxt is None:
                ok = False
                break
            at = nxt
        if ok:
            return True
    return False
