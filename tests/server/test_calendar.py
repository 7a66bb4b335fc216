"""Every State's treaty calendar, in-process on both stores: the State page, the calendar across
States with its CSV and iCalendar downloads, the map of States by status and the timeline. Dates
come from the depositary's table (004) and Articles 17 and 20(3) of the Convention (003)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from icalendar import Calendar

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
