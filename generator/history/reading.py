"""Part of stage 2: each blob of a history read once, checked, handed on and let go.

The history pass (:func:`generator.history.read_history`) reads every distinct blob
through one ``cat-file --batch`` (:func:`~generator.history.blobs.stream_blobs`); here each
is checked (UTF-8), told to the :class:`TextSink` that parses it, and dropped: what is kept
is what each blob said (:class:`BlobState`), so a history of any length is read holding
one text at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.base.errors import HistoryError
from generator.history.blobs import stream_blobs
from generator.history.lineage import Change


class TextSink(Protocol):
    """Told each text as the history pass reads it, so that it can be parsed while the pass
    goes on, and let go."""

    def expect(self, uses: Mapping[str, Sequence[tuple[str, str]]]) -> None:
        """Every blob the pass will read, with each (path, language) that has it, before it
        reads any."""

    def take(self, blob: str, text: str) -> None:
        """One text, as read (valid UTF-8)."""


Progress = Callable[[int, int], None]
"""Told how far the history pass has gone: (texts read, texts in all)."""


PROGRESS_EVERY = 500
"""Texts between two reports of how far the history pass has gone."""


@dataclass(frozen=True, slots=True)
class BlobState:
    """What reading one blob said: its size, and where it is not UTF-8 (None when it is)."""

    size: int
    sha256: str = ""
    """The SHA-256 of its bytes (what a version's source file is verified by)."""
    bad_line: int | None = None
    """The line of the first byte that is not UTF-8."""
    missing: bool = False
    """Git has no copy of it."""


def read_blobs_once(
    workdir: Path,
    uses: dict[str, dict[tuple[str, str], None]],
    texts: TextSink | None,
    progress: Progress | None,
) -> dict[str, BlobState]:
    """Read every blob once, in one ``cat-file`` pass: each text is told to ``texts`` and
    let go; what is kept is what each blob said."""
    found: dict[str, BlobState] = {}
    total = len(uses)
    if texts is not None:
        texts.expect({blob: tuple(pairs) for blob, pairs in uses.items()})
    for done, (oid, data) in enumerate(stream_blobs(workdir, uses), start=1):
        if data is None:
            found[oid] = BlobState(0, missing=True)
        else:
            digest = hashlib.sha256(data).hexdigest()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                found[oid] = BlobState(len(data), digest, data[: exc.start].count(b"\n") + 1)
            else:
                found[oid] = BlobState(len(data), digest)
                if texts is not None:
                    texts.take(oid, text)
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return found


def checked(change: Change, blob: BlobState | None) -> BlobState:
    """What reading ``change``'s new content said. Raises :class:`HistoryError` when it is
    not a regular file of UTF-8 text that git has."""
    if change.mode == "120000":
        raise HistoryError(
            "the policy file is a symbolic link, not a file with the policy's text.",
            file=change.path,
            commit=change.commit,
            hint="Replace the link with the file itself (git cannot publish what a link points to).",
        )
    if blob is None or blob.missing:
        raise HistoryError(
            "git has no copy of this version of the file (the repository is incomplete).",
            file=change.path,
            commit=change.commit,
            hint="Clone the repository again, or run 'git fsck' to find what is missing.",
        )
    if blob.bad_line is not None:
        raise HistoryError(
            "the file is not valid UTF-8 text.",
            file=change.path,
            line=blob.bad_line,
            commit=change.commit,
            hint="Save it as UTF-8 in your editor and commit again.",
        )
    return blob
