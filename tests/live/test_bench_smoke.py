"""The benchmark harnesses still run (a short smoke version; the figures are not checked here)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.sources import PROJECT_ROOT
from server.deploy import nginx_binary

ROOT = PROJECT_ROOT


def _bench(out: Path, script: str, *args: str, timeout: int) -> Path:
    """Run bench/`script` with `args`, its report written to `out`."""
    subprocess.run(
        [sys.executable, f"bench/{script}", *args, "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    return out


WRK = shutil.which("wrk") is not None
NGINX = nginx_binary() is not None
# name: (script, arguments, whether this machine can run it)
SMOKES = {
    "build": ("build_time.py", ("--smoke",), True),
    "compare": ("compare.py", ("--smoke",), WRK),
    "tier": ("tier.py", ("--smoke", "--scales", "2"), WRK and NGINX),
    "backends": ("backends.py", ("--smoke",), WRK and NGINX),
    "cold_path": ("cold_path.py", ("--duration", "1", "--calls", "200"), WRK and NGINX),
}


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> dict[str, Path]:
    """Every benchmark's smoke run, side by side: they wait on wrk's seconds and their servers' start far
    more than they compute, so together they take about as long as the longest alone. The build they
    share (build/ccm.nq) is made first, once, so that no two of them make it at the same time."""
    if not (ROOT / "build" / "ccm.nq").is_file():
        subprocess.run([sys.executable, "-m", "server.cli", "build"], cwd=ROOT, check=True, capture_output=True)
    folder = tmp_path_factory.mktemp("bench")
    running = {}
    for name, (script, args, runnable) in SMOKES.items():
        if runnable:
            out = folder / f"{name}.md"
            command = [sys.executable, f"bench/{script}", *args, "--out", str(out)]
            process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            running[name] = (process, out)
    reports = {}
    for name, (process, out) in running.items():
        _, err = process.communicate(timeout=900)
        assert process.returncode == 0, f"bench {name}: {err[-3000:]}"
        reports[name] = out
    return reports


@pytest.mark.slow
def test_build_benchmark_smoke(smoke):
    report = smoke["build"].read_text()
    assert "| 1x |" in report and "| 2x |" in report and "median CPU (s)" in report
    assert "of CPU; the median" in report
    # the CPU of each stage, as `ccmkg build` printed it, at both scales
    assert "| scale | parse | map | derive | reason | validate | describe | convert | write |" in report
    assert len(re.findall(r"^\| [12]x( \| [\d.]+){8} \|$", report, re.M)) == 2, report


@pytest.mark.slow
@pytest.mark.skipif(not WRK, reason="wrk (Debian package) is not installed; .ci/run installs it")
def test_comparison_benchmark_smoke(smoke):
    report = smoke["compare"].read_text()
    assert "ccm-kg p50" in report and "oxigraph p50" in report and "rdflib-endpoint p50" in report
    assert smoke["compare"].with_name("compare.svg").read_text().startswith("<svg")


def _drives_the_tier(test):
    """A benchmark that starts the serving tier (nginx in front) and loads it with wrk."""
    for mark in (
        pytest.mark.slow,
        pytest.mark.skipif(not WRK, reason="wrk (Debian package) is not installed"),
        pytest.mark.skipif(not NGINX, reason="nginx not installed (.ci/run installs nginx-light)"),
    ):
        test = mark(test)
    return test


@_drives_the_tier
def test_serving_tier_benchmark_smoke(smoke):
    report = smoke["tier"].read_text()
    assert "tier cold" in report and "Under attack" in report and "PSS of the whole tier" in report
    # the workshop, on the tier and both of Oxigraph's servers, every answer a 200
    workshop = re.findall(
        r"^\| (tier|Oxigraph, in memory|Oxigraph, on disk) \| (\d+) \| [\d.]+ \| [\d.]+ \| (\d+) \|$", report, re.M
    )
    assert {w[0] for w in workshop} == {"tier", "Oxigraph, in memory", "Oxigraph, on disk"}, workshop
    assert all(int(rate) > 0 and errors == "0" for _, rate, errors in workshop), workshop
    # the growth table: the real corpus, and one built twice its size
    rows = dict(re.findall(r"^\| (\d+)x \| (\d+) \| [\d.]+ \| [\d.]+x \|", report, re.M))
    assert set(rows) == {"1", "2"} and int(rows["2"]) > int(rows["1"]), rows
    # what each process holds privately, by role: every role of the tier found by its socket
    roles = dict(re.findall(r"^\| ([a-zA-Z ,]+) \| (\d+) \| [\d.–]+ \|$", report, re.M))
    expected = {"deploy process": "1", "page instance, master": "2", "page instance, worker": "2"}
    executors = str(max(2, os.cpu_count() or 2) + 1)  # the deploy command's defaults: one per core and the fast slot's
    expected |= {"SPARQL pool, master": "1", "SPARQL pool, worker": "2", "SPARQL executor": executors}
    assert roles.items() >= expected.items(), roles


@_drives_the_tier
def test_cold_path_benchmark_smoke(smoke):
    report = smoke["cold_path"].read_text()
    # every layer measured, each beside Oxigraph's in-memory server
    layers = re.findall(r"^\| (.+?) \| ([\d.]+) \| ([\d.]+)x \|$", report, re.M)
    assert len(layers) == 6 and all(float(ms) > 0 for _, ms, _ in layers), report
    assert layers[-1][2] == "1.00" and "ccmkg deploy" in layers[4][0]


@_drives_the_tier
def test_backends_benchmark_smoke(smoke):
    report = smoke["backends"].read_text()
    assert "| Oxigraph server | **" in report and "tier, cold" in report and "one instance" in report
    if shutil.which("virtuoso-t"):
        assert "| Virtuoso 7 | **" in report


@pytest.mark.slow  # parses the whole dataset
def test_lineage_benchmark_reports_precision_and_recall(tmp_path, dataset_file):
    out = _bench(tmp_path / "lineage.md", "lineage.py", "--data", str(dataset_file), timeout=300)
    assert "**precision**" in out.read_text()


@pytest.mark.slow  # loads the dataset twice
def test_store_copy_benchmark_reports_both_placements(dataset_file):
    done = subprocess.run(
        [sys.executable, "bench/store_copy.py", "--data", str(dataset_file), "--rounds", "1"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "store loaded in the main heap",
        "store loaded in a thread's arena",
    ], done.stdout
