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
from generator.site.compare import (
    compare_index_page,
    compare_page,
    compare_redirects,
    comparisons,
)
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
from generator.site.redirects import redirect_files
from generator.site.sections import section_history_page, section_lineages, section_redirects
from generator.site.specs import (
    PageSpec,
    core_specs,
    main_spec,
    policy_specs,
    whats_new_specs,
)
from generator.site.whats_new import former_group_files, group_feeds, whats_new_page
from generator.versions import Version

__all__ = [
    "LanguageSite",
    "NavItem",
    "OutputFile",
    "Page",
    "PageSpec",
    "Site",
    "TocEntry",
    "build_site",
    "page_for",
    "policy_title",
]


def main_page(site: SiteContext, policy: str, lang: str) -> Page:
    """A policy's page in one language: the version in force (or the first one)."""
    return page_for(site, main_spec(site, policy, lang))


def _versions(site: SiteContext, spec: PageSpec) -> list[Version]:
    timeline = site.timelines[(spec.policy, spec.lang)]
    found = [timeline.find(day) for day in spec.dates]
    assert all(found), spec
    return [v for v in found if v is not None]


def _policy_page(site: SiteContext, spec: PageSpec) -> Page:
    """A page of one policy, made from its spec."""
    policy, lang, kind = spec.policy, spec.lang, spec.kind
    timeline = site.timelines[(policy, lang)]
    if kind is PageKind.HISTORY:
        return history_page(site, policy, lang)
    if kind is PageKind.COMPARE_INDEX:
        pairs = comparisons(timeline, site.as_of, site.config.compare.all_pairs_up_to)
        return compare_index_page(site, timeline, pairs)
    if kind is PageKind.SECTION_HISTORY:
        lineage = next(x for x in section_lineages(site, policy, lang) if x.id == spec.section)
        return section_history_page(site, lineage, lang)
    versions = _versions(site, spec)
    if kind in (PageKind.POLICY, PageKind.VERSION):
        return policy_page(site, versions[0], lang, is_home=kind is PageKind.POLICY)
    if kind is PageKind.CHANGES:
        return changes_page(site, versions[0], versions[1], lang, PageKind.CHANGES)
    if kind is PageKind.CORRECTION:
        (page,) = [
            page for page in correction_pages(site, versions[0], lang) if page.url == spec.url
        ]
        return page
    if kind is PageKind.SINCE:
        # Once there is a version in force, every version has a since/ page, so the
        # addresses published stay when the version in force changes.
        reference = timeline.reference(site.as_of)
        assert reference is not None
        old, new = sorted((reference, versions[0]), key=lambda v: v.effective_date)
        return changes_page(site, old, new, lang, PageKind.SINCE)
    assert kind is PageKind.COMPARE, spec
    return compare_page(site, versions[0], versions[1], lang)


def page_for(site: SiteContext, spec: PageSpec) -> Page:
    """The page ``spec`` describes (its alternates not filled in: :func:`with_alternates`)."""
    lang = spec.lang
    if spec.kind is PageKind.HOME:
        return home_page(site, lang)
    if spec.kind is PageKind.WHATS_NEW:
        groups = site.grouping.groups
        group = next((g for g in groups if g.slug == spec.group), None) if spec.group else None
        records = amendments(site, lang)
        if group is not None:
            records = [r for r in records if r.group == group.id]
        return whats_new_page(site, lang, records, groups, group)
    return _policy_page(site, spec)


def policy_pages(site: SiteContext, policy: str, lang: str, *, main: bool = True) -> list[Page]:
    """A policy's page (unless not ``main``), history, every version and every redline, in
    one language; :func:`generator.site.specs.policy_specs` lists them before they are made."""
    pages = [page_for(site, spec) for spec in policy_specs(site, policy, lang, main=main)]
    site.release()  # no other file's pages compare these versions
    return pages


def core_pages(site: SiteContext, lang: str) -> list[Page]:
    """The pages every MkDocs build of ``lang`` needs, as its navigation and search index
    are made from them: the language's home, each policy's page, the what's new pages, then
    the announced (upcoming) versions (MkDocs indexes the navigation's pages first, then the
    others in their order); :func:`generator.site.specs.core_specs` lists them."""
    return [page_for(site, spec) for spec in core_specs(site, lang)]


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
    files = [source_file(v, lang) for v in timeline.versions]
    return files + policy_redirects(site, policy, lang)


def source_file(version: Version, lang: str) -> OutputFile:
    """A version's source file, as committed."""
    address = urls.source(lang, version.policy, version.effective_date)
    return OutputFile(address, source_bytes(version), version.policy)


def policy_redirects(site: SiteContext, policy: str, lang: str) -> list[OutputFile]:
    """The redirects that keep a policy's earlier comparison and section addresses working."""
    return [
        replace(file, owner=policy)
        for file in (*compare_redirects(site, policy, lang), *section_redirects(site, policy, lang))
    ]


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
    languages = []
    for lang in codes:
        pages = [home_page(site, lang)]
        for policy in site.policies:
            if (policy, lang) in site.timelines:
                pages += policy_pages(site, policy, lang)
        pages += [page_for(site, spec) for spec in whats_new_specs(site, lang)]
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
        title=config.site_title(default),
        target=urls.home(default),
        canonical=address(default),
        alternates=[Link(address(code), "", code) for code in config.language_codes]
        + [Link(address(default), "", "x-default")],
    )
    return OutputFile("index.html", html.encode("utf-8"))
