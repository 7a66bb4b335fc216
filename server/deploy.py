"""`ccmkg deploy`: the serving tier on one machine: nginx in front of several `ccmkg serve` instances.

Pages, entity documents and health checks go to `instances` page instances; `/sparql` goes to an
instance of its own, the SPARQL pool's front: threads that hold up to `held` queries at once, of which
`sparql_workers` are evaluated at once, each by an executor process (one per core: a query is CPU
work, and more at once only slows each; sparql/executors.py), while the others wait their turn,
least-served client first, for at most `max_wait` seconds. Each client has `budget` seconds of query
time a minute, and one more executor, the fast slot, answers a newcomer's small query while heavy ones
hold the others (sparql/admission.py). nginx lets one address have `per_client` queries waiting or
running (past it, 429), so one address cannot take every place. nginx serves the dumps
from the build directory. nginx holds the client connections, so idle, slow-sending and slow-reading
clients cost no worker. An instance that exits is started again; the others answer meanwhile.
Configuration: templates/deploy/nginx.conf.

The app is loaded and warmed once, in this process, and every instance is forked from it: all the
instances' workers share one copy of the store, the templates and the tables (what a page instance
and the SPARQL instance each loaded on their own used to triple the memory), and an instance that
died is back at once, with nothing to load.
"""

from __future__ import annotations

import ctypes
import grp
import http.client
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import Environment, FileSystemLoader

from graph.publish.files import DOWNLOADS

from .serve import loaded_app, run
from .sparql.admission import Admission
from .sparql.executors import Executor, running

TEMPLATES = Path(__file__).with_name("templates") / "deploy"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None)


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: Path, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(str(self.path))


@dataclass
class Instance:
    """One gunicorn master and its workers, on a Unix socket: nginx reaches it without a TCP handshake
    (a tenth of a millisecond of every query), and no port can be taken by another program meanwhile."""

    socket: Path
    workers: int
    threads: int = 1
    pid: int | None = None

    def start(self, app: Flask, timeout: float) -> None:
        """Fork gunicorn's master for this instance from the loaded app, in a session of its own."""
        sys.stdout.flush()  # what is buffered would otherwise be written twice, by both processes
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.setsid()
                signal.signal(signal.SIGTERM, signal.SIG_DFL)  # gunicorn installs its own
                run(app, f"unix:{self.socket}", self.workers, timeout, self.threads)
                code = 0
            except SystemExit as exc:  # gunicorn's master and its workers end this way
                code = exc.code if isinstance(exc.code, int) else 0
            finally:  # never return into the supervisor's code: this process is a copy of it
                os._exit(code)
        self.pid = pid

    def alive(self) -> bool:
        return running(self.pid)

    def ready(self) -> bool:
        connection = _UnixConnection(self.socket, timeout=2)
        try:
            connection.request("GET", "/readyz")
            return connection.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

    def stop(self) -> None:
        if not self.alive():
            return
        os.killpg(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        while self.alive():
            if time.monotonic() > deadline:
                os.killpg(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                return
            time.sleep(0.1)


@dataclass
class Tier:
    """The instances and nginx, started and supervised together."""

    host: str
    port: int
    app_config: dict[str, Any]  # the data file or the store, the deadline (serve.app_config)
    dumps: Path | None
    timeout: float
    instances: int = 2
    workers: int = 1
    threads: int = 4
    sparql_workers: int = 0  # 0: one per core, at least 2
    per_client: int = 32  # queries one address may have waiting or running
    held: int = 0  # queries the pool holds at once, waiting or running; 0: per_client and 8 more
    budget: float = 60.0  # seconds of query time per client per minute
    max_wait: float = 10.0
    pages: list[Instance] = field(default_factory=list)
    sparql: list[Instance] = field(default_factory=list)
    executors: list[Executor] = field(default_factory=list)
    nginx: subprocess.Popen | None = None
    run: Path | None = None
    app: Flask | None = None

    def __post_init__(self) -> None:
        self.sparql_workers = self.sparql_workers or max(2, os.cpu_count() or 2)
        self.held = self.held or self.per_client + 8

    def all_instances(self) -> list[Instance]:
        return self.pages + self.sparql

    def store(self) -> Any:
        return self.app.extensions["ccm_dataset"].store

    def config(self) -> str:
        env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, keep_trailing_newline=True)
        files = {}
        if self.dumps is not None:
            files = {n: (media, str((self.dumps / n).resolve())) for n, (_, media) in DOWNLOADS.items()}
            files = {n: v for n, v in files.items() if Path(v[1]).is_file()}
        user = None
        if os.geteuid() == 0 and self.dumps is not None and self.dumps.exists():
            owner = self.dumps.stat()
            user = f"{pwd.getpwuid(owner.st_uid).pw_name} {grp.getgrgid(owner.st_gid).gr_name}"
        return env.get_template("nginx.conf").render(
            user=user,
            run=self.run,
            host=self.host,
            port=self.port,
            pages=[i.socket for i in self.pages],
            sparql=[i.socket for i in self.sparql],
            per_client=self.per_client,
            read_timeout=int(self.max_wait + self.timeout) + 5,
            files=files,
        )

    def start(self, startup: float = 120.0) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx not found: install it (Debian: apt-get install nginx-light) or use `ccmkg serve`")
        self.run = Path(tempfile.mkdtemp(prefix="ccmkg-deploy-"))
        # nginx's workers drop root; they must reach their temporary folders
        self.run.chmod(0o755)
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
            (self.run / name).mkdir(mode=0o777)
            (self.run / name).chmod(0o777)
        _return_freed_memory()
        self.app = loaded_app(self.app_config)
        # made before the fork: every process of the pool's front shares its state
        self.app.extensions["ccm_admission"] = Admission(self.held, self.sparql_workers, self.budget, self.max_wait)
        self.executors = [Executor(self.run / f"executor-{n}.sock") for n in range(self.sparql_workers + 1)]
        self.app.extensions["ccm_executors"] = [e.socket for e in self.executors]
        self.pages = [Instance(self.run / f"pages-{n}.sock", self.workers, self.threads) for n in range(self.instances)]
        # two processes of threads: one may be replaced while the other answers
        self.sparql = [Instance(self.run / "sparql.sock", 2, -(-self.held // 2))]
        for executor in self.executors:
            executor.start(self.store())
        for instance in self.all_instances():
            instance.start(self.app, self.timeout)
        deadline = time.monotonic() + startup
        for instance in self.all_instances():
            while not instance.ready():
                if not instance.alive() or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"the instance on {instance.socket} did not start")
                time.sleep(0.2)
        conf = self.run / "nginx.conf"
        conf.write_text(self.config())
        self.nginx = subprocess.Popen(
            [binary, "-p", str(self.run), "-c", str(conf), "-e", str(self.run / "error.log"), "-g", "daemon off;"],
            start_new_session=True,
        )

    def supervise(self) -> None:
        """Start again any instance or executor that exited, until nginx stops or a signal arrives. An
        executor killed at a query's deadline is started again within a few hundredths of a second: the
        next query in its turn waits for it."""
        while self.nginx is not None and self.nginx.poll() is None:
            for instance in self.all_instances():
                if not instance.alive():
                    print(f"instance on {instance.socket} exited: starting it again", file=sys.stderr)
                    instance.start(self.app, self.timeout)
            for executor in self.executors:
                if not executor.alive():
                    executor.start(self.store())
            time.sleep(0.02)

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: finish what is in flight
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for instance in self.all_instances():
            instance.stop()
        for executor in self.executors:
            executor.stop()
        if self.run is not None:
            shutil.rmtree(self.run, ignore_errors=True)


def _return_freed_memory() -> None:
    """glibc's malloc, set before the forks inherit it: a large block (an answer, its pickle) from its own
    mapping, given back when freed, and few arenas. Left to itself it raises the mapping threshold as
    large blocks are freed and keeps an arena per thread, so a threaded front that passed a megabyte
    answer kept tens of megabytes it no longer used."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to set
        return
    libc.mallopt(_M_MMAP_THRESHOLD, 128 * 1024)
    libc.mallopt(_M_ARENA_MAX, 2)


_M_MMAP_THRESHOLD, _M_ARENA_MAX = -3, -8  # glibc's malloc.h


def deploy(tier: Tier) -> None:
    def _stop(signum: int, _frame: object) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, _stop)
    tier.start()
    print(
        f"serving on http://{tier.host}:{tier.port}/ (nginx; {tier.instances} page instances of "
        f"{tier.workers} workers of {tier.threads} threads; SPARQL: {tier.sparql_workers} queries at once and a "
        f"fast slot, {tier.held} held at most, waiting at most {tier.max_wait:g} s, {tier.per_client} per "
        f"address, {tier.budget:g} s of query time per address per minute)",
        file=sys.stderr,
    )
    try:
        tier.supervise()
    finally:
        tier.stop()
