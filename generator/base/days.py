"""Why a day written as YYYY-MM-DD is not a day of the calendar, in a reader's words
rather than Python's ("day is out of range for month"): "February 2024 has 29 days",
"there is no month 13"."""

from __future__ import annotations

import calendar
import datetime as dt
import re

ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
"""A day as numbers: year, month, day."""
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def impossible_day(text: str) -> str:
    """Why ``text`` (YYYY-MM-DD) is no day of the calendar, or "" when it is one (or is
    not written as a day at all): "February 2024 has 29 days", "there is no month 13"."""
    found = ISO_DAY.fullmatch(text.strip())
    if found is None:
        return ""
    year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    last = calendar.monthrange(year, month)[1] if year >= dt.MINYEAR else 31
    if not 1 <= day <= last:
        return f"{_MONTHS[month - 1]} {year} has {last} days"
    if year < dt.MINYEAR:
        return "there is no year 0"
    return ""
