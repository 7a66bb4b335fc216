"""The depositary's table (004) read by hand, with Python's csv module and Article 17 and 20(3) written
out in a few lines: what the tests hold the graph's dates and counts to, computed independently of it."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass

from graph.sources import DOCUMENTS_DIR, SOURCE_FILES


@dataclass(frozen=True)
class Row:
    iso3: str
    name: str
    signature: dt.date | None
    consent: dt.date | None
    withdrawal_effect: dt.date | None
    entry_into_force: dt.date | None


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _sixth_month_after(day: dt.date) -> dt.date:
    """Article 17: 'the first day of the sixth month after the month in which ...'."""
    month = day.month + 6
    return dt.date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def rows() -> list[Row]:
    with (DOCUMENTS_DIR / SOURCE_FILES["004"]).open(encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    deposits = sorted(_date(r["consent_date"]) for r in table if r["consent_date"])
    thirtieth = deposits[29]  # Article 17(1): the thirtieth instrument
    out = []
    for r in table:
        consent = _date(r["consent_date"])
        if consent is None:
            eif = None
        elif consent <= thirtieth:
            eif = _sixth_month_after(thirtieth)  # 17(1)
        else:
            eif = _sixth_month_after(consent)  # 17(2)
        withdrawal = _date(r["withdrawal_deposit"])
        if withdrawal is not None:  # Article 20(3): six months after the depositary receives it
            month = withdrawal.month + 6
            withdrawal = withdrawal.replace(year=withdrawal.year + (month - 1) // 12, month=(month - 1) % 12 + 1)
        out.append(Row(r["iso3"], r["state"], _date(r["signature"]), consent, withdrawal, eif))
    return out


def count(day: dt.date, rule: str) -> dict[str, int]:
    """How many States held each status on `day`, a State counted from its deposit or from the entry into force."""
    out = {"State Party": 0, "consented, not yet in force": 0, "signatory": 0, "withdrawn": 0}
    for r in rows():
        if r.withdrawal_effect and day >= r.withdrawal_effect:
            out["withdrawn"] += 1
        elif r.entry_into_force and day >= r.entry_into_force:
            out["State Party"] += 1
        elif r.consent and day >= r.consent:
            out["State Party" if rule == "deposit" else "consented, not yet in force"] += 1
        elif r.signature and day >= r.signature:
            out["signatory"] += 1
    if rule == "deposit":
        del out["consented, not yet in force"]
    return out
