"""Stage 4: revisions → versions keyed by effective date, and their status on a given day.

A version is everything committed with one effective date: its first revision adopts it,
later revisions with the same date are corrections (listed, never hidden). Status is not
stored: it is a function of the as-of date, so the same versions serve any day.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.config import SiteConfig
from generator.document import Document, parse_document
from generator.errors import DocumentError, PolicySiteError
from generator.history import Revision

log = logging.getLogger(__name__)


class Status(enum.StrEnum):
    """Where a version stands on the as-of date."""

    UPCOMING = "upcoming"
    IN_FORCE = "in_force"
    SUPERSEDED = "superseded"


@dataclass(frozen=True, slots=True)
class Edit:
    """One revision of a version, with the text it produced."""

    revision: Revision
    """The commit and file content."""
    document: Document
    """That revision's text, parsed."""


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

    def current(self, as_of: dt.date) -> Version | None:
        """The version in force on ``as_of`` (None before the first one starts)."""
        found = None
        for version in self.versions:
            if version.effective_date <= as_of:
                found = version
        return found

    def upcoming(self, as_of: dt.date) -> tuple[Version, ...]:
        """Versions that take effect after ``as_of``, soonest first."""
        return tuple(v for v in self.versions if v.effective_date > as_of)

    def status(self, version: Version, as_of: dt.date) -> Status:
        """``version``'s status on ``as_of``."""
        if version.effective_date > as_of:
            return Status.UPCOMING
        current = self.current(as_of)
        return Status.IN_FORCE if current is version else Status.SUPERSEDED

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


class DocumentCache:
    """Parsed documents keyed by blob sha: an amendment re-parses only what it touches."""

    def __init__(self) -> None:
        self._documents: dict[tuple[str, str, str], Document | DocumentError] = {}

    def parse(self, revision: Revision, config: SiteConfig) -> Document:
        """Parse ``revision`` (or return the cached result). Raises :class:`DocumentError`."""
        key = (revision.blob or revision.text, revision.path, revision.lang)
        cached = self._documents.get(key)
        if cached is None:
            try:
                cached = parse_document(
                    revision.text,
                    path=revision.path,
                    lang=revision.lang,
                    rule=config.effective_rule,
                )
            except DocumentError as exc:
                cached = exc
            self._documents[key] = cached
        if isinstance(cached, DocumentError):
            raise DocumentError(
                cached.message,
                file=cached.file,
                line=cached.line,
                commit=revision.commit or None,
                hint=cached.hint,
            )
        return cached


def _effective_date(document: Document, revision: Revision, config: SiteConfig) -> dt.date:
    if document.effective_date is not None:
        return document.effective_date
    return revision.committed.astimezone(config.tz).date()


def build_timeline(
    revisions: Iterable[Revision], config: SiteConfig, cache: DocumentCache | None = None
) -> Timeline:
    """Group one file's revisions (commit order) into versions.

    A revision that cannot be parsed is fatal when it is the file's newest (it is what
    would be published) and skipped, with a note, when it is old history.
    """
    cache = cache or DocumentCache()
    revisions = list(revisions)
    edits: list[tuple[dt.date, Edit]] = []
    skipped: list[PolicySiteError] = []
    for position, revision in enumerate(revisions):
        try:
            document = cache.parse(revision, config)
        except DocumentError as exc:
            if position == len(revisions) - 1:
                raise
            log.warning("%s", exc)
            skipped.append(exc)
            continue
        edit = Edit(revision, document)
        effective = _effective_date(document, revision, config)
        edits.append((effective, edit))

    groups: dict[dt.date, list[Edit]] = {}
    withdrawn: list[Withdrawn] = []
    previous: dt.date | None = None
    for effective, edit in edits:
        # The file's previous date was replaced before that day came: if the new date is
        # earlier, or the text is the same (a rescheduling), that version never applied.
        # A later date with new text is a further amendment, and both stand.
        if previous is not None and previous != effective and previous in groups:
            committed_day = edit.revision.committed.astimezone(config.tz).date()
            pending = groups[previous][-1].document
            if committed_day < previous and (
                effective < previous or pending.sections == edit.document.sections
            ):
                withdrawn.append(Withdrawn(previous, tuple(groups.pop(previous)), edit.revision))
        groups.setdefault(effective, []).append(edit)
        previous = effective
    first = revisions[-1] if revisions else None
    versions = tuple(
        Version(
            policy=first.policy if first else "",
            lang=first.lang if first else "",
            effective_date=effective,
            edits=tuple(group),
        )
        for effective, group in sorted(groups.items())
    )
    return Timeline(
        policy=first.policy if first else "",
        lang=first.lang if first else "",
        path=first.path if first else "",
        versions=versions,
        withdrawn=tuple(withdrawn),
        skipped=tuple(skipped),
    )


def build_timelines(
    revisions: Iterable[Revision], config: SiteConfig, cache: DocumentCache | None = None
) -> dict[tuple[str, str], Timeline]:
    """One :class:`Timeline` per (policy, language), for every file with history."""
    by_file: dict[tuple[str, str], list[Revision]] = {}
    for revision in revisions:
        by_file.setdefault((revision.policy, revision.lang), []).append(revision)
    cache = cache or DocumentCache()
    timelines = {}
    for key in sorted(by_file):
        timeline = build_timeline(by_file[key], config, cache)
        if timeline.versions:
            timelines[key] = timeline
    return timelines


def with_working_copy(timeline: Timeline, revision: Revision, config: SiteConfig) -> Timeline:
    """``timeline`` with an uncommitted revision appended (for ``policy-site diff``)."""
    revisions = [e.revision for v in timeline.versions for e in v.edits]
    revisions.sort(key=lambda r: r.committed)
    updated = build_timeline([*revisions, revision], config)
    return replace(updated, skipped=timeline.skipped)
