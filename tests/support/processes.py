"""Real processes for the tests and the benchmarks: `ccmkg serve` on 127.0.0.1 started for a block
and stopped after it, `ccmkg publish`, Oxigraph's server and Virtuoso 7 as external stores."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.http import request


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """End a process started in a session of its own, and everything it started: TERM, then KILL."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


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
        stop(process)


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


def ccmkg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The `ccmkg` command in a new process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "server.cli", *args], capture_output=True, text=True, timeout=timeout)
