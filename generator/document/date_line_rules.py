"""The built-in rules that say whether one line of a policy (markup removed) states its
effective date, made from the language's date phrases (:mod:`generator.base.date_phrases`)
and its dates as CLDR writes them (:mod:`generator.base.dates`); nothing here is written
for one language. :mod:`generator.document.date_lines` scans a document line by line and
asks :func:`examine`.

- **A label, then the date**: "Effective date: 1 March 2024", "Účinné od 17. prosince
  2025", "Date d'effet : lundi 3 mars 2025", "生效日期：2026年3月17日". A version may come
  first ("Version 3.0, effective July 7, 2020"); in scripts without spaces the label may
  follow the document's name ("本隐私政策更新日期：…"). Companions cut off by ``|``, ``·``,
  ``—``, ``–`` or a spaced ``-``: parts of at most five words before the date (a title, a
  version), only version numbers or other dated parts after it; in a heading anything may
  come before it, and a parenthesis counts as a cut.
- **The date, then words after it**: "2025 年 3 月 3 日生效", "本政策自2026年3月17日起生效。",
  "2025年3月3日から施行", "Diese Richtlinie tritt am 1. März 2024 in Kraft.", with at most a
  short subject before the date.
- **A sentence**: a short subject naming the document, a phrase that joins it to the date,
  then the date ending the line: "These terms are effective as of February 1, 2024.",
  "The effective date of this policy is 1 March 2024." A subject that names an earlier
  version ("The previous version was effective from…") does not count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import NamedTuple

from generator.base.date_phrases import (
    alternation,
    date_phrases,
    phrase_pattern,
    starts_spaced,
    without_quotes,
)
from generator.base.dates import CLOSING, Reading, UnsafeDateError, read_date

MAX_RAW_CHARS = 1000
"""Longer lines are never date lines (nor examined for built-in labels)."""
_MAX_LINE_CHARS = 200
"""Longer lines, once markup is removed, are never date lines."""
_MAX_CUTS = 8
"""At most this many ``|``/``—`` cuts of a line are considered."""
_MAX_DATE_CHARS = 60
"""A date is never longer (see :func:`generator.base.dates.read_date`)."""

_CUT = re.compile(r"\s*[—–|·•]\s*|\s+-\s+")
_HEADING_CUT = re.compile(r"\s*[—–|·•(（\[]\s*|\s+-\s+")
_NOT_IN_SUBJECT = re.compile(r"[\d:：|()\[\]{}（）;；.!?。！？]")
_WORD_START = re.compile(r"(?<![^\W_])(?=\w)|(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")


class Hit(NamedTuple):
    """A date line found by the built-in rules."""

    date: dt.date
    approximate: bool
    label: str
    """The label, the words after the date, or the phrase of a sentence, as written."""
    lead: str = ""
    """How the dated part of the line begins (the label, or the subject before the date),
    so that a heading's title before it can be kept."""


@dataclass(frozen=True, slots=True)
class _Rules:
    """A language's phrases as patterns, compiled once."""

    label: re.Pattern[str]
    version_tag: re.Pattern[str]
    after: re.Pattern[str]
    sentence: re.Pattern[str]
    wrapped: tuple[re.Pattern[str], ...]
    earlier: re.Pattern[str]
    inside: re.Pattern[str]
    gate: re.Pattern[str]
    """Found in every line that may be a sentence: a plain phrase, or a wrapped one's start."""


def _bounded(phrases: Sequence[str]) -> str:
    """An alternation of phrases, each that starts with a letter of a spaced script
    starting a word, and each ending one."""
    spaced = [p for p in phrases if starts_spaced(p)]
    unspaced = [p for p in phrases if not starts_spaced(p)]
    parts = []
    if spaced:
        parts.append(rf"(?<![^\W\d_])(?:{alternation(spaced)})(?![^\W\d_])")
    if unspaced:
        parts.append(f"(?:{alternation(unspaced)})")
    return "|".join(parts) or r"(?!)"


@cache
def _rules(lang: str) -> _Rules:
    found = date_phrases(lang)
    versions = alternation(found.versions)
    number = r"\d+(?:\.\d+)*[a-z]?"
    prefix = rf"(?:(?:{versions})\.?\s*[:：]?\s*{number}\s*[,;:：，、]?\s*)?"
    spaced = alternation([p for p in found.before if starts_spaced(p)])
    unspaced = alternation([p for p in found.before if not starts_spaced(p)])
    plain = [p for p in found.sentences if "…" not in p]
    wrapped = [p.split("…", 1) for p in found.sentences if "…" in p]
    return _Rules(
        label=re.compile(
            prefix + rf"(?:(?P<label>{spaced})(?![^\W\d_])"
            rf"|(?P<subject>[^\W\d_]{{0,12}}?)(?P<clabel>{unspaced}))"
            r"\s*(?:[:：\-–—]\s*)?",
            re.IGNORECASE,
        ),
        version_tag=re.compile(rf"(?:(?:{versions})\.?)?\s*[:：]?\s*{number}", re.IGNORECASE),
        after=re.compile(rf"(?P<after>{_bounded(found.after)})$", re.IGNORECASE),
        sentence=re.compile(rf"(?P<phrase>{_bounded(plain)})$", re.IGNORECASE),
        wrapped=tuple(
            re.compile(
                rf"(?P<phrase>{phrase_pattern(head)}\s*(?P<subject>.{{1,60}}?)\s*"
                rf"{phrase_pattern(tail)})",
                re.IGNORECASE,
            )
            for head, tail in wrapped
        ),
        earlier=re.compile(_bounded(found.earlier), re.IGNORECASE),
        inside=re.compile(alternation(found.before), re.IGNORECASE),
        gate=re.compile(alternation([*plain, *(head for head, _tail in wrapped)]), re.IGNORECASE),
    )


def _short(part: str) -> bool:
    """True for a part of a line (between ``|``, ``—``… cuts) of at most five words: a title,
    a version."""
    return len(part) <= 60 and len(part.split()) <= 5


def _label(match: re.Match[str]) -> str:
    """The label a match of :attr:`_Rules.label` found, as written."""
    return match["label"] or match["clabel"]


def _companions(parts: str, lang: str, numeric: str) -> bool:
    """True when every part after a date is a version number or states a date itself."""
    rules = _rules(lang)
    for part in _CUT.split(parts):
        part = part.strip().rstrip(CLOSING)
        if not part or rules.version_tag.fullmatch(part):
            continue
        label = rules.label.match(part)
        try:
            if label is None or read_date(part[label.end() :], lang, numeric) is None:
                return False
        except UnsafeDateError:
            return False
    return True


def _labelled(text: str, heading: bool, lang: str, numeric: str) -> Hit | None:
    """A label starting the line (or, see the module's rules, one of its parts), then a date."""
    rules = _rules(lang)
    cuts = list(islice((_HEADING_CUT if heading else _CUT).finditer(text), _MAX_CUTS))
    position = 0
    for index in range(len(cuts) + 1):
        if index:
            if not (heading or _short(text[position : cuts[index - 1].start()])):
                return None  # a long part before: no later part may be the date either
            position = cuts[index - 1].end()
        label = rules.label.match(text, position)
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
                lead = text[position : label.end("label" if label["label"] else "clabel")]
                return Hit(reading.date, reading.approximate, _label(label), lead)
    return None


def subject_ok(subject: str, lang: str, *, required: bool) -> bool:
    """True for what may stand before a date or a sentence's phrase: nothing (unless
    ``required``), or a short subject of at most eight words, without digits, brackets or
    sentence punctuation, that does not name an earlier version."""
    subject = subject.strip().rstrip(",，、")
    if not subject:
        return not required
    if len(subject) > 60 or len(subject.split()) > 8 or _NOT_IN_SUBJECT.search(subject):
        return False
    return _rules(lang).earlier.search(subject) is None


def _dates_ending(
    text: str, lang: str, numeric: str
) -> list[tuple[int, Reading | UnsafeDateError]]:
    """Every (start, reading) of a date that ends ``text``, longest first; the reading is
    the :class:`UnsafeDateError` of a date-shaped ending that is no real or safe day."""
    found: list[tuple[int, Reading | UnsafeDateError]] = []
    floor = max(0, len(text) - _MAX_DATE_CHARS)
    for match in _WORD_START.finditer(text, floor):
        try:
            reading = read_date(text[match.start() :], lang, numeric)
        except UnsafeDateError as refused:
            found.append((match.start(), refused))
            continue
        if reading is not None:
            found.append((match.start(), reading))
    return found


def _hit(reading: Reading | UnsafeDateError, label: str, lead: str) -> Hit:
    """The hit of a date found; raises the error of one that cannot be read safely."""
    if isinstance(reading, UnsafeDateError):
        raise reading
    return Hit(reading.date, reading.approximate, label, lead)


def _after_date(text: str, lang: str, numeric: str) -> Hit | None:
    """The date, then the language's words after it ("2025年3月3日生效")."""
    text = text.rstrip(CLOSING)
    after = _rules(lang).after.search(text)
    if after is None:
        return None
    head = text[: after.start()].rstrip()
    for start, reading in _dates_ending(head, lang, numeric):
        if subject_ok(head[:start], lang, required=False):
            return _hit(reading, after["after"], head[:start].strip() or head[start:])
    return None


def _sentence(text: str, lang: str, numeric: str) -> Hit | None:
    """A one-sentence line that states the document's date ("These terms are effective as of
    February 1, 2024.")."""
    rules = _rules(lang)
    text = without_quotes(text)
    if rules.gate.search(text) is None:
        return None
    for start, reading in _dates_ending(text.rstrip(CLOSING), lang, numeric):
        phrase = _phrase(rules, text[:start].rstrip(), lang)
        if phrase is not None:
            inside = rules.inside.search(phrase)
            return _hit(reading, inside[0] if inside else phrase, text)
    return None


def _phrase(rules: _Rules, before: str, lang: str) -> str | None:
    """The phrase that ends ``before`` and joins a short subject to the date."""
    for pattern in rules.wrapped:
        match = pattern.fullmatch(before)
        if match and subject_ok(match["subject"], lang, required=True):
            return match["phrase"]
    match = rules.sentence.search(before)
    if match and subject_ok(before[: match.start()], lang, required=True):
        return match["phrase"]
    return None


def examine(text: str, heading: bool, lang: str, numeric: str) -> Hit | None:
    """The date a line (markup removed) states, by the built-in rules; None when it is not a
    date line. Raises :class:`UnsafeDateError` for a date line whose date cannot be read."""
    if not text or len(text) > _MAX_LINE_CHARS or text.startswith("|"):
        return None
    found = _labelled(text, heading, lang, numeric)
    if found is not None:
        return found
    parts = [text]
    if heading:
        parts += [text[cut.end() :] for cut in islice(_HEADING_CUT.finditer(text), _MAX_CUTS)]
    for part in parts:
        found = _after_date(part, lang, numeric)
        if found is not None:
            return found
    return _sentence(text, lang, numeric)
