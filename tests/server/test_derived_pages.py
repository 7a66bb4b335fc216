"""Derived facts (due dates, thematic and lineage links) as the endpoint and the pages give them."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

from rdflib import RDF

from graph.sources.examples import load_examples
from graph.vocab import CCM
from tests.support.http import query, request


def test_derived_links_show_on_entity_pages(server):
    page = request(server, "GET", "/id/lap/action/49", headers={"Accept": "text/html"}).text
    # Lausanne 49 carries on Vientiane #66, and the page says the link is derived
    assert 'href="/id/vap/action/66"' in page and ">derived<" in page


def test_query_initial_article_7_reports_due_in_2012(server, built, iris):
    rows = _rows(server, "22-initial-article-7-reports-due-in-a-year")
    # Afghanistan: in force 2012-03-01 (above), + 180 days
    assert {"state": str(iris.state("AFG")), "due": "2012-08-28"}.items() <= next(
        r for r in rows if r["state"] == str(iris.state("AFG"))
    ).items()
    assert all(r["due"].startswith("2012-") for r in rows)
    # in force from 2011-07-05 at the latest to be due by the end of 2012: the same count from the derived dates
    derived = built.graphs["derived"]
    expected = {
        str(derived.value(e, CCM.effectiveFor))
        for e in derived.subjects(RDF.type, CCM.StateEntryIntoForce)
        if (dt.date.fromisoformat(str(derived.value(e, CCM.effectiveOn))) + dt.timedelta(days=180)).year == 2012
    }
    assert {r["state"] for r in rows} == expected and len(expected) > 3


def test_query_article_3_deadline_passed(server, iris):
    rows = _rows(server, "23-article-3-deadline-passed")
    states = {r["state"] for r in rows}
    assert str(iris.state("AFG")) in states  # due 2020-03-01, before the table's 2026-02-03
    assert str(iris.state("VUT")) not in states  # in force 2026-03-01: due 2034
    assert all(r["due"] < r["asOf"] == "2026-02-03" for r in rows)


def test_query_signatories_at_the_first_meeting_who_became_parties(server, kg, iris):
    rows = _rows(server, "24-signatories-at-the-first-meeting-who-became-parties")
    start = "2010-11-09"  # 002, paragraph 6: held at Vientiane "from 9 to 12 November 2010"
    assert rows and all(r["consented"] > start for r in rows)
    # every signatory the report lists (002, paragraph 9) whose row in 004 has a consent date
    signatories = {
        str(p)
        for part in kg.subjects(CCM.participationStatus, iris.status("Signatory State"))
        for p in kg.objects(part, CCM.participant)
    }
    consented = {str(kg.value(c, CCM.actionBy)) for c in kg.subjects(RDF.type, CCM.ConsentToBeBound)}
    assert {r["state"] for r in rows} == signatories & consented


def _rows(server, name: str) -> list[dict[str, str]]:

    example = next(e for e in load_examples() if e.name == name)
    reply = query(server, example.query)
    assert reply.status == 200, reply.text
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(reply.body)["results"]["bindings"]]


def test_the_lineage_table_drills_down_by_theme_and_downloads(server):
    import csv
    import io

    page = request(server, "GET", "/lineage").text
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith("Lineage: Vientiane Action Plan to") and "<" not in title
    assert page.count('id="links"') == 1
    # a theme's label in the picture leads to its links
    assert 'href="/lineage?theme=Clearance#links"' in page
    clearance = request(server, "GET", "/lineage?theme=Clearance").text
    # 003 Lausanne 18 (survey and clearance) carries on 001 #12 (clearance), a reviewed decision (documents/005)
    assert 'href="/id/lineage/lap-18/vap-12"' in clearance
    rows = list(csv.DictReader(io.StringIO(request(server, "GET", "/lineage/links.csv?theme=Clearance").text)))
    assert ("18", "12", "reviewed") in {(r["lausanne_action"], r["vientiane_action"], r["basis"]) for r in rows}
    # each side's words, not only its number: the sentences the link rests on (documents/005 quotes 003 18
    # "Identify the precise location, scope and extent" and 001 #12 "identify as precisely as possible locations")
    link = next(r for r in rows if (r["lausanne_action"], r["vientiane_action"]) == ("18", "12"))
    assert link["lausanne_text"].startswith("Identify the precise location, scope and extent")
    assert "identify as precisely as possible locations" in link["vientiane_text"]
    assert "Identify the precise location, scope and extent" in clearance
    everything = list(csv.DictReader(io.StringIO(request(server, "GET", "/lineage/links.csv").text)))
    # every computed link states its probability, every reviewed one is certain
    assert all(float(r["probability"]) == 1 for r in everything if r["basis"] == "reviewed" and r["link"])
    assert {r["relation"] for r in everything} >= {"merged", "dropped", "new"}
    assert request(server, "GET", "/lineage?basis=nobody").status == 400


def test_a_dropped_action_says_in_words_that_nothing_continues_it(server):
    # 001 #53: "Assist the efforts of the President to develop a regular work programme and meeting schedule
    # ... for consideration by the Second Meeting of States Parties": done in 2011, carried into nothing
    page = request(server, "GET", "/id/vap/action/53", headers={"Accept": "text/html"}).text
    assert "Not carried into the Lausanne Action Plan" in page
    assert "as reviewed by a person who read both plans" in page  # every Lausanne action has a review
    # documents/005: Lausanne 4 (gender and diversity) is new
    page = request(server, "GET", "/id/lap/action/4", headers={"Accept": "text/html"}).text
    assert "New in this plan" in page and "Vientiane Action Plan" in page


def test_a_link_and_an_action_say_which_sentence_carried_over(server):
    # documents/005: Lausanne 27 carries on 001 #17's second sentence, "Risk reduction education programmes
    # should be tailored ... integrated into clearance, survey and victim assistance activities"
    page = request(server, "GET", "/id/lineage/lap-27/vap-17", headers={"Accept": "text/html"}).text
    assert "What carried over" in page and 'href="/id/vap/action/17/commitment/2"' in page
    assert page.index("What carried over") < page.index("The two actions in full")
    earlier = request(server, "GET", "/id/vap/action/17", headers={"Accept": "text/html"}).text
    # the Vientiane action's page quotes the Lausanne sentence that carries it on
    assert "Where feasible and appropriate, develop national strategies and work plans" in html.unescape(earlier)


def test_a_link_page_marks_the_words_that_changed(server):
    page = request(server, "GET", "/id/lineage/lap-18/vap-12", headers={"Accept": "text/html"}).text
    # 001 #12 "Endeavour to, ... identify as precisely as possible locations"; 003 18 "Identify the precise location"
    assert "<del>" in page and "<ins>" in page
    # headed in the plans' words, the reviewer's quotes (documents/005), the numbers under them
    heading = html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1))
    assert (
        heading
        == "“Identify the precise location, scope and extent” carries on “identify as precisely as possible locations”"
    )
    assert "reviewed by a person who read both plans" in page
    # the decision it publishes, and what the texts alone would have said (the model's second opinion)
    assert 'href="/id/lineage-review/lap-18/vap-12"' in page
    opinion = re.search(r"the model would give it probability (\d\.\d\d)", page)
    assert opinion and 0 <= float(opinion.group(1)) <= 1
