"""What an external store does its own way, evened out in one place: a profile per kind of store,
chosen by what the store says it is (the `Server` header of its first answer).

Oxigraph's server and other standard stores need nothing (`STANDARD`). Virtuoso 7 writes some values
otherwise than SPARQL 1.1 says, and `VIRTUOSO` puts them back as the embedded store writes them:

- ASK answered as a one-row SELECT of `__ASK_RETVAL`: made a boolean result;
- booleans written "1" and "0": made "true" and "false";
- `true` and `false` bound by `BIND`/`SELECT` (`BIND(false AS ?x)`) come back as the integers 0 and 1,
  so the query is sent with `xsd:boolean(0)`, which Virtuoso keeps a boolean (not `xsd:boolean("false")`:
  Virtuoso makes that true). A comparison's
  value (`BIND(?a = ?b AS ?x)`) still comes back an integer: nothing in its answer tells it apart;
- durations, which it stores as numbers ("60" for P5Y, "7.776e+06" for P90D): written as durations;
- blank-node labels `nodeID://b10007`: made valid labels;
- a query past the `timeout` the app sends: Virtuoso answers 200 with what it had so far (an "anytime
  query", flagged only by `X-SQL-State: S1TAT`), which would pass for the whole answer: refused as past
  the deadline instead, as the embedded store's is.

What a profile cannot even out is in the README ("An external SPARQL store")."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..sparql.lexical import OPAQUE

_DURATION = "http://www.w3.org/2001/XMLSchema#duration"
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_NUMERIC_DURATION = re.compile(rb'"(-?[0-9.e+]+)"\^\^<' + _DURATION.encode() + rb">")
_NUMERIC_BOOLEAN = re.compile(rb'"([01])"\^\^<' + _BOOLEAN.encode() + rb">")
# `(true AS ?x)`, in BIND or a projection; IRIs, strings and comments are masked before it is looked for
_BOUND_BOOLEAN = re.compile(r"\(\s*(true|false)(\s+[Aa][Ss]\s+[?$])")  # the keywords are lower case


def duration(value: str) -> str:
    """An xsd:duration from the number Virtuoso stores it as: months when a whole number ("60": P5Y),
    seconds otherwise ("7.776e+06": P90D). Virtuoso writes durations back only that way, and its output
    cannot tell a whole number of seconds it prints without an exponent (PT1H: "3600") from months."""
    if re.fullmatch(r"-?\d+", value):
        months = int(value)
        years, rest = divmod(abs(months), 12)
        text = (f"{years}Y" if years else "") + (f"{rest}M" if rest or not years else "")
        return ("-" if months < 0 else "") + "P" + text
    seconds = float(value)
    days, rest = divmod(abs(seconds), 86400)
    text = (f"{int(days)}D" if days else "") + (f"T{rest:g}S" if rest else "" if days else "T0S")
    return ("-" if seconds < 0 else "") + "P" + text


@dataclass(frozen=True)
class Profile:
    """A standard SPARQL 1.1 store: queries sent as written, answers read as they come."""

    name: str = "standard"

    def prepare(self, query: str) -> str:
        return query

    def results(self, body: bytes) -> bytes:
        """SPARQL JSON results as the store wrote them, made standard."""
        return body

    def triples(self, body: bytes) -> bytes:
        """N-Triples as the store wrote them, made standard."""
        return body

    def incomplete(self, headers: Mapping[str, str]) -> str | None:
        """Why an answer the store sent with 200 is not the whole answer, or None when it is."""
        return None

    def store_timeout(self, seconds: float) -> float:
        """The time limit to send the store, for a wait of `seconds`: its answer must come before we stop."""
        return seconds * 0.9


class VirtuosoProfile(Profile):
    def prepare(self, query: str) -> str:
        masked = OPAQUE.sub(lambda m: " " * len(m.group()), query)
        # right to left, so the offsets found in the masked text still hold in the query
        for m in reversed(list(_BOUND_BOOLEAN.finditer(masked))):
            value = 1 if m.group(1) == "true" else 0
            query = f"{query[: m.start()]}(<{_BOOLEAN}>({value}){m.group(2)}{query[m.end() :]}"
        return query

    def results(self, body: bytes) -> bytes:
        try:
            data = json.loads(body)
        except ValueError:
            return body  # left for the parser to report
        if data.get("head", {}).get("vars") == ["__ASK_RETVAL"]:
            rows = data.get("results", {}).get("bindings", [])
            return json.dumps({"head": {}, "boolean": bool(rows) and rows[0]["__ASK_RETVAL"]["value"] == "1"}).encode()
        for row in data.get("results", {}).get("bindings", []):
            for value in row.values():
                if value.get("type") == "bnode":
                    value["value"] = re.sub(r"[^A-Za-z0-9_]", "_", value["value"])
                elif value.get("datatype") == _DURATION and not value["value"].lstrip("-").startswith("P"):
                    value["value"] = duration(value["value"])
                elif value.get("datatype") == _BOOLEAN and value["value"] in ("0", "1"):
                    value["value"] = "true" if value["value"] == "1" else "false"
        return json.dumps(data).encode()

    def store_timeout(self, seconds: float) -> float:
        # it overruns its limit by a second or two (4.05 s for 3,000 ms with a dataset) and takes 2 s at least
        return max(seconds * 0.5, seconds - 2.5)

    def incomplete(self, headers: Mapping[str, str]) -> str | None:
        if headers.get("X-SQL-State") == "S1TAT":
            return headers.get("X-SQL-Message", "partial results").split("  ")[0]
        return None

    def triples(self, body: bytes) -> bytes:
        body = _NUMERIC_DURATION.sub(lambda m: f'"{duration(m.group(1).decode())}"^^<{_DURATION}>'.encode(), body)
        return _NUMERIC_BOOLEAN.sub(
            lambda m: b'"' + (b"true" if m.group(1) == b"1" else b"false") + m.group()[3:], body
        )


STANDARD = Profile()
VIRTUOSO = VirtuosoProfile("virtuoso")


def detect(server: str | None) -> Profile:
    """The profile of a store from its `Server` header ("Virtuoso/07.20.3229 (Linux) ...")."""
    return VIRTUOSO if server and server.lower().startswith("virtuoso") else STANDARD
