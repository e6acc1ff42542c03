"""Every page of the site as a :class:`PageSpec`, known before any page is made.

A spec says what a page is (its kind, address, policy and the versions or section it
shows) and whether MkDocs needs it for the language's navigation or search index. The
page itself is made from its spec only when it has to be (``generator.site.page_for``):
a rebuild that finds a page's inputs unchanged (:mod:`generator.site.inputs`) never makes
it. The specs come from the timelines, in the order the pages of a policy are built; the
addresses (:mod:`generator.site.page_addresses`) and the parts (:mod:`generator.site.parts`)
are read from them, and a test compares them with the pages a whole model holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.base import urls
from generator.base.urls import PageKind
from generator.site.compare import comparisons
from generator.site.context import SiteContext
from generator.site.corrections import correction_url
from generator.site.sections import section_sketches
from generator.versions import Status


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One page before it is made."""

    url: str
    """Its address inside its language's folder ("" for the language's home)."""
    kind: PageKind
    """What kind of page it is."""
    lang: str
    """Its language."""
    policy: str = ""
    """The policy it belongs to ("" for the language's own pages)."""
    dates: tuple[dt.date, ...] = ()
    """The versions it shows: a version page and a ``since/`` page their own version's
    date, a changes or a comparison page the older and the newer version's."""
    section: str = ""
    """A section history page: the section's id (the page's address)."""
    commit: str = ""
    """A correction's page: the commit that made the correction."""
    group: str = ""
    """A group's what's new page: the group's slug."""
    in_nav: bool = False
    """Listed in the navigation (MkDocs builds every page's menu from these)."""
    in_search: bool = False
    """Indexed by the language's search."""

    @property
    def source(self) -> str:
        """The Markdown file name MkDocs builds the page from (as ``Page.source``)."""
        return f"{self.url}index.md" if self.url else "index.md"


def _inside(lang: str, address: str) -> str:
    return address.removeprefix(f"{lang}/")


def policy_specs(site: SiteContext, policy: str, lang: str, *, main: bool = True) -> list[PageSpec]:
    """A policy's pages in one language (its page in force too, unless not ``main``), in
    the order :func:`generator.site.policy_pages` builds them."""
    timeline = site.timelines[(policy, lang)]
    reference = timeline.reference(site.as_of)

    def spec(address: str, kind: PageKind, *dates: dt.date, **more: object) -> PageSpec:
        return PageSpec(_inside(lang, address), kind, lang, policy, dates, **more)  # type: ignore[arg-type]

    found = [main_spec(site, policy, lang)] if main else []
    found.append(spec(urls.history(lang, policy), PageKind.HISTORY))
    for version in timeline.versions:
        day = version.effective_date
        upcoming = timeline.status(version, site.as_of) is Status.UPCOMING
        found.append(
            spec(urls.version(lang, policy, day), PageKind.VERSION, day, in_search=upcoming)
        )
        found += [
            spec(
                correction_url(version, lang, edit),
                PageKind.CORRECTION,
                day,
                commit=edit.revision.commit,
            )
            for edit in version.corrections
        ]
        previous = timeline.previous(version)
        if previous is not None:
            found.append(
                spec(
                    urls.changes(lang, policy, day), PageKind.CHANGES, previous.effective_date, day
                )
            )
        if reference is not None:
            found.append(spec(urls.since(lang, policy, day), PageKind.SINCE, day))
    if len(timeline.versions) >= 2:
        found.append(spec(urls.compare_index(lang, policy), PageKind.COMPARE_INDEX))
        limit = site.config.compare.all_pairs_up_to
        for old, new in comparisons(timeline, site.as_of, limit):
            first, second = old.effective_date, new.effective_date
            found.append(
                spec(urls.compare(lang, policy, first, second), PageKind.COMPARE, first, second)
            )
    found += [
        spec(
            urls.section_history(lang, policy, lineage.id),
            PageKind.SECTION_HISTORY,
            section=lineage.id,
        )
        for lineage in section_sketches(site, policy, lang)
    ]
    return found


def main_spec(site: SiteContext, policy: str, lang: str) -> PageSpec:
    """A policy's page in one language: the version in force (or the first one)."""
    timeline = site.timelines[(policy, lang)]
    shown = timeline.reference(site.as_of) or timeline.versions[0]
    in_force = timeline.status(shown, site.as_of) is Status.IN_FORCE
    return PageSpec(
        _inside(lang, urls.policy(lang, policy)),
        PageKind.POLICY,
        lang,
        policy,
        (shown.effective_date,),
        in_nav=True,
        in_search=in_force,
    )


def nav_title(site: SiteContext, spec: PageSpec) -> str:
    """The title of a page in the navigation (home, a policy's page, what's new), as its
    page has it: every page's menu shows it, so a part names a page it does not make."""
    if spec.kind is PageKind.HOME:
        return site.config.site_title(spec.lang)
    if spec.kind is PageKind.WHATS_NEW:
        return site.words(spec.lang)("What's new")
    assert spec.kind is PageKind.POLICY, spec
    timeline = site.timelines[(spec.policy, spec.lang)]
    return site.title(spec.policy, spec.lang, timeline.find(spec.dates[0]))


def home_spec(lang: str) -> PageSpec:
    """A language's home: the list of its policies."""
    return PageSpec("", PageKind.HOME, lang, in_nav=True, in_search=True)


def whats_new_specs(site: SiteContext, lang: str) -> list[PageSpec]:
    """The language's what's new page, then one per group."""
    found = [PageSpec(_inside(lang, urls.whats_new(lang)), PageKind.WHATS_NEW, lang, in_nav=True)]
    found += [
        PageSpec(
            _inside(lang, urls.whats_new(lang, g.slug)), PageKind.WHATS_NEW, lang, group=g.slug
        )
        for g in site.grouping.groups
    ]
    return found


def core_specs(site: SiteContext, lang: str) -> list[PageSpec]:
    """The pages every MkDocs build of ``lang`` is given, as its navigation and search
    index are made from them, in the order :func:`generator.site.core_pages` makes them:
    the home page, each policy's page, the what's new pages, then the announced versions."""
    policies = [p for p in site.policies if (p, lang) in site.timelines]
    found = [home_spec(lang)]
    found += [main_spec(site, policy, lang) for policy in policies]
    found += whats_new_specs(site, lang)
    found += [
        spec
        for policy in policies
        for spec in policy_specs(site, policy, lang, main=False)
        if spec.kind is PageKind.VERSION and spec.in_search
    ]
    return found


def language_specs(site: SiteContext, lang: str) -> list[PageSpec]:
    """Every page of one language, in the order its pages are built: the home page, each
    policy's pages, the what's new pages."""
    found = [home_spec(lang)]
    for policy in site.policies:
        if (policy, lang) in site.timelines:
            found += policy_specs(site, policy, lang)
    return found + whats_new_specs(site, lang)
