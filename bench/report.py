"""Writing a benchmark report: the machine it ran on, the file, the console."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    return f"Machine: {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}."


def write(out: str | Path, lines: list[str]) -> None:
    report = "\n".join([*lines, "", machine(), ""])
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report)
    print(report)
