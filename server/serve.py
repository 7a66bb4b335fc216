"""`ccmkg serve`: the app under gunicorn on 127.0.0.1:5000 by default.

Sync workers, one request each: a query past its deadline ends its worker (see deadline.py),
which must not take other requests with it. The app and its store are loaded once in the
master (`preload_app`) and shared by the forked workers, so a replacement starts at once.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication


def _freeze(_server: object, _worker: object) -> None:
    gc.freeze()


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any], app_config: dict[str, Any]) -> None:
        self.options = options
        self.app_config = app_config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        from . import create_app

        return create_app(self.app_config)


def serve(
    data_file: str | None,
    host: str,
    port: int,
    workers: int,
    query_timeout: float,
    store: str | None = None,
    dumps: Path | None = None,
) -> None:
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "preload_app": True,
        # gunicorn's own watchdog only for a wedged worker; queries are stopped at their deadline
        "timeout": int(query_timeout) + 30,
        "graceful_timeout": 10,
        "backlog": 2048,
        "accesslog": "-",
        # the path, not the query string: a query's text is the user's, and can be 64 KiB long
        "access_log_format": '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)ss',
        # the store and the app are loaded before the fork: freezing them keeps the garbage collector
        # from touching (and so copying) the pages the workers share
        "pre_fork": _freeze,
        "errorlog": "-",
    }
    config: dict[str, Any] = {"QUERY_TIMEOUT": query_timeout}
    if store:
        config |= {"STORE_URL": store, "DUMPS_DIR": str(dumps) if dumps else None}
    else:
        config["DATA_FILE"] = data_file
    _Gunicorn(options, config).run()
