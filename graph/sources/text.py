"""Turning raw document text (PDF line breaks, markdown, HTML cells) into clean running text."""

from __future__ import annotations

import difflib
import re
from functools import cache

import snowballstemmer

_TAGS = re.compile(r"</?(?:p|ul|li|br)\b[^>]*>")
_EMPHASIS = re.compile(r"\*+")
_FOOTNOTE_MARK = re.compile(r"(?<=[\w.,;:)])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
# "non- affected", "at-\n risk": a hyphen the PDF extraction detached from the next word.
# "age- and gender-sensitive" is a real suspended hyphen and stays.
_DETACHED_HYPHEN = re.compile(r"(?<=\w)-\s+(?!(?:and|or|to)\b)(?=\w)")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[,;:.](?:\s|$))")
_BULLET = re.compile(r"^\s*-\s+")


def clean(raw: str) -> str:
    """Running text of a raw span: markup, footnote marks and line breaks removed."""
    text = _TAGS.sub(" ", raw)
    text = _EMPHASIS.sub("", text)
    text = _FOOTNOTE_MARK.sub("", text)
    text = _DETACHED_HYPHEN.sub("-", text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    return _BULLET.sub("", text).strip()


def comparable(text: str) -> str:
    """A form of text for checking that two sources state the same thing."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[^\w]+", " ", text.lower())
    return _SPACES.sub(" ", text).strip()


# words that carry no topic, for comparing headings and texts
STOP_WORDS = frozenset({"of", "the", "and", "to", "its", "in", "for", "on"})


def words(text: str) -> list[str]:
    """The lower-case words of a text, with British and American spellings made one ('organisation')."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("isation", "ization"))


def slug(text: str) -> str:
    """A lower-case, hyphenated IRI segment: 'Victim assistance' -> 'victim-assistance'."""
    text = comparable(text).replace("_", " ")
    return text.replace(" ", "-")


_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
ORDINAL_WORDS = "|".join(sorted(_ORDINALS, key=len, reverse=True))

_CARDINALS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty-six": 26,
}
CARDINAL_WORDS = "|".join(sorted(_CARDINALS, key=len, reverse=True))


def ordinal(word: str) -> int:
    return _ORDINALS[word.lower()]


def cardinal(word: str) -> int:
    return int(word) if word.isdigit() else _CARDINALS[word.lower()]


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman(numeral: str) -> int:
    total = 0
    for ch, nxt in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN[ch]
        total += -value if nxt != " " and _ROMAN.get(nxt, 0) > value else value
    return total


def sentences(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences of a clean text; abbreviations like 'No.' and 'Dr.' do not end one."""
    out, start = [], 0
    for m in re.finditer(r"(?<!\bNo)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bi\.e)[.;](?=\s+[A-Z(]|\s*$)", text):
        out.append((start, m.end()))
        start = m.end()
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def similarity(a: str, b: str) -> float:
    """How alike two wordings are (1.0: the same words), ignoring case, punctuation and spacing."""
    a, b = comparable(a), comparable(b)
    if a == b:  # most printings agree: no need for the quadratic match (a quarter of a second per build)
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# Two printings of one text differ by spelling ("fulfil"/"fulfill") and extraction noise only.
SAME_TEXT = 0.95


def ordinal_word(number: int) -> str:
    """11 -> 'eleventh'."""
    return next(word for word, n in _ORDINALS.items() if n == number)


MONTHS = "January February March April May June July August September October November December".split()
MONTH_NAMES = "|".join(MONTHS)


def iso_date(day: str | int, month: str, year: str | int) -> str:
    """'30', 'April', '2010' -> '2010-04-30' (xsd:date)."""
    return f"{int(year):04d}-{MONTHS.index(month.capitalize()) + 1:02d}-{int(day):02d}"


_SMALL_WORDS = {"of", "the", "on", "and", "to", "for", "in"}


def title_case(text: str) -> str:
    """'FINAL DOCUMENT' -> 'Final Document'; 'VIENTIANE ACTION PLAN' -> 'Vientiane Action Plan'."""
    words = text.strip().lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w.capitalize() for i, w in enumerate(words))


# Snowball's English stemmer, cached: the texts repeat their words ("stockpiles", "stockpiling": "stockpil")
stem = cache(snowballstemmer.stemmer("english").stemWord)


def natural_key(text: str) -> list[tuple[int, float, str]]:
    """A sort key reading numbers by value and letters without case: "Article 2" before "Article 10",
    action/9 before action/10."""
    return [
        (0, float(part), "") if part.isdigit() else (1, 0.0, part.casefold()) for part in re.findall(r"\d+|\D+", text)
    ]
