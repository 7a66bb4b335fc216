"""The query UI for browsers: YASGUI, served from our own static files, with our prefixes and examples."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from flask import Blueprint, render_template

from graph.vocab.external import QUERY_PREFIXES

from .examples import load_examples
from .store import dataset as ds

bp = Blueprint("ui", __name__, template_folder="templates")
YASGUI_DIR = Path(__file__).with_name("static") / "yasgui"


@bp.route("/query")
def query_ui() -> str:
    examples = load_examples()
    config = {"prefixes": QUERY_PREFIXES, "examples": [asdict(e) for e in examples], "base": ds.get().base}
    return render_template(
        "ui/query.html", config=config, examples=examples, yasgui=(YASGUI_DIR / "yasgui.min.js").is_file()
    )
