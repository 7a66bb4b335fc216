"""rdflib's own answers to the example queries, the reference every store is held to: computed once,
in a process of its own at the lowest priority, so the two minutes rdflib takes overlap the tests that
wait on sockets instead of adding to them. `python -m tests.support.reference DATA OUT` writes them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rdflib import BNode, Dataset, Literal
from rdflib.namespace import XSD
from rdflib.term import Node


def normal(term: Node | None) -> list[str | None]:
    """A term as a comparable row cell; a SPARQL JSON binding reads the same through `json_normal`."""
    if term is None:
        return []
    if isinstance(term, Literal):
        # SPARQL JSON has no datatype for xsd:string; rdflib keeps it: compare lexical form, language, type
        datatype = None if term.datatype == XSD.string else term.datatype
        return ["literal", str(term), term.language, str(datatype) if datatype else None]
    if isinstance(term, BNode):
        return ["bnode"]
    return ["uri", str(term)]


def json_normal(value: dict | None) -> list[str | None]:
    if value is None:
        return []
    if value["type"] in ("literal", "typed-literal"):
        return ["literal", value["value"], value.get("xml:lang"), value.get("datatype")]
    if value["type"] == "bnode":
        return ["bnode"]
    return ["uri", value["value"]]


def answers(data: Path) -> dict[str, dict]:
    """Each example's variables and rows, as rdflib evaluates it on the dataset."""
    from graph.sources.examples import load_examples

    ds = Dataset(default_union=True)
    ds.parse(data, format="nquads")
    out = {}
    for example in load_examples():
        result = ds.query(example.query)
        variables = [str(v) for v in result.vars]
        out[example.name] = {"vars": variables, "rows": [[normal(row[v]) for v in variables] for row in result]}
    return out


def start(data: Path, out: Path) -> subprocess.Popen:
    """Compute the answers in the background, niced: `wait(process, out)` collects them."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.reference", str(data), str(out)],
        preexec_fn=lambda: os.nice(19),
        stderr=subprocess.PIPE,
        text=True,
    )


def wait(process: subprocess.Popen, out: Path) -> dict[str, dict]:
    _, err = process.communicate(timeout=900)
    if process.returncode != 0:
        raise RuntimeError(f"the reference answers failed: {err[-2000:]}")
    return json.loads(out.read_text())


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(json.dumps(answers(Path(sys.argv[1]))))
