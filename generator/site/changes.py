"""Redline pages: what changed from the previous version, and a version against the one in
force."""

from __future__ import annotations

from markupsafe import Markup

from generator.base import urls
from generator.base.urls import PageKind, relative
from generator.site.context import SiteContext, rebase_links, summary_html
from generator.site.model import Link, Page
from generator.site.notices import draft_notices
from generator.versions import Version


def _heading_and_intro(
    site: SiteContext, old: Version, new: Version, lang: str, kind: PageKind
) -> tuple[str, str]:
    words = site.words(lang)
    old_date, new_date = words.date(old.effective_date), words.date(new.effective_date)
    if kind is PageKind.CHANGES:
        return words("What changed on {date}", date=new_date), words(
            "Changes from the version of {old} to the version of {new}.", old=old_date, new=new_date
        )
    timeline = site.timelines[(new.policy, lang)]
    gone = timeline.withdrawal_as_of(site.as_of)
    if gone is not None and timeline.discontinued:
        return _discontinued_since(site, old, new, lang, words.date(gone.day))
    if gone is not None:
        return _withdrawn_since(site, old, new, lang, words.date(gone.day))
    if old is new and _corrected(old):
        return words("What changed since {date}", date=old_date), words(
            "This is the version in force. It was corrected after it was first published: "
            "this is what the corrections changed."
        )
    if old is new:
        return words("What changed since {date}", date=old_date), words(
            "This is the version in force: nothing has changed since it took effect."
        )
    if new.effective_date > site.as_of:
        return words("What will change on {date}", date=new_date), words(
            "Changes from the version in force (since {old}) to the version that "
            "takes effect on {new}.",
            old=old_date,
            new=new_date,
        )
    return words("What changed since {date}", date=old_date), words(
        "Changes from the version of {old} to the version in force (since {new}).",
        old=old_date,
        new=new_date,
    )


def _discontinued_since(
    site: SiteContext, old: Version, new: Version, lang: str, ended: str
) -> tuple[str, str]:
    """A since/ page of a translation no longer kept up: compared with its last version."""
    words = site.words(lang)
    heading = words("What changed since {date}", date=words.date(old.effective_date))
    if old is new:
        return heading, words(
            "This is the last version of this translation, which was discontinued on {date}.",
            date=ended,
        )
    return heading, words(
        "Changes from the version of {old} to the last version of this translation (from "
        "{new}), which was discontinued on {date}.",
        old=words.date(old.effective_date),
        new=words.date(new.effective_date),
        date=ended,
    )


def _withdrawn_since(
    site: SiteContext, old: Version, new: Version, lang: str, withdrawn: str
) -> tuple[str, str]:
    """A since/ page of a withdrawn policy: compared with the last version that applied."""
    words = site.words(lang)
    old_date, new_date = words.date(old.effective_date), words.date(new.effective_date)
    reference = site.timelines[(new.policy, lang)].reference(site.as_of)
    heading = words("What changed since {date}", date=old_date)
    if old is new:
        text = words(
            "This is the last version that applied; the policy was withdrawn on {date}.",
            date=withdrawn,
        )
        if _corrected(old):
            text += words.space + words(
                "It was corrected after it was first published: this is what the "
                "corrections changed."
            )
        return heading, text
    if new is reference:
        return heading, words(
            "Changes from the version of {old} to the last version that applied (from {new}); "
            "the policy was withdrawn on {date}.",
            old=old_date,
            new=new_date,
            date=withdrawn,
        )
    return words("What was to change on {date}", date=new_date), words(
        "Changes from the last version that applied (from {old}) to the version that was to "
        "take effect on {new}; the policy was withdrawn on {date}, before that day.",
        old=old_date,
        new=new_date,
        date=withdrawn,
    )


def _corrected(version: Version) -> bool:
    """True when a correction changed what a reader sees of ``version`` (or its front
    matter) since it was first published."""
    first, last = version.as_published, version.document
    return first.reading() != last.reading() or first.metadata != last.metadata


def changes_page(site: SiteContext, old: Version, new: Version, lang: str, kind: PageKind) -> Page:
    """previous → version (``CHANGES``) or version ↔ in force (``SINCE``)."""
    words = site.words(lang)
    policy = new.policy
    timeline = site.timelines[(policy, lang)]
    reference = timeline.reference(site.as_of)
    subject = new if kind is PageKind.CHANGES or new is not reference else old
    here = urls.page(kind, lang, policy, subject.effective_date)
    heading, intro = _heading_and_intro(site, old, new, lang, kind)
    links = version_links(site, (old, new), lang, here)
    links.append(Link(relative(here, urls.history(lang, policy)), words("Version history")))
    summary = summary_html(new, here) if kind is PageKind.CHANGES else None
    return redline_page(site, (old, new), lang, kind, here, heading, intro, links, summary)


def version_links(
    site: SiteContext, versions: tuple[Version, Version], lang: str, here: str
) -> list[Link]:
    """Links to the two versions a redline compares."""
    words = site.words(lang)
    return [
        Link(
            relative(here, urls.version(lang, version.policy, version.effective_date)),
            words("Version of {date}", date=words.date(version.effective_date)),
        )
        for version in versions
    ]


def redline_page(
    site: SiteContext,
    versions: tuple[Version, Version],
    lang: str,
    kind: PageKind,
    here: str,
    heading: str,
    intro: str,
    links: list[Link],
    summary: Markup | None = None,
) -> Page:
    """A page of one redline (changes, since, a comparison): heading, links, the redline."""
    old, new = versions
    policy = new.policy
    body = site.render(
        "changes.html",
        lang,
        heading=heading,
        intro=intro,
        links=links,
        notices=draft_notices(site, policy, lang, here, versions),
        summary=summary,
        # From the old version as first published: what its corrections changed shows too.
        redline=rebase_links(
            site.diffs.redline(old.as_published, new.document, site.words(lang)),
            urls.policy(lang, policy),
            here,
        ),
    )
    return Page(
        url=here.split("/", 1)[1],
        title=f"{site.title(policy, lang, new)} — {heading}",
        body=body,
        kind=kind,
        policy=policy,
    )
