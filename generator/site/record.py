"""The publication record, ``api/published.json``: what the public has been shown.

Every build writes it; the next build reads the live site's copy before it writes anything
(:mod:`generator.site.record_findings` compares the two). It lists, for every policy,
language and version ever published, the address, the effective date, the SHA-256 of the
text served at ``source.md`` with its commit and file, and the as-of day of the build that
first published it; the earlier texts a correction replaced; every replacement accepted
with ``--accept-changed-history`` (day, reason, earlier SHA-256); the versions withdrawn
from the record and the postponed ones; and, in a compact form, the other addresses that
must keep answering (sub-pages, comparisons, section histories, group pages).

This module holds the model and its JSON form; reading untrusted JSON back is
:mod:`generator.site.record_reading`'s.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.base import urls

FORMAT = 1
"""The record's format; a later policy-site that changes it reads this one too."""
PATH = "api/published.json"
"""Where the record is published, from the site root."""


@dataclass(frozen=True, slots=True)
class Text:
    """One text published at a version's address, as its ``source.md``."""

    sha256: str
    """SHA-256 (hex) of the file's bytes."""
    commit: str
    """The commit that holds it."""
    path: str
    """The file at that commit: ``git show <commit>:<path> | sha256sum`` gives ``sha256``."""
    published: dt.date
    """The as-of day of the build that first published it."""


@dataclass(frozen=True, slots=True)
class Replaced:
    """A published text the history no longer holds, replaced by an accepted build."""

    text: Text
    """The text as it was published."""
    day: dt.date
    """The as-of day of the build that accepted its replacement."""
    reason: str
    """The reason given with ``--accept-changed-history``."""


@dataclass(frozen=True, slots=True)
class Gone:
    """A published version no longer in the history, withdrawn from the record."""

    day: dt.date
    """The as-of day of the build that accepted its loss."""
    reason: str
    """The reason given with ``--accept-changed-history``."""


@dataclass(frozen=True, slots=True)
class Published:
    """One version of one policy in one language, as the public has been shown it."""

    policy: str
    """The policy's id when it was published (a renamed policy keeps its former entries)."""
    lang: str
    """Language code."""
    effective_date: dt.date
    """The version's effective date (its address)."""
    first_published: dt.date
    """The as-of day of the build that first published the version."""
    text: Text
    """The text served now (for a version withdrawn from the record, the last one served)."""
    earlier: tuple[Text, ...] = ()
    """Texts served before a correction, oldest first, that the history still holds."""
    replaced: tuple[Replaced, ...] = ()
    """Texts served once that the history no longer holds (accepted replacements)."""
    pages: tuple[str, ...] = ()
    """The addresses published under the version's own (``changes/``, ``since/``, the PDF)."""
    gone: Gone | None = None
    """Set once the version left the history and the build that found it was accepted."""
    postponed_to: dt.date | None = None
    """The date the version moved to, when it was postponed before it took effect."""

    @property
    def key(self) -> tuple[str, str, dt.date]:
        """(policy, language, effective date)."""
        return (self.policy, self.lang, self.effective_date)

    @property
    def url(self) -> str:
        """The version page's address from the site root."""
        return urls.version(self.lang, self.policy, self.effective_date)


@dataclass(frozen=True, slots=True)
class PolicyAddresses:
    """The addresses of a policy's pages in one language that versions do not name."""

    comparisons: frozenset[tuple[dt.date, dt.date]] = frozenset()
    """Every comparison published (older date, newer date)."""
    sections: frozenset[str] = frozenset()
    """Every section id that had a history page."""


@dataclass(frozen=True)
class Record:
    """What every deployment so far has published."""

    as_of: dt.date
    """The as-of day of the build that wrote it."""
    versions: tuple[Published, ...] = ()
    """Every version ever published, by policy, language and date."""
    addresses: Mapping[tuple[str, str], PolicyAddresses] = field(default_factory=dict)
    """(policy, language) → its comparisons and section histories."""
    groups: Mapping[str, str] = field(default_factory=dict)
    """Each group address segment (slug) ever published → the id of its group."""

    @functools.cached_property
    def _by_key(self) -> dict[tuple[str, str, dt.date], Published]:
        return {entry.key: entry for entry in self.versions}

    def find(self, policy: str, lang: str, day: dt.date) -> Published | None:
        """The entry of one version, if it was published."""
        return self._by_key.get((policy, lang, day))

    def of(self, policy: str, lang: str) -> PolicyAddresses:
        """The comparisons and section histories published for a policy in a language."""
        return self.addresses.get((policy, lang), PolicyAddresses())


def _text_json(text: Text) -> dict[str, Any]:
    return {
        "commit": text.commit,
        "path": text.path,
        "published": text.published.isoformat(),
        "sha256": text.sha256,
    }


def _version_json(entry: Published, public: Callable[[str], str]) -> dict[str, Any]:
    return {
        **_text_json(entry.text),
        "policy": entry.policy,
        "lang": entry.lang,
        "effective_date": entry.effective_date.isoformat(),
        "url": public(entry.url),
        "source_url": public(urls.source(entry.lang, entry.policy, entry.effective_date)),
        "first_published": entry.first_published.isoformat(),
        "earlier": [_text_json(text) for text in entry.earlier],
        "replaced": [
            {**_text_json(gone.text), "replaced_on": gone.day.isoformat(), "reason": gone.reason}
            for gone in entry.replaced
        ],
        "pages": sorted(entry.pages),
        "withdrawn": {"day": entry.gone.day.isoformat(), "reason": entry.gone.reason}
        if entry.gone
        else None,
        "postponed_to": entry.postponed_to.isoformat() if entry.postponed_to else None,
    }


def record_json(record: Record, public: Callable[[str], str] = str) -> dict[str, Any]:
    """The record as JSON data (sorted throughout); ``public`` makes an address from the
    site root a full one (``site.url``)."""
    addresses: dict[str, dict[str, Any]] = {}
    for (policy, lang), found in sorted(record.addresses.items()):
        if found.comparisons or found.sections:
            addresses.setdefault(lang, {})[policy] = {
                "comparisons": [
                    f"{old.isoformat()}{urls.PAIR}{new.isoformat()}"
                    for old, new in sorted(found.comparisons)
                ],
                "sections": sorted(found.sections),
            }
    return {
        "format": FORMAT,
        "as_of": record.as_of.isoformat(),
        "versions": [
            _version_json(entry, public)
            for entry in sorted(record.versions, key=lambda v: (v.lang, v.policy, v.effective_date))
        ],
        "addresses": addresses,
        "groups": dict(sorted(record.groups.items())),
    }


@dataclass(frozen=True, slots=True)
class RecordInput:
    """What a build knows of earlier deployments: plain data, read at the edge."""

    previous: Record | None = None
    """The previous deployment's record (None for a first deployment)."""
    reason: str | None = None
    """The reason given with ``--accept-changed-history``, when the findings are accepted."""
    withdrawn_texts: Mapping[tuple[str, str, dt.date], bytes] = field(default_factory=dict)
    """The texts of the versions withdrawn from the record, as the previous deployment
    served them at their ``source.md`` (each checked against its SHA-256), by
    :attr:`Published.key`: they keep being served there."""
