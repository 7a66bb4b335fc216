"""`ccmkg publish`: load a built dataset into an external SPARQL 1.1 store, graph by graph.

Each named graph is replaced by one SPARQL Update request (`DROP SILENT GRAPH <g> ; INSERT DATA
{ GRAPH <g> { ... } }`): stores run a request as one transaction, so readers see the old graph
or the new one, never half of it; graphs the dataset does not hold are left alone; running it
twice leaves the same triples."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
from SPARQLWrapper import POST, SPARQLWrapper


def update_endpoint(query_endpoint: str) -> str:
    """Oxigraph serves queries at /query and updates at /update; Fuseki at /sparql and /update."""
    for suffix in ("/query", "/sparql"):
        if query_endpoint.endswith(suffix):
            return query_endpoint[: -len(suffix)] + "/update"
    raise ValueError(f"cannot tell the update endpoint of {query_endpoint}: pass --update URL")


def _graphs(data_file: Path) -> dict[str, list[ox.Triple]]:
    """The dataset file's named graphs and their triples."""
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(data_file)):
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs[quad.graph_name.value].append(quad.triple)
    return graphs


def publish(data_file: Path, update_url: str, timeout: float = 120.0) -> dict[str, int]:
    """Replace, in the store, every named graph of `data_file`; returns triples per graph sent."""
    graphs = _graphs(data_file)
    for name, triples in graphs.items():
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        client = SPARQLWrapper(update_url, agent="ccm-kg")
        client.setMethod(POST)
        client.setTimeout(int(timeout))
        client.setQuery(f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}}} }}")
        client.query()
    return {name: len(triples) for name, triples in graphs.items()}


def publish_virtuoso(data_file: Path, isql: str, folder: Path, user: str, password: str) -> dict[str, int]:
    """Virtuoso's way: its bulk loader, driven through `isql` (host:port). Its SPARQL compiler takes
    neither one request per graph (SP030, SP031 above a few thousand triples) nor blank nodes nor
    day-time durations in INSERT DATA; the bulk loader takes the N-Quads file as it is. `folder` must be
    one of the server's DirsAllowed and readable by it (it is on the same machine). Each graph is
    cleared, then loaded: unlike the SPARQL Update path, readers can see a graph empty meanwhile."""
    import shutil
    import subprocess

    graphs = {name: len(triples) for name, triples in _graphs(data_file).items()}
    staged = folder / f"ccmkg-publish-{data_file.stat().st_mtime_ns}.nq"
    shutil.copyfile(data_file, staged)
    binary = shutil.which("isql-vt") or shutil.which("isql") or "isql-vt"
    host, port = isql.rsplit(":", 1)
    clears = "".join(f"SPARQL CLEAR GRAPH <{g}>;\n" for g in graphs)
    script = (
        f"{clears}DELETE FROM DB.DBA.load_list WHERE ll_file = '{staged}';\n"
        f"ld_dir('{folder}', '{staged.name}', 'urn:ccmkg:no-graph');\nrdf_loader_run();\ncheckpoint;\n"
        f"SELECT 'LOADERROR', ll_error FROM DB.DBA.load_list WHERE ll_file = '{staged}' AND ll_error IS NOT NULL;\n"
    )
    try:
        done = subprocess.run(
            [binary, f"{host}:{port}", user, password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF"],
            input=script,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        staged.unlink(missing_ok=True)
    if done.returncode != 0 or "LOADERROR" in done.stdout or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"Virtuoso's bulk loader failed: {(done.stdout + done.stderr).strip()[-2000:]}")
    return graphs
