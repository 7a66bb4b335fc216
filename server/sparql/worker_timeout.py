"""Stopping a query at its deadline.

pyoxigraph has no query timeout, and a thread cannot be stopped. pyoxigraph releases the GIL
while it evaluates, so a timer thread still runs: at the deadline it writes the 503 answer
straight to the client's socket and ends the worker process. Gunicorn's sync workers serve one
request each, so no other request is lost, and the master forks a fresh worker at once (the
store was loaded before the fork, `preload_app`), while the other workers go on serving.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)
EXIT_CODE = 75  # EX_TEMPFAIL: gunicorn logs it and starts a new worker


def past_deadline(seconds: float, why: str) -> str:
    """What a client is told of a query stopped at its deadline."""
    return (
        f"the query ran past the {seconds:g} s deadline and was stopped{f' ({why})' if why else ''}; "
        "narrow it (LIMIT, more selective patterns) and try again\n"
    )


def _answer_and_exit(sock: socket.socket, seconds: float, why: str) -> None:
    message = past_deadline(seconds, why).encode()
    head = (
        f"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(message)}\r\nRetry-After: 1\r\nAccess-Control-Allow-Origin: *\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    try:
        sock.sendall(head + message)
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    log.warning("query stopped at its %g s deadline; replacing this worker", seconds)
    os._exit(EXIT_CODE)


class _Watchdog:
    """One thread per worker process that ends the process when the armed deadline passes: cheaper
    than a new timer thread for every request (a third of the in-process time of a small query)."""

    def __init__(self) -> None:
        self._armed: tuple[float, socket.socket, float, str] | None = None  # (expiry, socket, seconds, why)
        self._changed = threading.Condition()
        self._pid: int | None = None

    def _run(self) -> None:
        with self._changed:
            while True:
                if self._armed is None:
                    self._changed.wait()
                    continue
                expiry, sock, seconds, why = self._armed
                left = expiry - time.monotonic()
                if left <= 0:
                    _answer_and_exit(sock, seconds, why)
                self._changed.wait(left)

    def arm(self, seconds: float, sock: socket.socket, why: str) -> None:
        if self._pid != os.getpid():  # first use in this (forked) worker: its own thread
            self._pid = os.getpid()
            threading.Thread(target=self._run, name="deadline", daemon=True).start()
        with self._changed:
            self._armed = (time.monotonic() + seconds, sock, seconds, why)
            self._changed.notify()

    def disarm(self) -> None:
        with self._changed:
            self._armed = None
            self._changed.notify()


_watchdog = _Watchdog()


@contextmanager
def deadline(seconds: float, sock: socket.socket | None, why: str = "") -> Iterator[None]:
    """Run the block; if it is still running after `seconds`, answer 503 (saying `why` the deadline
    was what it was, if it says) and end the process.

    Only a gunicorn worker (which hands over its client socket) may end itself: in any other
    process (Flask's test client, a development server) ending the process would end everything,
    so the block runs without a deadline there."""
    if sock is None:
        yield
        return
    _watchdog.arm(seconds, sock, why)
    try:
        yield
    finally:
        _watchdog.disarm()
