"""Where every IRI of the graph is minted, and read back: readable, hackable paths under a
configurable base.

id/convention/article/4/paragraph/1/a     id/vap/action/12       id/lap/action/18/indicator/1
id/state/LAO                              id/org/icrc            id/meeting/1msp
id/theme/victim-assistance                id/term/cluster-munition
graph/asserted                            id/source/003/120-245  (a span of a source file)
"""

from __future__ import annotations

import re

from rdflib import URIRef

from ..sources.text import slug
from .ccm import NAMESPACE

DEFAULT_BASE = "https://w3id.org/ccm/"
# the named graphs of a build, in the order they are made
GRAPH_NAMES = ("ontology", "asserted", "inferred", "derived", "provenance", "examples")
_SPAN = re.compile(r"id/source/(\w+)/(\d+)-(\d+)")


def term_name(iri: str) -> str | None:
    """The local name of a term of the ontology ('Action' of ccm:Action), None for any other IRI."""
    return in_namespace(iri, NAMESPACE)


def term(name: str) -> URIRef:
    """The ontology's term of a local name read from data (a search index, a query's answer), unchecked:
    the caller shows or looks it up, and an unknown name is simply not found."""
    return URIRef(NAMESPACE + name)


def last_segment(iri: str) -> str:
    """The last segment of any IRI's path or fragment: '18' of .../action/18, 'integer' of xsd:integer."""
    return re.split(r"[/#]", str(iri).rstrip("/"))[-1]


def in_namespace(iri: str, namespace: str) -> str | None:
    """The local name of an IRI in `namespace`, None if it is not in it."""
    iri = str(iri)
    return iri[len(namespace) :] if iri.startswith(namespace) and len(iri) > len(namespace) else None


class Iris:
    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith("/"):
            base += "/"
        self.base = base

    def _id(self, *parts: object) -> URIRef:
        return URIRef(self.base + "id/" + "/".join(str(p) for p in parts))

    # reading IRIs back
    def local_path(self, iri: str) -> str | None:
        """The path of one of our IRIs below the base ('id/lap/action/18'), None for anyone else's."""
        return iri[len(self.base) :] if iri.startswith(self.base) and len(iri) > len(self.base) else None

    def resource(self, local: str) -> URIRef:
        """The IRI a local path names: the inverse of `local_path`."""
        return URIRef(self.base + local)

    def is_resource(self, iri: str) -> bool:
        return iri.startswith(self.base + "id/")

    def span_range(self, iri: str) -> tuple[str, int, int] | None:
        """(source key, start, end) of a span IRI minted by `span`."""
        m = _SPAN.fullmatch(self.local_path(iri) or "")
        return (m.group(1), int(m.group(2)), int(m.group(3))) if m else None

    def graph(self, name: str) -> URIRef:
        return URIRef(self.base + "graph/" + name)

    # documents
    def convention(self) -> URIRef:
        return self._id("convention")

    def provision(self, path: tuple[str, ...]) -> URIRef:
        """('4',) -> article/4; ('4', '1', 'a') -> article/4/paragraph/1/a; ('2', '2', 'c', 'i') -> .../c/i."""
        parts: list[str] = ["convention", "article", path[0]]
        if len(path) > 1:
            parts += ["paragraph", *path[1:]]
        return self._id(*parts)

    def recital(self, n: int) -> URIRef:
        return self._id("convention", "preamble", n)

    def obligation(self, path: tuple[str, ...], index: int) -> URIRef:
        return URIRef(f"{self.provision(path)}/obligation/{index}")

    def rule(self, path: tuple[str, ...], index: int) -> URIRef:
        return URIRef(f"{self.provision(path)}/rule/{index}")

    def decision(self, paragraph: URIRef, n: int) -> URIRef:
        return URIRef(f"{paragraph}/decision/{n}")

    def instrument(self, key: str) -> URIRef:
        return self._id("instrument", key)

    def condition(self, owner: URIRef, n: int) -> URIRef:
        return URIRef(f"{owner}/condition/{n}")

    def plan(self, plan: str) -> URIRef:
        return self._id(plan)

    def section(self, plan: str, key: str) -> URIRef:
        return self._id(plan, "section", key)

    def intro(self, plan: str, n: int) -> URIRef:
        return self._id(plan, "introduction", n)

    def action(self, plan: str, n: int) -> URIRef:
        return self._id(plan, "action", n)

    def commitment(self, action: URIRef, n: int) -> URIRef:
        return URIRef(f"{action}/commitment/{n}")

    def item(self, owner: URIRef, label: str) -> URIRef:
        return URIRef(f"{owner}/item/{label.lower()}")

    def indicator(self, plan: str, action: int, n: int) -> URIRef:
        return URIRef(f"{self.action(plan, action)}/indicator/{n}")

    def deadline(self, owner: URIRef, n: int) -> URIRef:
        return URIRef(f"{owner}/deadline/{n}")

    def declaration(self, key: str) -> URIRef:
        return self._id("declaration", key)

    def declaration_paragraph(self, key: str, n: int) -> URIRef:
        return self._id("declaration", key, "paragraph", n)

    def figure(self, paragraph: URIRef, n: int) -> URIRef:
        return URIRef(f"{paragraph}/figure/{n}")

    def list_claim(self, meeting: URIRef, status: str) -> URIRef:
        """id/meeting/1msp/claim/state-party: a meeting report's list of States by status, checked."""
        return URIRef(f"{meeting}/claim/{status}")

    def claim(self, figure: URIRef) -> URIRef:
        """.../paragraph/1/figure/1/claim: a figure of States checked against the depositary's dates."""
        return URIRef(f"{figure}/claim")

    def report(self, meeting: str) -> URIRef:
        return self._id("report", meeting)

    def report_paragraph(self, meeting: str, n: int) -> URIRef:
        return self._id("report", meeting, "paragraph", n)

    def symbol(self, symbol: str) -> URIRef:
        return self._id("document", symbol)

    def mandate(self, unit: URIRef) -> URIRef:
        return URIRef(f"{unit}/mandate")

    def mandate_item(self, mandate: URIRef, n: int) -> URIRef:
        return URIRef(f"{mandate}/{n}")

    # where things were read
    def source_file(self, key: str) -> URIRef:
        return self._id("source", key)

    def span(self, doc: str, start: int, end: int) -> URIRef:
        return self._id("source", doc, f"{start}-{end}")

    def quote_selector(self, span: URIRef | str) -> URIRef:
        return URIRef(f"{span}#quote")

    def position_selector(self, span: URIRef | str) -> URIRef:
        return URIRef(f"{span}#position")

    # actors, meetings, concepts
    def state(self, iso3: str) -> URIRef:
        return self._id("state", iso3)

    def org(self, key: str) -> URIRef:
        return self._id("org", key)

    def person(self, name: str) -> URIRef:
        return self._id("person", slug(name))

    def meeting(self, key: str) -> URIRef:
        return self._id("meeting", key)

    def office(self, meeting: str, role: str, topic: str | None = None) -> URIRef:
        parts = ["meeting", meeting, "office", slug(role)]
        return self._id(*parts, slug(topic)) if topic else self._id(*parts)

    def participation(self, meeting: str, agent: URIRef) -> URIRef:
        local = str(agent).removeprefix(self.base + "id/").replace("/", "-")
        return self._id("meeting", meeting, "participation", local)

    def conflict(self, name: str) -> URIRef:
        return self._id("conflict", slug(name))

    def theme(self, label: str) -> URIRef:
        return self._id("theme", slug(label))

    def term(self, label: str) -> URIRef:
        return self._id("term", slug(label))

    def category(self, label: str) -> URIRef:
        return self._id("actor-category", slug(label))

    def role(self, label: str) -> URIRef:
        return self._id("role", slug(label))

    def status(self, label: str) -> URIRef:
        return self._id("participation-status", slug(label))

    def anchor(self, key: str) -> URIRef:
        return self._id("event", key)

    def concept(self, scheme: str, key: str) -> URIRef:
        """A concept of one of the small schemes the mapping fills: strengths, rule and condition kinds."""
        return self._id(scheme.removesuffix("s"), key)

    def scheme(self, name: str) -> URIRef:
        return self._id("scheme", name)

    # the build and what it derived
    def build(self) -> URIRef:
        return self._id("build")

    def software(self, version: str) -> URIRef:
        return self._id("software", "ccmkg", version)

    def method(self, key: str) -> URIRef:
        return self._id("method", key)

    def due_date(self, deadline: URIRef, state: str | None = None, year: int | None = None) -> URIRef:
        """.../deadline/1/due, .../due/AFG; a recurring limit's, one a year: .../due/AFG/2027."""
        return URIRef(f"{deadline}/due" + (f"/{state}" if state else "") + (f"/{year}" if year else ""))

    def status_interval(self, iso3: str, key: str) -> URIRef:
        """id/state/AFG/status/state-party: the days a State held one status."""
        return self._id("state", iso3, "status", key)

    def thematic_link(self, theme: URIRef) -> URIRef:
        return URIRef(f"{theme}/article")

    def example(self, name: str) -> URIRef:
        """id/example/19-vientiane-commitments-without-successor: one example query, as data."""
        return self._id("example", name)

    def lineage_review(self, lausanne: int, vientiane: int | None) -> URIRef:
        """id/lineage-review/lap-12/vap-8, or id/lineage-review/lap-4/none: one reviewed decision."""
        return self._id("lineage-review", f"lap-{lausanne}", f"vap-{vientiane}" if vientiane is not None else "none")

    def lineage(self, successor: URIRef, predecessor: URIRef) -> URIRef:
        """id/lineage/lap-12/vap-8: Lausanne action 12 continues Vientiane action 8."""
        local = [self.local_path(str(a)).split("/") for a in (successor, predecessor)]  # id/<plan>/action/<n>
        return self._id("lineage", *(f"{parts[1]}-{parts[-1]}" for parts in local))

    # treaty actions of a state, and what follows from them
    def treaty_action(self, iso3: str, kind: str) -> URIRef:
        """id/state/LTU/signature, .../consent, .../provisional-application, .../withdrawal."""
        return self._id("state", iso3, kind)

    def entry_into_force_for(self, iso3: str) -> URIRef:
        return self._id("state", iso3, "entry-into-force")

    def withdrawal_effect(self, iso3: str) -> URIRef:
        return self._id("state", iso3, "withdrawal-takes-effect")

    def depositary(self) -> URIRef:
        return self._id("org", "un-secretary-general")

    def cell_selector(self, span: URIRef | str) -> URIRef:
        return URIRef(f"{span}#cell")
