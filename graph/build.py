"""Documents to a published dataset: parse, map, reason, validate, describe, write atomically."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pyoxigraph as ox
import reasonable
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO

from . import analysis, search_index
from . import corpus as corpus_mod
from .iris import DEFAULT_BASE, Iris
from .mapping import PREFIXES, to_graphs
from .namespace import CCM
from .reasoning import closure
from .sources import DOCUMENTS_DIR, PROJECT_ROOT
from .validation import validate

ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "ccm.ttl"
DEFAULT_OUT = PROJECT_ROOT / "build"
TRIG, NQUADS, ASSERTED_TTL, MANIFEST = "ccm.trig", "ccm.nq", "asserted.ttl", "manifest.json"
SEARCH, CHECKSUMS = "search.sqlite", "SHA256SUMS"
DUMPS = (TRIG, NQUADS, ASSERTED_TTL)


def software_version() -> str:
    try:
        return version("ccmkg")
    except PackageNotFoundError:
        return "0.0.0+unknown"


@dataclass
class Built:
    quads: list[ox.Quad]  # every named graph, for the writers
    graphs: dict[str, Graph]
    counts: dict[str, int]  # instances per class of the ontology (asserted + inferred)
    manifest: dict[str, object]


def build_dataset(
    documents: Path = DOCUMENTS_DIR, base: str = DEFAULT_BASE, entry_into_force: dict[str, dt.date] | None = None
) -> Built:
    """The named graphs, validated; nothing is written. `entry_into_force` (state code -> date)
    adds every state's own due dates to the derived graph."""
    started = dt.datetime.now(dt.UTC)
    iris = Iris(base)
    corpus = corpus_mod.read(documents)
    asserted, provenance = to_graphs(corpus, iris)
    ontology = Graph().parse(ONTOLOGY_FILE)
    inferred = closure(ontology, asserted, iris.base + "id/")
    derived = analysis.derive(asserted, iris, entry_into_force)
    typed = asserted + inferred  # one copy, for the counts and, with the derived graph, the validation
    validate(typed + derived)
    graphs = {
        "ontology": ontology,
        "asserted": asserted,
        "inferred": inferred,
        "derived": derived,
        "provenance": provenance,
    }
    _describe_build(provenance, iris, corpus, started, graphs)

    # adding triples to an rdflib Dataset one by one costs half a second here; N-Triples through
    # Oxigraph's parser costs a tenth of that
    quads = []
    for name, g in graphs.items():
        graph = ox.NamedNode(str(iris.graph(name)))
        nt = g.serialize(format="nt", encoding="utf-8")
        quads.extend(
            ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
        )
    counts = Counter(
        str(o).removeprefix(str(CCM._NS)) for o in typed.objects(None, RDF.type) if str(o).startswith(str(CCM._NS))
    )
    manifest = {
        "base": iris.base,
        "built": started.isoformat(),
        "software": software_version(),
        "graphs": {str(iris.graph(n)): len(g) for n, g in graphs.items()},
        "classes": dict(sorted(counts.items())),
        "sources": {src.path.name: src.sha256 for src in corpus.sources.values()},
    }
    return Built(quads, graphs, dict(counts), manifest)


def _describe_build(
    prov: Graph, iris: Iris, corpus: corpus_mod.Corpus, started: dt.datetime, graphs: dict[str, Graph]
) -> None:
    """PROV-O: which software built which graphs from which files (by hash), and when."""
    build, agent = iris.build(), iris.software(software_version())
    now = dt.datetime.now(dt.UTC)
    prov.add((build, RDF.type, PROV.Activity))
    prov.add((build, RDFS.label, Literal("Build of the CCM knowledge graph", lang="en")))
    prov.add((build, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)))
    prov.add((build, PROV.endedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    prov.add((build, PROV.wasAssociatedWith, agent))
    prov.add((agent, RDF.type, PROV.SoftwareAgent))
    prov.add((agent, RDFS.label, Literal(f"ccmkg {software_version()}")))
    prov.add((agent, SDO.softwareVersion, Literal(software_version())))
    prov.add((agent, SDO.softwareRequirements, Literal(f"reasonable {reasonable.__version__} (OWL 2 RL)")))
    for key in corpus.sources:
        prov.add((build, PROV.used, iris.source_file(key)))
    prov.add((build, PROV.used, URIRef("https://w3id.org/ccm/ontology")))
    for name in graphs:
        g = iris.graph(name)
        prov.add((g, RDF.type, PROV.Entity))
        prov.add((g, RDFS.label, Literal(f"{name} graph", lang="en")))
        if name != "ontology":
            prov.add((g, PROV.wasGeneratedBy, build))
            prov.add((g, PROV.generatedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    prov.add((iris.graph("inferred"), PROV.wasDerivedFrom, iris.graph("asserted")))
    prov.add((iris.graph("inferred"), PROV.wasDerivedFrom, iris.graph("ontology")))
    prov.add((iris.graph("derived"), PROV.wasDerivedFrom, iris.graph("asserted")))


def write(built: Built, out: Path = DEFAULT_OUT) -> Path:
    """Write the dataset into `out` atomically: files go to a sibling directory that replaces
    `out` only once complete, so a failed build leaves the previous output untouched."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    tmp.chmod(0o755)
    try:
        # rdflib's own TriG and Turtle writers take most of a second here; Oxigraph's take milliseconds
        quads = built.quads
        ox.serialize(quads, str(tmp / NQUADS), ox.RdfFormat.N_QUADS)
        prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        ox.serialize(quads, str(tmp / TRIG), ox.RdfFormat.TRIG, prefixes=prefixes)
        asserted = ox.NamedNode(built.manifest["base"] + "graph/asserted")  # type: ignore[operator]
        ox.serialize(
            (q.triple for q in quads if q.graph_name == asserted),
            str(tmp / ASSERTED_TTL),
            ox.RdfFormat.TURTLE,
            prefixes=prefixes,
        )
        for name in DUMPS:  # the downloads, compressed once here rather than on every request
            data = (tmp / name).read_bytes()
            (tmp / f"{name}.gz").write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
        search_index.write(tmp / SEARCH, search_index.rows(built.graphs["asserted"], built.graphs["ontology"]))
        files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(tmp.iterdir())}
        (tmp / CHECKSUMS).write_text("".join(f"{digest}  {name}\n" for name, digest in files.items()))
        (tmp / MANIFEST).write_text(json.dumps({**built.manifest, "files": files}, indent=2) + "\n")
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}-old-{os.getpid()}")
            os.rename(out, old)
        os.rename(tmp, out)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
