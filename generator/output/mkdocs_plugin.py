"""The MkDocs plugin that hands MkDocs the pre-rendered policy pages, from memory.

``writer`` gives the plugin every page of one language as a :class:`PreparedPage`: its HTML
body (rendered by markdown-it-py and the templates), its table of contents and its metadata,
every text already escaped (:class:`markupsafe.Markup`). The plugin adds the pages as
generated files (no Markdown file is written), keeps Python-Markdown away from them, and
puts the prepared body and table of contents back. MkDocs supplies the theme, search,
sitemap and 404 page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


@dataclass(frozen=True, slots=True)
class TocItem:
    """One entry of a page's table of contents, its name already escaped."""

    id: str
    """Anchor on the page."""
    name: Markup
    """Text shown."""
    level: int
    """Heading level (2 = top)."""


@dataclass(frozen=True, slots=True)
class PreparedPage:
    """One page as MkDocs receives it."""

    source: str
    """Its path in the docs folder (``privacy/index.md``): where MkDocs writes it."""
    body: Markup
    """The page's content, HTML."""
    toc: tuple[TocItem, ...] = ()
    """Its table of contents."""
    meta: dict[str, Any] = field(default_factory=dict)
    """What the theme reads from ``page.meta``: title, description, alternates… (escaped)."""


class PolicySitePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Serve pre-rendered HTML and its table of contents to MkDocs unchanged."""

    def __init__(self) -> None:
        self.pages: dict[str, PreparedPage] = {}

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add every prepared page as a file generated in memory."""
        for page in self.pages.values():
            files.append(File.generated(config, page.source, content=""))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Give the page its metadata; give Python-Markdown nothing to render."""
        prepared = self.pages.get(page.file.src_uri)
        if prepared is not None:
            page.meta.update(prepared.meta)
        return ""

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Return the prepared HTML and table of contents."""
        prepared = self.pages.get(page.file.src_uri)
        if prepared is None:
            return html
        page.toc = get_toc(_toc_tokens(prepared.toc))
        return prepared.body


def _toc_tokens(entries: tuple[TocItem, ...]) -> list[Any]:
    """Nest the flat list of entries by level, as MkDocs' table of contents wants it."""
    roots: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for entry in entries:
        token = {"level": entry.level, "id": entry.id, "name": entry.name, "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots
