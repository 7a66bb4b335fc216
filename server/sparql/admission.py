"""Who runs next in the tier's SPARQL pool: fair shares by query time, a bounded wait, a fast slot.

The pool's front holds up to `places` queries at once (threads of its processes), and only `running`
of them are evaluated at once, each by an executor of its own (executors.py; one per core: a query is
CPU work, and more at once only slows each). The others wait here,
in order of need: first the waiting query whose client has the most of its time budget left, so a
client that has used little goes before one that has used much, and among equals the one that came
first. A client's budget is `budget` seconds of query time, refilled at `budget` per minute (the
Wikidata Query Service gives 60 s per 60 s); past it, 429 with a Retry-After saying when it is
positive again. No query waits more than `max_wait` seconds (then 503 with Retry-After).

One more slot, the fast slot, runs a query at once while all `running` are busy, for a client that
has nothing running and most of its budget: a first small query from anyone is answered in
milliseconds whatever heavy queries hold the pool. It gets `fast_deadline` seconds; a heavy query
there is stopped and told to retry; a client whose query was stopped at a deadline, there or in the
pool, waits in line like the others for a while.

The state is shared by the front's processes: a few arrays in memory mapped before the fork, a lock
and a semaphore per place to wake a waiter (POSIX semaphores, inherited by the forks). The places of
a front process that died are found by its process id and taken back.
"""

from __future__ import annotations

import ctypes
import math
import multiprocessing
import os
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

FREE, WAITING, RUNNING = 0, 1, 2
REGULAR, FAST = 0, 1
_CLIENTS = 4096  # addresses remembered at once; one idle with a full budget is forgotten, as a new one is
_PROBES = 32
_WINDOW = 60.0
FAST_PAUSE = 30.0  # seconds a client whose query was stopped at a deadline waits in line like the others


class _Client(ctypes.Structure):
    _fields_ = [
        ("key", ctypes.c_char * 40),
        ("tokens", ctypes.c_double),
        ("updated", ctypes.c_double),
        ("inflight", ctypes.c_int),
        ("running", ctypes.c_int),
        ("no_fast_until", ctypes.c_double),
    ]


class _Slot(ctypes.Structure):
    _fields_ = [
        ("state", ctypes.c_int),
        ("lane", ctypes.c_int),
        ("client", ctypes.c_int),
        ("pid", ctypes.c_int),
        ("since", ctypes.c_double),
        ("executor", ctypes.c_int),
    ]


class _Counts(ctypes.Structure):
    _fields_ = [("running", ctypes.c_int), ("fast", ctypes.c_int)]


class Refused(Exception):
    """The query is not run: `status` 429 (the client's share) or 503 (no worker in time)."""

    def __init__(self, status: int, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


@dataclass
class Turn:
    """A query's place in the pool while it runs: its lane, and what to give back at its end."""

    admission: Admission
    slot: int
    lane: int
    executor: int  # which of the `running` + 1 executors runs it (the last: the fast slot's)
    started: float
    done: bool = False

    def release(self, stopped: bool = False) -> None:
        """Give the place back and charge the client the time it ran (once); `stopped`: the query was
        stopped at its deadline, and its client is not given the fast slot for a while."""
        if not self.done:
            self.done = True
            self.admission._release(self.slot, time.monotonic() - self.started, stopped)


class Admission:
    def __init__(
        self,
        places: int,
        running: int,
        budget: float = 60.0,
        max_wait: float = 10.0,
        fast_deadline: float = 0.5,
    ) -> None:
        self.places, self.running = places, running
        self.budget, self.rate, self.max_wait, self.fast_deadline = budget, budget / _WINDOW, max_wait, fast_deadline
        self._lock = multiprocessing.Lock()
        self._wake = [multiprocessing.Semaphore(0) for _ in range(places)]
        self._slots = multiprocessing.RawArray(_Slot, places)
        self._clients = multiprocessing.RawArray(_Client, _CLIENTS)
        self._counts = multiprocessing.RawValue(_Counts)
        self._busy = multiprocessing.RawArray(ctypes.c_int, running + 1)  # per executor

    # -- the client table: open addressing on the address's hash

    def _client(self, key: bytes, now: float) -> int:
        start = zlib.crc32(key) % _CLIENTS
        reuse = -1
        for probe in range(_PROBES):
            i = (start + probe) % _CLIENTS
            c = self._clients[i]
            if c.key == key:
                self._refill(c, now)
                return i
            if reuse < 0 and (not c.key or (c.inflight == 0 and self._refilled(c, now) >= self.budget)):
                reuse = i
        i = reuse if reuse >= 0 else start  # the table crowded: share the first place
        c = self._clients[i]
        if c.key != key and (reuse >= 0 or not c.key):
            c.key, c.tokens, c.updated, c.inflight, c.running, c.no_fast_until = key, self.budget, now, 0, 0, 0.0
        self._refill(c, now)
        return i

    def _refilled(self, c: _Client, now: float) -> float:
        return min(self.budget, c.tokens + (now - c.updated) * self.rate)

    def _refill(self, c: _Client, now: float) -> None:
        c.tokens, c.updated = self._refilled(c, now), now

    # -- the pool

    def _reclaim(self) -> None:
        """Take back the slots of processes that died without giving them back."""
        for i in range(self.places):
            s = self._slots[i]
            if s.state != FREE and not _alive(s.pid):
                self._free(i, time.monotonic() - s.since if s.state == RUNNING else 0.0)

    def _free(self, i: int, elapsed: float, stopped: bool = False) -> None:
        s, c = self._slots[i], self._clients[self._slots[i].client]
        if stopped:  # a heavy client: the fast slot is for the others (or one address could hold it)
            c.no_fast_until = time.monotonic() + FAST_PAUSE
        if s.state == RUNNING:
            c.running -= 1
            c.tokens -= elapsed
            self._busy[s.executor] = 0
            if s.lane == FAST:
                self._counts.fast -= 1
            else:
                self._counts.running -= 1
        c.inflight -= 1
        s.state = FREE

    def _grant(self, i: int, lane: int, now: float) -> None:
        s = self._slots[i]
        s.state, s.lane, s.since = RUNNING, lane, now
        s.executor = self.running if lane == FAST else next(k for k in range(self.running) if not self._busy[k])
        self._busy[s.executor] = 1
        self._clients[s.client].running += 1
        if lane == FAST:
            self._counts.fast += 1
        else:
            self._counts.running += 1

    def _fast(self, c: _Client, now: float) -> bool:
        """May this client's query have the fast slot: nothing of its running, most of its budget left,
        and no query of its stopped there lately."""
        return c.running == 0 and c.tokens >= self.budget / 2 and now >= c.no_fast_until

    def _next(self, fast: bool = False) -> int:
        """The waiting slot to run next (in the fast slot: among those that may have it): its client has
        the most budget left (counting a second for each query it has running), then it came first; -1
        for none."""
        best, key, now = -1, None, time.monotonic()
        for i in range(self.places):
            s = self._slots[i]
            if s.state != WAITING:
                continue
            c = self._clients[s.client]
            if fast and not self._fast(c, now):
                continue
            k = (-(c.tokens - c.running), s.since)
            if key is None or k < key:
                best, key = i, k
        return best

    def _dispatch(self, now: float) -> None:
        while self._counts.running < self.running and (i := self._next()) >= 0:
            self._grant(i, REGULAR, now)
            self._wake[i].release()
        if self._counts.fast < 1 and (i := self._next(fast=True)) >= 0:
            self._grant(i, FAST, now)
            self._wake[i].release()

    def _place(self) -> int:
        for i in range(self.places):
            if self._slots[i].state == FREE:
                return i
        raise Refused(503, "every place in the SPARQL pool is taken: retry in a few seconds", 2)

    @contextmanager
    def turn(self, client: str) -> Iterator[Turn]:
        """Wait for this client's turn, run the block, give the place back. Refused when the client is past
        its budget, or when no worker is free within `max_wait`. (How many queries one address may have
        waiting or running at once is nginx's to bound, before they take a place.)"""
        key = client.encode()[:40]
        with self._lock:
            now = time.monotonic()
            if self._counts.running >= self.running:  # a place held by a process that died would be missed now
                self._reclaim()
            c = self._clients[ci := self._client(key, now)]
            if c.tokens <= 0:
                wait = math.ceil(-c.tokens / self.rate) + 1
                raise Refused(
                    429,
                    f"your queries used {self.budget:g} s of query time in the last minute, your share of the SPARQL "
                    f"endpoint: retry in {wait} s (small queries cost little of it)",
                    wait,
                )
            i = self._place()
            s = self._slots[i]
            s.state, s.client, s.pid, s.since = WAITING, ci, os.getpid(), now
            c.inflight += 1
            if self._counts.running < self.running:  # then no one waits: a freed place goes at once
                self._grant(i, REGULAR, now)
            elif self._counts.fast < 1 and self._fast(c, now):
                self._grant(i, FAST, now)
            waits = s.state == WAITING  # decided here: a grant after the lock comes with a wake-up to take
        if waits and not self._wake[i].acquire(timeout=self.max_wait):
            with self._lock:
                if s.state == WAITING:  # not granted at the last moment either
                    self._free(i, 0.0)
                    raise Refused(
                        503,
                        f"no SPARQL worker was free for {self.max_wait:g} s: the endpoint is busy, retry in a few "
                        "seconds",
                        5,
                    )
            self._wake[i].acquire()  # granted as the wait ended: take the wake-up that came with it
        turn = Turn(self, i, s.lane, s.executor, time.monotonic())
        try:
            yield turn
        finally:
            turn.release()

    def _release(self, i: int, elapsed: float, stopped: bool) -> None:
        with self._lock:
            if self._slots[i].state == RUNNING:
                self._free(i, elapsed, stopped)
            self._dispatch(time.monotonic())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
