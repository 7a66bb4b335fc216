"""Every extracted resource points at the exact text it came from, and the build is described."""

from __future__ import annotations

import hashlib

from rdflib import RDF, Literal
from rdflib.namespace import PROV

from graph.sources import DOCUMENTS_DIR, SOURCE_FILES
from graph.vocab import CCM, OA
from graph.vocab.iris import term_name

# Concepts the build names itself (kinds of event, roles, statuses) and readings of a text
# (deadlines, figures) point at text through what they belong to or are themselves sourced.
_UNSOURCED = {CCM.AnchorEvent, CCM.Role, CCM.ParticipationStatus}


def test_every_selector_quotes_the_file_at_its_offsets(built):
    prov = built.graphs["provenance"]
    texts = {key: (DOCUMENTS_DIR / name).read_text(encoding="utf-8") for key, name in SOURCE_FILES.items()}
    spans = set(prov.subjects(RDF.type, OA.SpecificResource))
    assert len(spans) > 500
    for span in spans:
        text = texts[str(prov.value(span, OA.hasSource)).rsplit("/", 1)[1]]
        selectors = {prov.value(sel, RDF.type): sel for sel in prov.objects(span, OA.hasSelector)}
        # and, for a cell of a CSV table (004, 005), an RFC 7111 fragment selector
        csv = str(prov.value(span, OA.hasSource)).endswith(("/004", "/005"))
        extra = {OA.FragmentSelector} if csv else set()
        assert set(selectors) == {OA.TextQuoteSelector, OA.TextPositionSelector} | extra, span
        quote, position = selectors[OA.TextQuoteSelector], selectors[OA.TextPositionSelector]
        start, end = int(prov.value(position, OA.start)), int(prov.value(position, OA.end))
        assert text[start:end] == str(prov.value(quote, OA.exact)), span
        prefix, suffix = str(prov.value(quote, OA.prefix)), str(prov.value(quote, OA.suffix))
        assert text[start - len(prefix) : start] == prefix and text[end : end + len(suffix)] == suffix, span


def test_every_extracted_resource_has_a_source(built, kg):
    prov = built.graphs["provenance"]
    sourced = set(prov.subjects(CCM.extractedFrom, None))
    missing = []
    for s, cls in built.graphs["asserted"].subject_objects(RDF.type):
        if term_name(cls) and cls not in _UNSOURCED and s not in sourced:
            missing.append((s, cls))
    assert missing == []


def test_source_files_carry_their_hashes(built, iris):
    prov = built.graphs["provenance"]
    for key, name in SOURCE_FILES.items():
        digest = hashlib.sha256((DOCUMENTS_DIR / name).read_bytes()).hexdigest()
        assert prov.value(iris.source_file(key), CCM.sha256) == Literal(digest)
        assert (iris.build(), PROV.used, iris.source_file(key)) in prov


def test_the_build_is_described_with_prov(built, iris):
    prov = built.graphs["provenance"]
    build = iris.build()
    assert (build, RDF.type, PROV.Activity) in prov
    agent = prov.value(build, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in prov
    assert prov.value(build, PROV.startedAtTime) <= prov.value(build, PROV.endedAtTime)
    for name in ("asserted", "inferred", "provenance"):
        assert (iris.graph(name), PROV.wasGeneratedBy, build) in prov


def test_graphs_are_separate(built):
    asserted, inferred = built.graphs["asserted"], built.graphs["inferred"]
    assert len(asserted & inferred) == 0
    assert not set(asserted.predicates()) & {CCM.extractedFrom, OA.hasSelector}
