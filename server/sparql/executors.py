"""Where the tier's queries are evaluated: a few processes of their own, one query each at a time.

The SPARQL pool's front (a gunicorn instance of threads, deploy.py) takes the requests, checks and
negotiates them, and waits its turn (admission.py); the turn names an executor, which evaluates the
query and sends the answer back. Only the executors read the store: reading Oxigraph's in-memory
store writes to the pages it reads, so every process that queries it comes to hold its own copy of
them, and a process's first walk over them costs page faults. With one executor per core and one for
the fast slot, that is three copies, kept warm, however many queries wait.

A query cannot be stopped inside pyoxigraph: past its deadline the front kills its executor, answers
503 itself, and the supervisor starts the executor again from the loaded app (a fork: nothing to load).
Each front process keeps a connection to each executor, on the executor's Unix socket (the executor
says its process id once, then answers job after job): a connection per query cost a third of a small
query's time. The turns make sure one query at a time is on its way to an executor.
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import socket
import struct
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..store import Store
from .query import Job, Outcome, run

_PID = struct.Struct("!I")
_SIZE = struct.Struct("!Q")


class Stopped(Exception):
    """The query did not finish: past its deadline (its executor killed), or its executor died."""


def _exactly(conn: socket.socket, n: int, deadline: float | None = None) -> bytes:
    view, got = bytearray(n), 0
    while got < n:
        if deadline is not None:
            conn.settimeout(max(0.001, deadline - time.monotonic()))
        k = conn.recv_into(memoryview(view)[got:])
        if k == 0:
            raise EOFError("the executor closed the connection")
        got += k
    return bytes(view)


def _send(conn: socket.socket, payload: bytes) -> None:
    conn.sendall(_SIZE.pack(len(payload)) + payload)


def _receive(conn: socket.socket, deadline: float | None = None) -> bytes:
    (size,) = _SIZE.unpack(_exactly(conn, _SIZE.size, deadline))
    return _exactly(conn, size, deadline)


def serve(path: Path, store: Store) -> None:
    """An executor: on `path`, evaluate the jobs that come on any connection, one at a time, for ever."""
    path.unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(64)
    pid = _PID.pack(os.getpid())
    ready = selectors.DefaultSelector()
    ready.register(listener, selectors.EVENT_READ)
    while True:
        for key, _ in ready.select():
            if key.fileobj is listener:
                conn, _ = listener.accept()
                conn.sendall(pid)
                ready.register(conn, selectors.EVENT_READ)
                continue
            conn = key.fileobj
            try:
                job = pickle.loads(_receive(conn))
                _send(conn, pickle.dumps(run(store, job), protocol=pickle.HIGHEST_PROTOCOL))
            except (OSError, EOFError, pickle.UnpicklingError):  # the front went away
                ready.unregister(conn)
                conn.close()


class _Connection:
    def __init__(self, path: Path, deadline: float) -> None:
        self.sock = _connect(path, deadline)
        try:
            (self.pid,) = _PID.unpack(_exactly(self.sock, _PID.size, deadline))
        except (TimeoutError, EOFError, ConnectionError):
            self.sock.close()
            raise Stopped("its executor did not answer") from None


_connections: dict[Path, _Connection] = {}  # this process's, by executor
_owner = 0  # the process they were made in: a fork starts with none


def evaluate(path: Path, job: Job, seconds: float) -> Outcome:
    """The job's outcome from the executor on `path`; Stopped past `seconds` (the executor killed), or
    when the executor died under it."""
    global _owner
    if _owner != os.getpid():
        _connections.clear()
        _owner = os.getpid()
    deadline = time.monotonic() + seconds
    payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
    conn = _connections.pop(path, None)
    try:
        if conn is not None:
            try:
                conn.sock.settimeout(seconds)
                _send(conn.sock, payload)
            except OSError:  # its executor was started again since: a new connection
                conn.sock.close()
                conn = None
        if conn is None:
            conn = _Connection(path, deadline)
            conn.sock.settimeout(seconds)
            _send(conn.sock, payload)
        outcome = pickle.loads(_receive(conn.sock, deadline))
    except TimeoutError:
        os.kill(conn.pid, signal.SIGKILL)
        # no one may connect to it while it dies (the next turn's query would wait in its backlog): its
        # successor binds the path anew
        path.unlink(missing_ok=True)
        conn.sock.close()
        raise Stopped("") from None
    except (EOFError, OSError):
        if conn is not None:
            conn.sock.close()
        raise Stopped("its executor stopped") from None
    _connections[path] = conn
    return outcome


def _connect(path: Path, deadline: float) -> socket.socket:
    """A connection to the executor, waiting (until the deadline) while it is being started again."""
    while True:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            conn.connect(str(path))
            return conn
        except (FileNotFoundError, ConnectionRefusedError):
            conn.close()
            if time.monotonic() > deadline:
                raise Stopped("no executor was there to run it") from None
            time.sleep(0.01)


def running(pid: int | None) -> bool:
    """Whether this process's child `pid` is still running (one that ended is reaped here)."""
    if pid is None:
        return False
    try:
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return False


@dataclass
class Executor:
    """One executor process, forked from the loaded app by the tier's supervisor."""

    socket: Path
    pid: int | None = None

    def start(self, store: Store) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                os.setsid()
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                serve(self.socket, store)
            finally:  # never return into the supervisor's code: this process is a copy of it
                os._exit(1)
        self.pid = pid

    def alive(self) -> bool:
        return running(self.pid)

    def stop(self) -> None:
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)  # it holds nothing worth finishing
            os.waitpid(self.pid, 0)
