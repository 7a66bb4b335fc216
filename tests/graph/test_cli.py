"""`ccmkg build` as a user runs it: output files, counts, errors with file and line, atomicity."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from graph.sources import DOCUMENTS_DIR, SOURCE_FILES
from tests.support.processes import ccmkg

pytestmark = pytest.mark.slow  # every test here runs whole builds in new processes


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One whole build in a new process, as a user runs it: where it wrote, and what it printed."""
    out = tmp_path_factory.mktemp("kg") / "build"
    result = ccmkg("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="module")
def out(first_build) -> Path:
    return first_build[0]


def test_build_writes_the_dataset(out):
    assert {p.name for p in out.iterdir()} == {
        "ccm.trig",
        "ccm.nq",
        "asserted.ttl",
        "manifest.json",
        "search.sqlite",
        "SHA256SUMS",
        "ccm.trig.gz",
        "ccm.nq.gz",
        "asserted.ttl.gz",
        "ontology.ttl",
        "context.jsonld",
        "kg.ttl",
        "kg.ttl.gz",
    }
    trig = Dataset().parse(out / "ccm.trig", format="trig")
    nq = Dataset().parse(out / "ccm.nq", format="nquads")
    assert len(trig) == len(nq) > 20000
    names = {str(g.identifier).rsplit("/", 1)[1] for g in nq.graphs() if len(g)}
    assert names == {"ontology", "asserted", "inferred", "derived", "provenance", "examples"}
    asserted = Graph().parse(out / "asserted.ttl")
    assert len(asserted) == len(
        nq.graph(next(g.identifier for g in nq.graphs() if str(g.identifier).endswith("/asserted")))
    )


def test_build_prints_counts_per_class(first_build):
    _, result = first_build
    lines = dict(line.split() for line in result.stdout.splitlines() if len(line.split()) == 2)
    assert lines["Article"] == "23" and lines["DefinedTerm"] == "15" and lines["Indicator"] == "77"


def test_base_is_configurable(tmp_path):
    result = ccmkg("build", "--base", "http://example.org/kg/", "--out", str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "b" / "asserted.ttl").read_text()
    assert "http://example.org/kg/id/lap/action/18" in text and "w3id.org/ccm/id/" not in text


def _copy_documents(tmp_path: Path) -> Path:
    docs = tmp_path / "documents"
    shutil.copytree(DOCUMENTS_DIR, docs)
    return docs


def test_malformed_document_fails_with_file_and_line_and_keeps_previous_output(tmp_path, out):
    previous = shutil.copytree(out, tmp_path / "previous")
    docs = _copy_documents(tmp_path)
    plan = docs / SOURCE_FILES["003"]
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("\nArticle 17\n", "\nArticle 71\n"), encoding="utf-8")
    target = tmp_path / "previous"
    result = ccmkg("build", "--documents", str(docs), "--out", str(target))
    assert result.returncode != 0
    line = text[: text.index("\nArticle 17\n") + 1].count("\n") + 1
    assert f"{plan}:{line}: Article 71 where Article 17 was expected" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in target.iterdir()) == sorted(p.name for p in previous.iterdir())
    assert (target / "ccm.nq").read_bytes() == (out / "ccm.nq").read_bytes()


def test_missing_action_is_reported_at_its_place(tmp_path):
    docs = _copy_documents(tmp_path)
    vap = docs / SOURCE_FILES["001"]
    text = vap.read_text(encoding="utf-8")
    vap.write_text(text.replace("Action #33 Endeavour", "Endeavour"), encoding="utf-8")
    result = ccmkg("build", "--documents", str(docs), "--out", str(tmp_path / "b"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert str(vap) in result.stderr and "out of sequence" in result.stderr
    assert not (tmp_path / "b").exists()


def test_missing_document_fails_with_its_path(tmp_path):
    docs = _copy_documents(tmp_path)
    (docs / SOURCE_FILES["002"]).unlink()
    result = ccmkg("build", "--documents", str(docs), "--out", str(tmp_path / "b"))
    assert result.returncode != 0
    assert str(docs / SOURCE_FILES["002"]) in result.stderr and "missing" in result.stderr


def test_unknown_state_is_reported_at_its_line(tmp_path):
    docs = _copy_documents(tmp_path)
    report = docs / SOURCE_FILES["002"]
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace(
            "participated in the work of the Meeting: Albania,", "participated in the work of the Meeting: Atlantis,"
        ),
        encoding="utf-8",
    )
    result = ccmkg("build", "--documents", str(docs), "--out", str(tmp_path / "b"))
    # 002 paragraph 7, the list of States Parties
    line = text[: text.index("7. The following States Parties")].count("\n") + 1
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{report}:{line}: no ISO 3166 code for the state named 'Atlantis'" in result.stderr


def test_a_broken_registry_of_sources_is_reported(tmp_path):
    docs = tmp_path / "documents"
    shutil.copytree(DOCUMENTS_DIR, docs)
    registry = docs / "sources.toml"
    registry.write_text(registry.read_text().replace('kind = "vap-pdf"', 'kind = "poem"'))
    result = ccmkg("build", "--documents", str(docs), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "sources.toml" in result.stderr and "kind" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_empty_document_is_an_error_at_its_place(tmp_path):
    # an empty 001 used to build with exit 0, short of the 1,274 provenance triples it gives
    docs = _copy_documents(tmp_path)
    (docs / SOURCE_FILES["001"]).write_text("")
    result = ccmkg("build", "--documents", str(docs), "--out", str(tmp_path / "b"))
    assert result.returncode != 0
    assert f"{docs / SOURCE_FILES['001']}:1: source document is empty" in result.stderr


def test_a_build_killed_at_any_moment_leaves_a_whole_build_and_the_next_cleans_up(tmp_path):
    import signal
    import time

    out = tmp_path / "build"
    started = time.monotonic()
    assert ccmkg("build", "--out", str(out)).returncode == 0
    took = time.monotonic() - started
    for fraction in (0.3, 0.6, 0.8, 0.9, 0.95, 0.98):
        process = subprocess.Popen([sys.executable, "-m", "server.cli", "build", "--out", str(out)])
        time.sleep(took * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert (out / "manifest.json").is_file()  # the previous build, or the new one: never none
        assert (out / "ccm.nq").stat().st_size > 0
    assert ccmkg("build", "--out", str(out)).returncode == 0
    leftovers = {p.name for p in tmp_path.iterdir()} - {"build", out.resolve().name}
    assert leftovers == set(), leftovers  # the killed builds' folders are gone
