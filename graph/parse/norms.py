"""The statements of the Convention read as a treaty lawyer reads them.

Every sentence of an article (or every item of a list whose chapeau's verb each item completes) is a
statement: a norm (duty, prohibition, permission) with its bearers, recipients, beneficiaries,
conditions and time limits, or a constitutive rule that binds nobody (a definition, the scope, an entry
into force, a legal effect, a voting rule, a final clause). Statements are then related to each other:
an exception to the norms it overrides ("Notwithstanding the provisions of Article 1"), an extension to
the deadline it extends, a renewal to the extension it renews, an update to the report it updates.

The reading is by rules of English legal drafting, not by article number: the main modal verb gives
the kind, its subject the bearer; a passive without agent binds whoever made its subject (found by the
subject's head noun, introduced indefinitely in an earlier statement of the article), a pronoun
subject refers to the actor of the leading clause or of the statement before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..sources import SourceText, Span
from ..sources.text import STOP_WORDS, stem
from .actors import IN_A_POSITION, category_label
from .citations import article_refs
from .records import Condition, Norm, NormKey
from .requirements import verb_phrase
from .time_limits import find_deadlines


@dataclass
class RawStatement:
    """A statement as the article's structure gives it, before it is read."""

    path: tuple[str, ...]
    text: str
    span: Span
    chapeau: str | None = None  # for an item of a split list: the chapeau its verb comes from
    items: list[tuple[str, ...]] = field(default_factory=list)  # a list the statement holds whole
    definition: bool = False


_MODAL = re.compile(
    r"\b(?:shall|may|must|should|undertakes?|agree\s+to|is\s+permitted|ha(?:s|ve)\s+the\s+right|"
    r"is\s+(?:strongly\s+)?encouraged)\b"
)
# A subordinate "may" is no main verb: "any obligations it may have", "that may impede", "may or may not".
_NOT_MAIN = re.compile(r"\b(?:that|which|as)\s+may\b|\bmay\s+have\b(?!\s+the\s+right)|\bmay\s+or\s+may\s+not\b")

# Words a leading clause opens with; its end is where the main clause's subject starts.
_LEAD = re.compile(
    r"^(?:Notwithstanding|In\s+addition\s+to|If|Where|When|Upon|Pending|In\s+circumstances\s+where|"
    r"In\s+such\s+cases|At\s+any\s+time|In\s+fulfilling|In\s+requesting|In\s+conducting|For\s+any\s+State\s+that)\b"
)
_CONDITION_LEAD = {
    "If": "circumstance",
    "Where": "circumstance",
    "When": "circumstance",
    "Upon": "circumstance",
    "In circumstances where": "circumstance",
    "In such cases": "circumstance",
    "Pending": "temporal",
    "At any time": "temporal",
}

_PREMODIFIER = r"(?:requesting|requested|former|latter|affected|withdrawing|receiving)\s+"
_ACTOR_CORE = (
    r"(?:(?:[Ee]ach|[Aa]ll|[Tt]he|[Aa]|[Aa]ny|[Aa]nother|[Tt]hat|(?:any|each|all|one\s+or\s+more)\s+of\s+the)\s+)?"
    rf"(?:{_PREMODIFIER})?States?\s+Part(?:y|ies)"
    r"|\b[Tt]he\s+Secretary-General\s+of\s+the\s+United\s+Nations\b"
    r"|\b[Tt]he\s+Meeting\s+of\s+States\s+Parties\b"
    r"|\b[Tt]he\s+Depositary\b"
    r"|\b[Aa]ny\s+State\b(?!\s+Part)"
)
# what narrows a bearer to a group: "in a position to do so", "that receives ...", "retaining ...", "concerned"
_QUALIFIER = re.compile(
    r"\s+(?:in\s+a\s+position\s+to\s+do\s+so|concerned|that\s+[^,]+?|(?:\w+ing)(?:,?\s+(?:or\s+|and\s+)?\w+ing)*\s[^,]+?)"
    r"(?=\s*,?\s*(?:shall|may|must|undertakes?|is\s+strongly)\b)"
)
_ACTOR = re.compile(
    r"(?<!\bof )(?<!\bof the )(?<!\bto )(?<!\bto the )(?<!\bthrough )(?<!\bthrough the )(?<!\bby )(?<!\bwith )"
    rf"(?:{_ACTOR_CORE})"
)
_PRONOUN = re.compile(r"\b[Ii]t\b")
_NOT_PARTY = r"States\s+not\s+party\s+to\s+this\s+Convention(?:\s+participating\s+therein)?"
_SUBJECT_BEFORE_MODAL = re.compile(
    rf"(?:(?:{_ACTOR_CORE})(?:{_QUALIFIER.pattern})?|\b[Ii]t)\s*,?\s*(?:in\s+exceptional\s+circumstances,\s*)?(?={_MODAL.pattern})"
)

_RULE_PREDICATE = re.compile(
    r"^(?:not\s+|only\s+)?(?:apply|enter\s+into\s+force|take\s+effect|be\s+of\s+unlimited\s+duration|"
    r"be\s+subject\s+to|be\s+open\s+for|be\s+equally\s+authentic|be\s+deposited\s+with|"
    r"be\s+adopted\s+by\s+a\s+majority|be\s*:)"
)
_RULE_WITHOUT_MODAL = re.compile(r"\b(?:applies|does\s+not\s+apply|is\s+subject\s+to|is\s+hereby\s+designated)\b")
_RULE_KIND = [
    ("scope", re.compile(r"\bappl(?:y|ies)\b")),
    ("entry-into-force", re.compile(r"\benter\s+into\s+force\b")),
    ("legal-effect", re.compile(r"\btake\s+effect\b")),
    ("decision-rule", re.compile(r"\badopted\s+by\s+a\s+majority\b")),
    ("reservations", re.compile(r"\breservations\b")),
    ("duration", re.compile(r"\bunlimited\s+duration\b")),
    ("signature", re.compile(r"\bopen\s+for\s+signature\b")),
    ("consent-to-be-bound", re.compile(r"\bratification\b|\baccession\b")),
    ("depositary", re.compile(r"\bDepositary\b")),
    ("authentic-texts", re.compile(r"\bauthentic\b")),
    ("purpose", re.compile(r"\bpurpose\b")),
    ("mandate", re.compile(r"\bmandate\b")),
]

_CONDITIONS = [
    ("capacity", IN_A_POSITION),
    ("jurisdiction", re.compile(r"\bunder\s+(?:its|the)\s+jurisdiction\s+(?:and|or)\s+control\b")),
    ("circumstance", re.compile(r"\bin\s+exceptional\s+circumstances\b")),
    (
        "qualifier",
        re.compile(
            r"\b(?:where\s+(?:applicable|appropriate|available|feasible|necessary|reasonably\s+possible)|"
            r"as\s+appropriate|if\s+possible|to\s+the\s+extent\s+(?:possible|known)|as\s+far\s+as\s+possible)\b"
        ),
    ),
    (
        "conformity",
        re.compile(
            r"\bin\s+accordance\s+with\s+(?:national\s+regulations|applicable\s+international\s+humanitarian"
            r"\s+and\s+human\s+rights\s+law|international\s+law)\b|\bin\s+a\s+manner\s+consistent\s+with\s+national"
            r"\s+laws\s+and\s+regulations\b"
        ),
    ),
    (
        "voting",
        re.compile(r"\bby\s+a\s+majority\s+of\s+[^,.;]*?(?:present\s+and\s+voting(?:\s+at\s+the\s+\w+\s+\w+)?)"),
    ),
    ("proviso", re.compile(r"\b(?:provided\s+that|unless|if\s+so\s+requested\s+by)\b[^.;]*")),
]

# who a statement's act goes to: a communication's recipient, an assistance's beneficiary
_PARTY = (
    rf"(?:all\s+other\s+|all\s+|the\s+|a\s+|another\s+)?(?:next\s+)?(?:{_PREMODIFIER})?"
    r"(?:States\s+Parties|State\s+Party|Secretary-General\s+of\s+the\s+United\s+Nations|Depositary|Depository|"
    r"United\s+Nations\s+Security\s+Council|Meeting\s+of\s+States\s+Parties|Review\s+Conference|States\b(?!\s+Part))"
    r"(?:\s+concerned)?"
)
_TO_PARTY = re.compile(
    rf"(?<!prohibited )\bto\s+(?P<party>{_PARTY}(?:\s+or\s+(?:a\s+|the\s+)?Review\s+Conference)?)"
    r"(?!\s+to\s+this|\s+affected)"
    rf"|\bto\s+which\s+(?P<invited>{_PARTY})\s+shall\s+be\s+invited"
)
# the verbs whose "to ..." names who receives: a report, a request, a notice, a submission, an invitation
_COMMUNICATES = re.compile(
    r"\b(?:submit|report|transmit|notif|notice|communicat|circulat|present|provid|declaration|invit|suggest)\w*", re.I
)
_BENEFICIARY = re.compile(
    r"\b(?:(?:with\s+respect\s+to|inclusion\s+of|[Aa]ssistance\s+to)\s+(?P<victims>cluster\s+munition\s+victims)|"
    r"to\s+(?P<affected>States\s+Parties\s+affected\s+by\s+cluster\s+munitions)|"
    r"in\s+(?P<in_affected>affected\s+States\s+Parties))"
)
_ASSISTANCE = re.compile(r"\bassistance\b", re.I)
_REPORT = re.compile(r"\b(?:report\s+to|submit\s+a\s+(?:detailed\s+)?report|reported\s+to)\b")
_REPORT_PERIOD = re.compile(r"\bcovering\s+the\s+(previous\s+calendar\s+year)\b")
_REQUIRED_ITEMS = re.compile(r"(?:\bset\s+out|\bon|\binclude)\s*:$")
_NOTWITHSTANDING = re.compile(r"^Notwithstanding\s+the\s+provisions\s+of\s+Article\s+(\d+)[^,]*,")
_NOTHING_AUTHORISES = re.compile(r"^Nothing\s+in\s+paragraph\s+(\d+)\s+of\s+this\s+Article\s+shall\s+authorise")
_UPDATED = re.compile(r"\bprovided\s+in\s+accordance\s+with\s+paragraph\s+(\d+)\s+of\s+this\s+Article\b.*\bupdated\b")
_RENEWED = re.compile(r"\brenewed\b")

_STRENGTH = [
    ("recommended", re.compile(r"^should\b")),
    ("best-efforts", re.compile(r"\b(?:make\s+(?:every|its\s+best)\s+efforts?|[Ss]trive|all\s+feasible\s+steps)\b")),
]

# the nominalised verbs exceptions are worded with ("the retention or acquisition ... is permitted")
_VERB_OF = {"retention": "retain", "acquisition": "acquire", "transfer": "transfer", "use": "use"}
# what follows a head noun used as a noun ("a request for", "assistance to", "information pertaining")
_NOUN_FOLLOWS = re.compile(r"\s*(?:for|of|to|on|than|shall|may|which|that|pertaining|concerning|[.,;:]|$)")
_DETERMINER = {"the", "such", "that", "this", "these", "those", "its", "their", "each"}


def read(raw: list[RawStatement], src: SourceText) -> list[Norm]:
    """Every statement of the articles, classified, with the links between them resolved."""
    out: list[Norm] = []
    counters: dict[tuple[tuple[str, ...], str], int] = {}
    for r in raw:
        for clause, antecedent in _clauses(r):
            norm = _read_clause(r, clause, antecedent, out)
            if norm is None:
                continue
            norm.span = locate(src, r.span, norm.own_text or norm.text)
            for c in norm.conditions:
                c.span = locate(src, norm.span, c.text)
            group = "rule" if norm.kind == "rule" else "norm"
            counters[(r.path, group)] = norm.index = counters.get((r.path, group), 0) + 1
            out.append(norm)
    _link(out)
    return out


_SEPARATOR = re.compile(r"[\W_]*")


def locate(src: SourceText, within: Span, text: str) -> Span:
    """Where a clean text's words stand in the raw source (markup, line breaks and hyphenation between
    them), so that each statement's selector quotes its own words; the whole span if they are not there.

    What the pattern `word[\\W_]*word…` finds, without compiling one per text (a fifth of the parse):
    a word that does not begin with `_` can only begin where the run of separators before it ends."""
    words = re.findall(r"\w+", text)
    if not words:
        return within
    if any("_" in w for w in words):
        m = re.compile(r"[\W_]*".join(re.escape(w) for w in words)).search(src.text, within.start, within.end)
        return src.span(m.start(), m.end()) if m else within
    raw, end = src.text, within.end
    start = raw.find(words[0], within.start, end)
    while start != -1:
        at = start + len(words[0])
        for word in words[1:]:
            at = _SEPARATOR.match(raw, at, end).end()
            if not raw.startswith(word, at, end):
                break
            at += len(word)
        else:
            return src.span(start, at)
        start = raw.find(words[0], start + 1, end)
    return within


def _clauses(r: RawStatement) -> list[tuple[str, str | None]]:
    """A statement's norms: two where one sentence states two of different kinds ("undertakes to
    facilitate and shall have the right to participate"; "..., who shall circulate it")."""
    text = r.text
    m = re.search(r",?\s+(?:which|who)\s+(?=shall|may)|\s+and\s+(?=shall\s+have\s+the\s+right)", text)
    if r.chapeau is None and not r.definition and m:
        first, second = text[: m.start()].rstrip(" ,"), text[m.end() :]
        before = list(re.finditer(_ACTOR_CORE, first))
        antecedent = None
        if "which" in m.group() or "who" in m.group():
            antecedent = max(before, key=lambda a: a.start()).group() if before else None
        return [(first, None), (second, antecedent or "")]
    return [(text, None)]


def _main_modal(clause: str, body_start: int) -> re.Match[str] | None:
    for m in _MODAL.finditer(clause, body_start):
        if not _NOT_MAIN.search(clause[max(0, m.start() - 5) : m.end() + 12]):
            return m
    return None


def _lead_end(clause: str) -> tuple[int, str | None]:
    """Where a leading clause ('If a State Party believes ..., it may') ends, and its opening word."""
    lead = _LEAD.match(clause)
    if lead is None:
        return 0, None
    subjects = list(_SUBJECT_BEFORE_MODAL.finditer(clause))
    subjects = [
        s
        for s in subjects
        if not _NOT_MAIN.search(clause[s.start() : s.end() + 12])
        and not re.search(r"\b(?:which|who)\s+$", clause[: s.start()])
    ]
    if subjects:
        return subjects[-1].start(), lead.group()
    first = _main_modal(clause, 0)
    if first is None:
        return 0, lead.group()
    comma = clause.rfind(",", 0, first.start())
    return (comma + 1 if comma > 0 else 0), lead.group()


def _read_clause(r: RawStatement, clause: str, antecedent: str | None, done: list[Norm]) -> Norm | None:
    if r.definition:
        return Norm(r.path, 0, "rule", [], r.text, r.span, rule_kind="definition", own_text=r.text)
    own = clause if r.chapeau is None else clause[len(r.chapeau) :].strip()
    body_start, lead_word = _lead_end(own)
    lead_text = own[:body_start].strip(" ,")
    modal = _main_modal(own, body_start)
    chapeau_modal = _main_modal(r.chapeau, _lead_end(r.chapeau)[0]) if r.chapeau else None
    if modal is None and chapeau_modal is None:
        if _RULE_WITHOUT_MODAL.search(own):
            return _rule(r, clause, own)
        return None
    predicate = own[modal.end() :].strip(" ,") if modal else ""
    if modal and (_RULE_PREDICATE.match(predicate) or own[body_start:].startswith("The purpose of")):
        norm = _rule(r, clause, own)
        norm.conditions = _conditions(own, lead_word, lead_text, r)
        return norm

    regulated: list[NormKey] = []
    if r.chapeau is not None and (modal is None or not _ACTOR.search(own[body_start : modal.start()])):
        # an item completing its chapeau: the chapeau's verb and subject, the item's own words
        kind = _kind(r.chapeau, chapeau_modal, own) if chapeau_modal else "duty"
        bearers = [_label(b) for b in _subject_actors(r.chapeau, chapeau_modal)] if chapeau_modal else []
        if not bearers and (m := _NOTHING_AUTHORISES.match(r.chapeau)):
            bearers = [_label(a.group()) for a in re.finditer(_ACTOR_CORE, r.chapeau[m.end() :])]
        strength = _strength(r.chapeau[chapeau_modal.end() :] if chapeau_modal else "", own)
        # what the chapeau's verb requires ("clear and destroy ... as follows:"), else, where the chapeau
        # ends in its verb ("each State Party shall:"), the item's own words
        chapeau_requires = (
            verb_phrase(r.chapeau[: chapeau_modal.start()], r.chapeau[chapeau_modal.end() :]) if chapeau_modal else None
        )
        requires = chapeau_requires or verb_phrase("", own)
    else:
        assert modal is not None
        kind = _kind(own, modal, "")
        strength = _strength(predicate, predicate)
        requires = verb_phrase(own[body_start : modal.start()], own[modal.end() :])
        bearers = _bearers(own, body_start, modal, lead_text, antecedent, r, done, regulated)
        # "assess the request and decide ...": the request another statement of the article permits
        if not regulated and re.search(r"\bthe\s+request\b", predicate) and (found := _introducer("request", r, done)):
            regulated.append(found.key)
    if modal and "encouraged" in modal.group():  # "is strongly encouraged to provide": binds nobody
        kind, strength = "recommendation", "recommended"
    elif kind == "duty" and strength == "firm" and any(IN_A_POSITION.search(b) for b in bearers):
        strength = "qualified"  # "Each State Party in a position to do so shall provide": capacity decides
    norm = Norm(
        r.path,
        0,
        kind,
        bearers,
        clause,
        r.span,
        strength=strength,
        own_text=own,
        regulates=regulated,
        requires=requires,
    )
    norm.conditions = _conditions(own, lead_word, lead_text, r)
    taken = " ".join(c.text for c in norm.conditions if c.deadlines)
    norm.deadlines = [d for d in find_deadlines(own, r.span) if d.text not in taken]
    after = own[modal.end() :] if modal else own
    norm.recipients, norm.beneficiaries = _parties(after, own)
    if kind == "duty" and _REPORT.search(own):
        norm.reporting = True
        if m := _REPORT_PERIOD.search(own):
            norm.reporting_period = m.group(1)
    if r.items and _REQUIRED_ITEMS.search(own):
        norm.required_items = list(r.items)
    norm.refs = article_refs(own, int(r.path[0]), r.path[1] if len(r.path) > 1 else None)
    return norm


def _kind(text: str, modal: re.Match[str], item: str) -> str:
    after = text[modal.end() :]
    word = modal.group()
    if (
        re.match(r"\s*(?:not|refrain|in\s+no\s+case)\b", after)
        or re.match(r"\s*never\s+under\s+any\s+circumstances", after)
        or re.match(r"Not\b", item)
        or text.startswith("Nothing")
    ):
        return "prohibition"
    if (
        word in ("may", "is permitted")
        or word.endswith("the right")
        or re.match(r"[^.]{0,60}?\bhave\s+the\s+right", after)
    ):
        return "permission"
    return "duty"


def _strength(predicate: str, own: str) -> str:
    for name, pattern in _STRENGTH:
        if pattern.search(predicate) or (name == "best-efforts" and pattern.search(own)):
            return name
    return "firm"


def _rule(r: RawStatement, clause: str, own: str) -> Norm:
    """A constitutive rule: what it settles, and the time limits it states (20.3's six months)."""
    kind = next((name for name, p in _RULE_KIND if p.search(own)), "other")
    return Norm(r.path, 0, "rule", [], clause, r.span, rule_kind=kind, deadlines=find_deadlines(own, r.span))


def _label(phrase: str) -> str:
    """An actor category's label; a bearer narrowed by the text keeps its narrowing words."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,")
    if re.search(r"\bin\s+a\s+position\s+to\s+do\s+so$", phrase) or phrase.endswith("Depository"):
        return category_label(phrase.replace("Depository", "Depositary"))
    narrowed = re.sub(r"^(?:(?:any|each|all|one or more) of the|each|the|any|a|that)\s+", "", phrase, flags=re.I)
    if narrowed != re.sub(r"^(?:all other|all|another)\s+", "", narrowed) or not re.search(
        rf"^{_PREMODIFIER}|\s(?:concerned|that\s|\w+ing\b)", narrowed
    ):
        return category_label(narrowed)
    return narrowed[0].upper() + narrowed[1:]


def _subject_actors(text: str, modal: re.Match[str]) -> list[str]:
    start = _lead_end(text)[0]
    subject = text[start : modal.start()]
    found = list(_ACTOR.finditer(subject))
    if not found:
        return []
    last = found[-1]
    qualifier = _QUALIFIER.match(text, start + last.end())
    if qualifier and not qualifier.group().lstrip().startswith(","):
        return [subject[last.start() : last.end()] + qualifier.group()]
    return [last.group()]


def _bearers(
    own: str,
    body_start: int,
    modal: re.Match[str],
    lead_text: str,
    antecedent: str | None,
    r: RawStatement,
    done: list[Norm],
    regulated: list[NormKey],
) -> list[str]:
    if antecedent is not None:  # the second norm of a sentence: its relative pronoun's actor, or the first's
        if antecedent:
            return [_label(antecedent)]
        return list(done[-1].bearers) if done else []
    predicate = own[modal.end() :]
    if agent := re.match(r"\s*be\s+\w+\s+by\s+(?=the\s)", predicate):
        actors, at = [], modal.end() + agent.end()
        while m := re.compile(rf"{_NOT_PARTY}|(?:{_ACTOR_CORE})").match(own, at):
            actors.append(m.group() if m.group().startswith("States not") else _label(m.group()))
            at = m.end() + (len(" and ") if own.startswith(" and ", m.end()) else 0)
            if at == m.end():
                break
        if actors:
            return actors
    subject = own[body_start : modal.start()]
    if _ACTOR.search(subject) and not re.match(r"\s*be\s+invited\b", predicate):
        return [_label(a) for a in _subject_actors(own, modal)]
    if _PRONOUN.fullmatch(subject.strip(" ,")) or re.fullmatch(r"\s*[Ii]t\s*", subject):
        if found := list(_ACTOR.finditer(lead_text)):
            return [_label(found[0].group())]
        return _previous_bearers(r, done, same_paragraph=True) or _previous_bearers(r, done)
    if re.search(r"\bis\s+permitted\b", modal.group()):
        return [category_label("States Parties")]
    if not _ACTOR.search(subject) and (head := _head_noun(subject)):
        if found := _introducer(head, r, done):
            regulated.append(found.key)
            return list(found.bearers)
    return _previous_bearers(r, done, same_paragraph=True) or _previous_bearers(r, done)


def _previous_bearers(r: RawStatement, done: list[Norm], same_paragraph: bool = False) -> list[str]:
    for n in reversed(done):
        if n.provision[0] != r.path[0] or n.kind == "rule" or not n.bearers:
            continue
        if same_paragraph and n.provision[:2] != r.path[:2]:
            continue
        return list(n.bearers)
    return []


def _head_noun(subject: str) -> str | None:
    np = re.split(r"\s+(?:of|for|by|provided|to|in)\s+|,", subject.strip())[0]
    words = re.findall(r"[A-Za-z-]+", np)
    return words[-1].lower() if words else None


def _introducer(head: str, r: RawStatement, done: list[Norm]) -> Norm | None:
    """The nearest earlier statement of the article (its paragraph first) that introduces the head
    noun indefinitely after its verb ('may submit a request'), not one that refers back ('assess the request')."""
    singular = head[:-1] if head.endswith("s") else head
    pattern = re.compile(rf"\b{re.escape(singular)}s?\b", re.I)
    candidates = [n for n in reversed(done) if n.provision[0] == r.path[0] and n.kind != "rule" and n.bearers]
    for same in (True, False):
        for n in candidates:
            if same != (n.provision[:2] == r.path[:2]):
                continue
            modal = _main_modal(n.text, _lead_end(n.text)[0])
            after = n.text[modal.end() :] if modal else n.text
            for m in pattern.finditer(after):
                before = after[: m.start()]
                noun = _NOUN_FOLLOWS.match(after, m.end()) or re.search(r"\ban?\s+(?:[\w-]+\s+){0,2}$", before)
                if noun and _indefinite(before):
                    return n
    return None


def _indefinite(before: str) -> bool:
    for token in reversed(re.findall(r"[A-Za-z-]+|[,;:.]", before)):
        if token in ",;:.":
            return True
        if token.lower() in ("a", "an"):
            return True
        if token.lower() in _DETERMINER:
            return False
    return True


def _conditions(own: str, lead_word: str | None, lead_text: str, r: RawStatement) -> list[Condition]:
    found: list[Condition] = []
    if kind := _CONDITION_LEAD.get(lead_word or ""):
        found.append(Condition(kind, lead_text, r.span, find_deadlines(lead_text, r.span)))
    for kind, pattern in _CONDITIONS:
        for m in pattern.finditer(own):
            text = m.group().strip(" ,")
            if any(text in c.text for c in found):
                continue
            found.append(Condition(kind, text, r.span, find_deadlines(text, r.span) if kind == "proviso" else []))
    return found


def _parties(after: str, own: str) -> tuple[list[str], list[str]]:
    recipients: list[str] = []
    beneficiaries: list[str] = []
    assistance = bool(_ASSISTANCE.search(own))
    for m in _TO_PARTY.finditer(after):
        if not m.group("invited") and not _COMMUNICATES.search(after[: m.start()]):
            continue
        for part in re.split(r"\s+or\s+", m.group("party") or m.group("invited")):
            label = _party_label(part)
            target = beneficiaries if assistance and "State" in label and "Secretary" not in label else recipients
            if label not in target:
                target.append(label)
    for m in _BENEFICIARY.finditer(own):
        phrase = m.group("victims") or m.group("affected") or m.group("in_affected")
        label = phrase[0].upper() + phrase[1:]
        if label not in beneficiaries:
            beneficiaries.append(label)
    if re.match(r"\s*be\s+invited\b", after):  # "States not party ... may be invited": those invited receive it
        subject = own[: own.find(" be invited")]
        for m in re.finditer(rf"States\s+not\s+party\s+to\s+this\s+Convention|{_PARTY}", subject):
            label = m.group() if m.group().startswith("States not") else _party_label(m.group())
            if label not in recipients:
                recipients.append(label)
    return recipients, beneficiaries


def _party_label(phrase: str) -> str:
    phrase = re.sub(r"^(?:all other|all|the|a|another|next)\s+", "", phrase.strip(), flags=re.I)
    phrase = re.sub(r"^(?:next)\s+", "", phrase)
    phrase = phrase.replace("Depository", "Depositary")
    if phrase in ("States Parties", "State Party"):
        return category_label("States Parties")
    return phrase[0].upper() + phrase[1:]


# ---- links between statements ------------------------------------------------------------------


def _words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in STOP_WORDS or w in ("state", "states", "party", "parties", "convention", "article", "provisions"):
            continue
        out.add(stem(_VERB_OF.get(w, w)))
    return out


_CEILING = re.compile(r"\bshall\s+not\s+exceed\b")


def _link(norms: list[Norm]) -> None:
    by_paragraph: dict[tuple[str, ...], list[Norm]] = {}
    for n in norms:
        by_paragraph.setdefault(n.provision[:2], []).append(n)
    for n in norms:
        if m := _NOTWITHSTANDING.match(n.own_text or n.text):
            n.exception_to = _overridden(n, [x for x in norms if x.provision[0] == m.group(1)])
        if m := _NOTHING_AUTHORISES.match(n.text):  # an item's text begins with its chapeau
            limited = (n.provision[0], m.group(1))
            n.limits = [x.key for x in norms if x.provision[:2] == limited and x.kind == "permission"]
        if m := _UPDATED.search(n.text):
            n.updates = [x.key for x in by_paragraph.get((n.provision[0], m.group(1)), []) if x.reporting]
        for d in n.deadlines:
            if d.kind == "before-deadline" and d.paragraph:
                n.before = [
                    (x.key, i)
                    for x in norms
                    if x.provision[:2] == (n.provision[0], d.paragraph)
                    for i, e in enumerate(x.deadlines, 1)
                    if e.kind == "relative"
                ]
    for n in norms:  # what an extension extends: the limit its condition restates
        for c in n.conditions:
            for d in c.deadlines:
                if d.kind == "relative" and "extension" in n.text:
                    n.extends = [
                        (x.key, i)
                        for x in norms
                        if x.provision[0] == n.provision[0] and x is not n
                        for i, e in enumerate(x.deadlines, 1)
                        if (e.kind, e.duration, e.anchor) == (d.kind, d.duration, d.anchor)
                    ]
    for n in norms:  # "additional extensions" of the same paragraph extend the same limit
        if not n.extends and re.search(r"\bextensions?\b", n.text) and n.kind == "permission":
            same = [x for x in by_paragraph.get(n.provision[:2], []) if x.extends and x is not n]
            if same:
                n.extends = list(same[0].extends)
    for n in norms:  # "Such a report shall be ... submitted to the Secretary-General": the report's addressee
        if n.reporting and not n.recipients:
            later = by_paragraph.get(n.provision[:2], [])
            for x in later[later.index(n) + 1 :]:
                if re.match(r"(?:Such|The)\s+(?:a\s+)?report\b", x.text, re.I):
                    n.recipients += [r for r in x.recipients if r not in n.recipients]
    for n in norms:  # "The amount ... retained or acquired shall not exceed ...": a ceiling on the permission beside it
        if n.kind == "prohibition" and _CEILING.search(n.own_text or n.text) and not n.regulates:
            n.caps = [x.key for x in by_paragraph.get(n.provision[:2], []) if x.kind == "permission"]
    for n in norms:  # "States Parties retaining ... for the purposes described in paragraphs 6 and 7 ... shall submit
        # a detailed report": a report owed by whoever uses those exceptions
        if n.reporting and n.kind == "duty":
            cited = {(str(ref.article), str(ref.paragraph)) for ref in n.refs if ref.paragraph}
            n.reports_on = [
                x.key for x in norms if x.provision[:2] in cited and x.kind == "permission" and x.exception_to
            ]
    for n in norms:  # "Such a report shall be prepared for each year ...": the report's own rules follow it
        for key in n.regulates:
            first = next(x for x in norms if x.key == key)
            if first.reports_on and not n.reports_on:
                n.reports_on = list(first.reports_on)
    for n in norms:
        if _RENEWED.search(n.text):
            cited = {(str(ref.article), str(ref.paragraph)) for ref in n.refs if ref.paragraph}
            n.renews = [x.key for x in norms if x.provision[:2] in cited and x.extends]


def _overridden(exception: Norm, candidates: list[Norm]) -> list[NormKey]:
    """The norms of the article an exception names that share most of its activity words."""
    text = _NOTWITHSTANDING.sub("", exception.text)
    words = _words(text)
    scored = [(len(words & _words(c.own_text or c.text)), c) for c in candidates if c.kind == "prohibition"]
    best = max((s for s, _ in scored), default=0)
    return [c.key for s, c in scored if s == best and s > 0]
