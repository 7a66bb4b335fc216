"""Limits on a query's shape, checked before the engine parses it.

Oxigraph's parser recurses: a few kilobytes of nested braces or parentheses overflow its stack and
kill the process (its own server too), and thousands of UNIONs make it work for seconds. No real
query comes near these limits: the deepest example query nests 4 levels and has 2 UNIONs."""

from __future__ import annotations

import re

from .lexical import OPAQUE
from .protocol import ProtocolError

MAX_QUERY_BYTES = 64 * 1024
MAX_DEPTH = 64  # brackets, braces and parentheses inside one another
MAX_OPERATORS = 1_000  # UNION, OPTIONAL, MINUS, FILTER, SERVICE, GRAPH, BIND, VALUES, EXISTS
# after the prologue, an update begins with one of these; a query with none of the query forms
_PROLOGUE = re.compile(r"^\s*(?:(?:BASE\s*<[^>]*>|PREFIX\s*[\w.-]*:\s*<[^>]*>|#[^\n]*)\s*)*", re.I)
_UPDATE = re.compile(r"(?:LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|INSERT|DELETE|WITH)(?![\w:-])", re.I)
_OPERATOR = re.compile(r"(?<![\w?$:.-])(?:UNION|OPTIONAL|MINUS|FILTER|GRAPH|BIND|VALUES|EXISTS)(?![\w:-])", re.I)


def check(query: str) -> None:
    """ProtocolError 400 for an update sent as a query, or a query too large, too deeply nested or with
    too many operators."""
    size = len(query.encode("utf-8"))
    if size > MAX_QUERY_BYTES:
        raise ProtocolError(400, f"the query is {size} bytes: at most {MAX_QUERY_BYTES} are accepted")
    start = _PROLOGUE.match(query).end()
    if _UPDATE.match(query, start):
        # the same answer whatever store is behind: some (Virtuoso) would run it or fail otherwise
        raise ProtocolError(400, "this is an update, not a query: the endpoint is read-only and answers queries only")
    code = OPAQUE.sub(" ", query)
    depth = deepest = 0
    for ch in code:
        if ch in "({[":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                raise ProtocolError(400, f"the query nests brackets more than {MAX_DEPTH} levels deep")
        elif ch in ")}]":
            depth -= 1
    operators = len(_OPERATOR.findall(code))
    if operators > MAX_OPERATORS:
        raise ProtocolError(400, f"the query has {operators} graph-pattern operators: at most {MAX_OPERATORS}")
