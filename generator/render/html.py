"""A :class:`~generator.diff.Diff` as an HTML fragment: summary, then the document as a redline.

The fragment works without JavaScript: the inline / side-by-side switch is two radio inputs
that CSS (``theme/assets/redline.css``) reads with ``:checked ~``, and runs of unchanged
sections fold into ``<details>``. Changes never rely on colour: ``<ins>`` is underlined,
``<del>`` struck through, each starts with a visually hidden label for screen readers, and
every section's status is a word.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markupsafe import Markup, escape

from generator.diff import BlockChange, Diff, Granularity, OpKind, SectionChange, Status
from generator.document import Block
from generator.render.i18n import Messages
from generator.render.inline import inline_html
from generator.render.summary import (
    badges,
    coarse_note,
    describe_metadata,
    section_label,
    summary_groups,
    word_counts,
)

_OLD_SIDE = frozenset({OpKind.EQUAL, OpKind.DELETE})
_NEW_SIDE = frozenset({OpKind.EQUAL, OpKind.INSERT})


class _Marks:
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


def render_changes(diff: Diff, words: Messages, *, id_prefix: str = "") -> Markup:
    """The "what changed" fragment for ``diff``, its ids prefixed with ``id_prefix``."""
    anchors = section_anchors(diff.sections, id_prefix)
    marks = _Marks(words)
    parts = [
        '<div class="ps-changes">',
        _summary(diff, words, anchors, id_prefix),
        view_switch(words, id_prefix),
        '<div class="ps-redline">',
    ]
    for run in _runs(diff.sections):
        if run[0].is_quiet:
            count = len(run)
            summary = words.plural("{count} unchanged section", "{count} unchanged sections", count)
            parts.append(f'<details class="ps-unchanged"><summary>{_e(summary)}</summary>')
            parts.extend(_section(change, anchors[id(change)], words, marks) for change in run)
            parts.append("</details>")
        else:
            parts.extend(_section(change, anchors[id(change)], words, marks) for change in run)
    parts.append("</div></div>")
    # Built from escaped text and markdown-it-py's inline HTML only.
    return Markup("\n".join(parts))


def view_switch(words: Messages, id_prefix: str = "") -> Markup:
    """The inline / side-by-side switch: two radios that must come before the
    ``<div class="ps-redline">`` they govern, inside a ``<div class="ps-changes">``."""
    view = _e(f"{id_prefix}ps-view")
    return Markup(
        f'<input type="radio" class="ps-view-input ps-view-inline" name="{view}" '
        f'id="{view}-inline" checked>\n'
        f'<label class="ps-view-label" for="{view}-inline">{_e(words("Inline"))}</label>\n'
        f'<input type="radio" class="ps-view-input ps-view-sbs" name="{view}" id="{view}-sbs">\n'
        f'<label class="ps-view-label" for="{view}-sbs">{_e(words("Side by side"))}</label>'
    )


def render_section(change: SectionChange, words: Messages, anchor: str) -> Markup:
    """One section's redline, as the changes pages show it, with the id ``anchor``: for a
    page of its own, inside the structure :func:`view_switch` describes."""
    # Built from escaped text and markdown-it-py's inline HTML only.
    return Markup(_section(change, anchor, words, _Marks(words)))


def section_anchors(sections: Sequence[SectionChange], prefix: str = "") -> dict[int, str]:
    """A unique id per section change (removed and added sections may share a slug), keyed
    by ``id()`` of the change: the anchors of the changes pages."""
    taken: set[str] = set()
    found: dict[int, str] = {}
    for change in sections:
        base = f"{prefix}{change.section.id or 'preamble'}"
        anchor, suffix = base, 1
        while anchor in taken:
            suffix += 1
            anchor = f"{base}-{suffix}"
        taken.add(anchor)
        found[id(change)] = anchor
    return found


def _runs(sections: Sequence[SectionChange]) -> Iterator[list[SectionChange]]:
    """Consecutive sections grouped by whether there is nothing to point out in them."""
    run: list[SectionChange] = []
    for change in sections:
        if run and run[0].is_quiet != change.is_quiet:
            yield run
            run = []
        run.append(change)
    if run:
        yield run


# -- summary ---------------------------------------------------------------------------


def _summary(diff: Diff, words: Messages, anchors: dict[int, str], prefix: str) -> str:
    title_id = _e(f"{prefix}ps-summary-title")
    out = [
        f'<section class="ps-summary" aria-labelledby="{title_id}">',
        f'<h2 id="{title_id}">{_e(words("Summary of changes"))}</h2>',
    ]
    if not diff.text_changed:
        out.append(f'<p class="ps-no-change">{_e(words("No changes to the text."))}</p>')
    items: list[str] = []
    for group in summary_groups(diff, words):
        if not group.changes:
            continue
        links = "".join(
            f'<li><a href="#{_e(anchors[id(c)])}">{_e(section_label(c, words))}</a></li>'
            for c in group.changes
        )
        items.append(f"<li>{_e(group.heading)}<ul>{links}</ul></li>")
    items.extend(f"<li>{_e(line)}</li>" for line in word_counts(diff, words))
    if items:
        out.append('<ul class="ps-counts">' + "".join(items) + "</ul>")
    if diff.metadata:
        out.append('<ul class="ps-metadata">')
        out.extend(f"<li>{_e(describe_metadata(change, words))}</li>" for change in diff.metadata)
        out.append("</ul>")
    note = coarse_note(diff, words)
    if note:
        out.append(f'<p class="ps-note">{_e(note)}</p>')
    out.append("</section>")
    return "\n".join(out)


# -- sections --------------------------------------------------------------------------


def _heading(change: SectionChange, words: Messages, marks: _Marks) -> str:
    section = change.section
    if change.heading:
        text = inline_html(change.heading, marks)
    elif section.level:
        text = section.heading_html
    else:
        text = _e(words("Introduction"))
    if change.status is Status.ADDED:
        text = marks(OpKind.INSERT, text)
    elif change.status is Status.REMOVED:
        text = marks(OpKind.DELETE, text)
    level = min(6, section.level + 1) if section.level else 2
    status = "".join(
        f' <span class="ps-badge ps-badge-{change.status.value}">{_e(badge)}</span>'
        for badge in badges(change, words)
    )
    return f'<h{level} class="ps-heading">{text}{status}</h{level}>'


def _section(change: SectionChange, anchor: str, words: Messages, marks: _Marks) -> str:
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
    else:
        out.append('<div class="ps-inline">')
        out.extend(_groups(change.blocks, "inline", marks))
        out.append("</div>")
        out.append('<div class="ps-sbs">')
        out.append(
            f'<div class="ps-side-head" aria-hidden="true"><span>{_e(words("Before"))}'
            f"</span><span>{_e(words('After'))}</span></div>"
        )
        for group in _grouped(change.blocks):
            old = "".join(_groups(group, "old", marks))
            new = "".join(_groups(group, "new", marks))
            out.append(
                f'<div class="ps-row"><div class="ps-old">{old}</div>'
                f'<div class="ps-new">{new}</div></div>'
            )
        out.append("</div>")
    out.append("</section>")
    return "\n".join(out)


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


def _groups(blocks: Sequence[BlockChange], side: str, marks: _Marks) -> Iterator[str]:
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


def _cells(change: BlockChange, side: str, marks: _Marks) -> tuple[Block, list[str]]:
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


def _block(change: BlockChange, side: str, marks: _Marks) -> str:
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
