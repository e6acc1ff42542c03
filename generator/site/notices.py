"""The banners at the top of pages: translation lag, upcoming changes, a version's status."""

from __future__ import annotations

from generator.base import urls
from generator.base.urls import relative
from generator.site.context import SiteContext, summary_html
from generator.site.model import Link, Notice
from generator.versions import Status, Version


def since_link(site: SiteContext, version: Version, lang: str, here: str) -> list[Link]:
    """The link to ``version`` compared with the one in force (or, for a withdrawn policy,
    the last that applied); none for that version itself."""
    timeline = site.timelines[(version.policy, lang)]
    reference = timeline.reference(site.as_of)
    if reference is None or version is reference:
        return []
    words = site.words(lang)
    if site.outdated(version.policy, lang) is not None:
        text = words("Compare with the latest translation")
    elif timeline.current(site.as_of):
        text = words("Compare with the version in force")
    else:
        text = words("Compare with the last version that applied")
    return [Link(relative(here, urls.since(lang, version.policy, version.effective_date)), text)]


def lag_notice(
    site: SiteContext, policy: str, lang: str, here: str, shown: Version | None
) -> Notice | None:
    """Tell readers of a translation that the authoritative text is newer."""
    if lang == site.default:
        return None
    authority = site.timelines.get((policy, site.default))
    if authority is None:
        return None
    in_force = authority.current(site.as_of)
    if in_force is None or (shown is not None and shown.effective_date >= in_force.effective_date):
        return None
    words = site.words(lang)
    default_name = site.language_name(site.default)
    if shown is None:
        text = words(
            "The version in force since {new} is not yet translated; the authoritative "
            "text is in {language}.",
            new=words.date(in_force.effective_date),
            language=default_name,
        )
    else:
        text = words(
            "This translation reflects the version of {old}. The version in force since {new} "
            "is not yet translated; the authoritative text is in {language}.",
            old=words.date(shown.effective_date),
            new=words.date(in_force.effective_date),
            language=default_name,
        )
    links = [
        Link(
            relative(here, urls.policy(site.default, policy)),
            words("Read the version in force ({language})", language=default_name),
            site.default,
        )
    ]
    if authority.previous(in_force) is not None:
        links.append(
            Link(
                relative(here, urls.changes(site.default, policy, in_force.effective_date)),
                words("What changed ({language})", language=default_name),
                site.default,
            )
        )
    return Notice("warning", words("This translation is not up to date"), text, tuple(links))


def upcoming_notices(
    site: SiteContext, policy: str, lang: str, here: str, shown: Version
) -> list[Notice]:
    """One banner per announced amendment other than the one ``shown``, in this
    language or, when it is not translated yet, the authoritative one."""
    words = site.words(lang)
    timeline = site.timelines[(policy, lang)]
    own = {v.effective_date for v in timeline.upcoming(site.as_of)}
    authority = site.timelines.get((policy, site.default), timeline)
    dates = sorted(own | {v.effective_date for v in authority.upcoming(site.as_of)})
    notices = []
    for day in dates:
        if day == shown.effective_date:
            continue
        source_lang = lang if day in own else site.default
        link_lang = "" if source_lang == lang else source_lang
        source = site.timelines[(policy, source_lang)]
        version = source.find(day)
        assert version is not None
        links = [
            Link(
                relative(here, urls.version(source_lang, policy, day)),
                words("Read the new version"),
                link_lang,
            )
        ]
        if source.previous(version) is not None:
            links.append(
                Link(
                    relative(here, urls.changes(source_lang, policy, day)),
                    words("See what will change"),
                    link_lang,
                )
            )
        text = words("A new version takes effect on {date}.", date=words.date(day))
        if source_lang != lang:
            text += words.space + words("It is not yet translated.")
        notices.append(
            Notice(
                "info",
                words("Upcoming change"),
                text,
                tuple(links),
                summary=summary_html(version, here),
                summary_lang=link_lang,
            )
        )
    return notices


def withdrawn_notice(site: SiteContext, policy: str, lang: str, here: str = "") -> Notice | None:
    """On every page of a withdrawn policy: since when; of a discontinued translation: that
    it is no longer kept up, leading to the version in force in the authoritative language."""
    timeline = site.timelines[(policy, lang)]
    gone = timeline.withdrawal_as_of(site.as_of)
    if gone is None:
        return None
    words = site.words(lang)
    if timeline.discontinued:
        return Notice(
            "warning",
            words("This translation is no longer kept up"),
            words(
                "It was discontinued on {date}; the policy still applies, in {language}.",
                date=words.date(gone.day),
                language=site.language_name(site.default),
            ),
            (in_force_link(site, policy, lang, here),),
        )
    return Notice(
        "warning",
        words("This policy was withdrawn on {date}", date=words.date(gone.day)),
        words("It no longer applies. Its versions stay available here for reference."),
    )


def in_force_link(site: SiteContext, policy: str, lang: str, here: str) -> Link:
    """The link to the policy's page in the authoritative language, for readers of a
    translation that is no longer kept up."""
    words = site.words(lang)
    default = site.language_name(site.default)
    return Link(
        relative(here, urls.policy(site.default, policy)),
        words("Read the version in force ({language})", language=default),
        site.default,
    )


def draft_notices(
    site: SiteContext, policy: str, lang: str, here: str, shown: tuple[Version, ...]
) -> list[Notice]:
    """In a preview (``serve``): the page shows uncommitted text, or the policy has some."""
    words = site.words(lang)
    timeline = site.timelines[(policy, lang)]
    drafts = [v for v in timeline.versions if v.is_draft]
    if not drafts:
        return []
    if any(v.is_draft for v in shown):
        return [
            Notice(
                "danger",
                words("Draft: not committed"),
                words(
                    "This page shows changes that are not committed yet. They appear only in "
                    "this preview; policy-site build never publishes them."
                ),
            )
        ]
    draft = drafts[-1]
    links = [Link(relative(here, urls.version(lang, policy, draft.slug)), words("Read the draft"))]
    if timeline.previous(draft) is not None:
        links.append(
            Link(
                relative(here, urls.changes(lang, policy, draft.slug)),
                words("See what the draft changes"),
            )
        )
    return [
        Notice(
            "danger",
            words("Draft: not committed"),
            words("This policy has changes that are not committed yet."),
            tuple(links),
        )
    ]


def status_notice(site: SiteContext, version: Version, lang: str, here: str) -> Notice:
    """On a version's own page: whether it is in force, upcoming, replaced or withdrawn."""
    words = site.words(lang)
    timeline = site.timelines[(version.policy, lang)]
    status = site.standing(version, lang).status
    if status == Status.DISCONTINUED:
        return Notice(
            "warning",
            words("This translation is no longer kept up"),
            words(
                "The policy still applies, in {language}.",
                language=site.language_name(site.default),
            ),
            (in_force_link(site, version.policy, lang, here),),
        )
    if status == Status.WITHDRAWN:
        return Notice(
            "warning",
            words("This version no longer applies"),
            words("The policy was withdrawn."),
        )
    if status == Status.UPCOMING:
        return Notice(
            "info",
            words("This version is not in force yet"),
            words("It takes effect on {date}.", date=words.date(version.effective_date)),
        )
    if status == Status.IN_FORCE:
        return Notice(
            "success",
            words("This is the version in force"),
            words("In force since {date}.", date=words.date(version.effective_date)),
        )
    if status == Status.TRANSLATION_OUTDATED:
        lag = lag_notice(site, version.policy, lang, here, version)
        assert lag is not None, "an outdated translation lags the authoritative text"
        return lag
    successor = timeline.next(version)
    assert successor is not None
    return Notice(
        "warning",
        words("This version is no longer in force"),
        words(
            "It was replaced by the version of {date}.", date=words.date(successor.effective_date)
        ),
        tuple(_in_force_links(site, version.policy, lang, here)),
    )


def _in_force_links(site: SiteContext, policy: str, lang: str, here: str) -> list[Link]:
    """The link to the version in force: in ``lang`` when it is translated, else in the
    authoritative language; none while no version is in force."""
    words = site.words(lang)
    if site.outdated(policy, lang) is not None:
        return [in_force_link(site, policy, lang, here)]
    if site.timelines[(policy, lang)].current(site.as_of) is None:
        return []
    return [Link(relative(here, urls.policy(lang, policy)), words("Read the version in force"))]


def not_yet_notice(site: SiteContext, version: Version, lang: str) -> Notice:
    """On a policy's page before its first version takes effect."""
    words = site.words(lang)
    return Notice(
        "info",
        words("Not in force yet"),
        words("This policy takes effect on {date}.", date=words.date(version.effective_date)),
    )
