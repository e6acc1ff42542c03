"""A section's own history: each section followed through every version, and its page.

``diff`` pairs the sections of consecutive versions (a renamed, renumbered or moved section
stays the same section), so following those pairs from the first version to the last gives
each section's lineage; a section removed and later added again with the same id continues
its own. A version changed a section when its changes page has something to say about it:
the section was edited, added, removed, renamed, moved or renumbered.

Addresses: ``history/<id>/`` with the section's id in the version in force or, for a section
not in it (removed, or only in an upcoming version), in the last version that has it. Every
other id the section ever had leads there too, through a small redirect, so a link made
before a rename keeps working; an id that another section has now leads to that section.
The text before the first heading has no id, and no history page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from generator.base import urls
from generator.base.cache import content_key
from generator.base.urls import PageKind, relative, unique
from generator.document import Section
from generator.render import render_section, section_anchors, view_switch
from generator.site.context import DiffCache, SiteContext, rebase_links, redirect_file
from generator.site.model import (
    Link,
    OutputFile,
    Page,
    SectionEntry,
    SectionItem,
)
from generator.site.records import LineageSketch, SectionLineage, SectionStep
from generator.versions import Timeline, Version


@dataclass(slots=True)
class _Line:
    """A lineage while it is followed."""

    appearances: list[tuple[Version, Section]] = field(default_factory=list)
    steps: list[SectionStep] = field(default_factory=list)


def _follow(timeline: Timeline, diffs: DiffCache) -> list[_Line]:
    """Every section's lineage, in the order they first appear."""
    first = timeline.versions[0]
    lines = [_Line([(first, section)]) for section in first.document.sections]
    live = dict(enumerate(lines))
    ended: dict[str, _Line] = {}
    for previous, version in zip(timeline.versions, timeline.versions[1:], strict=False):
        diff = diffs.between(previous.document, version.document)
        anchors = section_anchors(diff.sections)
        following: dict[int, _Line] = {}
        removed: dict[str, _Line] = {}
        for change in diff.sections:
            if change.old_index is not None:
                line = live[change.old_index]
            else:
                found = ended.pop(change.new.id, None) if change.new and change.new.id else None
                line = found or _Line()
                if found is None:
                    lines.append(line)
            if change.new_index is not None and change.new is not None:
                line.appearances.append((version, change.new))
                following[change.new_index] = line
            elif change.old is not None and change.old.id:
                removed[change.old.id] = line
            if not change.is_quiet:
                line.steps.append(SectionStep(previous, version, change, anchors[id(change)]))
        ended.update(removed)
        live = following
    return lines


def section_lineages(site: SiteContext, policy: str, lang: str) -> tuple[SectionLineage, ...]:
    """Every section of ``policy`` in ``lang`` that has a history page (computed once)."""
    key = (policy, lang)
    if key not in site.sections:
        site.sections[key] = _lineages(site, site.timelines[key])
    return site.sections[key]


def section_sketches(site: SiteContext, policy: str, lang: str) -> tuple[LineageSketch, ...]:
    """Every section of ``policy`` in ``lang`` that has a history page, sketched: from what
    this build knows, from the content cache (by the texts of every version and the version
    in force), or from the lineages, worked out once and let go with the policy's diffs."""
    found = cached_sketches(site, policy, lang)
    if found is None:
        timeline = site.timelines[(policy, lang)]
        found = tuple(_sketch(timeline, x) for x in section_lineages(site, policy, lang))
        if site.diffs.store is not None:
            site.diffs.store.save("sections", _sketches_key(site, timeline), found)
        site.sketches[(policy, lang)] = found
    return found


def cached_sketches(site: SiteContext, policy: str, lang: str) -> tuple[LineageSketch, ...] | None:
    """The sketches of ``policy`` in ``lang`` when this build or the content cache has them."""
    key = (policy, lang)
    found = site.sketches.get(key)
    store = site.diffs.store
    if found is None and store is not None:
        loaded = store.load("sections", _sketches_key(site, site.timelines[key]))
        if isinstance(loaded, tuple) and all(isinstance(x, LineageSketch) for x in loaded):
            found = site.sketches[key] = loaded
    return found


def _sketches_key(site: SiteContext, timeline: Timeline) -> str:
    """What a file's sketches depend on: every version's texts, and the version in force."""
    reference = timeline.reference(site.as_of)
    return content_key(
        "sections",
        timeline.policy,
        timeline.lang,
        reference.slug if reference else "",
        *(f"{v.slug}:{e.facts.digest}" for v in timeline.versions for e in v.edits),
    )


def _sketch(timeline: Timeline, lineage: SectionLineage) -> LineageSketch:
    gone = _removed_by(timeline, lineage)
    latest = timeline.latest.document.sections
    return LineageSketch(
        id=lineage.id,
        aliases=lineage.aliases,
        label=lineage.last.label,
        appearances=tuple((v.slug, s.id, s.label) for v, s in lineage.appearances),
        steps=tuple((step.previous.slug, step.version.slug, step.anchor) for step in lineage.steps),
        removed=gone.slug if gone else "",
        position=latest.index(lineage.last) if gone is None else -1,
    )


def _lineages(site: SiteContext, timeline: Timeline) -> tuple[SectionLineage, ...]:
    lines = _follow(timeline, site.diffs)
    reference = timeline.reference(site.as_of)
    position = {id(v): n for n, v in enumerate(timeline.versions)}

    def wanted(line: _Line) -> str:
        shown = [s.id for v, s in line.appearances if v is reference and s.id]
        named = [s.id for _v, s in line.appearances if s.id]
        return shown[0] if shown else (named[-1] if named else "")

    # Sections in force claim their ids first, then the most recently shown.
    order = sorted(
        range(len(lines)),
        key=lambda n: (
            not any(v is reference for v, _s in lines[n].appearances),
            -position[id(lines[n].appearances[-1][0])],
            n,
        ),
    )
    taken: set[str] = set()
    primary: dict[int, str] = {}
    for n in order:
        base = wanted(lines[n])
        if not base:
            continue
        primary[n] = unique(base, taken)
    aliases: dict[int, list[str]] = {n: [] for n in primary}
    for n in (n for n in order if n in primary):
        for _version, section in reversed(lines[n].appearances):
            if section.id and section.id not in taken:
                taken.add(section.id)
                aliases[n].append(section.id)
    return tuple(
        SectionLineage(primary[n], tuple(aliases[n]), tuple(line.appearances), tuple(line.steps))
        for n, line in enumerate(lines)
        if n in primary
    )


def history_ids(site: SiteContext, version: Version) -> dict[str, str]:
    """Each section id of ``version`` → the id of that section's history page."""
    found = {}
    for sketch in section_sketches(site, version.policy, version.lang):
        for day, section, _label in sketch.appearances:
            if day == version.slug and section:
                found[section] = sketch.id
    return found


_HEADING = re.compile(r'(<h([1-6]) id="([^"]+)">(.*?)</h\2>)', re.DOTALL)


def with_history_links(
    html: Markup, version: Version, site: SiteContext, here: str, lang: str
) -> Markup:
    """The policy text with a small "History of this section" link after each heading;
    its accessible name ends with the section's numbering and heading."""
    words = site.words(lang)
    ids = history_ids(site, version)
    labels = {section.id: section.label for section in version.document.sections}

    def add(match: re.Match[str]) -> str:
        section = match.group(3)
        if section not in ids:
            return match.group(1)
        href = relative(here, urls.section_history(lang, version.policy, ids[section]))
        # The accessible name starts with the visible words (WCAG 2.5.3) and names the section.
        name = words("History of this section: {section}", section=labels.get(section, ""))
        return (
            f'{match.group(1)}\n<p class="ps-section-history"><a href="{escape(href)}" '
            f'aria-label="{escape(name)}">{escape(words("History of this section"))}</a></p>'
        )

    # Trusted: markdown-it-py's HTML, and escaped text.
    return Markup(_HEADING.sub(add, html))


def _removed_by(timeline: Timeline, lineage: SectionLineage) -> Version | None:
    last = lineage.appearances[-1][0]
    return None if last is timeline.latest else timeline.next(last)


def section_items(site: SiteContext, policy: str, lang: str, here: str) -> list[SectionItem]:
    """Every section with a history page, for the version history's list, in the order of
    the latest text (removed sections after it, latest removal first)."""
    ranked = []
    for sketch in section_sketches(site, policy, lang):
        gone = dt.date.fromisoformat(sketch.removed) if sketch.removed else None
        item = SectionItem(
            relative(here, urls.section_history(lang, policy, sketch.id)), sketch.label, gone
        )
        where = sketch.position if gone is None else -gone.toordinal()
        ranked.append(((gone is not None, where), item))
    return [item for _rank, item in sorted(ranked, key=lambda pair: pair[0])]


def _entry(site: SiteContext, step: SectionStep, lang: str, here: str) -> SectionEntry:
    words = site.words(lang)
    policy, version = step.version.policy, step.version
    shown = step.change.new or step.change.old
    assert shown is not None
    text_at = version if step.change.new is not None else step.previous
    links = [
        Link(
            relative(here, urls.version(lang, policy, text_at.effective_date)) + f"#{shown.id}",
            words("Version of {date}", date=words.date(text_at.effective_date)),
        ),
        Link(
            relative(here, urls.changes(lang, policy, version.effective_date)) + f"#{step.anchor}",
            words("What changed in this version"),
        ),
    ]
    redline = render_section(step.change, words, f"s{version.slug}")
    return SectionEntry(
        version=version,
        status=site.standing(version, lang).status,
        links=tuple(links),
        redline=rebase_links(redline, urls.policy(lang, policy), here),
    )


def section_history_page(site: SiteContext, lineage: SectionLineage, lang: str) -> Page:
    """``history/<id>/``: every version that changed one section, newest first."""
    words = site.words(lang)
    first_version = lineage.appearances[0][0]
    policy = first_version.policy
    timeline = site.timelines[(policy, lang)]
    here = urls.section_history(lang, policy, lineage.id)
    label = lineage.last.label
    heading = words("History of the section “{section}”", section=label)
    links = []
    reference = timeline.reference(site.as_of)
    in_force = [s for v, s in lineage.appearances if v is reference]
    if in_force:
        links.append(
            Link(
                relative(here, urls.policy(lang, policy)) + f"#{in_force[0].id}",
                words("Read this section in the latest translation")
                if site.outdated(policy, lang)
                else words("Read this section in the current text"),
            )
        )
    links.append(Link(relative(here, urls.history(lang, policy)), words("Version history")))
    intro = [
        words("Every version that changed this section, newest first.")
        if lineage.steps
        else words("This section has not changed since it first appeared.")
    ]
    gone = _removed_by(timeline, lineage)
    if gone is not None:
        intro.append(
            words("It was removed by the version of {date}.", date=words.date(gone.effective_date))
        )
    former = sorted({s.label for _v, s in lineage.appearances} - {label})
    body = site.render(
        "section_history.html",
        lang,
        heading=heading,
        intro=words.space.join(intro),
        former=former,
        links=links,
        notices=[],
        switch=view_switch(words),
        entries=[_entry(site, step, lang, here) for step in reversed(lineage.steps)],
        origin=Link(
            relative(here, urls.version(lang, policy, first_version.effective_date)),
            words("Version of {date}", date=words.date(first_version.effective_date)),
        ),
    )
    return Page(
        url=here.split("/", 1)[1],
        title=f"{site.title(policy, lang)} — {heading}",
        body=body,
        kind=PageKind.SECTION_HISTORY,
        policy=policy,
    )


def section_pages(site: SiteContext, policy: str, lang: str) -> list[Page]:
    """A history page for every section the policy has or had in ``lang``."""
    return [
        section_history_page(site, lineage, lang)
        for lineage in section_lineages(site, policy, lang)
    ]


def section_redirects(site: SiteContext, policy: str, lang: str) -> list[OutputFile]:
    """A redirect from each earlier id of a section to its history page, for the ids
    whose page an earlier deployment published (its publication record says so)."""
    words = site.words(lang)
    previous = site.record.previous
    published = previous.of(policy, lang).sections if previous else frozenset()
    files = []
    lineages = section_sketches(site, policy, lang)
    for lineage in lineages:
        target = urls.section_history(lang, policy, lineage.id)
        title = words("History of the section “{section}”", section=lineage.label)
        files += [
            redirect_file(site, urls.section_history(lang, policy, alias), target, "", lang, title)
            for alias in lineage.aliases
            if alias in published
        ]
    # A section page published once that no section has now (the history was rewritten).
    known = {lineage.id for lineage in lineages} | {a for found in lineages for a in found.aliases}
    title = words("Version history")
    files += [
        redirect_file(
            site,
            urls.section_history(lang, policy, gone),
            urls.history(lang, policy),
            "",
            lang,
            title,
        )
        for gone in sorted(published - known)
    ]
    return files


def section_ids(site: SiteContext, policy: str, lang: str) -> Mapping[str, str]:
    """Every id with an address under ``history/`` → the id of the page it leads to."""
    found = {}
    for lineage in section_sketches(site, policy, lang):
        found[lineage.id] = lineage.id
        found.update(dict.fromkeys(lineage.aliases, lineage.id))
    return found
