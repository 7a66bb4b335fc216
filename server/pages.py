"""How pages show resources: labelled links, literals, cross-references in texts, key facts first.

Registered as Jinja filters and globals; every literal goes through Jinja's escaping, and only
http(s) IRIs become links."""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Flask, current_app
from markupsafe import Markup, escape

from . import dataset as ds

CCM = "https://w3id.org/ccm/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

# Shown first, in this order, when a resource has them.
KEY_PROPERTIES = [
    CCM + p
    for p in (
        "inPlan",
        "inSection",
        "theme",
        "addressee",
        "chapeau",
        "bearer",
        "statedIn",
        "hasDeadline",
        "cites",
        "hasIndicator",
        "indicatorOf",
        "hasItem",
        "partOf",
        "definedIn",
        "participant",
        "inMeeting",
        "participationStatus",
        "underRule",
        "officeAt",
        "role",
        "topic",
        "heldBy",
        "holds",
        "president",
        "position",
        "hostCountry",
        "place",
        "year",
        "meetingNumber",
        "attended",
        "adoptedAt",
        "adopted",
        "entryIntoForce",
        "deadlineText",
        "anchorEvent",
        "atMeeting",
        "dayOfYear",
        "citesDocument",
        "mandate",
        "footnote",
        "statesFigure",
    )
] + [
    "https://schema.org/startDate",
    "https://schema.org/endDate",
    "http://www.w3.org/2006/time#hasXSDDuration",
    "http://www.w3.org/2004/02/skos/core#definition",
    "https://schema.org/value",
    "https://schema.org/unitText",
]
HIDDEN = {RDF_TYPE, RDFS_LABEL, CCM + "text", "http://www.w3.org/2004/02/skos/core#prefLabel"}


def key_facts(entity) -> tuple[list[dict], list[dict]]:  # noqa: ANN001 - entity.Entity
    """The resource's statements grouped by property: key properties in KEY_PROPERTIES order, then the rest."""
    grouped: dict[str, list] = {}
    for st in entity.statements:
        if st.predicate.value in HIDDEN:
            continue
        grouped.setdefault(st.predicate.value, []).append(st)
    facts = [{"predicate": p, "statements": grouped[p]} for p in KEY_PROPERTIES if p in grouped]
    rest = [{"predicate": p, "statements": sts} for p, sts in sorted(grouped.items()) if p not in KEY_PROPERTIES]
    return facts, rest


def href(iri: str) -> str | None:
    """Where a link to an IRI goes: our own resources to their path here, other http(s) IRIs as
    they are, anything else (urn:, file:, javascript:) nowhere."""
    data = ds.get()
    if iri.startswith(data.base + "id/"):
        return "/id/" + iri[len(data.base) + 3 :]
    if iri.startswith(data.base + "graph/"):
        return "/sparql"
    if iri.startswith(CCM):
        return "/ontology#" + iri[len(CCM) :]
    if re.match(r"^https?://", iri):
        return iri
    return None


def label(iri: str) -> str:
    """Its rdfs:label; else a prefixed name (dcterms:isPartOf) for terms of known vocabularies."""
    data = ds.get()
    found = data.label(iri)
    if found:
        return found
    for prefix, ns in current_app.config["PREFIXES"].items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    if iri.startswith(data.base):
        return iri.rstrip("/").rsplit("/", 1)[-1]
    return iri


def link(iri: str) -> Markup:
    target = href(iri)
    text = escape(label(iri))
    if target is None:
        return Markup(f"<span class=iri>{text}</span>")
    external = "" if target.startswith("/") else ' rel="nofollow noopener" class="external"'
    return Markup(f'<a href="{escape(target)}"{external}>{text}</a>')


def term(node) -> Markup:  # noqa: ANN001 - a pyoxigraph term
    if isinstance(node, ox.NamedNode):
        return link(node.value)
    if isinstance(node, ox.Literal):
        if node.language:  # prose: its references to the Convention become links
            return Markup(f'<span lang="{escape(node.language)}">{linked_text(node.value)}</span>')
        value = escape(node.value)
        dt = node.datatype.value.rsplit("#", 1)[-1]
        if dt in ("string", "langString"):
            return Markup(f"<span>{value}</span>")
        return Markup(f'<span>{value}</span> <small class="datatype">{escape(dt)}</small>')
    return Markup(f"<span class=bnode>{escape(str(node))}</span>")


_REFERENCE = re.compile(r"\b(?:[Aa]rticles?)\s+(\d{1,2})(?:\s*[.(]\s*(\d{1,2})\)?)?(?:,\s*paragraphs?\s+(\d{1,2}))?")


def linked_text(text: str) -> Markup:
    """The text with 'Article 4', 'Article 5, paragraph 2', 'Article 3.6' made links to those provisions."""
    data = ds.get()
    out, last = [], 0
    for m in _REFERENCE.finditer(text):
        article, paragraph = m.group(1), m.group(2) or m.group(3)
        if not 1 <= int(article) <= 23:
            continue
        iri = f"{data.base}id/convention/article/{article}" + (f"/paragraph/{paragraph}" if paragraph else "")
        if paragraph and iri not in data.labels:
            iri = f"{data.base}id/convention/article/{article}"
        out.append(escape(text[last : m.start()]))
        out.append(Markup(f'<a href="{escape(href(iri))}" class="ref">{escape(m.group())}</a>'))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(link=link, term=term, label=label, href=href, linked_text=linked_text)
    app.jinja_env.globals.update(CCM=CCM)
