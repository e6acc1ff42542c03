"""The built-in rules that say whether one line of a policy states its effective date: labels
("Last updated:", "Stand:", "生效日期："), companions cut off by ``|`` or ``—``, short
sentences ("These terms are effective as of…"), and the markup taken off a line first.
:mod:`generator.document.date_lines` scans a document line by line and asks :func:`examine`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache
from itertools import islice
from typing import NamedTuple

from generator.base.dates import (
    BUILTIN_LABELS,
    CLOSING,
    LANGUAGE_LABELS,
    UnsafeDateError,
    primary_subtag,
    read_date,
)

MAX_RAW_CHARS = 1000
"""Longer lines are never date lines (nor examined for built-in labels)."""
_MAX_LINE_CHARS = 200
"""Longer lines, once markup is removed, are never date lines."""
_MAX_CUTS = 8
"""At most this many ``|``/``—`` cuts of a line are considered."""

DIGIT = re.compile(r"\d")
_FRONT_MATTER_START = re.compile(r"(---|\+\+\+)[ \t]*\r?\n")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.|\+\+\+)[ \t]*\r?$", re.MULTILINE)
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")
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


class Hit(NamedTuple):
    """A date line found by the built-in rules."""

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


def plain_text(text: str) -> str:
    """Inline markup removed: footnote marks, links (their text kept), HTML tags, entities,
    backslash escapes, emphasis and code marks; spaces collapsed."""
    text = _FOOTNOTE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _ESCAPE.sub("", text)
    text = text.replace("*", "").replace("_", "").replace("`", "").replace("~~", "")
    return " ".join(text.split())


def line_content(visible: str) -> tuple[str, bool]:
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


def is_setext_underline(line: str) -> bool:
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


def _labelled(text: str, heading: bool, lang: str, numeric: str) -> Hit | None:
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
                return Hit(reading.date, reading.approximate, label["label"])
    return None


def _sentence(text: str, lang: str, numeric: str) -> Hit | None:
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
    return Hit(reading.date, reading.approximate, label)


def examine(text: str, heading: bool, lang: str, numeric: str) -> Hit | None:
    """The date a line (markup removed) states, by the built-in rules; None when it is not a
    date line. Raises :class:`UnsafeDateError` for a date line whose date cannot be read."""
    if not text or len(text) > _MAX_LINE_CHARS or text.startswith("|"):
        return None
    return _labelled(text, heading, lang, numeric) or _sentence(text, lang, numeric)


def front_matter_lines(text: str) -> int:
    """The number of lines of a YAML front matter block at the top (0 when there is none)."""
    start = _FRONT_MATTER_START.match(text)
    if start is None:
        return 0
    end = _FRONT_MATTER_END.search(text, start.end())
    return 0 if end is None else text.count("\n", 0, end.start()) + 1


def uncomment(line: str, in_comment: bool) -> tuple[str, bool]:
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
