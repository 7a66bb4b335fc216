"""Calendar arithmetic for time limits: a date plus an xsd:duration."""

from __future__ import annotations

import calendar
import datetime as dt
import re


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day where it is shorter (31 August + 6 months:
    the end of February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def duration_parts(duration: str) -> tuple[int, int, int] | None:
    """The years, months and days of an xsd:duration of those units (P8Y, P6M, P180D); None for any other."""
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?", duration)
    if m is None:
        return None
    years, months, days = (int(g) if g else 0 for g in m.groups())
    return years, months, days


def add_duration(start: dt.date, duration: str) -> dt.date:
    """start + an xsd:duration of years, months or days (P8Y, P6M, P180D)."""
    parts = duration_parts(duration)
    if parts is None:
        raise ValueError(f"unsupported duration {duration}")
    years, months, days = parts
    return add_months(start, 12 * years + months) + dt.timedelta(days=days)
