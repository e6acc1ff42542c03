"""A correction's own page: what one commit that kept a version's effective date changed in
its text (``<lang>/<policy>/<date>/corrections/<commit>/``), linked from the version's page
and the history, so that no edit is hidden and none is repeated in full on the history page.
"""

from __future__ import annotations

from generator.base import urls
from generator.base.urls import PageKind, relative
from generator.site.changes import print_heading
from generator.site.context import SiteContext, rebase_links
from generator.site.model import Link, Page
from generator.site.notices import draft_notices
from generator.versions import Edit, Version


def correction_url(version: Version, lang: str, edit: Edit) -> str:
    """The address of the page of what ``edit`` (a correction of ``version``) changed."""
    return urls.correction(lang, version.policy, version.slug, edit.revision.commit)


def correction_links(site: SiteContext, version: Version, lang: str, here: str) -> list[Link]:
    """For each correction of ``version``: "Corrected on 10 February 2024: what changed",
    leading to its page."""
    words = site.words(lang)
    return [
        Link(
            relative(here, correction_url(version, lang, edit)),
            words("Corrected on {date}: what changed", date=words.date(edit.revision.day)),
        )
        for edit in version.corrections
    ]


def correction_pages(site: SiteContext, version: Version, lang: str) -> list[Page]:
    """One page per correction of ``version``: its redline, from the text just before it."""
    return [
        _correction_page(site, version, lang, before, edit)
        for before, edit in zip(version.edits, version.edits[1:], strict=False)
        if not edit.formatting
    ]


def _correction_page(
    site: SiteContext, version: Version, lang: str, before: Edit, edit: Edit
) -> Page:
    words = site.words(lang)
    policy, revision = version.policy, edit.revision
    here = correction_url(version, lang, edit)
    date = words.date(version.effective_date)
    heading = words("Correction of the version of {date}", date=date)
    intro = words(
        "What the correction made on {day} (commit {commit}) changed in the version of {date}.",
        day=words.date(revision.day),
        commit=revision.short or words("uncommitted"),
        date=date,
    )
    links = [
        Link(
            relative(here, urls.version(lang, policy, version.slug)),
            words("Version of {date}", date=date),
        ),
        Link(relative(here, urls.history(lang, policy)), words("Version history")),
    ]
    body = site.render(
        "changes.html",
        lang,
        heading=heading,
        print_heading=print_heading(site, (version, version), lang),
        intro=intro,
        links=links,
        notices=draft_notices(site, policy, lang, here, (version,) if not revision.commit else ()),
        summary=None,
        pager=None,
        pickers=None,
        redline=rebase_links(
            site.diffs.redline(before.document, edit.document, words),
            urls.policy(lang, policy),
            here,
        ),
    )
    return Page(
        url=here.split("/", 1)[1],
        title=f"{site.title(policy, lang, version)} — {heading}",
        body=body,
        kind=PageKind.CORRECTION,
        policy=policy,
    )
