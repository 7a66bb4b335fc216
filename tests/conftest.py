"""Shared fixtures: the dataset built once from the vendored documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from graph.build import Built, build_dataset
from graph.vocab import CCM, Iris

PREFIXES = f"""
PREFIX ccm: <{CCM._NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


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


@pytest.fixture(scope="session", params=["embedded", "external"])
def server(request, dataset_file, tmp_path_factory) -> str:
    """The app on its embedded store, and again on an external one (Oxigraph's server, loaded with
    `ccmkg publish`): every test that uses this fixture runs on both."""
    from .live import oxigraph_store, publish, serve, serve_store

    if request.param == "embedded":
        with serve(dataset_file) as base:
            yield base
        return
    with oxigraph_store(tmp_path_factory.mktemp("oxigraph")) as endpoint:
        assert publish(endpoint, dataset_file).returncode == 0
        with serve_store(endpoint, dumps=dataset_file.parent) as base:
            yield base
