"""What the diffs of one file's versions share, worked out once.

A policy with V versions is diffed up to V(V−1)/2 times (its changes, since and compare
pages), and every diff meets the same texts again: a paragraph kept through ten versions
is in forty-five pairs, and a section edited once and then left alone is compared with
the same counterpart in every pair that spans the edit. A :class:`DiffMemo` lent to each
of those diffs keeps each text's tokens (:class:`~generator.diff.tokens.TokenCache`), each
text's words for similarity, the block changes of each pair of section contents, and the
pairing of leftover sections by similarity, so each is computed once. A diff is the same with or without it.

Everything is keyed by text, never by position or object: the block changes are kept as
indices and re-attached to the blocks of the sections at hand, so a section whose text is
the same but which stands elsewhere (other lines, another list depth) reads as itself.
Whoever keeps a memo decides its scope, and calls :meth:`DiffMemo.clear` at its end.
"""

from __future__ import annotations

from generator.diff.align import words_of
from generator.diff.model import CellOps, Granularity, Status
from generator.diff.tokens import TokenCache, count_words
from generator.document import Block

BlocksKey = tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[tuple[str, tuple[str, ...]], ...]]
"""The (kind, cells) of each block of two sections: all a block alignment looks at."""
SectionsKey = tuple[tuple[tuple[str, tuple[str, ...]], ...], ...]
"""The heading and block texts of each leftover section on both sides."""
Outcome = tuple[tuple[Status, int | None, int | None, tuple[CellOps, ...], Granularity], ...]
"""Block changes as (status, old index, new index, cells, granularity)."""


def blocks_key(old: tuple[Block, ...], new: tuple[Block, ...]) -> BlocksKey:
    """What the alignment of ``old`` with ``new`` depends on, and nothing else."""
    return (
        tuple((block.kind, block.cells) for block in old),
        tuple((block.kind, block.cells) for block in new),
    )


class DiffMemo:
    """Tokens, words, word counts and block alignments, each computed once while kept."""

    __slots__ = ("_counts", "_words", "outcomes", "similar", "tokens")

    def __init__(self) -> None:
        self.tokens = TokenCache()
        """Each cell's tokens."""
        self.outcomes: dict[BlocksKey, Outcome] = {}
        """The block changes of each pair of section contents."""
        self.similar: dict[SectionsKey, list[tuple[int, int]]] = {}
        """Leftover sections paired by similarity, by the contents on both sides."""
        self._words: dict[str, list[str]] = {}
        self._counts: dict[str, int] = {}

    def words(self, text: str) -> list[str]:
        """:func:`~generator.diff.align.words_of` ``text`` (shared: do not change it)."""
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = words_of(text)
        return found

    def count(self, text: str) -> int:
        """:func:`~generator.diff.tokens.count_words` of ``text``."""
        found = self._counts.get(text)
        if found is None:
            found = self._counts[text] = count_words(text)
        return found

    def clear(self) -> None:
        """Forget everything (when no diff that follows can need it)."""
        self.tokens.clear()
        self.outcomes.clear()
        self.similar.clear()
        self._words.clear()
        self._counts.clear()
