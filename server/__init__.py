"""The server: the Flask application (`server.app`), serving it (`serve`, `deploy`) and the `ccmkg`
command (`cli`). `create_app` is loaded on first use: `ccmkg build` reaches this package through the
command and must not pay for Flask (a third of a second of every build)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
