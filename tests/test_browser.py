"""The query UI in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from server.examples import load_examples

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Chromium not found at {CHROMIUM} (.ci/run installs it)"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def test_query_ui_runs_an_example_and_shows_its_rows(live_server, browser):
    example = next(e for e in load_examples() if e.name.startswith("01-"))
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server}/query")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.get_by_role("button", name=example.question).click()
    table = page.locator(".yasr table.dataTable tbody tr")
    table.first.wait_for(timeout=15000)
    rows = table.all_inner_texts()
    # 003: Lausanne actions 18 and 47 are due by the Eleventh Meeting of States Parties in 2022
    assert len(rows) == 2
    assert rows[0].split()[1].startswith('"18"') and rows[1].split()[1].startswith('"47"')
    assert "Identify the precise location" in rows[0]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "query-ui.png"), full_page=True)
    assert errors == []
    assert outside == []  # no CDN, no prefix.cc: everything from our live_server
    page.close()


def test_walk_from_home_to_a_highlighted_source(live_server, browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server}/")
    assert page.locator("h1").inner_text().startswith("The Convention on Cluster Munitions")
    page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)

    page.get_by_role("link", name="Lausanne Action Plan", exact=True).click()
    assert page.locator("h1").inner_text() == "Lausanne Action Plan: actions by theme"
    assert page.get_by_role("heading", name=re.compile("Survey and clearance")).count() == 1
    page.screenshot(path=str(SCREENSHOTS / "lausanne-actions.png"), full_page=True)

    page.get_by_role("link", name="Lausanne Action Plan, Action 18", exact=True).click()
    assert page.url.endswith("/id/lap/action/18")
    assert page.locator("h1").inner_text() == "Lausanne Action Plan, Action 18"
    assert "Identify the precise location" in page.locator("blockquote.text").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "lap-action-18.png"), full_page=True)

    page.get_by_role("link", name="Indicator 1 of Lausanne action 18").first.click()
    assert page.locator("h1").inner_text() == "Indicator 1 of Lausanne action 18"
    assert "The number of" in page.locator("blockquote.text").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "indicator.png"), full_page=True)

    page.go_back()
    assert page.locator("h1").inner_text() == "Lausanne Action Plan, Action 18"
    # the chapeau "States Parties with obligations under Article 4 will:" links the article
    page.locator("a.ref", has_text="Article 4").first.click()
    assert page.url.endswith("/id/convention/article/4")
    assert page.locator("h1").inner_text().startswith("Article 4: Clearance and destruction")
    page.screenshot(path=str(SCREENSHOTS / "article-4.png"), full_page=True)

    page.locator("figure.source figcaption a").first.click()
    mark = page.locator("pre.document mark")
    assert mark.count() == 1 and mark.is_visible()
    assert mark.inner_text().startswith("Article 4")
    page.screenshot(path=str(SCREENSHOTS / "source-span.png"))
    assert errors == []
    page.close()


def test_search_box_suggests_as_you_type(live_server, browser):
    page = browser.new_page()
    page.goto(f"{live_server}/")
    with page.expect_response(lambda r: "/search/suggest" in r.url) as response:
        page.locator("#site-search").fill("stockpile dest")
    assert response.value.ok
    page.wait_for_function("document.querySelectorAll('#site-search-suggestions option').length > 0")
    page.locator("#site-search").press("Enter")
    assert "/search?q=stockpile" in page.url
    assert page.locator(".results li").count() > 3
    page.close()
