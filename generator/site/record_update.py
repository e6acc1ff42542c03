"""The record this build publishes: the previous one, carried forward with what it adds.

Pure: a function of the site context (timelines, as-of day, PDFs made, groups) and the
previous record it carries (:attr:`SiteContext.record`). Every entry of the previous record
stays: a version published again keeps its first day and gains the texts a correction
added; one postponed notes its new date; one that left the history (the build was
accepted) is withdrawn from the record with the day and the reason, and a text the
history no longer gives moves to the version's replaced texts, with its SHA-256.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from generator.base import urls
from generator.site.compare import comparisons
from generator.site.context import SiteContext
from generator.site.record import (
    Gone,
    PolicyAddresses,
    Published,
    Record,
    Replaced,
    Text,
)
from generator.site.record_findings import by_id, locate, text_sha256
from generator.site.sections import section_sketches
from generator.versions import Timeline, Version


def _reason(site: SiteContext) -> str:
    return site.record.reason or ""


def sub_pages(site: SiteContext, timeline: Timeline, version: Version) -> tuple[str, ...]:
    """The addresses this build publishes under a version's own."""
    found = [urls.SOURCE]
    if timeline.previous(version) is not None:
        found.append(urls.changes(timeline.lang, timeline.policy, version.effective_date))
    if timeline.reference(site.as_of) is not None:
        found.append(urls.since(timeline.lang, timeline.policy, version.effective_date))
    if site.pdf(version, timeline.lang) is not None:
        found.append(urls.pdf_name(timeline.lang, timeline.policy, version.effective_date))
    folder = urls.version(timeline.lang, timeline.policy, version.effective_date)
    return tuple(page.removeprefix(folder).rstrip("/") for page in found)


def version_entry(site: SiteContext, timeline: Timeline, version: Version) -> Published:
    """The record's entry for a version this build publishes."""
    source = version.edits[-1].revision
    now = Text(text_sha256(source), source.commit, source.path, site.as_of)
    pages = sub_pages(site, timeline, version)
    before = (
        site.record.previous.find(timeline.policy, timeline.lang, version.effective_date)
        if site.record.previous
        else None
    )
    if before is None:
        return Published(
            timeline.policy, timeline.lang, version.effective_date, site.as_of, now, pages=pages
        )
    held = {text_sha256(edit.revision) for edit in version.edits}
    earlier, replaced = [], list(before.replaced)
    for text in (*before.earlier, before.text):
        if text.sha256 == now.sha256:
            now = dataclasses.replace(now, published=min(now.published, text.published))
        elif text.sha256 in held:
            earlier.append(text)
        else:
            replaced.append(Replaced(text, site.as_of, _reason(site)))
    kept = [page for page in before.pages if not page.endswith(urls.PDF_SUFFIX) or site.config.pdf]
    return Published(
        timeline.policy,
        timeline.lang,
        version.effective_date,
        before.first_published,
        now,
        tuple(earlier),
        tuple(replaced),
        tuple(sorted({*pages, *kept})),
    )


def _carried(
    site: SiteContext, entry: Published, ids: dict[tuple[str, str], Timeline]
) -> Published:
    """An entry of the previous record that this build does not publish again."""
    found = locate(ids, entry)
    if found is None:
        gone = entry.gone or Gone(site.as_of, _reason(site))
        return dataclasses.replace(entry, gone=gone, postponed_to=None)
    if found.version is not None:
        # Published under a former id: the renamed policy's redirects serve it.
        return dataclasses.replace(entry, gone=None)
    return dataclasses.replace(entry, gone=None, postponed_to=found.new_date)


def next_versions(site: SiteContext) -> list[Published]:
    """Every entry of the record this build publishes."""
    published = set(site.config.language_codes)
    entries: dict[tuple[str, str, dt.date], Published] = {}
    for (_policy, lang), timeline in sorted(site.timelines.items()):
        if lang in published:
            for version in timeline.versions:
                if not version.is_draft:
                    entry = version_entry(site, timeline, version)
                    entries[entry.key] = entry
    previous = site.record.previous
    ids = by_id(site.timelines)
    for entry in previous.versions if previous else ():
        if entry.key not in entries:
            entries[entry.key] = _carried(site, entry, ids) if entry.lang in published else entry
    return [entries[key] for key in sorted(entries)]


def _addresses(site: SiteContext) -> dict[tuple[str, str], PolicyAddresses]:
    previous = site.record.previous
    found = dict(previous.addresses) if previous else {}
    limit = site.config.compare.all_pairs_up_to
    for (policy, lang), timeline in sorted(site.timelines.items()):
        if lang not in site.config.language_codes:
            continue
        before = found.get((policy, lang), PolicyAddresses())
        pairs = {
            (old.effective_date, new.effective_date)
            for old, new in comparisons(timeline, site.as_of, limit)
        }
        sections = {lineage.id for lineage in section_sketches(site, policy, lang)}
        found[(policy, lang)] = PolicyAddresses(
            before.comparisons | pairs, before.sections | sections
        )
    return found


def next_record(site: SiteContext) -> Record:
    """The record this build publishes."""
    previous = site.record.previous
    groups = dict(previous.groups) if previous else {}
    groups.update({group.slug: group.id for group in site.grouping.groups})
    return Record(site.as_of, tuple(next_versions(site)), _addresses(site), groups)
