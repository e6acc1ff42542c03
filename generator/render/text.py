"""A :class:`~generator.diff.Diff` as a terminal redline.

It reads without colour (``[+inserted+]``, ``[-deleted-]``) and adds ANSI colour on request.
Policy text never drives the terminal: its control characters, and characters that change
the direction of the text, are shown visibly (:func:`generator.base.visible.visible`).
"""

from __future__ import annotations

from generator.base.visible import visible
from generator.diff import BlockChange, CellOps, Diff, OpKind, Status
from generator.render.i18n import Messages
from generator.render.summary import badges, changed_blocks, section_label, summary_lines

_GREEN, _RED, _BOLD, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[1m", "\x1b[0m"


def _plain(text: str) -> str:
    """Policy text that cannot drive the terminal (tabs and line breaks kept)."""
    return visible(text, keep="\t\n")


def _text_ops(ops: CellOps, color: bool) -> str:
    out: list[str] = []
    for op in ops:
        text = _plain(op.text)
        if op.kind is OpKind.EQUAL:
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip(" "))]
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
        text = _text_mark(OpKind.INSERT, _plain(change.new.text), color)
    elif change.old is not None:
        text = _text_mark(OpKind.DELETE, _plain(change.old.text), color)
    else:
        text = ""
    block = change.new or change.old
    prefix = "  " * (block.depth if block else 0)
    if block is not None and block.kind == "list_item":
        prefix += f"{block.marker or '-'} "
    return prefix + text


def format_text(diff: Diff, words: Messages, color: bool) -> str:
    """A terminal redline: summary, then each section with something to point out."""
    bold, reset = (_BOLD, _RESET) if color else ("", "")
    lines = [f"{bold}{words('Summary of changes')}{reset}"]
    lines.extend(f"  {_plain(line)}" for line in summary_lines(diff, words))
    for change in diff.sections:
        if change.is_quiet:
            continue
        status = ", ".join(badges(change, words))
        heading = (
            _text_ops(change.heading, color)
            if change.heading
            else _plain(section_label(change, words))
        )
        lines.append("")
        lines.append(f"{bold}{heading}{reset}  ({status})")
        lines.extend(_text_block(block, color) for block in changed_blocks(change))
    return "\n".join(lines) + "\n"
