"""Reading a SPARQL 1.1 Protocol request, and refusing what this read-only, closed endpoint won't do."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

import pyoxigraph as ox
from flask import Request
from werkzeug.datastructures import MultiDict

from .lexical import FROM, OPAQUE, SERVICE


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class QueryRequest:
    query: str | None  # None: no query, the client wants the service description
    default_graphs: list[str] | None
    named_graphs: list[str] | None
    own_dataset: bool = False  # the query has FROM / FROM NAMED: its default graph is not the union


_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"


def _utf8(request: Request) -> None:
    charset = request.mimetype_params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"the request body must be UTF-8, not {charset}")


def _strict_utf8(raw: bytes, where: str) -> None:
    """Werkzeug decodes bad bytes in a URL or form into U+FFFD; a query with bytes that are not UTF-8
    is refused instead of being run with characters nobody sent."""
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"the {where} is not valid UTF-8") from None


def parse(request: Request) -> QueryRequest:
    """The query and dataset a request asks for; ProtocolError for anything else."""
    _strict_utf8(request.query_string, "query string")
    if request.method in ("GET", "HEAD"):
        params = request.args
    elif request.method == "POST":
        mimetype = request.mimetype
        if mimetype == _UPDATE:
            raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
        if mimetype == _QUERY:
            _utf8(request)
            try:
                body = request.get_data(cache=True).decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(400, "the query is not valid UTF-8") from None
            if "query" in request.args:
                raise ProtocolError(400, "a query in both the body and the URL")
            return _checked(body, request.args)
        if mimetype == _FORM:
            _utf8(request)
            _strict_utf8(request.get_data(cache=True), "form body")
            params = request.values  # the form, and dataset parameters in the URL
        elif not mimetype:
            raise ProtocolError(400, f"a POST needs a Content-Type: {_FORM} or {_QUERY}")
        else:
            raise ProtocolError(415, f"unsupported Content-Type {mimetype}: use {_FORM} or {_QUERY}")
    else:
        raise ProtocolError(405, f"method {request.method} is not allowed: use GET or POST")
    if "update" in params:
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    queries = params.getlist("query")
    if len(queries) > 1:
        raise ProtocolError(400, "more than one query parameter")
    if not queries:
        if request.method == "POST":
            raise ProtocolError(400, "a POST without a query parameter")
        return QueryRequest(None, None, None)
    return _checked(queries[0], params)


def _checked(query: str, params: MultiDict[str, str]) -> QueryRequest:
    if not query.strip():
        raise ProtocolError(400, "the query is empty")
    refuse_outbound(query)
    default = params.getlist("default-graph-uri")
    named = params.getlist("named-graph-uri")
    for name, iris in (("default-graph-uri", default), ("named-graph-uri", named)):
        for iri in iris:
            try:
                ox.NamedNode(iri)
            except ValueError:
                raise ProtocolError(400, f"{name} is not an IRI: {iri!r}") from None
    if default or named:
        return QueryRequest(query, default, named)
    return QueryRequest(query, None, None, own_dataset=bool(FROM.search(OPAQUE.sub(" ", query))))


def refuse_outbound(query: str) -> None:
    """SERVICE would make the query engine call another server: refuse it before anything runs."""
    if SERVICE.search(OPAQUE.sub(" ", query)):
        raise ProtocolError(400, "SERVICE is not supported: this endpoint never calls other services")
