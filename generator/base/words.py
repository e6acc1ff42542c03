"""Counts in the tool's own English messages: "1 page", "3 pages", "1 policy"."""

from __future__ import annotations


def counted(count: int, word: str, plural: str = "") -> str:
    """``count`` and ``word``, made plural (with ``plural``, or an "s") unless it is one."""
    return f"{count} {word if abs(count) == 1 else plural or word + 's'}"
