"""Part of stage 4: one file's parsed revisions, in commit order, grouped by the effective date
each takes its place under (:func:`group_edits`), with the versions withdrawn before they
took effect and the classified edit log; commits that change only how the text is written
are no part of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from generator.config import DateSourceKind, SiteConfig
from generator.history import Removal, Revision
from generator.versions.edit_log import Edit, LogEntry, Withdrawn, classify_edit


def group_edits(
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
        if edit.facts.undated and groups:
            dated = previous if previous in groups else max(groups)
        effective = _unchanged_text(dated, edit, previous, groups)
        if _formatting_only(effective, edit, previous, groups, pending_removals):
            groups[effective].append(replace(edit, formatting=True))
            continue
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


def _formatting_only(
    effective: dt.date,
    edit: Edit,
    previous: dt.date | None,
    groups: dict[dt.date, list[Edit]],
    pending: list[Removal],
) -> bool:
    """True for a commit that changed only how the version in place is written (whitespace,
    line endings, a trailing newline, Markdown that reads the same, the way its date line is
    written), its front matter and its path unchanged: it is no correction, moves no date
    and appears in no history (it stays in the version's edits, flagged, for its source
    file). Adding a deleted file back is never one."""
    if previous is None or effective != previous or previous not in groups:
        return False
    if pending and pending[0].sequence < edit.revision.sequence:
        return False
    last = groups[previous][-1]
    if last.revision.path != edit.revision.path:
        return False  # a move or rename is shown, under the path it gave the file
    facts = edit.facts
    return last.facts.reading == facts.reading and last.facts.metadata == facts.metadata


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
