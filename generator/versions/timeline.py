"""Stage 4: revisions → versions keyed by effective date, and their status on a given day.

A version is everything committed with one effective date: its first revision adopts it,
later revisions with the same date are corrections (listed, never hidden). Status is not
stored: it is a function of the as-of date, so the same versions serve any day.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.base.errors import PolicySiteError
from generator.config import SiteConfig
from generator.document import Document, DocumentFacts
from generator.history import History, Removal, Revision
from generator.versions.edit_log import DocumentSource, Edit, LogEntry, Withdrawn
from generator.versions.grouping import group_edits
from generator.versions.parse_cache import DocumentCache
from generator.versions.policy_links import PolicyLinks, policy_links


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
    TRANSLATION_OUTDATED = "translation-outdated"
    """A translation's newest text applying on the as-of day, of a version the
    authoritative language has since replaced: never given by :meth:`Timeline.status`,
    only by :func:`generator.versions.standing.standing`, which sees both languages."""
    DISCONTINUED = "discontinued"
    """Like ``WITHDRAWN``, for a translation deleted while the policy still applied in the
    authoritative language: the translation is no longer kept up, the policy still applies."""


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """The deletion of a policy file, on a day: the policy stops applying."""

    removal: Removal
    """The commit that deleted the file."""
    day: dt.date
    """The day of that commit, where it was made (the committer's own offset): the last day
    anything applied."""


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
    """Revisions in commit order: the first adopts the version, later ones correct it (or
    only change how it is written: :attr:`Edit.formatting`)."""

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
        """Later revisions that kept the effective date and changed what a reader sees or
        the front matter (not those that only changed how the text is written)."""
        return tuple(edit for edit in self.edits[1:] if not edit.formatting)

    @property
    def last_change(self) -> Edit:
        """The last revision that changed the version (its adoption or a correction): a
        formatting-only commit after it moves no date."""
        return self.corrections[-1] if self.corrections else self.edits[0]

    @property
    def slug(self) -> str:
        """The version's URL segment (YYYY-MM-DD)."""
        return self.effective_date.isoformat()

    @property
    def is_draft(self) -> bool:
        """Whether its text holds uncommitted changes (shown only by ``serve``)."""
        return not self.edits[-1].revision.commit

    @property
    def as_published(self) -> Document:
        """The text as first published (its first revision): every comparison that starts
        from this version starts from it, so that no correction made since is hidden."""
        return self.edits[0].document

    @property
    def dated(self) -> DocumentFacts:
        """The text whose date the version has: its first revision's (a correction dated
        by its commit or its date line keeps the version's date)."""
        return self.edits[0].facts


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
    repaired: tuple[PolicySiteError, ...] = ()
    """Past revisions that could not be read as they are and are published as near as they
    can be (control characters shown, a broken front matter left out…), one warning each."""
    log: tuple[LogEntry, ...] = ()
    """Every readable revision in commit order, classified (``check`` judges it)."""
    withdrawals: tuple[Withdrawal, ...] = ()
    """Every deletion of the file, oldest first (a later commit may have added it again)."""
    withdrawal: Withdrawal | None = None
    """The deletion that ended the policy, when the file was not added again since."""
    former_ids: tuple[str, ...] = ()
    """Ids the policy had before its file was renamed or moved (or that
    ``policies.<id>.aliases`` joins to it): their addresses lead to this policy."""
    discontinued: bool = False
    """The file is a translation whose deletion (:attr:`withdrawal`) left the policy in
    force in the authoritative language: the translation, not the policy, ended."""

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
                return Status.DISCONTINUED if self.discontinued else Status.WITHDRAWN
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
    # The day the commit was made where it was made, not in the site's timezone.
    return revision.day


def _parse_all(
    revisions: list[Revision],
    config: SiteConfig,
    cache: DocumentCache,
    *,
    editable: bool,
    links: PolicyLinks | None = None,
) -> tuple[list[tuple[dt.date, Edit]], list[PolicySiteError]]:
    """Each revision parsed, with its date, its links to other policies' files leading to
    their pages (``links``). Only the newest, when ``editable`` (the file's text as it
    stands now, in a published language), may be refused: it can be fixed. Every other
    revision is history, published as near as it can be read, with a warning."""
    edits: list[tuple[dt.date, Edit]] = []
    repaired: list[PolicySiteError] = []
    for position, revision in enumerate(revisions):
        if editable and position == len(revisions) - 1:
            facts = cache.facts(revision, config)
        else:
            facts = cache.facts_past(revision, config)
            if facts.damage:
                repaired.append(_repaired(revision, facts))
        source: DocumentSource = cache
        if links is not None:
            facts, source = _linked(cache, links, revision, facts)
        edits.append((_effective_date(facts, revision, config), Edit(revision, facts, source)))
    return edits, repaired


@dataclass(frozen=True, slots=True)
class _Linked:
    """A revision's document with its links to other policies' files leading to their pages."""

    cache: DocumentCache
    links: PolicyLinks

    def document(self, revision: Revision) -> Document:
        return self.links.apply(self.cache.document(revision), revision.lang)


def _linked(
    cache: DocumentCache, links: PolicyLinks, revision: Revision, facts: DocumentFacts
) -> tuple[DocumentFacts, DocumentSource]:
    """The facts and source of ``revision``'s text once its links to other policies' files
    lead to their pages (the same, when it has none)."""
    changes = tuple(
        (href, new)
        for href in facts.hrefs
        if (new := links.href(href, facts.path, revision.lang)) is not None
    )
    if not changes:
        return facts, cache
    source = _Linked(cache, links)
    return cache.transformed(revision, repr(changes), source), source


def _repaired(revision: Revision, document: DocumentFacts) -> PolicySiteError:
    """The warning for a past revision published as near as it could be read."""
    return PolicySiteError(
        "this past version of the file cannot be read exactly as it is ("
        + "; ".join(document.damage)
        + "), so it is published as near to it as it can be.",
        file=revision.path,
        commit=revision.commit or None,
        hint="History cannot be changed: nothing needs doing about this version.",
    )


def build_timeline(
    revisions: Iterable[Revision],
    config: SiteConfig,
    cache: DocumentCache | None = None,
    removals: Iterable[Removal] = (),
    former_ids: tuple[str, ...] = (),
    *,
    strict: bool = True,
    links: PolicyLinks | None = None,
) -> Timeline:
    """Group one file's revisions (commit order) into versions, and classify each edit;
    ``removals`` are the commits that deleted the file; ``links`` says where links to other
    policies' files lead. Without ``strict``, no revision is refused (``check`` reads the
    rest of a file whose current text it refuses).

    A revision that cannot be parsed is fatal when it is the file's text as it stands now
    in a published language (it can be fixed); any other is history, published as near as
    it can be read, with a warning (:func:`generator.document.past.parse_past`).
    """
    revisions = list(revisions)
    newest = revisions[-1] if revisions else None
    withdrawals = tuple(Withdrawal(r, r.day) for r in sorted(removals, key=lambda r: r.sequence))
    gone = _final_withdrawal(withdrawals, newest)
    editable = (
        strict and gone is None and newest is not None and newest.lang in config.language_codes
    )
    cache = cache if cache is not None else DocumentCache()
    edits, repaired = _parse_all(revisions, config, cache, editable=editable, links=links)
    groups, withdrawn, entries = group_edits(edits, config, removals)
    policy, lang = (newest.policy, newest.lang) if newest else ("", "")
    return Timeline(
        policy=policy,
        lang=lang,
        path=newest.path if newest else "",
        versions=tuple(
            Version(policy, lang, effective, tuple(group))
            for effective, group in sorted(groups.items())
        ),
        withdrawn=tuple(withdrawn),
        repaired=tuple(repaired),
        log=tuple(entries),
        withdrawals=withdrawals,
        withdrawal=gone,
        former_ids=former_ids,
    )


def _final_withdrawal(
    withdrawals: tuple[Withdrawal, ...], newest: Revision | None
) -> Withdrawal | None:
    """The last deletion of the file, when no revision added it again after it."""
    final = withdrawals[-1] if withdrawals else None
    if final is not None and (newest is None or final.removal.sequence > newest.sequence):
        return final
    return None


def build_timelines(
    history: History,
    config: SiteConfig,
    cache: DocumentCache | None = None,
    workers: int = 1,
    *,
    strict: bool = True,
) -> dict[tuple[str, str], Timeline]:
    """One :class:`Timeline` per (policy, language), for every file with history; the texts
    parsed in ``workers`` processes. Without ``strict``, no revision is refused."""
    by_file: dict[tuple[str, str], list[Revision]] = {}
    for revision in history.revisions:
        by_file.setdefault((revision.policy, revision.lang), []).append(revision)
    removed: dict[tuple[str, str], list[Removal]] = {}
    for removal in history.removals:
        removed.setdefault((removal.policy, removal.lang), []).append(removal)
    cache = cache if cache is not None else DocumentCache()
    cache.prepare(history.revisions, config, workers)
    links = policy_links(history, config)
    timelines = {}
    for key in sorted(by_file):
        timeline = build_timeline(
            by_file[key],
            config,
            cache,
            removed.get(key, ()),
            history.former_ids.get(key, ()),
            strict=strict,
            links=links,
        )
        if timeline.versions:
            timelines[key] = timeline
    return _mark_discontinued(timelines, history, config.languages.default)


def _mark_discontinued(
    timelines: dict[tuple[str, str], Timeline], history: History, default: str
) -> dict[tuple[str, str], Timeline]:
    """``timelines`` with each translation deleted while its policy's file in ``default``
    was still there marked :attr:`Timeline.discontinued`."""
    events: dict[str, list[tuple[int, bool]]] = {}
    for revision in history.revisions:
        if revision.lang == default:
            events.setdefault(revision.policy, []).append((revision.sequence, True))
    for removal in history.removals:
        if removal.lang == default:
            events.setdefault(removal.policy, []).append((removal.sequence, False))
    for key, timeline in timelines.items():
        gone = timeline.withdrawal
        if gone is None or timeline.lang == default:
            continue
        before = [e for e in events.get(timeline.policy, []) if e[0] <= gone.removal.sequence]
        if before and max(before)[1]:
            timelines[key] = replace(timeline, discontinued=True)
    return timelines
