"""Links between policies as their authors wrote them: to the other policy's file.

A policy kept in git links to another as a repository would (``../cancellation/index.md``,
``terms.md``, ``./terms.md#liability``). Published, such a link leads to that policy's page
in the same language, or in the authoritative language when it has no translation, with
its ``#part`` kept. A link to a file that holds no policy is left as written, for ``check``
to name (and ``build`` to warn about).

Pure: :func:`policy_links` reads which path held which policy from the history, and
:meth:`PolicyLinks.apply` rewrites a parsed document's links, as seen from the policy's own
page (``/<lang>/<policy>/``), like every link of the text.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from generator.base import urls
from generator.config import SiteConfig
from generator.document import Document, Link, Section
from generator.history import History

_HREF = re.compile(r'href="([^"]*)"')
_FILE_LINK = re.compile(r"[^:#?]*\.(?:md|markdown)(?:[?#].*)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PolicyLinks:
    """Which policy each repository path of a policy file held, and in which languages each
    policy is published."""

    paths: dict[str, tuple[str, str]]
    """Repository path → (policy, language), for every path a policy file ever had."""
    languages: dict[str, frozenset[str]]
    """Each policy's languages."""
    default: str
    """The authoritative language."""

    def target(self, href: str, source: str) -> tuple[str, str, str] | None:
        """(policy, its file's language, ``#fragment``) for a link ``href`` written in the
        file at ``source``, when it leads to a policy's file; else None."""
        if not _FILE_LINK.fullmatch(href) or href.startswith("/"):
            return None
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
        found = self.paths.get(path)
        if found is None:
            return None
        return found[0], found[1], f"#{parts.fragment}" if parts.fragment else ""

    def href(self, href: str, source: str, lang: str) -> str | None:
        """The site's address for ``href`` (as the page of the policy at ``source`` shows
        its links), or None when ``href`` leads to no policy's file."""
        found = self.target(href, source)
        own = self.paths.get(source)
        if found is None or own is None:
            return None
        policy, _file_lang, fragment = found
        shown = lang if lang in self.languages.get(policy, ()) else self.default
        if (policy, shown) == (own[0], lang) and fragment:
            return fragment
        return urls.relative(urls.policy(lang, own[0]), urls.policy(shown, policy)) + fragment

    def apply(self, document: Document, lang: str) -> Document:
        """``document`` with every link to a policy's file leading to that policy's page."""
        changed: dict[str, str] = {}
        for link in document.links:
            new = self.href(link.href, document.path, lang)
            if new is not None:
                changed[link.href] = new
        if not changed:
            return document

        def fix(text: str) -> str:
            def one(match: re.Match[str]) -> str:
                new = changed.get(html.unescape(match.group(1)))
                return f'href="{html.escape(new)}"' if new is not None else match.group(0)

            return _HREF.sub(one, text) if "href=" in text else text

        digest = hashlib.sha256(document.digest.encode())
        for old, new in sorted(changed.items()):
            digest.update(f"\x00{old}\x00{new}".encode("utf-8", "surrogatepass"))
        return replace(
            document,
            html=type(document.html)(fix(str(document.html))),
            sections=tuple(_fixed_section(section, fix) for section in document.sections),
            links=tuple(Link(changed.get(k.href, k.href), k.line) for k in document.links),
            digest=digest.hexdigest(),
        )


def _fixed_section(section: Section, fix: Callable[[str], str]) -> Section:
    blocks = tuple(
        replace(block, cells=tuple(fix(cell) for cell in block.cells))
        if any("href=" in cell for cell in block.cells)
        else block
        for block in section.blocks
    )
    return replace(section, heading_html=fix(section.heading_html), blocks=blocks)


def policy_links(history: History, config: SiteConfig) -> PolicyLinks:
    """Every path each policy's file had, and each policy's published languages."""
    paths: dict[str, tuple[str, str]] = {}
    languages: dict[str, set[str]] = {}
    codes = set(config.language_codes)
    for revision in history.revisions:
        paths[revision.path] = (revision.policy, revision.lang)
        if revision.lang in codes:
            languages.setdefault(revision.policy, set()).add(revision.lang)
    return PolicyLinks(
        paths,
        {policy: frozenset(found) for policy, found in languages.items()},
        config.languages.default,
    )
