"""What a text cites: Convention articles, UN document symbols and meetings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..sources.text import ORDINAL_WORDS, ordinal
from .records import ArticleRef, MeetingRef

ARTICLE_COUNT = 23  # Article 23 "Authentic texts" is the last; a missing article is a parse error.

_PARAGRAPH_OF_ARTICLE = re.compile(
    r"\bparagraphs?\s+(\d+)(?:\s+(to|and)\s+(\d+)|((?:,\s*\d+)+,?\s+and\s+\d+))?\s+of\s+(?:this\s+Article|[Aa]rticle\s+(\d+))"
)
# "sub-paragraphs (a) and (b) of this paragraph", "sub-paragraph (e) of this paragraph"
_SUBPARAGRAPHS_HERE = re.compile(
    r"\bsub-paragraphs?\s+((?:\([a-z]\)(?:,\s*|\s+and\s+|\s+or\s+)?)+)of\s+this\s+paragraph"
)
_ARTICLE_ITEM = r"\d+(?:\.\d+)?(?:\s*\(\w+\))?"
_ARTICLES = re.compile(
    rf"\b[Aa]rticles?\s+({_ARTICLE_ITEM}(?:\s*(?:,|and|or)\s*{_ARTICLE_ITEM})*)"
    r"(?:,\s*paragraphs?\s+(\d+)(?:\s+(?:to|and)\s+(\d+))?)?"
)
_ITEM = re.compile(r"(\d+)(?:\.(\d+))?(?:\s*\((\w+)\))?")


def article_refs(
    text: str, current_article: int | None = None, current_paragraph: str | None = None
) -> list[ArticleRef]:
    """Every citation of the Convention in a clean text, in order, without repeats.

    `current_article` resolves "paragraph 1 of this Article" inside the Convention, `current_paragraph`
    "sub-paragraphs (a) and (b) of this paragraph"; a list ("paragraphs 5, 6 and 7") is one citation each.
    """
    refs: list[ArticleRef] = []
    masked = text
    for m in _PARAGRAPH_OF_ARTICLE.finditer(text):
        article = int(m.group(5)) if m.group(5) else current_article
        if article is None:
            continue
        first = int(m.group(1))
        if m.group(2) == "to":
            refs.append(ArticleRef(article, first, paragraph_to=int(m.group(3))))
        else:
            refs.append(ArticleRef(article, first))
            if m.group(3):
                refs.append(ArticleRef(article, int(m.group(3))))
            for n in re.findall(r"\d+", m.group(4) or ""):
                refs.append(ArticleRef(article, int(n)))
        masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    if current_article is not None and current_paragraph is not None and current_paragraph.isdigit():
        for m in _SUBPARAGRAPHS_HERE.finditer(text):
            for letter in re.findall(r"\(([a-z])\)", m.group(1)):
                refs.append(ArticleRef(current_article, int(current_paragraph), letter))
    for m in _ARTICLES.finditer(masked):
        items = [_ITEM.match(part.strip()) for part in re.split(r"\s*(?:,|\band\b|\bor\b)\s*", m.group(1))]
        for item in items:
            if item is None:
                continue
            article = int(item.group(1))
            paragraph = item.group(2)
            sub = item.group(3)
            if paragraph is None and sub and sub.isdigit():  # "Article 11 (2)"
                paragraph, sub = sub, None
            if paragraph is None and m.group(2) and item is items[-1]:
                refs.append(ArticleRef(article, int(m.group(2)), paragraph_to=int(m.group(3)) if m.group(3) else None))
                continue
            refs.append(ArticleRef(article, int(paragraph) if paragraph else None, sub))
    seen: set[ArticleRef] = set()
    return [r for r in refs if 1 <= r.article <= ARTICLE_COUNT and not (r in seen or seen.add(r))]


_MENTION = re.compile(r"\b(?:[Aa]rticles?)\s+(\d{1,2})(?:\s*[.(]\s*(\d{1,2})\)?)?(?:,\s*paragraphs?\s+(\d{1,2}))?")


def article_mentions(text: str) -> Iterator[tuple[int, int, ArticleRef]]:
    """Where a text names one article or paragraph ('Article 4', 'Article 5, paragraph 2', 'Article 3.6'),
    with offsets, for making each mention a link."""
    for m in _MENTION.finditer(text):
        article, paragraph = int(m.group(1)), m.group(2) or m.group(3)
        if 1 <= article <= ARTICLE_COUNT:
            yield m.start(), m.end(), ArticleRef(article, int(paragraph) if paragraph else None)


# CCM/MSP/2010/WP.4, CCM/CONF/2020/12, CCM/MSP/2018/9, A/RES/64/36, CCM/MSP/2010/CRP.1, and the
# Secretary-General's note verbale ODA/31-2010/CCM
SYMBOL = re.compile(r"\b(?:CCM/(?:MSP|CONF)/\d{4}/(?:(?:WP|CRP)\.)?\d+|A/RES/\d+/\d+|ODA/\d+-\d{4}/CCM)\b")
# "UNGA resolution 66/290": a General Assembly resolution by its number is the document A/RES/66/290
_GA_RESOLUTION = re.compile(r"\b(?:UNGA|General\s+Assembly)\s+resolution\s+(\d+)/(\d+)\b")
_SYMBOL_RANGE = re.compile(r"\b(CCM/(?:MSP|CONF)/\d{4}/(?:(?:WP|CRP)\.)?)(\d+) to \1(\d+)\b")


def document_symbols(text: str) -> list[str]:
    """UN document symbols cited, with ranges ("CCM/MSP/2010/1 to CCM/MSP/2010/4") expanded."""
    found: list[str] = []
    for m in _SYMBOL_RANGE.finditer(text):
        found.extend(f"{m.group(1)}{n}" for n in range(int(m.group(2)), int(m.group(3)) + 1))
    found.extend(SYMBOL.findall(text))
    found.extend(f"A/RES/{m.group(1)}/{m.group(2)}" for m in _GA_RESOLUTION.finditer(text))
    return list(dict.fromkeys(found))


_MEETING = re.compile(
    rf"\b(?:the\s+)?({ORDINAL_WORDS})(?:\s+and\s+({ORDINAL_WORDS}))?\s+"
    r"(Meetings?\s+of\s+(?:the\s+)?States\s+Parties|Review\s+Conference)(?:\s+in\s+(\d{4}))?",
    re.IGNORECASE,
)
_MEETING_SHORT = re.compile(r"\b(\d+)(MSP|RC)\b")


def meeting_refs(text: str) -> list[tuple[MeetingRef, int, int]]:
    """Numbered meetings a text names, with the offsets of each mention."""
    found: list[tuple[MeetingRef, int, int]] = []
    for m in _MEETING.finditer(text):
        kind = "rc" if "review" in m.group(3).lower() else "msp"
        year = int(m.group(4)) if m.group(4) else None
        found.append((MeetingRef(kind, ordinal(m.group(1)), year), m.start(), m.end()))
        if m.group(2):
            found.append((MeetingRef(kind, ordinal(m.group(2))), m.start(), m.end()))
    for m in _MEETING_SHORT.finditer(text):
        found.append((MeetingRef(m.group(2).lower(), int(m.group(1))), m.start(), m.end()))
    return found
