"""How each language writes a date, from Babel's CLDR data: month and weekday names in
every grammatical form CLDR lists (``prosinec`` and ``prosince``, ``marzec`` and ``marca``),
the abbreviation some languages write after a year (``2025 r.``, ``2025 г.``), and the
language's own date patterns (``d. MMMM y``, ``y年M月d日``, ``y. MMMM d.``) turned into
regular expressions, literal words and the ``年月日`` marks with or without spaces between
the parts. Nothing here is written per language: every language Babel knows is read the
same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names, tokenize_pattern
from babel.units import format_unit


@cache
def locale_of(lang: str) -> Locale:
    """Babel's locale for a language code ("pt-BR", "zh_Hans"); English when unknown."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def primary_subtag(lang: str) -> str:
    """The primary subtag: "es" for "es-MX" or "es_MX"."""
    return lang.replace("_", "-").split("-")[0].lower()


#: Month names people write that Babel's locale data does not list.
_EXTRA_MONTHS: Mapping[str, Mapping[str, int]] = {
    "en": {"sept": 9},
    "es": {"setiembre": 9, "set": 9},
    "de": {"jänner": 1, "jän": 1},
}


def _codes(lang: str) -> list[str]:
    return sorted({lang, "en"})


@cache
def month_numbers(lang: str) -> dict[str, int]:
    """Month names (wide and abbreviated, as in a date and standing alone) of the language
    and of English, lower case and without a final dot → month number."""
    names: dict[str, int] = {}
    for code in _codes(lang):
        loc = locale_of(code)
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, loc).items():
                    names[name.lower().rstrip(".")] = number
        names.update(_EXTRA_MONTHS.get(primary_subtag(code), {}))
    names["sept"] = 9
    return names


@cache
def weekday_names(lang: str) -> frozenset[str]:
    """Weekday names (wide and abbreviated) of the language and of English, lower case."""
    names: set[str] = set()
    for code in _codes(lang):
        loc = locale_of(code)
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names.update(
                    n.lower().rstrip(".") for n in get_day_names(width, context, loc).values()
                )
    return frozenset(names)


@cache
def year_marks(lang: str) -> tuple[str, ...]:
    """The abbreviations for "year" written after one (pl and cs ``r.``, ru ``г.``, lv
    ``g.``): CLDR's narrow unit for one year, when it is an abbreviation with a dot."""
    marks = []
    for code in _codes(lang):
        written = format_unit(1, "duration-year", length="narrow", locale=locale_of(code))
        mark = written.replace("1", "", 1).strip()
        if mark.endswith(".") and not any(ch.isdigit() for ch in mark):
            marks.append(mark)
    return tuple(dict.fromkeys(marks))


def _names(names: Iterable[str]) -> str:
    """Names as an alternation, longest first, each with an optional final dot."""
    ordered = sorted({n.rstrip(".") for n in names if n}, key=lambda n: (-len(n), n))
    return "(?:" + "|".join(re.escape(n) for n in ordered) + r")\.?"


#: CLDR patterns of a day, a month and a year (and of a month alone), read in this order.
_DAY_FORMS = ("full", "long", "medium")
_DAY_SKELETONS = ("yMMMMEEEEd", "yMMMEd", "yMMMMd", "yMMMd")
_MONTH_SKELETONS = ("yMMMM", "yMMM")

_ORDINAL = r"(?:st|nd|rd|th|er|\.?º|\.?ª|°|\.)?"
"""What may follow a day's digits: 1st, 1er, 1.º, 1ª, 1°, 1."""
_LITERAL = re.compile(r"\s+|[,.،]|[^\W\d_]+|.", re.DOTALL)


def _field(char: str, count: int, lang: str) -> tuple[str, str] | None:
    """One field of a CLDR pattern: its kind (``y``, ``M`` a month name, ``n`` a month
    number, ``d``, ``E``) and its pattern with a named group; None for a field that is not
    read (an era, a day of the year…)."""
    if char == "y":
        marks = "|".join(re.escape(m.rstrip(".")) + r"\.?" for m in year_marks(lang))
        return "y", r"(?P<year>\d{4})" + (rf"(?:\s*(?:{marks}))?" if marks else "")
    if char in "ML" and count >= 3:
        return "M", f"(?P<month>{_names(month_numbers(lang))})"
    if char in "ML":
        return "n", r"(?P<month>\d{1,2})"
    if char == "d":
        return "d", r"(?P<day>\d{1,2})" + _ORDINAL
    if char in "Ec":
        return "E", f"(?P<weekday>{_names(weekday_names(lang))})"
    return None


def _literal(text: str) -> str:
    """The characters between two fields: spaces and commas or dots optional, words and
    marks such as 年 as written, with or without spaces around them."""
    parts = []
    for match in _LITERAL.finditer(text):
        piece = match[0]
        if piece.isspace():
            parts.append(r"\s*")
        elif piece in ",.،":
            parts.append(re.escape(piece) + r"?\s*")
        else:
            parts.append(r"\s*" + re.escape(piece) + r"\s*")
    return "".join(parts)


def _compile(pattern: str, lang: str, *, whole: bool) -> re.Pattern[str] | None:
    """A CLDR date pattern as a case-insensitive regular expression; None when it cannot
    be read safely: a numeric month that does not follow the year is left to the rules for
    dates written in numbers, and a month form (not ``whole``) has no day."""
    parts: list[str] = []
    kinds: list[str] = []
    for kind, value in tokenize_pattern(pattern):
        if kind != "field":
            parts.append(_literal(str(value)))
            continue
        found = _field(str(value[0]), int(value[1]), lang)
        if found is None or (found[0] == "d" and not whole):
            return None
        kinds.append(found[0])
        parts.append(found[1])
    month = next((k for k in kinds if k in "Mn"), "")
    if "y" not in kinds or not month or (whole and "d" not in kinds):
        return None
    if month == "n" and kinds.index("n") < kinds.index("y"):
        return None
    return re.compile("".join(parts), re.IGNORECASE)


def _patterns(lang: str, *, whole: bool) -> list[str]:
    loc = locale_of(lang)
    found = [loc.date_formats[width].pattern for width in _DAY_FORMS] if whole else []
    skeletons = _DAY_SKELETONS if whole else _MONTH_SKELETONS
    found += [loc.datetime_skeletons[s].pattern for s in skeletons if s in loc.datetime_skeletons]
    return found


@cache
def day_forms(lang: str) -> tuple[re.Pattern[str], ...]:
    """How ``lang`` (then English) writes a day, month and year, from CLDR's full, long and
    medium patterns: each a regular expression with the groups ``day``, ``month`` (a name
    or, after the year, a number), ``year`` and an optional ``weekday``."""
    return _forms(lang, whole=True)


@cache
def month_forms(lang: str) -> tuple[re.Pattern[str], ...]:
    """How ``lang`` (then English) writes a month and year without a day ("prosinec 2025",
    "2025年12月", "MMMM 'de' y")."""
    return _forms(lang, whole=False)


def _forms(lang: str, *, whole: bool) -> tuple[re.Pattern[str], ...]:
    compiled: dict[str, re.Pattern[str]] = {}
    for code in dict.fromkeys((lang, "en")):
        for pattern in _patterns(code, whole=whole):
            found = _compile(pattern, lang, whole=whole)
            if found is not None:
                compiled.setdefault(found.pattern, found)
    return tuple(compiled.values())


@cache
def dotted_day_first(lang: str) -> bool:
    """True when ``lang``'s short numeric date puts the day first between dots (de
    ``dd.MM.yy``, cs ``dd.MM.yy``, fi ``d.M.y``): a dotted date is then read day first."""
    pattern = locale_of(lang).date_formats["short"].pattern
    return "." in pattern and pattern.find("d") < pattern.find("M")
