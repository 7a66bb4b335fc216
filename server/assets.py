"""Static files as browsers fetch them: the favicon where browsers look for it, and a file with a
gzip copy beside it (YASGUI's 1 MB script, made by `make setup`) sent compressed to clients that take
gzip, since Flask-Compress leaves files streamed from disk alone."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, request

bp = Blueprint("assets", __name__)


@bp.get("/favicon.ico")
def favicon() -> Response:  # browsers ask for it whatever the page says
    return current_app.send_static_file("favicon.svg")


@bp.after_app_request
def precompressed(response: Response) -> Response:
    if not request.path.startswith("/static/") or response.status_code != 200:
        return response
    if "gzip" not in request.headers.get("Accept-Encoding", ""):
        return response
    gz = Path(current_app.static_folder or "") / (request.path.removeprefix("/static/") + ".gz")
    if gz.is_file() and ".." not in request.path:
        response.direct_passthrough = False
        response.set_data(gz.read_bytes())
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag:  # another body: another validator
            response.set_etag(f"{etag}-gzip", weak)
    return response
