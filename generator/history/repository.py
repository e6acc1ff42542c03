"""Stage 2: the git repository → every :class:`Revision` of every policy file.

The only module that talks to git (with :mod:`generator.history.blobs`). One ``git log``
pass over the policies folder (renames followed across the whole history) finds every
change; every distinct blob is then read once through one ``git cat-file --batch``
process, one at a time: each text is checked, handed to whoever asked for the texts (the
parse stage: :data:`TextSink`) and let go, so a history of any length is read holding one
text at once. A :class:`Revision` keeps its blob's id, not its text: :attr:`Revision.text`
reads it again from git (:class:`~generator.history.blobs.TextReader`) when a later stage
needs it. No process is started per commit. Git is only ever read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import git

from generator.base.errors import HistoryError, PolicySiteError, UsageError
from generator.base.visible import visible
from generator.config import SiteConfig
from generator.history.blobs import TextReader
from generator.history.commit_titles import is_merge_subject
from generator.history.git_log import FORMAT, parse_log
from generator.history.lineage import Change, policy_files
from generator.history.merges import join_merge_renames, merge_branches
from generator.history.model import UNCOMMITTED, FileEvent, History, Removal, Revision
from generator.history.reading import (
    BlobState,
    Progress,
    TextSink,
    checked,
    read_blobs_once,
)

__all__ = [
    "UNCOMMITTED",
    "FileEvent",
    "History",
    "Removal",
    "Revision",
    "commits_since",
    "decode_text",
    "nothing_found",
    "open_repo",
    "path_in_repo",
    "read_history",
]

log = logging.getLogger(__name__)


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


def read_history(
    config: SiteConfig, texts: TextSink | None = None, progress: Progress | None = None
) -> History:
    """Every revision of every policy file, oldest first, renames followed; each text is
    told to ``texts`` as it is read (and then let go), and ``progress`` how far the reading
    has gone.

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
        bodies = _merge_bodies(repo, changes)
    uses: dict[str, dict[tuple[str, str], None]] = {}
    for file in grouped.files:
        for change in file.changes:
            if change.status != "D" and change.mode != "120000":
                uses.setdefault(change.blob, {})[(change.path, file.lang)] = None
    found = _Found(bodies, read_blobs_once(workdir, uses, texts, progress), TextReader(workdir))
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
    blobs: dict[str, BlobState]
    reader: TextReader
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
            state = self.blobs.get(change.blob)
            raw: bytes | None = None
            try:
                blob = checked(change, state)
            except HistoryError as exc:
                if change is editable:
                    self.unreadable.append(exc)
                    continue
                if state is None or state.missing or change.mode == "120000":
                    self.skipped.append(exc)
                    continue
                # Kept as read: its bytes (rare), so that its text shows what can be read.
                blob, raw = state, self.reader.read(change.blob)
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
                    sequence=change.sequence,
                    body=self.bodies.get(change.commit, ""),
                    raw=raw,
                    size=blob.size,
                    sha256=blob.sha256,
                    texts=self.reader,
                )
            )


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
