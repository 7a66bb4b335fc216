"""The source documents as text, with every extracted span anchored and one highlighted."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from flask import Blueprint, abort, render_template, request
from markupsafe import Markup, escape

from graph.sources import SOURCE_FILES, SourceText
from graph.sources.registry import SOURCES
from graph.vocab import OA, node

from .store import dataset as ds

bp = Blueprint("documents", __name__)


@bp.route("/documents")
def documents() -> str:
    return render_template("pages/documents.html", sources=SOURCES)


@bp.route("/documents/<key>")
def document(key: str) -> str:
    if key not in SOURCE_FILES:
        abort(404, f"no source document {key}")
    text = SourceText.load(SOURCES[key]).text
    highlight = None
    if m := re.fullmatch(r"(\d+)-(\d+)", request.args.get("highlight", "")):
        highlight = (int(m.group(1)), int(m.group(2)))
        if not 0 <= highlight[0] <= highlight[1] <= len(text):
            abort(400, "highlight is outside the document")
    back = request.args.get("from", "")
    # only a page of ours: the parameter must not send readers elsewhere
    if not re.fullmatch(r"/id/[\w./%-]+", back):
        back = ""
    data = ds.get()
    back_label = (data.label(data.base + back.removeprefix("/")) or back) if back else None
    return render_template(
        "pages/document.html",
        key=key,
        name=SOURCES[key].title,
        file=SOURCE_FILES[key],
        body=_anchored(text, _spans(key), highlight),
        back=back,
        back_label=back_label,
    )


@lru_cache(maxsize=8)
def _spans(key: str) -> tuple[tuple[int, int], ...]:
    data = ds.get()
    found = set()
    for q in data.store.quads_for_pattern(None, node(OA.hasSource), node(data.iris.source_file(key))):
        if (span := data.iris.span_range(q.subject.value)) is not None:
            found.add(span[1:])
    return tuple(sorted(found))


def _anchored(text: str, spans: tuple[tuple[int, int], ...], highlight: tuple[int, int] | None) -> Markup:
    """The text with an empty anchor at the start of every extracted span, and the highlighted span marked."""
    events: dict[int, list[str]] = defaultdict(list)
    for start, end in spans:
        events[start].append(f'<span id="c{start}-{end}"></span>')
    if highlight:
        events[highlight[0]].append("<mark>")
        events[highlight[1]].insert(0, "</mark>")
    out, last = [], 0
    for pos in sorted(events):
        out.append(str(escape(text[last:pos])))
        out.extend(events[pos])
        last = pos
    out.append(str(escape(text[last:])))
    return Markup("".join(out))
