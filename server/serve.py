"""`ccmkg serve`: the app under gunicorn on 127.0.0.1:5000 by default.

Sync workers, one request each: a query past its deadline ends its worker (see worker_timeout.py),
which must not take other requests with it. The app and its store are loaded once, before any fork,
and warmed (`warm`: every kind of page rendered once, so templates, label tables, the calendar and
the JSON-LD context are made there); the forked workers share those pages instead of each building
its own copy, and a replacement starts at once. `ccmkg deploy` forks its instances from one such
loaded app too (deploy.py).
"""

from __future__ import annotations

import gc
import importlib
import logging
import time
from pathlib import Path
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

log = logging.getLogger(__name__)

# besides one entity of each class: the pages whose first rendering builds something kept per process
_WARM_PATHS = [
    "/",
    "/query",
    "/query/terms.json",
    "/query/world.json",
    "/browse",
    "/browse/themes",
    "/calendar",
    "/calendar/map",
    "/calendar/timeline",
    "/lineage",
    "/ontology",
    "/search?q=stockpile",
    "/context.jsonld",
    "/sparql?query=ASK%7B%7D",
]
_RDF = ("text/turtle", "application/ld+json")


def _freeze(_server: object, _worker: object) -> None:
    gc.freeze()


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any], app: Flask) -> None:
        self.options = options
        self.app = app
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.app


def app_config(
    data_file: str | None, query_timeout: float, store: str | None = None, dumps: Path | None = None
) -> dict[str, Any]:
    config: dict[str, Any] = {"QUERY_TIMEOUT": query_timeout}
    if store:
        return config | {"STORE_URL": store, "DUMPS_DIR": str(dumps) if dumps else None}
    return config | {"DATA_FILE": data_file}


def warm(app: Flask, budget: float = 5.0) -> None:
    """Render once, in this process, the listing pages and an entity of each class (HTML; Turtle and
    JSON-LD for one), so that what their first rendering builds and keeps (compiled templates, cached
    tables) is built before the workers fork and shared by them, and no first visitor waits for it. The
    pages are not kept: nginx caches what is asked. At most `budget` seconds: on an external store,
    rendering a page is many round trips, and what is not warmed here is made on first use."""
    data = app.extensions["ccm_dataset"]
    one_per_class = f"""SELECT (MIN(STR(?s)) AS ?iri) WHERE {{
      ?s a ?class FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{data.iris.base}id/")) }} GROUP BY ?class"""
    iris = [row["iri"].value for row in data.select(one_per_class)]
    entities = [iri.removeprefix(data.iris.base.rstrip("/")) for iri in sorted(set(iris))]
    requests = [(path, "text/html") for path in _WARM_PATHS + entities]
    requests[len(_WARM_PATHS) + 1 : len(_WARM_PATHS) + 1] = [(entities[0], a) for a in _RDF] if entities else []
    client = app.test_client()
    stop = time.monotonic() + budget
    for path, accept in requests:
        if time.monotonic() > stop:
            break
        status = client.get(path, headers={"Accept": accept}).status_code
        if status >= 500:
            log.warning("warming up: %s as %s gave %s", path, accept, status)


def loaded_app(config: dict[str, Any]) -> Flask:
    """The app on its store, warmed, its objects frozen out of the garbage collector's reach: ready to
    be forked (collecting would write to, and so copy, every page the forks share)."""
    from .app import create_app

    # what each gunicorn master and worker would import once forked (a megabyte in each of them): here,
    # once, to be shared
    for module in ("gunicorn.arbiter", "gunicorn.workers.sync", "gunicorn.workers.gthread"):
        importlib.import_module(module)
    app = create_app(config)
    warm(app)
    gc.collect()
    gc.freeze()
    return app


def run(app: Flask, bind: str, workers: int, query_timeout: float, threads: int = 1) -> None:
    """gunicorn's master on a loaded app, until it is stopped; `bind` is HOST:PORT or unix:PATH. One thread
    per worker (sync) wherever user queries run: a query past its deadline ends its whole worker. `threads`
    > 1 only behind nginx, for pages, whose queries are ours: a process of several threads holds one copy
    of what a worker dirties."""
    client = "%({x-forwarded-for}i)s" if bind.startswith("unix:") else "%(h)s"
    options = {
        "bind": bind,
        "workers": workers,
        "worker_class": "sync" if threads == 1 else "gthread",
        "threads": threads,
        "preload_app": True,
        # gunicorn's own watchdog only for a wedged worker; queries are stopped at their deadline
        "timeout": int(query_timeout) + 30,
        "graceful_timeout": 10,
        "backlog": 2048,
        "accesslog": "-",
        # the path, not the query string: a query's text is the user's, and can be 64 KiB long. On a Unix
        # socket the client is nginx's X-Forwarded-For.
        "access_log_format": f'{client} %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)ss',
        # the store and the app are loaded before the fork: freezing them keeps the garbage collector
        # from touching (and so copying) the pages the workers share
        "pre_fork": _freeze,
        "errorlog": "-",
        # gunicorn 27's admin socket: one path per user, which every instance on the machine would share
        "control_socket_disable": True,
    }
    _Gunicorn(options, app).run()


def serve(
    data_file: str | None,
    host: str,
    port: int,
    workers: int,
    query_timeout: float,
    store: str | None = None,
    dumps: Path | None = None,
) -> None:
    run(loaded_app(app_config(data_file, query_timeout, store, dumps)), f"{host}:{port}", workers, query_timeout)
