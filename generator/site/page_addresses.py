"""Every page address of the site, known before any page is built.

A page's language selector (its *alternates*) and each language's sitemap name the
addresses the other languages have. Building a part of the site (a language, or some of its
policies) must not mean building the rest to learn them, so the addresses come from the
timelines here (:mod:`generator.site.specs`), in the order
:func:`generator.site.policy_pages` builds the pages. A test compares the two for every page
of sample sites.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.base import urls
from generator.site.amendments import policy_amendments
from generator.site.context import SiteContext
from generator.site.specs import PageSpec, home_spec, policy_specs, whats_new_specs

Addresses = Mapping[str, frozenset[str]]
"""Language → the addresses of its pages, inside its folder (``privacy/history/``)."""


def policy_addresses(site: SiteContext, policy: str, lang: str) -> list[str]:
    """The addresses of a policy's pages in one language, in the order they are built."""
    return [spec.url for spec in policy_specs(site, policy, lang)]


def language_addresses(site: SiteContext, lang: str) -> list[tuple[str, str]]:
    """(address, policy) of every page of one language, in the order its pages are built
    (the policy is "" for the language's own pages)."""
    return [(spec.url, spec.policy) for spec in language_plan(site, lang)]


def language_plan(site: SiteContext, lang: str) -> list[PageSpec]:
    """Every page of one language as a spec (:func:`generator.site.specs.language_specs`),
    each policy's amendment records worked out on the way."""
    found = [home_spec(lang)]
    for policy in site.policies:
        if (policy, lang) in site.timelines:
            found += policy_specs(site, policy, lang)
            # The amendment records come from the same diffs, so they are kept now.
            policy_amendments(site, policy, lang)
            # The section histories' addresses and the records took this policy's diffs: let
            # them go, so that what is held stays bounded by one policy (its pages work them
            # out again).
            site.release()
    return found + whats_new_specs(site, lang)


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
