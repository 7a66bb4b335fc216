"""The Flask application: SPARQL endpoint, query UI and health checks over one dataset."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, Response
from flask_compress import Compress
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

from graph.mapping import PREFIXES

from . import dataset
from .remote import StoreError, StoreUnavailable

DEFAULTS: dict[str, Any] = {
    "DATA_FILE": str(Path(__file__).resolve().parents[1] / "build" / "ccm.nq"),
    "QUERY_TIMEOUT": 10.0,  # seconds a user query may run before it is stopped
    "MAX_ROWS": 10_000,  # rows (or triples) a response carries at most
    "MAX_CONTENT_LENGTH": 1 << 20,  # bytes of request body: beyond, 413
    "PREFIXES": {p: str(ns) for p, ns in PREFIXES.items()}
    | {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
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
    app = Flask(__name__)
    app.config.update(DEFAULTS)
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

    from . import browse, dumps, linked_data, pages, search, sparql, ui

    pages.init_app(app)
    search.init_app(app)
    for blueprint in (sparql.bp, ui.bp, linked_data.bp, browse.bp, search.bp, dumps.bp):
        app.register_blueprint(blueprint)

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
