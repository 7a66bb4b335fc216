"""The app in-process on its embedded store, as flaskr's tests build theirs: `create_app(config)` and
Flask's test client. A configuration value (a row cap of 5) is a config passed to `make_app`, not a
server started with another environment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.app import create_app


@pytest.fixture(scope="session")
def make_app(dataset_file: Path) -> Callable[..., Flask]:
    """An app on the built dataset with `config` over the defaults."""

    def make(**config) -> Flask:
        return create_app({"TESTING": True, "DATA_FILE": str(dataset_file), **config})

    return make


@pytest.fixture(scope="session")
def app(make_app) -> Flask:
    return make_app()


@pytest.fixture(scope="session")
def server(app: Flask) -> FlaskClient:
    """The app's test client; `tests.support.http.request` and `query` talk to it."""
    return app.test_client()
