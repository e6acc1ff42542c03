"""Atom feeds of amendments and the machine-readable index (``/api/policies.json``).

Pure functions of the timelines and the as-of date. Dates come from commits, never from the
clock; JSON keys and lists are sorted so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from generator.config import SiteConfig
from generator.i18n import Messages
from generator.versions import Timeline, Version

TitleOf = Callable[[str, str], str]


@dataclass(frozen=True, slots=True)
class OutputFile:
    """A file written as is (feeds, JSON, redirects), relative to the output root."""

    path: str
    """Path under the output folder."""
    content: bytes
    """Exact bytes to write."""


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry(
    config: SiteConfig, timeline: Timeline, version: Version, title: str, words: Messages
) -> tuple[dt.datetime, str]:
    lang = timeline.lang
    page = f"{lang}/{timeline.policy}/{version.slug}/"
    changes = f"{page}changes/" if timeline.previous(version) else page
    updated = version.edits[-1].revision.committed
    heading = words(
        "{policy}: version of {date}", policy=title, date=words.date(version.effective_date)
    )
    summary = words(
        "A new version takes effect on {date}.", date=words.date(version.effective_date)
    )
    if timeline.previous(version) is None:
        summary = words(
            "First published version, effective {date}.", date=words.date(version.effective_date)
        )
    xml = (
        "  <entry>\n"
        f"    <id>{escape(config.public_url(page))}</id>\n"
        f"    <title>{escape(heading)}</title>\n"
        f"    <updated>{_stamp(updated)}</updated>\n"
        f"    <published>{_stamp(version.adopted.committed)}</published>\n"
        f'    <link rel="alternate" type="text/html" href={quoteattr(config.public_url(changes))}/>\n'
        f"    <summary>{escape(summary)}</summary>\n"
        "  </entry>\n"
    )
    return updated, xml


def _feed(
    config: SiteConfig, lang: str, path: str, title: str, entries: list[tuple[dt.datetime, str]]
) -> bytes:
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    updated = entries[0][0] if entries else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    page = path.rsplit("/", 1)[0] + "/"
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">\n'
        f"  <id>{escape(config.public_url(path))}</id>\n"
        f"  <title>{escape(title)}</title>\n"
        f"  <updated>{_stamp(updated)}</updated>\n"
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(config.public_url(path))}/>\n'
        f'  <link rel="alternate" type="text/html" href={quoteattr(config.public_url(page))}/>\n'
        f"  <author><name>{escape(config.site.title)}</name></author>\n"
        + "".join(xml for _, xml in entries)
        + "</feed>\n"
    )
    return xml.encode("utf-8")


def atom_feeds(
    config: SiteConfig, timelines: Mapping[tuple[str, str], Timeline], title_of: TitleOf
) -> list[OutputFile]:
    """``/<lang>/feed.xml`` (all policies) and ``/<lang>/<policy>/feed.xml``."""
    files = []
    for lang in config.language_codes:
        words = config.messages(lang)
        everything: list[tuple[dt.datetime, str]] = []
        for (policy, tl_lang), timeline in sorted(timelines.items()):
            if tl_lang != lang:
                continue
            title = title_of(policy, lang)
            entries = [_entry(config, timeline, v, title, words) for v in timeline.versions]
            everything.extend(entries)
            path = f"{lang}/{policy}/feed.xml"
            files.append(OutputFile(path, _feed(config, lang, path, title, list(entries))))
        files.append(
            OutputFile(
                f"{lang}/feed.xml",
                _feed(config, lang, f"{lang}/feed.xml", config.site.title, everything),
            )
        )
    return files


def api_index(
    config: SiteConfig,
    timelines: Mapping[tuple[str, str], Timeline],
    as_of: dt.date,
    title_of: TitleOf,
) -> OutputFile:
    """``/api/policies.json``: every policy, language and version with its status and URLs."""
    policies: dict[str, Any] = {}
    for (policy, lang), timeline in sorted(timelines.items()):
        current = timeline.current(as_of)
        base = f"{lang}/{policy}/"
        versions = []
        for version in timeline.versions:
            versions.append(
                {
                    "effective_date": version.slug,
                    "status": str(timeline.status(version, as_of)),
                    "url": config.public_url(f"{base}{version.slug}/"),
                    "changes_url": config.public_url(f"{base}{version.slug}/changes/")
                    if timeline.previous(version)
                    else None,
                    "commits": [
                        {
                            "sha": e.revision.commit,
                            "committed": _stamp(e.revision.committed),
                            "message": e.revision.message,
                            "correction": n > 0,
                        }
                        for n, e in enumerate(version.edits)
                    ],
                }
            )
        policies.setdefault(policy, {"id": policy, "languages": {}})["languages"][lang] = {
            "title": title_of(policy, lang),
            "url": config.public_url(base),
            "history_url": config.public_url(f"{base}history/"),
            "feed_url": config.public_url(f"{base}feed.xml"),
            "in_force": current.slug if current else None,
            "upcoming": [v.slug for v in timeline.upcoming(as_of)],
            "versions": versions,
        }
    document = {
        "as_of": as_of.isoformat(),
        "default_language": config.languages.default,
        "languages": sorted(config.language_codes),
        "policies": [policies[k] for k in sorted(policies)],
        "site": {"title": config.site.title, "url": config.site.url},
    }
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return OutputFile("api/policies.json", text.encode("utf-8"))
