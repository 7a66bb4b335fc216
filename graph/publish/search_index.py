"""The full-text search index built with the graph: SQLite FTS5 over labels and texts.

One row per resource that has a label: its IRI, its most specific ccm: class, its label, and
the texts it carries (ccm:text, skos:definition, ccm:title, skos:altLabel), and the words people
use for it besides: what it is (its class: "duty", "indicator"), a state's names in ISO 3166, an
action's or an indicator's theme, the article it comes under ("stockpile destruction" for the duty
of 3(2)) and, if it has a time limit, "deadline". Words are stemmed (FTS5's Porter tokenizer:
"stockpiles" finds "stockpile"). Ranked with BM25, labels weighing more than texts.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

import pycountry
from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from ..vocab import CCM
from ..vocab.iris import term_name

_TEXTS = (CCM.text, SKOS.definition, CCM.title, SKOS.altLabel, CCM.description)
# a label weighs ten times a text, an IRI's words twice
WEIGHTS = (0.0, 0.0, 10.0, 1.0, 2.0)


def rows(asserted: Graph, ontology: Graph) -> list[tuple[str, str, str, str, str]]:
    """(iri, class, label, text, iri words) for every labelled resource of the asserted graph."""
    depth: dict[URIRef, int] = defaultdict(int)
    for cls in ontology.subjects(RDF.type, None):
        depth[cls] = len(list(ontology.transitive_objects(cls, RDFS.subClassOf)))
    out = []
    for s, label in asserted.subject_objects(RDFS.label):
        if not isinstance(s, URIRef):
            continue
        classes = [c for c in asserted.objects(s, RDF.type) if term_name(c)]
        cls = max(classes, key=lambda c: depth[c], default=None)
        texts = " ".join(str(t) for p in _TEXTS for t in asserted.objects(s, p))
        action = asserted.value(s, CCM.commitmentOf)
        if action is not None and texts == str(asserted.value(action, CCM.text)):
            continue  # an action's only commitment: the action is the hit
        words = str(s).rsplit("/id/", 1)[-1].replace("/", " ").replace("-", " ")
        # what people call it besides: a state's other names ("Laos"), an action's theme ("victim assistance")
        for code in asserted.objects(s, CCM.iso3166):
            if country := pycountry.countries.get(alpha_3=str(code)):
                words += " " + " ".join(getattr(country, a, "") or "" for a in ("name", "common_name", "official_name"))
        if cls is not None:
            words += " " + " ".join(str(x) for x in ontology.objects(cls, RDFS.label))
        for owner in (s, *asserted.objects(s, CCM.indicatorOf)):
            for theme in asserted.objects(owner, CCM.theme):
                words += " " + " ".join(str(x) for x in asserted.objects(theme, RDFS.label))
        for part in asserted.objects(s, CCM.statedIn):
            for whole in asserted.transitive_objects(part, CCM.partOf):
                words += " " + " ".join(str(t) for t in asserted.objects(whole, CCM.title))
        if (s, CCM.hasDeadline, None) in asserted:
            words += " deadline"
        out.append((str(s), term_name(cls) if cls else "", str(label), texts, words))
    return out


def write(path: Path, entries: list[tuple[str, str, str, str, str]]) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute(
            "CREATE VIRTUAL TABLE entity USING fts5(iri UNINDEXED, class UNINDEXED, label, text, words,"
            " tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')"
        )
        # the index's own (stemmed) terms, for correcting a word that matches nothing ("stokpile")
        db.execute("CREATE VIRTUAL TABLE vocabulary USING fts5vocab(entity, 'row')")
        db.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?)", entries)
        db.execute("INSERT INTO entity(entity) VALUES ('optimize')")
        db.commit()
    finally:
        db.close()
