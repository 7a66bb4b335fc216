"""Instruments outside the Convention (other treaties, resolutions, standards, goals, earlier plans)
as resources, linked from every text the mapping wrote that invokes one: a step over the asserted
graph's texts, so that a preamble recital, a norm, an action or a declaration paragraph all count."""

from __future__ import annotations

from rdflib import SKOS, Literal

from ..parse.instruments import invoked
from ..parse.norms import locate
from ..sources import Span
from ..vocab import CCM
from .base import Mapper


def map_instruments(m: Mapper) -> None:
    texts = list(m.graph.subject_objects(CCM.text)) + list(m.graph.subject_objects(CCM.footnote))
    for s, text in sorted(texts):
        found = invoked(str(text))
        if not found:
            continue
        spans = [m.iris.span_range(str(t)) for t in m.provenance.graph.objects(s, CCM.extractedFrom)]
        for instrument, start, end in found:
            i = m.iris.instrument(instrument.key)
            kind = m.keyword("instrument-kinds", instrument.kind)
            m.entity(i, CCM.ExternalInstrument, instrument.label)
            m.add(i, CCM.instrumentKind, kind)
            m.graph.add((s, CCM.invokes, i))
            words = str(text)[start:end]
            for key, a, b in (x for x in spans if x):  # the mention's own words, in the source
                src = m.corpus.sources[key]
                where = locate(src, Span(key, a, b), words)
                if where != Span(key, a, b) or words in src.quote(where):
                    m.source(i, where)
                    break
            if (i, SKOS.altLabel, Literal(words, lang="en")) not in m.graph and words != instrument.label:
                m.graph.add((i, SKOS.altLabel, Literal(words, lang="en")))
