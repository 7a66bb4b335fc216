"""Every format the server speaks, in one table, and the one chooser every route uses: `/sparql`,
`/id/...`, the service description and VoID.

A client's choice is `?format=` (a name, a suffix or a media type) or, without one, its `Accept`
header, read as RFC 9110 says: the most specific range that matches a type gives its q-value,
and media-type parameters other than q (charset, a JSON-LD profile) do not exclude a type. Ties go
to the server's order, so `*/*` gets the first format of the list asked for.

The Accept header is read here rather than by Werkzeug's `MIMEAccept`, which does not match
`text/turtle;charset=utf-8` (what some clients send) to Turtle: parameters other than q must not
exclude a type."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from flask import Request


@dataclass(frozen=True)
class Format:
    """One format the server speaks: pyoxigraph's format object (RDF or SPARQL results) carries its
    media type, file extension and W3C IRI; this adds the name `?format=` takes, a label for people
    and the other names clients use for it."""

    name: str  # the value of ?format=
    label: str
    kind: ox.RdfFormat | ox.QueryResultsFormat | None = None  # None: HTML
    also: tuple[str, ...] = ()  # other media types and names clients use for it

    @property
    def rdf(self) -> ox.RdfFormat | None:
        return self.kind if isinstance(self.kind, ox.RdfFormat) else None

    @property
    def results(self) -> ox.QueryResultsFormat | None:
        return self.kind if isinstance(self.kind, ox.QueryResultsFormat) else None

    @property
    def html(self) -> bool:
        return self.kind is None

    @property
    def media_type(self) -> str:
        # pyoxigraph's CSV and TSV types carry "; charset=utf-8": the bare type is what Accept matches
        return self.kind.media_type.split(";")[0] if self.kind else "text/html"

    @property
    def suffix(self) -> str:
        """The file suffix of a document in this format (/id/lap/action/18.ttl)."""
        return self.kind.file_extension if self.kind else "html"

    def __reduce__(self) -> tuple:
        # pyoxigraph's format objects do not pickle: a format crosses to a query's executor by its name
        return named, (self.name,)

    @property
    def w3c(self) -> str:
        """Its IRI under http://www.w3.org/ns/formats/ (for the service description)."""
        if self.kind == ox.RdfFormat.JSON_LD:  # pyoxigraph names a W3C IRI that the formats page does not list
            return "http://www.w3.org/ns/formats/JSON-LD"
        return self.kind.iri if self.kind else ""


HTML = Format("html", "HTML", also=("application/xhtml+xml",))
RESULT_FORMATS = [
    Format("json", "JSON", ox.QueryResultsFormat.JSON, also=("application/json",)),
    Format("xml", "XML", ox.QueryResultsFormat.XML, also=("application/xml",)),
    Format("csv", "CSV", ox.QueryResultsFormat.CSV),
    Format("tsv", "TSV", ox.QueryResultsFormat.TSV),
]
GRAPH_FORMATS = [
    Format("turtle", "Turtle", ox.RdfFormat.TURTLE, also=("application/x-turtle", "text/n3", "n3")),  # Turtle is N3
    Format("jsonld", "JSON-LD", ox.RdfFormat.JSON_LD, also=("json-ld", "application/json")),
    Format("rdfxml", "RDF/XML", ox.RdfFormat.RDF_XML),
    Format("ntriples", "N-Triples", ox.RdfFormat.N_TRIPLES, also=("text/plain",)),
    Format("trig", "TriG", ox.RdfFormat.TRIG),
    Format("nquads", "N-Quads", ox.RdfFormat.N_QUADS),
]
DOCUMENT_FORMATS = [HTML, *GRAPH_FORMATS]  # what an /id/ IRI is available as
BY_SUFFIX = {f.suffix: f for f in DOCUMENT_FORMATS}
_BY_NAME = {f.name: f for f in [*RESULT_FORMATS, *DOCUMENT_FORMATS]}


def named(name: str) -> Format:
    return _BY_NAME[name]


def by_name(name: str, formats: list[Format]) -> Format | None:
    """The format `?format=` names: its name, its suffix, its media type or another name it goes by."""
    name = name.strip().lower()
    return next((f for f in formats if name in (f.name, f.suffix, f.media_type, *f.also)), None)


def _ranges(header: str) -> list[tuple[str, str, float]]:
    """(type, subtype, q) of each media range of an Accept header; parameters other than q are ignored."""
    out = []
    for item in header.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if "/" not in media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
        kind, _, sub = media.lower().partition("/")
        out.append((kind, sub, q))
    return out


def _quality(media_type: str, ranges: list[tuple[str, str, float]]) -> float:
    """The q-value the most specific matching range gives a media type (0: not acceptable)."""
    kind, _, sub = media_type.partition("/")
    best, specificity = 0.0, -1
    for r_kind, r_sub, q in ranges:
        if (r_kind, r_sub) == (kind, sub):
            level = 2
        elif r_kind == kind and r_sub == "*":
            level = 1
        elif (r_kind, r_sub) == ("*", "*"):
            level = 0
        else:
            continue
        if level > specificity:
            best, specificity = q, level
    return best


def negotiate(accept: str | None, formats: list[Format]) -> Format | None:
    """The best format for an Accept header; the first when there is none; None when nothing fits."""
    if not accept or not accept.strip():
        return formats[0]
    return _negotiated(accept, tuple(formats))


# clients send a handful of distinct Accept headers, over and over: each is read once per process
@lru_cache(maxsize=1024)
def _negotiated(accept: str, formats: tuple[Format, ...]) -> Format | None:
    ranges = _ranges(accept)
    best: tuple[float, Format | None] = (0.0, None)
    for fmt in formats:
        q = max(_quality(t, ranges) for t in (fmt.media_type, *(a for a in fmt.also if "/" in a)))
        if q > best[0]:
            best = (q, fmt)
    return best[1]


def choose(request: Request, formats: list[Format]) -> Format | None:
    """The format for a response: `?format=` if it names one of `formats`, else by Accept (clients
    send their own names in format=, SPARQLWrapper's `xml` for any kind of result, with an Accept
    header that says what they mean)."""
    requested = request.values.get("format")
    if requested and (fmt := by_name(requested, formats)):
        return fmt
    return negotiate(request.headers.get("Accept"), formats)
