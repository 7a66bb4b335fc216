"""Every State's treaty calendar, in-process: the State page, the calendar across
States with its CSV and iCalendar downloads, the map of States by status and the timeline. Dates
come from the depositary's table (004) and Articles 17 and 20(3) of the Convention (003)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from icalendar import Calendar

from tests.support import depositary
from tests.support.http import request

TODAY = "2026-12-01"


def get(server, path: str) -> str:
    reply = request(server, "GET", path)
    assert reply.status == 200, (path, reply.status, reply.text[:300])
    return reply.text


def test_a_state_page_shows_its_status_history_and_due_dates(server):
    page = get(server, f"/id/state/AFG?on={TODAY}")
    assert "Treaty calendar" in page and "<strong>State Party</strong>" in page
    # 004 row 1: signed 2008-12-03, ratified 2011-09-08; Article 17(2): in force 2012-03-01
    for date in ("2008-12-03", "2011-09-08", "2012-03-01"):
        assert f'datetime="{date}"' in page
    assert 'href="/id/state/AFG/consent"' in page  # the row the date was read from
    assert 'href="/id/convention/article/17/paragraph/2"' in page  # the rule that gave the date
    assert "2012-08-28" in page  # Article 7(1): 180 days later, under "Fell due"


def test_status_on_any_date(server):
    assert "<strong>withdrawn</strong>" in get(server, f"/id/state/LTU?on={TODAY}")
    assert "<strong>State Party</strong>" in get(server, "/id/state/LTU?on=2020-01-01")
    assert "<strong>signatory</strong>" in get(server, "/id/state/AGO")  # 004 row 4: signed, never ratified
    assert "<strong>consented, not yet in force</strong>" in get(server, "/id/state/VUT?on=2025-12-01")
    assert "the Convention has not entered into force for this State" in get(server, "/id/state/AGO")


def test_calendar_filters_and_csv(server):
    body = get(server, "/calendar.csv?state=AFG&when=all&article=Article+7")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows and {r["iso3"] for r in rows} == {"AFG"} and {r["rule"] for r in rows} == {"Article 7"}
    assert rows[0]["due"] == "2012-08-28"
    upcoming = list(csv.DictReader(io.StringIO(get(server, f"/calendar.csv?on={TODAY}"))))
    assert upcoming and all(r["due"] >= TODAY for r in upcoming)
    past = list(csv.DictReader(io.StringIO(get(server, f"/calendar.csv?on={TODAY}&when=past&year=2020"))))
    assert past and all(r["due"].startswith("2020-") for r in past)
    assert request(server, "GET", "/calendar?year=twenty").status == 400
    assert request(server, "GET", "/calendar?on=yesterday").status == 400


def test_icalendar_download_parses_with_one_event_per_due_date(server):
    reply = request(server, "GET", "/calendar.ics?state=AFG&when=all")
    assert reply.header("Content-Type").startswith("text/calendar")
    events = Calendar.from_ical(reply.body).walk("VEVENT")
    rows = list(csv.DictReader(io.StringIO(get(server, "/calendar.csv?state=AFG&when=all"))))
    assert len(events) == len(rows) > 5
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtstart").isoformat() == "2012-08-28" and str(first["uid"]).endswith("/due/AFG")


def test_map_colours_every_state_by_its_status(server):
    page = get(server, f"/calendar/map?on={TODAY}")
    assert page.count("<path ") > 150 and "https://" not in page.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )
    rows = list(csv.DictReader(io.StringIO(get(server, f"/calendar/map.csv?on={TODAY}"))))
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in {r["status"] for r in rows}}
    # 004 README: 112 Parties (Vanuatu in force since 2026-03-01), 12 signatories without consent, Lithuania
    assert counts == {"State Party": 112, "signatory": 12, "withdrawn": 1}
    assert 'data-iso3="AFG" data-status="State Party"' in page and 'data-iso3="LTU" data-status="withdrawn"' in page
    # at the First Meeting, Afghanistan had signed only
    assert 'data-iso3="AFG" data-status="signatory"' in get(server, "/calendar/map?on=2010-11-09")


def test_timeline_counts_add_up_to_the_calendar(server):
    rows = list(csv.DictReader(io.StringIO(get(server, "/calendar/timeline.csv"))))
    every = list(csv.DictReader(io.StringIO(get(server, "/calendar.csv?when=all"))))
    assert sum(int(r["due_dates"]) for r in rows) == len(every) > 1000
    assert "<svg" in get(server, "/calendar/timeline")


@pytest.mark.parametrize("path", ["/calendar", "/calendar/map", "/calendar/timeline", "/id/state/LTU"])
def test_calendar_pages_load_nothing_from_elsewhere(server, path):
    """Scripts, styles, images and map geometry all come from this server: no tiles, no CDN."""
    page = get(server, path)
    loaded = re.findall(r'(?:src|srcset)="([^"]+)"', page) + re.findall(r'<link[^>]+href="([^"]+)"', page)
    assert loaded and all(url.startswith("/") for url in loaded), loaded


def test_the_state_page_says_what_is_next_due_and_what_it_requires(server):
    # Lao PDR, in force from 2010-08-01 (Article 17(1)): after 1 December 2026, the next date is Article 7(2)'s
    # annual update, "not later than 30 April of each year"
    page = get(server, f"/id/state/LAO?on={TODAY}")
    next_due = page.split('class="next-due"', 1)[1].split("</p>", 1)[0]
    assert 'datetime="2027-04-30"' in next_due
    assert "Update the information provided in accordance with paragraph 1" in next_due
    assert "Article 7, paragraph 2" in next_due
    assert "fell due: the data does not say whether the State did what was due" in page
    assert "Articles 3(3)–(6) and 4(5)–(8)" in page
    # a duty that binds only a State with stockpiles says so: Article 3(2), eight years after 2010-08-01
    assert "2018-08-01" in page and "(if it holds stockpiled cluster munitions)" in page
    # what fell due, one line per time limit: the annual update once, with its 16 dates (30 April 2011-2026)
    fell_due = page.split("<h3>Fell due</h3>", 1)[1].split("</ul>", 1)[0]
    assert fell_due.count("Update the information provided in accordance with paragraph 1") == 1
    assert "each year from" in fell_due and "2011-04-30" in fell_due and "2026-04-30" in fell_due
    assert "(16 dates)" in fell_due


def test_a_state_that_joined_in_2026_owes_nothing_under_the_vientiane_plan(server):
    # Vanuatu: in force from 2026-03-01; the Vientiane plan's actions were "to be undertaken prior to the First
    # Review Conference" (2015); the Lausanne plan's action 18 binds it "for new States Parties" (2021-26)
    page = get(server, f"/id/state/VUT?on={TODAY}")
    assert "Vientiane Action Plan" not in page.split('class="calendar"', 1)[1]
    assert "Lausanne Action Plan, Action 18" in page and "for new States Parties" in page


def test_every_state_page_has_a_status_line_non_participants_too(server):
    page = get(server, f"/id/state/CHN?on={TODAY}")
    assert "<strong>not a participant</strong>" in page and "does not bind it" in page


def test_the_calendar_names_each_due_date_by_what_it_requires(server):
    rows = list(csv.DictReader(io.StringIO(get(server, "/calendar.csv?state=AFG&when=all&article=Article+3"))))
    assert rows and rows[0]["requires"].startswith("Destroy or ensure the destruction of all cluster munitions")
    assert rows[0]["only_if"] == "if it holds stockpiled cluster munitions"
    page = get(server, "/calendar?state=AFG&when=all")
    assert '<th scope="col">What is due</th>' in page and "Report to the Secretary-General" in page
    events = Calendar.from_ical(request(server, "GET", "/calendar.ics?state=AFG&when=all").body).walk("VEVENT")
    assert any(str(e["summary"]).startswith("Afghanistan: Report to the Secretary-General") for e in events)


@pytest.mark.parametrize("on", ["2010-11-12", "2015-07-24", "2025-12-31"])
def test_counts_on_a_date_under_both_rules_equal_the_hand_count(server, on):
    rows = list(csv.DictReader(io.StringIO(get(server, f"/calendar/counts.csv?on={on}"))))
    for rule in ("deposit", "entry-into-force"):
        found = {r["status"]: int(r["count"]) for r in rows if r["rule"] == rule}
        assert found == depositary.count(dt.date.fromisoformat(on), rule), (on, rule)
        assert {r["on"] for r in rows} == {on}
    # one rule, asked by name
    only = list(csv.DictReader(io.StringIO(get(server, f"/calendar/counts.csv?on={on}&rule=deposit"))))
    assert {r["rule"] for r in only} == {"deposit"}
    assert "From the deposit" in get(server, f"/calendar/counts?on={on}")


def test_counts_refuse_a_bad_date_or_rule_with_400(server):
    assert request(server, "GET", "/calendar/counts.csv?on=24-07-2015").status == 400
    reply = request(server, "GET", "/calendar/counts.csv?on=2015-07-24&rule=ratification")
    assert reply.status == 400 and "deposit" in reply.text and "entry-into-force" in reply.text


def test_the_documents_counts_are_checked_against_the_depositary(server):
    rows = list(csv.DictReader(io.StringIO(get(server, "/calendar/claims.csv"))))
    declared = [r for r in rows if "listed as" not in r["says"]]
    # 002 Annex I (Vientiane Declaration) paragraph 9: "the 108 States that have signed ... and the [46] States that
    # have ratified it", adopted 12 November 2010; 003, Lausanne Declaration paragraph 1: "the 110 States Parties"
    assert any(r["stated"] == "108" and r["counts"] == "signed" for r in declared)
    assert any(r["stated"] == "46" and r["counts"] == "consented" for r in declared)
    lausanne = next(r for r in declared if r["stated"] == "110")
    assert lausanne["counts"] == "State Party" and lausanne["on"] == "2020-11-30"
    for r in declared:  # the depositary's counts, by hand, on the same date
        day = dt.date.fromisoformat(r["on"])
        if r["counts"] != "signed":
            assert int(r["from_deposit"]) == depositary.count(day, "deposit")["State Party"]
            assert int(r["from_entry_into_force"]) == depositary.count(day, "entry-into-force")["State Party"]
    # 002 paragraphs 7-9: the States Parties, the States that had ratified but were not yet bound, and the
    # signatories that took part in the First Meeting (9 November 2010); each list as the depositary's dates give it
    lists = {r["counts"]: r for r in rows if "listed as" in r["says"]}
    assert (lists["State Party"]["stated"], lists["State Party"]["on"]) == ("33", "2010-11-09")
    assert "entry-into-force" in lists["State Party"]["reproduced_under"].split()
    assert lists["consented, not yet in force"]["reproduced_under"] == "entry-into-force"
    assert lists["signatory"]["stated"] == "47"
    assert "checked" in get(server, "/calendar/claims")


def test_search_finds_a_state_by_its_old_name_and_its_page_by_todays(server):
    # 002 (2010) says "Swaziland"; the depositary's table (004) "Eswatini": the label is today's name
    found = request(server, "GET", "/search?q=Swaziland", headers={"Accept": "application/json"})
    assert found.status == 200 and "/id/state/SWZ" in found.text
    assert "<h1>Eswatini</h1>" in get(server, "/id/state/SWZ")
