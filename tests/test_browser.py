"""The query UI in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

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


def test_query_ui_runs_an_example_and_shows_its_rows(server, browser):
    example = next(e for e in load_examples() if e.name.startswith("01-"))
    page = browser.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/query")
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
    assert outside == []  # no CDN, no prefix.cc: everything from our server
    page.close()
