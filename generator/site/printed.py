"""The print copy of each published version: everything its PDF is made from.

A :class:`PrintJob` holds the whole HTML document of one version in one language (made
here, through the autoescaped templates: the one escaping boundary) and its dates, so
that making the PDF is one function of it (``generator.output.pdf.pdf_bytes``), with no other
input and no shared state. The build hands :func:`build_site` a :data:`Printer` that turns
the jobs into PDFs; pages, history and API then link only to the PDFs that were made.
Drafts and previews (``serve``) never get one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.base import urls
from generator.base.languages import language_tag
from generator.render.i18n import is_rtl
from generator.site.context import TEMPLATES, SiteContext, rebase_links, source_sha256
from generator.site.periods import outdated_line, period_line
from generator.versions import Version


@dataclass(frozen=True, slots=True)
class PrintJob:
    """One version in one language, ready to be laid out as a PDF."""

    path: str
    """Where the PDF goes, from the site root (:func:`generator.base.urls.pdf`)."""
    label: str
    """The version in messages: ``privacy, version of 2026-01-01 (en)``."""
    lang: str
    """The document's language."""
    html: str
    """The whole HTML document: header, the policy text, the facts that verify it."""
    created: str
    """When the version was adopted (its first commit), as a W3C date-time in UTC."""
    modified: str
    """When its text was last corrected (its last commit), as a W3C date-time in UTC."""


@dataclass(frozen=True, slots=True)
class Printed:
    """What became of one :class:`PrintJob`."""

    path: str
    """The job's :attr:`PrintJob.path`."""
    content: bytes | None
    """The PDF, or None when it could not be made."""
    problem: str = ""
    """Why it could not be made (a build warning naming the version)."""


Printer = Callable[[Sequence[PrintJob]], Sequence[Printed]]
"""Turns print jobs into PDFs, one :class:`Printed` per job, in order."""


def _w3c(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_line(site: SiteContext, version: Version, lang: str) -> str:
    """The version's status on the as-of day in words that do not go stale once printed:
    "In force from … until …" rather than "current"; for an outdated translation, also
    which version it reflects and which applies instead."""
    words = site.words(lang)
    outdated = outdated_line(site, version, lang)
    period = period_line(site, version, lang)
    return period + (words.space + outdated if outdated else "")


def print_job(site: SiteContext, version: Version, lang: str) -> PrintJob:
    """The print copy of ``version`` in ``lang``."""
    words = site.words(lang)
    policy, day = version.policy, version.effective_date
    here = urls.version(lang, policy, day)
    public = site.config.public_url
    title = site.title(policy, lang, version)
    last = version.edits[-1].revision
    created, modified = _w3c(version.adopted.committed), _w3c(last.committed)
    html = TEMPLATES.get_template("print.html").render(
        words=words,
        lang=language_tag(lang),
        direction="rtl" if is_rtl(lang) else "ltr",
        title=title,
        site_title=site.config.site_title(lang),
        effective=words.month(day) if version.dated.approximate else words.date(day),
        status=status_line(site, version, lang),
        document_html=rebase_links(version.document.html, urls.policy(lang, policy), here, public),
        address=public(here),
        source_url=public(urls.source(lang, policy, day)),
        adopted=version.adopted,
        corrected=last if len(version.edits) > 1 else None,
        sha256=source_sha256(version),
        created=created,
        modified=modified,
    )
    return PrintJob(
        path=urls.pdf(lang, policy, day),
        label=f"{policy}, version of {version.slug} ({lang})",
        lang=lang,
        html=html,
        created=created,
        modified=modified,
    )


def print_jobs(site: SiteContext, keep: Callable[[str, str], bool] | None = None) -> list[PrintJob]:
    """A job for every published version in every language (never a draft); with ``keep``,
    only for the (policy, language) pairs it accepts."""
    return [
        print_job(site, version, lang)
        for (policy, lang), timeline in sorted(site.timelines.items())
        if lang in site.config.language_codes and (keep is None or keep(policy, lang))
        for version in timeline.versions
        if not version.is_draft
    ]
