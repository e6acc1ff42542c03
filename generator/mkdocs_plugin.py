"""The MkDocs plugin that hands MkDocs pre-rendered policy pages.

Each page's Markdown file holds HTML that markdown-it-py already rendered, and a front
matter with the table of contents. The plugin keeps Python-Markdown away from it: the body
is set aside before MkDocs converts Markdown and put back as the page's content, and the
table of contents comes from the front matter. MkDocs supplies the theme, search, sitemap
and dev server.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class PolicySitePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Serve pre-rendered HTML and its table of contents to MkDocs unchanged."""

    def __init__(self) -> None:
        self._bodies: dict[str, str] = {}

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Set the pre-rendered HTML aside; give Python-Markdown nothing to render."""
        self._bodies[page.file.src_uri] = markdown
        return ""

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Return the pre-rendered HTML and the table of contents from the front matter."""
        page.toc = get_toc(_toc_tokens(page.meta.get("toc") or []))
        return self._bodies.pop(page.file.src_uri, html)


def _toc_tokens(entries: list[dict[str, Any]]) -> list[Any]:
    """Nest the flat ``[{id, name, level}]`` list from the front matter by level."""
    roots: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for entry in entries:
        token = {
            "level": int(entry["level"]),
            "id": str(entry["id"]),
            "name": str(entry["name"]),
            "children": [],
        }
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots
