"""The SPARQL 1.1 Protocol endpoint: /sparql."""

from __future__ import annotations

import hashlib
from contextlib import nullcontext

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, redirect, request, url_for

from graph.vocab import SD, VOID
from graph.vocab.external import QUERY_PREFIXES

from ..negotiation import GRAPH_FORMATS, RESULT_FORMATS, Format, choose
from ..store import dataset as ds
from . import guard
from .admission import FAST, Refused, Turn
from .executors import Stopped, evaluate
from .protocol import ProtocolError, QueryRequest, parse
from .query import Job, run
from .service_description import describe
from .worker_timeout import deadline, past_deadline

bp = Blueprint("sparql", __name__)


def _error(status: int, message: str) -> Response:
    return Response(message.rstrip() + "\n", status=status, mimetype="text/plain")


@bp.errorhandler(ProtocolError)
def _protocol_error(exc: ProtocolError) -> Response:
    return _error(exc.status, exc.message)


@bp.errorhandler(Refused)
def _refused(exc: Refused) -> Response:
    response = _error(exc.status, exc.message)
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    req = parse(request)
    data = ds.get()
    if req.query is None:
        return _service_description(data)
    guard.check(req.query)
    result_format = choose(request, RESULT_FORMATS)
    graph_format = choose(request, GRAPH_FORMATS)
    if result_format is None and graph_format is None:
        return _error(
            406,
            "none of the media types in Accept (or format=) can be produced; "
            f"results: {', '.join(f.media_type for f in RESULT_FORMATS)}; "
            f"graphs: {', '.join(f.media_type for f in GRAPH_FORMATS)}",
        )
    etag = _etag(data.version, req, result_format, graph_format)
    if request.if_none_match.contains_weak(etag):
        return _conditional(Response(status=304), etag, data)
    admission = current_app.extensions.get("ccm_admission")
    with admission.turn(_client()) if admission else nullcontext() as turn:
        seconds, why = _deadline(turn)
        job = Job(
            req.query,
            result_format,
            graph_format,
            req.default_graphs,
            req.named_graphs,
            current_app.config["MAX_ROWS"],
            current_app.config["MAX_BYTES"],
            QUERY_PREFIXES,
            _base_iri(),
            req.own_dataset,
            # an external store is told to stop well before a short deadline ends this worker
            store_timeout=0.8 * seconds if seconds < current_app.config["QUERY_TIMEOUT"] else None,
        )
        if turn is None:
            with deadline(seconds, request.environ.get("gunicorn.socket"), why):
                outcome = run(data.store, job)
        else:
            try:
                outcome = evaluate(current_app.extensions["ccm_executors"][turn.executor], job, seconds)
            except Stopped as exc:
                turn.release(stopped=not str(exc))
                message = past_deadline(seconds, why) if not str(exc) else f"the query was not run ({exc}): try again"
                response = _error(503, message)
                response.headers["Retry-After"] = "1"
                return response
    response = Response(outcome.body, status=outcome.status, content_type=outcome.media_type)
    if outcome.truncated:
        response.headers["X-Result-Truncated"] = str(outcome.truncated)
    if outcome.truncated_bytes:
        response.headers["X-Result-Truncated-Bytes"] = str(outcome.truncated_bytes)
    if outcome.status == 200:
        _conditional(response, etag, data)
    response.vary.add("Accept")
    return response


def _base_iri() -> str:
    # what request.base_url gives for this one route, without its IRI decoding of the whole URL (a
    # tenth of a small query's time in the app)
    return f"{request.scheme}://{request.host}{request.root_path}/sparql"


def _client() -> str:
    """Who asks, for the pool's shares: the address nginx saw (it sets the header, replacing any a
    client sent), else the peer's."""
    return request.headers.get("X-Client-Address") or request.remote_addr or ""


def _deadline(turn: Turn | None) -> tuple[float, str]:
    """The query's deadline and what to tell the client if it passes: the configured one, or the fast
    slot's (admission.py), shorter, for a query that found every worker of the pool busy."""
    configured = current_app.config["QUERY_TIMEOUT"]
    if turn is None or turn.lane != FAST or turn.admission.fast_deadline >= configured:
        return configured, ""
    lane = turn.admission.fast_deadline
    return lane, f"every worker of the SPARQL pool was busy, and a query that finds it so gets {lane:g} s"


def _etag(version: str, req: QueryRequest, *formats: Format | None) -> str:
    key = repr((req.query, req.default_graphs, req.named_graphs, [f.name if f else None for f in formats]))
    return f"{version}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def _conditional(response: Response, etag: str, data: ds.Dataset) -> Response:
    response.set_etag(etag, weak=True)
    response.last_modified = data.modified
    response.vary.add("Accept")
    return response


def _service_description(data: ds.Dataset) -> Response:
    if (
        request.accept_mimetypes.best_match(["text/turtle", "text/html"]) == "text/html"
        and "format" not in request.values
    ):
        return redirect(url_for("ui.query_ui"), code=303)
    fmt = choose(request, GRAPH_FORMATS)
    if fmt is None:
        return _error(
            406, f"the service description is RDF: accept one of {', '.join(f.media_type for f in GRAPH_FORMATS)}"
        )
    triples = describe(request.base_url, data)
    items = (
        triples
        if fmt.rdf not in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)
        else [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    )
    body = ox.serialize(
        items,
        format=fmt.rdf,
        prefixes={"sd": str(SD), "void": str(VOID)},
    )
    response = Response(body, content_type=fmt.media_type)
    return _conditional(response, f"{data.version}-sd-{fmt.name}", data)
