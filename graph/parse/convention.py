"""The Convention text in the Lausanne booklet (003): preamble, articles, paragraphs,
sub-paragraphs and the Article 2 definitions; the statements they make are read by `norms`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..sources import SourceText
from ..sources.text import MONTH_NAMES, clean, iso_date, sentences
from . import norms
from .citations import ARTICLE_COUNT, article_refs
from .norms import RawStatement
from .records import ConventionRecords, Definition, PreambleRecital, Provision


@dataclass
class _Node:
    path: tuple[str, ...]
    start: int
    end: int
    children: list[_Node] = field(default_factory=list)
    chapeau_end: int | None = None  # where the text before the first sub-item ends


_PARAGRAPH = re.compile(r"^\s*(\d+)\.\s+\S")
_ITEM = re.compile(r"^\s*-\s+([a-z]|[ivx]+)\.\s+\S")
_ROMAN_ITEMS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def parse(src: SourceText) -> ConventionRecords:
    head = src.find(r"^Convention on Cluster Munitions\s*$")
    preamble_start = src.find(r"^THE STATES PARTIES TO THIS CONVENTION,\s*$", head.end())
    agreed = src.find(r"^HAVE AGREED AS FOLLOWS:\s*$", preamble_start.end())
    end = src.find(r"^The Implementation Support Unit of the Convention", agreed.end()).start()
    out = ConventionRecords(title_span=src.span(head.start(), head.end()))
    _dates(src, out)

    for line, s, e in src.lines(preamble_start.end(), agreed.start()):
        if line.strip():
            out.preamble.append(PreambleRecital(len(out.preamble) + 1, clean(line), src.span(s, e)))

    starts = [m for m in re.finditer(r"^Article (\d+)\s*$", src.text[:end], re.M) if m.start() > agreed.start()]
    numbers = [int(m.group(1)) for m in starts]
    for expected, m in enumerate(starts, 1):
        if int(m.group(1)) != expected:
            raise src.error(m.start(), f"Article {m.group(1)} where Article {expected} was expected")
    if numbers != list(range(1, ARTICLE_COUNT + 1)):
        raise src.error(end, f"the Convention has {len(numbers)} articles, not {ARTICLE_COUNT}")
    raw: list[RawStatement] = []
    for i, m in enumerate(starts):
        art_end = starts[i + 1].start() if i + 1 < len(starts) else end
        _article(src, out, int(m.group(1)), m.start(), art_end, raw)
    out.norms = norms.read(raw, src)
    return out


_DATE = rf"(\d{{1,2}}) ({MONTH_NAMES}) (\d{{4}})"
_HISTORY = re.compile(
    rf"Adopted on {_DATE} in ([^,]+, [^,]+), and signed on {_DATE} in ([^,]+, [^,]+), "
    rf"the Convention on Cluster Munitions entered into force on {_DATE}\."
)


def _dates(src: SourceText, out: ConventionRecords) -> None:
    """The booklet's own account of the Convention's adoption, signature and entry into force."""
    m = _HISTORY.search(src.text)
    if m is None:
        raise src.error(0, "the booklet does not state when the Convention was adopted, signed and entered into force")
    g = m.groups()
    out.adopted, out.adopted_place = iso_date(*g[0:3]), g[3]
    out.signed, out.signed_place = iso_date(*g[4:7]), g[7]
    out.entry_into_force = iso_date(*g[8:11])
    out.dates_span = src.span(m.start(), m.end())


def _article(
    src: SourceText, out: ConventionRecords, number: int, start: int, end: int, raw: list[RawStatement]
) -> None:
    body = [(t, s, e) for t, s, e in src.lines(start, end)[1:] if t.strip()]
    if not body:
        raise src.error(start, f"Article {number} has no title")
    title, ts, te = body[0]
    content = body[1:]
    article = Provision(
        path=(str(number),), text="", span=src.span(start, end), title=clean(title), title_span=src.span(ts, te)
    )
    out.provisions.append(article)
    root = _Node(article.path, content[0][1] if content else te, end)
    _tree(src, root, content)
    article.text = clean(src.text[root.start : root.end])
    if number == 2:
        _definitions(src, out, root)
    nodes = root.children or [root]
    for node in nodes:
        _emit(src, out, node, number, raw)
    if not root.children:  # an article of one unnumbered paragraph states its obligations itself
        article.refs = article_refs(article.text, number)


def _tree(src: SourceText, root: _Node, content: list[tuple[str, int, int]]) -> None:
    paragraph: _Node | None = None
    item: _Node | None = None
    sub: _Node | None = None
    for text, s, e in content:
        if m := _PARAGRAPH.match(text):
            n = int(m.group(1))
            expected = len(root.children) + 1
            if n != expected:
                raise src.error(s, f"paragraph {n} of Article {root.path[0]} where {expected} was expected")
            paragraph = _Node(root.path + (str(n),), s, e)
            root.children.append(paragraph)
            item = sub = None
        elif (m := _ITEM.match(text)) and paragraph is not None:
            label = m.group(1)
            next_letter = chr(ord(paragraph.children[-1].path[-1]) + 1) if paragraph.children else "a"
            in_roman = item is not None and (sub is not None or clean(src.text[item.start : item.end]).endswith(":"))
            if item is not None and label in _ROMAN_ITEMS and label != next_letter and in_roman:
                sub = _Node(item.path + (label,), s, e)
                item.children.append(sub)
            else:
                if label != next_letter:
                    raise src.error(s, f"sub-paragraph ({label}) where ({next_letter}) was expected")
                if paragraph.chapeau_end is None:
                    paragraph.chapeau_end = paragraph.end
                item = _Node(paragraph.path + (label,), s, e)
                paragraph.children.append(item)
                sub = None
        elif root.children and paragraph is None:
            raise src.error(s, "text outside any paragraph")
        # a line the PDF broke off its (sub-)paragraph belongs to the innermost open one;
        # every enclosing provision's span covers it too
        for node in (sub, item, paragraph, root):
            if node is not None:
                node.end = max(node.end, e)


def unlabel(text: str) -> str:
    """Text of a provision without its own number or letter: '1. Each State Party' -> 'Each State Party'."""
    return re.sub(r"^(?:\d+|[a-z]|[ivx]+)\.\s+", "", text)


def _emit(src: SourceText, out: ConventionRecords, node: _Node, article: int, raw: list[RawStatement]) -> None:
    """Provisions of one paragraph (or of an article without numbered paragraphs) and its statements."""
    full = unlabel(clean(src.text[node.start : node.end]))
    paragraph = node.path[1] if len(node.path) > 1 else None
    if len(node.path) > 1:
        out.provisions.append(
            Provision(node.path, full, src.span(node.start, node.end), refs=article_refs(full, article, paragraph))
        )
    chapeau = unlabel(clean(src.text[node.start : node.chapeau_end or node.end]))
    items = node.children
    for item in items:
        _item_provisions(src, out, item, article)
    span = src.span(node.start, node.end)
    if article == 2 and len(node.path) > 1:
        raw.append(RawStatement(node.path, full, span, definition=True))
        return
    if items and _OPENS_LIST.search(chapeau):
        for item in items:
            item_text = unlabel(clean(src.text[item.start : item.end]))
            raw.append(
                RawStatement(item.path, f"{chapeau} {item_text}", src.span(item.start, item.end), chapeau=chapeau)
            )
        return
    text = full if not items else chapeau
    paths = [i.path for i in items]
    pieces = sentences(text)
    for n, (s, e) in enumerate(pieces):
        last = n == len(pieces) - 1
        raw.append(RawStatement(node.path, text[s:e], span, items=paths if last and text.endswith(":") else []))
    if items and not chapeau.endswith(":"):  # items that are sentences of their own ("a. In such cases, ...")
        for item in items:
            item_text = unlabel(clean(src.text[item.start : item.end]))
            for s, e in sentences(item_text):
                raw.append(RawStatement(item.path, item_text[s:e], src.span(item.start, item.end)))


def _item_provisions(src: SourceText, out: ConventionRecords, item: _Node, article: int) -> None:
    text = unlabel(clean(src.text[item.start : item.end]))
    out.provisions.append(Provision(item.path, text, src.span(item.start, item.end), refs=article_refs(text, article)))
    for sub in item.children:
        sub_text = unlabel(clean(src.text[sub.start : sub.end]))
        out.provisions.append(Provision(sub.path, sub_text, src.span(sub.start, sub.end)))


# A chapeau whose verb is completed by each sub-paragraph: every sub-paragraph is then an obligation.
_OPENS_LIST = re.compile(
    r"(?:\bshall|\bundertakes(?:\s+never\s+under\s+any\s+circumstances)?\s+to|\bas\s+follows|"
    r"\bfollowing\s+measures\b.*|\bshall\s+authorise\s+a\s+State\s+Party)\s*:?$|\bnever\s+under\s+any\s+circumstances\s+to$"
)


def _definitions(src: SourceText, out: ConventionRecords, article: _Node) -> None:
    for node in article.children:
        text = unlabel(clean(src.text[node.start : node.end]))
        m = re.match(r"^[“\"]([^”\"]+)[”\"]\s+(?:means|involves)\b", text)
        if m is None:
            raise src.error(node.start, "Article 2 paragraph without a quoted defined term")
        out.definitions.append(Definition(int(node.path[1]), m.group(1).strip(), text, src.span(node.start, node.end)))
