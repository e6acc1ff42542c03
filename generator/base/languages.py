"""Language codes (BCP 47): recognising one, its parts, its direction, and what it falls
back to.

One place knows how a code such as ``pt-BR``, ``zh-TW`` or ``es-419`` relates to the
languages the package (or a site) has words for, the theme languages and the fonts:
:func:`fallbacks` gives the codes to try, most specific first (the exact code, then the
language with its script, which tells Simplified from Traditional Chinese, then the
language alone). :func:`language_code` recognises a code written in a file or folder
name, for ``policy-site init``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global

#: Languages written right to left (by primary subtag).
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "ha", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}
)
#: Scripts written right to left: a script subtag (``pa-Arab``) says so whatever the language.
RTL_SCRIPTS = frozenset({"adlm", "arab", "hebr", "nkoo", "rohg", "syrc", "thaa"})

_SUBTAGS = re.compile(
    r"(?P<language>[A-Za-z]{2,3})"
    r"(?:[-_](?P<script>[A-Za-z]{4}))?"
    r"(?:[-_](?P<region>[A-Za-z]{2}|[0-9]{3}))?"
)


_ENGLISH = Locale("en")
#: Locales of a language in one of its scripts (zh_Hant, sr_Latn, uz_Arab…).
_SCRIPT_LOCALES = frozenset(
    code
    for code in localedata.locale_identifiers()
    if re.fullmatch(r"[a-z]{2,3}_[A-Z][a-z]{3}", code)
)


def primary_subtag(lang: str) -> str:
    """The language without its script or region: "pt" for "pt-BR", "zh" for "zh_Hans"."""
    return lang.replace("_", "-").split("-")[0].lower()


def _parts(lang: str) -> tuple[str, str, str]:
    """(language, script, region) of ``lang``, in their usual case; "" for a missing part."""
    found = _SUBTAGS.fullmatch(lang.strip())
    if found is None:
        return primary_subtag(lang), "", ""
    return (
        found["language"].lower(),
        (found["script"] or "").title(),
        (found["region"] or "").upper(),
    )


@cache
def script(lang: str) -> str:
    """The script ``lang`` is written in ("Hant" for zh-TW, "Hans" for zh-CN and zh,
    "Arab" for fa): its script subtag, else the one CLDR's likely subtags give, else ""."""
    language, written, region = _parts(lang)
    if written:
        return written
    likely: Mapping[str, str] = get_global("likely_subtags")
    for key in ([f"{language}_{region}"] if region else []) + [language]:
        full = likely.get(key)
        if full:
            parts = full.split("_")
            return next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    return ""


def is_rtl(lang: str) -> bool:
    """True when ``lang`` is written right to left (Arabic, Hebrew, Persian, Urdu…)."""
    written = _parts(lang)[1].lower()
    if written:
        return written in RTL_SCRIPTS
    return primary_subtag(lang) in RTL_LANGUAGES


@cache
def fallbacks(lang: str) -> tuple[str, ...]:
    """The codes to look for, most specific first: ``lang`` itself, the language with
    its script (``zh-Hant`` for zh-TW and zh-HK, ``zh-Hans`` for zh, zh-CN and zh-SG), then
    the language alone (``pt`` for pt-BR, ``es`` for es-419, ``fr`` for fr-CA)."""
    code = language_code(lang.strip()) or lang.strip().replace("_", "-")
    language = primary_subtag(code)
    written = script(code)
    if not _parts(code)[1] and f"{language}_{written}" not in _SCRIPT_LOCALES:
        written = ""  # one script only (pt-Latn is no locale): nothing to tell apart
    found = [code]
    for candidate in ([f"{language}-{written}"] if written else []) + [language]:
        if candidate.lower() not in (c.lower() for c in found):
            found.append(candidate)
    return tuple(found)


def nearest(lang: str, available: Iterable[str]) -> str | None:
    """The first of :func:`fallbacks` that ``available`` holds (compared without case), as
    ``available`` spells it; None when it holds none of them."""
    spelled = {code.lower(): code for code in available}
    return next((spelled[c.lower()] for c in fallbacks(lang) if c.lower() in spelled), None)


def language_tag(code: str) -> str:
    """``code`` as a BCP 47 language tag, for ``lang`` and ``hreflang`` attributes: its
    usual spelling (``zh-CN`` for a site's ``zh_CN``), or the code with hyphens when it is
    none CLDR knows; ``x-default`` stays as it is."""
    if code == "x-default":
        return code
    return language_code(code) or code.replace("_", "-")


def babel_locale(lang: str) -> str:
    """``lang`` as a Babel locale identifier: "pt_BR", "zh_Hant_TW", "es_419"."""
    language, written, region = _parts(lang)
    return "_".join(part for part in (language, written, region) if part)


@cache
def language_code(text: str) -> str | None:
    """The language code ``text`` is, in its usual spelling ("pt-BR" for "pt_br", "de" for
    "DE", "zh-Hant" for "zh-hant"), or None when it is not one: a language of two letters
    that CLDR knows, then an optional script and an optional region (``es-419``).

    Two letters only: three-letter words of file names ("use", "faq") would be taken for
    ISO 639-3 codes."""
    found = _SUBTAGS.fullmatch(text)
    if found is None or len(found["language"]) != 2:
        return None
    language, written, region = _parts(text)
    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None
    # A region or script CLDR has no locale for (en-NL, sr-Latn-BA) is still one it names.
    if region and region not in _ENGLISH.territories:
        return None
    if written and written not in _ENGLISH.scripts:
        return None
    return "-".join(part for part in (language, written, region) if part)
