"""The JSON-LD context of the dataset, generated from the ontology: every ccm: term by its local
name (`label`, `text`, `inPlan`), object properties as IRIs, English as the default language, so
that a JSON developer can write `doc["label"]`."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from ..vocab.external import QUERY_PREFIXES
from ..vocab.iris import last_segment, term_name


def context(ontology: Graph) -> dict[str, object]:
    """The `@context` object: prefixes, keyword aliases, then one term per ontology term."""
    out: dict[str, object] = {"@version": 1.1, "@language": "en", "id": "@id", "type": "@type"}
    out |= dict(sorted(QUERY_PREFIXES.items()))
    out |= {"label": "rdfs:label", "comment": "rdfs:comment"}
    terms: dict[str, object] = {}
    for term, kind in ontology.subject_objects(RDF.type):
        name = term_name(term) if isinstance(term, URIRef) else None
        if name is None:
            continue
        if kind == OWL.ObjectProperty:
            terms[name] = {"@id": f"ccm:{name}", "@type": "@id"}
        elif kind == OWL.DatatypeProperty:
            ranges = {str(r) for r in ontology.objects(term, RDFS.range)}
            datatype = next((r for r in ranges if r.startswith(str(QUERY_PREFIXES["xsd"]))), None)
            if datatype and not datatype.endswith(("#string", "#langString")):
                terms[name] = {"@id": f"ccm:{name}", "@type": "xsd:" + last_segment(datatype)}
            else:
                terms[name] = f"ccm:{name}"
        elif kind == OWL.Class:
            terms[name] = f"ccm:{name}"
    return out | dict(sorted(terms.items()))
