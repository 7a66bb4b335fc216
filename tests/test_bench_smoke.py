"""The benchmark harnesses still run (a short smoke version; the figures are not checked here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_build_benchmark_smoke(tmp_path):
    out = tmp_path / "build.md"
    subprocess.run(
        [sys.executable, "bench/build_time.py", "--smoke", "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    report = out.read_text()
    assert "| 1x |" in report and "| 2x |" in report


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk (Debian package) is not installed; .ci/run installs it")
def test_comparison_benchmark_smoke(tmp_path):
    out = tmp_path / "compare.md"
    subprocess.run(
        [sys.executable, "bench/compare.py", "--smoke", "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=600,
    )
    report = out.read_text()
    assert "ccm-kg p50" in report and "oxigraph p50" in report and "rdflib-endpoint p50" in report
    assert (tmp_path / "compare.svg").read_text().startswith("<svg")
