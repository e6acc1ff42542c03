"""Atom feeds of amendments, and the entries of the machine-readable files (``/api/``:
:mod:`generator.site.api` puts them together).

Pure functions of the timelines and the as-of date. Dates come from commits, never from the
clock; JSON keys and lists are sorted so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any
from xml.sax.saxutils import escape

from generator.base import urls
from generator.base.languages import language_tag
from generator.base.visible import visible
from generator.history import Revision
from generator.site.amendments import change_counts, policy_amendments
from generator.site.atom import xml_attr as _attr
from generator.site.atom import xml_stamp as _stamp
from generator.site.atom import xml_text as _xml
from generator.site.compare import comparisons
from generator.site.context import (
    SiteContext,
    commit_title_fields,
    rebase_links,
    source_sha256,
    summary_html,
    summary_of,
)
from generator.site.corrections import correction_url
from generator.site.groups import Group
from generator.site.model import OutputFile
from generator.site.record_pages import replaced_json, replaced_sentences, replacements
from generator.site.records import Amendment, AmendmentKind
from generator.site.sections import section_sketches
from generator.site.standing_json import standing_json
from generator.site.translation_feed import untranslated, untranslated_entry
from generator.versions import Timeline, Version, Withdrawal


def html_safe_json(document: object) -> str:
    """Stable JSON (sorted keys) in which ``<``, ``>`` and ``&`` are written as ``\\u`` escapes:
    the same data, and safe even where a page embeds it."""
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def _entry(site: SiteContext, timeline: Timeline, version: Version) -> tuple[dt.datetime, str]:
    lang, policy = timeline.lang, timeline.policy
    words = site.words(lang)
    page = urls.version(lang, policy, version.effective_date)
    first = timeline.previous(version) is None
    changes = page if first else urls.changes(lang, policy, version.effective_date)
    updated = version.last_change.revision.committed
    day = words.date(version.effective_date)
    heading = words("{policy}: version of {date}", policy=site.title(policy, lang), date=day)
    if first:
        summary = words("First published version, effective {date}.", date=day)
    else:
        summary = words("A new version takes effect on {date}.", date=day)
    # Full addresses: a feed reader shows the summary away from the site.
    plain = summary_html(version, public=site.config.public_url)
    summary = words.space.join(
        [summary, *replaced_sentences(site, lang, replacements(site, timeline, version))]
    )
    if plain is None:
        summary_xml = f"    <summary>{_xml(summary)}</summary>\n"
    else:
        # The plain-language summary as HTML (escaped once more, as Atom wants it).
        summary_xml = (
            f'    <summary type="html">{_xml(f"<p>{escape(summary)}</p>{plain}")}</summary>\n'
        )
    public = site.config.public_url
    xml = (
        "  <entry>\n"
        f"    <id>{_xml(public(page))}</id>\n"
        f"    <title>{_xml(heading)}</title>\n"
        f"    <updated>{_stamp(updated)}</updated>\n"
        f"    <published>{_stamp(version.adopted.committed)}</published>\n"
        f'    <link rel="alternate" type="text/html" href={_attr(public(changes))}/>\n'
        + _category(site, policy, lang)
        + summary_xml
        + "  </entry>\n"
    )
    return updated, xml


def _category(site: SiteContext, policy: str, lang: str) -> str:
    """The policy's group as the entry's Atom category ("" when it has none)."""
    return group_category(site, site.grouping.group(policy), lang)


def group_category(site: SiteContext, group: Group | None, lang: str) -> str:
    """``group`` as an Atom entry's category ("" for none)."""
    if group is None:
        return ""
    label = group.title(lang, site.default)
    return f"    <category term={_attr(group.slug)} label={_attr(label)}/>\n"


def record_entry(
    site: SiteContext, record: Amendment, group: Group | None
) -> tuple[dt.datetime, str]:
    """A feed entry made from an amendment's record (and its ``group``) alone: the group
    feeds'."""
    words = site.words(record.lang)
    public = site.config.public_url
    day = words.date(record.effective_date)
    if record.kind is AmendmentKind.CORRECTION:
        heading = words(
            "{policy}: correction of the version of {date}", policy=record.title, date=day
        )
        entry_id = f"{public(record.version_url)}#correction-{record.commit}"
    else:
        heading = words("{policy}: version of {date}", policy=record.title, date=day)
        entry_id = public(record.version_url)
    text = words.items(list(record.counts)) if record.counts else ""
    summary = f"<p>{escape(text)}</p>" if text else ""
    if record.summary is not None:
        summary += str(
            rebase_links(record.summary, record.policy_url, "", public, record.version_url)
        )
    xml = (
        "  <entry>\n"
        f"    <id>{_xml(entry_id)}</id>\n"
        f"    <title>{_xml(heading)}</title>\n"
        f"    <updated>{_stamp(record.committed)}</updated>\n"
        f'    <link rel="alternate" type="text/html" href={_attr(public(record.changes_url))}/>\n'
        + group_category(site, group, record.lang)
        + (f'    <summary type="html">{_xml(summary)}</summary>\n' if summary else "")
        + "  </entry>\n"
    )
    return record.committed, xml


def _withdrawal_entry(
    site: SiteContext, timeline: Timeline, gone: Withdrawal
) -> tuple[dt.datetime, str]:
    lang, policy = timeline.lang, timeline.policy
    words = site.words(lang)
    public = site.config.public_url
    day = words.date(gone.day)
    title = site.title(policy, lang)
    if timeline.discontinued and gone is timeline.withdrawal:
        heading = words("{policy}: translation discontinued on {date}", policy=title, date=day)
        summary = words("This translation is no longer kept up; the policy still applies.")
    else:
        heading = words("{policy}: withdrawn on {date}", policy=title, date=day)
        summary = words("This policy was withdrawn on {date}", date=day) + "."
    moment = gone.removal.committed
    xml = (
        "  <entry>\n"
        f"    <id>{_xml(public(urls.history(lang, policy)))}#withdrawn-{gone.day}</id>\n"
        f"    <title>{_xml(heading)}</title>\n"
        f"    <updated>{_stamp(moment)}</updated>\n"
        f"    <published>{_stamp(moment)}</published>\n"
        f'    <link rel="alternate" type="text/html" href={_attr(public(urls.history(lang, policy)))}/>\n'
        f"    <summary>{_xml(summary)}</summary>\n"
        "  </entry>\n"
    )
    return moment, xml


def _entries(site: SiteContext, timeline: Timeline) -> list[tuple[dt.datetime, str]]:
    entries = [_entry(site, timeline, v) for v in timeline.versions]
    category = _category(site, timeline.policy, timeline.lang)
    entries += [
        untranslated_entry(site, timeline, v, category) for v in untranslated(site, timeline)
    ]
    entries += [
        _withdrawal_entry(site, timeline, gone)
        for gone in timeline.withdrawals
        if gone.day <= site.as_of
    ]
    # Each correction that changed the words, as the group feeds and what's new list it.
    group = site.grouping.group(timeline.policy)
    entries += [
        record_entry(site, record, group)
        for record in policy_amendments(site, timeline.policy, timeline.lang)
        if record.kind is AmendmentKind.CORRECTION
    ]
    return entries


def feed_file(
    site: SiteContext,
    lang: str,
    path: str,
    title: str,
    entries: list[tuple[dt.datetime, str]],
    page: str = "",
) -> OutputFile:
    """An Atom feed of ``entries`` (newest first) at ``path``, for the page at ``page``
    (the feed's folder when not given)."""
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    updated = entries[0][0] if entries else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    page = page or path.rsplit("/", 1)[0] + "/"
    public = site.config.public_url
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language_tag(lang)}">\n'
        f"  <id>{_xml(public(path))}</id>\n"
        f"  <title>{_xml(title)}</title>\n"
        f"  <updated>{_stamp(updated)}</updated>\n"
        f'  <link rel="self" type="application/atom+xml" href={_attr(public(path))}/>\n'
        f'  <link rel="alternate" type="text/html" href={_attr(public(page))}/>\n'
        f"  <author><name>{_xml(site.config.site_title(lang))}</name></author>\n"
        + "".join(xml for _, xml in entries)
        + "</feed>\n"
    )
    return OutputFile(path, xml.encode("utf-8"))


def atom_feeds(site: SiteContext) -> list[OutputFile]:
    """``/<lang>/feed.xml`` (all policies) and ``/<lang>/<policy>/feed.xml``."""
    files = []
    for lang in site.config.language_codes:
        everything: list[tuple[dt.datetime, str]] = []
        for (policy, tl_lang), timeline in sorted(site.timelines.items()):
            if tl_lang != lang:
                continue
            entries = _entries(site, timeline)
            everything.extend(entries)
            title = site.title(policy, lang)
            feed = feed_file(site, lang, urls.feed(lang, policy), title, entries)
            files.append(replace(feed, owner=policy))
        title = site.config.site_title(lang)
        files.append(feed_file(site, lang, urls.feed(lang), title, everything))
    return files


def _changes_json(site: SiteContext, timeline: Timeline, version: Version) -> dict[str, Any]:
    """What the version changed, counted from the version before as first published (its
    corrections included: no edit is hidden), and each correction's own page and counts."""
    lang = timeline.lang
    public = site.config.public_url
    counts = change_counts(site, timeline.policy, lang)
    return {
        "change_counts": counts.get((version.slug, "")),
        "corrections": [
            {
                "sha": edit.revision.commit,
                "url": public(correction_url(version, lang, edit)),
                "change_counts": counts[(version.slug, edit.revision.commit)],
            }
            for edit in version.corrections
        ],
    }


def _version_json(site: SiteContext, timeline: Timeline, version: Version) -> dict[str, Any]:
    lang, policy, day = timeline.lang, timeline.policy, version.effective_date
    public = site.config.public_url
    source = version.edits[-1].revision
    plain = summary_html(version)
    pdf = site.pdf(version, lang)
    # Only sites that publish PDFs list them (None for a PDF that could not be made).
    printed = (
        {"pdf_url": public(pdf[0]) if pdf else None, "pdf_sha256": pdf[1] if pdf else None}
        if site.config.pdf
        else {}
    )
    return {
        **printed,
        **_changes_json(site, timeline, version),
        "summary": summary_of(version.facts),
        "summary_html": str(plain) if plain is not None else None,
        "commit": version.adopted.commit,
        "source_url": public(urls.source(lang, policy, day)),
        "sha256": source_sha256(version),
        "source_commit": source.commit,
        "source_path": visible(source.path),
        "effective_date": version.slug,
        **standing_json(site, timeline, version),
        "url": public(urls.version(lang, policy, day)),
        "changes_url": public(urls.changes(lang, policy, day))
        if timeline.previous(version)
        else None,
        "replaced": replaced_json(site, timeline, version),
        "commits": [
            {
                "sha": e.revision.commit,
                "committed": _stamp(e.revision.committed),
                "message": e.revision.message,
                "correction": n > 0,
                **_title_json(site, e.revision),
            }
            for n, e in enumerate((version.edits[0], *version.corrections))
        ],
    }


def _title_json(site: SiteContext, revision: Revision) -> dict[str, Any]:
    """A commit's title (a merged pull request's) and the request's number and page."""
    fields = commit_title_fields(site, revision)
    return {
        "title": fields["message"],
        "pull_request": fields["request"] or None,
        "pull_request_url": fields["request_href"] or None,
    }


def _reader_json(site: SiteContext, timeline: Timeline) -> dict[str, Any]:
    """The comparisons on offer and each section's history page."""
    lang, policy = timeline.lang, timeline.policy
    public = site.config.public_url
    pairs = comparisons(timeline, site.as_of, site.config.compare.all_pairs_up_to)
    return {
        "compare_url": public(urls.compare_index(lang, policy)) if pairs else None,
        "comparisons": [
            {
                "from": old.slug,
                "to": new.slug,
                "url": public(urls.compare(lang, policy, old.effective_date, new.effective_date)),
            }
            for old, new in pairs
        ],
        "sections": [
            {
                "id": lineage.id,
                "heading": lineage.label,
                "url": public(urls.section_history(lang, policy, lineage.id)),
                "former_ids": sorted(lineage.aliases),
                "changed_in": [version for _previous, version, _anchor in lineage.steps],
            }
            for lineage in sorted(section_sketches(site, policy, lang), key=lambda found: found.id)
        ],
    }
