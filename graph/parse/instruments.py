"""Instruments outside the Convention that the texts invoke: other treaties, resolutions, standards,
goals and earlier plans. The names below are how the documents word them (reference data about names,
like the ISO country list), not facts about the Convention: each label is the texts' own wording, and
each mention found is read from the text. No Wikidata identifier is given: none could be checked here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Instrument:
    key: str
    label: str
    kind: str  # treaty | resolution | standard | goals | declaration | plan
    pattern: re.Pattern[str]


INSTRUMENTS = [
    Instrument(
        "crpd",
        "Convention on the Rights of Persons with Disabilities",
        "treaty",
        re.compile(r"\bConvention\s+on\s+the\s+Rights\s+of\s+Persons\s+with\s+Disabilities\b|\bCRPD\b"),
    ),
    Instrument(
        "mine-ban-convention",
        "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines"
        " and on Their Destruction",
        "treaty",
        re.compile(
            r"\bConvention\s+on\s+the\s+Prohibition\s+of\s+the\s+Use,\s+Stockpiling,\s+Production\s+and\s+"
            r"Transfer\s+of\s+Anti-Personnel\s+Mines|\bMine\s+Ban\s+Convention\b"
        ),
    ),
    Instrument(
        "ccw-protocol-v",
        "Protocol on Explosive Remnants of War",
        "treaty",
        re.compile(r"\bProtocol\s+on\s+Explosive\s+Remnants\s+of\s+War\b|\bProtocol\s+V\b"),
    ),
    Instrument(
        "unscr-1325",
        "United Nations Security Council Resolution 1325 on women, peace and security",
        "resolution",
        re.compile(r"\bSecurity\s+Council\s+Resolution\s+1325\b"),
    ),
    Instrument(
        "unscr-1612",
        "United Nations Security Council Resolution 1612 on children in armed conflict",
        "resolution",
        re.compile(r"\bSecurity\s+Council\s+Resolution\s+1612\b"),
    ),
    Instrument(
        "unga-66-290",
        "United Nations General Assembly resolution 66/290",
        "resolution",
        re.compile(r"\bUNGA\s+resolution\s+66/290\b|\bA/RES/66/290\b"),
    ),
    Instrument(
        "sdgs", "Sustainable Development Goals", "goals", re.compile(r"\bSustainable\s+Development\s+Goals\b|\bSDGs\b")
    ),
    Instrument("mdgs", "Millennium Development Goals", "goals", re.compile(r"\bMillennium\s+Development\s+Goals\b")),
    Instrument(
        "imas",
        "International Mine Action Standards",
        "standard",
        re.compile(r"\bInternational\s+Mine\s+Action\s+Standards\b|\bIMAS\b"),
    ),
    Instrument(
        "oslo-declaration",
        "Declaration of the Oslo Conference on Cluster Munitions",
        "declaration",
        re.compile(r"\bDeclaration\s+of\s+the\s+Oslo\s+Conference\s+on\s+Cluster\s+Munitions\b|\bOslo\s+Declaration\b"),
    ),
    Instrument("dubrovnik-action-plan", "Dubrovnik Action Plan", "plan", re.compile(r"\bDubrovnik\s+Action\s+Plan\b")),
]


def invoked(text: str) -> list[tuple[Instrument, int, int]]:
    """Every instrument a clean text names, with where."""
    found = []
    for instrument in INSTRUMENTS:
        for m in instrument.pattern.finditer(text):
            found.append((instrument, m.start(), m.end()))
    return sorted(found, key=lambda x: x[1])
