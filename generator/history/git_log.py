"""Reading ``git log --raw -z`` output into :class:`Change` s (part of stage 2, pure).

Every field is read between NUL bytes, which git never puts in a name, an e-mail, a commit
message or a path: whatever characters a hostile commit holds, it cannot forge another
commit or hide a change. Control characters in names and messages cannot be fixed in
history, so they are shown visibly (:func:`visible`) instead of being refused.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.base.visible import visible
from generator.history.lineage import Change

FORMAT = "%x00%x00%H%x00%cI%x00%an%x00%ae%x00%s%x00"
"""The ``--format`` of the log pass: an empty field, then the commit's five fields (the
committer date in strict ISO 8601, with the committer's own offset)."""

_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def parse_log(raw: str) -> list[Change]:
    """The changes of the log pass, oldest first (submodules left out)."""
    tokens = raw.split("\x00")
    changes: list[Change] = []
    header: tuple[str, dt.datetime, str, str] | None = None
    sequence, i = -1, 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if not token:
            i += 1
        elif token.startswith(":") and header is not None:
            i = _raw_entry(tokens, i, token, header, sequence, changes)
        elif _SHA.fullmatch(token) and tokens[i - 1] == "" and i + 4 < len(tokens):
            stamp, author, _email, subject = tokens[i + 1 : i + 5]
            committed = dt.datetime.fromisoformat(stamp)
            header = (token, committed, visible(author), visible(subject))
            sequence += 1
            i += 5
        else:
            i += 1
    return changes


def _raw_entry(
    tokens: list[str],
    i: int,
    meta: str,
    header: tuple[str, dt.datetime, str, str],
    sequence: int,
    changes: list[Change],
) -> int:
    """Read one ``:mode mode sha sha status`` entry and its paths; the next token's index."""
    _src_mode, dst_mode, _src, dst, status = meta[1:].split(" ")
    kind = status[0]
    if kind in "RC":
        old_path, path, after = tokens[i + 1], tokens[i + 2], i + 3
    else:
        old_path, path, after = None, tokens[i + 1], i + 2
    if not dst_mode.startswith("16"):  # a submodule is no file
        sha, committed, author, subject = header
        changes.append(
            Change(sha, committed, author, subject, kind, old_path, path, dst, dst_mode, sequence)
        )
    return after
