"""Downloads of the whole dataset, with checksums, and its VoID description."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, render_template, request, send_from_directory, url_for

from . import dataset as ds
from .formats import GRAPH_FORMATS, choose

bp = Blueprint("dumps", __name__)
VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
DOWNLOADS = {
    "ccm.trig.gz": ("All four named graphs, TriG, gzip", "application/gzip"),
    "ccm.nq.gz": ("All four named graphs, N-Quads, gzip", "application/gzip"),
    "asserted.ttl.gz": ("What the documents state (the asserted graph), Turtle, gzip", "application/gzip"),
    "ccm.trig": ("All four named graphs, TriG", "application/trig"),
    "ccm.nq": ("All four named graphs, N-Quads", "application/n-quads"),
    "asserted.ttl": ("The asserted graph, Turtle", "text/turtle"),
    "SHA256SUMS": ("SHA-256 checksums of the files", "text/plain"),
}


def _directory() -> Path | None:
    """Where the downloads are: beside the served file, or the build directory given with --store."""
    configured = current_app.config.get("DUMPS_DIR")
    return Path(configured) if configured else ds.get().directory


def _checksums() -> dict[str, str]:
    directory = _directory()
    path = directory / "SHA256SUMS" if directory else None
    if path is None or not path.is_file():
        return {}
    return {name: digest for digest, name in (line.split("  ", 1) for line in path.read_text().splitlines())}


@bp.route("/dump")
def index() -> str:
    directory = _directory()
    sums = _checksums()
    files = [
        {"name": n, "title": t, "size": (directory / n).stat().st_size, "sha256": sums.get(n)}
        for n, (t, _) in DOWNLOADS.items()
        if directory and (directory / n).is_file()
    ]
    return render_template("pages/dumps.html", files=files)


@bp.route("/dump/<name>")
def download(name: str) -> Response:
    directory = _directory()
    if name not in DOWNLOADS or directory is None:
        abort(404, f"no download named {name}")
    response = send_from_directory(directory, name, mimetype=DOWNLOADS[name][1], as_attachment=True)
    if sums := _checksums().get(name):
        response.headers["Digest"] = f"sha-256={sums}"
    return response


@bp.route("/.well-known/void")
def void() -> Response:
    fmt = choose(request, GRAPH_FORMATS)
    if fmt is None:
        return Response("406 Not Acceptable: the VoID description is RDF\n", status=406, mimetype="text/plain")
    data = ds.get()
    items = (
        [ox.Quad(t.subject, t.predicate, t.object) for t in _void(data)] if fmt.rdf.supports_datasets else _void(data)
    )
    body = ox.serialize(items, format=fmt.rdf, prefixes={"void": VOID, "dcterms": DCTERMS})
    response = Response(body, content_type=fmt.media_type)
    response.vary.add("Accept")
    return response


def _void(data: ds.Dataset) -> list[ox.Triple]:
    """void:Dataset with per-graph subsets, class and property partitions, licence, sources, endpoint, dumps."""

    def v(term: str) -> ox.NamedNode:
        return ox.NamedNode(VOID + term)

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))

    root = ox.NamedNode(url_for("dumps.void", _external=True))
    out = [
        ox.Triple(root, RDF_TYPE, v("Dataset")),
        ox.Triple(
            root,
            ox.NamedNode(DCTERMS + "title"),
            ox.Literal("Convention on Cluster Munitions knowledge graph", language="en"),
        ),
        ox.Triple(root, ox.NamedNode(DCTERMS + "license"), ox.NamedNode(LICENCE)),
        ox.Triple(
            root,
            ox.NamedNode(DCTERMS + "modified"),
            ox.Literal(data.modified.isoformat(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")),
        ),
        ox.Triple(root, v("sparqlEndpoint"), ox.NamedNode(url_for("sparql.endpoint", _external=True))),
        ox.Triple(root, v("uriSpace"), ox.Literal(data.base + "id/")),
        ox.Triple(root, v("vocabulary"), ox.NamedNode("https://w3id.org/ccm/ontology#")),
        ox.Triple(root, v("triples"), integer(sum(data.graphs.values()))),
    ]
    for name in ("ccm.trig.gz", "ccm.nq.gz"):
        if (directory := _directory()) and (directory / name).is_file():
            out.append(
                ox.Triple(root, v("dataDump"), ox.NamedNode(url_for("dumps.download", name=name, _external=True)))
            )
    source_file = ox.NamedNode("https://w3id.org/ccm/ontology#SourceFile")
    for q in data.store.quads_for_pattern(None, RDF_TYPE, source_file):
        out.append(ox.Triple(root, ox.NamedNode(DCTERMS + "source"), q.subject))
    classes: Counter[str] = Counter()
    entities: dict[str, set[str]] = {}
    properties: Counter[str] = Counter()
    for q in data.store.quads_for_pattern(None, None, None):
        properties[q.predicate.value] += 1
        if q.predicate == RDF_TYPE and isinstance(q.object, ox.NamedNode):
            entities.setdefault(q.object.value, set()).add(q.subject.value)
    for cls, members in entities.items():
        classes[cls] = len(members)
    for i, (cls, n) in enumerate(sorted(classes.items())):
        part = ox.BlankNode(f"class{i}")
        out += [
            ox.Triple(root, v("classPartition"), part),
            ox.Triple(part, v("class"), ox.NamedNode(cls)),
            ox.Triple(part, v("entities"), integer(n)),
        ]
    for i, (prop, n) in enumerate(sorted(properties.items())):
        part = ox.BlankNode(f"property{i}")
        out += [
            ox.Triple(root, v("propertyPartition"), part),
            ox.Triple(part, v("property"), ox.NamedNode(prop)),
            ox.Triple(part, v("triples"), integer(n)),
        ]
    for i, (graph, n) in enumerate(sorted(data.graphs.items())):
        subset = ox.BlankNode(f"graph{i}")
        out += [
            ox.Triple(root, v("subset"), subset),
            ox.Triple(subset, RDF_TYPE, v("Dataset")),
            ox.Triple(
                subset, ox.NamedNode("http://www.w3.org/ns/sparql-service-description#name"), ox.NamedNode(graph)
            ),
            ox.Triple(subset, v("triples"), integer(n)),
        ]
    return out
