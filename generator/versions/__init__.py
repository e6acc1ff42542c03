"""Stage 4, versions: revisions grouped by effective date into each policy's ``Timeline``.

Takes ``Revision``s and parsed ``Document``s; gives versions with their status on the as-of
day, the classified edit log (corrections, reschedulings, withdrawals) and the parse cache.
"""

from generator.versions.edit_log import Edit, EditKind, LogEntry, Withdrawn
from generator.versions.parse_cache import DocumentCache, release_documents
from generator.versions.past import PastDamage, current_revisions, past_damage
from generator.versions.standing import Standing, standing, translated_version
from generator.versions.timeline import (
    Status,
    Timeline,
    Version,
    Withdrawal,
    build_timeline,
    build_timelines,
)

__all__ = [
    "DocumentCache",
    "Edit",
    "EditKind",
    "LogEntry",
    "PastDamage",
    "Standing",
    "Status",
    "Timeline",
    "Version",
    "Withdrawal",
    "Withdrawn",
    "build_timeline",
    "build_timelines",
    "current_revisions",
    "past_damage",
    "release_documents",
    "standing",
    "translated_version",
]
