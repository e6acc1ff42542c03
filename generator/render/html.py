"""A :class:`~generator.diff.Diff` as an HTML fragment: a one-line summary, then the redline.

The fragment leads with the change: one line of counts in words, the list of sections behind
a disclosure, then the document with runs of unchanged sections folded into ``<details>``
(on paper they are left out, a line saying how many). It works without JavaScript: the
inline / side-by-side switch is two radio inputs that CSS (``theme/assets/redline.css``)
reads with ``:checked ~``; below a phone's width the redline is inline whatever the choice.
Changes never rely on colour: ``<ins>`` is underlined, ``<del>`` struck through, each starts
with a visually hidden label for screen readers, and every section's status is a word.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markupsafe import Markup, escape

from generator.diff import Diff, SectionChange, Status
from generator.render.html_sections import Marks, section_html
from generator.render.i18n import Messages
from generator.render.summary import (
    SUMMARY_KEY,
    coarse_note,
    count_lines,
    describe_metadata,
    is_quiet,
    number_note,
    renumbered_line,
    renumbered_only,
    section_label,
    summary_groups,
    word_counts,
)


def _e(text: str) -> str:
    return str(escape(text))


def render_changes(diff: Diff, words: Messages, *, id_prefix: str = "") -> Markup:
    """The "what changed" fragment for ``diff``, its ids prefixed with ``id_prefix``."""
    anchors = section_anchors(diff.sections, id_prefix)
    marks = Marks(words)
    parts = ['<div class="ps-changes">', _summary(diff, words, anchors, id_prefix)]
    if not diff.text_changed:
        # Nothing reads differently: the summary says so (and what else changed); the
        # text itself is on the version's page, not folded away under an empty redline.
        parts.append("</div>")
        return Markup("\n".join(parts))
    if any(change.status is not Status.UNCHANGED for change in diff.sections):
        # Only sections whose words changed read differently inline and side by side.
        parts.append(view_switch(words, id_prefix))
    parts.append('<div class="ps-redline">')
    for run in _runs(diff.sections):
        if is_quiet(run[0]):
            parts.append(_folded(run, anchors, words, marks))
        else:
            parts.extend(section_html(change, anchors[id(change)], words, marks) for change in run)
    parts.append("</div></div>")
    # Built from escaped text and markdown-it-py's inline HTML only.
    return Markup("\n".join(parts))


def _folded(
    run: list[SectionChange], anchors: dict[int, str], words: Messages, marks: Marks
) -> str:
    """Unchanged sections in a ``<details>``; on paper, a line saying how many are left out."""
    count = len(run)
    summary = words.plural("{count} unchanged section", "{count} unchanged sections", count)
    left_out = words.plural(
        "{count} unchanged section is not printed.",
        "{count} unchanged sections are not printed.",
        count,
    )
    inner = "\n".join(section_html(change, anchors[id(change)], words, marks) for change in run)
    return (
        f'<details class="ps-fold ps-unchanged"><summary>{_e(summary)}</summary>\n{inner}\n</details>\n'
        f'<p class="ps-print-only ps-left-out">{_e(left_out)}</p>'
    )


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
    return Markup(section_html(change, anchor, words, Marks(words)))


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
    """Consecutive sections grouped by whether they read as before (a new number aside)."""
    run: list[SectionChange] = []
    for change in sections:
        if run and is_quiet(run[0]) != is_quiet(change):
            yield run
            run = []
        run.append(change)
    if run:
        yield run


# -- summary ---------------------------------------------------------------------------


#: Front-matter keys every amendment changes, or that the page shows on its own: named in
#: the details, not on the summary's one line.
_ASIDE = frozenset({"effective", SUMMARY_KEY})


def _summary_line(diff: Diff, words: Messages) -> str:
    """The counts in words, on one line: "1 section changed and 1 section removed · 2 words
    inserted and 91 words deleted", then the front matter's other changes (a new title)."""
    parts = [words.items(count_lines(diff, words))] if diff.text_changed else []
    counted = word_counts(diff, words)
    if counted:
        parts.append(words.items(counted))
    if not diff.text_changed:
        parts.append(words("No changes to the text."))
    # Without a change to the text, the front matter's changes are all there is to say.
    shown = [c for c in diff.metadata if c.key not in _ASIDE or not diff.text_changed]
    parts += [describe_metadata(c, words) for c in shown]
    return " · ".join(parts)


def _summary(diff: Diff, words: Messages, anchors: dict[int, str], prefix: str) -> str:
    title_id = _e(f"{prefix}ps-summary-title")
    out = [
        f'<section class="ps-summary" aria-labelledby="{title_id}">',
        f'<h2 class="ps-summary__title" id="{title_id}">{_e(words("Summary of changes"))}</h2>',
        f'<p class="ps-summary__line{"" if diff.text_changed else " ps-no-change"}">'
        f"{_e(_summary_line(diff, words))}</p>",
    ]
    items: list[str] = []
    for group in summary_groups(diff, words):
        if not group.changes:
            continue
        links = "".join(
            f'<li><a href="#{_e(anchors[id(c)])}">{_e(section_label(c, words))}</a></li>'
            for c in group.changes
        )
        items.append(f"<li>{_e(group.heading)}<ul>{links}</ul></li>")
    quiet = renumbered_only(diff)
    if quiet:
        links = "".join(
            f'<li><a href="#{_e(anchors[id(c)])}">{_e(section_label(c, words))}</a> '
            f'<span class="ps-number-note">{_e(number_note(c))}</span></li>'
            for c in quiet
        )
        items.append(
            f'<li class="ps-quiet">{_e(renumbered_line(diff, words))}<ul>{links}</ul></li>'
        )
    items += [
        f'<li class="ps-metadata">{_e(describe_metadata(c, words))}</li>'
        for c in diff.metadata
        if c.key in _ASIDE and diff.text_changed
    ]
    if items:
        out.append(
            f'<details class="ps-fold ps-summary__sections"><summary>{_e(words("In detail"))}'
            f'</summary><ul class="ps-counts">{"".join(items)}</ul></details>'
        )
    note = coarse_note(diff, words)
    if note:
        out.append(f'<p class="ps-note">{_e(note)}</p>')
    out.append("</section>")
    return "\n".join(out)
