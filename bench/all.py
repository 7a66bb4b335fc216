"""Every benchmark, in one run, into docs/benchmarks.md: `python bench/all.py` (`make bench`).

Runs bench/build_time.py, bench/lineage.py, bench/commitments.py, bench/tier.py, bench/cold_path.py,
bench/backends.py and bench/compare.py (each also writes its own file under docs/benchmarks/), then joins
their reports under the summary of docs/benchmarks-summary.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = [
    ("build_time.py", "build.md"),
    ("lineage.py", "lineage.md"),
    ("commitments.py", "commitments.md"),
    ("tier.py", "tier.md"),
    ("cold_path.py", "cold-path.md"),
    ("backends.py", "backends.md"),
    ("compare.py", "compare.md"),
]


def main() -> int:
    rerun = "--join-only" not in sys.argv  # --join-only: rebuild the page from the last reports
    # the figures in brief (written by hand, with their commands and dates), then every report
    out = [(ROOT / "docs" / "benchmarks-summary.md").read_text(), "## The reports", ""]
    for script, report in PARTS:
        if rerun:
            subprocess.run([sys.executable, str(ROOT / "bench" / script)], check=True, cwd=ROOT)
        text = (ROOT / "docs" / "benchmarks" / report).read_text()
        # two levels down, under "The reports"; the plot sits beside the part it belongs to
        out.append("\n".join(("##" + line if line.startswith("#") else line) for line in text.splitlines()))
        out.append("")
    page = "\n".join(out).replace("](compare.svg)", "](benchmarks/compare.svg)")
    (ROOT / "docs" / "benchmarks.md").write_text(page)
    print(f"wrote {ROOT / 'docs' / 'benchmarks.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
