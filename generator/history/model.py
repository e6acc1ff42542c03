"""Part of stage 2: what the history pass gives: each :class:`Revision` of each policy file
(its blob, not its text), each :class:`Removal`, and the :class:`History` that holds them."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import InitVar, dataclass, field

from generator.base.errors import HistoryError
from generator.history.blobs import TextReader

UNCOMMITTED = 2**62
"""The sequence of the working copy: after every commit."""


@dataclass(frozen=True, slots=True)
class FileEvent:
    """Something a commit did to one policy file."""

    policy: str
    """Policy id from the layout's ``{policy}`` (for the file's newest path)."""
    lang: str
    """Language code from the layout's ``{lang}`` (the default language without it)."""
    path: str
    """Repository-relative path of the file at this commit (renames are followed)."""
    commit: str
    """Full sha of the commit; "" for the uncommitted working copy."""
    committed: dt.datetime
    """When the commit was made (committer date, in the committer's own offset)."""
    author: str
    """Author's name."""
    message: str
    """First line of the commit message."""

    @property
    def short(self) -> str:
        """Abbreviated commit sha for display."""
        return self.commit[:7]

    @property
    def day(self) -> dt.date:
        """The day the commit was made where it was made (in the committer's own offset): a
        commit made at 17:00 on 10 April in UTC−7 was made on 10 April."""
        return self.committed.date()


@dataclass(frozen=True, slots=True)
class Revision(FileEvent):
    """One commit's text of one policy file (the text itself stays in git)."""

    blob: str
    """Sha of the file's content: the cache key of everything computed from it."""
    sequence: int = 0
    """Position of its commit in the history, oldest first (orders it among removals)."""
    body: str = ""
    """The commit message after its first line, read only for GitHub's and GitLab's merge
    commits (it holds the pull request's title; :mod:`generator.history.commit_titles`)."""
    raw: bytes | None = None
    """The committed bytes, kept only for a past revision that is not valid UTF-8: its
    ``text`` shows what cannot be read as U+FFFD, and its source file is these bytes."""
    size: int = 0
    """The file's size in bytes."""
    sha256: str = ""
    """The SHA-256 of the file's bytes: what its source file is verified by."""
    texts: TextReader = field(default_factory=lambda: TextReader(None), compare=False, repr=False)
    """Where its text is read from (git, or the text given to it)."""
    content: InitVar[str | None] = None
    """A text to hold instead of reading it from git (drafts, tests)."""

    def __post_init__(self, content: str | None) -> None:
        if content is not None:
            data = content.encode("utf-8", "surrogatepass")
            self.texts.hold(self.blob or _draft_key(self), data)
            object.__setattr__(self, "size", len(data))
            object.__setattr__(self, "sha256", hashlib.sha256(data).hexdigest())

    @property
    def text(self) -> str:
        """The file's content, read again (from git, or as it was given); for a past
        revision that is not UTF-8, what can be read of it (the rest shown as U+FFFD)."""
        if self.raw is not None:
            return self.raw.decode("utf-8", errors="replace")
        data = self.texts.read(self.blob or _draft_key(self))
        return data.decode("utf-8", "surrogatepass")


def _draft_key(revision: Revision) -> str:
    """The key of a text that has no blob (a draft): its file and language."""
    return f"draft:{revision.path}:{revision.lang}"


@dataclass(frozen=True, slots=True)
class Removal(FileEvent):
    """A commit that deleted a policy file: the policy (in that language) is withdrawn."""

    sequence: int = 0
    """Position of its commit in the history, oldest first."""


@dataclass(frozen=True, slots=True)
class History:
    """What the log pass found: readable revisions, removals, and what it could not read."""

    revisions: tuple[Revision, ...]
    """Every readable revision, oldest first."""
    skipped: tuple[HistoryError, ...] = ()
    """Old revisions that hold no text to publish (a symbolic link, a blob git lacks), each
    naming file and commit."""
    removals: tuple[Removal, ...] = ()
    """Commits that deleted a policy file, oldest first."""
    unreadable: tuple[HistoryError, ...] = ()
    """Files whose current text cannot be read: what would be published is missing."""
    names: dict[str, str] = field(default_factory=dict)
    """Each policy id with the ``{policy}`` part of its file names, as written."""
    former_ids: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    """Each (policy, language) with the ids its file had before a rename or a move, and the
    ids ``policies.<id>.aliases`` joins to it: their addresses lead to the policy."""
    overlaps: tuple[HistoryError, ...] = ()
    """Two files that held the same policy in one language at once, each naming the file
    left unpublished and the commit from which both existed."""
    damaged: tuple[HistoryError, ...] = ()
    """Past revisions that are not valid UTF-8, published with what cannot be read shown
    as U+FFFD (history cannot be fixed), each naming file, line and commit."""
