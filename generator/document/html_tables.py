"""An HTML table an author wrote, read as rows of cells, so that the redline compares it cell
by cell as it does a Markdown table.

It reads cleaned HTML only (:mod:`generator.document.sanitize`'s output: well nested, every
attribute quoted, ``<`` and ``>`` escaped in text and values), so a plain scan of its tags is
exact. A cell keeps its inner HTML (lists, line breaks, emphasis) and its opening tag, which
holds ``colspan`` and ``rowspan``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^>]*>")
_PARTS = frozenset({"thead", "tbody", "tfoot"})


@dataclass(frozen=True, slots=True)
class HtmlRow:
    """One row of an HTML table."""

    header: bool
    """Inside ``<thead>``, or every cell is a ``<th>``."""
    cells: tuple[str, ...]
    """Each cell's inner HTML."""
    tags: tuple[str, ...]
    """Each cell's opening tag as cleaned (``<td colspan="2">``)."""
    offset: int
    """Where the row starts in the HTML read."""


@dataclass(frozen=True, slots=True)
class HtmlTable:
    """An HTML block that is one table."""

    caption: str
    """The caption's inner HTML ("" without one)."""
    rows: tuple[HtmlRow, ...]
    """Its rows, in order."""


def plain_text(fragment: str) -> str:
    """What a reader sees of cleaned HTML: its text, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())


class _Reader:
    """Walks the tags of one table, collecting its rows."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[str] = []
        self.rows: list[HtmlRow] = []
        self.caption = ""
        self.row: list[tuple[str, str]] | None = None
        self.row_at = 0
        self.cell: tuple[str, int, int] | None = None  # opening tag, content start, depth
        self.caption_at = -1

    def opening(self, name: str, match: re.Match[str]) -> None:
        depth = len(self.stack)
        self.stack.append(name)
        if self.cell is not None or self.caption_at >= 0:
            return
        if name == "caption" and depth == 1:
            self.caption_at = match.end()
        elif name == "tr" and self._in_table(depth):
            self.row, self.row_at = [], match.start()
        elif name in ("td", "th") and self.row is not None:
            self.cell = (match.group(0), match.end(), depth)

    def _in_table(self, depth: int) -> bool:
        return depth == 1 or (depth == 2 and self.stack[1] in _PARTS)

    def closing(self, name: str, match: re.Match[str]) -> None:
        if name not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            depth = len(self.stack)
            if self.cell is not None and depth == self.cell[2]:
                opened, start, _depth = self.cell
                assert self.row is not None
                self.row.append((opened, self.text[start : match.start()].strip()))
                self.cell = None
            elif top == "caption" and depth == 1 and self.caption_at >= 0:
                self.caption = self.text[self.caption_at : match.start()].strip()
                self.caption_at = -1
            elif top == "tr" and self.row is not None and self.cell is None:
                self._end_row()
            if top == name:
                break

    def _end_row(self) -> None:
        assert self.row is not None
        header = "thead" in self.stack or all(tag.startswith("<th") for tag, _ in self.row)
        if self.row:
            self.rows.append(
                HtmlRow(
                    header,
                    tuple(cell for _tag, cell in self.row),
                    tuple(tag for tag, _cell in self.row),
                    self.row_at,
                )
            )
        self.row = None


def html_table(cleaned: str) -> HtmlTable | None:
    """The table that ``cleaned`` (an HTML block) is, or None when it holds anything else."""
    text = cleaned.strip()
    if not text.startswith("<table") or not text.endswith("</table>"):
        return None
    reader = _Reader(text)
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2)
        if closing:
            reader.closing(name, match)
        elif name not in ("br", "col", "hr", "wbr"):
            reader.opening(name, match)
        if not reader.stack:
            if match.end() != len(text):
                return None  # a second element after the table
            break
    return HtmlTable(reader.caption, tuple(reader.rows)) if reader.rows else None
