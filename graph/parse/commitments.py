"""An action plan's actions as practitioners read them: commitment by commitment, each with its own force.

A plan binds nobody in law (the Lausanne plan says its actions "are not legal requirement"); what it
says is how firmly the States Parties commit, and an action often says it more than once: Lausanne 12
asks for a destruction plan ("Develop ..."), recommends what it should hold ("Details ... should be
included") and commits to reporting on it ("They will report annually ..."). So an action is read
as its commitments:

- each sentence is one commitment, unless its coordinated parts carry different force (a modal verb,
  a best-efforts verb, an encouraging verb): then it is split at the conjunction, or at the comma or
  "which" that opens the part, and the conjunction goes with the second part;
- a sentence that commits no one ("Cooperation may include ...") is none;
- a commitment has the force of its own modal ("They will report", "should be included"), else its
  chapeau's ("will", "will seek to", "should");
- its strength: recommended ("should", "are encouraged to", outranking anything inside it), best
  efforts ("Endeavour to", "strive to", "do their utmost", "will seek to"), encouraging (it only
  encourages, urges or invites others), qualified (firm, with a qualifier making part of it
  conditional: "where possible", "as appropriate", "when in a position to do so", "as ... resources
  become available"), else firm. Time phrases ("as soon as possible"), intensifiers ("in every way
  possible") and triggers ("when seeking assistance", "if necessary") qualify nothing, nor does an
  "as applicable" that only picks one of two deadlines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..sources import SourceText, Span
from ..sources.text import CARDINAL_WORDS, ORDINAL_WORDS, STOP_WORDS, clean, stem
from .actors import IN_A_POSITION, category_label
from .citations import article_refs, document_symbols
from .records import Action, Commitment
from .time_limits import find_deadlines, same_limit

_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z“\"(])")
# a main modal, with what it commits to; "may" commits no one
_MODAL = re.compile(
    r"\b(?:will\s+(?:seek|strive|endeavour)\s+to|will|should|shall|must|may)\b|"
    r"\b(?:is|are)\s+(?:strongly\s+)?encouraged\s+to\b|\bis\s+recommended\b"
)
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s+$")
# words that open a leading clause ("If no information ... is provided ..., the President will")
_LEAD = re.compile(
    r"^(?:If|Until|When|Where|In|As|Upon|On|Within|To|Recognising|Recognizing|With|Once|After|Before|Following)\b"
)
_BEST_EFFORTS = re.compile(
    r"^(?:will\s+)?(?:strive|seek|endeavour|endeavor)\s+to\b|^(?:do\s+their\s+utmost|make\s+every\s+effort|"
    r"work\s+towards)\b",
    re.I,
)
# "Encourage and support": the support binds, not the encouragement
_ENCOURAGING = re.compile(r"^(?:encourage|urge|invite|call\s+(?:up)?on)\b(?!\s+and\s+(?:support|enable)\b)", re.I)
_QUALIFIER = re.compile(
    r"(?<!\bwell\s)\b(?:(?:where|if)\s+possible|where\s+feasible|(?:where|as)\s+appropriate|(?:where|as)\s+applicable|"
    r"(?:where|when|as)\s+relevant|to\s+the\s+extent\s+possible|in\s+a\s+position\s+to\s+do\s+so|"
    r"as\s+(?:[\w-]+\s+){0,4}resources\s+become\s+available)\b",
    re.I,
)
# "... or within two years of entry into force for new States Parties, as applicable": which deadline
_DEADLINE_CHOICE = re.compile(r"\bor\s+within\b[^,;.]*,\s*$")
# where a coordinated part with its own force opens: ", and should", " as well as encourage", ", which should"
_PART = re.compile(
    r"(?:,\s*(?:(?:and|as\s+well\s+as)\s+)?|\s+(?:and|as\s+well\s+as)\s+)"
    r"(?=(?:which\s+)?(?:will|should|shall|must)\b|(?:strive|seek|endeavour)\s+to\b|do\s+their\s+utmost\b|"
    r"make\s+every\s+effort\b|encourage\b|urge\b|invite\b)"
)
_CONJUNCTION = re.compile(r"^(?:and|as\s+well\s+as|which)\s+", re.I)
_ACTOR = re.compile(r"\b(?:States?|Part(?:y|ies)|President|Presidency|Partners|ISU|Coordinators?)\b")
_MEASURABLE = re.compile(
    r"\b(?:19|20)\d{2}\b|\b\d+(?:[.,]\d+)?\b(?!\s*\))|"
    rf"\b(?:{CARDINAL_WORDS})\s+(?:consecutive\s+)?(?:years?|months?)\b|"
    rf"\b(?:{ORDINAL_WORDS})\s+(?:Meeting\s+of\s+States\s+Parties|Review\s+Conference)\b|“[^”]{{8,}}”",
    re.I,
)
_FORCE = {"should": "recommended", "will seek to": "best-efforts", "will": "firm"}


def chapeau_verb(chapeau: str | None) -> str | None:
    """The chapeau's own verb: 'will', 'will seek to' or 'should'."""
    if not chapeau:
        return None
    if re.search(r"\bwill\s+seek\s+to\b", chapeau):
        return "will seek to"
    if re.search(r"\bshould\b", chapeau):
        return "should"
    return "will" if re.search(r"\bwill\b", chapeau) else None


def imperative_verbs(actions: Iterable[Action]) -> frozenset[str]:
    """The verbs the plans' actions open with ('develop', 'ensure', 'take'): a later sentence that opens
    with one of them continues the action's imperative, one that does not has a subject of its own."""
    return frozenset(
        a.text.split()[0].lower() for a in actions if a.text and not _LEAD.match(a.text) and a.text[:1].isupper()
    )


def read(action: Action, sources: dict[str, SourceText], verbs: frozenset[str]) -> list[Commitment]:
    """The commitments of an action, in reading order, each found in every printing of the action."""
    words = " ".join([action.text] + [f"{i.label} {i.text}" for i in action.items])
    verb = chapeau_verb(action.chapeau)
    inherited = _FORCE.get(verb or "will", "firm")
    # of a chapeau's qualifiers only capacity narrows its acts: "States Parties in a position to do so will:"
    chapeau_qualifiers = [m.group() for m in IN_A_POSITION.finditer(action.chapeau or "")]
    out: list[Commitment] = []
    cursor = {id(span): span.start for span in action.spans}
    for n, sentence in enumerate(_SENTENCE_END.split(words.strip())):
        own = None if n == 0 else _own_modal(sentence, verbs)
        if own is not None and own.group() == "may":
            continue  # "Cooperation may include ...": commits no one
        force = _modal_force(own.group()) if own else inherited
        subject = _subject(sentence, own) if own else ""
        names_addressee = _ACTOR.search(subject) is not None  # "the President will", not "They will"
        addressees = [category_label(subject)] if names_addressee else list(action.addressees)
        for part, part_force in _parts(sentence, force):
            spans = []
            for span in action.spans:
                found = _locate(sources[span.doc].text, part, cursor[id(span)], span.end)
                if found is not None:
                    spans.append(Span(span.doc, *found))
                    cursor[id(span)] = found[1]
            if not spans:
                raise sources[action.spans[0].doc].error(action.spans[0].start, f"commitment not found: {part!r}")
            first = spans[0]
            text = _unit_text(sources[first.doc].text[first.start : first.end])
            qualifiers = _qualifiers(text) + ([] if names_addressee else chapeau_qualifiers)
            out.append(
                Commitment(
                    plan=action.plan,
                    action=action.number,
                    index=len(out) + 1,
                    text=text,
                    spans=spans,
                    strength=_strength(text, part_force, qualifiers),
                    addressees=addressees,
                    force=_force_words(text, own, verb),
                    own_subject=names_addressee,
                    qualifiers=qualifiers,
                    # its action's time limits that its own words state: one limit, however many say it
                    deadlines=[
                        d for d in action.deadlines if any(same_limit(d, own) for own in find_deadlines(text, first))
                    ],
                    refs=article_refs(text),
                    symbols=document_symbols(text),
                    measurable=[m.group() for m in _MEASURABLE.finditer(text)],
                )
            )
    return out


def _own_modal(sentence: str, verbs: frozenset[str]) -> re.Match[str] | None:
    """The main modal of a sentence that has a subject of its own; None for one that continues the
    action's imperative ('Take immediate action ...', 'In the absence of such mechanisms, establish ...')."""
    opening = sentence.split()[0].lower() if sentence.split() else ""
    if opening in verbs:
        return None
    modal = next((m for m in _MODAL.finditer(sentence) if not _RELATIVE_BEFORE.search(sentence[: m.start()])), None)
    if _LEAD.match(sentence):
        before = sentence[: modal.start()] if modal else sentence
        if any(m.group(1).lower() in verbs for m in re.finditer(r",\s+([a-z]+)\b", before)):
            return None
    return modal


def _modal_force(modal: str) -> str:
    if modal.startswith("will ") and modal != "will":
        return "best-efforts"
    if modal in ("will", "shall", "must"):
        return "firm"
    return "recommended"  # should, is encouraged to, is recommended


def _subject(sentence: str, modal: re.Match[str]) -> str:
    """Who or what a sentence with its own modal is about: 'They', 'the President', 'These plans'; only an
    actor it names ('the President') is an addressee of its own."""
    before = sentence[: modal.start()].rstrip(" ,")
    if _LEAD.match(before) and "," in before:  # "Until such ... are adopted, States Parties"
        before = before[before.rfind(",") + 1 :]
    return before.strip()


def _parts(sentence: str, force: str) -> list[tuple[str, str]]:
    """A sentence's parts that differ in force, with each part's force; one part when nothing differs."""
    cuts = [0] + [m.start() + len(m.group()) - len(m.group().lstrip(" ,")) for m in _PART.finditer(sentence)]
    pieces: list[tuple[str, str]] = []
    for i, (a, b) in enumerate(zip(cuts, cuts[1:] + [len(sentence)], strict=True)):
        piece = sentence[a:b]
        own = force if i == 0 else _part_force(piece, force)
        # "which should be included within national standards, ..., and share best practices": the relative
        # clause ends where the main verb's next coordinate begins
        if own != force and piece.startswith("which") and (back := re.search(r",\s+and\s+(?=[a-z])", piece)):
            pieces += [(piece[: back.start()], own), (piece[back.start() + 1 :].lstrip(), force)]
        else:
            pieces.append((piece, own))
    merged: list[tuple[str, str]] = []
    for text, f in pieces:  # coordinated parts of the same force stay one commitment
        if merged and f == merged[-1][1]:
            merged[-1] = (merged[-1][0] + text, f)
        else:
            merged.append((text, f))
    return [(text.strip().rstrip(","), f) for text, f in merged]


def _part_force(part: str, inherited: str) -> str:
    if inherited == "recommended":
        return inherited  # "should" outranks anything inside what it governs
    body = _CONJUNCTION.sub("", part.strip())
    if m := re.match(r"(?:will|should|shall|must)\b(?:\s+(?:seek|strive|endeavour)\s+to\b)?", body):
        return _modal_force(m.group())
    if _BEST_EFFORTS.match(body):
        return "best-efforts"
    if _ENCOURAGING.match(body):
        return "encouraging"
    return inherited


def _strength(text: str, force: str, qualifiers: list[str]) -> str:
    if force in ("recommended", "best-efforts", "encouraging"):
        return force
    body = _CONJUNCTION.sub("", _opening(text))
    if _BEST_EFFORTS.match(body):
        return "best-efforts"
    if _ENCOURAGING.match(body):
        return "encouraging"
    return "qualified" if qualifiers else "firm"


def _opening(text: str) -> str:
    """The words a commitment's act opens with, after a leading clause ('Where feasible and appropriate, ')."""
    if _LEAD.match(text) and (m := re.search(r",\s+(?=[a-z])", text)):
        return text[m.end() :]
    return text


def _qualifiers(text: str) -> list[str]:
    return [m.group() for m in _QUALIFIER.finditer(text) if not _DEADLINE_CHOICE.search(text[: m.start()])]


def _force_words(text: str, own: re.Match[str] | None, verb: str | None) -> str:
    body = _CONJUNCTION.sub("", _opening(text))
    if m := _BEST_EFFORTS.match(body) or _ENCOURAGING.match(body):
        return m.group()
    if m := re.match(r"(?:will|should|shall|must)\b", body):
        return m.group()
    return own.group() if own else (verb or "will")


def _locate(text: str, words: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the words of a clean text stand in a raw source, whatever the line breaks, markup and
    footnote marks between them."""
    tokens = re.findall(r"[A-Za-z0-9]+", words)
    if not tokens:
        return None
    gap = r"(?:[^A-Za-z0-9<]|<[^>]*>)*?"
    m = re.compile(gap.join(re.escape(t) for t in tokens)).search(text, start, end)
    if m is None:
        return None
    begin, stop = m.start(), m.end()
    leading = re.match(r"[^A-Za-z0-9]*", words).group().strip()
    trailing = re.search(r"[^A-Za-z0-9]*$", words).group().strip().rstrip(",;")
    if leading and text[begin - len(leading) : begin] == leading:
        begin -= len(leading)
    if trailing and text.startswith(trailing, stop):
        stop += len(trailing)
    elif text.startswith(".", stop):  # this printing ends the sentence where another has a comma (Vientiane #34)
        stop += 1
    return begin, stop


def _unit_text(raw: str) -> str:
    return clean(re.sub(r"(?m)^\s*-\s+", "", raw)).rstrip(" ,;")


def measured(action: Action, indicator: str) -> Commitment | None:
    """The commitment of its action an indicator measures: the one whose words it shares most."""
    mine = set(_stems(indicator))
    return max(action.commitments, key=lambda c: len(mine & set(_stems(c.text))), default=None)


def _stems(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP_WORDS]


def themes_named(text: str, labels: dict[str, list[str]]) -> list[str]:
    """The themes whose name a commitment states, word for word, in order, with at most one word between
    ('risk reduction education' names 'Risk education')."""
    words = _stems(text)
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
