"""Downloads of the whole dataset, with their checksums."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, send_from_directory

from graph.publish.files import CHECKSUMS, DOWNLOADS

from .store import dataset as ds

bp = Blueprint("dumps", __name__)


def directory() -> Path | None:
    """Where the downloads are: beside the served file, or the build directory given with --store."""
    configured = current_app.config.get("DUMPS_DIR")
    return Path(configured) if configured else ds.get().directory


def checksums() -> dict[str, str]:
    folder = directory()
    path = folder / CHECKSUMS if folder else None
    if path is None or not path.is_file():
        return {}
    return {name: digest for digest, name in (line.split("  ", 1) for line in path.read_text().splitlines())}


@bp.route("/dump")
def index() -> str:
    folder = directory()
    sums = checksums()
    files = [
        {"name": n, "title": t, "size": (folder / n).stat().st_size, "sha256": sums.get(n)}
        for n, (t, _) in DOWNLOADS.items()
        if folder and (folder / n).is_file()
    ]
    return render_template("pages/dumps.html", files=files)


@bp.route("/dump/<name>")
def download(name: str) -> Response:
    folder = directory()
    if name not in DOWNLOADS or folder is None:
        abort(404, f"no download named {name}")
    response = send_from_directory(folder, name, mimetype=DOWNLOADS[name][1], as_attachment=True)
    if sums := checksums().get(name):
        response.headers["Digest"] = f"sha-256={sums}"
    return response
