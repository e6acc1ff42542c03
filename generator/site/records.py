"""What the site works out once per policy and language and keeps while its pages are made:
the amendment records (what the what's new pages and the group feeds list) and each
section's lineage through the versions (its history page and its address), with the small
sketch of it that the addresses, the API and the fingerprints need (:class:`LineageSketch`,
kept for the whole build and in the content cache).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from markupsafe import Markup

from generator.diff import SectionChange
from generator.document import Section
from generator.versions import Version


class AmendmentKind(enum.StrEnum):
    """What an amendment did."""

    FIRST = "first"
    """The policy's first version: it was published."""
    VERSION = "version"
    """A new version, with a new effective date."""
    CORRECTION = "correction"
    """A correction of a version in force that changed the text a reader sees."""


@dataclass(frozen=True, slots=True)
class Amendment:
    """One amendment of one policy in one language, as the what's new page lists it."""

    policy: str
    """The policy's id."""
    lang: str
    """The language of the text."""
    group: str
    """The policy's group id ("" for none)."""
    title: str
    """The policy's name in ``lang``."""
    kind: AmendmentKind
    """First version, new version or correction."""
    effective_date: dt.date
    """The effective date of the version it made or corrected."""
    day: dt.date
    """The day it is listed under: the effective date, or, for a correction, the day it was
    committed (in the site's timezone)."""
    upcoming: bool
    """The version it made has not taken effect on the as-of day."""
    summary: Markup | None
    """The version's plain-language summary (markdown-it-py's HTML), its links written as
    from the policy's page; None without one (and for corrections)."""
    counts: tuple[str, ...]
    """The computed summary, translated ("3 sections changed", "1 section added"); empty
    for a first version and for a version with a summary."""
    policy_url: str
    """The policy's page, from the site root."""
    version_url: str
    """The version's page, from the site root."""
    changes_url: str
    """Its changes page (a first version's own page; a correction's place in the
    history), from the site root."""
    commit: str
    """The commit that made it."""
    committed: dt.datetime
    """When that commit was made (UTC)."""


@dataclass(frozen=True, slots=True)
class SectionStep:
    """One version in which a section changed."""

    previous: Version
    """The version before it."""
    version: Version
    """The version that made the change."""
    change: SectionChange
    """The section's change between the two."""
    anchor: str
    """The section's id on that version's changes page."""


@dataclass(frozen=True, slots=True)
class SectionLineage:
    """One section followed through every version of a policy in one language."""

    id: str
    """The id its history page has (see the module's docstring)."""
    aliases: tuple[str, ...]
    """Its other ids that lead to that page, latest first."""
    appearances: tuple[tuple[Version, Section], ...]
    """Every version that has it, with the section as it is there, oldest first."""
    steps: tuple[SectionStep, ...]
    """Every version that changed it, oldest first."""

    @property
    def last(self) -> Section:
        """The section as last shown."""
        return self.appearances[-1][1]


@dataclass(frozen=True, slots=True)
class LineageSketch:
    """A section's lineage without the texts: what its address, its place in the version
    history, the API and the pages' fingerprints need."""

    id: str
    """The id its history page has."""
    aliases: tuple[str, ...]
    """Its other ids that lead to that page, latest first."""
    label: str
    """Its numbering and heading as last shown."""
    appearances: tuple[tuple[str, str, str], ...]
    """(version date, section id, label) of every version that has it, oldest first."""
    steps: tuple[tuple[str, str, str], ...]
    """(previous version's date, version's date, anchor on its changes page) of every
    version that changed it, oldest first."""
    removed: str
    """The date of the version that removed it ("" while the latest has it)."""
    position: int
    """Its place among the latest version's sections (-1 when removed)."""
