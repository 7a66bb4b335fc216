"""Health checks for a process supervisor or a proxy: alive (`/healthz`) and ready to answer from its
store (`/readyz`, 503 while the store holds nothing)."""

from __future__ import annotations

from flask import Blueprint, Response

from .store import dataset

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    return Response("ok\n", mimetype="text/plain")


@bp.get("/readyz")
def readyz() -> Response:
    ok = bool(dataset.get().select("ASK { ?s ?p ?o }"))
    return Response("ready\n" if ok else "no data\n", status=200 if ok else 503, mimetype="text/plain")
