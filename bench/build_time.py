"""Median wall time of `ccmkg build` over 5 runs, each a fresh process (`python bench/build_time.py`).

Writes the figures to docs/benchmarks/build.md and prints them.
"""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
TARGET_S = 3.0


def main() -> int:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "graph.cli", "build", "--out", f"{tmp}/build"],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
            times.append(time.perf_counter() - start)
    median = statistics.median(times)
    verdict = "meets" if median <= TARGET_S else "misses"
    report = "\n".join(
        [
            "# Build time",
            "",
            f"`python bench/build_time.py`: `ccmkg build` from the four documents to `build/` (parse, map, OWL 2 RL "
            f"closure, SHACL validation, TriG + N-Quads + Turtle), {RUNS} runs, each a new Python process.",
            "",
            "| runs (s) | median (s) | target (s) |",
            "| --- | --- | --- |",
            f"| {', '.join(f'{t:.2f}' for t in times)} | **{median:.2f}** | {TARGET_S:.1f} ({verdict}) |",
            "",
            f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
            f"{__import__('os').cpu_count()} cores.",
            "",
        ]
    )
    out = ROOT / "docs" / "benchmarks" / "build.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)
    print(report)
    return 0 if median <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
