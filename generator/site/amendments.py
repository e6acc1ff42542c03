"""Every amendment of one language as a small record: what the "what's new" page and the
group feeds are made from.

An :class:`Amendment` holds only what those pages show (policy, group, dates, the summary
and the links), never a page body, so that a build made in parts can keep the records of
each part and make the language-wide pages from them alone
(:func:`generator.site.whats_new.whats_new_pages`, :func:`~generator.site.whats_new.group_feeds`).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from markupsafe import Markup

from generator import urls
from generator.history import Revision
from generator.site.context import SiteContext, summary_html, summary_of
from generator.versions import Edit, Timeline, Version


class AmendmentKind(enum.StrEnum):
    """What an amendment did."""

    FIRST = "first"
    """The policy's first version: it was published."""
    VERSION = "version"
    """A new version, with a new effective date."""
    CORRECTION = "correction"
    """A correction of a version in force that changed the text a reader sees."""


@dataclass(frozen=True, slots=True)
class Amendment:
    """One amendment of one policy in one language, as the what's new page lists it."""

    policy: str
    """The policy's id."""
    lang: str
    """The language of the text."""
    group: str
    """The policy's group id ("" for none)."""
    title: str
    """The policy's name in ``lang``."""
    kind: AmendmentKind
    """First version, new version or correction."""
    effective_date: dt.date
    """The effective date of the version it made or corrected."""
    day: dt.date
    """The day it is listed under: the effective date, or, for a correction, the day it was
    committed (in the site's timezone)."""
    upcoming: bool
    """The version it made has not taken effect on the as-of day."""
    summary: Markup | None
    """The version's plain-language summary (markdown-it-py's HTML), its links written as
    from the policy's page; None without one (and for corrections)."""
    counts: tuple[str, ...]
    """The computed summary, translated ("3 sections changed", "1 section added"); empty
    for a first version and for a version with a summary."""
    policy_url: str
    """The policy's page, from the site root."""
    version_url: str
    """The version's page, from the site root."""
    changes_url: str
    """Its changes page (a first version's own page; a correction's place in the
    history), from the site root."""
    commit: str
    """The commit that made it."""
    committed: dt.datetime
    """When that commit was made (UTC)."""


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
        if previous is None or summary_of(version.document) is not None
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
            _commit_day(site, revision) < day
            or before.document.reading() == edit.document.reading()
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


def amendments(site: SiteContext, lang: str) -> list[Amendment]:
    """Every amendment of every policy in ``lang``: each version, and each correction that
    changed the text, in a stable order (policy, then commit order)."""
    found: list[Amendment] = []
    for policy in site.policies:
        timeline = site.timelines.get((policy, lang))
        if timeline is None:
            continue
        group = site.grouping.of.get(policy, "")
        for version in timeline.versions:
            found.append(_version(site, timeline, version, group))
            found += _corrections(site, timeline, version, group)
    return found
