"""Which file changes make which policy's history: renames followed, ids given, files joined.

Part of stage 2, and pure: :mod:`generator.history.repository` runs ``git log`` and hands the changes
it found here; :func:`policy_files` says which of them make each policy's history in each
language, and under which ids its addresses were published before a rename.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from generator.base.errors import HistoryError
from generator.base.urls import reserved_segment, slug, unique
from generator.config import PathMatcher, SiteConfig


@dataclass(frozen=True, slots=True)
class Change:
    """One file change in one commit, before any blob is read."""

    commit: str
    """Full sha."""
    committed: dt.datetime
    """Committer date, in the committer's own offset."""
    author: str
    """Author's name."""
    message: str
    """First line of the commit message."""
    status: str
    """git's letter: A added, M modified, D deleted, R renamed, C copied, T type changed."""
    old_path: str | None
    """The path before a rename or copy."""
    path: str
    """The path after the change."""
    blob: str
    """Sha of the new content (zeros for a deletion)."""
    mode: str = "100644"
    """git file mode of the new content: 120000 is a symbolic link."""
    sequence: int = 0
    """Position of the commit in the history pass, oldest first."""


@dataclass(frozen=True, slots=True)
class PolicyFile:
    """The changes that make one policy's history in one language."""

    policy: str
    """Policy id."""
    lang: str
    """Language code."""
    changes: tuple[Change, ...]
    """Its changes in commit order (those of ``source.ignore_commits`` left out)."""
    former_ids: tuple[str, ...] = ()
    """Ids the file had before a rename or move, and those ``policies.<id>.aliases`` joins
    (another file may have taken one since: the site refuses to publish that one)."""
    overlaps: tuple[Overlap, ...] = ()
    """Times two of its files existed at once."""


@dataclass(frozen=True, slots=True)
class Overlap:
    """Two files that hold the same policy in the same language at the same time (two
    layouts matching, or an alias naming a file that was never deleted): only the newer one
    is published while both exist."""

    policy: str
    lang: str
    older: str
    """Path of the file that is not published while the newer one exists."""
    newer: str
    """Path of the file that is published."""
    commit: str
    """The commit from which both existed."""

    def error(self, config_file: str) -> HistoryError:
        """The overlap as a warning that names both files and the commit."""
        return HistoryError(
            f"this file and {self.newer} both hold the policy '{self.policy}' in "
            f"'{self.lang}' from this commit on; while both exist, only the newer one, "
            f"{self.newer}, is published.",
            file=self.older,
            commit=self.commit,
            hint="Delete the file that is no longer used, or leave it out with "
            f"'source.exclude' in {config_file}.",
        )


@dataclass(frozen=True, slots=True)
class PolicyFiles:
    """Every policy file of the history."""

    files: tuple[PolicyFile, ...]
    """By policy and language."""
    names: dict[str, str] = field(default_factory=dict)
    """Each policy id with the ``{policy}`` part of its file names, as written."""


def policy_ids(names: list[str]) -> dict[str, str]:
    """An address-safe id for each ``{policy}`` name, in the order the names first appeared:
    the first keeps the plain slug, a later name with the same slug gets "-2", "-3"… (so
    ids never change as history grows)."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        ids[name] = unique("/".join(slug(part, "policy") for part in name.split("/")), taken)
    return ids


def _lineages(changes: list[Change]) -> list[list[Change]]:
    """Each file's changes, renames followed; a file deleted and added again at the same
    path continues its lineage."""
    lineages: list[list[Change]] = []
    at_path: dict[str, int] = {}
    for change in changes:
        if change.status == "R" and change.old_path:
            index = at_path.pop(change.old_path, None)
        else:
            index = at_path.get(change.path)
        if index is None:
            index = len(lineages)
            lineages.append([])
        lineages[index].append(change)
        at_path[change.path] = index
    return lineages


def _archived_apart(lineage: list[Change], matcher: PathMatcher) -> list[list[Change]]:
    """A lineage cut where it moves into or out of an archive folder: the file it leaves
    ends there (deleted), the one it becomes starts there (added)."""
    if not matcher.archive:
        return [lineage]
    pieces: list[list[Change]] = [[]]
    for change in lineage:
        was = pieces[-1][-1] if pieces[-1] else None
        if was is not None and matcher.archived(was.path) != matcher.archived(change.path):
            pieces[-1].append(replace(change, status="D", path=was.path, old_path=None))
            pieces.append([replace(change, status="A", old_path=None)])
        else:
            pieces[-1].append(change)
    return pieces


def policy_files(changes: list[Change], config: SiteConfig, base: str) -> PolicyFiles:
    """The policy files among ``changes`` (paths from the repository root; ``base`` is the
    configuration's folder in it, "" or ending in "/")."""
    matcher = PathMatcher(config)
    files = _Files(matcher, base)
    for lineage in _lineages(changes):
        for piece in _archived_apart(lineage, matcher):
            files.add(piece)
    ids = files.ids()
    alias_of = {alias: p for p, entry in config.policies.items() for alias in entry.aliases}
    groups: dict[tuple[str, str], list[tuple[str, list[Change]]]] = {}
    for (name, lang), lineages in sorted(files.changes.items()):
        policy = alias_of.get(ids[name], ids[name])
        groups.setdefault((policy, lang), []).extend((name, lineage) for lineage in lineages)
    ignored = tuple(c.lower() for c in config.source.ignore_commits)
    codes = config.language_codes
    found: list[PolicyFile] = []
    for (policy, lang), members in sorted(groups.items()):
        joined, overlaps = _joined(
            [m for _name, m in members], [matcher.archived(m[-1].path) for _name, m in members]
        )
        kept = [c for c in joined if not (ignored and c.commit.startswith(ignored))]
        old = {ids[name] for name, _m in members} | {
            policy_ids([n])[n] for name, _m in members for n in files.former[(name, lang)]
        }
        # A former id that another file has taken since is kept: publishing both would give
        # one address two owners, which the site refuses (generator.site.addresses). One
        # holding a reserved name never published (the site refuses it), so none is owed.
        found.append(
            PolicyFile(
                policy,
                lang,
                tuple(kept),
                tuple(sorted(i for i in old - {policy} if not reserved_segment(i, codes))),
                tuple(Overlap(policy, lang, *paths) for paths in overlaps),
            )
        )
    found = _one_heir_per_former_id(found)
    names = {policy: name for name, policy in ids.items()}
    for (policy, _lang), members in groups.items():
        names.setdefault(policy, max(members, key=lambda m: m[1][-1].sequence)[0])
    return PolicyFiles(tuple(found), names)


def _one_heir_per_former_id(found: list[PolicyFile]) -> list[PolicyFile]:
    """Each former id kept by the oldest policy that had it, in each language.

    Two policies can both have had one id (``terms`` renamed to ``tos``, then a new
    ``terms`` renamed to ``conditions``). The second never published under it (the site
    refuses a file that takes a published id), so its redirects there are not owed, and
    the addresses stay with the first.
    """
    heirs: dict[tuple[str, str], tuple[int, str]] = {}
    for file in found:
        started = min((c.sequence for c in file.changes), default=2**62)
        for old in file.former_ids:
            heirs[(old, file.lang)] = min(
                heirs.get((old, file.lang), (2**62, "")), (started, file.policy)
            )
    return [
        replace(
            file,
            former_ids=tuple(
                old for old in file.former_ids if heirs[(old, file.lang)][1] == file.policy
            ),
        )
        for file in found
    ]


class _Files:
    """Lineages gathered by the (policy name, language) of their newest path."""

    def __init__(self, matcher: PathMatcher, base: str) -> None:
        self.matcher = matcher
        self.base = base
        self.changes: dict[tuple[str, str], list[list[Change]]] = {}
        """The lineages that end as each file (several when two paths read as one)."""
        self.former: dict[tuple[str, str], set[str]] = {}
        """Each file's other policy names in its history (before a rename or move)."""

    def name_of(self, path: str | None) -> tuple[str, str] | None:
        if path is None or not path.startswith(self.base):
            return None
        return self.matcher.identify(path.removeprefix(self.base))

    def add(self, lineage: list[Change]) -> None:
        identity = self.name_of(lineage[-1].path)
        if identity is None:
            return
        self.changes.setdefault(identity, []).append(lineage)
        names = self.former.setdefault(identity, set())
        for change in lineage:
            for path in (change.old_path, change.path):
                old = self.name_of(path)
                if old is not None and old[0] != identity[0]:
                    names.add(old[0])

    def ids(self) -> dict[str, str]:
        """Each policy name's id, names ordered by their first commit."""
        first_seen: dict[str, int] = {}
        for (name, _lang), lineages in self.changes.items():
            for lineage in lineages:
                first_seen[name] = min(first_seen.get(name, 2**62), lineage[0].sequence)
        return policy_ids(sorted(first_seen, key=lambda n: (first_seen[n], n)))


def _before_the_live(members: list[list[Change]], archived: list[bool]) -> list[list[Change]]:
    """The members with an archived file's changes kept only before the first change of a
    live one, which ends it there: earlier texts never take a live file's place."""
    live = [c.sequence for m, gone in zip(members, archived, strict=True) if not gone for c in m]
    if not live or not any(archived):
        return members
    first = min(live)
    kept: list[list[Change]] = []
    for member, gone in sorted(zip(members, archived, strict=True), key=lambda m: not m[1]):
        if not gone:
            kept.append(member)
            continue
        early = [c for c in member if c.sequence < first]
        if early and early[-1].status != "D":
            early.append(replace(early[-1], status="D", blob="0" * 40, sequence=first))
        if early:
            kept.append(early)
    return kept


def _joined(
    members: list[list[Change]], archived: list[bool] | None = None
) -> tuple[list[Change], list[tuple[str, str, str]]]:
    """The changes of files joined into one policy, in commit order, and each time two of
    them existed at once (older path, newer path, commit).

    While several exist, the one added last is published: the others' changes are left
    out, and when it is deleted the text of the newest remaining one takes over in that
    commit. The deletion of the last one followed by a change of another is a move, not a
    withdrawal. A file of an archive folder (``archived``) counts only before the first
    live file (:func:`_before_the_live`).
    """
    members = _before_the_live(members, archived or [False] * len(members))
    if len(members) == 1:
        return members[0], []
    tagged = sorted(
        ((change, index) for index, member in enumerate(members) for change in member),
        key=lambda pair: pair[0].sequence,
    )
    last = {index: position for position, (_change, index) in enumerate(tagged)}
    alive: dict[int, Change] = {}
    """Each file that exists, with its newest change, in the order they were added."""
    joined: list[Change] = []
    overlaps: dict[tuple[str, str], str] = {}
    for position, (change, index) in enumerate(tagged):
        published = bool(alive) and next(reversed(alive)) == index
        if change.status != "D":
            if index not in alive:
                for other in alive.values():
                    overlaps.setdefault((other.path, change.path), change.commit)
                published = True
            alive[index] = change
            if published:
                joined.append(change)
            continue
        alive.pop(index, None)
        if not published:
            continue
        if alive:
            heir = alive[next(reversed(alive))]
            joined.append(
                replace(
                    heir,
                    commit=change.commit,
                    committed=change.committed,
                    author=change.author,
                    message=change.message,
                    status="M",
                    sequence=change.sequence,
                )
            )
        elif not any(p > position for i, p in last.items() if i != index):
            joined.append(change)
    return joined, [(older, newer, commit) for (older, newer), commit in overlaps.items()]
