"""Full-text search over labels and texts, from the SQLite FTS5 index built with the graph."""

from __future__ import annotations

import difflib
import os
import re
import sqlite3
import tempfile
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, jsonify, render_template, request

from graph.publish import search_index
from graph.publish.files import SEARCH
from graph.vocab.iris import term

from .linked_data.render import href
from .store import dataset as ds

bp = Blueprint("search", __name__)
_local = threading.local()
MAX_RESULTS = 50


def init_app(app: Flask) -> None:
    """Find the index beside the dataset; for a dataset that came without one, build it now."""
    data = app.extensions["ccm_dataset"]
    directory = data.directory or (Path(app.config["DUMPS_DIR"]) if app.config.get("DUMPS_DIR") else None)
    path = directory / SEARCH if directory else None
    if path is None or not path.is_file():
        path = Path(tempfile.mkdtemp(prefix="ccmkg-search-")) / SEARCH
        search_index.write(path, _rows_from_store(data))
    app.config["SEARCH_INDEX"] = str(path)


def _rows_from_store(data: ds.Dataset) -> list[tuple[str, str, str, str, str]]:
    """The same rows the build indexes: from the asserted graph, typed by the ontology."""
    return search_index.rows(data.rdflib_graph("asserted"), data.rdflib_graph("ontology"))


def _db() -> sqlite3.Connection:
    # one read-only connection per thread of each process: a connection the master opened while warming
    # up (serve.warm) must not be shared with the workers it forks
    db = getattr(_local, "db", None)
    if db is None or _local.pid != os.getpid():
        db = sqlite3.connect(f"file:{current_app.config['SEARCH_INDEX']}?mode=ro", uri=True)
        _local.db, _local.pid = db, os.getpid()
    return db


def _match(q: str) -> str | None:
    """An FTS5 query from what a person typed: every word must occur, the last as a prefix."""
    words = re.findall(r"\w+", q.lower())[:12]
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + f'"{words[-1]}"*'


def _query(match: str, limit: int) -> list[tuple[str, str, str, str]]:
    return (
        _db()
        .execute(
            "SELECT iri, class, label, snippet(entity, 3, '\x02', '\x03', ' … ', 16) FROM entity WHERE entity MATCH ?"
            f" ORDER BY bm25(entity, {', '.join(map(str, search_index.WEIGHTS))}) LIMIT ?",
            (match, limit),
        )
        .fetchall()
    )


def _corrected(q: str) -> str | None:
    """The query with each word the index does not hold replaced by the closest one it does ('stokpile')."""
    vocabulary = _vocabulary()
    out, changed = [], False
    for word in re.findall(r"\w+", q.lower()):
        if word in vocabulary or any(v.startswith(word) for v in vocabulary if len(word) > 2):
            out.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        out.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(out) if changed else None


def entities() -> list[tuple[str, str]]:
    """Every indexed entity's IRI and label, for clients that complete names locally."""
    return _db().execute("SELECT iri, label FROM entity ORDER BY iri").fetchall()


def _vocabulary() -> list[str]:
    words = getattr(_local, "vocabulary", None)
    if words is None:
        words = _local.vocabulary = [r[0] for r in _db().execute("SELECT term FROM vocabulary WHERE doc > 0")]
    return words


def _rank(q: str, label: str) -> tuple[int, int]:
    """A label that is what was typed ('article 4': 'Article 4: Clearance ...') comes before texts that mention
    it; then a name that holds more of the words typed ('Article 3: Storage and stockpile destruction' for
    'stockpile destruction deadline') before one that holds fewer."""
    typed, label = " ".join(re.findall(r"\w+", q.lower())), label.lower()
    if label == typed:
        return 0, 0
    words = " ".join(re.findall(r"\w+|[:,]", label)).replace(" :", ":").replace(" ,", ",")
    if words.startswith(typed + ":"):  # the article itself, before its paragraphs
        return 1, 0
    if re.match(rf"{re.escape(typed)}(?![\w])", words):
        return 2, 0
    named = re.findall(r"\w+", label)
    # a word's first five letters stand for its stem: 'victims' holds 'victim', 'destruction' 'destruct'
    held = sum(any(w.startswith(t[:5]) for w in named) for t in set(typed.split()))
    return 3, -held


@dataclass
class Found:
    results: list[dict[str, object]]
    corrected: str | None = None  # what was searched for instead, when the words typed matched nothing


def find(q: str, limit: int = MAX_RESULTS) -> Found:
    match = _match(q)
    if match is None:
        return Found([])
    rows, corrected = _query(match, 200), None
    if not rows and (better := _corrected(q)):
        rows, corrected = _query(_match(better) or match, 200), better
    rows = sorted(rows, key=lambda r: _rank(corrected or q, r[2]))  # stable: BM25 order within each rank
    wholes = {r[0] for r in rows if r[1] in _WHOLES}
    results, parts = [], defaultdict(list)
    for r in rows:
        whole = next((w for w in _ancestors(r[0]) if w in wholes), None)
        item = {"iri": r[0], "class": r[1] or "Resource", "label": r[2], "snippet": r[3], "url": href(r[0])}
        if whole is None:
            results.append(item)
        else:  # under its action or article, which is a hit too: listed with it, not beside it
            parts[whole].append(item)
    results = results[:limit]
    for item in results:
        item["parts"] = parts.get(str(item["iri"]), [])
    return Found(results, corrected)


# what a hit's parts are shown under when both are hits: an action's commitments and indicators, an
# article's paragraphs and their duties
_WHOLES = {"Action", "Article"}


def _ancestors(iri: str) -> list[str]:
    """The IRIs an IRI extends, nearest first: .../action/33/indicator/2 -> .../action/33/indicator, ..."""
    out, cut = [], iri.rfind("/")
    while cut > 0:
        out.append(iri[:cut])
        cut = iri.rfind("/", 0, cut)
    return out


def _kind(cls: str) -> str:
    """A class in words: 'plan section', not 'PlanSection'."""
    name = ds.get().label(str(term(cls))) or cls
    return name[0].upper() + name[1:]


@bp.route("/search")
def search() -> str:
    """One list ranked by relevance, whatever the kind (an article, a duty and a due date compete on their
    words), with the kinds as facets that narrow it."""
    q = request.args.get("q", "").strip()[:200]
    kind = request.args.get("kind", "").strip()[:100]
    found = find(q) if q else Found([])
    for r in found.results:
        r["kind"] = _kind(str(r["class"]))
    kinds = Counter(r["kind"] for r in found.results)
    shown = [r for r in found.results if r["kind"] == kind] if kind in kinds else found.results
    return render_template(
        "pages/search.html",
        q=q,
        results=shown,
        kinds=kinds.most_common(),
        kind=kind if kind in kinds else "",
        total=len(found.results),
        corrected=found.corrected,
    )


@bp.route("/search/suggest")
def suggest() -> Response:
    q = request.args.get("q", "").strip()[:100]
    items = [
        {"label": r["label"], "class": _kind(str(r["class"])), "url": r["url"], "iri": r["iri"]}
        for r in find(q, 10).results
    ]
    return jsonify(items)
