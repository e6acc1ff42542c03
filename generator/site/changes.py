"""Redline pages: what changed from the previous version, and a version against the one in
force."""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

from generator.base import urls
from generator.base.urls import PageKind, relative
from generator.site.context import SiteContext, rebase_links, summary_html
from generator.site.model import Link, Notice, Page
from generator.site.notices import draft_notices, lag_notice
from generator.site.pager import Pager, changes_pager
from generator.site.pickers import PairPickers
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
    in_force = site.outdated(new.policy, lang)
    if in_force is not None:
        return _outdated_since(site, (old, new), lang, in_force)
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


def _outdated_since(
    site: SiteContext, versions: tuple[Version, Version], lang: str, in_force: Version
) -> tuple[str, str]:
    """A since/ page of a translation that lags: compared with its latest text, which is
    not the version in force (that one is not translated yet)."""
    words = site.words(lang)
    old, new = versions
    old_date, new_date = words.date(old.effective_date), words.date(new.effective_date)
    if old is new:
        return words("What changed since {date}", date=old_date), words(
            "This translation reflects the version of {old}. The version in force since {new} "
            "is not yet translated; the authoritative text is in {language}.",
            old=old_date,
            new=words.date(in_force.effective_date),
            language=site.language_name(site.default),
        )
    if new.effective_date > site.as_of:
        return words("What will change on {date}", date=new_date), words(
            "Changes from the latest translation (of the version of {old}) to the version "
            "that takes effect on {new}.",
            old=old_date,
            new=new_date,
        )
    return words("What changed since {date}", date=old_date), words(
        "Changes from the version of {old} to the latest translation (of the version of {new}).",
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
    links = [Link(relative(here, urls.history(lang, policy)), words("Version history"))]
    summary = summary_html(new, here) if kind is PageKind.CHANGES else None
    pager = changes_pager(site, new, lang, here) if kind is PageKind.CHANGES else None
    return redline_page(
        site, (old, new), lang, kind, here, heading, intro, links, summary, pager=pager
    )


def linked_intro(
    site: SiteContext, intro: str, versions: tuple[Version, Version], lang: str, here: str
) -> Markup:
    """The page's opening sentence with each version's date a link to that version: the
    sentence says which is which, so no separate links are needed."""
    words = site.words(lang)
    targets = {
        words.date(v.effective_date): relative(here, urls.version(lang, v.policy, v.effective_date))
        for v in versions
    }
    # Longest first, and never inside a longer number ("1 June 2026" in "11 June 2026").
    pattern = "|".join(re.escape(str(escape(d))) for d in sorted(targets, key=len, reverse=True))
    linked: set[str] = set()

    def link(match: re.Match[str]) -> str:
        day = html.unescape(match.group())
        if day in linked:
            return match.group()
        linked.add(day)
        return f'<a href="{escape(targets[day])}">{match.group()}</a>'

    # Built from the escaped sentence and escaped addresses only.
    return Markup(re.sub(rf"(?<!\d)(?:{pattern})(?!\d)", link, str(escape(intro))))


def print_heading(site: SiteContext, versions: tuple[Version, Version], lang: str) -> str:
    """What a printed redline is headed with: the policy and both versions by their dates
    (no status: it would make every redline change with the day)."""
    words = site.words(lang)
    old, new = versions
    if old is new:  # a since/ page of the version in force itself
        return words(
            "{policy}: version of {date}",
            policy=site.title(new.policy, lang, new),
            date=words.date(new.effective_date),
        )
    return words(
        "{policy}: from the version of {old} to the version of {new}",
        policy=site.title(new.policy, lang, new),
        old=words.date(old.effective_date),
        new=words.date(new.effective_date),
    )


def _notices(
    site: SiteContext, versions: tuple[Version, Version], lang: str, here: str, kind: PageKind
) -> list[Notice]:
    """Drafts shown; on a since/ page of a translation that lags, that it does."""
    policy = versions[1].policy
    notices = []
    if kind is PageKind.SINCE and site.outdated(policy, lang) is not None:
        reference = site.timelines[(policy, lang)].reference(site.as_of)
        lag = lag_notice(site, policy, lang, here, reference)
        notices += [lag] if lag else []
    return notices + draft_notices(site, policy, lang, here, versions)


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
    *,
    pager: Pager | None = None,
    pickers: PairPickers | None = None,
) -> Page:
    """A page of one redline (changes, since, a comparison): heading, links, the redline;
    the amendments before and after (``pager``), or the way to another pair (``pickers``)."""
    old, new = versions
    policy = new.policy
    body = site.render(
        "changes.html",
        lang,
        heading=heading,
        print_heading=print_heading(site, versions, lang),
        intro=linked_intro(site, intro, versions, lang, here),
        links=links,
        notices=_notices(site, versions, lang, here, kind),
        summary=summary,
        # From the old version as first published: what its corrections changed shows too.
        redline=rebase_links(
            site.diffs.redline(old.as_published, new.document, site.words(lang)),
            urls.policy(lang, policy),
            here,
        ),
        pager=pager,
        pickers=pickers,
    )
    return Page(
        url=here.split("/", 1)[1],
        title=f"{site.title(policy, lang, new)} — {heading}",
        body=body,
        kind=kind,
        policy=policy,
    )
