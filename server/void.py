"""The VoID description of the dataset: its graphs, partitions, licence, sources, endpoint and dumps."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, request, url_for
from rdflib.namespace import DCTERMS

from graph.publish.files import NQUADS, TRIG
from graph.vocab import SD, VOID, CCMNodes, node
from graph.vocab.ccm import NAMESPACE
from graph.vocab.external import CC_BY, RDF_TYPE, XSD_DATETIME, integer

from .dumps import directory
from .negotiation import GRAPH_FORMATS, choose
from .store import dataset as ds

bp = Blueprint("void", __name__)


@bp.route("/.well-known/void")
def void() -> Response:
    fmt = choose(request, GRAPH_FORMATS)
    if fmt is None:
        return Response("406 Not Acceptable: the VoID description is RDF\n", status=406, mimetype="text/plain")
    data = ds.get()
    items = (
        [ox.Quad(t.subject, t.predicate, t.object) for t in _void(data)] if fmt.rdf.supports_datasets else _void(data)
    )
    body = ox.serialize(items, format=fmt.rdf, prefixes={"void": str(VOID), "dcterms": str(DCTERMS)})
    response = Response(body, content_type=fmt.media_type)
    response.vary.add("Accept")
    return response


def _void(data: ds.Dataset) -> list[ox.Triple]:
    """void:Dataset with per-graph subsets, class and property partitions, licence, sources, endpoint, dumps."""

    def v(term: str) -> ox.NamedNode:
        return node(VOID[term])

    root = ox.NamedNode(url_for("void.void", _external=True))
    out = [
        ox.Triple(root, RDF_TYPE, v("Dataset")),
        ox.Triple(
            root,
            node(DCTERMS.title),
            ox.Literal("Convention on Cluster Munitions knowledge graph", language="en"),
        ),
        ox.Triple(root, node(DCTERMS.license), node(CC_BY)),
        ox.Triple(
            root,
            node(DCTERMS.modified),
            ox.Literal(data.modified.isoformat(), datatype=XSD_DATETIME),
        ),
        ox.Triple(root, v("sparqlEndpoint"), ox.NamedNode(url_for("sparql.endpoint", _external=True))),
        ox.Triple(root, v("uriSpace"), ox.Literal(str(data.iris.resource("id/")))),
        ox.Triple(root, v("vocabulary"), ox.NamedNode(NAMESPACE)),
        ox.Triple(root, v("triples"), integer(sum(data.graphs.values()))),
    ]
    for name in (f"{TRIG}.gz", f"{NQUADS}.gz"):
        if (folder := directory()) and (folder / name).is_file():
            out.append(
                ox.Triple(root, v("dataDump"), ox.NamedNode(url_for("dumps.download", name=name, _external=True)))
            )
    for q in data.store.quads_for_pattern(None, RDF_TYPE, CCMNodes.SourceFile):
        out.append(ox.Triple(root, node(DCTERMS.source), q.subject))
    classes = data.counts(f"?s <{RDF_TYPE.value}> ?x FILTER(isIRI(?x))", counted="DISTINCT ?s")
    properties = data.counts("?s ?x ?o")
    per_class = data.class_properties()
    for i, (cls, n) in enumerate(sorted(classes.items())):
        part = ox.BlankNode(f"class{i}")
        out += [
            ox.Triple(root, v("classPartition"), part),
            ox.Triple(part, v("class"), ox.NamedNode(cls)),
            ox.Triple(part, v("entities"), integer(n)),
        ]
        # what its instances say: VoID's property partitions of a class partition
        for k, (prop, triples) in enumerate(sorted(per_class.get(cls, {}).items())):
            sub = ox.BlankNode(f"class{i}property{k}")
            out += [
                ox.Triple(part, v("propertyPartition"), sub),
                ox.Triple(sub, v("property"), ox.NamedNode(prop)),
                ox.Triple(sub, v("triples"), integer(triples)),
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
            ox.Triple(subset, node(SD.name), ox.NamedNode(graph)),
            ox.Triple(subset, v("triples"), integer(n)),
        ]
    return out
