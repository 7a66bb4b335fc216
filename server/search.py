"""Full-text search over labels and texts, from the SQLite FTS5 index built with the graph."""

from __future__ import annotations

import re
import sqlite3
import tempfile
import threading
from collections import defaultdict
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, jsonify, render_template, request

from graph.publish import search_index
from graph.publish.files import SEARCH

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
    # one read-only connection per thread, opened after gunicorn forked the worker
    db = getattr(_local, "db", None)
    if db is None:
        db = sqlite3.connect(f"file:{current_app.config['SEARCH_INDEX']}?mode=ro", uri=True)
        _local.db = db
    return db


def _match(q: str) -> str | None:
    """An FTS5 query from what a person typed: every word must occur, the last as a prefix."""
    words = re.findall(r"\w+", q.lower())[:12]
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + f'"{words[-1]}"*'


def find(q: str, limit: int = MAX_RESULTS) -> list[dict[str, object]]:
    match = _match(q)
    if match is None:
        return []
    rows = (
        _db()
        .execute(
            "SELECT iri, class, label, snippet(entity, 3, '\x02', '\x03', ' … ', 16) FROM entity WHERE entity MATCH ?"
            f" ORDER BY bm25(entity, {', '.join(map(str, search_index.WEIGHTS))}) LIMIT ?",
            (match, limit),
        )
        .fetchall()
    )
    return [{"iri": r[0], "class": r[1] or "Resource", "label": r[2], "snippet": r[3], "url": href(r[0])} for r in rows]


@bp.route("/search")
def search() -> str:
    q = request.args.get("q", "").strip()[:200]
    results = find(q) if q else []
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for rank, r in enumerate(results):
        r["rank"] = rank
        groups[r["class"]].append(r)
    # groups in the order of their best result
    ordered = sorted(groups.items(), key=lambda kv: kv[1][0]["rank"])
    return render_template("pages/search.html", q=q, groups=ordered, total=len(results))


@bp.route("/search/suggest")
def suggest() -> Response:
    q = request.args.get("q", "").strip()[:100]
    items = [{"label": r["label"], "class": r["class"], "url": r["url"], "iri": r["iri"]} for r in find(q, 10)]
    return jsonify(items)
