"""Stage 6: timelines + as-of date → the whole :class:`Site` in memory (every page and file).

Pure: nothing here reads git, the clock or the disk (templates aside). The writer writes
what :func:`build_site` returns. Every link between pages is relative (:mod:`generator.urls`),
so the site works under any base path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

from generator import urls
from generator.cache import ContentStore
from generator.config import SiteConfig
from generator.i18n import is_rtl
from generator.site.changes import changes_page
from generator.site.compare import compare_pages, compare_redirects
from generator.site.context import (
    TEMPLATES,
    DiffCache,
    SiteContext,
    Timelines,
    policy_title,
    source_bytes,
)
from generator.site.feeds import api_index, atom_feeds
from generator.site.history import history_page
from generator.site.model import LanguageSite, Link, OutputFile, Page, Site, TocEntry
from generator.site.pages import home_page, policy_page
from generator.site.printed import Printer, print_jobs
from generator.site.redirects import redirect_files
from generator.site.sections import section_pages, section_redirects
from generator.urls import PageKind

__all__ = [
    "LanguageSite",
    "OutputFile",
    "Page",
    "Site",
    "TocEntry",
    "build_site",
    "policy_title",
]


def _policy_pages(site: SiteContext, policy: str, lang: str) -> list[Page]:
    """A policy's page, history, every version and every redline, in one language."""
    timeline = site.timelines[(policy, lang)]
    # What every since/ page compares with: the version in force (for a withdrawn policy,
    # the last one that applied). Once there is one, every version has a since/ page, so
    # the addresses published stay when the version in force changes.
    reference = timeline.reference(site.as_of)
    pages = [
        policy_page(site, reference or timeline.versions[0], lang, is_home=True),
        history_page(site, policy, lang),
    ]
    for version in timeline.versions:
        pages.append(policy_page(site, version, lang, is_home=False))
        previous = timeline.previous(version)
        if previous is not None:
            pages.append(changes_page(site, previous, version, lang, PageKind.CHANGES))
        if reference is not None:
            old, new = sorted((reference, version), key=lambda v: v.effective_date)
            pages.append(changes_page(site, old, new, lang, PageKind.SINCE))
    pages += compare_pages(site, policy, lang)
    pages += section_pages(site, policy, lang)
    return pages


def _policy_files(site: SiteContext) -> list[OutputFile]:
    """Each version's source file, and the redirects that keep earlier addresses working."""
    files = []
    for (policy, lang), timeline in sorted(site.timelines.items()):
        if lang not in site.config.language_codes:
            continue
        files += [
            OutputFile(urls.source(lang, policy, v.effective_date), source_bytes(v))
            for v in timeline.versions
        ]
        files += compare_redirects(site, policy, lang)
        files += section_redirects(site, policy, lang)
    return files


def _language(site: SiteContext, lang: str) -> LanguageSite:
    words = site.words(lang)
    pages = [home_page(site, lang)]
    nav = [(words("Home"), "")]
    for policy in site.policies:
        if (policy, lang) in site.timelines:
            pages.extend(_policy_pages(site, policy, lang))
            nav.append((site.title(policy, lang), f"{policy}/"))
    return LanguageSite(
        lang=lang,
        name=site.language_name(lang),
        rtl=is_rtl(lang),
        pages=tuple(pages),
        nav=tuple(nav),
    )


def _printed(site: SiteContext, printer: Printer) -> tuple[list[OutputFile], list[str]]:
    """Every published version's PDF (noted in ``site.pdfs``), and the ones that failed."""
    files, problems = [], []
    for printed in printer(print_jobs(site)):
        if printed.content is None:
            problems.append(printed.problem)
            continue
        site.pdfs[printed.path] = hashlib.sha256(printed.content).hexdigest()
        files.append(OutputFile(printed.path, printed.content))
    return files, problems


def build_site(
    config: SiteConfig,
    timelines: Timelines,
    as_of: dt.date,
    *,
    store: ContentStore | None = None,
    printer: Printer | None = None,
) -> Site:
    """The whole site for ``as_of``: pages per language, feeds, JSON index, root redirect.

    ``store`` keeps diffs across builds (the only input besides the arguments; without it,
    nothing here touches the disk). With ``printer`` and ``pdf: true``, every published
    version gets a PDF, made by ``printer`` first so that pages and API link to it."""
    site = SiteContext(config, timelines, as_of, DiffCache(store))
    pdf_files, problems = _printed(site, printer) if printer and config.pdf else ([], [])
    languages = _with_alternates([_language(site, lang) for lang in config.language_codes])
    newest = max(
        (e.revision.committed for t in timelines.values() for v in t.versions for e in v.edits),
        default=dt.datetime(1980, 1, 1, tzinfo=dt.UTC),
    )
    files = [_root_redirect(config), *atom_feeds(site), api_index(site), *_policy_files(site)]
    files += redirect_files(site, languages, files)
    files += pdf_files
    return Site(
        tuple(languages),
        tuple(sorted(files, key=lambda f: f.path)),
        int(newest.timestamp()),
        tuple(problems),
    )


def _with_alternates(languages: list[LanguageSite]) -> list[LanguageSite]:
    """Fill each page's alternates from the pages every language really has."""
    addresses = {site.lang: {page.url for page in site.pages} for site in languages}

    def counterpart(lang: str, page: Page) -> str:
        for candidate in (page.url, f"{page.policy}/" if page.policy else ""):
            if candidate in addresses[lang]:
                return f"{lang}/{candidate}"
        return urls.home(lang)

    return [
        replace(
            site,
            pages=tuple(
                replace(
                    page, alternates=tuple((s.lang, counterpart(s.lang, page)) for s in languages)
                )
                for page in site.pages
            ),
        )
        for site in languages
    ]


def _root_redirect(config: SiteConfig) -> OutputFile:
    default = config.languages.default

    def address(code: str) -> str:
        return config.public_url(urls.home(code)) if config.site.url else urls.home(code)

    html = TEMPLATES.get_template("redirect.html").render(
        lang=default,
        title=config.site.title,
        target=urls.home(default),
        canonical=address(default),
        alternates=[Link(address(code), "", code) for code in config.language_codes]
        + [Link(address(default), "", "x-default")],
    )
    return OutputFile("index.html", html.encode("utf-8"))
