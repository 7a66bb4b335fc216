"""The JSON-LD context of the dataset, generated from the ontology: every ccm: term by its local
name (`label`, `text`, `inPlan`), object properties as IRIs, English as the default language, so
that a JSON developer can write `doc["label"]`."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from ..vocab import CCM
from ..vocab.external import QUERY_PREFIXES


def context(ontology: Graph) -> dict[str, object]:
    """The `@context` object: prefixes, keyword aliases, then one term per ontology term."""
    ns = str(CCM._NS)
    out: dict[str, object] = {"@version": 1.1, "@language": "en", "id": "@id", "type": "@type"}
    out |= dict(sorted(QUERY_PREFIXES.items()))
    out |= {"label": "rdfs:label", "comment": "rdfs:comment"}
    terms: dict[str, object] = {}
    for term, kind in ontology.subject_objects(RDF.type):
        if not isinstance(term, URIRef) or not str(term).startswith(ns):
            continue
        name = str(term)[len(ns) :]
        if kind == OWL.ObjectProperty:
            terms[name] = {"@id": f"ccm:{name}", "@type": "@id"}
        elif kind == OWL.DatatypeProperty:
            ranges = {str(r) for r in ontology.objects(term, RDFS.range)}
            datatype = next((r for r in ranges if r.startswith(str(QUERY_PREFIXES["xsd"]))), None)
            if datatype and not datatype.endswith(("#string", "#langString")):
                terms[name] = {"@id": f"ccm:{name}", "@type": "xsd:" + datatype.rsplit("#", 1)[1]}
            else:
                terms[name] = f"ccm:{name}"
        elif kind == OWL.Class:
            terms[name] = f"ccm:{name}"
    return out | dict(sorted(terms.items()))
