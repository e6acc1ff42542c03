"""Stage 3: one revision's Markdown → a :class:`Document` (front matter + section tree + HTML).

Policy text is parsed and rendered by markdown-it-py only (CommonMark + tables + footnotes),
with raw HTML off and markdown-it's link validation on, so a policy can never inject markup
or ``javascript:`` links into the site. MkDocs never sees the Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from generator.dates import parse_human_date
from generator.errors import DocumentError

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


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of reading inside a section: a paragraph, a list item, a table row…"""

    kind: str
    """``paragraph``, ``list_item``, ``table_row``, ``code``, ``quote`` or ``rule``."""
    depth: int
    """Nesting depth: 0 at the section's top level, 1 for an item of a nested list…"""
    cells: tuple[str, ...]
    """Rendered inline HTML: one entry per table cell for ``table_row``, else one entry."""
    text: str
    """What a reader sees, as plain text with whitespace collapsed (cells joined by " | ")."""
    line: int
    """1-based line in the source file where the block starts."""
    marker: str = ""
    """List marker a reader sees: "1." for an ordered item, "" for bullets and other blocks."""
    header: bool = False
    """True for a table's header row."""

    @property
    def html(self) -> str:
        """The inline HTML of a single-cell block (cells joined for a table row)."""
        return " | ".join(self.cells)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the blocks up to the next heading (of any level)."""

    id: str
    """Stable anchor id: the heading's slug without its numbering ("" for the preamble)."""
    level: int
    """Heading level 1–6; 0 for the preamble before the first heading."""
    number: str
    """The heading's numbering as written ("3.", "第三条"), "" when it has none."""
    heading: str
    """The heading's text without its numbering, as plain text."""
    heading_html: str
    """The heading's full inline HTML, numbering included."""
    blocks: tuple[Block, ...]
    """The section's own content, in order (sub-sections are separate sections)."""
    line: int
    """1-based source line of the heading (of the first block for the preamble)."""

    @property
    def label(self) -> str:
        """Numbering and heading as a reader sees them ("3. How we use information")."""
        return f"{self.number} {self.heading}".strip()


@dataclass(frozen=True, slots=True)
class Link:
    """A link in the policy text, kept for ``policy-site check``."""

    href: str
    line: int


@dataclass(frozen=True, slots=True)
class Document:
    """A policy file as read by the public: metadata, sections and rendered HTML."""

    path: str
    """Repository-relative path of the file this was read from."""
    metadata: Mapping[str, Any]
    """The front matter, as YAML parsed it."""
    title: str
    """Front matter ``title``, else the first level-1 heading, else ""."""
    effective_date: dt.date | None
    """From the front matter or the text pattern; None when taken from the commit date."""
    sections: tuple[Section, ...]
    """Every section in document order; the first may be the preamble (level 0)."""
    html: str
    """The body rendered by markdown-it-py, headings carrying their section ids."""
    links: tuple[Link, ...] = field(default=())
    """Every link target in the body, for link checking."""
    duplicate_ids: tuple[tuple[str, int], ...] = field(default=())
    """(id, line) of headings whose id was already taken and got a suffix."""


@dataclass(frozen=True, slots=True)
class EffectiveDateRule:
    """Where a document's effective date comes from (``source.effective_date``)."""

    front_matter: str | None = "effective"
    """Front-matter key holding the date; None when another source is used."""
    pattern: str | None = None
    """Regular expression whose first group is the date written in the text."""
    commit_date: bool = False
    """Take the date of the commit that made the revision."""


def markdown_engine() -> MarkdownIt:
    """The one Markdown engine: CommonMark, tables, footnotes; raw HTML escaped."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table")
    md.use(footnote_plugin)
    return md


_MD = markdown_engine()


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, number of lines before the body)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise DocumentError(
            "the front matter that starts on line 1 is never closed.",
            file=path,
            line=1,
            hint="Add a line with only '---' after the last front-matter line.",
        )
    raw = "".join(lines[1:end])
    try:
        meta = yaml.safe_load(raw) if raw.strip() else {}
    except ValueError as exc:  # YAML read a date that does not exist (2026-02-30)
        raise DocumentError(
            f"the front matter holds a date that does not exist ({exc}).",
            file=path,
            line=_first_bad_date_line(lines[1:end]) + 1,
            hint="Check the day and the month, for example 2026-02-28.",
        ) from None
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct starts (an unclosed bracket…),
        # which is where the reader should look; the problem mark is where YAML gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise DocumentError(
            f"the front matter cannot be read ({problem}).",
            file=path,
            line=line,
            hint="Write each entry as 'key: value' on its own line.",
        ) from None
    if not isinstance(meta, dict):
        raise DocumentError(
            "the front matter must be a list of 'key: value' lines.", file=path, line=2
        )
    return meta, "".join(lines[end + 1 :]), end + 1


def _first_bad_date_line(lines: list[str]) -> int:
    """1-based line (within ``lines``) of the first YYYY-MM-DD that is not a real date."""
    for number, line in enumerate(lines, start=1):
        for match in re.finditer(r"(\d{4})-(\d{1,2})-(\d{1,2})", line):
            try:
                dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return number
    return 1


def slugify(text: str) -> str:
    """A URL fragment for a heading: lower case, letters and digits of any script, hyphens."""
    text = unicodedata.normalize("NFKC", text).lower()
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LN" or ch in "-_":
            out.append(ch)
        elif ch.isspace() or cat[0] in "PSZ":
            out.append("-")
    slug = re.sub(r"-{2,}", "-", "".join(out)).strip("-")
    return slug or "section"


def split_numbering(heading: str) -> tuple[str, str]:
    """Split "3.2 Retention" into ("3.2", "Retention"); ("", heading) when unnumbered."""
    match = _NUMBERING.match(heading)
    if match and match.end() < len(heading.rstrip()):
        return match.group("number").strip(), heading[match.end() :].strip()
    return "", heading.strip()


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split())


def _line(token: Token, offset: int) -> int:
    return (token.map[0] if token.map else 0) + 1 + offset


def _date_from(
    meta: Mapping[str, Any], body: str, offset: int, rule: EffectiveDateRule, path: str, lang: str
) -> dt.date | None:
    if rule.commit_date:
        return None
    if rule.pattern:
        match = re.search(rule.pattern, body, re.MULTILINE)
        if not match:
            raise DocumentError(
                "no effective date found in the text.",
                file=path,
                hint=f"The site expects a line matching the pattern {rule.pattern!r}.",
            )
        line = body.count("\n", 0, match.start()) + 1 + offset
        written = match.group(1) if match.groups() else match.group(0)
        parsed = parse_human_date(written, lang)
        if parsed is None:
            raise DocumentError(
                f"the effective date {written.strip()!r} is not a date I can read.",
                file=path,
                line=line,
                hint="Write it like 2026-03-17 or March 17, 2026.",
            )
        return parsed
    key = rule.front_matter or "effective"
    value = meta.get(key)
    if value is None:
        raise DocumentError(
            f"the front matter has no '{key}:' date.",
            file=path,
            line=1,
            hint=f"Add a line such as '{key}: 2026-03-01' between the '---' lines.",
        )
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed = parse_human_date(str(value), lang)
    if parsed is None:
        raise DocumentError(
            f"'{key}: {value}' is not a date.",
            file=path,
            line=2,
            hint="Write the date as YYYY-MM-DD, for example 2026-03-01.",
        )
    return parsed


def front_matter_line(text: str, key: str) -> int:
    """1-based line of ``key:`` in the front matter; 1 (the opening '---') when absent."""
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        if line.lstrip().startswith(f"{key}:"):
            return number
    return 1


class _SectionBuilder:
    """Collects blocks while walking the token stream."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.sections: list[Section] = []
        self.blocks: list[Block] = []
        self.current: dict[str, Any] = {
            "id": "",
            "level": 0,
            "number": "",
            "heading": "",
            "heading_html": "",
            "line": 0,
        }

    def start(self, **fields: Any) -> None:
        self.flush()
        self.current = fields

    def flush(self) -> None:
        cur = self.current
        if cur["level"] == 0 and not self.blocks:
            return
        line = cur["line"] or (self.blocks[0].line if self.blocks else 1)
        self.sections.append(
            Section(
                id=cur["id"],
                level=cur["level"],
                number=cur["number"],
                heading=cur["heading"],
                heading_html=cur["heading_html"],
                blocks=tuple(self.blocks),
                line=line,
            )
        )
        self.blocks = []


def _render_inline(token: Token) -> str:
    return str(_MD.renderer.renderInline(token.children or [], _MD.options, {}))  # type: ignore[attr-defined]


def parse_document(
    text: str,
    *,
    path: str,
    lang: str = "en",
    rule: EffectiveDateRule | None = None,
) -> Document:
    """Parse one revision of a policy file. Raises :class:`DocumentError` on bad input."""
    rule = rule or EffectiveDateRule()
    if "\x00" in text:
        raise DocumentError("the file is not text (it contains NUL bytes).", file=path)
    meta, body, offset = split_front_matter(text, path)
    try:
        effective = _date_from(meta, body, offset, rule, path, lang)
    except DocumentError as exc:
        # _date_from knows the key, not where it sits; point at its line.
        if exc.line == 2 and rule.front_matter:
            exc.line = front_matter_line(text, rule.front_matter)
        raise
    title = meta.get("title")
    if title is not None and not isinstance(title, str):
        raise DocumentError(
            "'title:' in the front matter must be text.",
            file=path,
            line=front_matter_line(text, "title"),
        )

    env: dict[str, Any] = {}
    tokens = _MD.parse(body, env)

    # A leading level-1 heading is the document's title, not a section.
    if (
        len(tokens) >= 3
        and tokens[0].type == "heading_open"
        and tokens[0].tag == "h1"
        and not any(t.type == "heading_open" and t.tag == "h1" for t in tokens[3:])
    ):
        title = title or _inline_text(tokens[1])
        tokens = tokens[3:]

    builder = _SectionBuilder(offset)
    seen_ids: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    links: list[Link] = []
    item_stack: list[dict[str, Any]] = []  # open list items: their parts and whether flushed
    list_stack: list[Token] = []
    quote_depth = 0
    row: list[str] = []
    row_text: list[str] = []
    row_header = False
    row_line = 0

    def flush_item(item: dict[str, Any]) -> None:
        if item["parts"]:
            builder.blocks.append(
                Block(
                    kind="list_item" if not item["flushed"] else "paragraph",
                    depth=item["depth"],
                    cells=(" <br> ".join(item["parts"]),),
                    text=" ".join(item["texts"]),
                    line=item["line"],
                    marker=item["marker"] if not item["flushed"] else "",
                )
            )
            item["parts"], item["texts"], item["flushed"] = [], [], True

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "inline":
            for child in tok.children or ():
                if child.type == "link_open":
                    links.append(Link(str(child.attrs.get("href", "")), _line(tok, offset)))
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            plain = _inline_text(inline)
            number, heading = split_numbering(plain)
            base = slugify(heading)
            sid = base
            if sid in seen_ids:
                seen_ids[base] += 1
                sid = f"{base}-{seen_ids[base]}"
                duplicates.append((base, _line(tok, offset)))
            seen_ids.setdefault(sid, 1)
            tok.attrSet("id", sid)
            builder.start(
                id=sid,
                level=int(tok.tag[1]),
                number=number,
                heading=heading,
                heading_html=_render_inline(inline),
                line=_line(tok, offset),
            )
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            if item_stack:
                flush_item(item_stack[-1])
            list_stack.append(tok)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif tok.type == "list_item_open":
            ordered = bool(list_stack) and list_stack[-1].type == "ordered_list_open"
            marker = f"{tok.info}{tok.markup}" if ordered and tok.info else ""
            item_stack.append(
                {
                    "parts": [],
                    "texts": [],
                    "flushed": False,
                    "line": _line(tok, offset),
                    "marker": marker,
                    "depth": len(item_stack) + quote_depth,
                }
            )
        elif tok.type == "list_item_close":
            flush_item(item_stack.pop())
        elif tok.type == "blockquote_open":
            quote_depth += 1
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        elif tok.type == "tr_open":
            row, row_text, row_line = [], [], _line(tok, offset)
            row_header = tokens[i + 1].type == "th_open"
        elif tok.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            row.append(_render_inline(tok))
            row_text.append(_inline_text(tok))
        elif tok.type == "tr_close":
            builder.blocks.append(
                Block(
                    kind="table_row",
                    depth=quote_depth,
                    cells=tuple(row),
                    text=" | ".join(row_text),
                    line=row_line,
                    header=row_header,
                )
            )
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            if item_stack:
                item = item_stack[-1]
                if item["flushed"] and not item["parts"]:
                    item["line"] = _line(tok, offset)
                item["parts"].append(_render_inline(tok))
                item["texts"].append(_inline_text(tok))
            else:
                builder.blocks.append(
                    Block(
                        kind="quote" if quote_depth else "paragraph",
                        depth=quote_depth,
                        cells=(_render_inline(tok),),
                        text=_inline_text(tok),
                        line=_line(tok, offset),
                    )
                )
        elif tok.type in ("fence", "code_block"):
            escaped = escapeHtml(tok.content)
            builder.blocks.append(
                Block(
                    kind="code",
                    depth=quote_depth,
                    cells=(escaped,),
                    text=" ".join(tok.content.split()),
                    line=_line(tok, offset),
                )
            )
        i += 1
    builder.flush()

    html = _MD.renderer.render(tokens, _MD.options, env)
    return Document(
        path=path,
        metadata=meta,
        title=title or "",
        effective_date=effective,
        sections=tuple(builder.sections),
        html=html,
        links=tuple(links),
        duplicate_ids=tuple(duplicates),
    )
