"""The app on each store: the embedded one, Oxigraph's server and Virtuoso 7. Only what differs
between stores lives in this folder; everything else runs once, on the embedded store, in `server/`.
CCMKG_TEST_BACKENDS=embedded,external narrows the stores."""

from __future__ import annotations

import os

import pytest
from flask.testing import FlaskClient

from server.app import create_app

BACKENDS = os.environ.get("CCMKG_TEST_BACKENDS", "embedded,external,virtuoso").split(",")


@pytest.fixture(scope="session", params=BACKENDS)
def server(request, dataset_file) -> FlaskClient:
    if request.param == "embedded":
        app = create_app({"TESTING": True, "DATA_FILE": str(dataset_file)})
    else:
        endpoint = request.getfixturevalue("external_store" if request.param == "external" else "virtuoso_store")
        app = create_app({"TESTING": True, "STORE_URL": endpoint, "DUMPS_DIR": str(dataset_file.parent)})
    return app.test_client()
