"""The MkDocs plugin that hands MkDocs the pre-rendered policy pages, from memory.

``writer`` gives the plugin every page of one language as a :class:`PreparedPage`: its HTML
body (rendered by markdown-it-py and the templates), its table of contents and its metadata,
every text already escaped (:class:`markupsafe.Markup`). The plugin adds the pages as
generated files (no Markdown file is written), keeps Python-Markdown away from them, and
puts the prepared body and table of contents back. MkDocs supplies the theme, search,
sitemap and 404 page.

A page that the navigation does not list (a version, a redline, a section's history) holds,
when the menu is long (more than :data:`COMPACT_FROM` pages), only the way home, to what's
new and to its own policy: the whole menu on each of a large site's many pages would be
most of its size, and its host limits that.

A page kept from the previous build that MkDocs still needs (every page's navigation names
it, or the search index holds it) is given *unrendered*: with its title, an empty template
(nothing is written for it) and the search entries the last build made of it, which the
plugin adds to the index where the page stands. Of every page it renders, the plugin keeps
the search entries MkDocs made (:attr:`PolicySitePlugin.indexed`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

NAV_OWN = "ps_nav_own"
"""``page.meta`` key: the addresses (in the language's build) a page outside the menu keeps
in a long menu."""
COMPACT_FROM = 14
"""Pages in the menu above which pages outside it get the short one."""


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
    search: tuple[dict[str, Any], ...] | None = None
    """For a page MkDocs does not render (it was kept from the previous build): its search
    entries; None for a page MkDocs renders."""

    @property
    def rendered(self) -> bool:
        """Whether MkDocs renders (and writes) the page."""
        return self.search is None


UNRENDERED = "unrendered.html"
"""The theme's empty template: a page given with it is part of the build, never written."""


class PolicySitePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Serve pre-rendered HTML and its table of contents to MkDocs unchanged."""

    def __init__(self) -> None:
        self.pages: dict[str, PreparedPage] = {}
        self.search: Any = None
        """The search plugin, whose index the kept pages' entries are added to."""
        self.static = True
        """Whether the theme's own files (scripts, styles, fonts) are written."""
        self.indexed: dict[str, list[dict[str, Any]]] = {}
        """The search entries made of each rendered page, by source."""
        self._mark = 0

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add every prepared page as a file generated in memory (and leave out the theme's
        own files when they are not kept)."""
        if not self.static:
            for file in list(files):
                files.remove(file)
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
            if not prepared.rendered:
                page.meta["template"] = UNRENDERED
                page.meta["search"] = {"exclude": True}
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

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Keep the entries search made of a rendered page; add a kept page's own. On a long
        menu, a page outside it keeps only the entries :data:`NAV_OWN` names."""
        self._index(page)
        keep = page.meta.get(NAV_OWN)
        if keep is None or len(nav.pages) <= COMPACT_FROM:
            return context
        items = [short for item in nav.items if (short := _kept(item, set(keep))) is not None]
        context["nav"] = Navigation(items, [p for p in nav.pages if p.url in keep])
        return context

    def _index(self, page: Page) -> None:
        prepared = self.pages.get(page.file.src_uri)
        index = getattr(getattr(self.search, "search_index", None), "entries", None)
        if not isinstance(index, list) or prepared is None:
            return
        if prepared.search is not None:
            index.extend(dict(entry) for entry in prepared.search)
        else:
            self.indexed[page.file.src_uri] = index[self._mark :]
        self._mark = len(index)


def _kept(item: Any, keep: set[str]) -> Any:
    """``item`` when it is a page ``keep`` names, a section holding only such pages, or None."""
    if isinstance(item, Section):
        children = [found for child in item.children if (found := _kept(child, keep)) is not None]
        return Section(item.title, children) if children else None
    return item if isinstance(item, Page) and item.url in keep else None


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
