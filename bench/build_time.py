"""How long `ccmkg build` takes and how much memory it needs, on the real corpus and on
synthetic ones 10 and 100 times its size (bench/synthetic.py).

    python bench/build_time.py [--scales 1,10,100] [--runs 5] [--smoke]

Each run is a new Python process; the report goes to docs/benchmarks/build.md.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_S = 3.0  # CPU seconds at 1x
TARGET_100X_S = 60.0  # at 100x
_RUN = (
    "import resource, sys; from server.cli import main; code = main(sys.argv[1:]); "
    "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(code)"
)


class Run(NamedTuple):
    """One build: seconds of wall time and of CPU (user + system), peak RSS in MB, the counts the build
    printed, and the CPU seconds of each of its stages."""

    wall: float
    cpu: float
    rss: float
    counts: dict[str, int]
    stages: dict[str, float]


class Row(NamedTuple):
    """The runs at one scale."""

    scale: int
    runs: list[Run]

    def median(self, figure: str) -> float:
        return statistics.median(getattr(r, figure) for r in self.runs)

    def stage(self, name: str) -> float:
        return statistics.median(r.stages[name] for r in self.runs)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(documents: Path, out: Path) -> Run:
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _RUN, "build", "--documents", str(documents), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    rss = next(int(line.split()[1]) for line in result.stdout.splitlines() if line.startswith("MAXRSS")) / 1024
    counts = {
        k: int(v)
        for k, v in (
            line.split() for line in result.stdout.splitlines() if len(line.split()) == 2 and line.startswith("  ")
        )
    }
    triples = sum(int(line.split()[0]) for line in result.stdout.splitlines() if " triples in " in line)
    counts["triples"] = triples
    return Run(elapsed, cpu, rss, counts, _stages(result.stdout))


def _stages(printed: str) -> dict[str, float]:
    """The CPU seconds per stage `ccmkg build` printed ("CPU seconds per stage: parse 0.56, map 1.16, ...")."""
    line = next(line for line in printed.splitlines() if line.startswith("CPU seconds per stage: "))
    return {name: float(cpu) for name, cpu in (part.rsplit(" ", 1) for part in line.split(": ", 1)[1].split(", "))}


def main() -> int:
    from bench import report, synthetic

    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--runs", type=int, default=5, help="runs at scale 1 (larger scales run once)")
    parser.add_argument("--smoke", action="store_true", help="scales 1 and 2, one run each")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks" / "build.md"))
    args = parser.parse_args()
    scales = [1, 2] if args.smoke else [int(s) for s in args.scales.split(",")]
    runs = 1 if args.smoke else args.runs
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            docs = ROOT / "documents" if scale == 1 else synthetic.write(Path(tmp) / f"documents-{scale}", scale)
            rows.append(
                Row(scale, [run_once(docs, Path(tmp) / f"build-{scale}") for _ in range(runs if scale == 1 else 1)])
            )
    base = rows[0]
    lines = [
        "# Build time and memory",
        "",
        f"`python bench/build_time.py{' --smoke' if args.smoke else ''}`: `ccmkg build` from documents to `build/` "
        "(parse, merge, map, OWL 2 RL closure, SHACL validation, search index, TriG + N-Quads + Turtle + gzip), "
        f"each run a new Python process; {runs} run(s) at scale 1, one at each larger scale. Scale N: every action "
        "of both plans printed N times, renumbered (bench/synthetic.py).",
        "",
        "| scale | actions | triples | runs, wall (s) | median wall (s) | median CPU (s) | CPU s per 1,000 triples "
        "| peak RSS (MB) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        cpu, counts = row.median("cpu"), row.runs[0].counts
        lines.append(
            f"| {row.scale}x | {counts.get('Action', 0)} | {counts['triples']} "
            f"| {', '.join(f'{r.wall:.2f}' for r in row.runs)} | {row.median('wall'):.2f} | **{cpu:.2f}** "
            f"| {cpu / counts['triples'] * 1000:.3f} | {max(r.rss for r in row.runs):.0f} |"
        )
    cpu1 = base.median("cpu")
    verdict = "meets" if cpu1 <= TARGET_S else "misses"
    lines += ["", f"Target at scale 1: at most {TARGET_S:.0f} s of CPU; the median {cpu1:.2f} s {verdict} it."]
    for row in rows:
        if row.scale == 100:
            cpu100 = row.median("cpu")
            verdict = "meets" if cpu100 <= TARGET_100X_S else "misses"
            lines.append(f"Target at scale 100: at most {TARGET_100X_S:.0f} s; {cpu100:.1f} s of CPU {verdict} it.")
    if len(rows) > 1:
        last = rows[-1]
        growth = last.median("cpu") / cpu1
        size = last.runs[0].counts["triples"] / base.runs[0].counts["triples"]
        linear = 0.7 <= growth / size <= 1.3
        lines.append(
            f"From 1x to {last.scale}x the triples grow {size:.1f}-fold and the CPU time {growth:.1f}-fold: "
            f"{'linear' if linear else 'not linear'} in the size of the graph."
        )
    names = list(base.runs[0].stages)
    lines += [
        "",
        "Where the CPU goes, in seconds per stage as the build prints them (median at 1x); the process's "
        "imports and start-up are the rest of its CPU time:",
        "",
        "| scale | " + " | ".join(names) + " |",
        "| --- |" + " --- |" * len(names),
        *(f"| {row.scale}x | " + " | ".join(f"{row.stage(n):.2f}" for n in names) + " |" for row in rows),
    ]
    report.write(args.out, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
