"""Stage 4: revisions → versions keyed by effective date, and their status on a given day.

A version is everything committed with one effective date: its first revision adopts it,
later revisions with the same date are corrections (listed, never hidden). Status is not
stored: it is a function of the as-of date, so the same versions serve any day.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from generator.base.errors import DocumentError, PolicySiteError
from generator.config import DateSourceKind, SiteConfig
from generator.document import Document, DocumentFacts
from generator.history import History, Removal, Revision
from generator.versions.edit_log import Edit, LogEntry, classify_edit
from generator.versions.parse_cache import DocumentCache


class Status(enum.StrEnum):
    """Where a version stands on the as-of date."""

    UPCOMING = "upcoming"
    """Takes effect after the as-of day."""
    IN_FORCE = "in_force"
    """The version that applies on the as-of day."""
    SUPERSEDED = "superseded"
    """Replaced by a later version."""
    WITHDRAWN = "withdrawn"
    """The policy was withdrawn (its file deleted) while this version applied, or before
    it could take effect."""


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """The deletion of a policy file, on a day: the policy stops applying."""

    removal: Removal
    """The commit that deleted the file."""
    day: dt.date
    """The day of that commit in the site's timezone: the last day anything applied."""


@dataclass(frozen=True, slots=True)
class Version:
    """One effective date of one policy in one language."""

    policy: str
    """Policy id."""
    lang: str
    """Language code."""
    effective_date: dt.date
    """The day (in the site's timezone) from which this version applies."""
    edits: tuple[Edit, ...]
    """Revisions in commit order: the first adopts the version, later ones correct it."""

    @property
    def document(self) -> Document:
        """The version's text as last corrected."""
        return self.edits[-1].document

    @property
    def facts(self) -> DocumentFacts:
        """What the version's text as last corrected is (title, front matter, digests),
        without reading the document."""
        return self.edits[-1].facts

    @property
    def adopted(self) -> Revision:
        """The revision that introduced this version."""
        return self.edits[0].revision

    @property
    def corrections(self) -> tuple[Edit, ...]:
        """Later revisions that kept the effective date."""
        return self.edits[1:]

    @property
    def slug(self) -> str:
        """The version's URL segment (YYYY-MM-DD)."""
        return self.effective_date.isoformat()

    @property
    def is_draft(self) -> bool:
        """Whether its text holds uncommitted changes (shown only by ``serve``)."""
        return not self.edits[-1].revision.commit

    @property
    def dated(self) -> DocumentFacts:
        """The text whose date the version has: its first revision's (a correction dated
        by its commit or its date line keeps the version's date)."""
        return self.edits[0].facts


@dataclass(frozen=True, slots=True)
class Withdrawn:
    """A version replaced by a different effective date before it took effect."""

    effective_date: dt.date
    """The date it would have taken effect."""
    edits: tuple[Edit, ...]
    """Its revisions."""
    replaced_by: Revision
    """The revision that set another date before this one arrived."""


@dataclass(frozen=True, slots=True)
class Timeline:
    """Every version of one policy in one language."""

    policy: str
    """Policy id."""
    lang: str
    """Language code."""
    path: str
    """The file's current path."""
    versions: tuple[Version, ...]
    """Versions by effective date, oldest first."""
    withdrawn: tuple[Withdrawn, ...] = ()
    """Versions that never took effect because a later commit changed their date."""
    skipped: tuple[PolicySiteError, ...] = ()
    """Old revisions that could not be read and were left out."""
    log: tuple[LogEntry, ...] = ()
    """Every readable revision in commit order, classified (``check`` judges it)."""
    withdrawals: tuple[Withdrawal, ...] = ()
    """Every deletion of the file, oldest first (a later commit may have added it again)."""
    withdrawal: Withdrawal | None = None
    """The deletion that ended the policy, when the file was not added again since."""
    former_ids: tuple[str, ...] = ()
    """Ids the policy had before its file was renamed or moved (or that
    ``policies.<id>.aliases`` joins to it): their addresses lead to this policy."""

    def withdrawal_as_of(self, as_of: dt.date) -> Withdrawal | None:
        """The withdrawal in effect on ``as_of`` (None while the policy applies)."""
        found = self.withdrawal
        return found if found is not None and found.day <= as_of else None

    def _in_force_on(self, day: dt.date) -> Version | None:
        found = None
        for version in self.versions:
            if version.effective_date <= day:
                found = version
        return found

    def current(self, as_of: dt.date) -> Version | None:
        """The version in force on ``as_of`` (None before the first one starts, and once
        the policy is withdrawn)."""
        return None if self.withdrawal_as_of(as_of) else self._in_force_on(as_of)

    def reference(self, as_of: dt.date) -> Version | None:
        """What other versions are compared with: the version in force, or for a withdrawn
        policy the last one that applied."""
        gone = self.withdrawal_as_of(as_of)
        return self._in_force_on(gone.day if gone else as_of)

    def upcoming(self, as_of: dt.date) -> tuple[Version, ...]:
        """Versions that take effect after ``as_of``, soonest first (none once withdrawn)."""
        if self.withdrawal_as_of(as_of):
            return ()
        return tuple(v for v in self.versions if v.effective_date > as_of)

    def status(self, version: Version, as_of: dt.date) -> Status:
        """``version``'s status on ``as_of``."""
        gone = self.withdrawal_as_of(as_of)
        if gone is not None:
            last = self._in_force_on(gone.day)
            if version is last or version.effective_date > gone.day:
                return Status.WITHDRAWN
            return Status.SUPERSEDED
        if version.effective_date > as_of:
            return Status.UPCOMING
        return Status.IN_FORCE if self.current(as_of) is version else Status.SUPERSEDED

    def find(self, effective_date: dt.date) -> Version | None:
        """The version with that effective date."""
        return next((v for v in self.versions if v.effective_date == effective_date), None)

    def previous(self, version: Version) -> Version | None:
        """The version before ``version`` (by effective date)."""
        index = self.versions.index(version)
        return self.versions[index - 1] if index else None

    def next(self, version: Version) -> Version | None:
        """The version after ``version`` (by effective date)."""
        index = self.versions.index(version)
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    @property
    def latest(self) -> Version:
        """The version with the latest effective date."""
        return self.versions[-1]


def _effective_date(document: DocumentFacts, revision: Revision, config: SiteConfig) -> dt.date:
    if document.effective_date is not None:
        return document.effective_date
    return config.local_day(revision.committed)


def _parse_all(
    revisions: list[Revision], config: SiteConfig, cache: DocumentCache
) -> tuple[list[tuple[dt.date, Edit]], list[PolicySiteError]]:
    """Each revision parsed, with its date; unreadable old revisions skipped (the newest
    one is what would be published, so its problem is raised)."""
    edits: list[tuple[dt.date, Edit]] = []
    skipped: list[PolicySiteError] = []
    for position, revision in enumerate(revisions):
        try:
            document = cache.facts(revision, config)
        except DocumentError as exc:
            if position == len(revisions) - 1:
                raise
            skipped.append(exc)
            continue
        edit = Edit(revision, document, cache)
        edits.append((_effective_date(document, revision, config), edit))
    return edits, skipped


def build_timeline(
    revisions: Iterable[Revision],
    config: SiteConfig,
    cache: DocumentCache | None = None,
    removals: Iterable[Removal] = (),
    former_ids: tuple[str, ...] = (),
) -> Timeline:
    """Group one file's revisions (commit order) into versions, and classify each edit;
    ``removals`` are the commits that deleted the file.

    A revision that cannot be parsed is fatal when it is the file's newest (it is what
    would be published) and skipped, with a note, when it is old history.
    """
    revisions = list(revisions)
    edits, skipped = _parse_all(revisions, config, cache if cache is not None else DocumentCache())
    groups, withdrawn, entries = _group_edits(edits, config, removals)
    newest = revisions[-1] if revisions else None
    policy, lang = (newest.policy, newest.lang) if newest else ("", "")
    withdrawals = tuple(
        Withdrawal(r, config.local_day(r.committed))
        for r in sorted(removals, key=lambda r: r.sequence)
    )
    return Timeline(
        policy=policy,
        lang=lang,
        path=newest.path if newest else "",
        versions=tuple(
            Version(policy, lang, effective, tuple(group))
            for effective, group in sorted(groups.items())
        ),
        withdrawn=tuple(withdrawn),
        skipped=tuple(skipped),
        log=tuple(entries),
        withdrawals=withdrawals,
        withdrawal=_final_withdrawal(withdrawals, newest),
        former_ids=former_ids,
    )


def _group_edits(
    edits: list[tuple[dt.date, Edit]], config: SiteConfig, removals: Iterable[Removal]
) -> tuple[dict[dt.date, list[Edit]], list[Withdrawn], list[LogEntry]]:
    """Walk the parsed revisions in commit order: the edits grouped by the effective date
    they take their place under, the versions withdrawn before they took effect, and the
    classified log entry of each revision."""
    pending_removals = sorted(removals, key=lambda r: r.sequence)
    groups: dict[dt.date, list[Edit]] = {}
    withdrawn: list[Withdrawn] = []
    entries: list[LogEntry] = []
    previous: dt.date | None = None
    for dated, edit in edits:
        effective = _unchanged_text(dated, edit, previous, groups)
        withdrew: tuple[dt.date, ...] = ()
        replaced = _rescheduled(effective, edit, previous, groups, config)
        if replaced is not None:
            withdrawn.append(replaced)
            withdrew = (replaced.effective_date,)
        if previous not in groups:
            previous = max(groups) if groups else None
        in_place = sorted(groups)
        kind = classify_edit(effective, previous, in_place)
        readded = _undone(pending_removals, edit.revision)
        entries.append(
            LogEntry(kind, edit, effective, previous, tuple(in_place), withdrew, readded)
        )
        groups.setdefault(effective, []).append(edit)
        previous = effective
    return groups, withdrawn, entries


def _rescheduled(
    effective: dt.date,
    edit: Edit,
    previous: dt.date | None,
    groups: dict[dt.date, list[Edit]],
    config: SiteConfig,
) -> Withdrawn | None:
    """The version dated ``previous``, taken off ``groups``, when ``edit`` (dated
    ``effective``) replaced it before that day came and it never applied; else None.

    It never applied if the new date is earlier, or the text is the same (a rescheduling).
    A later date with new text is a further amendment, and both stand.
    """
    if previous is None or previous == effective or previous not in groups:
        return None
    pending = groups[previous][-1].facts
    if config.local_day(edit.revision.committed) < previous and (
        effective < previous or pending.reading == edit.facts.reading
    ):
        return Withdrawn(previous, tuple(groups.pop(previous)), edit.revision)
    return None


def _final_withdrawal(
    withdrawals: tuple[Withdrawal, ...], newest: Revision | None
) -> Withdrawal | None:
    """The last deletion of the file, when no revision added it again after it."""
    final = withdrawals[-1] if withdrawals else None
    if final is not None and (newest is None or final.removal.sequence > newest.sequence):
        return final
    return None


def _unchanged_text(
    effective: dt.date,
    edit: Edit,
    previous: dt.date | None,
    groups: dict[dt.date, list[Edit]],
) -> dt.date:
    """The date ``edit`` takes its place under. A revision dated by its commit whose text
    reads as the file's previous revision (only formatting, or a date line, changed)
    corrects the version in place: otherwise every commit day would be a version. Dates
    written in the front matter or the text are taken as written."""
    if (
        previous is None
        or previous == effective
        or previous not in groups
        or edit.facts.date_source is not DateSourceKind.COMMIT_DATE
    ):
        return effective
    same = groups[previous][-1].facts.reading == edit.facts.reading
    return previous if same else effective


def _undone(pending: list[Removal], revision: Revision) -> Removal | None:
    """The latest deletion committed before ``revision`` and not yet undone (taken off
    ``pending``): the revision adds the file again."""
    undone = None
    while pending and pending[0].sequence < revision.sequence:
        undone = pending.pop(0)
    return undone


def build_timelines(
    history: History, config: SiteConfig, cache: DocumentCache | None = None, workers: int = 1
) -> dict[tuple[str, str], Timeline]:
    """One :class:`Timeline` per (policy, language), for every file with history; the texts
    parsed in ``workers`` processes."""
    by_file: dict[tuple[str, str], list[Revision]] = {}
    for revision in history.revisions:
        by_file.setdefault((revision.policy, revision.lang), []).append(revision)
    removed: dict[tuple[str, str], list[Removal]] = {}
    for removal in history.removals:
        removed.setdefault((removal.policy, removal.lang), []).append(removal)
    cache = cache if cache is not None else DocumentCache()
    cache.prepare(history.revisions, config, workers)
    timelines = {}
    for key in sorted(by_file):
        timeline = build_timeline(
            by_file[key], config, cache, removed.get(key, ()), history.former_ids.get(key, ())
        )
        if timeline.versions:
            timelines[key] = timeline
    return timelines
