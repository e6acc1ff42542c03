"""Which committed files ``policy-site init`` cannot propose as policies, and why.

A symbolic link cannot be published (git keeps where it points, not a text), nor can a
file that is not text (not UTF-8, or holding NUL bytes: an image saved as ``.md``); both
are left out of the layout ``init`` proposes, each by its own ``source.exclude`` entry
with a comment saying why, so that ``build`` never stops at them. A file whose name holds
a line break or another control character cannot be written into ``site_config.yml`` at
all: ``init`` names it and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.base.errors import UsageError
from generator.base.visible import hidden_character, visible
from generator.history import History, Revision

LINK = "a symbolic link, which cannot be published"
"""Why a link is left out (git keeps where it points, not a text)."""
NOT_TEXT = "not text (not UTF-8, or holding NUL bytes)"
"""Why a file that is not text is left out (an image or a document saved as ``.md``)."""


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A committed Markdown file ``init`` leaves out of the policies."""

    path: str
    """Its path, relative to the folder ``init`` inspects."""
    reason: str
    """Why (:data:`LINK`, :data:`NOT_TEXT`)."""


def refuse_unwritable_names(paths: Iterable[str]) -> None:
    """Raise :class:`UsageError` naming the first file whose name holds a character that
    site_config.yml cannot hold (a line break, an escape, any control character, or one
    that changes the direction of the text)."""
    for path in paths:
        code = hidden_character(path)
        if not code:
            continue
        what = {
            "U+000A": "a line break",
            "U+000D": "a line break",
            "U+001B": "an escape character",
            "U+0009": "a tab",
        }.get(code, f"an invisible character ({code})")
        raise UsageError(
            f"the file name '{visible(path)}' holds {what}, which site_config.yml cannot "
            "hold; nothing was written.",
            hint="Rename the file without it (git mv), commit, and run 'policy-site init' again.",
        )


def as_glob(path: str) -> str:
    """``path`` (relative to the policies folder) as a ``source.exclude`` entry matching
    that one file, from the top (``*`` and ``?`` in a name stand for themselves closely
    enough: any one character)."""
    return "/" + path.replace("*", "?")


def not_text(history: History, newest: Iterable[Revision], base: str) -> list[LeftOut]:
    """The files whose text as it is now cannot be read as text, relative to ``base``'s
    parent folder (the inspected one) as ``init`` writes them."""
    found = {error.file for error in history.unreadable if error.file and "UTF-8" in error.message}
    found |= {revision.path for revision in newest if "\x00" in revision.text}
    return [LeftOut(path, NOT_TEXT) for path in sorted(found)]


def relative_to(base: str, paths: Iterable[LeftOut]) -> list[str]:
    """The ``source.exclude`` entries (relative to the policies folder ``base``) of the
    files left out that lie in it."""
    prefix = base + "/" if base else ""
    return [as_glob(p.path[len(prefix) :]) for p in paths if p.path.startswith(prefix)]


def nothing_found(folder: Path, left_out: list[LeftOut]) -> UsageError:
    """The error when every Markdown file committed is a link or not text."""
    by_reason: dict[str, list[str]] = {}
    for item in left_out:
        by_reason.setdefault(item.reason, []).append(visible(item.path))
    named = "; ".join(
        f"{' and '.join(paths)} {'are' if len(paths) > 1 else 'is'} {reason}"
        for reason, paths in by_reason.items()
    )
    return UsageError(
        f"no policy was found in '{folder.resolve()}': {named}, and those are all the "
        "Markdown files committed there; nothing was written.",
        hint="Commit each policy as a Markdown text file (saved as UTF-8), then run "
        "'policy-site init' again.",
    )
