"""A table a user supplies: the date the Convention entered into force for each state."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path


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
