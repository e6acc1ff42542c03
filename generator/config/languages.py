"""Whether a piece of a file name is a language code, and which one.

One function for every layout that reads a language from a name (``privacy/de.md``,
``DE-Geschäftsbedingungen.md``, ``terms_de.md``, ``terms.pt-BR.md``): a code the site lists,
in any case and with ``-`` or ``_`` before its subtags, is that code as the site writes it;
otherwise a code Babel knows is written in its usual form (``de``, ``pt-BR``, ``zh-Hans``,
``zh-CN``: :func:`generator.base.languages.language_code`, which the catalogues use too).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from babel import Locale, UnknownLocaleError

from generator.base.languages import language_code as two_letter_code

LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
"""A language code: two or three letters, then optional subtags (zh-Hans, pt-BR, es_419)."""


def _key(code: str) -> str:
    return code.replace("_", "-").lower()


def language_code(text: str, known: Collection[str] = ()) -> str | None:
    """The language ``text`` names, as the site writes it (one of ``known`` when it is one,
    whatever its case: ``DE`` is ``de``), or as Babel knows it (``PT_br`` is ``pt-BR``);
    None when it names none."""
    if not LANGUAGE_CODE.fullmatch(text):
        return None
    wanted = _key(text)
    for code in known:
        if _key(code) == wanted:
            return code
    usual = two_letter_code(text)  # zh-CN stays zh-CN, pt_br is pt-BR
    if usual is not None:
        return usual
    try:  # three letters: a code CLDR knows (fil, haw)
        locale = Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    parts = [locale.language, locale.script, locale.territory]
    return "-".join(part for part in parts if part)
