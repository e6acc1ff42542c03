"""Part of stage 4: the classified edit log, what each revision of a file did to its versions.

Each readable revision, parsed, is an :class:`Edit`; judged against the versions in place
just before it, it is a :class:`LogEntry` of one :class:`EditKind` (``check`` judges the log).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Protocol

from generator.document import Document, DocumentFacts
from generator.history import Removal, Revision


class DocumentSource(Protocol):
    """Where a revision's whole document is read from when it is needed."""

    def document(self, revision: Revision) -> Document:
        """The revision's document (its facts are known)."""


@dataclass(frozen=True, slots=True)
class _Held:
    """A document given as it is (tests, small tools)."""

    held: Document

    def document(self, revision: Revision) -> Document:
        return self.held


@dataclass(frozen=True, slots=True)
class Edit:
    """One revision of a version, with what its text is; the whole document is read from
    its source when a page needs it, not held for the run."""

    revision: Revision
    """The commit and file content."""
    facts: DocumentFacts
    """What that revision's text is: its date, front matter, title and digests."""
    source: DocumentSource = field(compare=False, repr=False)
    """Where its document is read from (the parse cache)."""
    formatting: bool = False
    """It only changed how the text is written (whitespace, line endings, Markdown that
    reads the same): no correction, in no history, moving no date. It is kept because its
    file is what the version's source file is, byte for byte."""

    @property
    def document(self) -> Document:
        """That revision's text, parsed."""
        return self.source.document(self.revision)

    @classmethod
    def holding(cls, revision: Revision, document: Document) -> Edit:
        """An edit of ``revision`` whose document is ``document`` (held in memory)."""
        return cls(revision, document.facts(), _Held(document))


class EditKind(enum.StrEnum):
    """What one commit did to a file's versions, judged against the versions in place."""

    FIRST = "first"
    """The file's first readable revision: it adopts the first version."""
    NEW_VERSION = "new_version"
    """A new effective date after every version in place: an amendment."""
    CORRECTION = "correction"
    """The same effective date as the file's latest version: it corrects that version."""
    REUSED_DATE = "reused_date"
    """The date of an older version that was not the latest: it rewrites that version."""
    BACKDATED = "backdated"
    """A new date earlier than a version already in place."""


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One revision of a file in commit order, classified."""

    kind: EditKind
    """What it did."""
    edit: Edit
    """The revision and its parsed text."""
    effective_date: dt.date
    """The effective date it gives the file."""
    previous: dt.date | None
    """The file's latest version date before this revision (None for the first)."""
    in_place: tuple[dt.date, ...]
    """Dates of every version in place just before it, withdrawn ones excluded, sorted."""
    withdrew: tuple[dt.date, ...] = ()
    """Versions not yet in force that it replaced with its new date (a rescheduling)."""
    readded: Removal | None = None
    """The deletion this revision undid: the file was added again after it."""

    @property
    def revision(self) -> Revision:
        """The commit and file content."""
        return self.edit.revision


def classify_edit(
    effective: dt.date, previous: dt.date | None, in_place: list[dt.date]
) -> EditKind:
    """What a revision giving the file the date ``effective`` does, when the file's latest
    version date was ``previous`` and ``in_place`` are the dates of its versions (sorted)."""
    if previous is None:
        return EditKind.FIRST
    if effective == previous:
        return EditKind.CORRECTION
    if effective in in_place:
        return EditKind.REUSED_DATE
    return EditKind.BACKDATED if effective < max(in_place) else EditKind.NEW_VERSION


@dataclass(frozen=True, slots=True)
class Withdrawn:
    """A version replaced by a different effective date before it took effect."""

    effective_date: dt.date
    """The date it would have taken effect."""
    edits: tuple[Edit, ...]
    """Its revisions."""
    replaced_by: Revision
    """The revision that set another date before this one arrived."""
