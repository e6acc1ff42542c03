"""A version's period in words, the same on its page, in the history, the feeds and its PDF.

Words that do not go stale once printed or copied: "In force from 1 October 2025 until
31 May 2026", never "current". A translation's period is that of the authoritative version
it translates (:func:`generator.versions.standing`).
"""

from __future__ import annotations

from generator.render.i18n import Messages
from generator.site.context import SiteContext
from generator.versions import Standing, Status, Version


def period_text(words: Messages, found: Standing) -> str:
    """The sentence giving ``found``'s period: "In force from … until ….", "In force from
    ….", "Takes effect on ….", "Withdrawn before it took effect."."""
    start = words.date(found.start)
    end = found.end
    ended = found.status in (Status.WITHDRAWN, Status.DISCONTINUED)
    if ended and (end is None or end < found.start):
        return words("Withdrawn before it took effect.")
    if found.status is Status.UPCOMING:
        if end is None:
            return words("Takes effect on {start}.", start=start)
        return words(
            "Takes effect on {start}, in force until {end}.", start=start, end=words.date(end)
        )
    if end is None:
        return words("In force from {start}.", start=start)
    return words("In force from {start} until {end}.", start=start, end=words.date(end))


def period_line(site: SiteContext, version: Version, lang: str) -> str:
    """``version``'s period on the as-of day in ``lang``."""
    return period_text(site.words(lang), site.standing(version, lang))


def outdated_line(site: SiteContext, version: Version, lang: str) -> str:
    """For an outdated translation, which version it reflects and which applies instead
    ("" for any other version)."""
    found = site.standing(version, lang)
    if found.in_force is None:
        return ""
    words = site.words(lang)
    return words(
        "This translation reflects the version of {old}. The version in force since {new} "
        "is not yet translated; the authoritative text is in {language}.",
        old=words.date(version.effective_date),
        new=words.date(found.in_force.effective_date),
        language=site.language_name(site.default),
    )
