"""What the API says of a version's standing: one truthful status in every language.

Every language's ``in_force`` names the version in force, the same date everywhere (the
authoritative language's while a translation lags); a translation's newest text of a
version no longer in force is ``translation-outdated`` and names the version it translates.
"""

from __future__ import annotations

from typing import Any

from generator.base import urls
from generator.site.context import SiteContext
from generator.versions import Timeline, Version


def standing_json(site: SiteContext, timeline: Timeline, version: Version) -> dict[str, Any]:
    """A version's status (``translation-outdated`` for a translation of a version no longer
    in force), the last day it applies and, for a translation, the version it translates."""
    found = site.standing(version, timeline.lang)
    return {
        "status": str(found.status),
        "in_force_until": found.end.isoformat() if found.end else None,
        "translates": found.translates.slug if found.translates else None,
    }


def in_force_json(site: SiteContext, timeline: Timeline) -> dict[str, Any]:
    """The version in force, the same date in every language (the authoritative one's when
    a translation lags), and the page that has its text."""
    current = timeline.current(site.as_of)
    outdated = site.outdated(timeline.policy, timeline.lang)
    shown = outdated or current
    return {
        "in_force": shown.slug if shown else None,
        "in_force_url": site.config.public_url(
            urls.version(shown.lang, shown.policy, shown.effective_date)
        )
        if shown
        else None,
    }
