"""Stage 4, versions: revisions grouped by effective date into each policy's ``Timeline``.

Takes ``Revision``s and parsed ``Document``s; gives versions with their status on the as-of
day, the classified edit log (corrections, reschedulings, withdrawals) and the parse cache.
"""

from generator.versions.edit_log import Edit, EditKind, LogEntry
from generator.versions.parse_cache import DocumentCache, release_documents
from generator.versions.timeline import (
    Status,
    Timeline,
    Version,
    Withdrawal,
    Withdrawn,
    build_timeline,
    build_timelines,
)

__all__ = [
    "DocumentCache",
    "Edit",
    "EditKind",
    "LogEntry",
    "Status",
    "Timeline",
    "Version",
    "Withdrawal",
    "Withdrawn",
    "build_timeline",
    "build_timelines",
    "release_documents",
]
