"""Part of stage 4: where a version stands on the as-of day, told the same way everywhere.

A version's own timeline gives its status; for a translation that is not the whole truth.
The Chinese text of 1 October 2025 is the newest Chinese text, yet once the English version
of 1 June 2026 is in force, what applies is that English text: the Chinese one is a
translation of a version that is no longer in force. :func:`standing` tells each page, feed,
PDF and the API the same story: the status, the period the version applied (from the
authoritative language's versions for a translation), which authoritative version it
translates and, for an outdated translation, the version in force instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.versions.timeline import Status, Timeline, Version


@dataclass(frozen=True, slots=True)
class Standing:
    """A version's status and period on the as-of day."""

    status: Status
    """Its status; ``translation-outdated`` for a translation whose version is no longer the
    one in force while no newer translation exists."""
    start: dt.date
    """The first day it applies (its effective date)."""
    end: dt.date | None
    """The last day it applied or will apply, as known on the as-of day (None: no end
    known)."""
    translates: Version | None = None
    """For a translation, the authoritative language's version it translates (the latest
    that takes effect on or before its date); None in the authoritative language."""
    in_force: Version | None = None
    """For an outdated translation, the authoritative version in force instead."""

    @property
    def outdated(self) -> bool:
        """The text is a translation of a version that no longer applies, and the version
        in force has no translation yet."""
        return self.status is Status.TRANSLATION_OUTDATED


def translated_version(authority: Timeline, version: Version) -> Version | None:
    """The authoritative version that ``version`` (a translation) translates: the latest one
    that takes effect on or before its date (a translation stating the same date as the
    original reflects that version)."""
    found = None
    for candidate in authority.versions:
        if candidate.effective_date <= version.effective_date:
            found = candidate
    return found


def _last_day(timeline: Timeline, version: Version, as_of: dt.date) -> dt.date | None:
    """The day before ``version``'s successor or the policy's withdrawal, whichever is first."""
    gone = timeline.withdrawal_as_of(as_of)
    successor = timeline.next(version)
    ends = [d for d in (successor and successor.effective_date, gone and gone.day) if d]
    # From the withdrawal's day on nothing applies (see ``Timeline.current``).
    return min(ends) - dt.timedelta(days=1) if ends else None


def standing(
    timeline: Timeline, version: Version, as_of: dt.date, authority: Timeline | None = None
) -> Standing:
    """``version``'s standing on ``as_of``; ``authority`` is the authoritative language's
    timeline of the same policy when ``timeline`` is a translation (None otherwise)."""
    status = timeline.status(version, as_of)
    end = _last_day(timeline, version, as_of)
    if authority is None or authority is timeline:
        return Standing(status, version.effective_date, end)
    translates = translated_version(authority, version)
    if translates is not None:
        # The text applies only as long as the version it translates does.
        ends = [d for d in (end, _last_day(authority, translates, as_of)) if d is not None]
        end = min(ends, default=None)
    in_force = authority.current(as_of)
    if (
        status is Status.IN_FORCE
        and in_force is not None
        and in_force.effective_date > version.effective_date
    ):
        return Standing(
            Status.TRANSLATION_OUTDATED, version.effective_date, end, translates, in_force
        )
    return Standing(status, version.effective_date, end, translates)
