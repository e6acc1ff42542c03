"""Stage 6: timelines + as-of date → the whole :class:`Site` in memory (every page and file).

Pure: nothing here reads git, the clock or the disk (templates aside). The writer writes
what :func:`build_site` returns. Every link between pages is relative (:mod:`generator.base.urls`),
so the site works under any base path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace

from generator.base import urls
from generator.base.cache import ContentStore
from generator.base.urls import PageKind
from generator.config import SiteConfig
from generator.render.i18n import is_rtl
from generator.site.amendments import amendments
from generator.site.api import api_files
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
from generator.site.corrections import correction_pages
from generator.site.feeds import atom_feeds, html_safe_json
from generator.site.groups import UnknownGroup
from generator.site.history import history_page
from generator.site.model import (
    LanguageSite,
    Link,
    NavItem,
    OutputFile,
    Page,
    Site,
    TocEntry,
)
from generator.site.page_addresses import (
    Addresses,
    alternates,
    offered_addresses,
    site_addresses,
)
from generator.site.pages import home_page, policy_page
from generator.site.printed import Printer, print_jobs
from generator.site.record import PATH as RECORD_PATH
from generator.site.record import RecordInput, record_json
from generator.site.record_pages import record_files
from generator.site.record_update import next_record
from generator.site.records import Amendment
from generator.site.redirects import redirect_files
from generator.site.sections import section_pages, section_redirects
from generator.site.whats_new import former_group_files, group_feeds, whats_new_pages
from generator.versions import Status

__all__ = [
    "LanguageSite",
    "NavItem",
    "OutputFile",
    "Page",
    "Site",
    "TocEntry",
    "build_site",
    "policy_title",
]


def main_page(site: SiteContext, policy: str, lang: str) -> Page:
    """A policy's page in one language: the version in force (or the first one)."""
    timeline = site.timelines[(policy, lang)]
    # What every since/ page compares with: the version in force (for a withdrawn policy,
    # the last one that applied).
    reference = timeline.reference(site.as_of)
    return policy_page(site, reference or timeline.versions[0], lang, is_home=True)


def policy_pages(site: SiteContext, policy: str, lang: str, *, main: bool = True) -> list[Page]:
    """A policy's page (unless not ``main``), history, every version and every redline, in
    one language; :func:`generator.site.page_addresses.policy_addresses` lists their addresses."""
    timeline = site.timelines[(policy, lang)]
    # Once there is a version in force, every version has a since/ page, so the addresses
    # published stay when the version in force changes.
    reference = timeline.reference(site.as_of)
    pages = [main_page(site, policy, lang)] if main else []
    pages.append(history_page(site, policy, lang))
    for version in timeline.versions:
        pages.append(policy_page(site, version, lang, is_home=False))
        pages += correction_pages(site, version, lang)
        previous = timeline.previous(version)
        if previous is not None:
            pages.append(changes_page(site, previous, version, lang, PageKind.CHANGES))
        if reference is not None:
            old, new = sorted((reference, version), key=lambda v: v.effective_date)
            pages.append(changes_page(site, old, new, lang, PageKind.SINCE))
    pages += compare_pages(site, policy, lang)
    pages += section_pages(site, policy, lang)
    site.diffs.release()  # no other file's pages compare these versions
    return pages


def core_pages(
    site: SiteContext, lang: str, records: Sequence[Amendment] | None = None
) -> list[Page]:
    """The pages every MkDocs build of ``lang`` needs, as its navigation and search index
    are made from them: the language's home, each policy's page, the what's new pages, then
    the announced (upcoming) versions (MkDocs indexes the navigation's pages first, then the
    others in their order).

    ``records`` are the language's amendments; a part that does not keep the language's own
    pages passes None, as it needs the what's new pages only as entries of its navigation."""
    timelines = [site.timelines[(p, lang)] for p in site.policies if (p, lang) in site.timelines]
    pages = [home_page(site, lang)]
    pages += [main_page(site, timeline.policy, lang) for timeline in timelines]
    pages += whats_new_pages(site, lang, records or [], site.grouping.groups)
    pages += [
        policy_page(site, version, lang, is_home=False)
        for timeline in timelines
        for version in timeline.versions
        if timeline.status(version, site.as_of) is Status.UPCOMING
    ]
    return pages


def navigation(site: SiteContext, lang: str) -> tuple[NavItem, ...]:
    """Home, what's new, then the policies: under their groups' headings when there are
    groups (policies in none last, as they are on the home page)."""
    words = site.words(lang)
    entries = {
        policy: NavItem(site.title(policy, lang), f"{policy}/")
        for policy in site.policies
        if (policy, lang) in site.timelines
    }
    nav = [
        NavItem(words("Home")),
        NavItem(words("What's new"), urls.whats_new(lang)[len(lang) + 1 :]),
    ]
    if not site.grouping.groups:
        return (*nav, *entries.values())
    for group in site.grouping.groups:
        children = tuple(entries[p] for p in group.policies if p in entries)
        if children:
            nav.append(NavItem(group.title(lang, site.default), children=children))
    nav += [entry for policy, entry in entries.items() if not site.grouping.of.get(policy)]
    return tuple(nav)


def policy_files(site: SiteContext, policy: str, lang: str) -> list[OutputFile]:
    """A policy's source files and the redirects that keep its earlier addresses working."""
    timeline = site.timelines[(policy, lang)]
    files = [
        OutputFile(urls.source(lang, policy, v.effective_date), source_bytes(v), policy)
        for v in timeline.versions
    ]
    files += [
        replace(file, owner=policy)
        for file in (*compare_redirects(site, policy, lang), *section_redirects(site, policy, lang))
    ]
    return files


def _policy_files(site: SiteContext) -> list[OutputFile]:
    """Every policy's files, in every published language."""
    files = []
    for policy, lang in sorted(site.timelines):
        if lang in site.config.language_codes:
            files += policy_files(site, policy, lang)
    return files


def with_alternates(pages: list[Page], addresses: Addresses, codes: Sequence[str]) -> list[Page]:
    """``pages`` with their alternates filled in from every language's ``addresses``."""
    return [
        replace(page, alternates=alternates(addresses, codes, page.url, page.policy))
        for page in pages
    ]


def site_timestamp(timelines: Timelines) -> int:
    """Seconds since the epoch of the newest commit: MkDocs' SOURCE_DATE_EPOCH."""
    newest = max(
        (e.revision.committed for t in timelines.values() for v in t.versions for e in v.edits),
        default=dt.datetime(1980, 1, 1, tzinfo=dt.UTC),
    )
    return int(newest.timestamp())


def site_files(site: SiteContext, addresses: Addresses) -> list[OutputFile]:
    """The files made for the whole site: the root redirect, feeds (each group's too), the
    JSON index and the redirects from former addresses (not the policies' own files)."""
    codes = site.config.language_codes
    groups = site.grouping.groups
    wide = [_root_redirect(site.config), *atom_feeds(site), *api_files(site)]
    # The amendment records are kept on the site context once worked out.
    wide += [f for lang in codes for f in group_feeds(site, lang, amendments(site, lang), groups)]
    pages = [f"{lang}/{url}" for lang, found in addresses.items() for url in found]
    own = _policy_files(site)
    wide += redirect_files(site, pages, [*wide, *own])
    wide += [
        f for lang in codes for f in former_group_files(site, lang, site.grouping.former, wide)
    ]
    # The publication record, and whatever keeps the addresses it lists answering.
    record = next_record(site)
    wide.append(
        OutputFile(
            RECORD_PATH, html_safe_json(record_json(record, site.config.public_url)).encode("utf-8")
        )
    )
    wide += record_files(site, record, pages, [*wide, *own])
    return sorted(wide, key=lambda f: f.path)


def group_warnings(site: SiteContext) -> list[str]:
    """A warning for each ``group:`` that names no group, naming the file."""
    return [_group_warning(site.config, found) for found in site.grouping.unknown]


def _group_warning(config: SiteConfig, found: UnknownGroup) -> str:
    where = f"{found.path}:{found.line}" if found.line else found.path
    return (
        f"{where}: 'group: {found.group}' names no group of {config.file}; the policy is "
        "listed without it (policy-site check says more)."
    )


def print_pdfs(
    site: SiteContext, printer: Printer, keep: Callable[[str, str], bool] | None = None
) -> tuple[list[OutputFile], list[str]]:
    """Every published version's PDF (noted in ``site.pdfs``, so that pages and the API link
    to it), and the ones that failed; with ``keep``, only those of the (policy, language)
    pairs it accepts (the parts a shard builds)."""
    files, problems = [], []
    for printed in printer(print_jobs(site, keep)):
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
    record: RecordInput | None = None,
) -> Site:
    """The whole site for ``as_of`` in memory: pages per language, feeds, JSON index, root
    redirect (``build`` writes it in parts instead; tests and tools read it whole).

    ``store`` keeps diffs across builds (the only input besides the arguments; without it,
    nothing here touches the disk). With ``printer`` and ``pdf: true``, every published
    version gets a PDF, made by ``printer`` first so that pages and API link to it.
    ``record`` carries the previous deployment's publication record."""
    site = SiteContext(config, timelines, as_of, DiffCache(store), record=record or RecordInput())
    pdf_files, problems = print_pdfs(site, printer) if printer and config.pdf else ([], [])
    addresses = site_addresses(site)
    offered = offered_addresses(site, addresses)
    codes = config.language_codes
    # Small records of every amendment: the what's new pages and group feeds need no more.
    records = {lang: amendments(site, lang) for lang in codes}
    languages = []
    for lang in codes:
        pages = [home_page(site, lang)]
        for policy in site.policies:
            if (policy, lang) in site.timelines:
                pages += policy_pages(site, policy, lang)
        pages += whats_new_pages(site, lang, records[lang], site.grouping.groups)
        languages.append(
            LanguageSite(
                lang=lang,
                name=site.language_name(lang),
                rtl=is_rtl(lang),
                pages=tuple(with_alternates(pages, offered, codes)),
                nav=navigation(site, lang),
            )
        )
    files = [*site_files(site, addresses), *_policy_files(site), *pdf_files]
    return Site(
        tuple(languages),
        tuple(sorted(files, key=lambda f: f.path)),
        site_timestamp(timelines),
        (*group_warnings(site), *problems),
    )


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
