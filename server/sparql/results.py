"""Serializing query results, with a cap on how many rows or triples are sent.

pyoxigraph's own serializers write whole result sets; a capped response needs the rows in hand,
so SELECT and ASK results are written here (JSON, XML, CSV, TSV per the W3C specifications)
and graphs are handed to pyoxigraph's serializer once capped."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph.vocab.external import XSD_STRING

from ..negotiation import Format


def _json_term(term: ox.Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def _xml_term(term: ox.Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    parts = "".join(f"<{k}>{_xml_term(getattr(term, k))}</{k}>" for k in ("subject", "predicate", "object"))
    return f"<triple>{parts}</triple>"


def _csv_value(term: ox.Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


def solutions(variables: list[str], rows: list[list[ox.Term | None]], fmt: Format) -> bytes:
    """SELECT results; `rows` are lists of terms (None where unbound), in `variables` order."""
    if fmt.results == ox.QueryResultsFormat.JSON:
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        return json.dumps(
            {"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False, separators=(",", ":")
        ).encode()
    if fmt.results == ox.QueryResultsFormat.XML:
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head><results>")
        for row in rows:
            out.append("<result>")
            out += [
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row, strict=True)
                if t is not None
            ]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode()
    if fmt.results == ox.QueryResultsFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_value(t) for t in row] for row in rows)
        return buffer.getvalue().encode()
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def boolean(value: bool, fmt: Format) -> bytes:
    if fmt.results == ox.QueryResultsFormat.JSON:
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt.results == ox.QueryResultsFormat.XML:
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    header = "_askResult" if fmt.results == ox.QueryResultsFormat.CSV else "?_askResult"
    return f"{header}\n{'true' if value else 'false'}\n".encode()


def triples(items: list[ox.Triple], fmt: Format, prefixes: dict[str, str]) -> bytes:
    if fmt.rdf in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        items = [ox.Quad(t.subject, t.predicate, t.object) for t in items]
    return ox.serialize(items, format=fmt.rdf, prefixes=prefixes)
