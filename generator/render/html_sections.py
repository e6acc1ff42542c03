"""One section of a redline as HTML: its heading with its status, then its blocks, inline
and side by side.

A renumbered heading shows its new number and a quiet note ("11 → 10"), never the digits
struck through and inserted; a removed section shows its heading marked removed and its
text folded away, struck through only once opened. Blocks keep their place whatever
happened to them: a mark in the margin, never a shift of the text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markupsafe import escape

from generator.diff import BlockChange, CellOps, Granularity, OpKind, SectionChange, Status
from generator.diff.tokens import tokenize
from generator.diff.words import diff_cell
from generator.document import Block, Section
from generator.render.i18n import Messages
from generator.render.inline import inline_html
from generator.render.summary import badges, number_change

_OLD_SIDE = frozenset({OpKind.EQUAL, OpKind.DELETE})
_NEW_SIDE = frozenset({OpKind.EQUAL, OpKind.INSERT})


class Marks:
    """``<ins>``/``<del>`` with their translated screen-reader labels."""

    def __init__(self, words: Messages) -> None:
        self.ins = f'<ins class="ps-ins"><span class="ps-sr">{_e(words("inserted:"))} </span>'
        self.dels = f'<del class="ps-del"><span class="ps-sr">{_e(words("deleted:"))} </span>'

    def __call__(self, kind: OpKind, inner: str) -> str:
        if kind is OpKind.INSERT:
            return f"{self.ins}{inner}</ins>"
        return f"{self.dels}{inner}</del>"


def _e(text: str) -> str:
    return str(escape(text))


def _unnumbered_html(section: Section) -> str:
    """The heading's inline HTML without its numbering."""
    html = section.heading_html
    number = _e(section.number)
    if number and html.startswith(number):
        return html[len(number) :].lstrip()
    return _e(section.heading) if section.number else html


def heading_ops(change: SectionChange) -> CellOps:
    """The word changes of a renamed heading, its numbering left out (a new number is a
    note of its own); the diff's own heading operations otherwise."""
    old, new = change.old, change.new
    if not change.renumbered or old is None or new is None:
        return change.heading
    ops, _granularity = diff_cell(tokenize(_unnumbered_html(old)), tokenize(_unnumbered_html(new)))
    return ops


def _number_note(change: SectionChange, words: Messages) -> str:
    found = number_change(change)
    if found is None:
        return ""
    old, new = found
    said = _e(words("Renumbered from {old} to {new}", old=old, new=new))
    return (
        f' <span class="ps-number-note"><span class="ps-sr">{said}</span>'
        f'<span aria-hidden="true">{_e(old)} → {_e(new)}</span></span>'
    )


def _heading(change: SectionChange, words: Messages, marks: Marks) -> str:
    section = change.section
    old, new = change.old, change.new
    if not section.level:
        text = _e(words("Introduction"))
    elif change.renumbered and old and new and old.number and new.number:
        # The new number as it stands: the old one is in the note or the "moved" badge.
        number = f'<span class="ps-number">{_e(section.number)}</span> '
        rest = inline_html(heading_ops(change), marks) if change.renamed else None
        text = number + (rest if rest is not None else _unnumbered_html(section))
    elif change.heading:
        text = inline_html(change.heading, marks)
    else:
        text = section.heading_html
    if change.status is Status.ADDED:
        text = marks(OpKind.INSERT, text)
    level = min(6, section.level + 1) if section.level else 2
    status = "".join(
        f' <span class="ps-badge ps-badge-{change.status.value}">{_e(badge)}</span>'
        for badge in badges(change, words)
    )
    return f'<h{level} class="ps-heading">{text}{status}{_number_note(change, words)}</h{level}>'


def section_html(change: SectionChange, anchor: str, words: Messages, marks: Marks) -> str:
    """The section's heading and blocks, with the id ``anchor``."""
    out = [
        f'<section class="ps-section ps-{change.status.value}" id="{_e(anchor)}">',
        _heading(change, words, marks),
    ]
    if change.coarse:
        out.append(_coarse_note(change, words))
    if change.status is Status.UNCHANGED:
        out.append('<div class="ps-plain">')
        out.extend(_groups(change.blocks, "new", marks))
        out.append("</div>")
    elif change.status is Status.REMOVED:
        # The same in both views: its heading says it is gone; its text waits behind a fold.
        out.append(
            f'<details class="ps-fold ps-removed-text"><summary>{_e(words("Show the removed text"))}'
            '</summary><div class="ps-plain">'
        )
        out.extend(_groups(change.blocks, "inline", marks))
        out.append("</div></details>")
    else:
        out.append('<div class="ps-inline">')
        for blocks, folded in _context(change.blocks):
            html = "".join(_groups(blocks, "inline", marks))
            out.append(_fold(html, len(blocks), words) if folded else html)
        out.append("</div>")
        out.append('<div class="ps-sbs">')
        out.append(
            f'<div class="ps-side-head" aria-hidden="true"><span>{_e(words("Before"))}'
            f"</span><span>{_e(words('After'))}</span></div>"
        )
        for blocks, folded in _context(change.blocks):
            rows = "".join(_rows(blocks, marks))
            out.append(_fold(rows, len(blocks), words) if folded else rows)
        out.append("</div>")
    out.append("</section>")
    return "\n".join(out)


CONTEXT = 1
"""Unchanged blocks shown after each change of a section (none before: the change leads,
the fold above it says what is left out); longer runs fold."""


def _context(blocks: Sequence[BlockChange]) -> Iterator[tuple[list[BlockChange], bool]]:
    """The section's blocks in runs, each run with whether it folds away: unchanged blocks
    before a change or further than :data:`CONTEXT` after one, two or more together (a
    table is never cut: its rows stay together)."""
    changed = [n for n, block in enumerate(blocks) if block.status is not Status.UNCHANGED]
    keep = {n for c in changed for n in range(c, c + CONTEXT + 1)}
    for n, block in enumerate(blocks):
        if _block_of(block).kind == "table_row":
            keep.add(n)
    run: list[BlockChange] = []
    folding = False
    for n, block in enumerate(blocks):
        fold = n not in keep
        if run and fold != folding:
            yield from _settled(run, folding)
            run = []
        run.append(block)
        folding = fold
    if run:
        yield from _settled(run, folding)


def _settled(run: list[BlockChange], folding: bool) -> Iterator[tuple[list[BlockChange], bool]]:
    """A single block is not worth a fold: it is shown."""
    yield run, folding and len(run) > 1


def _fold(html: str, count: int, words: Messages) -> str:
    label = words.plural("{count} unchanged paragraph", "{count} unchanged paragraphs", count)
    return f'<details class="ps-fold ps-context"><summary>{_e(label)}</summary>{html}</details>'


def _rows(blocks: Sequence[BlockChange], marks: Marks) -> Iterator[str]:
    """The side-by-side rows of ``blocks``: old on one side, new on the other."""
    for group in _grouped(blocks):
        old = "".join(_groups(group, "old", marks))
        new = "".join(_groups(group, "new", marks))
        yield (
            f'<div class="ps-row"><div class="ps-old">{old}</div>'
            f'<div class="ps-new">{new}</div></div>'
        )


def _coarse_note(change: SectionChange, words: Messages) -> str:
    if any(block.granularity is Granularity.BLOCK for block in change.blocks):
        note = words(
            "Part of this change is shown as a whole paragraph because the paragraph is very long."
        )
    else:
        note = words(
            "Part of this change is shown sentence by sentence because the paragraph is very long."
        )
    return f'<p class="ps-note">{_e(note)}</p>'


# -- blocks ----------------------------------------------------------------------------


def _container(block: Block) -> str:
    if block.kind == "list_item":
        return "ol" if block.marker else "ul"
    if block.kind == "table_row":
        return "table"
    return ""


def _block_of(change: BlockChange) -> Block:
    block = change.new or change.old
    assert block is not None, "a BlockChange always has a side"
    return block


def _grouped(blocks: Sequence[BlockChange]) -> Iterator[list[BlockChange]]:
    """Blocks grouped so that list items share a list and table rows a table."""
    group: list[BlockChange] = []
    for change in blocks:
        kind = _container(_block_of(change))
        if group and (not kind or kind != _container(_block_of(group[0]))):
            yield group
            group = []
        group.append(change)
    if group:
        yield group


def _groups(blocks: Sequence[BlockChange], side: str, marks: Marks) -> Iterator[str]:
    """HTML of the blocks for one side: ``old``, ``new`` or ``inline`` (both)."""
    for group in _grouped(blocks):
        shown = [
            c for c in group if side == "inline" or (c.old if side == "old" else c.new) is not None
        ]
        if not shown:
            continue
        container = _container(_block_of(group[0]))
        if container == "table":
            yield '<div class="ps-table"><table>'
        elif container:
            yield f'<{container} class="ps-list">'
        for change in shown:
            yield _block(change, side, marks)
        if container == "table":
            yield "</table></div>"
        elif container:
            yield f"</{container}>"


def _cells(change: BlockChange, side: str, marks: Marks) -> tuple[Block, list[str]]:
    """The block shown on ``side`` and the inline HTML of each of its cells."""
    if change.status is Status.CHANGED:
        kinds = _OLD_SIDE if side == "old" else _NEW_SIDE if side == "new" else frozenset(OpKind)
        block = change.old if side == "old" else change.new
        assert block is not None
        return block, [inline_html(ops, marks, kinds=kinds) for ops in change.cells]
    block = _block_of(change) if side == "inline" else (change.old if side == "old" else change.new)
    assert block is not None
    if change.status is Status.ADDED:
        return block, [marks(OpKind.INSERT, cell) if cell else cell for cell in block.cells]
    if change.status is Status.REMOVED:
        return block, [marks(OpKind.DELETE, cell) if cell else cell for cell in block.cells]
    return block, list(block.cells)


def _table_cells(block: Block, cells: list[str]) -> Iterator[str]:
    """Each cell in its element: as the author's HTML table opened it (``colspan``…), or
    ``<th>``/``<td>`` for a Markdown table's row."""
    for index, cell in enumerate(cells):
        opening = block.cell_tags[index] if index < len(block.cell_tags) else ""
        if not opening:
            opening = "<th>" if block.header else "<td>"
        name = "th" if opening.startswith("<th") else "td"
        yield f"{opening}{cell}</{name}>"


def _block(change: BlockChange, side: str, marks: Marks) -> str:
    block, cells = _cells(change, side, marks)
    classes = f"ps-block ps-block-{change.status.value} ps-depth-{min(block.depth, 6)}"
    if block.kind == "table_row":
        return f'<tr class="{classes}">{"".join(_table_cells(block, cells))}</tr>'
    text = cells[0] if cells else ""
    if block.kind == "list_item":
        number = block.marker.rstrip(".)")
        value = f' value="{_e(number)}"' if number.isdigit() else ""
        return f'<li class="{classes}"{value}>{text}</li>'
    if block.kind == "code":
        return f'<pre class="{classes}"><code>{text}</code></pre>'
    if block.kind == "quote":
        return f'<blockquote class="{classes}"><p>{text}</p></blockquote>'
    if block.kind == "rule":
        return f'<hr class="{classes}">'
    if block.kind == "html":
        return f'<div class="{classes}">{text}</div>'
    return f'<p class="{classes}">{text}</p>'
