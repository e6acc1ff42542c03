"""The machine-readable site: ``/api/policies.json``, an index, and ``/api/<lang>/<policy>.json``
for each policy in each language the site builds, with its versions, comparisons and
sections. Both are described by JSON Schemas in ``generator/schema/``.

The index stays small however long the history: per language, a policy's title, its pages,
the version in force and those announced, and the address of its own file. Languages not
built (a file in a language that ``languages.available`` does not list) are left out, so
every address in the API is one the site has. Pure; JSON keys are sorted.
"""

from __future__ import annotations

from typing import Any

from generator.base import urls
from generator.site.context import SiteContext
from generator.site.feeds import _reader_json, _version_json, html_safe_json
from generator.site.model import OutputFile
from generator.site.standing_json import in_force_json
from generator.versions import Timeline

API_FORMAT = 1
"""Raised when a field of the API files changes meaning or disappears (adding one keeps it)."""


def _groups_json(site: SiteContext) -> list[dict[str, Any]]:
    """Each group in order: its names, policies, what's new pages and feeds per language."""
    public = site.config.public_url
    codes = site.config.language_codes
    return [
        {
            "id": group.id,
            "policies": list(group.policies),
            "titles": {lang: group.title(lang, site.default) for lang in codes},
            "whats_new": {lang: public(urls.whats_new(lang, group.slug)) for lang in codes},
            "feeds": {lang: public(urls.group_feed(lang, group.slug)) for lang in codes},
        }
        for group in site.grouping.groups
    ]


def built_timelines(site: SiteContext) -> list[Timeline]:
    """The timelines of the languages the site builds, by policy and language."""
    codes = set(site.config.language_codes)
    return [t for (_p, lang), t in sorted(site.timelines.items()) if lang in codes]


def language_entry(site: SiteContext, timeline: Timeline) -> dict[str, Any]:
    """What the index says of one policy in one language."""
    lang, policy = timeline.lang, timeline.policy
    public = site.config.public_url
    gone = timeline.withdrawal_as_of(site.as_of)
    ended = (
        {
            "date": gone.day.isoformat(),
            "commit": gone.removal.commit,
            "message": gone.removal.message,
        }
        if gone
        else None
    )
    return {
        "withdrawn": None if timeline.discontinued else ended,
        "discontinued": ended if timeline.discontinued else None,
        "title": site.title(policy, lang),
        "url": public(urls.policy(lang, policy)),
        "history_url": public(urls.history(lang, policy)),
        "feed_url": public(urls.feed(lang, policy)),
        "api_url": public(urls.api_policy(lang, policy)),
        **in_force_json(site, timeline),
        "upcoming": [v.slug for v in timeline.upcoming(site.as_of)],
        "version_count": len(timeline.versions),
    }


def policy_detail(site: SiteContext, timeline: Timeline) -> dict[str, Any]:
    """``api/<lang>/<policy>.json``: the index's entry, every version with its commits,
    the comparisons on offer and each section's history (the day it is built for is the
    index's ``as_of``: a file whose policy did not change stays the same from day to day)."""
    group = site.grouping.group(timeline.policy)
    return {
        "format": "policy-site-policy",
        "format_version": API_FORMAT,
        "id": timeline.policy,
        "lang": timeline.lang,
        "group": group.id if group else None,
        **language_entry(site, timeline),
        "versions": [_version_json(site, timeline, v) for v in timeline.versions],
        **_reader_json(site, timeline),
    }


def api_index(site: SiteContext) -> OutputFile:
    """``/api/policies.json``: every policy and built language, with where to read more."""
    policies: dict[str, Any] = {}
    for timeline in built_timelines(site):
        group = site.grouping.group(timeline.policy)
        entry = policies.setdefault(
            timeline.policy,
            {"id": timeline.policy, "group": group.id if group else None, "languages": {}},
        )
        entry["languages"][timeline.lang] = language_entry(site, timeline)
    public = site.config.public_url
    document = {
        "format": "policy-site-index",
        "format_version": API_FORMAT,
        "as_of": site.as_of.isoformat(),
        "default_language": site.default,
        "groups": _groups_json(site),
        "whats_new": {lang: public(urls.whats_new(lang)) for lang in site.config.language_codes},
        "languages": sorted(site.config.language_codes),
        "policies": [policies[k] for k in sorted(policies)],
        "site": {
            "title": site.config.site_title(site.default),
            "titles": {lang: site.config.site_title(lang) for lang in site.config.language_codes},
            "url": site.config.site.url,
        },
    }
    return OutputFile(urls.API_INDEX, html_safe_json(document).encode("utf-8"))


def api_files(site: SiteContext) -> list[OutputFile]:
    """The index and every policy's file, in every built language; a renamed policy's file
    is at its former addresses too (an address once published stays)."""
    details = []
    for timeline in built_timelines(site):
        content = html_safe_json(policy_detail(site, timeline)).encode("utf-8")
        for policy in (timeline.policy, *timeline.former_ids):
            details.append(OutputFile(urls.api_policy(timeline.lang, policy), content))
    return [api_index(site), *details]
