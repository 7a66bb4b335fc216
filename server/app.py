"""The Flask application over one dataset: the SPARQL endpoint, dereferenceable IRIs and pages,
browsing, search, downloads, the query UI and health checks. `create_app(config)` builds it, as
flaskr's factory does: configure, attach the dataset, the error handlers and the blueprints."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_compress import Compress
from flask_cors import CORS

from graph.publish.files import DEFAULT_OUT, NQUADS

from .store import dataset

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

    from . import (
        assets,
        browse,
        calendar,
        documents,
        dumps,
        duties,
        errors,
        health,
        lineage,
        linked_data,
        search,
        ui,
        void,
    )
    from .sparql import endpoint

    errors.init_app(app)
    linked_data.init_app(app)
    search.init_app(app)
    for module in (
        health,
        assets,
        endpoint,
        ui,
        linked_data,
        browse,
        documents,
        search,
        dumps,
        void,
        calendar,
        duties,
        lineage,
    ):
        app.register_blueprint(module.bp)
    return app
