"""The site's own words in each language, from gettext ``.po`` catalogues read by Babel.

Message ids are the English text, with ``{name}`` placeholders filled by ``str.format``.
A language reads the site's own catalogue first (``locales/<code>.po`` beside the
configuration), then the package's, each by the fallback of
:func:`generator.base.languages.fallbacks` (``pt-BR``, then ``pt``; ``zh-TW``, then
``zh-Hant``). A message no catalogue has falls back to English; ``missing`` lists them so
``policy-site check`` can report them. Plural forms follow the language's rule (CLDR's,
through Babel): Polish has three, Arabic six, Chinese one.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from functools import cache
from pathlib import Path

from generator.base.catalogues import Catalogue, chain, plural_rule
from generator.base.dates import format_items, format_long_date, format_month
from generator.base.languages import is_rtl as is_rtl
from generator.base.languages import primary_subtag as primary_subtag
from generator.config import SiteConfig

# This module sits in generator/render/; the catalogues and templates are package data.
PACKAGE_DIR = Path(__file__).resolve().parent.parent
LOCALES_DIR = PACKAGE_DIR / "locales"


class Messages:
    """Translate and format the site's words for one language."""

    def __init__(self, lang: str, locale: str | None = None, site: Path | None = None) -> None:
        self.lang = lang
        self.locale = locale or lang.replace("-", "_")
        self.catalogues: tuple[Catalogue, ...] = chain(lang, site)
        """The catalogues read, in order: the site's own first (``site``), then the
        package's."""

    @property
    def identity(self) -> str:
        """What the words depend on (language, locale, every catalogue read): a part of
        cache keys."""
        read = ",".join(f"{c.path.name}:{c.digest}" for c in self.catalogues)
        return f"{self.lang}|{self.locale}|{read}"

    @classmethod
    def english(cls) -> Messages:
        """The source language, which needs no catalogue."""
        return cls("en", "en_IE")

    def _entry(self, msgid: str) -> tuple[Catalogue, str | tuple[str, ...]] | None:
        for catalogue in self.catalogues:
            message = catalogue.get(msgid)
            if message is not None:
                string = message.string
                if isinstance(string, list | tuple):
                    return catalogue, tuple(str(s) for s in string)
                return catalogue, str(string)
        return None

    def translate(self, msgid: str) -> str:
        """The catalogue's text for ``msgid``, or ``msgid`` itself (English) when missing."""
        found = self._entry(msgid)
        if found is not None and isinstance(found[1], str):
            return found[1]
        return msgid

    def __call__(self, msgid: str, /, **values: object) -> str:
        """Translate ``msgid`` and fill its ``{placeholders}``."""
        text = self.translate(msgid)
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """Translate with the form the language's plural rule gives ``count`` (the
        catalogue's language: pt.po read for pt-BR counts as Portuguese); ``{count}`` is
        always available."""
        text = singular if count == 1 else plural
        found = self._entry(singular)
        if found is not None and isinstance(found[1], tuple) and found[1]:
            forms = found[1]
            _number, which = plural_rule(found[0].code)
            text = forms[min(max(which(abs(count)), 0), len(forms) - 1)]
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
        """Message ids with no translation in any catalogue this language reads (none for
        English, whose words are the message ids)."""
        if primary_subtag(self.lang) == "en":
            return []
        return sorted(m for m in msgids if self._entry(m) is None)


def words_for(config: SiteConfig, lang: str) -> Messages:
    """The site's words in ``lang``, with dates in the locale the configuration gives it."""
    return Messages(lang, config.locale(lang), config.catalogue_folder)


def N_(msgid: str) -> str:  # noqa: N802  # gettext's conventional name
    """Mark ``msgid`` as a site word to translate later (it is returned unchanged)."""
    return msgid


_TEMPLATE_CALL = re.compile(
    r'words(\.plural)?\(\s*"((?:[^"\\]|\\.)*)"(?:\s*,\s*"((?:[^"\\]|\\.)*)")?'
)


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _asks(node: ast.Call) -> tuple[str, bool] | None:
    """The message id a call asks for, and whether it is a plural (``words.plural``)."""
    func = node.func
    named = isinstance(func, ast.Name) and func.id in ("_", "N_", "words")
    plural = (
        isinstance(func, ast.Attribute)
        and func.attr == "plural"
        and isinstance(func.value, ast.Name)
        and func.value.id in ("_", "words")
    )
    msgid = _literal(node.args[0]) if node.args and (named or plural) else None
    return (msgid, plural) if msgid is not None else None


@cache
def _scan() -> tuple[frozenset[str], dict[str, str]]:
    """(every message id, the English plural of those asked for with one), from code and
    templates."""
    found: set[str] = set()
    plurals: dict[str, str] = {}
    for path in sorted((PACKAGE_DIR / "templates").glob("*.html")):
        for match in _TEMPLATE_CALL.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group(2))
            if match.group(1):
                plurals[match.group(2)] = match.group(3)
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (asked := _asks(node)) is not None:
                found.add(asked[0])
                other = _literal(node.args[1]) if asked[1] and len(node.args) > 1 else None
                if other is not None:
                    plurals[asked[0]] = other
            elif isinstance(node, ast.Tuple) and len(node.elts) > 1:
                # (N_("{count} section added"), "{count} sections added", …): a plural.
                head = node.elts[0]
                if isinstance(head, ast.Call) and (asked := _asks(head)) is not None:
                    other = _literal(node.elts[1])
                    if other is not None:
                        plurals[asked[0]] = other
    return frozenset(found), plurals


def used_messages() -> frozenset[str]:
    """Every literal message id the generator asks for: ``words("…")`` in code and templates."""
    return _scan()[0]


def used_plurals() -> dict[str, str]:
    """The message ids of :func:`used_messages` that have plural forms (``words.plural``),
    each with its English plural."""
    return dict(_scan()[1])
