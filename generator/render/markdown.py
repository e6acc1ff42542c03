"""A :class:`~generator.diff.Diff` as a pull-request comment: Markdown with ``<ins>``/``<del>``.

GitHub renders the marks; everything taken from the policy text is escaped so that it reads
as text, never as Markdown structure.
"""

from __future__ import annotations

import html
import re

from generator.diff import BlockChange, Diff, OpKind, SectionChange, Status
from generator.render.html_sections import heading_ops
from generator.render.i18n import Messages
from generator.render.inline import inline_html
from generator.render.summary import (
    SUMMARY_KEY,
    badges,
    changed_blocks,
    is_quiet,
    number_note,
    section_label,
    summary_lines,
)

_TAG = re.compile(r"(<[^>]*>)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]~|#])")
# A paragraph starting "1." or "-" would turn into a list in the comment.
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")


def _markdown_escape(fragment: str) -> str:
    """Backslash-escape Markdown syntax in the text between tags of an HTML fragment."""
    parts = _TAG.split(fragment.replace("\n", " "))
    return "".join(
        part if part.startswith("<") else _MARKDOWN_SPECIAL.sub(r"\\\1", part) for part in parts
    )


def markdown_text(text: str) -> str:
    """Plain text (a commit's title) as Markdown that shows it as written: HTML escaped,
    Markdown syntax backslash-escaped, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def _md_mark(kind: OpKind, inner: str) -> str:
    return f"<ins>{inner}</ins>" if kind is OpKind.INSERT else f"<del>{inner}</del>"


def _markdown_block(change: BlockChange) -> str:
    block = change.new or change.old
    assert block is not None, "a BlockChange always has a side"
    if change.status is Status.CHANGED:
        cells = [inline_html(ops, _md_mark) for ops in change.cells]
    else:
        kind = OpKind.INSERT if change.status is Status.ADDED else OpKind.DELETE
        cells = [_md_mark(kind, cell) if cell else cell for cell in block.cells]
    if block.kind == "code":
        return "<pre>" + "".join(cells) + "</pre>"
    text = " \\| ".join(_markdown_escape(cell) for cell in cells)
    if block.kind == "list_item":
        return "  " * block.depth + f"{block.marker or '-'} {text}"
    if block.kind == "quote":
        return f"> {text}"
    return _no_list_start(text)


def _no_list_start(text: str) -> str:
    """Escape what would make a paragraph start a list or a heading underline."""
    match = _ORDERED_START.match(text)
    if match:
        return f"{match.group(1)}\\{match.group(2)}{text[match.end() :]}"
    return "\\" + text if text[:1] in ("-", "+", "=") else text


def _heading(change: SectionChange, words: Messages) -> str:
    """The heading as it now reads, a new name's words marked, a new number noted."""
    new = change.new
    if change.renamed:
        text = inline_html(heading_ops(change), _md_mark)
        if change.renumbered and new is not None and new.number:
            text = f"{_html_text(new.number)} {text.lstrip()}"
        heading = _markdown_escape(text)
    else:
        heading = _markdown_escape(_html_text(section_label(change, words)))
    note = number_note(change)
    return f"{heading} ({_markdown_escape(note)})" if note else heading


def _plain_summary(diff: Diff, words: Messages) -> list[str]:
    """The plain-language summary the diff adds or changes, quoted."""
    for change in diff.metadata:
        if change.key == SUMMARY_KEY and isinstance(change.new, str) and change.new.strip():
            text = " ".join(change.new.split())
            return ["", f"**{words('In short')}**", "", f"> {_markdown_escape(_html_text(text))}"]
    return []


def format_markdown(diff: Diff, words: Messages) -> str:
    """A pull-request comment: summary list, then each changed section's changed blocks."""
    lines = [f"### {words('Summary of changes')}", ""]
    lines.extend(f"- {_markdown_escape(_html_text(line))}" for line in summary_lines(diff, words))
    lines.extend(_plain_summary(diff, words))
    for change in diff.sections:
        if is_quiet(change):
            continue
        heading = _heading(change, words)
        status = " · ".join(_html_text(badge) for badge in badges(change, words))
        lines += ["", f"#### {heading} — {_markdown_escape(status)}"]
        for block in changed_blocks(change):
            lines += ["", _markdown_block(block)]
    return "\n".join(lines) + "\n"


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
