"""A :class:`~generator.diff.Diff` as a terminal redline.

It reads without colour (``[+inserted+]``, ``[-deleted-]``) and adds ANSI colour on request.
Policy text never drives the terminal: control characters are dropped.
"""

from __future__ import annotations

import html
import re

from generator.diff import BlockChange, CellOps, Diff, OpKind, SectionChange, Status
from generator.render.html_sections import heading_ops
from generator.render.i18n import Messages
from generator.render.summary import (
    SUMMARY_KEY,
    badges,
    changed_blocks,
    is_quiet,
    number_note,
    section_label,
    summary_lines,
)

_GREEN, _RED, _BOLD, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[1m", "\x1b[0m"
# Policy text must not drive the terminal: drop control characters other than tab/newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


_SPACE = re.compile(r"\s+")
_BREAK = re.compile(r" ?<br\s*/?> ?")
_TAG = re.compile(r"<[^>]*>")


def plain(inline_html: str) -> str:
    """Inline HTML as the text a reader sees: its line breaks (``<br>``) kept, the source's
    own line wrapping not."""
    text = _BREAK.sub("\n", _SPACE.sub(" ", inline_html))
    return _CONTROL.sub("", html.unescape(_TAG.sub("", text)))


def _text_ops(ops: CellOps, color: bool) -> str:
    out: list[str] = []
    for op in ops:
        text = plain(op.html)
        if op.kind is OpKind.EQUAL:
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip(" \n"))]
        body = text[len(lead) :]
        out.append(lead)
        out.append(_text_mark(op.kind, body, color))
    return "".join(out)


def _text_mark(kind: OpKind, body: str, color: bool) -> str:
    if kind is OpKind.INSERT:
        marked = f"[+{body}+]"
        return f"{_GREEN}{marked}{_RESET}" if color else marked
    marked = f"[-{body}-]"
    return f"{_RED}{marked}{_RESET}" if color else marked


def _text_block(change: BlockChange, color: bool) -> str:
    if change.status is Status.CHANGED:
        text = " | ".join(_text_ops(ops, color) for ops in change.cells)
    elif change.status is Status.ADDED and change.new is not None:
        text = _text_mark(OpKind.INSERT, " | ".join(map(plain, change.new.cells)), color)
    elif change.old is not None:
        text = _text_mark(OpKind.DELETE, " | ".join(map(plain, change.old.cells)), color)
    else:
        text = ""
    block = change.new or change.old
    prefix = "  " * (block.depth if block else 0)
    if block is not None and block.kind == "list_item":
        prefix += f"{block.marker or '-'} "
    # A line broken inside the block goes on under the block's first line.
    return prefix + text.replace("\n", "\n" + " " * len(prefix))


def _plain_summary(diff: Diff, words: Messages) -> list[str]:
    """The version's plain-language summary when the diff adds or changes it, as lines."""
    for change in diff.metadata:
        if change.key == SUMMARY_KEY and isinstance(change.new, str) and change.new.strip():
            text = _CONTROL.sub("", change.new.strip())
            return ["", words("In short"), *(f"  {line}" for line in text.splitlines())]
    return []


def _heading(change: SectionChange, words: Messages, color: bool) -> str:
    """The heading as it now reads: the new number (the old one in a note, "11 → 10"), the
    words of a new name marked."""
    section = change.section
    if change.renamed:
        text = _text_ops(heading_ops(change), color)
        if change.renumbered and change.new is not None and change.new.number:
            text = f"{change.new.number} {text.lstrip()}"
    else:
        text = section_label(change, words)
    note = number_note(change)
    return f"{text} ({note})" if note and section.level else text


def format_text(diff: Diff, words: Messages, color: bool) -> str:
    """A terminal redline: summary, then each section with something to point out."""
    bold, reset = (_BOLD, _RESET) if color else ("", "")
    lines = [f"{bold}{words('Summary of changes')}{reset}"]
    lines.extend(f"  {_CONTROL.sub('', line)}" for line in summary_lines(diff, words))
    lines.extend(_plain_summary(diff, words))
    for change in diff.sections:
        if is_quiet(change):
            continue
        status = ", ".join(badges(change, words))
        lines.append("")
        lines.append(f"{bold}{_CONTROL.sub('', _heading(change, words, color))}{reset}  ({status})")
        lines.extend(_text_block(block, color) for block in changed_blocks(change))
    return "\n".join(lines) + "\n"
