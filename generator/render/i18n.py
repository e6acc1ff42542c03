"""The site's own words in each language, from gettext ``.po`` catalogues read by Babel.

Message ids are the English text, with ``{name}`` placeholders filled by ``str.format``.
A message missing from a catalogue falls back to English; ``missing_messages`` lists
them so ``policy-site check`` can report them.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from generator.base.dates import format_items, format_long_date, format_month
from generator.config import SiteConfig

# This module sits in generator/render/; the catalogues and templates are package data.
PACKAGE_DIR = Path(__file__).resolve().parent.parent
LOCALES_DIR = PACKAGE_DIR / "locales"

#: Languages written right to left (by primary subtag).
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "dv", "fa", "ha", "he", "iw", "ks", "ku", "ps", "sd", "ur", "yi"}
)


def primary_subtag(lang: str) -> str:
    """The language without its region or script: "pt" for "pt-BR", "zh" for "zh_Hans"."""
    return lang.replace("_", "-").split("-")[0].lower()


def is_rtl(lang: str) -> bool:
    """True when ``lang`` is written right to left."""
    return primary_subtag(lang) in RTL_LANGUAGES


def _catalog_path(lang: str) -> Path | None:
    for path in (LOCALES_DIR / f"{lang}.po", LOCALES_DIR / f"{primary_subtag(lang)}.po"):
        if path.exists():
            return path
    return None


@cache
def _catalog(lang: str) -> Catalog | None:
    path = _catalog_path(lang)
    if path is None:
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=None)


@cache
def _catalog_digest(lang: str) -> str:
    path = _catalog_path(lang)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""


class Messages:
    """Translate and format the site's words for one language."""

    def __init__(self, lang: str, locale: str | None = None) -> None:
        self.lang = lang
        self.locale = locale or lang
        self._catalog = _catalog(lang)

    @property
    def identity(self) -> str:
        """What the words depend on (language, locale, catalogue): a part of cache keys."""
        return f"{self.lang}|{self.locale}|{_catalog_digest(self.lang)}"

    @classmethod
    def english(cls) -> Messages:
        """The source language, which needs no catalogue."""
        return cls("en", "en_IE")

    def translate(self, msgid: str) -> str:
        """The catalogue's text for ``msgid``, or ``msgid`` itself (English) when missing."""
        if self._catalog is not None:
            message = self._catalog.get(msgid)
            if message is not None and message.string and not message.fuzzy:
                return str(message.string)
        return msgid

    def __call__(self, msgid: str, /, **values: object) -> str:
        """Translate ``msgid`` and fill its ``{placeholders}``."""
        text = self.translate(msgid)
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """Translate with the catalogue's plural forms; ``{count}`` is always available."""
        text = plural if count != 1 else singular
        if self._catalog is not None:
            message = self._catalog.get(singular)
            if message is not None and isinstance(message.string, tuple | list):
                forms = [s for s in message.string if s]
                if forms:
                    index = 0 if count == 1 else min(len(forms) - 1, 1)
                    text = forms[index]
        return text.format(count=count, **values)

    @property
    def space(self) -> str:
        """What separates a label from its value, or two sentences: none in Chinese/Japanese."""
        return "" if primary_subtag(self.lang) in ("zh", "ja") else " "

    def date(self, day: dt.date) -> str:
        """A long date in the language's convention ("1 March 2026", "2026年3月1日")."""
        return format_long_date(day, self.locale)

    def items(self, items: list[str]) -> str:
        """A list in the language's convention ("2 sections changed, 1 section added")."""
        return format_items(items, self.locale)

    def month(self, day: dt.date) -> str:
        """A month and year in the language's convention ("June 2025", "2025年6月")."""
        return format_month(day, self.locale)

    def missing(self, msgids: frozenset[str]) -> list[str]:
        """Message ids with no translation in this language's catalogue."""
        if primary_subtag(self.lang) == "en":
            return []
        found = self._catalog
        return sorted(
            m
            for m in msgids
            if found is None or not (found.get(m) and found.get(m).string)  # type: ignore[union-attr]
        )


def words_for(config: SiteConfig, lang: str) -> Messages:
    """The site's words in ``lang``, with dates in the locale the configuration gives it."""
    return Messages(lang, config.locale(lang))


def N_(msgid: str) -> str:  # noqa: N802  # gettext's conventional name
    """Mark ``msgid`` as a site word to translate later (it is returned unchanged)."""
    return msgid


_TEMPLATE_CALL = re.compile(r'words(?:\.plural)?\(\s*"((?:[^"\\]|\\.)*)"')


@cache
def used_messages() -> frozenset[str]:
    """Every literal message id the generator asks for: ``words("…")`` in code and templates."""
    found: set[str] = set()
    for path in sorted((PACKAGE_DIR / "templates").glob("*.html")):
        found.update(m.group(1) for m in _TEMPLATE_CALL.finditer(path.read_text(encoding="utf-8")))
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and (
                    (isinstance(node.func, ast.Name) and node.func.id in ("_", "N_", "words"))
                    or (
                        isinstance(node.func, ast.Attribute)
                        and node.func.attr == "plural"
                        and isinstance(node.func.value, ast.Name)
                        and node.func.value.id in ("_", "words")
                    )
                )
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return frozenset(found)
