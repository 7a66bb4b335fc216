"""How the app fails: every error a plain-text answer with its status (503 with Retry-After when the
store is down, the store's own 4xx or 502, 4xx for what the client sent), never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from .store.remote import StoreError, StoreUnavailable

log = logging.getLogger(__name__)


def store_down(exc: StoreUnavailable) -> Response:
    return Response(
        f"503 Service Unavailable: the triple store did not answer ({exc}); try again\n",
        status=503,
        mimetype="text/plain",
        headers={"Retry-After": "5"},
    )


def store_error(exc: StoreError) -> Response:
    return Response(f"{exc.status} {exc}\n", status=exc.status, mimetype="text/plain")


def http_error(exc: HTTPException) -> Response:
    return Response(f"{exc.code} {exc.name}: {exc.description}\n", status=exc.code, mimetype="text/plain")


def unexpected(exc: Exception) -> Response:
    log.exception("unhandled error")
    return Response("500 Internal Server Error: the error was logged\n", status=500, mimetype="text/plain")


def no_sniffing(response: Response) -> Response:
    # a text/plain error that echoes a query holding markup must never be read as HTML
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(StoreUnavailable, store_down)
    app.register_error_handler(StoreError, store_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected)
    app.after_request(no_sniffing)
