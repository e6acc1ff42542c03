"""A language's "what's new" pages and group feeds, made from :class:`Amendment` records only.

``/<lang>/changes/`` lists every amendment across policies, upcoming changes first, then
by month, newest first; ``/<lang>/changes/<group>/`` shows one group's (the filter works
by links, without scripts), and ``/<lang>/changes/<group>/feed.xml`` is that group's Atom
feed. Nothing here reads a timeline or a page body: the records
(:func:`generator.site.amendments.amendments`) and the groups are all it needs (the
:class:`SiteContext` gives only the configuration, the site's words and the templates).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from generator.base import urls
from generator.base.urls import PageKind, relative
from generator.site.context import SiteContext, rebase_links, redirect_file
from generator.site.feeds import feed_file, record_entry
from generator.site.groups import Group
from generator.site.model import (
    FilterLink,
    Link,
    OutputFile,
    Page,
    WhatsNewEntry,
    WhatsNewMonth,
)
from generator.site.records import Amendment, AmendmentKind


def _what(site: SiteContext, record: Amendment) -> str:
    """What happened and when, in one sentence."""
    words = site.words(record.lang)
    day = words.date(record.effective_date)
    if record.kind is AmendmentKind.CORRECTION:
        return words(
            "Correction of the version of {date}, made on {day}.",
            date=day,
            day=words.date(record.day),
        )
    if record.kind is AmendmentKind.FIRST:
        return words("First published version, effective {date}.", date=day)
    if record.upcoming:
        return words("A new version takes effect on {date}.", date=day)
    return words("A new version took effect on {date}.", date=day)


def _changes_text(site: SiteContext, record: Amendment) -> str:
    words = site.words(record.lang)
    if record.kind is AmendmentKind.CORRECTION:
        return words("What this correction changed")
    if record.kind is AmendmentKind.FIRST:
        return words("Read this version")
    return words("What changed in this version")


def _entry(
    site: SiteContext, record: Amendment, here: str, groups: Sequence[Group]
) -> WhatsNewEntry:
    words = site.words(record.lang)
    group = next((g for g in groups if g.id == record.group), None)
    summary = record.summary
    if summary is not None:
        summary = rebase_links(summary, record.policy_url, here, anchors=record.version_url)
    return WhatsNewEntry(
        title=record.title,
        href=relative(here, record.policy_url),
        group=Link(
            relative(here, urls.whats_new(record.lang, group.slug)),
            group.title(record.lang, site.default),
        )
        if group
        else None,
        what=_what(site, record),
        summary=summary,
        counts=words.items(list(record.counts)),
        changes=Link(relative(here, record.changes_url), _changes_text(site, record)),
    )


def _order(records: Sequence[Amendment]) -> list[Amendment]:
    """Upcoming changes first (the soonest first), then the newest first; records of one
    day keep their given (policy) order."""
    upcoming = sorted(
        (r for r in records if r.upcoming and r.kind is not AmendmentKind.CORRECTION),
        key=lambda r: r.day,
    )
    rest = [r for r in records if r not in upcoming]
    return upcoming + sorted(rest, key=lambda r: (r.day, r.committed), reverse=True)


def _months(
    site: SiteContext,
    lang: str,
    records: Sequence[Amendment],
    here: str,
    groups: Sequence[Group],
) -> list[WhatsNewMonth]:
    words = site.words(lang)

    def heading(record: Amendment) -> tuple[str, str]:
        if record.upcoming and record.kind is not AmendmentKind.CORRECTION:
            return "upcoming", words("Upcoming changes")
        return f"m{record.day:%Y-%m}", words.month(record.day)

    return [
        WhatsNewMonth(key[0], key[1], tuple(_entry(site, r, here, groups) for r in found))
        for key, found in itertools.groupby(_order(records), key=heading)
    ]


def whats_new_page(
    site: SiteContext,
    lang: str,
    records: Sequence[Amendment],
    groups: Sequence[Group],
    group: Group | None,
) -> Page:
    """The what's new page of ``lang`` listing ``records`` (every group's, or, with
    ``group``, that group's own)."""
    words = site.words(lang)
    here = urls.whats_new(lang, group.slug if group else "")
    filters = [
        FilterLink(relative(here, urls.whats_new(lang)), words("All policies"), group is None)
    ]
    filters += [
        FilterLink(
            relative(here, urls.whats_new(lang, g.slug)), g.title(lang, site.default), g == group
        )
        for g in groups
    ]
    title = (
        words("What's new: {group}", group=group.title(lang, site.default))
        if group
        else words("What's new")
    )
    feed = urls.group_feed(lang, group.slug) if group else urls.feed(lang)
    body = site.render(
        "whats_new.html",
        lang,
        title=title,
        filters=filters if groups else [],
        months=_months(site, lang, records, here, groups),
        feed=relative(here, feed),
    )
    return Page(
        url=here.split("/", 1)[1],
        title=title,
        body=body,
        kind=PageKind.WHATS_NEW,
        in_nav=group is None,
    )


def whats_new_pages(
    site: SiteContext, lang: str, records: Sequence[Amendment], groups: Sequence[Group]
) -> list[Page]:
    """The what's new page of ``lang``, then one per group (the filter's choices)."""
    pages = [whats_new_page(site, lang, records, groups, None)]
    for group in groups:
        own = [r for r in records if r.group == group.id]
        pages.append(whats_new_page(site, lang, own, groups, group))
    return pages


def group_feeds(
    site: SiteContext, lang: str, records: Sequence[Amendment], groups: Sequence[Group]
) -> list[OutputFile]:
    """One Atom feed per group: its amendments, newest first."""
    files = []
    for group in groups:
        entries = [record_entry(site, r, group) for r in records if r.group == group.id]
        title = f"{site.config.site_title(lang)}: {group.title(lang, site.default)}"
        path = urls.group_feed(lang, group.slug)
        files.append(
            feed_file(site, lang, path, title, entries, page=urls.whats_new(lang, group.slug))
        )
    return files


def former_group_files(
    site: SiteContext, lang: str, former: Sequence[str], files: Sequence[OutputFile]
) -> list[OutputFile]:
    """At each former group's addresses (``former`` are slugs): a page that leads on to the
    what's new page of every group, and, as feed readers follow no such page, the feed of
    every amendment."""
    feed = next((f.content for f in files if f.path == urls.feed(lang)), None)
    made = []
    for group in former:
        title = site.words(lang)("What's new")
        made.append(
            redirect_file(site, urls.whats_new(lang, group), urls.whats_new(lang), "", lang, title)
        )
        if feed is not None:
            made.append(OutputFile(urls.group_feed(lang, group), feed))
    return made
