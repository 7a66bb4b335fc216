"""Derived statements, kept in their own graph, each saying how it was derived (PROV):

- what is due when: the Convention-anchored time limits as dates, and, given a table of the dates
  the Convention entered into force for each State Party, every state's own due dates;
- which article an action serves through its theme (what its text cites is asserted, not derived);
- how the plans evolved: each Lausanne action's Vientiane predecessors and what changed (lineage.py).

Similarity is TF-IDF cosine over the words of the texts; the method and its threshold are
resources of their own, which every derived link names.
"""

from __future__ import annotations

import datetime as dt

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from ..vocab import CCM, TIME, Iris
from ..vocab.iris import last_segment
from . import lineage
from .dates import add_duration, add_months
from .similarity import Tfidf, content_words

_CONSENT_KINDS = (CCM.ConsentToBeBound, CCM.Ratification, CCM.Acceptance, CCM.Approval, CCM.Accession)


class Deriver:
    """The derived graph of an asserted graph, written by one method after the other."""

    def __init__(self, asserted: Graph, iris: Iris) -> None:
        self.asserted = asserted
        self.iris = iris
        self.graph = Graph()

    def method(self, key: str, label: str, comment: str, **params: object) -> URIRef:
        m = self.iris.method(key)
        self.graph.add((m, RDF.type, PROV.Plan))
        self.graph.add((m, RDF.type, CCM.DerivationMethod))
        self.graph.add((m, RDFS.label, Literal(label, lang="en")))
        self.graph.add((m, RDFS.comment, Literal(comment, lang="en")))
        for name, value in params.items():
            self.graph.add((m, CCM[name], Literal(value)))
        return m

    # -- when the Convention binds each State ----------------------------------------
    def treaty_calendar(self) -> dict[str, dt.date]:
        """Each State's entry into force (Article 17) and each withdrawal's taking effect (Article 20(3)),
        from the depositary's dates; returns ISO code -> entry into force."""
        asserted, iris = self.asserted, self.iris
        art_17_1, art_17_2, art_20_3 = (iris.provision(p) for p in (("17", "1"), ("17", "2"), ("20", "3")))
        first_thirty = self.method(
            "entry-into-force-article-17-1",
            "Entry into force under Article 17(1)",
            "For the States whose instruments were among the first thirty deposited: the first day of the sixth "
            "month after the month in which the thirtieth instrument was deposited.",
        )
        later = self.method(
            "entry-into-force-article-17-2",
            "Entry into force under Article 17(2)",
            "For a State depositing its instrument after the thirtieth: the first day of the sixth month after the "
            "date on which it deposited its instrument.",
        )
        withdrawal = self.method(
            "withdrawal-article-20-3",
            "Withdrawal taking effect under Article 20(3)",
            "Six months after the depositary received the instrument of withdrawal.",
        )
        consents = sorted(
            (
                asserted.value(c, CCM.actionDate).toPython(),
                asserted.value(asserted.value(c, CCM.actionBy), CCM.iso3166),
                c,
            )
            for c in asserted.subjects(CCM.actionDate, None)
            if (c, CCM.actionOn, iris.convention()) in asserted
            and any((c, RDF.type, k) in asserted for k in _CONSENT_KINDS)
        )
        out: dict[str, dt.date] = {}
        if len(consents) < 30:
            return out
        thirtieth = consents[29][0]
        for deposited, code, consent in consents:
            code = str(code)
            if deposited <= thirtieth:
                start, method, rule = add_months(thirtieth.replace(day=1), 6), first_thirty, art_17_1
            else:
                start, method, rule = add_months(deposited.replace(day=1), 6), later, art_17_2
            out[code] = start
            self._effect(iris.entry_into_force_for(code), CCM.StateEntryIntoForce, code, start, consent, method, rule)
        for w in asserted.subjects(RDF.type, CCM.Withdrawal):
            code = str(asserted.value(asserted.value(w, CCM.actionBy), CCM.iso3166))
            takes_effect = add_months(asserted.value(w, CCM.actionDate).toPython(), 6)
            self._effect(
                iris.withdrawal_effect(code), CCM.WithdrawalTakingEffect, code, takes_effect, w, withdrawal, art_20_3
            )
        return out

    def _effect(
        self, node: URIRef, cls: URIRef, code: str, when: dt.date, action: URIRef, method: URIRef, rule: URIRef
    ) -> None:
        g, state = self.graph, self.iris.state(code)
        what = "Entry into force" if cls == CCM.StateEntryIntoForce else "Withdrawal taking effect"
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(f"{what} for {self.asserted.value(state, RDFS.label)}", lang="en")))
        g.add((node, CCM.effectiveFor, state))
        g.add((node, CCM.effectiveOn, Literal(when.isoformat(), datatype=XSD.date)))
        g.add((node, CCM.followsFrom, action))
        g.add((node, CCM.underProvision, rule))
        g.add((node, PROV.wasGeneratedBy, method))
        g.add((node, PROV.wasDerivedFrom, action))

    # -- what is due when ----------------------------------------------------------
    def due_dates(self, entry_into_force: dict[str, dt.date]) -> None:
        convention = self.asserted.value(self.iris.convention(), CCM.entryIntoForce)
        by_state = self.method(
            "due-date-for-state",
            "Due date for a State Party",
            "The date the Convention entered into force for the state (computed under Article 17 from the "
            "depositary's table, or as a table the user supplied states it), plus the duration the time limit states; "
            "for a plan's action, only dates on or after the plan began (its adoption, else its period's first year).",
        )
        by_convention = self.method(
            "due-date-from-entry-into-force",
            "Due date from the Convention's entry into force",
            "The Convention's entry into force (as the booklet states it) plus the duration the time limit states.",
        )
        for deadline in self.asserted.subjects(RDF.type, CCM.RelativeDeadline):
            duration = self.asserted.value(deadline, TIME.hasXSDDuration)
            anchor = last_segment(self.asserted.value(deadline, CCM.anchorEvent) or "")
            owner = self.asserted.value(None, CCM.hasDeadline, deadline)
            # a condition's limit ("If a State Party believes that it will be unable ... within eight years")
            # restates one another provision sets: that one's due date is the date, not a second one
            if duration is None or (owner, RDF.type, CCM.Condition) in self.asserted:
                continue
            if anchor == "entry-into-force-of-convention" and convention is not None:
                due = add_duration(convention.toPython(), str(duration))
                self._due(deadline, None, due, by_convention, [self.iris.convention()])
            elif anchor == "entry-into-force-for-state-party":
                since = self._plan_start(owner)
                for code, start in sorted(entry_into_force.items()):
                    due = add_duration(start, str(duration))
                    if since is None or due >= since:
                        self._due(deadline, code, due, by_state, [])

    def _plan_start(self, owner: URIRef | None) -> dt.date | None:
        """When the plan that states a time limit began, if a plan does: a plan sets no due date before
        it existed ('within two years of entry into force for new States Parties' in 2021 is not due in 2014)."""
        plan = self.asserted.value(owner, CCM.inPlan) if owner is not None else None
        if plan is None:
            return None
        if (adopted := self.asserted.value(plan, CCM.adopted)) is not None:
            return adopted.toPython()
        if (start := self.asserted.value(plan, CCM.periodStart)) is not None:
            return dt.date(int(str(start)), 1, 1)
        return None

    def _due(self, deadline: URIRef, state: str | None, due: dt.date, method: URIRef, sources: list[URIRef]) -> None:
        node = self.iris.due_date(deadline, state)
        g = self.graph
        g.add((node, RDF.type, CCM.DueDate))
        g.add((node, RDFS.label, Literal(f"Due {due.isoformat()}" + (f" for {state}" if state else ""), lang="en")))
        g.add((node, CCM.ofDeadline, deadline))
        g.add((node, CCM.dueOn, Literal(due.isoformat(), datatype=XSD.date)))
        g.add((node, PROV.wasGeneratedBy, method))
        g.add((node, PROV.wasDerivedFrom, deadline))
        for source in sources:
            g.add((node, PROV.wasDerivedFrom, source))
        if state:
            g.add((node, CCM.forState, self.iris.state(state)))

    # -- which article an action serves --------------------------------------------
    def thematic_articles(self) -> None:
        """Each theme's article, then every action of the theme serves it unless its text cites it already.

        By title when the theme's words are all in one article's title ('Transparency', Article 7
        'Transparency measures'); otherwise the article whose title and text are closest to the theme's
        sections and actions, if clearly closer than the next one."""
        by_title = self.method(
            "theme-to-article-by-title",
            "Article of a theme, by its title",
            "The article whose title holds every word of the theme's label (the shortest such title).",
        )
        by_text = self.method(
            "theme-to-article-by-similarity",
            "Article of a theme, by its text",
            "TF-IDF cosine between a theme (its label, its sections' introductions, its actions' texts) and each "
            "article (its title, weighted three times, and its text); the closest article if it scores at least "
            "the threshold and 1.5 times the runner-up.",
            threshold=0.1,
        )
        articles = {
            a: f"{self.asserted.value(a, CCM.title)} " * 3
            + " ".join(
                str(t) for p in self.asserted.subjects(CCM.partOf, a) for t in self.asserted.objects(p, CCM.text)
            )
            for a in self.asserted.subjects(RDF.type, CCM.Article)
        }
        titles = {a: set(content_words(str(self.asserted.value(a, CCM.title)))) for a in articles}
        themes: dict[URIRef, str] = {}
        for theme in self.asserted.subjects(RDF.type, CCM.Theme):
            parts = [str(self.asserted.value(theme, SKOS.prefLabel))] * 3
            for s in self.asserted.subjects(CCM.theme, theme):
                parts += [str(t) for t in self.asserted.objects(s, CCM.text)]
                parts += [str(t) for t in self.asserted.objects(s, CCM.description)]
            themes[theme] = " ".join(parts)
        model = Tfidf.fit(articles | themes)
        for theme in sorted(themes):
            actions = [
                a for a in self.asserted.subjects(CCM.theme, theme) if (a, RDF.type, CCM.Action) in self.asserted
            ]
            if not actions:
                continue
            words = set(content_words(str(self.asserted.value(theme, SKOS.prefLabel))))
            titled = sorted((len(t), a) for a, t in titles.items() if words and words <= t)
            if titled:
                article, method, score = titled[0][1], by_title, None
            else:
                ranked = sorted(((model.cosine(theme, a), a) for a in articles), reverse=True)
                (score, article), (runner_up, _) = ranked[0], ranked[1]
                if score < 0.1 or score < 1.5 * runner_up:
                    continue
                method = by_text
            link = self.iris.thematic_link(theme)
            self.graph.add((link, RDF.type, CCM.ThematicLink))
            self.graph.add(
                (
                    link,
                    RDFS.label,
                    Literal(
                        f"{self.asserted.value(theme, SKOS.prefLabel)} → {self.asserted.value(article, RDFS.label)}",
                        lang="en",
                    ),
                )
            )
            self.graph.add((link, CCM.theme, theme))
            self.graph.add((link, CCM.article, article))
            if score is not None:
                self.graph.add((link, CCM.similarity, Literal(f"{score:.4f}", datatype=XSD.decimal)))
            self.graph.add((link, PROV.wasGeneratedBy, method))
            for action in actions:
                cited = set(self.asserted.objects(action, CCM.cites))
                if article in cited or any(str(c).startswith(f"{article}/") for c in cited):
                    continue
                self.graph.add((action, CCM.servesArticle, article))

    # -- how the plans evolved ------------------------------------------------------
    def concept(self, scheme: str, key: str, scheme_label: str) -> URIRef:
        """A concept of a small scheme of the derived graph ('deadline-changes': 'tightened')."""
        c, s = self.iris.concept(scheme, key), self.iris.scheme(scheme)
        g = self.graph
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, SKOS.prefLabel, Literal(key.replace("-", " "), lang="en")))
        g.add((c, RDFS.label, Literal(key.replace("-", " "), lang="en")))
        g.add((c, SKOS.inScheme, s))
        g.add((s, RDF.type, SKOS.ConceptScheme))
        g.add((s, RDFS.label, Literal(scheme_label, lang="en")))
        g.add((s, SKOS.prefLabel, Literal(scheme_label, lang="en")))
        g.add((s, SKOS.hasTopConcept, c))
        return c

    def lineage(self) -> None:
        """Each Lausanne action's Vientiane predecessors (graph/derive/lineage.py), with what changed."""
        asserted, g = self.asserted, self.graph
        method = self.method(
            "action-lineage",
            "Predecessors of a later plan's actions",
            "Candidates from an inverted index of Snowball stems (acronyms the plans define read as their words), "
            f"at most {lineage.POSTINGS} entries per term; score: TF-IDF cosine of the action texts (commitment and "
            f"items, not the chapeau), plus {lineage.THEME_BONUS} for a shared theme and {lineage.ARTICLE_BONUS} "
            f"for a shared cited article; predecessors: every candidate scoring at least {lineage.THRESHOLD} and "
            f"{lineage.RELATIVE:.0%} of the best. Relation: merged for two or more predecessors; otherwise same "
            f"(cosine at least {lineage.SAME}), strengthened (binds more firmly), or narrower or broader by which "
            "text holds more of the other's weight.",
            threshold=lineage.THRESHOLD,
        )
        actions = lineage.commitments(asserted)
        earlier = [a for a in actions if a.plan == self.iris.plan("vap")]
        later = [a for a in actions if a.plan == self.iris.plan("lap")]
        by_iri = {a.iri: a for a in actions}
        for link in lineage.links(earlier, later):
            lap, vap = link.successor, link.predecessor
            after, before = by_iri[lap], by_iri[vap]
            node = self.iris.lineage(lap, vap)
            label = f"{asserted.value(lap, RDFS.label)} continues {asserted.value(vap, RDFS.label)}"
            g.add((node, RDF.type, CCM.Lineage))
            g.add((node, RDFS.label, Literal(label, lang="en")))
            g.add((node, CCM.successor, lap))
            g.add((node, CCM.predecessor, vap))
            g.add((node, CCM.similarity, Literal(f"{link.score:.4f}", datatype=XSD.decimal)))
            g.add((node, CCM.textSimilarity, Literal(f"{link.cosine:.4f}", datatype=XSD.decimal)))
            g.add((node, CCM.lineageRelation, self.concept("lineage-relations", link.relation, "Lineage relations")))
            for shared in link.shared:
                g.add((node, CCM.sharedArticle if "/convention/" in str(shared) else CCM.sharedTheme, shared))
            g.add((node, PROV.wasGeneratedBy, method))
            g.add((lap, CCM.continues, vap))
            # what changed, as data: before and after, and the direction of the change
            if before.strength is not None:
                g.add((node, CCM.strengthBefore, before.strength))
            if after.strength is not None:
                g.add((node, CCM.strengthAfter, after.strength))
            if change := lineage.strength_change(before.strength, after.strength):
                g.add((node, CCM.strengthChange, self.concept("strength-changes", change, "Strength changes")))
            for a in before.addressees:
                g.add((node, CCM.addresseeBefore, a))
            for a in after.addressees:
                g.add((node, CCM.addresseeAfter, a))
            same = before.addressees == after.addressees
            g.add(
                (
                    node,
                    CCM.addresseeChange,
                    self.concept("addressee-changes", "unchanged" if same else "changed", "Addressee changes"),
                )
            )
            for d in before.deadlines:
                g.add((node, CCM.deadlineBefore, d))
            for d in after.deadlines:
                g.add((node, CCM.deadlineAfter, d))
            for change in lineage.deadline_changes(asserted, before, after):
                g.add((node, CCM.deadlineChange, self.concept("deadline-changes", change, "Deadline changes")))


def derive(asserted: Graph, iris: Iris, entry_into_force: dict[str, dt.date] | None = None) -> Graph:
    """The derived graph of an asserted graph."""
    d = Deriver(asserted, iris)
    # a table the user supplies overrides what the depositary's dates give
    d.due_dates(d.treaty_calendar() | (entry_into_force or {}))
    d.thematic_articles()
    d.lineage()
    return d.graph
