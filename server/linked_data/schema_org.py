"""schema.org's Legislation vocabulary for search engines, embedded in the pages of the Convention,
its articles and paragraphs, and the action plans: what a crawler reads without knowing our ontology."""

from __future__ import annotations

from graph.vocab import CCM

from .describe import Entity

_LEGISLATION = {str(CCM.Treaty), str(CCM.ActionPlan)}
_PART = {str(CCM.Article), str(CCM.Paragraph), str(CCM.SubParagraph), str(CCM.Clause)}


def legislation(entity: Entity, url: str) -> dict[str, object] | None:
    """A schema.org Legislation (the Convention, a plan) or LegislationObject (an article or paragraph)
    for the page, or None for anything else."""
    types = set(entity.types)
    if types & _LEGISLATION:
        kind = "Legislation"
    elif types & _PART:
        kind = "LegislationObject"
    else:
        return None
    out: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": entity.iri,
        "url": url,
        "name": entity.label,
        "inLanguage": "en",
    }
    if text := entity.first(str(CCM.text)):
        out["text"] = text.value
    for prop, key in ((CCM.adopted, "legislationDate"), (CCM.entryIntoForce, "legislationDateOfApplicability")):
        if value := entity.first(str(prop)):
            out[key] = value.value
    if kind == "LegislationObject" and (parent := entity.first(str(CCM.partOf))):
        out["isPartOf"] = {"@id": parent.value}
    if kind == "Legislation" and str(CCM.Treaty) in types:
        out["legislationType"] = "treaty"
    return out
