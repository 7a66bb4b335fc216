"""Derived statements, kept in their own graph, each saying how it was derived (PROV):

- what is due when: the Convention-anchored time limits as dates, and, given a table of the dates
  the Convention entered into force for each State Party, every state's own due dates;
- which article an action serves through its theme (what its text cites is asserted, not derived);
- how the plans evolved: for each Lausanne action its closest Vientiane actions, and the reverse.

Similarity is TF-IDF cosine over the words of the texts; the method and its threshold are
resources of their own, which every derived link names.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from .iris import Iris
from .namespace import CCM

TIME_DURATION = URIRef("http://www.w3.org/2006/time#hasXSDDuration")
LINEAGE_THRESHOLD = 0.2  # below this cosine, two actions share words, not a commitment
LINEAGE_TOP = 2  # closest actions kept on each side
_STOP = set(
    """a an and are as at be by for from has have in into is it its of on or that the their them these they
this to under which will with within where who whose such should all any other than those States Parties State Party
Convention including""".lower().split()
)


_SUFFIXES = ("ations", "ation", "ative", "ments", "ment", "ings", "ing", "ions", "ion", "ive", "ies", "es", "ed", "s")


def _stem(word: str) -> str:
    """A crude stem, enough for 'legislation' and 'legislative', 'implementing' and 'implementation' to meet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _words(text: str) -> list[str]:
    words = re.findall(r"[a-z]+", text.lower().replace("isation", "ization"))
    return [_stem(w) for w in words if w not in _STOP and len(w) > 2]


@dataclass
class Tfidf:
    """TF-IDF vectors of a set of documents, for cosine similarity."""

    vectors: dict[URIRef, dict[str, float]]

    @classmethod
    def fit(cls, docs: dict[URIRef, str]) -> Tfidf:
        tokens = {k: Counter(_words(v)) for k, v in docs.items()}
        df = Counter(w for counts in tokens.values() for w in counts)
        n = len(docs)
        vectors = {}
        for k, counts in tokens.items():
            vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in counts.items()}
            norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
            vectors[k] = {w: x / norm for w, x in vec.items()}
        return cls(vectors)

    def cosine(self, a: URIRef, b: URIRef) -> float:
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(x * vb.get(w, 0.0) for w, x in va.items())


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return dt.date(year, month, min(day.day, last))


def add_duration(start: dt.date, duration: str) -> dt.date:
    """start + an xsd:duration of years, months or days (P8Y, P6M, P180D)."""
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?", duration)
    if m is None:
        raise ValueError(f"unsupported duration {duration}")
    years, months, days = (int(g) if g else 0 for g in m.groups())
    return _add_months(start, 12 * years + months) + dt.timedelta(days=days)


def read_entry_into_force(path: Path) -> dict[str, dt.date]:
    """ISO 3166 alpha-3 code -> the date the Convention entered into force for that state.

    The CSV has a header `state,entry_into_force[,source]`; lines starting with # are comments."""
    out: dict[str, dt.date] = {}
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for line, row in enumerate(rows, 2):
            code = (row.get("state") or "").strip().upper()
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise ValueError(f"{path}:{line}: state must be an ISO 3166-1 alpha-3 code, not {code!r}")
            try:
                out[code] = dt.date.fromisoformat((row.get("entry_into_force") or "").strip())
            except ValueError:
                raise ValueError(f"{path}:{line}: entry_into_force must be a date like 2010-08-01") from None
    return out


class Deriver:
    def __init__(self, asserted: Graph, iris: Iris) -> None:
        self.a = asserted
        self.i = iris
        self.g = Graph()

    def method(self, key: str, label: str, comment: str, **params: object) -> URIRef:
        m = self.i._id("method", key)
        self.g.add((m, RDF.type, PROV.Plan))
        self.g.add((m, RDF.type, CCM.DerivationMethod))
        self.g.add((m, RDFS.label, Literal(label, lang="en")))
        self.g.add((m, RDFS.comment, Literal(comment, lang="en")))
        for name, value in params.items():
            self.g.add((m, CCM[name], Literal(value)))
        return m

    # -- what is due when ----------------------------------------------------------
    def due_dates(self, entry_into_force: dict[str, dt.date]) -> None:
        convention = self.a.value(self.i.convention(), CCM.entryIntoForce)
        by_state = self.method(
            "due-date-for-state",
            "Due date for a State Party",
            "The date the Convention entered into force for the state, from the table the user supplied, "
            "plus the duration the time limit states.",
        )
        by_convention = self.method(
            "due-date-from-entry-into-force",
            "Due date from the Convention's entry into force",
            "The Convention's entry into force (as the booklet states it) plus the duration the time limit states.",
        )
        for deadline in self.a.subjects(RDF.type, CCM.RelativeDeadline):
            duration = self.a.value(deadline, TIME_DURATION)
            anchor = str(self.a.value(deadline, CCM.anchorEvent) or "").rsplit("/", 1)[-1]
            if duration is None:
                continue
            if anchor == "entry-into-force-of-convention" and convention is not None:
                due = add_duration(convention.toPython(), str(duration))
                self._due(deadline, None, due, by_convention, [self.i.convention()])
            elif anchor == "entry-into-force-for-state-party":
                for code, start in sorted(entry_into_force.items()):
                    self._due(deadline, code, add_duration(start, str(duration)), by_state, [])

    def _due(self, deadline: URIRef, state: str | None, due: dt.date, method: URIRef, sources: list[URIRef]) -> None:
        node = URIRef(f"{deadline}/due" + (f"/{state}" if state else ""))
        g = self.g
        g.add((node, RDF.type, CCM.DueDate))
        g.add((node, RDFS.label, Literal(f"Due {due.isoformat()}" + (f" for {state}" if state else ""), lang="en")))
        g.add((node, CCM.ofDeadline, deadline))
        g.add((node, CCM.dueOn, Literal(due.isoformat(), datatype=XSD.date)))
        g.add((node, PROV.wasGeneratedBy, method))
        g.add((node, PROV.wasDerivedFrom, deadline))
        for source in sources:
            g.add((node, PROV.wasDerivedFrom, source))
        if state:
            g.add((node, CCM.forState, self.i.state(state)))

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
            a: f"{self.a.value(a, CCM.title)} " * 3
            + " ".join(str(t) for p in self.a.subjects(CCM.partOf, a) for t in self.a.objects(p, CCM.text))
            for a in self.a.subjects(RDF.type, CCM.Article)
        }
        titles = {a: set(_words(str(self.a.value(a, CCM.title)))) for a in articles}
        themes: dict[URIRef, str] = {}
        for theme in self.a.subjects(RDF.type, CCM.Theme):
            parts = [str(self.a.value(theme, SKOS.prefLabel))] * 3
            for s in self.a.subjects(CCM.theme, theme):
                parts += [str(t) for t in self.a.objects(s, CCM.text)]
                parts += [str(t) for t in self.a.objects(s, CCM.description)]
            themes[theme] = " ".join(parts)
        model = Tfidf.fit(articles | themes)
        for theme in sorted(themes):
            actions = [a for a in self.a.subjects(CCM.theme, theme) if (a, RDF.type, CCM.Action) in self.a]
            if not actions:
                continue
            words = set(_words(str(self.a.value(theme, SKOS.prefLabel))))
            titled = sorted((len(t), a) for a, t in titles.items() if words and words <= t)
            if titled:
                article, method, score = titled[0][1], by_title, None
            else:
                ranked = sorted(((model.cosine(theme, a), a) for a in articles), reverse=True)
                (score, article), (runner_up, _) = ranked[0], ranked[1]
                if score < 0.1 or score < 1.5 * runner_up:
                    continue
                method = by_text
            link = URIRef(f"{theme}/article")
            self.g.add((link, RDF.type, CCM.ThematicLink))
            self.g.add(
                (
                    link,
                    RDFS.label,
                    Literal(f"{self.a.value(theme, SKOS.prefLabel)} → {self.a.value(article, RDFS.label)}", lang="en"),
                )
            )
            self.g.add((link, CCM.theme, theme))
            self.g.add((link, CCM.article, article))
            if score is not None:
                self.g.add((link, CCM.similarity, Literal(f"{score:.4f}", datatype=XSD.decimal)))
            self.g.add((link, PROV.wasGeneratedBy, method))
            for action in actions:
                cited = set(self.a.objects(action, CCM.cites))
                if article in cited or any(str(c).startswith(f"{article}/") for c in cited):
                    continue
                self.g.add((action, CCM.servesArticle, article))

    # -- how the plans evolved ------------------------------------------------------
    def lineage(self) -> None:
        method = self.method(
            "action-lineage",
            "Closest actions of the other plan",
            f"TF-IDF cosine between action texts (with their lettered items); for each action the "
            f"{LINEAGE_TOP} closest of the other plan scoring at least {LINEAGE_THRESHOLD}.",
            threshold=LINEAGE_THRESHOLD,
        )
        plans = {"vap": [], "lap": []}
        texts = {}
        for action in self.a.subjects(RDF.type, CCM.Action):
            key = "vap" if "/vap/" in str(action) else "lap"
            plans[key].append(action)
            items = " ".join(str(self.a.value(i, CCM.text)) for i in self.a.objects(action, CCM.hasItem))
            texts[action] = f"{self.a.value(action, CCM.text)} {items}"
        model = Tfidf.fit(texts)
        pairs: dict[tuple[URIRef, URIRef], float] = {}
        for side, other in (("lap", "vap"), ("vap", "lap")):
            for action in plans[side]:
                scored = sorted(((model.cosine(action, o), o) for o in plans[other]), reverse=True)[:LINEAGE_TOP]
                for score, o in scored:
                    if score >= LINEAGE_THRESHOLD:
                        lap, vap = (action, o) if side == "lap" else (o, action)
                        pairs[(lap, vap)] = score
        for (lap, vap), score in sorted(pairs.items()):
            node = self.i._id("lineage", f"lap-{str(lap).rsplit('/', 1)[1]}", f"vap-{str(vap).rsplit('/', 1)[1]}")
            g = self.g
            g.add((node, RDF.type, CCM.Lineage))
            g.add(
                (
                    node,
                    RDFS.label,
                    Literal(f"{self.a.value(lap, RDFS.label)} continues {self.a.value(vap, RDFS.label)}", lang="en"),
                )
            )
            g.add((node, CCM.successor, lap))
            g.add((node, CCM.predecessor, vap))
            g.add((node, CCM.similarity, Literal(f"{score:.4f}", datatype=XSD.decimal)))
            g.add((node, PROV.wasGeneratedBy, method))
            g.add((lap, CCM.continues, vap))


def derive(asserted: Graph, iris: Iris, entry_into_force: dict[str, dt.date] | None = None) -> Graph:
    """The derived graph of an asserted graph."""
    d = Deriver(asserted, iris)
    d.due_dates(entry_into_force or {})
    d.thematic_articles()
    d.lineage()
    return d.g
