"""How pages show resources: labelled links, literals, cross-references in texts, key facts first.

Registered as Jinja filters and globals; every literal goes through Jinja's escaping, and only
http(s) IRIs become links."""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Flask
from markupsafe import Markup, escape
from rdflib import RDF, RDFS, SKOS
from rdflib.namespace import SDO

from graph.parse.citations import article_mentions
from graph.sources.text import MONTHS, clean, slug
from graph.vocab import CCM, TIME
from graph.vocab.ccm import NAMESPACE
from graph.vocab.external import QUERY_PREFIXES
from graph.vocab.iris import in_namespace, last_segment, term_name

from ..store import dataset as ds
from .describe import Entity

# Shown first, in this order, when a resource has them, each under a heading in a reader's words (the
# property's own name, "has XSD duration", is in the data view and the link's title)
KEY_FACTS = {str(CCM[p]): heading for p, heading in (
    ("inPlan", "Plan"),
    ("inSection", "Section"),
    ("theme", "Theme"),
    ("addressee", "Addressed to"),
    ("chapeau", "Under the words"),
    ("bearer", "Binds"),
    ("statedIn", "Stated in"),
    ("hasDeadline", "Time limit"),
    ("cites", "Cites"),
    ("hasIndicator", "Measured by"),
    ("indicatorOf", "Measures"),
    ("hasItem", "Items"),
    ("partOf", "Part of"),
    ("definedIn", "Defined in"),
    ("participant", "Who"),
    ("inMeeting", "At the meeting"),
    ("participationStatus", "Took part as"),
    ("underRule", "Under the rule"),
    ("officeAt", "At the meeting"),
    ("role", "Role"),
    ("topic", "On"),
    ("heldBy", "Held by"),
    ("holds", "Holds"),
    ("president", "President"),
    ("position", "Position"),
    ("hostCountry", "Host country"),
    ("place", "Where"),
    ("year", "Year"),
    ("meetingNumber", "Number"),
    ("attended", "Attended"),
    ("adoptedAt", "Adopted at"),
    ("adopted", "Adopted on"),
    ("entryIntoForce", "Entered into force on"),
    ("deadlineText", "In its words"),
    ("anchorEvent", "Counted from"),
    ("atMeeting", "By the meeting"),
    ("dayOfYear", "Day of the year"),
    ("citesDocument", "Cites the document"),
    ("mandate", "Mandate"),
    ("footnote", "Footnote"),
    ("statesFigure", "Figures it states"),
)} | {
    str(SDO.startDate): "Starts",
    str(SDO.endDate): "Ends",
    str(TIME.hasXSDDuration): "Within",
    str(SKOS.definition): "Definition",
    str(SDO.value): "Value",
    str(SDO.unitText): "Unit",
}  # fmt: skip
HIDDEN = {str(RDF.type), str(RDFS.label), str(CCM.text), str(SKOS.prefLabel)}


def key_facts(entity: Entity) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The resource's statements grouped by property: key properties in KEY_FACTS order, then the rest.

    An inferred statement that only restates one of ours under another vocabulary's super-property
    (dcterms:references beside ccm:cites, schema:text beside ccm:text) is left out: the RDF keeps it."""
    ours = {(st.object,) for st in entity.statements if is_ours(st.predicate.value)}
    grouped: dict[str, list] = {}
    for st in entity.statements:
        if st.predicate.value in HIDDEN or (st.inferred and not is_ours(st.predicate.value) and (st.object,) in ours):
            continue
        grouped.setdefault(st.predicate.value, []).append(st)
    facts = [{"predicate": p, "statements": grouped[p]} for p in KEY_FACTS if p in grouped]
    rest = [{"predicate": p, "statements": sts} for p, sts in sorted(grouped.items()) if p not in KEY_FACTS]
    return facts, rest


def is_ours(iri: str) -> bool:
    """A term of the ccm: vocabulary, or rdf:type and rdfs:label."""
    return term_name(iri) is not None or iri in HIDDEN


def restatements(incoming: dict[str, list[str]]) -> set[str]:
    """The incoming properties of another vocabulary whose links one of ours already shows."""
    mine = [set(subjects) for p, subjects in incoming.items() if is_ours(p)]
    return {p for p, subjects in incoming.items() if not is_ours(p) and any(set(subjects) <= m for m in mine)}


def href(iri: str) -> str | None:
    """Where a link to an IRI goes: our own resources to their path here, other http(s) IRIs as
    they are, anything else (urn:, file:, javascript:) nowhere."""
    data = ds.get()
    local = data.iris.local_path(iri)
    if local is not None and local.startswith(("id/", "graph/")):
        return "/" + local
    if name := term_name(iri):
        return "/ontology#" + name
    if re.match(r"^https?://", iri):
        return iri
    return None


def label(iri: str) -> str:
    """Its rdfs:label; else, for a term of a known vocabulary, its name in words (dcterms:isPartOf:
    'is part of'; the prefixed name is the link's title)."""
    data = ds.get()
    found = data.label(iri)
    if found:
        return found
    if name := prefixed(iri):
        return _words(name.split(":", 1)[1])
    if iri.startswith(_VOCABULARIES) and (m := re.search(r"[#/]([A-Za-z][\w-]*)$", iri)):
        return _words(m.group(1))  # odrl:Permission: 'permission', the IRI in the link's title
    if iri.startswith(data.base):
        return last_segment(iri)
    return iri


# vocabularies we align to but do not list as query prefixes (ODRL, LKIF, ELI): their terms by name
_VOCABULARIES = (
    "http://www.w3.org/ns/odrl/2/",
    "http://www.estrellaproject.org/lkif-core/",
    "http://data.europa.eu/eli/ontology#",
)
_ALIASES = {"altLabel": "alternative label", "prefLabel": "preferred label", "seeAlso": "see also"}


def _words(name: str) -> str:
    """'isPartOf' -> 'is part of', 'hasXSDDuration' -> 'has XSD duration'."""
    if name in _ALIASES:
        return _ALIASES[name]
    parts = re.findall(r"[A-Z]{2,}(?=[A-Z][a-z]|\b|_)|[A-Z]?[a-z]+|[A-Z]+|\d+", name)
    return " ".join(p if p.isupper() and len(p) > 1 else p.lower() for p in parts) or name


def prefixed(iri: str) -> str | None:
    for prefix, ns in QUERY_PREFIXES.items():
        if name := in_namespace(iri, ns):
            return f"{prefix}:{name}"
    return None


def link(iri: str) -> Markup:
    target = href(iri)
    text = escape(label(iri))
    name = prefixed(iri) or (iri if iri.startswith(_VOCABULARIES) else None)
    title = f' title="{escape(name)}"' if name else ""
    if target is None:
        return Markup(f"<span class=iri{title}>{text}</span>")
    external = "" if target.startswith("/") else ' rel="nofollow noopener" class="external"'
    return Markup(f'<a href="{escape(target)}"{external}{title}>{text}</a>')


_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def readable(value: str, datatype: str) -> str:
    """A typed value as a person reads it: P8Y '8 years', --04-30 '30 April', 2010-08-01 '1 August 2010'."""
    if datatype in ("duration", "yearMonthDuration", "dayTimeDuration"):
        if m := re.fullmatch(r"P((?:\d+[YMWD])+)", value):
            parts = re.findall(r"(\d+)([YMWD])", m.group(1))
            return ", ".join(f"{n} {_UNITS[u]}{'' if n == '1' else 's'}" for n, u in parts)
    if datatype == "date" and (m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value)):
        return f"{int(m.group(3))} {MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    if datatype == "gMonthDay" and (m := re.fullmatch(r"--(\d\d)-(\d\d)", value)):
        return f"{int(m.group(2))} {MONTHS[int(m.group(1)) - 1]}"
    if datatype == "boolean":
        return {"true": "yes", "1": "yes", "false": "no", "0": "no"}.get(value, value)
    return value


def term(node: ox.Term) -> Markup:
    if isinstance(node, ox.NamedNode):
        return link(node.value)
    if isinstance(node, ox.Literal):
        if node.language:  # prose: its references to the Convention become links
            return Markup(f'<span lang="{escape(node.language)}">{linked_text(node.value)}</span>')
        dt = last_segment(node.datatype.value)
        if dt in ("string", "langString"):
            return Markup(f"<span>{escape(node.value)}</span>")
        # the value as people read it; the lexical form and datatype stay in the data (and the title)
        shown = readable(node.value, dt)
        return Markup(f'<span title="{escape(node.value)} (xsd:{escape(dt)})">{escape(shown)}</span>')
    return Markup(f"<span class=bnode>{escape(str(node))}</span>")


def linked_text(text: str) -> Markup:
    """The text with 'Article 4', 'Article 5, paragraph 2', 'Article 3.6' made links to those provisions."""
    data = ds.get()
    out, last = [], 0
    for start, end, ref in article_mentions(text):
        path = (str(ref.article),) + ((str(ref.paragraph),) if ref.paragraph else ())
        iri = str(data.iris.provision(path))
        if ref.paragraph and iri not in data.labels:
            iri = str(data.iris.provision(path[:1]))
        out.append(escape(text[last:start]))
        out.append(Markup(f'<a href="{escape(href(iri))}" class="ref">{escape(text[start:end])}</a>'))
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


_ITEM = re.compile(r"\s+-\s+(?=(?:[a-z]{1,4}[.)]|\([a-z]{1,4}\))\s)")


def structured_text(text: str) -> Markup:
    """A provision's text as the document sets it out: its numbered paragraphs apart, and within each
    the lettered items the parser joined with " - " as a list (linked as `linked_text` links)."""
    paragraphs, start, number = [], 0, 2
    # only the next number in sequence starts a paragraph, so "Article 3. " in the prose does not
    for m in re.finditer(r"\s(?=(\d{1,2})\.\s)", text):
        if int(m.group(1)) == number:
            paragraphs.append(text[start : m.start()])
            start, number = m.end(), number + 1
    paragraphs.append(text[start:])
    out = []
    for paragraph in paragraphs:
        lead, *items = _ITEM.split(paragraph)
        out.append(Markup("<p>") + linked_text(lead) + Markup("</p>"))
        if items:
            lis = Markup("").join(Markup("<li>") + linked_text(item) + Markup("</li>") for item in items)
            out.append(Markup('<ul class="items">') + lis + Markup("</ul>"))
    return Markup("").join(out)


def init_app(app: Flask) -> None:
    """Make the filters and the ccm: namespace available to every template."""
    app.jinja_env.filters.update(
        link=link,
        term=term,
        label=label,
        href=href,
        linked_text=linked_text,
        structured_text=structured_text,
        quote_text=clean,
        slug=slug,
        fact_heading=lambda iri: KEY_FACTS.get(iri) or label(iri),
    )
    app.jinja_env.globals.update(CCM=NAMESPACE)
