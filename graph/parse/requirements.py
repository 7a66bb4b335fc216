"""What a norm or a commitment requires, and the situation it binds a State in, read from its words.

`requirement` keeps the verb and its object and drops who must act and by when: "Each State Party
shall destroy or ensure the destruction of all cluster munitions referred to in paragraph 1 of this
Article as soon as possible but not later than eight years ..." requires "destroy or ensure the
destruction of all cluster munitions referred to in paragraph 1 of this Article". A passive duty
is turned round: "The information ... shall be updated" requires to "update the information ...".

`situation` names the situation a duty binds only a State in, by what the duty is about: the
Convention binds a State to destroy the cluster munitions "under its jurisdiction and control" and
to clear the remnants "in cluster munition contaminated areas under its jurisdiction or control";
a State that has none owes nothing under those paragraphs."""

from __future__ import annotations

import re

_MODAL = re.compile(r"\b(?:shall|undertakes? to|must|will(?: seek to)?|should|are encouraged to|is encouraged to)\s+")
_PASSIVE = re.compile(r"^be\s+(\w+ed)\b\s*(?:by\s+[^,]+?)?\s*(?=,|\b(?:annually|not later|no later|within)\b|$)")
# where what is required ends and when, how or on what condition begins
_END = re.compile(
    r"\s*(?:,\s*|\s+)(?:as soon as (?:possible|practicable)|not later than|no later than|within\b|in any event|"
    r"annually|each year|by the\b|before\b|prior to|as follows|in accordance with the|"
    r"with a view to|on:|,\s*including\b)"
    r"|[;:]|\.(?:\s|$)|\s*\(\w\)\s"
)
# a time clause set off by commas inside the requirement ("Endeavour to, within one year of entry into
# force for that State Party, develop ..."), or opening it ("Within one year of ..., review ...")
_TIME_CLAUSE = re.compile(
    r",\s*(?:within|no later than|not later than|as soon as possible|by the)\b[^,]*,|"
    r"^(?:Within|No later than|Not later than|As soon as possible)\b[^,]*,\s*",
    re.I,
)
_LONGEST = 110  # characters: a phrase beside a date, not a paragraph

SITUATIONS = {
    # key: what the duty's words say it is about
    "holds-stockpiled-cluster-munitions": re.compile(
        r"cluster munitions referred to in paragraph 1 of this Article|stockpiled cluster munitions|"
        r"all cluster munitions under its jurisdiction and control"
    ),
    "has-cluster-munition-contaminated-areas": re.compile(
        r"(?:remnants located in )?cluster munition contaminated areas under its jurisdiction or control"
    ),
}


def requirement(text: str) -> str | None:
    """What an action plan's action requires: the verb phrase after its modal ("States Parties will ..."),
    or its imperative ("Identify the precise location ..."); None when it has no verb to read."""
    # the first sentence says what is required; a second one adds to it ("States Parties will mark ...")
    text = re.split(r"(?<=\.)\s+(?=[A-Z])", " ".join(text.split()), maxsplit=1)[0]
    text = " ".join(_TIME_CLAUSE.sub(" ", text).split())
    if m := _MODAL.search(text):
        return verb_phrase(text[: m.start()], text[m.end() :])
    if re.match(r"^[A-Za-z][a-z]+\b", text):  # lower-case once an opening time clause is gone
        return verb_phrase("", text)
    return None


def verb_phrase(subject: str, predicate: str) -> str | None:
    """What a statement requires, from the words before its main modal verb and those after it (the norm
    parser finds the modal; `requirement` does for an action): the predicate up to where when, how or on
    what condition begins; a passive predicate turned round with its subject."""
    subject = " ".join(subject.split()).strip(" ,")
    predicate = " ".join(_TIME_CLAUSE.sub(" ", " ".join(predicate.split())).split())
    if (passive := _PASSIVE.match(predicate)) and subject:
        # "The information ... shall be updated" requires to "update the information ..."
        return _trim(f"{_infinitive(passive.group(1))} {_lower_first(subject)}")
    predicate = re.sub(r"^to\s+", "", re.sub(r"^not\s+", "not ", predicate))  # "undertakes to destroy": destroy
    if end := _END.search(predicate):
        predicate = predicate[: end.start()]
    return _trim(_lower_first(predicate.strip(" ,")))


def _infinitive(participle: str) -> str:
    """'updated' -> 'update', 'submitted' -> 'submit', 'destroyed' -> 'destroy', 'reported' -> 'report'."""
    word = participle.lower()
    if re.search(r"(?:at|it|ut|id|et|is|iz|os|ur|ac|ic|ov|ag|ang|lar|or)ed$", word):
        return word[:-1]
    if re.search(r"([bdglmnprt])\1ed$", word):
        return word[:-3]
    if word.endswith("ied"):
        return word[:-3] + "y"
    return word[:-2] if word.endswith("ed") else word


def situation(text: str) -> str | None:
    """The key of the situation a duty binds only a State in, if its words name one."""
    return next((key for key, pattern in SITUATIONS.items() if pattern.search(text)), None)


def situation_label(key: str) -> str:
    """'holds-stockpiled-cluster-munitions' -> 'holds stockpiled cluster munitions'."""
    return key.replace("-", " ")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text


def _trim(text: str) -> str | None:
    text = text.strip(" ,")
    if not text:
        return None
    if len(text) <= _LONGEST:
        return text
    return text[: text.rfind(" ", 0, _LONGEST)].rstrip(" ,") + " …"
