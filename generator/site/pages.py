"""The pages a reader starts from: a language's home and a policy's text (in force or any
version)."""

from __future__ import annotations

from generator.base import urls
from generator.base.urls import PageKind, relative
from generator.site.context import (
    SiteContext,
    commit_title_fields,
    rebase_links,
    source_sha256,
    toc,
)
from generator.site.corrections import correction_links
from generator.site.model import (
    CommitLine,
    HomeGroup,
    HomeItem,
    Link,
    Notice,
    Page,
    Picker,
    SourceText,
)
from generator.site.notices import (
    draft_notices,
    lag_notice,
    not_yet_notice,
    since_link,
    status_notice,
    upcoming_notices,
    withdrawn_notice,
)
from generator.site.pager import version_pager
from generator.site.periods import period_text
from generator.site.record_pages import replaced_notice
from generator.site.sections import with_history_links
from generator.versions import Edit, Status, Version


def home_item(site: SiteContext, policy: str, lang: str) -> HomeItem | None:
    """One policy as the home page of ``lang`` lists it (None when it has no text in
    ``lang`` nor in the authoritative language)."""
    here = urls.home(lang)
    timeline = site.timelines.get((policy, lang))
    if timeline is not None and timeline.discontinued and timeline.withdrawal_as_of(site.as_of):
        timeline = None  # a translation no longer kept up: listed as one never made
    if timeline is None:
        if (policy, site.default) not in site.timelines:
            return None
        return HomeItem(
            href=relative(here, urls.policy(site.default, policy)),
            title=site.title(policy, lang),
            lang=site.default,
            language_name=site.language_name(site.default),
        )
    current = timeline.current(site.as_of)
    upcoming = timeline.upcoming(site.as_of)
    gone = timeline.withdrawal_as_of(site.as_of)
    # What applies: the authoritative version in force when this translation lags.
    in_force = site.outdated(policy, lang) or current
    authority = site.timelines.get((policy, site.default), timeline)
    return HomeItem(
        href=relative(here, urls.policy(lang, policy)),
        title=site.title(policy, lang),
        current=in_force.effective_date if in_force else None,
        first=timeline.versions[0].effective_date,
        upcoming=upcoming[0].effective_date if upcoming else None,
        lagging=lag_notice(site, policy, lang, here, current) is not None,
        withdrawn=gone.day if gone else None,
        amended=in_force is not None
        and (authority if in_force.lang != lang else timeline).previous(in_force) is not None,
    )


def _home_groups(site: SiteContext, lang: str, items: dict[str, HomeItem]) -> list[HomeGroup]:
    """The policies in force under their groups' headings, those in no group last."""
    here = urls.home(lang)
    groups = [
        HomeGroup(
            id=f"group-{group.slug}",
            title=group.title(lang, site.default),
            items=tuple(items[p] for p in group.policies if p in items),
            changes=relative(here, urls.whats_new(lang, group.slug)),
            feed=relative(here, urls.group_feed(lang, group.slug)),
        )
        for group in site.grouping.groups
    ]
    rest = tuple(item for p, item in items.items() if not site.grouping.of.get(p))
    return [g for g in groups if g.items] + (
        [HomeGroup("group-other", "", rest, "", "")] if rest else []
    )


def home_page(site: SiteContext, lang: str) -> Page:
    """A language's list of policies (under their groups' headings when there are groups)."""
    found = {policy: home_item(site, policy, lang) for policy in site.policies}
    items = {p: item for p, item in found.items() if item is not None}
    active = {p: item for p, item in items.items() if not item.withdrawn}
    here = urls.home(lang)
    body = site.render(
        "home.html",
        lang,
        title=site.config.site_title(lang),
        description=site.config.site_description(lang),
        groups=_home_groups(site, lang, active) if site.grouping.groups else [],
        policies=list(active.values()),
        withdrawn=[item for item in items.values() if item.withdrawn],
        feed=relative(here, urls.feed(lang)),
        whats_new=relative(here, urls.whats_new(lang)),
    )
    return Page(
        url="",
        title=site.config.site_title(lang),
        body=body,
        kind=PageKind.HOME,
        in_nav=True,
        description=site.config.site_description(lang),
        in_search=True,
    )


def _version_links(
    site: SiteContext, version: Version, lang: str, here: str, *, is_home: bool
) -> list[Link]:
    words = site.words(lang)
    policy, day = version.policy, version.effective_date
    timeline = site.timelines[(policy, lang)]
    links = [Link(relative(here, urls.history(lang, policy)), words("Version history"))]
    if is_home and timeline.previous(version) is not None:
        links.append(
            Link(
                relative(here, urls.changes(lang, policy, day)),
                words("What changed in this version"),
            )
        )
    links.extend(since_link(site, version, lang, here))
    if len(timeline.versions) > 1:
        links.append(
            Link(relative(here, urls.compare_index(lang, policy)), words("Compare two versions"))
        )
    if is_home:
        links.append(
            Link(
                relative(here, urls.version(lang, policy, day)),
                words("Permanent link to this version"),
            )
        )
    links.append(Link(relative(here, urls.feed(lang, policy)), words("Feed")))
    return links


def _since_picker(site: SiteContext, version: Version, lang: str, here: str) -> Picker | None:
    """On the policy's page: every earlier version, each leading to its ``since/`` page."""
    words = site.words(lang)
    timeline = site.timelines[(version.policy, lang)]
    if timeline.reference(site.as_of) is not version:
        return None
    earlier = [v for v in reversed(timeline.versions) if v.effective_date < version.effective_date]
    if not earlier:
        return None
    return Picker(
        id="ps-since",
        label=words("Version you accepted"),
        button=words("Show what changed"),
        links=tuple(
            Link(
                relative(here, urls.since(lang, v.policy, v.effective_date)),
                words.date(v.effective_date),
            )
            for v in earlier
        ),
    )


def _commit_line(site: SiteContext, edit: Edit, lang: str, *, correction: bool) -> CommitLine:
    words = site.words(lang)
    revision = edit.revision
    repo_url = site.config.site.repo_url.rstrip("/")
    return CommitLine(
        correction=correction,
        role_text=words("Correction") if correction else words("Adopted"),
        short=revision.short,
        href=f"{repo_url}/commit/{revision.commit}" if repo_url else "",
        day=revision.day,
        **commit_title_fields(site, revision),
    )


def _source_text(site: SiteContext, version: Version, lang: str, here: str) -> SourceText:
    """The version's file, its SHA-256 and the commits it comes from; its PDF, if any."""
    pdf = site.pdf(version, lang)
    return SourceText(
        href=relative(here, urls.source(lang, version.policy, version.effective_date)),
        sha256=source_sha256(version),
        adopted=_commit_line(site, version.edits[0], lang, correction=False),
        corrected=_commit_line(site, version.edits[-1], lang, correction=True)
        if len(version.edits) > 1
        else None,
        pdf_href=relative(here, pdf[0]) if pdf else "",
        pdf_sha256=pdf[1] if pdf else "",
    )


def _policy_notices(
    site: SiteContext, version: Version, lang: str, here: str, *, is_home: bool
) -> list[Notice]:
    """The banners over a policy's text: withdrawn, an outdated translation, drafts, then
    the version's status (its own page) or what is to come (the policy's page)."""
    policy = version.policy
    timeline = site.timelines[(policy, lang)]
    gone = withdrawn_notice(site, policy, lang, here)
    notices = [gone] if gone else []
    outdated = site.standing(version, lang).outdated
    # Only the translation's newest text applying today can lag; older ones say they were
    # replaced, and that does not depend on the authoritative language.
    lag = lag_notice(site, policy, lang, here, version) if outdated else None
    if lag is not None:
        notices.append(lag)
    notices.extend(draft_notices(site, policy, lang, here, (version,)))
    if not is_home:
        if not outdated:
            notices.append(status_notice(site, version, lang, here))
        replaced = replaced_notice(site, timeline, version)
        if replaced is not None:
            notices.append(replaced)
    elif gone is None:
        if timeline.current(site.as_of) is None:
            notices.append(not_yet_notice(site, version, lang))
        notices.extend(upcoming_notices(site, policy, lang, here, version))
    return notices


def policy_page(site: SiteContext, version: Version, lang: str, *, is_home: bool) -> Page:
    """The policy in force (``is_home``) or one version's own page."""
    words = site.words(lang)
    policy = version.policy
    found = site.standing(version, lang)
    here = urls.policy(lang, policy) if is_home else urls.version(lang, policy, version.slug)
    title = site.title(policy, lang, version)
    document_html = rebase_links(version.document.html, urls.policy(lang, policy), here)
    body = site.render(
        "version.html",
        lang,
        heading=title,
        version=version,
        status=found.status,
        period=period_text(words, found),
        pager=None if is_home else version_pager(site, version, lang, here),
        links=_version_links(site, version, lang, here, is_home=is_home),
        notices=_policy_notices(site, version, lang, here, is_home=is_home),
        document_html=with_history_links(document_html, version, site, here, lang)
        if is_home
        else document_html,
        since=_since_picker(site, version, lang, here) if is_home else None,
        corrections=correction_links(site, version, lang, here),
        source=None if is_home else _source_text(site, version, lang, here),
    )
    return Page(
        url=here.split("/", 1)[1],
        title=title if is_home else f"{title} — {words.date(version.effective_date)}",
        body=body,
        kind=PageKind.POLICY if is_home else PageKind.VERSION,
        toc=toc(version.document),
        in_nav=is_home,
        policy=policy,
        # The text applying today is found on the policy's own page (an outdated
        # translation's too: it is the newest text in its language); announced amendments
        # on theirs; superseded and withdrawn texts stay out of search.
        in_search=(is_home and found.status in (Status.IN_FORCE, Status.TRANSLATION_OUTDATED))
        or (not is_home and found.status is Status.UPCOMING),
    )
