"""The Flask application over one dataset: the SPARQL endpoint, dereferenceable IRIs and pages,
browsing, search, downloads, the query UI and health checks. `create_app(config)` builds it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from flask_compress import Compress
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

from graph.publish.files import DEFAULT_OUT, NQUADS

from .store import dataset
from .store.remote import StoreError, StoreUnavailable

__all__ = ["create_app"]

DEFAULTS: dict[str, Any] = {
    "DATA_FILE": str(DEFAULT_OUT / NQUADS),
    "QUERY_TIMEOUT": 10.0,  # seconds a user query may run before it is stopped
    "MAX_ROWS": 10_000,  # rows (or triples) a response carries at most
    "MAX_BYTES": 16 * 1024 * 1024,  # and characters of values, so a few huge literals cannot make it huge
    "MAX_CONTENT_LENGTH": 1 << 20,  # bytes of request body: beyond, 413
    "COMPRESS_MIMETYPES": [
        "text/html",
        "text/css",
        "text/plain",
        "text/csv",
        "text/tab-separated-values",
        "text/turtle",
        "application/javascript",
        "application/json",
        "application/ld+json",
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "application/rdf+xml",
        "application/n-triples",
        "application/trig",
        "application/n-quads",
    ],
    "COMPRESS_ALGORITHM": ["gzip"],
    "COMPRESS_MIN_SIZE": 1024,
}

log = logging.getLogger(__name__)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__package__)  # named for the package, whose folder holds the templates and static files
    app.config.update(DEFAULTS)
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 86400  # static files: a day in caches, then revalidated
    app.config.from_prefixed_env("CCMKG")
    if config:
        app.config.update(config)

    dataset.init_app(app)
    Compress(app)
    # public, read-only data: any origin may read it, never with credentials
    CORS(
        app,
        origins="*",
        send_wildcard=True,
        supports_credentials=False,
        methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["Content-Type", "Accept"],
        max_age=86400,
    )

    from . import browse, calendar, documents, dumps, lineage, linked_data, search, ui, void
    from .sparql import endpoint

    linked_data.init_app(app)
    search.init_app(app)
    for module in (endpoint, ui, linked_data, browse, documents, search, dumps, void, calendar, lineage):
        app.register_blueprint(module.bp)

    @app.get("/favicon.ico")
    def favicon() -> Response:  # browsers ask for it whatever the page says
        return app.send_static_file("favicon.svg")

    @app.after_request
    def precompressed(response: Response) -> Response:
        """A static file with a gzip copy beside it (YASGUI's 1 MB script, made by `make setup`) is sent
        compressed to clients that take gzip; Flask-Compress leaves files streamed from disk alone."""
        if not request.path.startswith("/static/") or response.status_code != 200:
            return response
        if "gzip" not in request.headers.get("Accept-Encoding", ""):
            return response
        gz = Path(app.static_folder or "") / (request.path.removeprefix("/static/") + ".gz")
        if gz.is_file() and ".." not in request.path:
            response.direct_passthrough = False
            response.set_data(gz.read_bytes())
            response.headers["Content-Encoding"] = "gzip"
            response.vary.add("Accept-Encoding")
            etag, weak = response.get_etag()
            if etag:  # another body: another validator
                response.set_etag(f"{etag}-gzip", weak)
        return response

    @app.after_request
    def no_sniffing(response: Response) -> Response:
        # a text/plain error that echoes a query holding markup must never be read as HTML
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.get("/healthz")
    def healthz() -> Response:
        return Response("ok\n", mimetype="text/plain")

    @app.get("/readyz")
    def readyz() -> Response:
        ok = bool(dataset.get().store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=True))
        return Response("ready\n" if ok else "no data\n", status=200 if ok else 503, mimetype="text/plain")

    @app.errorhandler(StoreUnavailable)
    def store_down(exc: StoreUnavailable) -> Response:
        return Response(
            f"503 Service Unavailable: the triple store did not answer ({exc}); try again\n",
            status=503,
            mimetype="text/plain",
            headers={"Retry-After": "5"},
        )

    @app.errorhandler(StoreError)
    def store_error(exc: StoreError) -> Response:
        return Response(f"{exc.status} {exc}\n", status=exc.status, mimetype="text/plain")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        return Response(f"{exc.code} {exc.name}: {exc.description}\n", status=exc.code, mimetype="text/plain")

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        log.exception("unhandled error")
        return Response("500 Internal Server Error: the error was logged\n", status=500, mimetype="text/plain")

    return app
