"""Writing a built dataset: every file into a sibling folder that replaces the output folder only
once complete, with the downloads gzipped once and every file's checksum."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
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
    """Write the dataset into `out` atomically: a failed build leaves the previous output untouched, and a
    build killed at any moment leaves either the previous output or the new one at `out`, never none.

    `out` is a symbolic link to the build's own directory (`.build-<pid>-<random>`), replaced in one
    rename; what killed builds left behind is removed by the next one."""
    out = out.parent.resolve() / out.name
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-{os.getpid()}-", dir=out.parent))
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
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _swap(tmp: Path, out: Path) -> None:
    link = out.with_name(f".{out.name}-link-{os.getpid()}")
    os.symlink(tmp.name, link)
    previous = out.parent / os.readlink(out) if out.is_symlink() else None
    if out.exists() and not out.is_symlink():  # a directory from before builds were links: moved aside once
        previous = out.with_name(f".{out.name}-{os.getpid()}-old")
        os.rename(out, previous)
    os.replace(link, out)  # atomic: `out` names the old build until this instant, the new one after
    if previous is not None and previous.resolve() != tmp.resolve():
        shutil.rmtree(previous, ignore_errors=True)


def _remove_stale(out: Path) -> None:
    """What killed builds left beside `out`: folders and links of processes that are gone (or, named
    without a process, over an hour old), except the build `out` names."""
    current = (out.parent / os.readlink(out)).resolve() if out.is_symlink() else None
    owner = re.compile(rf"^\.{re.escape(out.name)}-(?:link-)?(\d+)(?:-|$)")
    for path in out.parent.glob(f".{out.name}-*"):
        if path.resolve() == current:
            continue
        if m := owner.match(path.name):
            if _alive(int(m.group(1))):
                continue
        elif time.time() - path.lstat().st_mtime < 3600:
            continue
        if path.is_symlink() or path.is_file():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
