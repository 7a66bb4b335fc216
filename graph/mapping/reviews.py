"""Reviewed lineage decisions: one resource per decision, each fact sourced to its cell of the file."""

from __future__ import annotations

from rdflib import RDFS, Literal
from rdflib.namespace import DCTERMS, XSD

from ..vocab import CCM
from .base import Mapper


def map_reviews(m: Mapper) -> None:
    for r in m.corpus.reviews:
        after = m.iris.action("lap", r.lausanne)
        before = m.iris.action("vap", r.vientiane) if r.vientiane is not None else None
        s = m.iris.lineage_review(r.lausanne, r.vientiane)
        if before is None:
            said = "continues no Vientiane action"
        elif r.decision == "rejected":
            said = f"does not continue Vientiane Action Plan, Action #{r.vientiane}"
        else:
            said = f"continues Vientiane Action Plan, Action #{r.vientiane}"
        m.entity(s, CCM.LineageReview, f"Review: Lausanne Action Plan, Action {r.lausanne} {said} ({r.decision})")
        facts = [
            ("lausanne_action", CCM.reviewOf, after),
            ("vientiane_action", CCM.reviewedPredecessor, before),
            ("decision", CCM.reviewDecision, m.keyword("review-decisions", r.decision)),
            ("relation", CCM.reviewedRelation, m.iris.concept("lineage-relations", r.relation) if r.relation else None),
            ("lausanne_quote", CCM.evidenceAfter, Literal(r.lausanne_quote, lang="en") if r.lausanne_quote else None),
            (
                "vientiane_quote",
                CCM.evidenceBefore,
                Literal(r.vientiane_quote, lang="en") if r.vientiane_quote else None,
            ),
            ("reviewer", CCM.reviewer, Literal(r.reviewer)),
            ("date", DCTERMS.date, Literal(r.date.isoformat(), datatype=XSD.date)),
            ("note", RDFS.comment, Literal(r.note, lang="en") if r.note else None),
        ]
        for column, p, o in facts:
            if o is not None:
                m.add(s, p, o)
                cell = r.cells[column]
                m.provenance.cell(s, cell.span, cell.row, cell.column)
