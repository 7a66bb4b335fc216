"""Writing a benchmark report: the machine it ran on, the file, the console."""

from __future__ import annotations

import argparse
import os
import platform
from pathlib import Path

from rdflib import Dataset

ROOT = Path(__file__).resolve().parents[1]


def machine() -> str:
    return f"Machine: {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}."


def write(out: str | Path, lines: list[str]) -> None:
    report = "\n".join([*lines, "", machine(), ""])
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report)
    print(report)


def built_dataset(description: str, report: str) -> tuple[Dataset, Path]:
    """For a benchmark that scores a build against a reading by hand: the built dataset (`--data`, by
    default build/ccm.trig) and where its report goes (`--out`, by default docs/benchmarks/<report>)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=ROOT / "build" / "ccm.trig")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks" / report)
    args = parser.parse_args()
    data = Dataset(default_union=True)
    data.parse(args.data)
    return data, args.out
