"""Every example query of queries/ gives, on each store, the answers rdflib's own SPARQL engine
gives on the same dataset: the reference answers are computed once, whatever the number of stores."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from graph.sources.examples import load_examples
from tests.support.http import query
from tests.support.reference import json_normal

EXAMPLES = sorted(e.name for e in load_examples())


@pytest.fixture(scope="session")
def reference(reference_answers) -> dict[str, dict]:
    return reference_answers()


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_store_and_rdflib_agree(server, reference, name):
    reply = query(server, next(e for e in load_examples() if e.name == name).query)
    assert reply.status == 200, reply.text
    data = json.loads(reply.body)
    variables = data["head"]["vars"]
    expected = reference[name]
    assert sorted(variables) == sorted(expected["vars"])
    served = Counter(tuple(tuple(json_normal(b.get(v))) for v in variables) for b in data["results"]["bindings"])
    position = {v: i for i, v in enumerate(expected["vars"])}
    wanted = Counter(tuple(tuple(row[position[v]]) for v in variables) for row in expected["rows"])
    assert served == wanted
    assert sum(served.values()) > 0
