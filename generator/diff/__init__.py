"""Stage 5: two :class:`~generator.document.Document` → a :class:`Diff` a reader can follow.

The diff compares what a reader sees, never Markdown source, and its work is bounded by
sizes, never by a clock:

1. front matter, with deepdiff (:func:`metadata_changes`);
2. sections, paired by heading text (numbering aside), then leftovers by content
   similarity; a longest increasing subsequence of the pairs finds the moved ones;
3. blocks of each paired section, aligned by their text with ``difflib``, replaced runs
   paired by similarity;
4. words (CJK: characters) inside each paired block, markup carried along
   (:mod:`generator.diff.words`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from deepdiff import DeepDiff

from generator.diff.align import heading_key, increasing_subsequence, pair_by_similarity
from generator.diff.memo import DiffMemo, blocks_key
from generator.diff.model import (
    BlockChange,
    CellOps,
    Diff,
    DiffCounts,
    Granularity,
    MetadataChange,
    MetadataKind,
    OpKind,
    SectionChange,
    Status,
    WordOp,
)
from generator.diff.tokens import TokenCache, Tokens, tokenize
from generator.diff.words import WORK_BOUND, bounded_opcodes, diff_cell
from generator.document import Block, Document, Section

__all__ = [
    "WORK_BOUND",
    "BlockChange",
    "CellOps",
    "Diff",
    "DiffCounts",
    "DiffMemo",
    "Granularity",
    "MetadataChange",
    "MetadataKind",
    "OpKind",
    "SectionChange",
    "Status",
    "TokenCache",
    "WordOp",
    "block_text",
    "diff_documents",
    "metadata_changes",
]

_GRANULARITY_ORDER = {Granularity.WORD: 0, Granularity.SENTENCE: 1, Granularity.BLOCK: 2}


def block_text(block: Block) -> str:
    """A block's text as the word operations spell it (cells joined by " | ")."""
    return " | ".join("".join(tokenize(cell).texts) for cell in block.cells)


def metadata_changes(old: Document, new: Document) -> tuple[MetadataChange, ...]:
    """Front-matter keys added, removed or changed, by top-level key, sorted by key."""
    found: dict[str, MetadataChange] = {}
    # threshold_to_diff_deeper=0: by default DeepDiff reports a whole-dict replacement, and
    # no key at all, once enough keys differ; every key must be named.
    delta = DeepDiff(
        dict(old.metadata), dict(new.metadata), ignore_order=False, threshold_to_diff_deeper=0
    )
    for key in delta.affected_root_keys:
        if key in old.metadata and key in new.metadata:
            kind = MetadataKind.CHANGED
        elif key in new.metadata:
            kind = MetadataKind.ADDED
        else:
            kind = MetadataKind.REMOVED
        found[str(key)] = MetadataChange(
            key=str(key), kind=kind, old=old.metadata.get(key), new=new.metadata.get(key)
        )
    if "title" not in found and old.title != new.title:
        # A title taken from the first heading is no front matter, but the reader sees it.
        found["title"] = MetadataChange("title", MetadataKind.CHANGED, old.title, new.title)
    return tuple(found[key] for key in sorted(found))


class _Blocks:
    """Tokens, comparison keys and words of blocks, from a :class:`DiffMemo`."""

    def __init__(self, memo: DiffMemo) -> None:
        self.memo = memo
        self._cache = memo.tokens

    def tokens(self, block: Block) -> tuple[Tokens, ...]:
        return tuple(self._cache.tokens(cell) for cell in block.cells)

    def cell(self, cell_html: str) -> Tokens:
        return self._cache.tokens(cell_html)

    def key(self, block: Block) -> str:
        return block.kind + "\x1e" + "\x1f".join(self._cache.key(cell) for cell in block.cells)

    def words(self, block: Block) -> list[str]:
        return [key.lstrip(" ") for cell in self.tokens(block) for key in cell.keys]

    def section_words(self, section: Section) -> list[str]:
        found = list(self.memo.words(section.heading))
        for block in section.blocks:
            found.extend(self.memo.words(block.text))
        return found


def _quick_key(block: Block) -> tuple[str, tuple[str, ...]]:
    return block.kind, tuple(" ".join(cell.split()) for cell in block.cells)


def _same_blocks(a: Sequence[Block], b: Sequence[Block]) -> bool:
    """Every block reads the same (most sections of most pairs of versions)."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        # Equal cells first: the same text is the common case, and costs no split.
        if x.kind != y.kind or (x.cells != y.cells and _quick_key(x) != _quick_key(y)):
            return False
    return True


def _content(section: Section) -> tuple[str, tuple[str, ...]]:
    """What a section's similarity is measured on: its heading and its blocks' texts."""
    return section.heading, tuple(block.text for block in section.blocks)


def _pairable(a: Block, b: Block) -> bool:
    return a.kind == b.kind and len(a.cells) == len(b.cells)


def _changed_block(a: Block, b: Block, cache: _Blocks) -> BlockChange:
    cells: list[CellOps] = []
    granularity = Granularity.WORD
    for old_cell, new_cell in zip(cache.tokens(a), cache.tokens(b), strict=True):
        ops, found = diff_cell(old_cell, new_cell)
        cells.append(ops)
        if _GRANULARITY_ORDER[found] > _GRANULARITY_ORDER[granularity]:
            granularity = found
    if all(op.kind is OpKind.EQUAL for ops in cells for op in ops):
        return BlockChange(Status.UNCHANGED, a, b)
    return BlockChange(Status.CHANGED, a, b, tuple(cells), granularity)


def _replaced_blocks(
    old: Sequence[Block], new: Sequence[Block], cache: _Blocks, out: list[BlockChange]
) -> None:
    """Pair similar blocks of a replaced run; the rest were removed or added."""
    if len(old) == len(new) == 1 and _pairable(old[0], new[0]):
        # One block edited in place reads best as a word change, however much was
        # reworded: a reader compares it with the same paragraph, not with a new one.
        out.append(_changed_block(old[0], new[0], cache))
        return
    candidates = pair_by_similarity([cache.words(b) for b in old], [cache.words(b) for b in new])
    candidates = [(i, j) for i, j in candidates if _pairable(old[i], new[j])]
    kept = increasing_subsequence([j for _i, j in candidates])
    pairs = [pair for position, pair in enumerate(candidates) if position in kept]
    next_old = next_new = 0
    for i, j in [*pairs, (len(old), len(new))]:
        out.extend(BlockChange(Status.REMOVED, block, None) for block in old[next_old:i])
        out.extend(BlockChange(Status.ADDED, None, block) for block in new[next_new:j])
        if i < len(old):
            out.append(_changed_block(old[i], new[j], cache))
        next_old, next_new = i + 1, j + 1


def _block_changes(old: Section, new: Section, cache: _Blocks) -> tuple[BlockChange, ...]:
    """The blocks' changes; aligned once per pair of section contents, then re-attached
    to these sections' blocks (see :mod:`generator.diff.memo`)."""
    a, b = old.blocks, new.blocks
    if _same_blocks(a, b):
        return tuple(BlockChange(Status.UNCHANGED, x, y) for x, y in zip(a, b, strict=True))
    key = blocks_key(a, b)
    outcome = cache.memo.outcomes.get(key)
    if outcome is not None:
        return tuple(
            BlockChange(
                status,
                None if i is None else a[i],
                None if j is None else b[j],
                cells,
                granularity,
            )
            for status, i, j, cells, granularity in outcome
        )
    changes = _aligned_blocks(a, b, cache)
    old_at = {id(block): i for i, block in enumerate(a)}
    new_at = {id(block): j for j, block in enumerate(b)}
    cache.memo.outcomes[key] = tuple(
        (
            change.status,
            None if change.old is None else old_at[id(change.old)],
            None if change.new is None else new_at[id(change.new)],
            change.cells,
            change.granularity,
        )
        for change in changes
    )
    return changes


def _aligned_blocks(
    a: tuple[Block, ...], b: tuple[Block, ...], cache: _Blocks
) -> tuple[BlockChange, ...]:
    opcodes, _exact = bounded_opcodes([cache.key(x) for x in a], [cache.key(y) for y in b])
    out: list[BlockChange] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            out.extend(
                BlockChange(Status.UNCHANGED, x, y) for x, y in zip(a[i1:i2], b[j1:j2], strict=True)
            )
        else:
            _replaced_blocks(a[i1:i2], b[j1:j2], cache, out)
    return tuple(out)


def _align_sections(
    old: Sequence[Section], new: Sequence[Section], cache: _Blocks
) -> list[tuple[int, int]]:
    """Pairs (old index, new index): preamble, then equal headings, then similar content."""
    pairs: list[tuple[int, int]] = []
    if old and new and old[0].level == 0 and new[0].level == 0:
        pairs.append((0, 0))
    waiting: dict[str, list[int]] = {}
    for j, section in enumerate(new):
        if section.level:
            waiting.setdefault(heading_key(section.heading), []).append(j)
    for key_list in waiting.values():
        key_list.reverse()  # pop() then yields duplicates in document order
    for i, section in enumerate(old):
        if section.level:
            candidates = waiting.get(heading_key(section.heading))
            if candidates:
                pairs.append((i, candidates.pop()))
    used_old = {i for i, _j in pairs}
    used_new = {j for _i, j in pairs}
    # The preamble pairs only with a preamble; headed sections pair by content.
    left_old = [i for i in range(len(old)) if i not in used_old and old[i].level]
    left_new = [j for j in range(len(new)) if j not in used_new and new[j].level]
    if left_old and left_new:
        key = (tuple(_content(old[i]) for i in left_old), tuple(_content(new[j]) for j in left_new))
        similar = cache.memo.similar.get(key)
        if similar is None:
            similar = cache.memo.similar[key] = pair_by_similarity(
                [cache.section_words(old[i]) for i in left_old],
                [cache.section_words(new[j]) for j in left_new],
            )
        pairs.extend((left_old[i], left_new[j]) for i, j in similar)
    pairs.sort()
    return pairs


def _same_heading(a: Section, b: Section) -> bool:
    return " ".join(a.heading.split()) == " ".join(b.heading.split())


def _count(sections: Sequence[SectionChange], memo: DiffMemo) -> DiffCounts:
    status = Counter(change.status for change in sections)
    inserted = deleted = 0
    for change in sections:
        for block in change.blocks:
            if block.status is Status.ADDED and block.new is not None:
                inserted += memo.count(block.new.text)
            elif block.status is Status.REMOVED and block.old is not None:
                deleted += memo.count(block.old.text)
            elif block.status is Status.CHANGED:
                for ops in block.cells:
                    for op in ops:
                        if op.kind is OpKind.INSERT:
                            inserted += memo.count(op.text)
                        elif op.kind is OpKind.DELETE:
                            deleted += memo.count(op.text)
    return DiffCounts(
        sections_added=status[Status.ADDED],
        sections_removed=status[Status.REMOVED],
        sections_changed=status[Status.CHANGED],
        sections_moved=sum(change.moved for change in sections),
        sections_renamed=sum(change.renamed for change in sections),
        sections_renumbered=sum(change.renumbered for change in sections),
        sections_unchanged=status[Status.UNCHANGED],
        words_inserted=inserted,
        words_deleted=deleted,
    )


def _unmatched(
    old: Document, new: Document, new_of_old: dict[int, int]
) -> list[tuple[tuple[int, int, int], SectionChange]]:
    """Added sections where they stand; removed ones after the last paired section before."""
    entries: list[tuple[tuple[int, int, int], SectionChange]] = []
    matched_new = set(new_of_old.values())
    for j, section in enumerate(new.sections):
        if j not in matched_new:
            blocks = tuple(BlockChange(Status.ADDED, None, block) for block in section.blocks)
            entries.append(((j, 0, 0), SectionChange(Status.ADDED, None, section, None, j, blocks)))
    anchor = -1
    for i, section in enumerate(old.sections):
        if i in new_of_old:
            anchor = new_of_old[i]
            continue
        blocks = tuple(BlockChange(Status.REMOVED, block, None) for block in section.blocks)
        entries.append(
            ((anchor, 1, i), SectionChange(Status.REMOVED, section, None, i, None, blocks))
        )
    return entries


def diff_documents(old: Document, new: Document, memo: DiffMemo | None = None) -> Diff:
    """What changed from ``old`` to ``new``, section by section and word by word.

    ``memo`` lends what earlier diffs of the same file's versions worked out (tokens,
    block alignments: :mod:`generator.diff.memo`); the diff is the same with or without it."""
    memo = memo if memo is not None else DiffMemo()
    cache = _Blocks(memo)
    pairs = _align_sections(old.sections, new.sections, cache)
    in_order = increasing_subsequence([j for _i, j in pairs])
    entries: list[tuple[tuple[int, int, int], SectionChange]] = []
    new_of_old: dict[int, int] = {}
    for position, (i, j) in enumerate(pairs):
        a, b = old.sections[i], new.sections[j]
        new_of_old[i] = j
        blocks = _block_changes(a, b, cache)
        renamed = not _same_heading(a, b)
        renumbered = a.number != b.number
        heading: CellOps = ()
        if renamed or renumbered:
            heading, _granularity = diff_cell(
                cache.cell(a.heading_html), cache.cell(b.heading_html)
            )
        edited = renamed or any(block.status is not Status.UNCHANGED for block in blocks)
        change = SectionChange(
            status=Status.CHANGED if edited else Status.UNCHANGED,
            old=a,
            new=b,
            old_index=i,
            new_index=j,
            blocks=blocks,
            moved=position not in in_order,
            renamed=renamed,
            renumbered=renumbered,
            heading=heading,
        )
        entries.append(((j, 0, 0), change))
    entries += _unmatched(old, new, new_of_old)
    entries.sort(key=lambda entry: entry[0])
    sections = tuple(change for _key, change in entries)
    return Diff(
        old_path=old.path,
        new_path=new.path,
        old_title=old.title,
        new_title=new.title,
        old_effective_date=old.effective_date,
        new_effective_date=new.effective_date,
        metadata=metadata_changes(old, new),
        sections=sections,
        counts=_count(sections, memo),
    )
