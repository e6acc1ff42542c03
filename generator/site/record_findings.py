"""What the previous record says was published, against what this build would publish.

Pure: the previous deployment's :class:`~generator.site.record.Record` and the timelines
in, findings out. A finding is a published text the history no longer gives (rewritten,
or dropped with its commit), a published version the history no longer holds, or a
published PDF this build would not publish. ``build`` stops on any of them before
writing, unless they are accepted with ``--accept-changed-history``; ``check --previous``
reports them.

Corrections are not findings: a text a correction replaced is still in the history (its
commit and SHA-256 stay verifiable), and the record lists it among the version's earlier
texts. A version postponed before it took effect is no finding either: its address leads
to its new date, and its text stays at its ``source.md``.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.base import urls
from generator.base.errors import RecordError
from generator.config import SiteConfig
from generator.history import Revision
from generator.site.record import Published, Record, Text
from generator.versions import Timeline, Version, Withdrawn

ACCEPT_OPTION = "--accept-changed-history"
"""The option that accepts the findings, with the reason readers are shown."""


class FindingKind(enum.StrEnum):
    """What happened to something the public was shown."""

    CHANGED = "changed"
    """The version is in the history, but with another text."""
    GONE = "gone"
    """The version is no longer in the history."""
    PDF_GONE = "pdf-gone"
    """The version's PDF would no longer be published."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One published text or address this build would change or lose."""

    kind: FindingKind
    """What happened."""
    entry: Published
    """The version as the record has it."""
    text: Text
    """The published text concerned."""
    now: Revision | None = None
    """The revision the history now gives for the version (None when it is gone)."""
    file: str = ""
    """The policy file (its path now, or the one recorded)."""

    @property
    def now_sha256(self) -> str:
        """The SHA-256 of the text the history now gives ("" when it is gone)."""
        return text_sha256(self.now) if self.now is not None else ""

    def message(self) -> str:
        """The finding in a sentence a legal team reads."""
        entry, text = self.entry, self.text
        which = (
            f"The version of {entry.effective_date.isoformat()} of the policy "
            f"'{entry.policy}' in '{entry.lang}'"
        )
        shown = (
            f"published on {text.published.isoformat()} at {entry.url} with SHA-256 "
            f"{text.sha256} (commit {text.commit[:10]})"
        )
        if self.kind is FindingKind.PDF_GONE:
            return f"{which}, {shown}, has a PDF the public was shown that this build would not publish (pdf is off)."
        if self.kind is FindingKind.GONE or self.now is None:
            return f"{which}, {shown}, is no longer in the history."
        return (
            f"{which} was {shown}; the history now gives another text: SHA-256 "
            f"{self.now_sha256} (commit {self.now.commit[:10]})."
        )


def text_sha256(revision: Revision) -> str:
    """The SHA-256 of a revision's file, as ``source.md`` serves it."""
    return revision.sha256 or _sha256(revision.text)


@functools.lru_cache(maxsize=4096)
def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Located:
    """Where a recorded version stands in this build's history."""

    timeline: Timeline
    """The timeline of its policy (under its id now) in its language."""
    version: Version | None
    """The version with its date, when the history has one."""
    postponed: Withdrawn | None
    """Else the version as it was, when it was postponed before it took effect."""

    @property
    def revisions(self) -> tuple[Revision, ...]:
        """Every text the history holds for the version."""
        edits = (
            self.version.edits if self.version else self.postponed.edits if self.postponed else ()
        )
        return tuple(edit.revision for edit in edits)

    @property
    def new_date(self) -> dt.date | None:
        """For a postponed version, the date of the version that replaced it."""
        if self.postponed is None:
            return None
        replacing = self.postponed.replaced_by
        for version in self.timeline.versions:
            if any(edit.revision is replacing for edit in version.edits):
                return version.effective_date
        later = [
            v for v in self.timeline.versions if v.effective_date > self.postponed.effective_date
        ]
        return (later or self.timeline.versions)[0].effective_date


def by_id(timelines: Mapping[tuple[str, str], Timeline]) -> dict[tuple[str, str], Timeline]:
    """Every timeline by (id, language), under its id and each former one."""
    found: dict[tuple[str, str], Timeline] = {}
    for (policy, lang), timeline in sorted(timelines.items()):
        for name in (*timeline.former_ids, policy):
            found[(name, lang)] = timeline
    return found


def locate(ids: Mapping[tuple[str, str], Timeline], entry: Published) -> Located | None:
    """Where ``entry`` stands now (``ids`` from :func:`by_id`); None when it left the history."""
    timeline = ids.get((entry.policy, entry.lang))
    if timeline is None:
        return None
    version = timeline.find(entry.effective_date)
    postponed = next(
        (w for w in timeline.withdrawn if w.effective_date == entry.effective_date), None
    )
    if version is None and postponed is None:
        return None
    return Located(timeline, version, None if version else postponed)


def _entry_findings(
    entry: Published, found: Located | None, config: SiteConfig
) -> Iterable[Finding]:
    if found is None:
        yield Finding(FindingKind.GONE, entry, entry.text, file=entry.text.path)
        return
    held = {text_sha256(revision) for revision in found.revisions}
    now = found.revisions[-1]
    for text in (*entry.earlier, entry.text):
        if text.sha256 not in held:
            yield Finding(FindingKind.CHANGED, entry, text, now, now.path)
    printed = urls.pdf_name(entry.lang, entry.policy, entry.effective_date)
    if printed in entry.pages and not config.pdf:
        yield Finding(FindingKind.PDF_GONE, entry, entry.text, now, now.path)


def findings(
    previous: Record | None, timelines: Mapping[tuple[str, str], Timeline], config: SiteConfig
) -> list[Finding]:
    """Everything ``previous`` says was published that this build would change or lose,
    by language, policy and date."""
    if previous is None:
        return []
    ids = by_id(timelines)
    published = set(config.language_codes)
    found: list[Finding] = []
    for entry in sorted(previous.versions, key=lambda e: (e.lang, e.policy, e.effective_date)):
        if entry.gone is not None or entry.lang not in published:
            continue
        found += _entry_findings(entry, locate(ids, entry), config)
    return found


def refusal(found: list[Finding], source: str) -> RecordError:
    """The error that stops a build (or fails a check) over ``found``."""
    lines = "\n".join(f"  - {finding.message()}" for finding in found)
    first = found[0]
    return RecordError(
        f"this build would change or remove {len(found)} published "
        f"{'text' if len(found) == 1 else 'texts'} that the publication record of {source} "
        f"lists; nothing was written:\n{lines}\n",
        file=first.file or None,
        commit=first.now.commit if first.now else first.text.commit,
        hint=(
            "Restore the history as it was (push the earlier commits back), or, if the change "
            f'is intended, build again with {ACCEPT_OPTION} "REASON": the reason is published '
            "beside each replaced or withdrawn text."
        ),
    )
