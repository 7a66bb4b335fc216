"""The README is a front door and docs/ holds the rest: every page reachable, every link whole."""

from __future__ import annotations

import re
from pathlib import Path

from graph.sources import PROJECT_ROOT

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _pages() -> list[Path]:
    return [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").rglob("*.md"))]


def _links(page: Path) -> set[Path]:
    found = set()
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if not re.match(r"^[a-z]+:", target):  # http:, mailto: are someone else's
            found.add((page.parent / target).resolve())
    return found


def test_the_readme_is_short():
    assert len((PROJECT_ROOT / "README.md").read_text().splitlines()) <= 200


def test_every_relative_link_leads_somewhere():
    for page in _pages():
        for target in _links(page):
            assert target.exists(), f"{page.relative_to(PROJECT_ROOT)} links to a missing {target}"


def test_every_page_in_docs_is_linked_from_another_page():
    linked = set().union(*(_links(page) for page in _pages()))
    # bench/all.py puts the summary at the top of docs/benchmarks.md: it is read there
    joined = {(PROJECT_ROOT / "docs" / "benchmarks-summary.md").resolve()}
    for page in (PROJECT_ROOT / "docs").rglob("*"):
        if page.is_file() and page.suffix in (".md", ".csv") and page.resolve() not in joined:
            assert page.resolve() in linked, f"nothing links to {page.relative_to(PROJECT_ROOT)}"
