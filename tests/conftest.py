"""Fixtures every folder shares: the dataset built once from the vendored documents, written once
to a file, and the external stores loaded from it (started only when a test asks for one).

Each folder is a kind of test, and its marker follows from the folder: `graph/` and `server/` need
no process of their own (`make test-fast`), `stores/` runs on every store, `live/` starts real
servers on sockets, `browser/` drives Chromium. `slow` marks tests that build in new processes or run
a reference checker."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from graph.build import Built, build_dataset
from graph.publish.files import NQUADS
from graph.publish.writer import write
from graph.vocab import Iris
from tests.support import reference
from tests.support.processes import VirtuosoStore, oxigraph_store, publish, serve

FOLDER_MARKERS = {"stores": "stores", "live": "live", "browser": "browser"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(item.fspath).parent.name
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])
    config.stash[STORES_SELECTED] = any(Path(item.fspath).parent.name == "stores" for item in items)


STORES_SELECTED = pytest.StashKey[bool]()


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


@pytest.fixture(scope="session")
def dataset_file(built: Built, tmp_path_factory) -> Path:
    return write(built, tmp_path_factory.mktemp("served") / "build") / NQUADS


@pytest.fixture(scope="session", autouse=True)
def reference_answers(request, tmp_path_factory):
    """rdflib's answers to the example queries, started in the background with the first test when
    `stores/` is selected (it takes rdflib two minutes), collected by the test that needs them."""
    if not request.config.stash.get(STORES_SELECTED, False):
        yield None
        return
    out = tmp_path_factory.mktemp("reference") / "answers.json"
    process = reference.start(request.getfixturevalue("dataset_file"), out)
    try:
        yield lambda: reference.wait(process, out)
    finally:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def external_store(dataset_file, tmp_path_factory) -> str:
    """Oxigraph's own server, loaded with `ccmkg publish`: its query endpoint."""
    with oxigraph_store(tmp_path_factory.mktemp("oxigraph")) as endpoint:
        assert publish(endpoint, dataset_file).returncode == 0
        yield endpoint


@pytest.fixture(scope="session")
def virtuoso_store(dataset_file, tmp_path_factory) -> str:
    """Virtuoso 7 on loopback, loaded with `ccmkg publish --virtuoso-isql`: its SPARQL endpoint."""
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


@pytest.fixture(scope="session")
def live_server(dataset_file) -> str:
    """`ccmkg serve` on a socket (gunicorn, its workers, their deadlines) on the embedded store; its
    base URL. Shared by `live/` and `browser/`; what differs between stores is tested in `stores/`."""
    with serve(dataset_file) as base:
        yield base
