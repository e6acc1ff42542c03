"""Part of stage 4: what history could not give exactly as committed, one finding per file.

Past revisions are never refused (they cannot be changed): those that are not UTF-8 or do
not read as they are (control characters, a broken front matter, no date) are published as
near as they can be, and reported once per file, however many commits they span.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.base.errors import PolicySiteError
from generator.config import SiteConfig
from generator.history import History, Revision
from generator.versions.timeline import Timeline


@dataclass(frozen=True, slots=True)
class PastDamage:
    """The past revisions of one file that could not be read exactly as committed."""

    file: str
    """The file's path, as it was named in those commits."""
    findings: tuple[PolicySiteError, ...]
    """One per revision, in commit order: what was wrong, and the commit."""

    @property
    def commits(self) -> tuple[str, ...]:
        """The commits, abbreviated, in order."""
        return tuple(dict.fromkeys((f.commit or "")[:7] for f in self.findings if f.commit))

    @property
    def first(self) -> PolicySiteError:
        """The first revision's finding."""
        return self.findings[0]

    def message(self) -> str:
        """The finding in one sentence or two, naming every commit."""
        commits = self.commits
        if len(self.findings) == 1:
            return self.first.message
        return (
            f"{len(self.findings)} past versions of this file (commits {', '.join(commits)}) "
            "cannot be read exactly as they were committed; each is published as near to it "
            f"as it can be. The first: {self.first.message}"
        )

    def __str__(self) -> str:
        return f"{self.file}: {self.message()} {self.first.hint or ''}".rstrip()


def past_damage(
    history: History, timelines: Mapping[tuple[str, str], Timeline] | Iterable[Timeline]
) -> list[PastDamage]:
    """Every file whose past revisions could not be read exactly, in file order."""
    found: dict[str, list[PolicySiteError]] = {}
    values = timelines.values() if isinstance(timelines, Mapping) else timelines
    for finding in (*history.damaged, *(f for t in values for f in t.repaired)):
        found.setdefault(finding.file or "", []).append(finding)
    return [PastDamage(file, tuple(findings)) for file, findings in sorted(found.items())]


def current_revisions(history: History, config: SiteConfig) -> frozenset[Revision]:
    """The text as it stands now of each file still there, in a published language: the
    only revisions that may be refused (they can be fixed). Every other one is history."""
    newest: dict[tuple[str, str], Revision] = {}
    for revision in history.revisions:
        newest[(revision.policy, revision.lang)] = revision
    for removal in history.removals:
        found = newest.get((removal.policy, removal.lang))
        if found is not None and removal.sequence > found.sequence:
            del newest[(removal.policy, removal.lang)]
    return frozenset(r for r in newest.values() if r.lang in config.language_codes)
