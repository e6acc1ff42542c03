"""Every page address of the site, known before any page is built.

A page's language selector (its *alternates*) and each language's sitemap name the
addresses the other languages have. Building a part of the site (a language, or some of its
policies) must not mean building the rest to learn them, so the addresses come from the
timelines here, in the order :func:`generator.site.policy_pages` builds the pages. A test
compares the two for every page of sample sites.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.base import urls
from generator.site.amendments import policy_amendments
from generator.site.compare import comparisons
from generator.site.context import SiteContext
from generator.site.corrections import correction_url
from generator.site.sections import section_lineages

Addresses = Mapping[str, frozenset[str]]
"""Language → the addresses of its pages, inside its folder (``privacy/history/``)."""


def _inside(lang: str, address: str) -> str:
    return address.removeprefix(f"{lang}/")


def policy_addresses(site: SiteContext, policy: str, lang: str) -> list[str]:
    """The addresses of a policy's pages in one language, in the order they are built."""
    timeline = site.timelines[(policy, lang)]
    reference = timeline.reference(site.as_of)
    found = [urls.policy(lang, policy), urls.history(lang, policy)]
    for version in timeline.versions:
        day = version.effective_date
        found.append(urls.version(lang, policy, day))
        found += [correction_url(version, lang, edit) for edit in version.corrections]
        if timeline.previous(version) is not None:
            found.append(urls.changes(lang, policy, day))
        if reference is not None:
            found.append(urls.since(lang, policy, day))
    if len(timeline.versions) >= 2:
        found.append(urls.compare_index(lang, policy))
        limit = site.config.compare.all_pairs_up_to
        found += [
            urls.compare(lang, policy, old.effective_date, new.effective_date)
            for old, new in comparisons(timeline, site.as_of, limit)
        ]
    found += [
        urls.section_history(lang, policy, lineage.id)
        for lineage in section_lineages(site, policy, lang)
    ]
    return [_inside(lang, address) for address in found]


def language_addresses(site: SiteContext, lang: str) -> list[tuple[str, str]]:
    """(address, policy) of every page of one language, in the order its pages are built
    (the policy is "" for the language's home)."""
    found = [("", "")]
    for policy in site.policies:
        if (policy, lang) in site.timelines:
            found += [(url, policy) for url in policy_addresses(site, policy, lang)]
            # The amendment records come from the same diffs, so they are kept now.
            policy_amendments(site, policy, lang)
            # The section histories' addresses and the records took this policy's diffs: let
            # them go, so that what is held stays bounded by one policy (its pages work them
            # out again).
            site.diffs.release()
    found.append((urls.whats_new(lang)[len(lang) + 1 :], ""))
    found += [
        (urls.whats_new(lang, group.slug)[len(lang) + 1 :], "") for group in site.grouping.groups
    ]
    return found


def site_addresses(site: SiteContext) -> dict[str, frozenset[str]]:
    """Every language's page addresses."""
    return {
        lang: frozenset(url for url, _policy in language_addresses(site, lang))
        for lang in site.config.language_codes
    }


def offered_addresses(site: SiteContext, addresses: Addresses) -> dict[str, frozenset[str]]:
    """The addresses a language selector (and a sitemap's alternates) offers: every page but
    those of a translation no longer kept up, whose readers are led to its language's home,
    where the policy leads to the authoritative language."""
    ended: dict[str, set[str]] = {}
    for (policy, lang), timeline in site.timelines.items():
        if timeline.discontinued and timeline.withdrawal_as_of(site.as_of):
            ended.setdefault(lang, set()).update(policy_addresses(site, policy, lang))
    return {lang: found - ended.get(lang, set()) for lang, found in addresses.items()}


def alternates(
    addresses: Addresses, codes: Sequence[str], url: str, policy: str
) -> tuple[tuple[str, str], ...]:
    """(language, address from the site root) of the page at ``url`` in every language: the
    same page where that language has it, else the policy's page, else the language's home."""

    def counterpart(lang: str) -> str:
        for candidate in (url, f"{policy}/" if policy else ""):
            if candidate in addresses[lang]:
                return f"{lang}/{candidate}"
        return urls.home(lang)

    return tuple((lang, counterpart(lang)) for lang in codes)
