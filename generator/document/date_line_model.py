"""What a date line is (:class:`DateLine`), why one is refused (:class:`DateLineError`),
and the lines a site's own patterns (``source.effective_date: text: {patterns: …}``) find."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.base.dates import AMBIGUOUS, Reading, UnsafeDateError, parse_human_date, read_date
from generator.document.date_line_rules import MAX_RAW_CHARS
from generator.document.date_line_text import line_content, plain_text
from generator.document.date_markers import NOT_ISO


@dataclass(frozen=True, slots=True)
class DateLine:
    """An effective date written in a document's text."""

    date: dt.date
    """The day (the 1st for a month-only date)."""
    approximate: bool
    """True when only month and year were written ("June 2025")."""
    label: str
    """The label as written, markup removed ("Last updated"); for a configured pattern,
    the text it matched before the date."""
    line: int
    """1-based line number in the text given."""
    start: int
    """Offset in the text of the date line's first character."""
    end: int
    """Offset in the text just after the date line's last character (before its line break)."""
    marked: bool = False
    """True when a date marker (``{: datetime="…" }``, ``<time datetime="…">``) gave the
    date, whatever the words of the line say."""
    lead: str = ""
    """How the dated part of the line begins, markup removed (its label, or the words before
    the date), so that a heading's title before it can be kept."""


class DateLineError(ValueError):
    """A date line whose date cannot be read: "Effective date: 03/04/2026", "February 30, 2024",
    or a configured pattern that matched text that is not a date.

    Callers turn it into a message for the person who wrote the file.
    """

    def __init__(self, line: int, text: str, reason: str, pattern: str | None = None) -> None:
        self.line = line
        """1-based line number of the date line."""
        self.text = text if len(text) <= 200 else text[:199] + "…"
        """The date as written, which could not be read (shortened past 200 characters)."""
        self.reason = reason
        """Why, in plain words ("the order of day and month is ambiguous")."""
        self.pattern = pattern
        """The configured pattern that matched, or None for a built-in label."""
        super().__init__(f"line {line}: {self.text!r} is not a date I can read: {reason}.")

    @property
    def hint(self) -> str:
        """How to write the date instead (or, for day and month as numbers, how to say which
        comes first)."""
        if self.reason == AMBIGUOUS:
            return (
                "Write the date like 2026-03-17 or 17 March 2026; or, if every date in your "
                "policies puts the day (or the month) first, say so with 'source.numeric_dates: "
                "day_first' (or month_first) in the site configuration."
            )
        if self.reason == NOT_ISO:
            return 'Write the marker\'s date like 2026-03-17: {: datetime="2026-03-17" }.'
        return "Write the date like 2026-03-17 or 17 March 2026."


def _user_date(
    match: re.Match[str], pattern: str, line: str, number: int, lang: str, numeric: str
) -> tuple[Reading, str]:
    """The date a configured pattern's match holds, and the label before it."""
    if match.re.groups:
        written = match.group(1) or ""
        label = (
            plain_text(line[match.start() : match.start(1)]) if match.group(1) is not None else ""
        )
    else:
        written, label = match.group(0), ""
    label = label.rstrip(" :：-–—")
    try:
        reading = read_date(plain_text(written), lang, numeric)
    except UnsafeDateError as refused:
        raise DateLineError(number, written.strip(), refused.reason, pattern) from None
    if reading is None:
        parsed = parse_human_date(plain_text(written), lang, numeric)
        if parsed is None:
            raise DateLineError(number, written.strip(), "it is not a date", pattern)
        reading = Reading(parsed, False)
    return reading, label


def pattern_line(
    compiled: Sequence[re.Pattern[str]],
    line: str,
    visible: str | None,
    number: int,
    start: int,
    lang: str,
    numeric: str,
) -> DateLine | None:
    """The date line a configured pattern finds in ``line``: as written, then (outside
    comments and code) with its markup removed."""
    plain: str | None = None
    for regex in compiled:
        match = regex.search(line)
        written = line
        if match is None and visible is not None and len(line) <= MAX_RAW_CHARS:
            plain = plain if plain is not None else plain_text(line_content(visible)[0])
            match = regex.search(plain) if plain != line else None
            written = plain
        if match is not None:
            reading, label = _user_date(match, regex.pattern, written, number, lang, numeric)
            end = start + len(line)
            return DateLine(reading.date, reading.approximate, label, number, start, end)
    return None
