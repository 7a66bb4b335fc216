"""Writing a built dataset: every file into a sibling folder that replaces the output folder only
once complete, with the downloads gzipped once and every file's checksum."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from ..build import Built
from ..vocab import PREFIXES, Iris
from . import search_index
from .files import (
    ASSERTED_TTL,
    CHECKSUMS,
    CONTEXT,
    DEFAULT_OUT,
    DUMPS,
    KG_GRAPHS,
    KG_TTL,
    MANIFEST,
    NQUADS,
    ONTOLOGY_TTL,
    SEARCH,
    TRIG,
)
from .jsonld_context import context


def _turtle(quads: list[ox.Quad], graphs: list[URIRef], path: Path) -> None:
    """The statements of some of the named graphs, together, as one Turtle file."""
    names = {ox.NamedNode(str(g)) for g in graphs}
    triples = dict.fromkeys(q.triple for q in quads if q.graph_name in names)
    ox.serialize(triples, str(path), ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write(built: Built, out: Path = DEFAULT_OUT) -> Path:
    """Write the dataset into `out` atomically: a failed build leaves the previous output untouched."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    tmp.chmod(0o755)
    try:
        # rdflib's own TriG and Turtle writers take most of a second here; Oxigraph's take milliseconds
        quads = built.quads
        ox.serialize(quads, str(tmp / NQUADS), ox.RdfFormat.N_QUADS)
        ox.serialize(quads, str(tmp / TRIG), ox.RdfFormat.TRIG, prefixes=PREFIXES)
        iris = Iris(str(built.manifest["base"]))
        _turtle(quads, [iris.graph("asserted")], tmp / ASSERTED_TTL)
        _turtle(quads, [iris.graph(name) for name in KG_GRAPHS], tmp / KG_TTL)
        _turtle(quads, [iris.graph("ontology")], tmp / ONTOLOGY_TTL)
        (tmp / CONTEXT).write_text(json.dumps({"@context": context(built.graphs["ontology"])}, indent=1) + "\n")
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
