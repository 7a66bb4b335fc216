"""The duties and commitments table (/duties): one row per norm and per commitment, as a page with filters
and as CSV; each plan's own table."""

from __future__ import annotations

import csv
import io
from collections import Counter

from tests.support.http import request
from tests.support.norm_table import NORMS


def _csv(server, path: str) -> list[dict[str, str]]:
    reply = request(server, "GET", path)
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(reply.text)))


def test_the_csv_has_one_row_per_norm_and_per_commitment(server):
    rows = _csv(server, "/duties.csv")
    kinds = Counter(r["kind"] for r in rows if r["document"] == "Convention")
    # the hand reading of every sentence of the Convention, less its constitutive rules
    read = Counter(kind for _, _, kind, _ in NORMS if kind != "rule")
    assert kinds == read
    # every commitment of both plans, each once
    commitments = [r for r in rows if r["kind"] == "commitment"]
    assert len({r["iri"] for r in commitments}) == len(commitments)
    plans = Counter(r["document"] for r in commitments)
    assert set(plans) == {"Vientiane Action Plan", "Lausanne Action Plan"}
    assert plans["Vientiane Action Plan"] >= 66 and plans["Lausanne Action Plan"] >= 50  # at least one per action


def test_a_row_quotes_its_source_span(server):
    rows = {r["iri"].rsplit("/id/", 1)[1]: r for r in _csv(server, "/duties.csv")}
    # 003, Article 3(2): "Each State Party undertakes to destroy or ensure the destruction of ..."
    row = rows["convention/article/3/paragraph/2/obligation/1"]
    assert (row["kind"], row["strength"], row["bearer"]) == ("duty", "firm", "All States Parties")
    assert "eight years" in row["deadline"]
    document = request(server, "GET", f"/documents/{row['source_file']}").text
    assert row["source_file"] == "003" and int(row["source_end"]) > int(row["source_start"]) and document
    # 003, Lausanne 12's second sentence, recommended
    row = rows["lap/action/12/commitment/2"]
    assert row["text"].startswith("Details on time-bound milestones") and row["strength"] == "recommended"
    # 4(4)(a) is a recommendation (003, Article 4, paragraph 4 (a): "is strongly encouraged to provide")
    assert rows["convention/article/4/paragraph/4/a/obligation/1"]["kind"] == "recommendation"


def test_the_page_filters_by_document_strength_and_words(server):
    page = request(server, "GET", "/duties?document=lap&strength=encouraging").text
    # 003, Action 26 "..., encourage discussions ..." and 36 "... as well as encourage their participation ..."
    assert page.count("<tr>") == 1 + 2
    assert "encourage discussions on challenges" in page and "as well as encourage their participation" in page
    page = request(server, "GET", "/duties?q=penal+sanctions").text
    assert "Lausanne Action Plan, Action 47, commitment 1" in page
    assert request(server, "GET", "/duties?document=nowhere").status == 400


def test_each_plan_has_its_own_table(server):
    rows = _csv(server, "/duties/lap.csv")
    assert list(rows[0]) == [
        "number", "action", "commitment", "text", "theme", "section", "addressee", "strength", "deadline",
        "indicators", "iri",
    ]  # fmt: skip
    # 003, Action 18: two sentences, both "no later than the Eleventh Meeting of States Parties in 2022"
    eighteen = [r for r in rows if r["action"] == "18"]
    assert [r["number"] for r in eighteen] == ["18.1", "18.2"]
    assert all("Eleventh Meeting" in r["deadline"] for r in eighteen)
    assert eighteen[0]["theme"] == "Clearance" and eighteen[0]["indicators"]  # the section "Survey and clearance"
    assert request(server, "GET", "/duties/xyz.csv").status == 404
    page = request(server, "GET", "/id/lap", headers={"Accept": "text/html"}).text
    assert 'href="/duties/lap.csv"' in page
    # one section's: 003 "Victim assistance" holds actions 31-37; a section the plan has not is a 400
    section = _csv(server, "/duties/lap.csv?section=Victim+assistance")
    assert {r["action"] for r in section} == {str(n) for n in range(31, 38)}
    assert {r["section"] for r in section} == {"Victim assistance"}
    assert request(server, "GET", "/duties/lap.csv?section=Nowhere").status == 400
