"""Pairing things up: sections by heading then by content, blocks by text then similarity.

Every search here is bounded by counts: similarity is only measured between a leftover
item and at most :data:`MAX_CANDIDATES` nearby leftovers on the other side, with a cheap,
order-free measure (the Dice coefficient of word multisets, ``difflib``'s ``quick_ratio``).
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from generator.diff.tokens import plain_tokens

#: Two items whose similarity reaches this are the same item, edited.
SIMILARITY_THRESHOLD = 0.5
#: Most similarity measurements made to pair the leftovers of one alignment.
MAX_COMPARISONS = 40_000


def heading_key(heading: str) -> str:
    """A heading as compared for matching: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", heading).casefold().split())


def dice(a: Counter[str], b: Counter[str], size_a: int, size_b: int) -> float:
    """2·|a ∩ b| / (|a| + |b|) over multisets; 1.0 for two empty ones."""
    if not size_a and not size_b:
        return 1.0
    if not size_a or not size_b:
        return 0.0
    if size_a > size_b:
        a, b = b, a
    common = 0
    for key, count in a.items():
        other = b.get(key)
        if other:
            common += min(count, other)
    return 2.0 * common / (size_a + size_b)


#: Below this many tokens, similarity is measured on single tokens only.
SHORT = 8


class Profile:
    """Token and token-pair multisets of a text, for :func:`similarity`."""

    __slots__ = ("pairs", "size", "tokens")

    def __init__(self, tokens: Sequence[str]) -> None:
        self.size = len(tokens)
        self.tokens = Counter(tokens)
        self.pairs = (
            Counter(f"{x}\x00{y}" for x, y in pairwise(tokens)) if self.size >= SHORT else Counter()
        )


def similarity(a: Profile, b: Profile) -> float:
    """How alike two texts are, 0–1, ignoring order beyond neighbours.

    Single-token overlap alone rates any two texts of one vocabulary as alike, so for texts
    of :data:`SHORT` tokens or more it is averaged with the overlap of adjacent pairs.
    """
    single = dice(a.tokens, b.tokens, a.size, b.size)
    if a.size < SHORT or b.size < SHORT:
        return single
    return (single + dice(a.pairs, b.pairs, a.size - 1, b.size - 1)) / 2


def pair_by_similarity(
    old: Sequence[Sequence[str]],
    new: Sequence[Sequence[str]],
) -> list[tuple[int, int]]:
    """Greedy best-first pairs (old index, new index) of token lists whose similarity
    reaches the threshold, sorted by old index; each item pairs at most once.

    When ``len(old) * len(new)`` exceeds :data:`MAX_COMPARISONS`, each old item is only
    compared with the new items around its proportional position.
    """
    if not old or not new:
        return []
    old_profiles = [Profile(tokens) for tokens in old]
    new_profiles = [Profile(tokens) for tokens in new]
    width = max(1, MAX_COMPARISONS // len(old))
    candidates: list[tuple[float, int, int]] = []
    for i, profile in enumerate(old_profiles):
        if width >= len(new):
            lo, hi = 0, len(new)
        else:
            centre = (i * len(new)) // len(old)
            lo = max(0, min(centre - width // 2, len(new) - width))
            hi = lo + width
        size = profile.size
        for j in range(lo, hi):
            other = new_profiles[j].size
            if size + other and 2.0 * min(size, other) / (size + other) < SIMILARITY_THRESHOLD:
                continue
            score = similarity(profile, new_profiles[j])
            if score >= SIMILARITY_THRESHOLD:
                candidates.append((-score, i, j))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _score, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j))
    pairs.sort()
    return pairs


def increasing_subsequence(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tail_at: list[int] = []  # position of that tail
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        length = bisect.bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[length] = value
            tail_at[length] = position
        previous[position] = tail_at[length - 1] if length else -1
    kept: set[int] = set()
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        kept.add(position)
        position = previous[position]
    return kept


def words_of(text: str) -> list[str]:
    """Case-folded words and punctuation of plain text (CJK: per character)."""
    return plain_tokens(text.casefold())
