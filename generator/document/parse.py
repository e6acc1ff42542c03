"""One revision's Markdown → a :class:`Document`, with markdown-it-py as the only engine.

CommonMark + tables + footnotes, with markdown-it's link validation on. Raw HTML is parsed
and cleaned against one allow-list (:mod:`generator.document.raw_html`), so a policy can
never inject a script, a style or a ``javascript:`` link into the site, while its tables,
lists and link targets stay what they are. MkDocs never sees the Markdown. The token stream
is walked once to cut it into sections of blocks; an HTML table becomes rows of cells, as
a Markdown table does.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.footnote import footnote_plugin

from generator.base.errors import DocumentError
from generator.config import EffectiveDateRule, control_character
from generator.document.anchors import assign_ids, inline_text
from generator.document.clean import (
    fill_variables,
    read_kramdown,
    read_layout_html,
    remove_template_tags,
    strip_comments,
)
from generator.document.date_lines import strip_date_line
from generator.document.effective import find_effective_date
from generator.document.front_matter import Header, front_matter_line, split_front_matter
from generator.document.headings import split_numbering
from generator.document.html_tables import html_table, plain_text
from generator.document.model import Block, Document, Link, Section
from generator.document.raw_html import use_raw_html


def markdown_engine() -> MarkdownIt:
    """The one Markdown engine: CommonMark, tables, footnotes; raw HTML cleaned."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": False})
    md.enable("table")
    md.use(footnote_plugin)
    md.use(use_raw_html)
    return md


_MD = markdown_engine()
_inline_text = inline_text
_IDS = re.compile(r'\s(?:id|name)="[^"]*"')
_HREF = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')


def _without_ids(html: str) -> str:
    """Cleaned HTML without its ids: a block shown twice on a page (a redline's two
    sides) must not give one id twice."""
    return _IDS.sub("", html) if "id=" in html or "name=" in html else html


def _render_inline(token: Token) -> str:
    """An inline token's HTML, without the ids of the author's HTML (see :func:`_without_ids`)."""
    children = token.children or []
    if any(child.type == "html_inline" for child in children):
        children = [_id_free(child) for child in children]
    return str(_MD.renderer.renderInline(children, _MD.options, {}))  # type: ignore[attr-defined]


def _id_free(child: Token) -> Token:
    if child.type != "html_inline" or "=" not in child.content:
        return child
    copy = child.copy()
    copy.content = _without_ids(child.content)
    return copy


@dataclass(slots=True)
class _Item:
    """An open list item: its paragraphs so far, and whether its first part was emitted."""

    line: int
    marker: str
    depth: int
    parts: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    flushed: bool = False


@dataclass(slots=True)
class _Row:
    """An open table row."""

    line: int
    header: bool
    cells: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


class _Walker:
    """Walks markdown-it's token stream once, cutting it into sections of blocks."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.sections: list[Section] = []
        self.blocks: list[Block] = []
        self.heading: Section = Section("", 0, "", "", "", (), 0)
        self.links: list[Link] = []
        self.items: list[_Item] = []
        self.lists: list[Token] = []
        self.quote_depth = 0
        self.row = _Row(0, False)

    def line(self, token: Token) -> int:
        return (token.map[0] if token.map else 0) + 1 + self.offset

    def walk(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "heading_open":
                self.start_section(token, tokens[index + 1])
                index += 3
                continue
            if token.type == "inline":
                self.inline(token, tokens[index - 1].type)
            else:
                self.structure(token, tokens[index + 1] if index + 1 < len(tokens) else None)
            index += 1
        self.flush_section()

    def start_section(self, token: Token, inline: Token) -> None:
        self.collect_links(inline)
        self.flush_section()
        number, heading = split_numbering(_inline_text(inline))
        self.heading = Section(
            str(token.attrGet("id") or ""),
            int(token.tag[1]),
            number,
            heading,
            _render_inline(inline),
            (),
            self.line(token),
        )

    def flush_section(self) -> None:
        heading = self.heading
        if heading.level == 0 and not self.blocks:
            return
        line = heading.line or (self.blocks[0].line if self.blocks else 1)
        self.sections.append(
            Section(
                heading.id,
                heading.level,
                heading.number,
                heading.heading,
                heading.heading_html,
                tuple(self.blocks),
                line,
            )
        )
        self.blocks = []

    def collect_links(self, inline: Token) -> None:
        for child in inline.children or ():
            if child.type == "link_open":
                self.links.append(Link(str(child.attrs.get("href", "")), self.line(inline)))
            elif child.type == "html_inline" and "href=" in child.content:
                self.html_links(child.content, self.line(inline))

    def html_links(self, cleaned: str, line: int) -> None:
        for found in _HREF.finditer(cleaned):
            self.links.append(Link(html_lib.unescape(found.group(1)), line))

    def html_block(self, token: Token) -> None:
        """An HTML block: a table's rows, else one block of cleaned HTML (nothing for an
        empty anchor)."""
        cleaned = token.content
        line = self.line(token)
        if "href=" in cleaned:
            for found in _HREF.finditer(cleaned):
                at = line + cleaned.count("\n", 0, found.start())
                self.links.append(Link(html_lib.unescape(found.group(1)), at))
        shown = _without_ids(cleaned).strip()
        table = html_table(shown)
        if table is None:
            text = plain_text(shown)
            if text:
                self.add("html", (shown,), text, line)
            return
        if table.caption:
            self.add("paragraph", (table.caption,), plain_text(table.caption), line)
        for row in table.rows:
            self.add(
                "table_row",
                row.cells,
                " | ".join(plain_text(cell) for cell in row.cells),
                line + shown.count("\n", 0, row.offset),
                header=row.header,
                cell_tags=row.tags,
            )

    def inline(self, token: Token, parent: str) -> None:
        self.collect_links(token)
        if parent in ("th_open", "td_open"):
            self.row.cells.append(_render_inline(token))
            self.row.texts.append(_inline_text(token))
        elif parent == "paragraph_open" and self.items:
            item = self.items[-1]
            if item.flushed and not item.parts:
                item.line = self.line(token)
            item.parts.append(_render_inline(token))
            item.texts.append(_inline_text(token))
        elif parent == "paragraph_open":
            kind = "quote" if self.quote_depth else "paragraph"
            self.add(kind, (_render_inline(token),), _inline_text(token), self.line(token))

    def add(self, kind: str, cells: tuple[str, ...], text: str, line: int, **more: Any) -> None:
        self.blocks.append(Block(kind, self.quote_depth, cells, text, line, **more))

    def structure(self, token: Token, following: Token | None) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if self.items:
                self.flush_item(self.items[-1])
            self.lists.append(token)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            ordered = bool(self.lists) and self.lists[-1].type == "ordered_list_open"
            marker = f"{token.info}{token.markup}" if ordered and token.info else ""
            depth = len(self.items) + self.quote_depth
            self.items.append(_Item(self.line(token), marker, depth))
        elif kind == "list_item_close":
            self.flush_item(self.items.pop())
        elif kind in ("blockquote_open", "blockquote_close"):
            self.quote_depth += 1 if kind == "blockquote_open" else -1
        elif kind == "tr_open":
            header = following is not None and following.type == "th_open"
            self.row = _Row(self.line(token), header)
        elif kind == "tr_close":
            row = self.row
            text = " | ".join(row.texts)
            self.add("table_row", tuple(row.cells), text, row.line, header=row.header)
        elif kind == "html_block":
            self.html_block(token)
        elif kind in ("fence", "code_block"):
            text = " ".join(token.content.split())
            self.add("code", (escapeHtml(token.content),), text, self.line(token))

    def flush_item(self, item: _Item) -> None:
        if not item.parts:
            return
        self.blocks.append(
            Block(
                kind="paragraph" if item.flushed else "list_item",
                depth=item.depth,
                cells=(" <br> ".join(item.parts),),
                text=" ".join(item.texts),
                line=item.line,
                marker="" if item.flushed else item.marker,
            )
        )
        item.parts, item.texts, item.flushed = [], [], True


_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Control characters that no policy text, title or summary may hold: all but the tab and
line endings (NUL is refused apart, as a sign the file is not text at all)."""


def _refuse_control_characters(text: str, path: str) -> None:
    """A :class:`DocumentError` at the first control character's line, if any."""
    found = _CONTROL.search(text)
    if found is None:
        return
    raise DocumentError(
        f"this line holds an invisible control character (U+{ord(found[0]):04X}), which "
        "would be published as it is.",
        file=path,
        line=text.count("\n", 0, found.start()) + 1,
        hint="Retype the line; the character was probably pasted from another program.",
    )


def _opening_title(tokens: list[Token], titled: bool) -> bool:
    """Whether the text opens with the heading that is its title, and not a section: a
    level-1 heading that is the only one; without a title in the front matter (``titled``),
    also a level-2 heading (``## Title``, or ``Title`` underlined with ``---``) that is the
    only one, in a text with no level-1 heading."""
    if len(tokens) < 3 or tokens[0].type != "heading_open":
        return False
    others = [t.tag for t in tokens[3:] if t.type == "heading_open"]
    if tokens[0].tag == "h1":
        return "h1" not in others
    return tokens[0].tag == "h2" and not titled and not {"h1", "h2"} & set(others)


def _title(text: str, header: Header, tokens: list[Token], path: str) -> tuple[str, list[Token]]:
    """The document's title (front matter ``title:``, else the heading that opens the text:
    level 1, or setext when no heading is level 1) and the tokens of its text (without that
    heading when it is the title and the only one of its kind)."""
    title = header.metadata.get("title")
    title_line = front_matter_line(text, "title")
    if title is not None and not isinstance(title, str):
        raise DocumentError(
            "'title:' in the front matter must be text.", file=path, line=title_line
        )
    opening = _opening_title(tokens, bool(title))
    leading_h1 = bool(tokens) and tokens[0].type == "heading_open" and tokens[0].tag == "h1"
    if not title and tokens and (leading_h1 or opening):
        # Without a title in the front matter, the heading that opens the text names it.
        title = _inline_text(tokens[1])
        title_line = header.offset + (tokens[0].map[0] + 1 if tokens[0].map else 1)
    if opening:  # the title, not a section
        tokens = tokens[3:]
    bad = control_character(title or "")
    if bad:
        raise DocumentError(
            f"the title holds an invisible control character ({bad}).",
            file=path,
            line=title_line,
            hint="Retype the title; it was probably pasted from another program.",
        )
    return title or "", tokens


def parse_document(
    text: str,
    *,
    path: str,
    lang: str = "en",
    rule: EffectiveDateRule | None = None,
    keep_template_tags: bool = False,
    variables: Mapping[str, str] | None = None,
) -> Document:
    """Parse one revision of a policy file. Raises :class:`DocumentError` on bad input.

    ``{{ site.key }}`` is filled in from ``variables``; other template tags are removed
    unless ``keep_template_tags``; HTML comments are never shown; a date line that gives
    the effective date is metadata, set apart from the text.
    """
    rule = rule or EffectiveDateRule()
    if "\x00" in text:
        raise DocumentError("the file is not text (it contains NUL bytes).", file=path)
    _refuse_control_characters(text, path)
    header = split_front_matter(text, path)
    body, unknown = fill_variables(header.body, variables or {})
    body = body if keep_template_tags else remove_template_tags(body)
    found = find_effective_date(text, header, body, rule, path, lang)
    if found.date_line is not None:
        body = strip_date_line(body, found.date_line)
    env: dict[str, Any] = {}
    body, kramdown = read_kramdown(strip_comments(body))
    body, layout = read_layout_html(body)
    tokens = _MD.parse(body, env)
    title, tokens = _title(text, header, tokens, path)
    ids = assign_ids(tokens, sorted([*kramdown, *layout], key=lambda a: a.line))
    walker = _Walker(header.offset)
    walker.walk(tokens)
    filled = "".join(f"\x00{k}={v}" for k, v in sorted((variables or {}).items()))
    source = f"{path}\x00{lang}\x00{rule!r}\x00{keep_template_tags}\x00{text}{filled}".encode(
        "utf-8", "surrogatepass"
    )
    return Document(
        path=path,
        metadata=header.metadata,
        title=title,
        effective_date=found.date,
        sections=tuple(walker.sections),
        # Trusted: markdown-it-py's HTML, raw HTML cleaned by the one allow-list, unsafe
        # links refused.
        html=Markup(_MD.renderer.render(tokens, _MD.options, env)),
        links=tuple(walker.links),
        duplicate_ids=tuple((base, line + 1 + header.offset) for base, line in ids.duplicates),
        anchors=tuple(ids.anchors),
        unknown_variables=tuple((name, line + header.offset) for name, line in unknown),
        digest=hashlib.sha256(source).hexdigest(),
        date_source=found.source,
        approximate=found.approximate,
        date_label=found.label,
        date_line=found.line,
        date_marked=found.marked,
    )
