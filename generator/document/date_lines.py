"""The line of a document that states its effective date (:func:`find_date_line`), for
policies kept without front matter ("Last updated: June 2025", "**Effective Date:** February
1, 2024", "Stand: 1. Februar 2024", "生效日期：2024年2月1日"), and the text without it
(:func:`strip_date_line`); dates are read by :mod:`generator.base.dates`, the phrases around
them come from each language's catalogue (:mod:`generator.base.date_phrases`). What counts as
a date line (the rules the tests pin down; :mod:`generator.document.date_line_rules` has the
forms of one line):

- **A date marker wins.** A line carrying a Kramdown attribute list with ``datetime``
  (``Effective March 3, 2025 {: datetime="2025-03-03" }``), or followed by one on the next
  line, or holding ``<time datetime="…">``, is the date line, and the marker's date is the
  date, whatever its words say; the first such line wins over every line without a marker.
  The marked line must be a date line by the rules below or short (at most 12 words); a
  marker on a longer line is ignored. A marked heading that has no date in its words keeps
  its text.
- **A label, then the date**, with markup removed (block quotes, list markers, headings,
  emphasis, inline HTML tags, links, entities, Kramdown attribute lists): "Effective date:
  1 March 2024", "Version 3.0, effective July 7, 2020", "Účinné od 17. prosince 2025".
  A defined term (``"Effective Date" means…``) or a date mentioned in passing ("Until the
  effective date of March 1, 2024 the old terms apply") is not a date line.
- **Short companions.** A line may be cut into parts by ``|``, ``·``, ``—``, ``–`` or a
  spaced ``-``: before the dated part may stand parts of at most five words (a title, a
  version: "Version 3 | Effective 1 March 2024"); after it, only version numbers or other
  dated parts. In a heading anything may come before it, and a parenthesis counts as a cut:
  "# Privacy Policy — Last updated June 2025", "## Terms (Effective March 1, 2024)".
- **The date, then the language's words after it**: "2025 年 3 月 3 日生效",
  "本政策自2026年3月17日起生效。"
- **Short sentences**: a line that is one sentence whose subject is short and names no
  earlier version, joined to the date that ends it by a phrase of the language: "These
  terms are effective as of February 1, 2024.", "The effective date of this policy is 1
  March 2024." A subject naming a past version ("The previous version was effective
  from…") does not count.
- **A bare date directly under the first heading** ("# Privacy Policy", then "July 31,
  2017"), when that heading opens the text.
- **Not date lines:** lines over 200 characters (1,000 before markup is removed), lines
  with no digit, Markdown table rows, HTML comments, fenced code blocks, a YAML front matter
  block at the top, and a label alone on a line with the date on the next one. Indented
  lines do count (they are usually the continuation of a list item, not code).
- **The first date line wins**, wherever it is: top, bottom ("Last updated" at the end of
  a policy is common) or in between.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from generator.base.dates import UnsafeDateError, read_date
from generator.document.date_line_model import DateLine, DateLineError, pattern_line
from generator.document.date_line_rules import MAX_RAW_CHARS, examine
from generator.document.date_line_text import (
    DIGIT,
    FENCE,
    FENCE_CLOSE,
    front_matter_lines,
    is_setext_underline,
    line_content,
    plain_text,
    uncomment,
)
from generator.document.date_markers import Marker, find_marker

__all__ = ["DateLine", "DateLineError", "find_date_line", "strip_date_line"]

_NUMBERED = re.compile(r"[ \t]{0,3}(\d{1,4}\.[ \t]+.*)")
"""A line Markdown reads as an item of a numbered list: "31. července 2017", "2025. március
3." are dates whose first number looks like the item's."""
_MARKED_WORDS = 12
"""A line a date marker marks has at most this many words, unless the rules read it."""


def find_date_line(
    text: str,
    lang: str = "en",
    patterns: Sequence[str] = (),
    *,
    labels: bool = True,
    numeric: str = "",
) -> DateLine | None:
    """The line of ``text`` that states the document's effective date; None when no line
    does.

    ``patterns`` are regular expressions (from the site's configuration) tried on each line
    (so ``^`` and ``$`` are its ends, and a pattern cannot span lines) before the built-in
    rules, as written and with markup removed, in comments and code too; the first line any
    of them matches wins over every built-in date line. With ``labels`` false, only the
    patterns are tried. A pattern's first group (or its whole match) is the date. The
    built-in rules (date markers, then the first date line) are the module's.

    Raises :class:`DateLineError` when a pattern matches text that is not a date, when a
    date marker's value is not a real day written ``YYYY-MM-DD``, or (without a marker)
    when the first built-in date line has a date that cannot be read safely ("Effective
    date: 03/04/2026" without a ``numeric`` order, ``day_first`` or ``month_first``; "Last
    updated: February 30, 2024"). A label followed by something that is not shaped like a
    date ("Last updated: {{ page.date }}") is simply not a date line. ``re.error`` from an
    invalid pattern is left to the caller (the configuration checks them).

    Work is linear in the text: lines are split once, and only lines of at most 1,000
    characters that hold a digit are examined for built-in labels.
    """
    compiled = [re.compile(pattern) for pattern in patterns]
    lines = text.split("\n")
    finder = _Finder(lines, lang, numeric)
    for line in _scan(text, lines):
        if compiled:
            by_pattern = pattern_line(
                compiled, line.text, line.visible, line.number, line.start, lang, numeric
            )
            if by_pattern is not None:
                return by_pattern
        if labels:
            finder.see(line)
            if finder.decided and not compiled:
                break
    return finder.result()


@dataclass
class _Finder:
    """What the built-in rules have found so far, line after line."""

    lines: Sequence[str]
    lang: str
    numeric: str
    found: DateLine | None = None
    """The first date line without a marker."""
    refused: DateLineError | None = None
    """The first date line without a marker, when its date cannot be read."""
    marked: DateLine | None = None
    """The first line a date marker marks."""
    bad_marker: DateLineError | None = None
    """The first date marker whose value is not a date."""
    previous: _Line | None = None
    """The line just before, outside code and front matter."""
    opening: bool = True
    """No line with text has been seen yet."""
    under_heading: int | None = None
    """The position of the opening heading's last line, until the line after it is seen."""

    @property
    def decided(self) -> bool:
        """True once a marker was found: no later line can change the result."""
        return self.marked is not None or self.bad_marker is not None

    def result(self) -> DateLine | None:
        """The date line found; raises the :class:`DateLineError` that decides instead."""
        if self.bad_marker is not None:
            raise self.bad_marker
        if self.marked is not None:
            return self.marked
        if self.refused is not None:
            raise self.refused
        return self.found

    def see(self, line: _Line) -> None:
        """Take ``line`` into account."""
        if line.visible is None:
            self.previous = None
            return
        marker = find_marker(line.visible)
        if marker is not None and not self.decided:
            self._mark(line, marker)
        if self.found is None and self.refused is None:
            try:
                self.found = _builtin_line(line, self.lines, self.lang, self.numeric)
                self.found = self.found or self._bare(line)
            except DateLineError as error:
                self.refused = error
        self._follow_heading(line)
        self.previous = line if line.visible.strip() else None

    def _mark(self, line: _Line, marker: Marker) -> None:
        """The line ``marker`` (in ``line``) marks, with the marker's date."""
        target = self.previous if marker.alone else line
        if target is None or target.position < line.position - 1:
            return  # an attribute list after a blank line marks nothing
        try:
            reading = marker.reading()
        except UnsafeDateError as error:
            self.bad_marker = DateLineError(line.number, error.text, error.reason)
            return
        try:
            hit = _builtin_line(target, self.lines, self.lang, self.numeric)
        except DateLineError:
            hit = None  # the words do not matter: the marker gives the date
        words = plain_text(line_content(target.visible or "")[0])
        if hit is None and (len(words) > 120 or len(words.split()) > _MARKED_WORDS):
            return
        end = target.start + len(target.text)
        label, lead = (hit.label, hit.lead) if hit else ("", "")
        self.marked = DateLine(
            reading.date, reading.approximate, label, target.number, target.start, end, True, lead
        )

    def _bare(self, line: _Line) -> DateLine | None:
        """``line`` as a bare date directly under the opening heading."""
        if self.under_heading is None or line.position <= self.under_heading:
            return None
        visible = line.visible or ""
        if not visible.strip() or not DIGIT.search(visible):
            return None
        numbered = _NUMBERED.fullmatch(visible)
        texts = [numbered[1]] if numbered else []
        try:
            for written in (*texts, line_content(visible)[0]):
                reading = read_date(plain_text(written), self.lang, self.numeric)
                if reading is not None:
                    break
        except UnsafeDateError as error:
            raise DateLineError(line.number, error.text, error.reason) from None
        if reading is None:
            return None
        end = line.start + len(line.text)
        return DateLine(reading.date, reading.approximate, "", line.number, line.start, end)

    def _follow_heading(self, line: _Line) -> None:
        """Note where the opening heading ends, and forget it after the next line."""
        visible = line.visible or ""
        if not visible.strip():
            return
        if self.under_heading is not None and line.position > self.under_heading:
            self.under_heading = None
        if not self.opening:
            return
        self.opening = False
        following = self.lines[line.position + 1] if line.position + 1 < len(self.lines) else ""
        if line_content(visible)[1]:
            self.under_heading = line.position
        elif is_setext_underline(following):
            self.under_heading = line.position + 1


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
        numbered = _NUMBERED.fullmatch(visible) if hit is None or hit.approximate else None
        if numbered is not None:
            whole = examine(plain_text(numbered[1]), heading, lang, numeric)
            hit = whole if whole is not None and not whole.approximate else hit
    except UnsafeDateError as error:
        raise DateLineError(line.number, error.text, error.reason) from None
    if hit is None:
        return None
    end = line.start + len(line.text)
    return DateLine(
        hit.date, hit.approximate, hit.label, line.number, line.start, end, lead=hit.lead
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
    heading = atx or is_setext_underline(following)
    if heading and line.marked and not line.label:
        return raw  # a marked heading without a date in its words keeps its text
    if not line.label or not heading:
        return ""
    lowered = raw.lower()
    position = max(lowered.rfind(line.lead.lower()) if line.lead else -1, -1)
    if position < 0:
        position = lowered.rfind(line.label.lower())
    kept = raw[: max(position, 0)].rstrip(" \t*_([（—–-|·•")
    return kept if position > 0 and plain_text(line_content(kept)[0]) else ""
