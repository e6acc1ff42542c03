"""Back and forth between versions: the previous and next version of a version page, and
the previous and next amendment of a changes page."""

from __future__ import annotations

from dataclasses import dataclass

from generator.base import urls
from generator.base.urls import relative
from generator.site.context import SiteContext
from generator.site.model import Link
from generator.versions import Version


@dataclass(frozen=True, slots=True)
class Pager:
    """The links of a page's ``<nav>`` between versions or amendments."""

    label: str
    """The navigation's accessible name."""
    previous: Link | None
    """The version (or amendment) before, when there is one."""
    middle: Link | None
    """Between the two: the version's changes, or the version an amendment made."""
    next: Link | None
    """The version (or amendment) after, when there is one."""


def version_pager(site: SiteContext, version: Version, lang: str, here: str) -> Pager:
    """On a version's page: the previous and next versions and what this one changed."""
    words = site.words(lang)
    timeline = site.timelines[(version.policy, lang)]

    def page(other: Version | None) -> Link | None:
        if other is None:
            return None
        address = urls.version(lang, other.policy, other.effective_date)
        return Link(
            relative(here, address),
            words("Version of {date}", date=words.date(other.effective_date)),
        )

    before = timeline.previous(version)
    changes = None
    if before is not None:
        address = urls.changes(lang, version.policy, version.effective_date)
        changes = Link(relative(here, address), words("What changed in this version"))
    return Pager(words("Other versions"), page(before), changes, page(timeline.next(version)))


def changes_pager(site: SiteContext, version: Version, lang: str, here: str) -> Pager:
    """On a version's changes page: the amendments before and after it."""
    words = site.words(lang)
    timeline = site.timelines[(version.policy, lang)]

    def amendment(other: Version | None) -> Link | None:
        if other is None or timeline.previous(other) is None:
            return None  # the first version changed nothing: it has no changes page
        address = urls.changes(lang, other.policy, other.effective_date)
        return Link(
            relative(here, address),
            words("What changed on {date}", date=words.date(other.effective_date)),
        )

    # The two versions compared are linked above the redline already.
    return Pager(
        words("Other amendments"),
        amendment(timeline.previous(version)),
        None,
        amendment(timeline.next(version)),
    )
