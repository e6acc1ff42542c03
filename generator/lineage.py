"""Which file changes make which policy's history: renames followed, ids given, files joined.

Part of stage 2, and pure: :mod:`generator.history` runs ``git log`` and hands the changes
it found here; :func:`policy_files` says which of them make each policy's history in each
language, and under which ids its addresses were published before a rename.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.config import SiteConfig
from generator.source import PathMatcher
from generator.urls import slug, unique


@dataclass(frozen=True, slots=True)
class Change:
    """One file change in one commit, before any blob is read."""

    commit: str
    """Full sha."""
    committed: dt.datetime
    """Committer date (UTC)."""
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
    (none that is a policy's id in this language today)."""


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


def policy_files(changes: list[Change], config: SiteConfig, base: str) -> PolicyFiles:
    """The policy files among ``changes`` (paths from the repository root; ``base`` is the
    configuration's folder in it, "" or ending in "/")."""
    files = _Files(PathMatcher(config), base)
    for lineage in _lineages(changes):
        files.add(lineage)
    ids = files.ids()
    alias_of = {alias: p for p, entry in config.policies.items() for alias in entry.aliases}
    groups: dict[tuple[str, str], list[tuple[str, list[Change]]]] = {}
    for (name, lang), file_changes in sorted(files.changes.items()):
        policy = alias_of.get(ids[name], ids[name])
        groups.setdefault((policy, lang), []).append((name, file_changes))
    ignored = tuple(c.lower() for c in config.source.ignore_commits)
    found: list[PolicyFile] = []
    for (policy, lang), members in sorted(groups.items()):
        kept = [
            c
            for c in _joined([m for _name, m in members])
            if not (ignored and c.commit.startswith(ignored))
        ]
        old = {ids[name] for name, _m in members} | {
            policy_ids([n])[n] for name, _m in members for n in files.former[(name, lang)]
        }
        live = {other for other, other_lang in groups if other_lang == lang}
        found.append(PolicyFile(policy, lang, tuple(kept), tuple(sorted(old - live))))
    names = {policy: name for name, policy in ids.items()}
    for (policy, _lang), members in groups.items():
        names.setdefault(policy, max(members, key=lambda m: m[1][-1].sequence)[0])
    return PolicyFiles(tuple(found), names)


class _Files:
    """Lineages gathered by the (policy name, language) of their newest path."""

    def __init__(self, matcher: PathMatcher, base: str) -> None:
        self.matcher = matcher
        self.base = base
        self.changes: dict[tuple[str, str], list[Change]] = {}
        """Each file's changes, in commit order."""
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
        self.changes.setdefault(identity, []).extend(lineage)
        self.changes[identity].sort(key=lambda c: c.sequence)
        names = self.former.setdefault(identity, set())
        for change in lineage:
            for path in (change.old_path, change.path):
                old = self.name_of(path)
                if old is not None and old[0] != identity[0]:
                    names.add(old[0])

    def ids(self) -> dict[str, str]:
        """Each policy name's id, names ordered by their first commit."""
        first_seen: dict[str, int] = {}
        for (name, _lang), file_changes in self.changes.items():
            first_seen[name] = min(first_seen.get(name, 2**62), file_changes[0].sequence)
        return policy_ids(sorted(first_seen, key=lambda n: (first_seen[n], n)))


def _joined(members: list[list[Change]]) -> list[Change]:
    """The changes of files joined into one policy, in commit order; the deletion of one of
    them followed by a change of another is a move, not a withdrawal."""
    if len(members) == 1:
        return members[0]
    tagged = sorted(
        ((change, index) for index, member in enumerate(members) for change in member),
        key=lambda pair: pair[0].sequence,
    )
    last = {index: position for position, (_change, index) in enumerate(tagged)}
    return [
        change
        for position, (change, index) in enumerate(tagged)
        if change.status != "D" or not any(p > position for i, p in last.items() if i != index)
    ]
