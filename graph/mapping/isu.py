"""The Implementation Support Unit: contact details and its mandate, task by task."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, SDO

from ..vocab import CCM
from .base import Mapper


def map_isu(m: Mapper) -> None:
    isu = m.corpus.isu
    s = m.entity(m.iris.org("isu"), CCM.ImplementationSupportUnit, isu.name, isu.span, isu.mandate_span)
    m.add(s, CCM.acronym, Literal("ISU"))
    m.add(s, SDO.address, Literal(isu.address) if isu.address else None)
    if isu.address_span:
        m.source(s, isu.address_span)
    m.add(s, SDO.telephone, Literal(isu.telephone) if isu.telephone else None)
    m.add(s, SDO.email, Literal(isu.email) if isu.email else None)
    m.add(s, FOAF.homepage, URIRef(isu.homepage) if isu.homepage else None)
    mandate = m.entity(m.iris.mandate(s), CCM.Document, "Mandate of the Implementation Support Unit", isu.mandate_span)
    for item in isu.mandate:
        label = f"Mandate of the Implementation Support Unit, task {item.index}"
        it = m.entity(m.iris.mandate_item(mandate, item.index), CCM.MandateItem, label, item.span)
        m.part(it, mandate, mandate)
        m.add(s, CCM.mandate, it)
        m.add(it, CCM.number, Literal(str(item.index)))
        m.add(it, CCM.order, Literal(item.index))
        m.add(it, CCM.text, Literal(item.text, lang="en"))
