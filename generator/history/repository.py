"""Stage 2: the git repository → every :class:`Revision` of every policy file.

The only module that talks to git. One ``git log`` pass over the policies folder (renames
followed across the whole history) finds every change; every blob is then read through one
``git cat-file --batch`` process (:mod:`generator.history.blobs`); no process is started
per commit. Git is only ever read.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import git

from generator.base.errors import HistoryError, PolicySiteError, UsageError
from generator.base.visible import visible
from generator.config import SiteConfig
from generator.history.blobs import read_blobs
from generator.history.commit_titles import is_merge_subject
from generator.history.git_log import FORMAT, parse_log
from generator.history.lineage import Change, policy_files
from generator.history.merges import join_merge_renames, merge_branches

log = logging.getLogger(__name__)


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
    """One commit's text of one policy file."""

    blob: str
    """Sha of the file's content: the cache key of everything computed from it."""
    text: str
    """The file's content."""
    sequence: int = 0
    """Position of its commit in the history, oldest first (orders it among removals)."""
    body: str = ""
    """The commit message after its first line, read only for GitHub's and GitLab's merge
    commits (it holds the pull request's title; :mod:`generator.history.commit_titles`)."""
    raw: bytes | None = None
    """The committed bytes, kept only for a past revision that is not valid UTF-8: its
    ``text`` shows what cannot be read as U+FFFD, and its source file is these bytes."""


@dataclass(frozen=True, slots=True)
class Removal(FileEvent):
    """A commit that deleted a policy file: the policy (in that language) is withdrawn."""

    sequence: int = 0
    """Position of its commit in the history, oldest first."""


@contextmanager
def open_repo(start: Path) -> Iterator[git.Repo]:
    """Open the repository holding ``start``; always closes its cat-file processes."""
    try:
        repo = git.Repo(start, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise HistoryError(
            f"'{start}' is not inside a git repository.",
            hint="policy-site reads the policies' history from git: run 'git init' and commit them.",
        ) from None
    try:
        yield repo
    finally:
        repo.close()


def _log_changes(repo: git.Repo, folder: str) -> list[Change]:
    """Every change to files under ``folder``, oldest first, in one ``git log``."""
    try:
        # What 'git rev-parse --is-shallow-repository' reads, without starting git for it.
        if (Path(repo.common_dir) / "shallow").exists():
            raise HistoryError(
                "this is a shallow clone, so the policies' past versions are missing.",
                hint="Fetch the whole history (in GitHub Actions: actions/checkout with "
                "'fetch-depth: 0'), or run 'git fetch --unshallow'.",
            )
        if not repo.head.is_valid():
            return []
        raw = repo.git.log(
            "--reverse",
            "--topo-order",
            "--first-parent",
            "--diff-merges=first-parent",
            "--raw",
            "-M",
            "--no-abbrev",
            "-z",
            "--no-color",
            f"--format={FORMAT}",
            "--",
            folder or ".",
        )
        changes = parse_log(raw)
        return join_merge_renames(changes, merge_branches(repo, changes, folder))
    except git.GitCommandError as exc:
        raise HistoryError(f"git could not read the history: {exc.stderr.strip()}") from None


def _merge_bodies(repo: git.Repo, changes: list[Change]) -> dict[str, str]:
    """The message bodies of the merge commits among ``changes``, in one ``git log``."""
    merges = sorted({c.commit for c in changes if is_merge_subject(c.message)})
    if not merges:
        return {}
    raw = repo.git.log("--no-walk=unsorted", "-z", "--format=%H%n%b", *merges)
    bodies = {}
    for record in raw.split("\x00"):
        sha, _, body = record.lstrip("\n").partition("\n")
        if sha in merges:
            # Like subjects, bodies cannot be fixed once they are history: shown visibly.
            bodies[sha] = visible(body.strip(), keep="\n")
    return bodies


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


def read_history(config: SiteConfig) -> History:
    """Every revision of every policy file, oldest first, renames followed.

    A file is identified by its newest path: a policy moved from ``privacy.md`` to
    ``privacy/en.md`` keeps its whole history. Files whose ids ``policies.<id>.aliases``
    names join that policy's history.
    """
    with open_repo(config.root) as repo:
        workdir = Path(repo.working_tree_dir or config.root).resolve()
        root = config.root.resolve()
        try:
            base = root.relative_to(workdir).as_posix()
            folder = (root / config.source.path).resolve().relative_to(workdir).as_posix()
        except ValueError:
            raise HistoryError(
                f"the policies folder '{config.source.path}' is outside the git repository.",
                file=config.file,
            ) from None
        base = "" if base == "." else base + "/"
        changes = _log_changes(repo, "" if folder == "." else folder)
        grouped = policy_files(changes, config, base)
        wanted = (c.blob for f in grouped.files for c in f.changes if c.status != "D")
        found = _Found(_merge_bodies(repo, changes), read_blobs(workdir, wanted))
        for file in grouped.files:
            published = file.lang in config.language_codes
            found.read_file(file.policy, file.lang, list(file.changes), published=published)
    found.revisions.sort(key=lambda r: (r.sequence, r.policy, r.lang))
    found.removals.sort(key=lambda r: (r.sequence, r.policy, r.lang))
    return History(
        tuple(found.revisions),
        tuple(found.skipped),
        tuple(found.removals),
        tuple(found.unreadable),
        grouped.names,
        {(f.policy, f.lang): f.former_ids for f in grouped.files if f.former_ids},
        tuple(o.error(config.file) for f in grouped.files for o in f.overlaps),
        tuple(found.damaged),
    )


@dataclass
class _Found:
    """What :func:`read_history` collects, file by file."""

    bodies: dict[str, str]
    blobs: dict[str, bytes | None]
    revisions: list[Revision] = field(default_factory=list)
    skipped: list[HistoryError] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    unreadable: list[HistoryError] = field(default_factory=list)
    damaged: list[HistoryError] = field(default_factory=list)

    def read_file(
        self, policy: str, lang: str, changes: list[Change], *, published: bool = True
    ) -> None:
        """Read every revision of one file. Only its text as it stands now, in a published
        language, may be refused (it can be fixed); any other revision is history: kept,
        as near as it can be read."""
        current = next((c for c in reversed(changes) if c.status != "D"), None)
        deleted = bool(changes) and changes[-1].status == "D"
        editable = None if deleted or not published else current
        for change in changes:
            if change.status == "D":
                self.removals.append(
                    Removal(
                        policy,
                        lang,
                        change.path,
                        change.commit,
                        change.committed,
                        change.author,
                        change.message,
                        change.sequence,
                    )
                )
                continue
            data = self.blobs.get(change.blob)
            raw: bytes | None = None
            try:
                text = _text(change, data)
            except HistoryError as exc:
                if change is editable:
                    self.unreadable.append(exc)
                    continue
                if data is None or change.mode == "120000":
                    self.skipped.append(exc)
                    continue
                text, raw = data.decode("utf-8", errors="replace"), data
                self.damaged.append(_kept_as_read(exc))
            self.revisions.append(
                Revision(
                    policy=policy,
                    lang=lang,
                    path=change.path,
                    commit=change.commit,
                    committed=change.committed,
                    author=change.author,
                    message=change.message,
                    blob=change.blob,
                    text=text,
                    sequence=change.sequence,
                    body=self.bodies.get(change.commit, ""),
                    raw=raw,
                )
            )


def _text(change: Change, data: bytes | None) -> str:
    """The text of ``change``'s new content (``data``, None if git has none). Raises
    :class:`HistoryError` when it is not a regular file of UTF-8 text."""
    if change.mode == "120000":
        raise HistoryError(
            "the policy file is a symbolic link, not a file with the policy's text.",
            file=change.path,
            commit=change.commit,
            hint="Replace the link with the file itself (git cannot publish what a link points to).",
        )
    if data is None:
        raise HistoryError(
            "git has no copy of this version of the file (the repository is incomplete).",
            file=change.path,
            commit=change.commit,
            hint="Clone the repository again, or run 'git fsck' to find what is missing.",
        )
    return decode_text(data, change.path, change.commit)


def _kept_as_read(error: HistoryError) -> HistoryError:
    """The warning for a past revision that is not UTF-8 and is published all the same."""
    return HistoryError(
        "this past version of the file is not valid UTF-8 text; it is published with the "
        "bytes that cannot be read shown as �.",
        file=error.file,
        line=error.line,
        commit=error.commit,
        hint="History cannot be changed: nothing needs doing about this version.",
    )


def decode_text(data: bytes, path: str, commit: str) -> str:
    """``data`` as UTF-8 text. Raises :class:`HistoryError` (naming ``path``, ``commit`` and the
    line) when it is not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise HistoryError(
            "the file is not valid UTF-8 text.",
            file=path,
            line=line,
            commit=commit,
            hint="Save it as UTF-8 in your editor and commit again.",
        ) from None


def nothing_found(config: SiteConfig) -> PolicySiteError:
    """The error for a repository in which no policy file was ever committed."""
    return PolicySiteError(
        f"no committed policy files were found under '{config.source.path}/' "
        f"(layout {' or '.join(repr(x) for x in config.source.layouts)}).",
        file=config.file,
        hint="Commit at least one policy file, or check 'source.path' and 'source.layout'.",
    )


def commits_since(config: SiteConfig, rev: str) -> frozenset[str]:
    """Full shas of the commits in ``rev..HEAD``. Raises :class:`UsageError` for a bad rev."""
    with open_repo(config.root) as repo:
        try:
            sha = repo.git.rev_parse("--verify", "--quiet", f"{rev}^{{commit}}").strip()
        except git.GitCommandError:
            sha = ""
        if not sha:
            raise UsageError(
                f"--since '{rev}' is not a commit in this repository.",
                hint="Give a branch, tag or commit, for example --since origin/main. In GitHub "
                "Actions, check out the whole history (actions/checkout with 'fetch-depth: 0').",
            )
        if not repo.head.is_valid():
            return frozenset()
        return frozenset(repo.git.rev_list(f"{sha}..HEAD").split())


def path_in_repo(config: SiteConfig, name: str) -> str:
    """``name`` (relative to the configuration's folder) relative to the repository root."""
    path = (config.root / name).resolve()
    try:
        with open_repo(config.root) as repo:
            workdir = Path(repo.working_tree_dir or config.root).resolve()
        return path.relative_to(workdir).as_posix()
    except (HistoryError, ValueError):
        return name
