"""Talking to the app: through Flask's test client or to a real server's base URL on 127.0.0.1.
`request` and `query` take either, so a test reads the same whatever it talks to."""

from __future__ import annotations

import http.client
from urllib.parse import urlencode

from flask.testing import FlaskClient
from werkzeug.datastructures import Headers


class Reply:
    def __init__(self, status: int, headers: http.client.HTTPMessage | Headers, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def request(
    target: str | FlaskClient,
    method: str,
    path: str,
    body: bytes | str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60.0,
    source: str | None = None,
) -> Reply:
    """One request to a server's base URL (from the loopback address `source`, if given), or to an
    app's test client."""
    if isinstance(target, FlaskClient):
        response = target.open(path, method=method, data=body, headers=headers or {})
        return Reply(response.status_code, response.headers, response.get_data())
    host, port = target.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout, source_address=(source, 0) if source else None)
    try:
        conn.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=headers or {})
        response = conn.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        conn.close()


def query(
    target: str | FlaskClient, sparql: str, accept: str = "application/sparql-results+json", **params: str
) -> Reply:
    return request(
        target,
        "POST",
        "/sparql?" + urlencode(params) if params else "/sparql",
        urlencode({"query": sparql}),
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
    )
