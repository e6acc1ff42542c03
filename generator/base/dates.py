"""Reading dates as people write them, and writing them as each locale expects (Babel).

Dates, read as a whole (:func:`read_date`, as date lines are: see
:mod:`generator.document.date_lines`) or found in a longer text (:func:`parse_human_date`):
``2024-02-01`` (also with ``/`` or ``.``), ``February 1, 2024``, ``Feb. 1, 2024``, ``Sept 3,
2024``, ``February 7th 2024``, ``1 February 2024``, ``1st of February 2024``, ``Thursday,
February 1, 2024``, ``2026年3月17日`` or ``2026 年 3 月 17 日``, and every way the language
writes a date in Babel's CLDR data (:mod:`generator.base.cldr_dates`): ``17. prosince
2025``, ``lundi 3 mars 2025``, ``1er février 2024``, ``17 de marzo de 2026``, ``2025. március
3.``, ``3 марта 2025 г.``, ``2025년 3월 3일``. Month and weekday names, in each grammatical
form CLDR lists, come from Babel for the language and English. Only in date lines: a month
without a day (``June 2025``, ``junio de 2025``, ``2025年6月``, ``2025-06``) stands for its
first day and is marked approximate. Day and month written as numbers in any other order
(``03/04/2026``, even ``25/12/2025``) are read only in the order ``source.numeric_dates``
names (``day_first`` or ``month_first``; a dotted date is day first anyway in a language
that writes its dates so, such as German ``01.02.2024``), and refused otherwise: accepting
only the unambiguous ones would make a policy readable in December and unreadable in
January. A weekday written before the date is not checked against it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from babel import Locale
from babel.dates import format_date, format_skeleton, get_date_format
from babel.lists import format_list

from generator.base.cldr_dates import (
    day_forms,
    dotted_day_first,
    locale_of,
    month_forms,
    month_numbers,
    weekday_names,
)


def _locale(lang: str) -> Locale:
    return locale_of(lang)


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SLASHED_ISO = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th|º|er)?\s+(?:de\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+)?(\d{4})"
)
# Starts only where a word starts: the same first match as anywhere (a word's tail is followed
# by what follows the word), found in linear rather than quadratic time in long words.
_MONTH_DAY_YEAR = re.compile(r"(?<![^\W\d_])([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
# Added after the forms above, so that a text they read is read as before.
_DAY_OF_MONTH_YEAR = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?([^\W\d_]+)\.?,?\s+(\d{4})", re.IGNORECASE
)
_NUMERIC_IN_TEXT = re.compile(
    r"(?<!\d)(\d{1,2})(?P<sep>[-/.])\s?(\d{1,2})(?P=sep)\s?(\d{4}|\d{2})(?!\d)"
)


def numeric_order(lang: str, separator: str, numeric: str) -> str:
    """How a numeric date is read: ``numeric`` when configured, day first for a dotted date
    in a language whose dates are written day first between dots (German ``01.02.2024``,
    Czech, Polish, Finnish…: :func:`~generator.base.cldr_dates.dotted_day_first`), and ""
    (refused) otherwise."""
    if numeric:
        return numeric
    return "day_first" if separator == "." and dotted_day_first(lang) else ""


def _numeric_day(first: str, second: str, year: str, order: str) -> dt.date | None:
    """The day of a numeric date read in ``order``; a two-digit year is 2000–2069 or
    1970–1999."""
    full = int(year) + (0 if len(year) == 4 else 2000 if int(year) < 70 else 1900)
    day, month = (first, second) if order == "day_first" else (second, first)
    return real_date(full, month, day)


def real_date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_human_date(text: str, lang: str = "en", numeric: str = "") -> dt.date | None:
    """Read "2026-03-17", "March 17, 2026", "17 March 2026", "17 de marzo de 2026",
    "2026年3月17日"; None when the text holds no date one can be sure of.

    Also "1st of March 2026" and "17. März 2026", and in German (``lang`` "de…")
    "17.03.2026". Purely numeric day/month orders ("03/04/2026") are ambiguous: read only in
    the ``numeric`` order (``day_first`` or ``month_first``), refused otherwise.
    A month without a day ("June 2025") is not a date here (see :func:`find_date_line`).
    """
    text = " ".join(text.strip().split())
    for pattern in (_ISO, _CJK, _SLASHED_ISO):
        match = pattern.search(text)
        if match:
            return real_date(*match.groups())
    months = month_numbers(lang)
    match = _DAY_MONTH_YEAR.search(text)
    if match and match.group(2).lower() in months:
        return real_date(match.group(3), months[match.group(2).lower()], match.group(1))
    match = _MONTH_DAY_YEAR.search(text)
    if match and match.group(1).lower() in months:
        return real_date(match.group(3), months[match.group(1).lower()], match.group(2))
    match = _DAY_OF_MONTH_YEAR.search(text)
    if match and match.group(2).lower() in months:
        return real_date(match.group(3), months[match.group(2).lower()], match.group(1))
    match = _NUMERIC_IN_TEXT.search(text)
    order = numeric_order(lang, match["sep"], numeric) if match else ""
    if match and order and (match["sep"] == "." or numeric):
        return _numeric_day(match.group(1), match.group(3), match.group(4), order)
    return None


def locale_numeric_order(lang: str) -> str:
    """``day_first`` or ``month_first``: the order of ``lang``'s short numeric dates (Babel's
    "M/d/yy" for English is month first)."""
    pattern = get_date_format("short", locale=_locale(lang)).pattern
    return "month_first" if pattern.find("M") < pattern.find("d") else "day_first"


def format_long_date(day: dt.date, lang: str) -> str:
    """ "1 March 2026", "2026年3月1日", "1 de marzo de 2026"."""
    return format_date(day, format="long", locale=_locale(lang))


def format_items(items: list[str], lang: str) -> str:
    """ "2 sections changed and 1 section added": a list in the language's convention."""
    return format_list(items, style="standard", locale=_locale(lang))


def format_month(day: dt.date, lang: str) -> str:
    """ "March 2026", "2026年3月", "marzo de 2026": a date written with its month only."""
    return format_skeleton("yMMMM", day, locale=_locale(lang))


# --- a date read as a whole, and the labels written before one ------------------------

#: What may close a date or a line after it (punctuation, brackets, spaces).
CLOSING = " \t.,;:!。，；)）]"
_DIGIT = re.compile(r"\d")

_ARTICLE = r"(?:(?:the|el|le|dem|den|am)\s+)?"
_WEEKDAY = r"(?:(?P<weekday>[^\W\d_]{2,})\.?,?\s+)?"
_ISO_LIKE = re.compile(r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})")
_ISO_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})")
_CJK_DAY = re.compile(
    r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号號]"
    r"(?:\s*[（(]?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][）)]?)?"
)
_CJK_MONTH = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月份?")
_NUMERIC = re.compile(
    _WEEKDAY + r"(?P<first>\d{1,2})(?P<sep>[-/.])\s?(?P<second>\d{1,2})(?P=sep)\s?"
    r"(?P<year>\d{4}|\d{2})"
)
_MIXED_NUMERIC = re.compile(r"\d{1,2}[-/.]\s?\d{1,2}[-/.]\s?(?:\d{4}|\d{2})")
_DMY = re.compile(
    _ARTICLE + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.?º|\.?ª|°|\.)?\s*"
    r"(?:(?:of|de)\s+)?(?P<month>[^\W\d_]{3,})\.?,?\s+(?:(?:de|del)\s+)?(?P<year>\d{4})",
    re.IGNORECASE,
)
_MDY = re.compile(
    _ARTICLE + _WEEKDAY + r"(?P<month>[^\W\d_]{3,})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<year>\d{4})",
    re.IGNORECASE,
)
_MY = re.compile(
    _ARTICLE + r"(?P<month>[^\W\d_]{3,})\.?,?\s+(?:(?:de|del|of)\s+)?(?P<year>\d{4})",
    re.IGNORECASE,
)

_NO_SUCH_DAY = "there is no such day"
AMBIGUOUS = "day and month are both numbers, so their order is ambiguous"


class UnsafeDateError(Exception):
    """Text shaped like a date that is not one (February 30) or cannot be read safely."""

    def __init__(self, reason: str, text: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.text = text


class Reading(NamedTuple):
    """A date read as a whole, and whether only its month was written."""

    date: dt.date
    """The day (the 1st for a month-only date)."""
    approximate: bool
    """Only month and year were written."""


def _day(year: str, month: str | int, day: str | int) -> dt.date:
    found = real_date(year, month, day)
    if found is None:
        raise UnsafeDateError(_NO_SUCH_DAY)
    return found


def _weekday_ok(match: re.Match[str], lang: str) -> bool:
    """True when the match has no weekday, or a weekday name of ``lang`` or English."""
    weekday = match.groupdict().get("weekday")
    return not weekday or weekday.lower().rstrip(".") in weekday_names(lang)


def _named_month(match: re.Match[str], lang: str) -> int | None:
    """The number of the match's month name; None when it (or its weekday) is no such word."""
    if not _weekday_ok(match, lang):
        return None
    return month_numbers(lang).get(match["month"].lower().rstrip("."))


def _month_of(match: re.Match[str], lang: str) -> int:
    """The month of a match of a CLDR form: its number, or its name's (the form only
    matches names of the language and English)."""
    written = match["month"]
    if written.isdigit():
        return int(written)
    return month_numbers(lang)[written.lower().rstrip(".")]


def read_date(text: str, lang: str, numeric: str = "") -> Reading | None:
    """The date that ``text`` is, as a whole (closing punctuation aside); None when it is not
    a date. Raises :class:`UnsafeDateError` for a date-shaped text that is not a real or
    safe date (a numeric one when no ``numeric`` order is given)."""
    text = text.strip().rstrip(CLOSING)
    if not text or len(text) > 60 or not _DIGIT.search(text):
        return None
    try:
        return _read_whole(text, lang, numeric)
    except UnsafeDateError as error:
        error.text = text
        raise


def _read_whole(text: str, lang: str, numeric: str) -> Reading | None:
    """:func:`read_date` on a stripped text of at most 60 characters."""
    for pattern in (_ISO_LIKE, _CJK_DAY):
        match = pattern.fullmatch(text)
        if match:
            return Reading(_day(match["year"], match["month"], match["day"]), False)
    match = _NUMERIC.fullmatch(text)
    if match:
        order = numeric_order(lang, match["sep"], numeric)
        if not order:
            raise UnsafeDateError(AMBIGUOUS)
        if not _weekday_ok(match, lang):
            return None
        found = _numeric_day(match["first"], match["second"], match["year"], order)
        if found is None:
            raise UnsafeDateError(_NO_SUCH_DAY)
        return Reading(found, False)
    if _MIXED_NUMERIC.fullmatch(text):
        raise UnsafeDateError(AMBIGUOUS)
    for pattern in day_forms(lang):
        match = pattern.fullmatch(text)
        if match:
            return Reading(_day(match["year"], _month_of(match, lang), match["day"]), False)
    for pattern in (_DMY, _MDY):
        match = pattern.fullmatch(text)
        if match:
            month = _named_month(match, lang)
            if month is not None:
                return Reading(_day(match["year"], month, match["day"]), False)
    match = _CJK_MONTH.fullmatch(text) or _ISO_MONTH.fullmatch(text)
    if match:
        if 1 <= int(match["month"]) <= 12:
            return Reading(_day(match["year"], match["month"], 1), True)
        return None
    for pattern in month_forms(lang):
        match = pattern.fullmatch(text)
        if match:
            return Reading(_day(match["year"], _month_of(match, lang), 1), True)
    match = _MY.fullmatch(text)
    if match:
        month = _named_month(match, lang)
        if month is not None:
            return Reading(_day(match["year"], month, 1), True)
    return None
