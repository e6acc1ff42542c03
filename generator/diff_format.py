"""A :class:`~generator.diff.Diff` for the command line: terminal text, Markdown, JSON.

``format_text`` reads without colour (``[+inserted+]``, ``[-deleted-]``) and adds ANSI
colour on request; ``format_markdown`` is what a pull-request comment shows (GitHub renders
``<ins>``/``<del>``); ``format_json`` follows ``generator/schema/diff.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from generator.diff import (
    BlockChange,
    CellOps,
    Diff,
    OpKind,
    SectionChange,
    Status,
    inline_html,
)
from generator.i18n import Messages
from generator.redline import badges, describe_metadata, summary_groups

SCHEMA_PATH = Path(__file__).parent / "schema" / "diff.schema.json"
"""Where the JSON Schema of :func:`format_json`'s output lives."""
JSON_FORMAT_VERSION = 1
"""Raised when a field changes meaning or disappears (adding a field keeps it)."""

_GREEN, _RED, _BOLD, _RESET = "\x1b[32m", "\x1b[31m", "\x1b[1m", "\x1b[0m"
# Policy text must not drive the terminal: drop control characters other than tab/newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TAG = re.compile(r"(<[^>]*>)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]~|#])")
# A paragraph starting "1." or "-" would turn into a list in the comment.
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])")


def _summary_lines(diff: Diff, words: Messages) -> Iterator[str]:
    """The summary as plain-text lines (no markup)."""
    if not diff.text_changed:
        yield words("No changes to the text.")
    counts = diff.counts
    groups = summary_groups(diff, words)
    for heading, changes in groups:
        if changes:
            names = "; ".join(_label(change, words) for change in changes)
            yield f"{heading}: {names}"
    if counts.words_inserted or counts.words_deleted:
        yield words.plural("{count} word inserted", "{count} words inserted", counts.words_inserted)
        yield words.plural("{count} word deleted", "{count} words deleted", counts.words_deleted)
    for change in diff.metadata:
        yield describe_metadata(change, words)
    if diff.coarse:
        yield words(
            "Some very long paragraphs are compared sentence by sentence or as a "
            "whole, not word by word."
        )


def _label(change: SectionChange, words: Messages) -> str:
    section = change.section
    return section.label if section.level else words("Introduction")


def _shown_blocks(change: SectionChange) -> list[BlockChange]:
    return [block for block in change.blocks if block.status is not Status.UNCHANGED]


# -- text ------------------------------------------------------------------------------


def _text_ops(ops: CellOps, color: bool) -> str:
    out: list[str] = []
    for op in ops:
        text = _CONTROL.sub("", op.text)
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
        text = _text_mark(OpKind.INSERT, _CONTROL.sub("", change.new.text), color)
    elif change.old is not None:
        text = _text_mark(OpKind.DELETE, _CONTROL.sub("", change.old.text), color)
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
    lines.extend(f"  {_CONTROL.sub('', line)}" for line in _summary_lines(diff, words))
    for change in diff.sections:
        if change.is_quiet:
            continue
        status = ", ".join(badges(change, words))
        heading = _text_ops(change.heading, color) if change.heading else _label(change, words)
        lines.append("")
        lines.append(f"{bold}{_CONTROL.sub('', heading)}{reset}  ({status})")
        lines.extend(_text_block(block, color) for block in _shown_blocks(change))
    return "\n".join(lines) + "\n"


# -- markdown --------------------------------------------------------------------------


def _markdown_escape(fragment: str) -> str:
    """Backslash-escape Markdown syntax in the text between tags of an HTML fragment."""
    parts = _TAG.split(fragment.replace("\n", " "))
    return "".join(
        part if part.startswith("<") else _MARKDOWN_SPECIAL.sub(r"\\\1", part) for part in parts
    )


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


def format_markdown(diff: Diff, words: Messages) -> str:
    """A pull-request comment: summary list, then each changed section's changed blocks."""
    lines = [f"### {words('Summary of changes')}", ""]
    lines.extend(f"- {_markdown_escape(_html_text(line))}" for line in _summary_lines(diff, words))
    for change in diff.sections:
        if change.is_quiet:
            continue
        if change.heading:
            heading = _markdown_escape(inline_html(change.heading, _md_mark))
        else:
            heading = _markdown_escape(_html_text(_label(change, words)))
        status = " · ".join(_html_text(badge) for badge in badges(change, words))
        lines += ["", f"#### {heading} — {_markdown_escape(status)}"]
        for block in _shown_blocks(change):
            lines += ["", _markdown_block(block)]
    return "\n".join(lines) + "\n"


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- json ------------------------------------------------------------------------------


def _jsonable(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _ops_json(ops: CellOps) -> list[dict[str, object]]:
    return [
        {"op": op.kind.value, "text": op.text, "html": op.html, "tags": list(op.tags)} for op in ops
    ]


def _blocks_json(blocks: Sequence[BlockChange]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    old_index = new_index = 0
    for block in blocks:
        if block.status is not Status.UNCHANGED:
            shown = block.new or block.old
            assert shown is not None
            out.append(
                {
                    "status": block.status.value,
                    "kind": shown.kind,
                    "granularity": block.granularity.value,
                    "old_index": old_index if block.old is not None else None,
                    "new_index": new_index if block.new is not None else None,
                    "old_text": block.old.text if block.old is not None else None,
                    "new_text": block.new.text if block.new is not None else None,
                    "cells": [_ops_json(ops) for ops in block.cells],
                }
            )
        old_index += block.old is not None
        new_index += block.new is not None
    return out


def _side_json(change: SectionChange, old: bool) -> dict[str, object] | None:
    section = change.old if old else change.new
    if section is None:
        return None
    return {
        "index": change.old_index if old else change.new_index,
        "id": section.id,
        "level": section.level,
        "number": section.number,
        "heading": section.heading,
    }


def diff_json(diff: Diff) -> dict[str, object]:
    """The diff as JSON-ready data (see the schema for each field)."""
    counts = diff.counts
    return {
        "format": "policy-site-diff",
        "version": JSON_FORMAT_VERSION,
        "old": {
            "path": diff.old_path,
            "title": diff.old_title,
            "effective_date": _jsonable(diff.old_effective_date),
        },
        "new": {
            "path": diff.new_path,
            "title": diff.new_title,
            "effective_date": _jsonable(diff.new_effective_date),
        },
        "is_empty": diff.is_empty,
        "text_changed": diff.text_changed,
        "coarse": diff.coarse,
        "counts": {
            "sections_added": counts.sections_added,
            "sections_removed": counts.sections_removed,
            "sections_changed": counts.sections_changed,
            "sections_moved": counts.sections_moved,
            "sections_renamed": counts.sections_renamed,
            "sections_renumbered": counts.sections_renumbered,
            "sections_unchanged": counts.sections_unchanged,
            "words_inserted": counts.words_inserted,
            "words_deleted": counts.words_deleted,
        },
        "metadata": [
            {
                "key": change.key,
                "kind": change.kind.value,
                "old": _jsonable(change.old),
                "new": _jsonable(change.new),
            }
            for change in diff.metadata
        ],
        "sections": [
            {
                "status": change.status.value,
                "moved": change.moved,
                "renamed": change.renamed,
                "renumbered": change.renumbered,
                "coarse": change.coarse,
                "old": _side_json(change, old=True),
                "new": _side_json(change, old=False),
                "heading_ops": _ops_json(change.heading),
                "blocks": _blocks_json(change.blocks),
            }
            for change in diff.sections
        ],
    }


def format_json(diff: Diff) -> str:
    """The diff as stable JSON: sorted keys, two-space indent, UTF-8 text kept as is."""
    return json.dumps(diff_json(diff), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
