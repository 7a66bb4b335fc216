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
        asserted = ox.NamedNode(str(Iris(str(built.manifest["base"])).graph("asserted")))
        ox.serialize(
            (q.triple for q in quads if q.graph_name == asserted),
            str(tmp / ASSERTED_TTL),
            ox.RdfFormat.TURTLE,
            prefixes=PREFIXES,
        )
        iris = Iris(str(built.manifest["base"]))
        kg = {ox.NamedNode(str(iris.graph(name))) for name in KG_GRAPHS}
        ox.serialize(
            dict.fromkeys(q.triple for q in quads if q.graph_name in kg),
            str(tmp / KG_TTL),
            ox.RdfFormat.TURTLE,
            prefixes=PREFIXES,
        )
        ontology = ox.NamedNode(str(iris.graph("ontology")))
        ox.serialize(
            (q.triple for q in quads if q.graph_name == ontology),
            str(tmp / ONTOLOGY_TTL),
            ox.RdfFormat.TURTLE,
            prefixes=PREFIXES,
        )
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
