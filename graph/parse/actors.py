"""Who the texts address and name: actor categories, states (ISO 3166) and their lookup."""

from __future__ import annotations

import re
from functools import cache

import pycountry

from ..sources import SourceText, Span

# Names the documents use for states that ISO 3166 now lists under another name.
# This is reference data about names, not a fact about the Convention.
_FORMER_NAMES = {
    "swaziland": "SWZ",
    "former yugoslav republic of macedonia": "MKD",
    "libyan arab jamahiriya": "LBY",
    "holy see": "VAT",
    "palestine": "PSE",
    "turkey": "TUR",
}

# what narrows a bearer or an addressee to those with the means: "Each State Party in a position to do so"
IN_A_POSITION = re.compile(r"\bin\s+a\s+position\s+to\s+do\s+so\b", re.I)

_SUBJECT = re.compile(
    r"((?:All\s+|Each\s+|the\s+)?States?\s+Part(?:ies|y)\b.*?)\s*,?\s+(?:will|should|shall|undertakes?)\b",
    re.DOTALL,
)


def category_label(phrase: str) -> str:
    """The canonical label of an actor category: 'Each State Party in a position to do so'
    and 'States Parties in a position to do so' are one category."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,:")
    phrase = re.sub(r"^(?:(?:any|each|all|one or more) of the|all|each|the|any|another|a)\s+", "", phrase, flags=re.I)
    phrase = re.sub(r"^States? Part(?:y|ies)\b", "States Parties", phrase, flags=re.I)
    phrase = re.sub(r"^State$", "States", phrase)
    phrase = phrase[0].upper() + phrase[1:]
    if phrase == "States Parties":
        return "All States Parties"
    return phrase


def chapeau_addressees(chapeau: str) -> list[str]:
    """Actor categories a plan's chapeau ('States Parties with cluster munition stockpiles will:') addresses."""
    m = _SUBJECT.search(chapeau)
    if m is None:
        return []
    subject = re.split(r",\s+in\s+", m.group(1))[0]  # "All States Parties, in support of ..., will"
    parts = re.split(r"\s+and\s+where\s+applicable\s+", subject)
    return [category_label(p) for p in parts]


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                index[_key(name)] = country.alpha_3
                if ", " in name:  # "Moldova, Republic of" -> "Republic of Moldova"
                    head, tail = name.split(", ", 1)
                    index[_key(f"{tail} {head}")] = country.alpha_3
    index.update(_FORMER_NAMES)
    return index


def _key(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("\u2019", "'")).strip().lower()
    return name[4:] if name.startswith("the ") else name


def iso3(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of a state as the documents name it, or None."""
    return _index().get(_key(name))


def state_code(name: str, source: SourceText, span: Span) -> str:
    """The ISO 3166 code of a state the text names; a name no list knows is a malformed document."""
    code = iso3(name)
    if code is None:
        raise source.error(span.start, f"no ISO 3166 code for the state named {name!r}")
    return code
