"""A policy's version history: every version, its status, its commits and corrections."""

from __future__ import annotations

from generator.base import urls
from generator.base.urls import PageKind, relative
from generator.site.context import SiteContext, commit_title_fields, summary_html
from generator.site.corrections import correction_url
from generator.site.model import CommitLine, HistoryEntry, Link, Page, TocEntry
from generator.site.notices import draft_notices, lag_notice, withdrawn_notice
from generator.site.periods import period_text
from generator.site.record_pages import replaced_sentences, replacements
from generator.site.sections import section_items
from generator.versions import Timeline, Version


def _commits(site: SiteContext, version: Version, lang: str, here: str) -> tuple[CommitLine, ...]:
    words = site.words(lang)
    repo_url = site.config.site.repo_url.rstrip("/")
    lines = []
    for index, edit in enumerate((version.edits[0], *version.corrections)):
        revision = edit.revision
        changes = relative(here, correction_url(version, lang, edit)) if index else ""
        draft = not revision.commit
        lines.append(
            CommitLine(
                correction=index > 0,
                role_text=words("Draft")
                if draft
                else words("Correction")
                if index
                else words("Adopted"),
                short=revision.short or words("uncommitted"),
                href=f"{repo_url}/commit/{revision.commit}" if repo_url and not draft else "",
                day=revision.day,
                changes_href=changes,
                **commit_title_fields(site, revision),
            )
        )
    return tuple(lines)


def _entry(site: SiteContext, version: Version, lang: str, here: str) -> HistoryEntry:
    words = site.words(lang)
    policy, day = version.policy, version.effective_date
    timeline = site.timelines[(policy, lang)]
    links = []
    first = timeline.previous(version) is None
    if not first:
        links.append(Link(relative(here, urls.changes(lang, policy, day)), words("Changes")))
    pdf = site.pdf(version, lang)
    if pdf is not None:
        links.append(Link(relative(here, pdf[0]), words("PDF")))
    found = site.standing(version, lang)
    before = timeline.previous(version)
    counts = site.diffs.counts(before.document, version.document, words) if before else ()
    return HistoryEntry(
        version=version,
        status=found.status,
        href=relative(here, urls.version(lang, policy, day)),
        links=tuple(links),
        commits=_commits(site, version, lang, here),
        first=first,
        summary=summary_html(version, here),
        period=period_text(words, found),
        counts=words.items(list(counts)),
        replaced=tuple(replaced_sentences(site, lang, replacements(site, timeline, version))),
    )


def _removals(site: SiteContext, timeline: Timeline, lang: str) -> list[CommitLine]:
    """The deletions of the file up to the as-of day: withdrawals of the policy, or the
    end of a translation no longer kept up."""
    words = site.words(lang)
    repo_url = site.config.site.repo_url.rstrip("/")
    ended = words("Translation discontinued") if timeline.discontinued else words("Withdrawn")
    return [
        CommitLine(
            correction=False,
            role_text=ended if gone is timeline.withdrawal else words("Withdrawn"),
            short=gone.removal.short,
            href=f"{repo_url}/commit/{gone.removal.commit}" if repo_url else "",
            day=gone.day,
            **commit_title_fields(site, gone.removal),
        )
        for gone in timeline.withdrawals
        if gone.day <= site.as_of
    ]


def history_page(site: SiteContext, policy: str, lang: str) -> Page:
    """Every version of ``policy`` in ``lang``, newest first."""
    words = site.words(lang)
    timeline = site.timelines[(policy, lang)]
    here = urls.history(lang, policy)
    title = words("{policy}: version history", policy=site.title(policy, lang))
    notices = [
        notice
        for notice in (
            withdrawn_notice(site, policy, lang, here),
            lag_notice(site, policy, lang, here, timeline.current(site.as_of)),
        )
        if notice is not None
    ]
    notices += draft_notices(site, policy, lang, here, ())
    removals = _removals(site, timeline, lang)
    links = []
    if len(timeline.versions) > 1:
        links.append(
            Link(relative(here, urls.compare_index(lang, policy)), words("Compare two versions"))
        )
    sections = section_items(site, policy, lang, here)
    body = site.render(
        "history.html",
        lang,
        title=title,
        links=links,
        entries=[_entry(site, v, lang, here) for v in reversed(timeline.versions)],
        notices=notices,
        withdrawn=timeline.withdrawn,
        removals=removals,
        removals_heading=words("Deletions of this translation")
        if timeline.discontinued
        else words("Withdrawals of this policy"),
        sections=sections,
    )
    toc = [TocEntry("commits", words("Commits and corrections"), 2)]
    toc += [
        TocEntry(f"h{v.slug}", words.date(v.effective_date), 3) for v in reversed(timeline.versions)
    ]
    if sections:
        toc.append(TocEntry("sections", words("History of each section"), 2))
    return Page(
        url=here.split("/", 1)[1],
        title=title,
        body=body,
        kind=PageKind.HISTORY,
        toc=tuple(toc),
        policy=policy,
    )
