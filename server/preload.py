"""The store query processes share: loaded once in the forkserver, inherited by every child."""

from __future__ import annotations

import os
from functools import lru_cache

import pyoxigraph as ox

DATA_ENV = "CCMKG_QUERY_DATA"


def load(path: str) -> ox.Store:
    """A read-only in-memory store of an RDF dataset file (format from its extension)."""
    store = ox.Store()
    store.bulk_load(path=path)
    return store


@lru_cache(maxsize=1)
def store() -> ox.Store:
    return load(os.environ[DATA_ENV])


if DATA_ENV in os.environ:  # imported by the forkserver: load before forking children
    store()
