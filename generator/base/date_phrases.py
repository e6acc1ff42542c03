"""The phrases each language writes next to a policy's effective date, read from the
``msgctxt "date-line"`` entries of its catalogue (``generator/locales/<code>.po``).

Each entry's msgid names a concept; its msgstr lists plain phrases (never regular
expressions), one per line, most specific first. When they are matched, case, runs of spaces,
the kind of apostrophe (``'`` or ``’``), quotation marks and a trailing colon are ignored,
and a Latin or Greek letter written with an accent also matches the same letter without it
(``Última`` matches ``ULTIMA``). English phrases are tried in every language, after the language's own.

A language's catalogues are found as for its interface words
(:func:`generator.base.catalogues.chain`): the exact code (``pt-BR``), then for Chinese its
script (``zh-CN`` → ``zh-Hans``, ``zh-TW`` → ``zh-Hant``), then the primary subtag
(``es-419`` → ``es``); the first catalogue that has phrases for a concept gives them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from generator.base.catalogues import DATE_LINE, Catalogue, chain

CONTEXT = DATE_LINE
"""The ``msgctxt`` of every date-phrase entry."""
EFFECTIVE_BEFORE = "effective (before the date)"
"""A label before the date, meaning the text applies from it ("Effective date", "Účinné od")."""
UPDATED_BEFORE = "last updated (before the date)"
"""A label before the date, meaning the text was last changed then ("Last updated", "Stand")."""
EFFECTIVE_AFTER = "effective (after the date)"
"""Words after the date ("2025年3月3日生效": "生效"); empty where the language puts none."""
VERSION = "version (before a version number)"
"""The word for a version, as in "Version 3.0, effective …"."""
SENTENCE = "in a sentence (before the date)"
"""What joins a sentence's subject to the date ("… are effective as of", "… was last updated
on"); ``…`` inside a phrase stands for the document's name ("The effective date of … is")."""
EARLIER = "an earlier version (in a sentence)"
"""Words that make a sentence speak of another version ("The previous version was…")."""

CONCEPTS = (EFFECTIVE_BEFORE, UPDATED_BEFORE, EFFECTIVE_AFTER, VERSION, SENTENCE, EARLIER)
"""Every concept a catalogue may give phrases for."""


def _entry(catalogue: Catalogue, concept: str) -> tuple[str, ...]:
    message = catalogue.catalog.get(concept, context=CONTEXT)
    if message is None or message.fuzzy or not isinstance(message.string, str):
        return ()
    return tuple(p.strip() for p in message.string.split("\n") if p.strip())


def own_phrases(lang: str, concept: str) -> tuple[str, ...]:
    """The phrases of ``concept`` in ``lang``'s own catalogue (the first of those it reads,
    :func:`generator.base.catalogues.chain`, that has some), without English's."""
    for catalogue in chain(lang):
        found = _entry(catalogue, concept)
        if found:
            return found
    return ()


@dataclass(frozen=True, slots=True)
class DatePhrases:
    """Every phrase one language's date lines may hold, its own first, then English's."""

    before: tuple[str, ...]
    """Labels written before the date: "effective" ones first, then "last updated" ones."""
    after: tuple[str, ...]
    """Words written after the date."""
    versions: tuple[str, ...]
    """Words for a version, before its number."""
    sentences: tuple[str, ...]
    """What joins a sentence's subject to its date."""
    earlier: tuple[str, ...]
    """Words that make a sentence speak of an earlier version."""


@cache
def date_phrases(lang: str) -> DatePhrases:
    """``lang``'s phrases and, after them, English's (tried in every language)."""

    def both(concept: str) -> tuple[str, ...]:
        english = () if lang == "en" else own_phrases("en", concept)
        return tuple(dict.fromkeys((*own_phrases(lang, concept), *english)))

    return DatePhrases(
        before=tuple(dict.fromkeys((*both(EFFECTIVE_BEFORE), *both(UPDATED_BEFORE)))),
        after=both(EFFECTIVE_AFTER),
        versions=both(VERSION),
        sentences=both(SENTENCE),
        earlier=both(EARLIER),
    )


# --- phrases as patterns --------------------------------------------------------------

_APOSTROPHES = "'’‘`´ʼ"
_QUOTES = '"“”„«»「」『』'


def _is_spaced_script(ch: str) -> bool:
    """True for a letter of a script that separates words with spaces (not CJK, kana,
    Hangul or Thai), around which a space in a phrase must be a space in the text."""
    if not ch or not ch.isalpha():
        return True
    name = unicodedata.name(ch, "")
    return not name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI"))


def _letter(ch: str) -> str:
    """A character of a phrase as a pattern: a Latin or Greek letter with an accent also
    matches the letter without it (other scripts' marks make other letters)."""
    if ch in _APOSTROPHES:
        return f"[{re.escape(_APOSTROPHES)}]"
    decomposed = unicodedata.normalize("NFD", ch)
    accented = len(decomposed) > 1 and all("\u0300" <= m <= "\u036f" for m in decomposed[1:])
    if accented and unicodedata.name(ch, "").startswith(("LATIN", "GREEK")):
        return f"[{re.escape(ch)}{re.escape(decomposed[0])}]"
    return re.escape(ch)


def phrase_pattern(phrase: str) -> str:
    """One phrase as a regular-expression fragment (see the module's matching rules)."""
    phrase = " ".join(phrase.strip().rstrip(":：").split())
    pieces: list[str] = []
    for index, ch in enumerate(phrase):
        if ch == " ":
            around = phrase[index - 1] + phrase[index + 1]
            spaced = all(_is_spaced_script(c) for c in around)
            pieces.append(r"\s+" if spaced else r"\s*")
        elif ch in _QUOTES:
            pieces.append(f"[{re.escape(_QUOTES)}]?")
        else:
            pieces.append(_letter(ch))
    return "".join(pieces)


def alternation(phrases: Sequence[str]) -> str:
    """The phrases as one alternation, longest first (so that "Effective date" is tried
    before "Effective"); a pattern that matches nothing when there are none."""
    ordered = sorted({phrase_pattern(p) for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(f"(?:{p})" for p in ordered) if ordered else r"(?!)"


def starts_spaced(phrase: str) -> bool:
    """True when ``phrase`` starts with a letter of a script that writes spaces between
    words (so that it must start a word of the text)."""
    return bool(phrase) and _is_spaced_script(phrase.strip()[:1])


def without_quotes(text: str) -> str:
    """``text`` without quotation marks (apostrophes stay): ``The “Effective Date” of…``
    reads as ``The Effective Date of…``."""
    return text.translate({ord(ch): None for ch in _QUOTES})
