"""`ccmkg serve`: the app under gunicorn (threaded workers) on 127.0.0.1:5000 by default."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any], app_config: dict[str, Any]) -> None:
        self.options = options
        self.app_config = app_config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):  # noqa: ANN201 - a WSGI application
        from . import create_app

        return create_app(self.app_config)


def serve(
    data_file: str, host: str, port: int, workers: int, threads: int, query_timeout: float, query_processes: int
) -> None:
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        # gunicorn's own watchdog only for a wedged worker; queries are stopped by their deadline
        "timeout": int(query_timeout) + 30,
        "graceful_timeout": 10,
        "accesslog": "-",
        "errorlog": "-",
    }
    _Gunicorn(
        options, {"DATA_FILE": data_file, "QUERY_TIMEOUT": query_timeout, "QUERY_PROCESSES": query_processes}
    ).run()
