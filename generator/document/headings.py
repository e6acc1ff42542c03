"""Headings as section identities: numbering set apart, stable and unique link ids."""

from __future__ import annotations

import re

from generator.base.segments import short_slug
from generator.base.urls import unique

#: Section numbering that a heading may start with: "3.", "3.2", "IV.", "A.", "§ 4",
#: "Section 4:", "Article 7", "第三条", "三、". Numbering is not part of a section's identity.
_NUMBERING = re.compile(
    r"""^\s*(?P<number>
        (?:section|article|clause|sección|artículo|cláusula)\s+\d+(?:\.\d+)*\.?[:)]?
      | \d+(?:\.\d+)+\.?
      | \d+[.:)]
      | \d{1,2}(?=\s)
      | [IVXLC]+\.
      | [A-Z][.)]
      | §+\s*\d+(?:\.\d+)*\.?
      | 第[一二三四五六七八九十百零〇\d]+[条章节部分款]
      | [一二三四五六七八九十]+[、.]
      | [（(][一二三四五六七八九十\d]+[）)]
    )\s*""",
    re.VERBOSE | re.IGNORECASE,
)


def slugify(text: str) -> str:
    """A URL fragment for a heading: lower case, letters and digits of any script, hyphens;
    a long heading's is cut, and ends with a short hash (:func:`short_slug`)."""
    return short_slug(text, "section")


_NOT_OURS = re.compile(r"_|ps-|fn\d|fnref\d|[hv]\d{4}-")
"""Ids the page around a policy's text uses: the theme's (``__drawer``, ``__search``,
``__toc``…), policy-site's own (``ps-…``, ``v2026-01-01``), and footnotes' (``fn1``)."""


def own_id(base: str) -> str:
    """``base``, or ``section-base`` when the theme, the page or a footnote uses ids like
    it: a heading such as ``__drawer`` must not take over the theme's menu."""
    return f"section-{base.lstrip('_') or 'section'}" if _NOT_OURS.match(base) else base


def split_numbering(heading: str) -> tuple[str, str]:
    """Split "3.2 Retention" into ("3.2", "Retention"); ("", heading) when unnumbered."""
    match = _NUMBERING.match(heading)
    if match and match.end() < len(heading.rstrip()):
        return match.group("number").strip(), heading[match.end() :].strip()
    return "", heading.strip()


class SectionIds:
    """Hands out section ids, each once: a repeated heading gets the next free suffix."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, base: str) -> tuple[str, bool]:
        """A unique id for a heading whose slug is ``base``; True when it had to be changed."""
        chosen = unique(base, self._taken)
        return chosen, chosen != base
