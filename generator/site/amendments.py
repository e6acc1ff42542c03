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
from generator.site.records import Amendment, AmendmentKind
from generator.versions import Edit, Timeline, Version


def _commit_day(site: SiteContext, revision: Revision) -> dt.date:
    """The day ``revision`` was committed, in the site's timezone."""
    return site.config.local_day(revision.committed)


def _counts(
    site: SiteContext, old: Edit | Version, new: Edit | Version, lang: str
) -> tuple[str, ...]:
    return site.diffs.counts(old.document, new.document, site.words(lang))


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
        if _commit_day(site, revision) < day or before.facts.reading == edit.facts.reading:
            continue
        found.append(
            Amendment(
                policy=policy,
                lang=lang,
                group=group,
                title=site.title(policy, lang),
                kind=AmendmentKind.CORRECTION,
                effective_date=day,
                day=_commit_day(site, revision),
                upcoming=day > site.as_of,
                summary=None,
                counts=_counts(site, before, edit, lang),
                policy_url=urls.policy(lang, policy),
                version_url=urls.version(lang, policy, day),
                changes_url=f"{urls.history(lang, policy)}#v{version.slug}",
                commit=revision.commit,
                committed=revision.committed,
            )
        )
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
    return found


def amendments(site: SiteContext, lang: str) -> list[Amendment]:
    """Every amendment of every policy in ``lang``: each version, and each correction that
    changed the text, in a stable order (policy, then commit order)."""
    found: list[Amendment] = []
    for policy in site.policies:
        if (policy, lang) in site.timelines:
            found += policy_amendments(site, policy, lang)
    return found
