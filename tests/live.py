"""Talking to the app: in-process through Flask's test client, or as a real `ccmkg serve` on
127.0.0.1 started for a test and stopped afterwards. `request` and `query` take either."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from flask.testing import FlaskClient
from werkzeug.datastructures import Headers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(
    data: Path, *args: str, env: dict[str, str] | None = None, startup: float = 30.0, store: str | None = None
) -> Iterator[str]:
    """Run the server on `data` (or on an external `store`) until the block ends; yields its base URL."""
    port = free_port()
    source = ["--store", store] if store else ["--data", str(data)]
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", *source, "--port", str(port), *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {process.stderr.read().decode()[-2000:]}")
            try:
                if request(base, "GET", "/readyz").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not become ready")
            time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


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


class OxigraphStore:
    """Oxigraph's own server (the `oxigraph` package) as an external store, on a fixed port so it can
    be stopped and started again under a running app."""

    def __init__(self, location: Path, port: int | None = None) -> None:
        self.location = location
        self.port = port or free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}/query"
        self.process: subprocess.Popen | None = None

    def start(self) -> OxigraphStore:
        binary = Path(sys.executable).with_name("oxigraph")
        self.process = subprocess.Popen(
            [str(binary), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                if request(f"http://127.0.0.1:{self.port}", "GET", "/query?query=ASK%7B%7D").status == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("oxigraph did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


@contextmanager
def oxigraph_store(location: Path) -> Iterator[str]:
    """A running Oxigraph server for the block; yields its query endpoint."""
    store = OxigraphStore(location).start()
    try:
        yield store.endpoint
    finally:
        store.stop()


def publish(endpoint: str, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", "publish", "--store", endpoint, "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@contextmanager
def serve_store(endpoint: str, *args: str, dumps: Path | None = None) -> Iterator[str]:
    """`ccmkg serve --store`: the app on top of an external store."""
    extra = ["--dumps", str(dumps)] if dumps else []
    with serve(Path("unused"), *args, *extra, store=endpoint) as base:
        yield base


class VirtuosoStore:
    """Virtuoso 7 (Debian's virtuoso-opensource-7) on loopback with its own ini and database in a
    temporary folder, no system service; loaded by `ccmkg publish --virtuoso` (its bulk loader)."""

    INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
ServerThreads = 20
CheckpointInterval = 60
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {d}

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
MaxClientConnections = 20
ServerThreads = 20
EnabledDavVSP = 0

[SPARQL]
; the default of 10,000 rows cuts whole-graph reads (the provenance graph alone has more) without an error
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 0
"""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.sql, self.http = free_port(), free_port()
        self.endpoint = f"http://127.0.0.1:{self.http}/sparql"
        self.process: subprocess.Popen | None = None

    def start(self) -> VirtuosoStore:
        self.location.mkdir(parents=True, exist_ok=True)
        ini = self.location / "virtuoso.ini"
        ini.write_text(self.INI.format(d=self.location, sql=self.sql, http=self.http))
        self.process = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(ini)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if request(f"http://127.0.0.1:{self.http}", "GET", "/sparql?query=ASK%7B%7D").status == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("virtuoso did not start")
            time.sleep(0.3)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
