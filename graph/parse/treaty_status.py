"""The depositary's status table (004): one row per participant in the Convention, with its
signature, its consent to be bound (typed), provisional application and withdrawal, as the
Secretary-General of the United Nations lists them; the as-of date and the page's address come from
the README vendored beside it."""

from __future__ import annotations

import datetime as dt
import re

import pycountry

from ..sources import SourceText
from .csv_cells import csv_rows
from .records import StatusCell, StatusRow, StatusTable

COLUMNS = ("state", "iso3", "signature", "consent_date", "consent_type", "withdrawal_deposit", "notes")
CONSENT_TYPES = ("ratification", "acceptance", "approval", "accession", "succession")
_PROVISIONAL = re.compile(r"provisional application \(n\) (\d{4}-\d{2}-\d{2})")
# "notification of provisional application of Article 1(1)(a)": what a State applies before it is bound
_PROVISIONAL_SCOPE = re.compile(r"provisional application of [Aa]rticle (\d+)(?:\s*\((\d+)\))?(?:\s*\(([a-z])\))?")
_AS_OF = re.compile(r"STATUS AS AT : (\d{2})-(\d{2})-(\d{4})")
_PAGE = re.compile(r"\*\*UN page used for the full table\*\*: the depositary's HTML status page\s+<([^>]+)>")


def _date(src: SourceText, cell: StatusCell, column: str) -> dt.date | None:
    if not cell.value:
        return None
    try:
        return dt.date.fromisoformat(cell.value)
    except ValueError:
        raise src.error(cell.span.start, f"{column} must be a date like 2008-12-03, not {cell.value!r}") from None


def _scope(notes: str) -> tuple[str, ...] | None:
    if m := _PROVISIONAL_SCOPE.search(notes):
        return tuple(part for part in m.groups() if part)
    return None


def parse(src: SourceText, readme: SourceText | None) -> StatusTable:
    """Every row of the table; a malformed row is a ParseError at its line."""
    rows = csv_rows(src, COLUMNS)
    table = StatusTable(src.key)
    if readme is not None:
        if m := _AS_OF.search(readme.text):
            table.as_of = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _PAGE.search(readme.text):
            table.address = m.group(1)
    for number, span, by_name in rows:
        start = span.start
        iso3, kind = by_name["iso3"].value, by_name["consent_type"].value
        if not re.fullmatch(r"[A-Z]{3}", iso3) or pycountry.countries.get(alpha_3=iso3) is None:
            raise src.error(start, f"iso3 must be an ISO 3166-1 alpha-3 code, not {iso3!r}")
        if kind not in ("", *CONSENT_TYPES):
            raise src.error(start, f"consent_type must be one of {', '.join(CONSENT_TYPES)}, not {kind!r}")
        consent = _date(src, by_name["consent_date"], "consent_date")
        if bool(kind) != bool(consent):
            raise src.error(start, "consent_date and consent_type go together")
        notes = by_name["notes"].value
        provisional = _PROVISIONAL.search(notes)
        row = StatusRow(
            number=number,
            state=by_name["state"].value,
            iso3=iso3,
            span=span,
            cells=by_name,
            signature=_date(src, by_name["signature"], "signature"),
            consent=consent,
            consent_type=kind or None,
            withdrawal=_date(src, by_name["withdrawal_deposit"], "withdrawal_deposit"),
            provisional=dt.date.fromisoformat(provisional.group(1)) if provisional else None,
            provisional_scope=_scope(notes),
            notes=notes or None,
        )
        table.rows.append(row)
    if len({r.iso3 for r in table.rows}) != len(table.rows):
        raise src.error(0, "a state appears in two rows")
    return table
