"""The data a diff produces: plain, frozen values that renderers read and never change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from generator.document import Block, Section


class Status(StrEnum):
    """What happened to a section or a block between the two versions."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


class OpKind(StrEnum):
    """What a run of words does in a word diff."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


class Granularity(StrEnum):
    """How finely a block's change is shown (finer is better; coarser keeps work bounded)."""

    WORD = "word"
    """Word by word (CJK character by character)."""
    SENTENCE = "sentence"
    """Sentence by sentence: the block was too long to compare word by word."""
    BLOCK = "block"
    """The whole block as removed and re-added: it was too long even for sentences."""


class MetadataKind(StrEnum):
    """What happened to a front-matter key."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class WordOp:
    """A run of tokens that is kept, inserted or deleted, all inside the same inline markup."""

    kind: OpKind
    """Kept (``equal``), only in the new text (``insert``) or only in the old (``delete``)."""
    text: str
    """The run as plain text, whitespace collapsed to single spaces."""
    html: str
    """The run as escaped HTML text; holds no tags except void ones (``<br />``, ``<img>``)."""
    tags: tuple[str, ...]
    """Opening tags around the run, outermost first (``'<a href="…">'``, ``'<strong>'``)."""


CellOps = tuple[WordOp, ...]
"""The word operations of one cell: concatenated they give both texts."""


@dataclass(frozen=True, slots=True)
class BlockChange:
    """One block of a matched, added or removed section."""

    status: Status
    """``unchanged``, ``changed``, ``added`` or ``removed``."""
    old: Block | None
    """The block in the old version; None when added."""
    new: Block | None
    """The block in the new version; None when removed."""
    cells: tuple[CellOps, ...] = ()
    """Word operations per cell, for ``changed`` blocks only (empty otherwise)."""
    granularity: Granularity = Granularity.WORD
    """How finely ``cells`` compare the texts; coarser than ``word`` only for huge blocks."""

    @property
    def coarse(self) -> bool:
        """True when the change is shown by sentence or as a whole, not word by word."""
        return self.granularity is not Granularity.WORD


@dataclass(frozen=True, slots=True)
class SectionChange:
    """One section in either version, aligned with its counterpart when there is one."""

    status: Status
    """``unchanged``, ``changed`` (text or heading), ``added`` or ``removed``."""
    old: Section | None
    """The section in the old version; None when added."""
    new: Section | None
    """The section in the new version; None when removed."""
    old_index: int | None
    """Position in the old version's sections (0-based); None when added."""
    new_index: int | None
    """Position in the new version's sections (0-based); None when removed."""
    blocks: tuple[BlockChange, ...]
    """The section's blocks in reading order, removed blocks where they stood."""
    moved: bool = False
    """Its order among the matched sections changed (a minimal set of sections is flagged)."""
    renamed: bool = False
    """Its heading text changed (numbering aside)."""
    renumbered: bool = False
    """Its numbering changed ("3." → "4.")."""
    heading: CellOps = ()
    """Word operations of the heading (numbering included) when renamed or renumbered."""

    @property
    def section(self) -> Section:
        """The section as the reader now sees it (the old one when removed)."""
        found = self.new or self.old
        assert found is not None, "a SectionChange always has a side"
        return found

    @property
    def is_quiet(self) -> bool:
        """Unchanged and neither moved nor renumbered: nothing to point out."""
        return self.status is Status.UNCHANGED and not (self.moved or self.renumbered)

    @property
    def coarse(self) -> bool:
        """True when some block of the section is shown coarser than word by word."""
        return any(block.coarse for block in self.blocks)


@dataclass(frozen=True, slots=True)
class MetadataChange:
    """A front-matter key that was added, removed or changed (found with deepdiff)."""

    key: str
    """The top-level front-matter key ("title", "effective", …)."""
    kind: MetadataKind
    """``added``, ``removed`` or ``changed``."""
    old: object
    """The old value as YAML read it (a date stays a date); None when added."""
    new: object
    """The new value as YAML read it; None when removed."""


@dataclass(frozen=True, slots=True)
class DiffCounts:
    """How much changed, for the summary."""

    sections_added: int = 0
    """Sections only in the new version."""
    sections_removed: int = 0
    """Sections only in the old version."""
    sections_changed: int = 0
    """Matched sections whose heading or text changed."""
    sections_moved: int = 0
    """Matched sections whose order changed."""
    sections_renamed: int = 0
    """Matched sections whose heading text changed."""
    sections_renumbered: int = 0
    """Matched sections whose numbering changed."""
    sections_unchanged: int = 0
    """Matched sections whose heading and text are the same (they may have moved)."""
    words_inserted: int = 0
    """Words (CJK: characters) in the new text only, added sections included."""
    words_deleted: int = 0
    """Words (CJK: characters) in the old text only, removed sections included."""


@dataclass(frozen=True, slots=True)
class Diff:
    """What changed between two versions of one policy, as a reader would see it."""

    old_path: str
    """Repository path of the old version."""
    new_path: str
    """Repository path of the new version."""
    old_title: str
    """The old version's title."""
    new_title: str
    """The new version's title."""
    old_effective_date: dt.date | None
    """When the old version took effect (None when unknown)."""
    new_effective_date: dt.date | None
    """When the new version takes effect (None when unknown)."""
    metadata: tuple[MetadataChange, ...]
    """Front-matter changes, sorted by key."""
    sections: tuple[SectionChange, ...]
    """Every section of both versions in reading order (the new order, removed ones in place)."""
    counts: DiffCounts
    """Totals for the summary."""

    @property
    def text_changed(self) -> bool:
        """True when a section was added, removed, edited, renamed, moved or renumbered."""
        return any(not change.is_quiet for change in self.sections)

    @property
    def is_empty(self) -> bool:
        """True when neither the text nor the front matter changed."""
        return not self.text_changed and not self.metadata

    @property
    def coarse(self) -> bool:
        """True when some change is shown coarser than word by word (very long blocks)."""
        return any(change.coarse for change in self.sections)

    @property
    def coarse_blocks(self) -> tuple[tuple[int, int], ...]:
        """(section position in ``sections``, block position in its ``blocks``) of coarse blocks."""
        return tuple(
            (s, b)
            for s, change in enumerate(self.sections)
            for b, block in enumerate(change.blocks)
            if block.coarse
        )
