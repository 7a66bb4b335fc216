"""Shared fixtures: the dataset built once from the vendored documents, and the app serving it,
in-process (`server`, Flask's test client) or as a real server on a socket (`live_server`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph

from graph.build import Built, build_dataset
from graph.vocab import Iris
from graph.vocab.external import sparql_prefixes

PREFIXES = sparql_prefixes()


@pytest.fixture(scope="session")
def built() -> Built:
    return build_dataset()


@pytest.fixture(scope="session")
def iris() -> Iris:
    return Iris()


@pytest.fixture(scope="session")
def kg(built: Built) -> Graph:
    """Asserted and inferred statements together, as the endpoint's users see them."""
    return built.graphs["asserted"] + built.graphs["inferred"]


def select(g: Graph, query: str) -> list[tuple]:
    return [tuple(row) for row in g.query(PREFIXES + query)]


@pytest.fixture(scope="session")
def dataset_file(built: Built, tmp_path_factory) -> Path:
    from graph.publish import NQUADS, write

    return write(built, tmp_path_factory.mktemp("served") / "build") / NQUADS


@pytest.fixture(scope="session")
def external_store(dataset_file, tmp_path_factory) -> str:
    """Oxigraph's own server, loaded with `ccmkg publish`: its query endpoint."""
    from .live import oxigraph_store, publish

    with oxigraph_store(tmp_path_factory.mktemp("oxigraph")) as endpoint:
        assert publish(endpoint, dataset_file).returncode == 0
        yield endpoint


@pytest.fixture(scope="session")
def virtuoso_store(dataset_file, tmp_path_factory) -> str:
    """Virtuoso 7 on loopback, loaded with `ccmkg publish --virtuoso-isql`: its SPARQL endpoint."""
    import shutil
    import subprocess
    import sys

    from .live import VirtuosoStore

    if shutil.which("virtuoso-t") is None:
        pytest.skip("Virtuoso not installed (.ci/run installs virtuoso-opensource-7)")
    store = VirtuosoStore(tmp_path_factory.mktemp("virtuoso")).start()
    try:
        loaded = subprocess.run(
            [sys.executable, "-m", "server.cli", "publish", "--store", store.endpoint, "--data", str(dataset_file)]
            + ["--virtuoso-isql", f"127.0.0.1:{store.sql}", "--virtuoso-dir", str(store.location)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert loaded.returncode == 0, loaded.stderr
        yield store.endpoint
    finally:
        store.stop()


# the embedded store, Oxigraph's server and Virtuoso 7; CCMKG_TEST_BACKENDS=embedded,external narrows it
BACKENDS = os.environ.get("CCMKG_TEST_BACKENDS", "embedded,external,virtuoso").split(",")


@pytest.fixture(scope="session", params=BACKENDS)
def server(request, dataset_file):
    """The app in-process on its embedded store, and again on each external one: every test that
    uses this fixture runs on all three. `live.request` and `live.query` talk to it."""
    from server import create_app

    if request.param == "embedded":
        app = create_app({"TESTING": True, "DATA_FILE": str(dataset_file)})
    else:
        endpoint = request.getfixturevalue("external_store" if request.param == "external" else "virtuoso_store")
        app = create_app({"TESTING": True, "STORE_URL": endpoint, "DUMPS_DIR": str(dataset_file.parent)})
    return app.test_client()


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(request, dataset_file) -> str:
    """`ccmkg serve` on a socket (gunicorn, its workers, their deadlines), on its embedded store and
    on each external one; yields its base URL."""
    from .live import serve, serve_store

    if request.param == "embedded":
        with serve(dataset_file) as base:
            yield base
        return
    endpoint = request.getfixturevalue("external_store" if request.param == "external" else "virtuoso_store")
    with serve_store(endpoint, dumps=dataset_file.parent) as base:
        yield base
