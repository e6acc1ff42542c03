"""The words every rendering of a diff shares: section labels, the summary, front-matter
changes and section badges, in the reader's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.diff import BlockChange, Diff, MetadataChange, MetadataKind, SectionChange, Status
from generator.render.i18n import N_, Messages


def section_label(change: SectionChange, words: Messages) -> str:
    """The section's numbering and heading as a reader sees them ("Introduction" for the
    text before the first heading)."""
    section = change.section
    return section.label if section.level else words("Introduction")


@dataclass(frozen=True, slots=True)
class SummaryGroup:
    """One line of the summary ("2 sections changed") and the sections it lists."""

    heading: str
    """The line, translated, with its count."""
    changes: list[SectionChange]
    """The sections it names (the line is left out when there are none)."""


_GROUPS: tuple[tuple[str, str, Callable[[SectionChange], bool]], ...] = (
    (
        N_("{count} section changed"),
        "{count} sections changed",
        lambda c: c.status is Status.CHANGED,
    ),
    (N_("{count} section added"), "{count} sections added", lambda c: c.status is Status.ADDED),
    (
        N_("{count} section removed"),
        "{count} sections removed",
        lambda c: c.status is Status.REMOVED,
    ),
    (N_("{count} section moved"), "{count} sections moved", lambda c: c.moved),
    (N_("{count} section renamed"), "{count} sections renamed", lambda c: c.renamed),
)
"""The summary's lines: the message (singular marked for the catalogues, and its plural),
and which sections each one lists. A new number alone is no change: see
:func:`renumbered_only`."""


def is_quiet(change: SectionChange) -> bool:
    """Nothing in the section but perhaps its number changed: it reads as it did."""
    return change.status is Status.UNCHANGED and not change.moved


def renumbered_only(diff: Diff) -> list[SectionChange]:
    """The sections whose number changed and nothing else (a section removed or added
    before them renumbers them): a quiet note, never counted as a change."""
    return [c for c in diff.sections if is_quiet(c) and c.renumbered]


def summary_groups(diff: Diff, words: Messages) -> list[SummaryGroup]:
    """The summary's lines ("2 sections changed") with the sections each one lists."""
    groups = []
    for singular, plural, belongs in _GROUPS:
        changes = [change for change in diff.sections if belongs(change)]
        groups.append(SummaryGroup(words.plural(singular, plural, len(changes)), changes))
    return groups


def renumbered_line(diff: Diff, words: Messages) -> str:
    """ "2 sections renumbered" for the sections only renumbered ("" when there are none)."""
    count = len(renumbered_only(diff))
    if not count:
        return ""
    return words.plural("{count} section renumbered", "{count} sections renumbered", count)


def count_lines(diff: Diff, words: Messages) -> list[str]:
    """What changed, counted: each group's line ("1 section changed"), or the renumbering
    when nothing else changed, or "No changes to the text."."""
    lines = [group.heading for group in summary_groups(diff, words) if group.changes]
    if not lines and renumbered_only(diff):
        lines.append(renumbered_line(diff, words))
    return lines or [words("No changes to the text.")]


def number_change(change: SectionChange) -> tuple[str, str] | None:
    """The old and new number of a renumbered section ("11", "10"), shown as a quiet note
    "11 → 10"; None when it was not renumbered, lost or gained its number, or moved (its
    badge gives both numbers then)."""
    old, new = change.old, change.new
    if not change.renumbered or old is None or new is None or not (old.number and new.number):
        return None
    if change.moved:
        return None
    return _bare(old.number), _bare(new.number)


def changed_blocks(change: SectionChange) -> list[BlockChange]:
    """The blocks of a section that are not unchanged."""
    return [block for block in change.blocks if block.status is not Status.UNCHANGED]


def word_counts(diff: Diff, words: Messages) -> list[str]:
    """ "12 words inserted", "3 words deleted" (nothing when no word changed)."""
    counts = diff.counts
    if not (counts.words_inserted or counts.words_deleted):
        return []
    return [
        words.plural("{count} word inserted", "{count} words inserted", counts.words_inserted),
        words.plural("{count} word deleted", "{count} words deleted", counts.words_deleted),
    ]


def coarse_note(diff: Diff, words: Messages) -> str | None:
    """Said when some block could not be compared word by word."""
    if not diff.coarse:
        return None
    return words(
        "Some very long paragraphs are compared sentence by sentence or as a "
        "whole, not word by word."
    )


def summary_lines(diff: Diff, words: Messages) -> Iterator[str]:
    """The summary as plain-text lines (no markup)."""
    if not diff.text_changed:
        yield words("No changes to the text.")
    for group in summary_groups(diff, words):
        if group.changes:
            names = "; ".join(section_label(c, words) for c in group.changes)
            yield f"{group.heading}: {names}"
    quiet = renumbered_only(diff)
    if quiet:
        names = "; ".join(f"{section_label(c, words)} ({number_note(c)})" for c in quiet)
        yield f"{renumbered_line(diff, words)}: {names}"
    yield from word_counts(diff, words)
    for change in diff.metadata:
        yield describe_metadata(change, words)
    note = coarse_note(diff, words)
    if note:
        yield note


def number_note(change: SectionChange) -> str:
    """ "11 → 10" for a renumbered section ("" when :func:`number_change` gives nothing)."""
    found = number_change(change)
    return f"{found[0]} → {found[1]}" if found else ""


def format_value(value: object, words: Messages) -> str:
    """A front-matter value in plain words: dates per locale, lists joined."""
    if isinstance(value, dt.datetime):
        return words.date(value.date())
    if isinstance(value, dt.date):
        return words.date(value)
    if isinstance(value, list | tuple):
        return ", ".join(format_value(item, words) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {format_value(item, words)}" for key, item in value.items())
    if value is None or value == "":
        return words("(empty)")
    if isinstance(value, bool):
        return words("yes") if value else words("no")
    return str(value)


SUMMARY_KEY = "summary"
"""The front-matter key of a version's plain-language summary (shown apart, so a change
to it is named, not quoted)."""


def describe_metadata(change: MetadataChange, words: Messages) -> str:
    """One front-matter change as a sentence ("Title changed from “A” to “B”.")."""
    if change.key == SUMMARY_KEY:
        if change.kind is MetadataKind.ADDED:
            return words("Plain-language summary added.")
        if change.kind is MetadataKind.REMOVED:
            return words("Plain-language summary removed.")
        return words("Plain-language summary changed.")
    old, new = format_value(change.old, words), format_value(change.new, words)
    if change.key == "title" and change.kind is MetadataKind.CHANGED:
        return words("Title changed from “{old}” to “{new}”.", old=old, new=new)
    if change.key == "effective" and change.kind is MetadataKind.CHANGED:
        return words("Effective date changed from {old} to {new}.", old=old, new=new)
    if change.kind is MetadataKind.ADDED:
        return words("“{key}” added: {new}.", key=change.key, new=new)
    if change.kind is MetadataKind.REMOVED:
        return words("“{key}” removed (it was {old}).", key=change.key, old=old)
    return words("“{key}” changed from {old} to {new}.", key=change.key, old=old, new=new)


def _bare(number: str) -> str:
    """ "3." → "3": the trailing dot of a numbering reads oddly inside a sentence."""
    return number.rstrip(".:)") or number


def badges(change: SectionChange, words: Messages) -> list[str]:
    """The section's status as words ("Changed", "Moved from 5 to 7"…)."""
    found: list[str] = []
    if change.status is Status.CHANGED:
        found.append(words("Changed"))
    elif change.status is Status.ADDED:
        found.append(words("Added"))
    elif change.status is Status.REMOVED:
        found.append(words("Removed"))
    old, new = change.old, change.new
    if change.moved and old is not None and new is not None:
        if old.number and new.number:
            found.append(
                words("Moved from {old} to {new}", old=_bare(old.number), new=_bare(new.number))
            )
        else:
            found.append(words("Moved"))
    if change.renamed and old is not None:
        found.append(words("Renamed from “{old}”", old=old.heading))
    # A moved section's badge already gives both numbers; a new number is a quiet note
    # beside the heading (number_change), not a badge.
    if change.renumbered and old is not None and new is not None:
        if old.number and new.number:
            pass
        elif new.number:
            found.append(words("Now numbered {new}", new=_bare(new.number)))
        else:
            found.append(words("No longer numbered"))
    return found
