"""Bounded sequence alignment, and the word diff of one cell built on it.

``difflib.SequenceMatcher`` (``autojunk=False``: its default silently ignores common words)
does the matching, but only on inputs whose cost is under :data:`WORK_BOUND`. The cost of
one ``find_longest_match`` pass is the number of (old, new) position pairs holding equal
keys, so that is what is bounded, never time. Above the bound a cell is compared sentence
by sentence (each changed run of sentences refined word by word while a budget lasts),
and above that it is shown as replaced whole. Common prefix and suffix tokens are taken off
first, so a few edits in a huge block leave little to compare.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import pairwise

from generator.diff.model import CellOps, Granularity, OpKind, WordOp
from generator.diff.tokens import SENTENCE_ENDS, Tokens

#: Most key pairs one alignment may have to look at (``len(a) * len(b)`` or, when that is
#: larger, the count of equal-key position pairs plus the lengths).
WORK_BOUND = 4_000_000
#: Total cost allowed for refining changed sentences word by word inside one cell.
REFINE_BUDGET = 4 * WORK_BOUND

Opcode = tuple[str, int, int, int, int]
"""``difflib`` opcode: (tag, old start, old end, new start, new end)."""


def alignment_cost(a: Sequence[str], b: Sequence[str]) -> int:
    """An upper bound on the key pairs ``SequenceMatcher`` visits per matching pass."""
    product = len(a) * len(b)
    if product <= WORK_BOUND:
        return product
    counts = Counter(b)
    pairs = 0
    for key, count in Counter(a).items():
        pairs += count * counts.get(key, 0)
    return min(product, pairs + len(a) + len(b))


def _affixes(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    limit = min(len(a), len(b))
    prefix = 0
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    limit -= prefix
    while suffix < limit and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def _matcher_opcodes(a: Sequence[str], b: Sequence[str], i0: int, j0: int) -> list[Opcode]:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [
        (tag, i1 + i0, i2 + i0, j1 + j0, j2 + j0) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def bounded_opcodes(a: Sequence[str], b: Sequence[str]) -> tuple[list[Opcode], bool]:
    """Opcodes aligning ``a`` with ``b``; the flag is False when the middle was too costly
    to align and is returned as one ``replace``."""
    prefix, suffix = _affixes(a, b)
    n, m = len(a), len(b)
    ops: list[Opcode] = []
    if prefix:
        ops.append(("equal", 0, prefix, 0, prefix))
    middle_a, middle_b = a[prefix : n - suffix], b[prefix : m - suffix]
    exact = True
    if middle_a and middle_b:
        if alignment_cost(middle_a, middle_b) <= WORK_BOUND:
            ops.extend(_matcher_opcodes(middle_a, middle_b, prefix, prefix))
        else:
            ops.append(("replace", prefix, n - suffix, prefix, m - suffix))
            exact = False
    elif middle_a:
        ops.append(("delete", prefix, n - suffix, prefix, prefix))
    elif middle_b:
        ops.append(("insert", prefix, prefix, prefix, m - suffix))
    if suffix:
        ops.append(("equal", n - suffix, n, m - suffix, m))
    return ops, exact


def _sentences(tokens: Tokens, start: int, end: int) -> list[int]:
    """Token indices where sentences start within [start, end), plus ``end``."""
    bounds = [start]
    texts = tokens.texts
    for index in range(start, end - 1):
        if texts[index][-1:] in SENTENCE_ENDS and texts[index + 1][:1] == " ":
            bounds.append(index + 1)
    bounds.append(end)
    return bounds


def _sentence_opcodes(
    old: Tokens,
    new: Tokens,
    i0: int,
    i1: int,
    j0: int,
    j1: int,
) -> tuple[list[Opcode], Granularity]:
    """Align [i0, i1) with [j0, j1) sentence by sentence, then refine changed runs."""
    old_bounds = _sentences(old, i0, i1)
    new_bounds = _sentences(new, j0, j1)
    old_keys = ["\x02".join(old.keys[s:e]) for s, e in pairwise(old_bounds)]
    new_keys = ["\x02".join(new.keys[s:e]) for s, e in pairwise(new_bounds)]
    if alignment_cost(old_keys, new_keys) > WORK_BOUND:
        return [("replace", i0, i1, j0, j1)], Granularity.BLOCK
    budget = REFINE_BUDGET
    granularity = Granularity.WORD
    ops: list[Opcode] = []
    for tag, s1, s2, t1, t2 in _matcher_opcodes(old_keys, new_keys, 0, 0):
        a1, a2 = old_bounds[s1], old_bounds[s2]
        b1, b2 = new_bounds[t1], new_bounds[t2]
        if tag != "replace":
            ops.append((tag, a1, a2, b1, b2))
            continue
        cost = alignment_cost(old.keys[a1:a2], new.keys[b1:b2])
        if cost <= WORK_BOUND and cost <= budget:
            budget -= cost
            ops.extend(_matcher_opcodes(old.keys[a1:a2], new.keys[b1:b2], a1, b1))
        else:
            ops.append(("replace", a1, a2, b1, b2))
            granularity = Granularity.SENTENCE
    return ops, granularity


def _runs(tokens: Tokens, start: int, end: int, kind: OpKind, out: list[WordOp]) -> None:
    """Append tokens [start, end) as ops of ``kind``, one op per stretch of equal tags."""
    texts, htmls, tags = tokens.texts, tokens.htmls, tokens.tags
    index = start
    while index < end:
        stack = tags[index]
        stop = index + 1
        while stop < end and (tags[stop] is stack or tags[stop] == stack):
            stop += 1
        text = "".join(texts[index:stop])
        markup = "".join(htmls[index:stop])
        last = out[-1] if out else None
        if last is not None and last.kind is kind and last.tags == stack:
            out[-1] = WordOp(kind, last.text + text, last.html + markup, stack)
        else:
            out.append(WordOp(kind, text, markup, stack))
        index = stop


def _width(op: Opcode) -> int:
    return max(op[2] - op[1], op[4] - op[3])


def _absorb_short_equalities(opcodes: list[Opcode]) -> list[Opcode]:
    """Join neighbouring changes into one replacement, folding in an unchanged run that
    is no longer than the changes on either side: "二十四" → "十二" then reads as one
    replaced term, not as "+十 =二 -十四". One pass with a stack: linear."""
    out: list[Opcode] = []
    for op in opcodes:
        if op[0] == "equal" or not out or out[-1][0] == "equal":
            out.append(op)
        else:
            last = out.pop()
            out.append(("replace", last[1], op[2], last[3], op[4]))
        # Fold "change, short equal, change" for as long as the folding cascades backwards.
        while (
            len(out) >= 3
            and out[-1][0] != "equal"
            and out[-2][0] == "equal"
            and out[-3][0] != "equal"
            and out[-2][2] - out[-2][1] <= min(_width(out[-1]), _width(out[-3]))
        ):
            after, _equal, before = out.pop(), out.pop(), out.pop()
            out.append(("replace", before[1], after[2], before[3], after[4]))
            if len(out) >= 2 and out[-2][0] != "equal":
                last, first = out.pop(), out.pop()
                out.append(("replace", first[1], last[2], first[3], last[4]))
    return out


def diff_cell(old: Tokens, new: Tokens) -> tuple[CellOps, Granularity]:
    """Word operations turning ``old`` into ``new``, and how finely they were found."""
    opcodes, exact = bounded_opcodes(old.keys, new.keys)
    granularity = Granularity.WORD
    if not exact:
        refined: list[Opcode] = []
        for opcode in opcodes:
            if opcode[0] != "replace":
                refined.append(opcode)
                continue
            more, found = _sentence_opcodes(old, new, *opcode[1:])
            refined.extend(more)
            if found is Granularity.BLOCK or granularity is Granularity.WORD:
                granularity = found
        opcodes = refined
    opcodes = _absorb_short_equalities(opcodes)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            _runs(new, j1, j2, OpKind.EQUAL, ops)
        else:
            _runs(old, i1, i2, OpKind.DELETE, ops)
            _runs(new, j1, j2, OpKind.INSERT, ops)
    return tuple(ops), granularity
