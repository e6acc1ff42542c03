"""The line of a document that states its effective date (:func:`find_date_line`), for
policies kept without front matter ("Last updated: June 2025", "**Effective Date:** February
1, 2024", "Stand: 1. Februar 2024", "生效日期：2024年2月1日"), and the text without it
(:func:`strip_date_line`); dates are read by :mod:`generator.dates`. What counts as a date
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
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import NamedTuple

from generator.dates import (
    AMBIGUOUS,
    BUILTIN_LABELS,
    CLOSING,
    LANGUAGE_LABELS,
    Reading,
    UnsafeDateError,
    parse_human_date,
    primary_subtag,
    read_date,
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


_MAX_RAW_CHARS = 1000
"""Longer lines are never date lines (nor examined for built-in labels)."""
_MAX_LINE_CHARS = 200
"""Longer lines, once markup is removed, are never date lines."""
_MAX_CUTS = 8
"""At most this many ``|``/``—`` cuts of a line are considered."""

_DIGIT = re.compile(r"\d")
_FRONT_MATTER_START = re.compile(r"(---|\+\+\+)[ \t]*\r?\n")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.|\+\+\+)[ \t]*\r?$", re.MULTILINE)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*\r?")
_BLOCK = re.compile(r"[ \t]{0,3}(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:>[ \t]?)*")
_ATX = re.compile(r"[ \t]*#{1,6}(?:[ \t]+|$)")
_FOOTNOTE = re.compile(r"\[\^[^\[\]]*\]")
_LINK = re.compile(r"!?\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])?")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_CUT = re.compile(r"\s*[—–|·•]\s*|\s+-\s+")
_HEADING_CUT = re.compile(r"\s*[—–|·•(（\[]\s*|\s+-\s+")
_VERSION_TAG = re.compile(
    r"(?:v|ver\.?|version|versión|fassung|révision|版本)?\s*[:：]?\s*\d+(?:\.\d+)*[a-z]?",
    re.IGNORECASE,
)
_SENTENCE_EN = re.compile(
    r"(?P<subject>(?:this|these|the|our)\s[^.;:!?|]{0,80}?)\s+(?:"
    r"(?:is|are|was|were|has been|have been|will be|shall be|becomes|become|became)\s+"
    r"(?P<label>effective(?:\s+(?:as of|from|on))?"
    r"|(?:last\s+)?(?:updated|modified|revised|amended)(?:\s+(?:on|as of))?)"
    r"|(?P<verb>(?:takes|take|took|will take)\s+effect(?:\s+(?:on|from|as of))?"
    r"|(?:comes|come|came|will come)\s+into\s+(?:force|effect)(?:\s+on)?))"
    r"\s+(?P<date>.+)",
    re.IGNORECASE,
)
_EFFECTIVE_DATE_IS = re.compile(
    r"the\s+[\"“”']?(?P<label>effective\s+date)[\"“”']?\s+of\s+[^.;:!?|]{0,60}?\s+is\s+(?P<date>.+)",
    re.IGNORECASE,
)
_PAST_VERSION = re.compile(r"\b(?:previous|prior|old|former|earlier|original)\b", re.IGNORECASE)
_SENTENCE_ZH = re.compile(
    r"本[^\s:：，,。]{0,12}?(?:自|于|將於|将于|从)\s*(?P<date>\d{4}\s*年[^，,。]{0,20}?)\s*起?\s*"
    r"(?P<label>正式生效|开始生效|生效|施行|实施)[。.]?"
)


class _Hit(NamedTuple):
    date: dt.date
    approximate: bool
    label: str


@cache
def _label_pattern(primary: str) -> re.Pattern[str]:
    """Labels of the language, then English, each followed by an optional colon or dash."""
    fragments = (*LANGUAGE_LABELS.get(primary, ()), *BUILTIN_LABELS)
    labels = "|".join(f"(?:{fragment})" for fragment in fragments)
    # Chinese lines often name the document first: "本政策生效日期：…".
    subject = r"(?:本[^\s:：，,。|]{0,10}?)?" if primary == "zh" else ""
    return re.compile(
        subject + f"(?P<label>{labels})" + r"(?![^\W\d_])\s*(?:[:：\-–—]\s*)?", re.IGNORECASE
    )


def _plain(text: str) -> str:
    """Inline markup removed: footnote marks, links (their text kept), HTML tags, entities,
    backslash escapes, emphasis and code marks; spaces collapsed."""
    text = _FOOTNOTE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _ESCAPE.sub("", text)
    text = text.replace("*", "").replace("_", "").replace("`", "").replace("~~", "")
    return " ".join(text.split())


def _content(visible: str) -> tuple[str, bool]:
    """A line without its block markup (quote, list marker, ATX heading marks) and whether
    it is an ATX heading."""
    block = _BLOCK.match(visible)
    rest = visible[block.end() :] if block else visible
    atx = _ATX.match(rest)
    if atx is None:
        return rest, False
    rest = rest[atx.end() :].rstrip()
    closed = rest.rstrip("#")
    if closed != rest and (not closed or closed[-1] in " \t"):
        rest = closed.rstrip()
    return rest, True


def _is_setext_underline(line: str) -> bool:
    return _SETEXT.fullmatch(line) is not None


def _short(part: str) -> bool:
    """True for a part of a line (between ``|``, ``—``… cuts) of at most five words: a title,
    a version."""
    return len(part) <= 60 and len(part.split()) <= 5


def _companions(parts: str, lang: str, numeric: str) -> bool:
    """True when every part after a date is a version number or states a date itself."""
    for part in _CUT.split(parts):
        part = part.strip().rstrip(CLOSING)
        if not part or _VERSION_TAG.fullmatch(part):
            continue
        label = _label_pattern(primary_subtag(lang)).match(part)
        try:
            if label is None or read_date(part[label.end() :], lang, numeric) is None:
                return False
        except UnsafeDateError:
            return False
    return True


def _labelled(text: str, heading: bool, lang: str, numeric: str) -> _Hit | None:
    """A label starting the line (or, see the module's rules, one of its parts), then a date."""
    pattern = _label_pattern(primary_subtag(lang))
    cuts = list(islice((_HEADING_CUT if heading else _CUT).finditer(text), _MAX_CUTS))
    position = 0
    for index in range(len(cuts) + 1):
        if index:
            if not (heading or _short(text[position : cuts[index - 1].start()])):
                return None  # a long part before: no later part may be the date either
            position = cuts[index - 1].end()
        label = pattern.match(text, position)
        if label is None:
            continue
        after = label.end()
        for end in (*(cut.start() for cut in cuts if cut.start() >= after), len(text)):
            # Reading first: it is cheap and usually fails, the companions' check is not.
            try:
                reading = read_date(text[after:end], lang, numeric)
            except UnsafeDateError:
                if heading or _companions(text[end:], lang, numeric):
                    raise
                continue
            if reading is not None and (heading or _companions(text[end:], lang, numeric)):
                return _Hit(reading.date, reading.approximate, label["label"])
    return None


def _sentence(text: str, lang: str, numeric: str) -> _Hit | None:
    """A one-sentence line that states the document's date ("These terms are effective as of
    February 1, 2024.")."""
    match = _SENTENCE_EN.fullmatch(text)
    if match and _PAST_VERSION.search(match["subject"]):
        match = None
    match = match or _EFFECTIVE_DATE_IS.fullmatch(text)
    if match is None and primary_subtag(lang) == "zh":
        match = _SENTENCE_ZH.fullmatch(text)
    if match is None:
        return None
    reading = read_date(match["date"], lang, numeric)
    if reading is None:
        return None
    label = match.groupdict().get("label") or match["verb"]
    return _Hit(reading.date, reading.approximate, label)


def _examine(text: str, heading: bool, lang: str, numeric: str) -> _Hit | None:
    """The date a line (markup removed) states, by the built-in rules; None when it is not a
    date line. Raises :class:`UnsafeDateError` for a date line whose date cannot be read."""
    if not text or len(text) > _MAX_LINE_CHARS or text.startswith("|"):
        return None
    return _labelled(text, heading, lang, numeric) or _sentence(text, lang, numeric)


def _front_matter_lines(text: str) -> int:
    """The number of lines of a YAML front matter block at the top (0 when there is none)."""
    start = _FRONT_MATTER_START.match(text)
    if start is None:
        return 0
    end = _FRONT_MATTER_END.search(text, start.end())
    return 0 if end is None else text.count("\n", 0, end.start()) + 1


def _uncomment(line: str, in_comment: bool) -> tuple[str, bool]:
    """The line without HTML comments, and whether a comment is still open at its end."""
    if not in_comment and "<!--" not in line:
        return line, False
    parts: list[str] = []
    position = 0
    while True:
        if in_comment:
            close = line.find("-->", position)
            if close < 0:
                return "".join(parts), True
            position, in_comment = close + 3, False
        else:
            opening = line.find("<!--", position)
            if opening < 0:
                parts.append(line[position:])
                return "".join(parts), False
            parts.append(line[position:opening])
            position, in_comment = opening + 4, True


def _user_date(
    match: re.Match[str], pattern: str, line: str, number: int, lang: str, numeric: str
) -> tuple[Reading, str]:
    """The date a configured pattern's match holds, and the label before it."""
    if match.re.groups:
        written = match.group(1) or ""
        label = _plain(line[match.start() : match.start(1)]) if match.group(1) is not None else ""
    else:
        written, label = match.group(0), ""
    label = label.rstrip(" :：-–—")
    try:
        reading = read_date(_plain(written), lang, numeric)
    except UnsafeDateError as refused:
        raise DateLineError(number, written.strip(), refused.reason, pattern) from None
    if reading is None:
        parsed = parse_human_date(_plain(written), lang, numeric)
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
        if match is None and visible is not None and len(line) <= _MAX_RAW_CHARS:
            plain = plain if plain is not None else _plain(_content(visible)[0])
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
    front_matter = _front_matter_lines(text)
    found: DateLine | None = None
    refused: DateLineError | None = None
    in_comment = False
    fence = ""
    start = 0
    for index, full in enumerate(lines):
        line = full[:-1] if full.endswith("\r") else full
        number, line_start, start = index + 1, start, start + len(full) + 1
        visible: str | None = None
        if index < front_matter:
            pass
        elif fence:
            close = _FENCE_CLOSE.fullmatch(line)
            if close and close[1][0] == fence[0] and len(close[1]) >= len(fence):
                fence = ""
        else:
            visible, in_comment = _uncomment(line, in_comment)
            opening = _FENCE.match(visible)
            if opening:
                fence, visible = opening[1], None
        short = len(line) <= _MAX_RAW_CHARS
        if compiled:
            by_pattern = _pattern_line(compiled, line, visible, number, line_start, lang, numeric)
            if by_pattern is not None:
                return by_pattern
        if not labels or found or refused or visible is None or not short:
            continue
        if not _DIGIT.search(visible):
            continue
        content = _content(visible)
        heading = content[1] or (
            index + 1 < len(lines)
            and bool(content[0].strip())
            and _is_setext_underline(lines[index + 1])
        )
        plain = _plain(content[0])
        try:
            hit = _examine(plain, heading, lang, numeric)
        except UnsafeDateError as error:
            refused = DateLineError(number, error.text, error.reason)
            continue
        if hit is None:
            continue
        found = DateLine(
            hit.date, hit.approximate, hit.label, number, line_start, line_start + len(line)
        )
        if not compiled:
            return found
    if refused is not None:
        raise refused
    return found


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
    _content_text, atx = _content(raw)
    if not line.label or not (atx or _is_setext_underline(following)):
        return ""
    position = raw.lower().rfind(line.label.lower())
    kept = raw[: max(position, 0)].rstrip(" \t*_([（—–-|·•")
    return kept if position > 0 and _plain(_content(kept)[0]) else ""
