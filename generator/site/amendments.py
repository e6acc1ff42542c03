"""Every amendment of one language as a small record: what the "what's new" page and the
group feeds are made from.

An :class:`Amendment` holds only what those pages show (policy, group, dates, the summary
and the links), never a page body, so that a build made in parts can keep the records of
each part and make the language-wide pages from them alone
(:func:`generator.site.whats_new.whats_new_pages`, :func:`~generator.site.whats_new.group_feeds`).
"""

from __future__ import annotations

import datetime as dt

from generator.base import urls
from generator.history import Revision
from generator.site.context import SiteContext, summary_html, summary_of
from generator.site.corrections import correction_url
from generator.site.records import Amendment, AmendmentKind
from generator.versions import Edit, Timeline, Version


def _commit_day(site: SiteContext, revision: Revision) -> dt.date:
    """The day ``revision`` was committed, in the site's timezone."""
    return site.config.local_day(revision.committed)


def _counts(
    site: SiteContext, old: Edit | Version, new: Edit | Version, lang: str
) -> tuple[str, ...]:
    """What ``old`` → ``new`` changed, counted; a version is compared from its text as
    first published, so that its corrections are counted too."""
    before = old.as_published if isinstance(old, Version) else old.document
    return site.diffs.counts(before, new.document, site.words(lang))


def _version(site: SiteContext, timeline: Timeline, version: Version, group: str) -> Amendment:
    lang, policy, day = timeline.lang, timeline.policy, version.effective_date
    previous = timeline.previous(version)
    return Amendment(
        policy=policy,
        lang=lang,
        group=group,
        title=site.title(policy, lang),
        kind=AmendmentKind.FIRST if previous is None else AmendmentKind.VERSION,
        effective_date=day,
        day=day,
        upcoming=day > site.as_of,
        summary=summary_html(version),
        # The counts stand in for a missing summary only.
        counts=()
        if previous is None or summary_of(version.facts) is not None
        else _counts(site, previous, version, lang),
        policy_url=urls.policy(lang, policy),
        version_url=urls.version(lang, policy, day),
        changes_url=urls.version(lang, policy, day)
        if previous is None
        else urls.changes(lang, policy, day),
        commit=version.adopted.commit,
        committed=version.adopted.committed,
    )


def _corrections(
    site: SiteContext, timeline: Timeline, version: Version, group: str
) -> list[Amendment]:
    """The corrections of ``version`` that changed what a reader sees in force: a correction
    made before the version took effect is part of the text its own entry announces."""
    lang, policy, day = timeline.lang, timeline.policy, version.effective_date
    found = []
    for before, edit in zip(version.edits, version.edits[1:], strict=False):
        revision = edit.revision
        if (
            edit.formatting
            or _commit_day(site, revision) < day
            or before.facts.reading == edit.facts.reading
        ):
            continue
        found.append(
            Amendment(
                policy=policy,
                lang=lang,
                group=group,
                title=site.title(policy, lang),
                kind=AmendmentKind.CORRECTION,
                effective_date=day,
                day=revision.day,
                upcoming=day > site.as_of,
                summary=None,
                counts=_counts(site, before, edit, lang),
                policy_url=urls.policy(lang, policy),
                version_url=urls.version(lang, policy, day),
                changes_url=correction_url(version, lang, edit),
                commit=revision.commit,
                committed=revision.committed,
            )
        )
    return found


def change_counts(
    site: SiteContext, policy: str, lang: str
) -> dict[tuple[str, str], dict[str, int]]:
    """What each version of one policy in ``lang`` changed, from the version before as first
    published, by (version's date, ""), and what each correction changed, by (version's date,
    commit): the API's counts, worked out once per build with the amendment records (the
    same pairs, while their diffs are held)."""
    found = site.change_counts.get((policy, lang))
    if found is None:
        timeline = site.timelines[(policy, lang)]
        found = {}
        for version in timeline.versions:
            previous = timeline.previous(version)
            if previous is not None:
                found[(version.slug, "")] = site.diffs.numbers(
                    previous.as_published, version.document
                )
            for before, edit in zip(version.edits, version.edits[1:], strict=False):
                if edit.formatting:
                    continue
                numbers = site.diffs.numbers(before.document, edit.document)
                found[(version.slug, edit.revision.commit)] = numbers
        site.change_counts[(policy, lang)] = found
    return found


def policy_amendments(site: SiteContext, policy: str, lang: str) -> tuple[Amendment, ...]:
    """Every amendment of one policy in ``lang``, worked out once per build (the records
    are small; the diffs they are counted from are let go with the policy's others)."""
    found = site.amendments.get((policy, lang))
    if found is None:
        timeline = site.timelines[(policy, lang)]
        group = site.grouping.of.get(policy, "")
        records: list[Amendment] = []
        for version in timeline.versions:
            records.append(_version(site, timeline, version, group))
            records += _corrections(site, timeline, version, group)
        found = site.amendments[(policy, lang)] = tuple(records)
        change_counts(site, policy, lang)
    return found


def amendments(site: SiteContext, lang: str) -> list[Amendment]:
    """Every amendment of every policy in ``lang``: each version, and each correction that
    changed the text, in a stable order (policy, then commit order)."""
    found: list[Amendment] = []
    for policy in site.policies:
        if (policy, lang) in site.timelines:
            found += policy_amendments(site, policy, lang)
    return found
