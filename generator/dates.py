"""Reading dates as people write them, and writing them as each locale expects (Babel)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_month_names


@cache
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@cache
def _month_numbers(lang: str) -> dict[str, int]:
    """Month names (wide and abbreviated) of the language and of English → month number."""
    names: dict[str, int] = {}
    for code in {lang, "en"}:
        loc = _locale(code)
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, loc).items():
                    names[name.lower().rstrip(".")] = number
    names["sept"] = 9
    return names


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SLASHED_ISO = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th|º|er)?\s+(?:de\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+)?(\d{4})"
)
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def _date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_human_date(text: str, lang: str = "en") -> dt.date | None:
    """Read "2026-03-17", "March 17, 2026", "17 March 2026", "17 de marzo de 2026",
    "2026年3月17日"; None when the text holds no date one can be sure of.

    Purely numeric day/month orders ("03/04/2026") are ambiguous and refused.
    """
    text = " ".join(text.strip().split())
    for pattern in (_ISO, _CJK, _SLASHED_ISO):
        match = pattern.search(text)
        if match:
            return _date(*match.groups())
    months = _month_numbers(lang)
    match = _DAY_MONTH_YEAR.search(text)
    if match and match.group(2).lower() in months:
        return _date(match.group(3), months[match.group(2).lower()], match.group(1))
    match = _MONTH_DAY_YEAR.search(text)
    if match and match.group(1).lower() in months:
        return _date(match.group(3), months[match.group(1).lower()], match.group(2))
    return None


def format_long_date(day: dt.date, lang: str) -> str:
    """ "1 March 2026", "2026年3月1日", "1 de marzo de 2026"."""
    return format_date(day, format="long", locale=_locale(lang))
