"""Texts of the configuration that readers see: one value for every language, or one per
language (``title: {en: Our Policies, de: Unsere Richtlinien}``).

A language without its own text takes the nearest one written (``pt`` for ``pt-BR``,
``zh-Hant`` for ``zh-TW``: :func:`generator.base.languages.nearest`), then the
authoritative language's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.base.languages import fallbacks, nearest


@dataclass(frozen=True, slots=True)
class Texts:
    """A text in one value for every language, or in one value per language code."""

    by_language: tuple[tuple[str, str], ...] = ()
    """(language code, text) as written, in the file's order."""
    everywhere: str = ""
    """The single value, when the text is not given per language."""

    @classmethod
    def of(cls, values: dict[str, str] | str) -> Texts:
        """A text from a mapping by language, or from one value."""
        if isinstance(values, str):
            return cls(everywhere=values)
        return cls(by_language=tuple(values.items()))

    def __bool__(self) -> bool:
        return bool(self.everywhere) or any(text for _code, text in self.by_language)

    def __iter__(self) -> Iterator[str]:
        """The codes given (none for a single value)."""
        return iter(code for code, _text in self.by_language)

    def values(self) -> list[str]:
        """Every text written."""
        return [self.everywhere] if not self.by_language else [t for _c, t in self.by_language]

    def own(self, lang: str) -> str:
        """The text meant for ``lang``: its own, the nearest one's, or the single value;
        "" when only other languages have one."""
        if not self.by_language:
            return self.everywhere
        found = nearest(lang, self)
        return dict(self.by_language)[found] if found is not None else ""

    def get(self, lang: str, default: str) -> str:
        """The text in ``lang``, else in the authoritative language ``default``, else ""."""
        return self.own(lang) or self.own(default)

    def unknown(self, languages: Iterable[str]) -> list[str]:
        """The codes given that are none of ``languages`` nor what one falls back to (a
        misspelt code, or a language the site does not publish)."""
        known = {code.lower() for lang in languages for code in fallbacks(lang)}
        return [code for code in self if code.lower() not in known]
