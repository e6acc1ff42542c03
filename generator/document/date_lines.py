"""The line of a document that states its effective date (:func:`find_date_line`), for
policies kept without front matter ("Last updated: June 2025", "**Effective Date:** February
1, 2024", "Stand: 1. Februar 2024", "生效日期：2024年2月1日"), and the text without it
(:func:`strip_date_line`); dates are read by :mod:`generator.base.dates`. What counts as a date
line (the rules the tests pin down):

- **Label first, date last.** After markup is removed (block quotes, list markers, headings,
  emphasis, inline HTML tags, links, entities), the line starts with a label
  (:data:`BUILTIN_LABELS`, plus :data:`LANGUAGE_LABELS` of ``lang``), then an optional
  colon or dash, then a date that ends the line (closing punctuation aside). So a defined
  term (``"Effective Date" means…``) or a date mentioned in passing ("Until the effective
  date of March 1, 2024 the old terms apply") is not a date line.
- **Short companions.** A line may be cut into parts by ``|``, ``·``, ``—``, ``–`` or a
  spaced ``-``: before the dated part may stand parts of at most five words (a title, a
  version: "Version 3 | Effective 1 March 2024"); after it, only version numbers or other
  dated parts. In a heading anything may come before it, and a parenthesis counts as a cut:
  "# Privacy Policy — Last updated June 2025", "## Terms (Effective March 1, 2024)".
- **Short sentences** (English): a line that is one sentence whose subject starts with
  this/these/the/our and whose predicate is "is effective (as of)", "was last updated (on)",
  "take(s) effect (on)", "come(s) into force (on)"…, ending with the date: "These terms are
  effective as of February 1, 2024." A subject naming a past version ("The previous
  version was effective from…") does not count. Also "The effective date of this policy
  is 1 March 2024." In Chinese: "本政策自2024年2月1日起生效。"
- **Not date lines:** lines over 200 characters (1,000 before markup is removed), lines
  with no digit, Markdown table rows, HTML comments, fenced code blocks, a YAML front matter
  block at the top, and a label alone on a line with the date on the next one. Indented
  lines do count (they are usually the continuation of a list item, not code).
- **The first date line wins**, wherever it is: top, bottom ("Last updated" at the end of
  a policy is common) or in between.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from generator.base.dates import (
    AMBIGUOUS,
    Reading,
    UnsafeDateError,
    parse_human_date,
    read_date,
)
from generator.document.date_line_rules import (
    DIGIT,
    FENCE,
    FENCE_CLOSE,
    MAX_RAW_CHARS,
    examine,
    front_matter_lines,
    is_setext_underline,
    line_content,
    plain_text,
    uncomment,
)


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


def _pattern_line(
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


def find_date_line(
    text: str,
    lang: str = "en",
    patterns: Sequence[str] = (),
    *,
    labels: bool = True,
    numeric: str = "",
) -> DateLine | None:
    """The first line of ``text`` that states the document's effective date; None when no
    line does.

    ``patterns`` are regular expressions (from the site's configuration) tried on each line
    (so ``^`` and ``$`` are its ends, and a pattern cannot span lines) before the built-in
    labels, as written and with markup removed, in comments and code too; the first line any
    of them matches wins over every built-in date line. With ``labels`` false, only the
    patterns are tried. A pattern's first group (or its whole match)
    is the date. Built-in labels are :data:`BUILTIN_LABELS` and those of ``lang``'s primary
    subtag in :data:`LANGUAGE_LABELS`; the module's docstring says which lines count.

    Raises :class:`DateLineError` when a pattern matches text that is not a date, or when
    the first built-in date line has a date that cannot be read safely ("Effective date:
    03/04/2026" without a ``numeric`` order, ``day_first`` or ``month_first``;
    "Last updated: February 30, 2024"). A label followed by something that is
    not shaped like a date ("Last updated: {{ page.date }}") is simply not a date line.
    ``re.error`` from an invalid pattern is left to the caller (the configuration checks them).

    Work is linear in the text: lines are split once, and only lines of at most 1,000
    characters that hold a digit are examined for built-in labels.
    """
    compiled = [re.compile(pattern) for pattern in patterns]
    lines = text.split("\n")
    found: DateLine | None = None
    refused: DateLineError | None = None
    for line in _scan(text, lines):
        if compiled:
            by_pattern = _pattern_line(
                compiled, line.text, line.visible, line.number, line.start, lang, numeric
            )
            if by_pattern is not None:
                return by_pattern
        if not labels or found or refused or line.visible is None:
            continue
        try:
            found = _builtin_line(line, lines, lang, numeric)
        except DateLineError as error:
            refused = error
        if found and not compiled:
            return found
    if refused is not None:
        raise refused
    return found


class _Line(NamedTuple):
    """One line of a document, as :func:`_scan` yields it."""

    position: int
    """0-based position in the document's lines."""
    text: str
    """The line as written, without its line break."""
    visible: str | None
    """The line without HTML comments; None inside front matter or a fenced code block."""
    start: int
    """Offset in the document of the line's first character."""

    @property
    def number(self) -> int:
        """1-based line number."""
        return self.position + 1


def _scan(text: str, lines: Sequence[str]) -> Iterator[_Line]:
    """Every line of ``text``, with what of it is outside front matter, fences and comments."""
    front_matter = front_matter_lines(text)
    in_comment = False
    fence = ""
    start = 0
    for index, full in enumerate(lines):
        line = full[:-1] if full.endswith("\r") else full
        line_start, start = start, start + len(full) + 1
        visible: str | None = None
        if index < front_matter:
            pass
        elif fence:
            close = FENCE_CLOSE.fullmatch(line)
            if close and close[1][0] == fence[0] and len(close[1]) >= len(fence):
                fence = ""
        else:
            visible, in_comment = uncomment(line, in_comment)
            opening = FENCE.match(visible)
            if opening:
                fence, visible = opening[1], None
        yield _Line(index, line, visible, line_start)


def _builtin_line(line: _Line, lines: Sequence[str], lang: str, numeric: str) -> DateLine | None:
    """The date line the built-in rules find in ``line``; raises :class:`DateLineError` when
    its date cannot be read safely."""
    visible = line.visible
    if visible is None or len(line.text) > MAX_RAW_CHARS or not DIGIT.search(visible):
        return None
    content = line_content(visible)
    heading = content[1] or (
        line.position + 1 < len(lines)
        and bool(content[0].strip())
        and is_setext_underline(lines[line.position + 1])
    )
    try:
        hit = examine(plain_text(content[0]), heading, lang, numeric)
    except UnsafeDateError as error:
        raise DateLineError(line.number, error.text, error.reason) from None
    if hit is None:
        return None
    return DateLine(
        hit.date, hit.approximate, hit.label, line.number, line.start, line.start + len(line.text)
    )


def strip_date_line(text: str, line: DateLine) -> str:
    """``text`` with its date line blanked, keeping the line count, so that two revisions
    that differ only there compare equal.

    When the date was a part of a heading that also holds a title ("# Privacy Policy — Last
    updated June 2025"), the title stays ("# Privacy Policy"), so a changed title still shows.
    Raises ValueError when ``line`` is not a whole line of ``text``.
    """
    raw = text[line.start : line.end]
    if (
        not 0 <= line.start <= line.end <= len(text)
        or "\n" in raw
        or (line.start > 0 and text[line.start - 1] != "\n")
        or (line.end < len(text) and text[line.end] not in "\r\n")
    ):
        raise ValueError(f"line {line.line} of the date is not a line of this text")
    return text[: line.start] + _heading_title(text, line, raw) + text[line.end :]


def _heading_title(text: str, line: DateLine, raw: str) -> str:
    """What stays of a date line: the title of a heading whose later part was the date."""
    following = text[line.end :].lstrip("\r").removeprefix("\n").split("\n", 1)[0]
    _content_text, atx = line_content(raw)
    if not line.label or not (atx or is_setext_underline(following)):
        return ""
    position = raw.lower().rfind(line.label.lower())
    kept = raw[: max(position, 0)].rstrip(" \t*_([（—–-|·•")
    return kept if position > 0 and plain_text(line_content(kept)[0]) else ""
