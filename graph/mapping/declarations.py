"""The Vientiane and Lausanne Declarations: paragraphs, items and the figures they state."""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import SKOS, XSD, Literal
from rdflib.namespace import SDO

from ..vocab import CCM
from .base import Mapper, date


def map_declarations(m: Mapper) -> None:
    for decl in (m.corpus.vientiane, m.corpus.lausanne):
        doc = m.iris.declaration(decl.key)
        label = f"{decl.key.capitalize()} Declaration"
        m.entity(doc, CCM.Declaration, label, decl.span)
        m.add(doc, CCM.title, Literal(decl.title, lang="en"))
        m.add(doc, CCM.adopted, date(decl.adopted) if decl.adopted else None)
        for p in decl.paragraphs:
            s = m.iris.declaration_paragraph(decl.key, p.number)
            m.entity(s, CCM.DeclarationParagraph, f"{label}, paragraph {p.number}", p.span)
            m.part(s, doc, doc, p.number)
            m.add(s, CCM.number, Literal(str(p.number)))
            m.add(s, CCM.text, Literal(p.text, lang="en"))
            m.add(s, SKOS.note, Literal(p.heading, lang="en") if p.heading else None)
            m.items(s, doc, p.items, f"{label}, paragraph {p.number} ({{}})")
            for name, span in p.places:
                m.add(s, CCM.namesPlace, m.state(name, span))
            for name, span in p.conflicts:
                conflict = m.entity(m.iris.conflict(name), CCM.ArmedConflict, f"{name} conflict", span)
                m.add(s, CCM.namesConflict, conflict)
            for n, f in enumerate(p.figures, 1):
                fig = m.entity(m.iris.figure(s, n), CCM.Figure, f.text, f.span)
                m.add(s, CCM.statesFigure, fig)
                m.add(fig, SDO.value, Literal(f.value, datatype=XSD.decimal if isinstance(f.value, Decimal) else None))
                m.add(fig, SDO.unitText, Literal(f.unit))
                m.add(fig, CCM.text, Literal(f.text, lang="en"))
                m.add(fig, CCM.qualifier, Literal(f.qualifier) if f.qualifier else None)
                m.add(fig, CCM.provisional, Literal(True) if f.provisional else None)
        # the meeting a declaration says it was adopted at: "gathered ... for the First Meeting"
        first = decl.paragraphs[0].text
        for key, meeting in m.corpus.meetings.items():
            named = re.search(rf"for (?:the|its) {re.escape(meeting.label)}", first, re.I)
            if meeting.number and meeting.kind in ("msp", "rc") and named:
                m.add(doc, CCM.adoptedAt, m.iris.meeting(key))
