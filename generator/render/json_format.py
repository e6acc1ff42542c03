"""A :class:`~generator.diff.Diff` as stable JSON, described by ``generator/schema/diff.schema.json``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

from generator.diff import BlockChange, CellOps, Diff, SectionChange, Status
from generator.diff.tokens import opening_tag

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "diff.schema.json"
"""Where the JSON Schema of :func:`format_json`'s output lives."""
JSON_FORMAT_VERSION = 1
"""Raised when a field changes meaning or disappears (adding a field keeps it)."""


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
        {
            "op": op.kind.value,
            "text": op.text,
            "html": op.html,
            "tags": [opening_tag(tag) for tag in op.tags],
        }
        for op in ops
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
