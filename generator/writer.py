"""Stage 7: write the :class:`Site`, one MkDocs build per language, into a staging folder.

The only module that knows MkDocs (with ``mkdocs_plugin`` and ``theme/``). Each language is
one MkDocs build, configured in memory, whose pages the plugin generates in memory; MkDocs
writes them into a folder beside the output, which :mod:`generator.output` swaps in only
when everything succeeded.

This is the escaping boundary towards MkDocs: its Jinja templates do not autoescape, so
every text handed to it (titles, navigation, table of contents, descriptions, language
names, addresses) is escaped here once, as :class:`markupsafe.Markup`; page bodies are
already HTML (markdown-it-py's output and autoescaped templates).
"""

from __future__ import annotations

import contextlib
import importlib.resources
import io
import logging
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from generator import urls
from generator.config import SiteConfig
from generator.errors import BuildError
from generator.i18n import primary_subtag
from generator.mkdocs_plugin import PolicySitePlugin, PreparedPage, TocItem
from generator.output import fault_point
from generator.page_reuse import PageReuse, fingerprint, tools_and_theme
from generator.site import LanguageSite, NavItem, Page, Site
from generator.sitemap import compressed, sitemap
from generator.urls import PageKind, relative

log = logging.getLogger(__name__)

THEME_DIR = Path(str(importlib.resources.files("generator.theme")))
"""policy-site's own theme: mkdocs-material overrides (packaged as ``generator.theme``)."""
LOGOS = ("assets/logo.svg", "assets/logo.png")
"""Where a site's own theme folder may put its logo."""
EXTRA_CSS = "assets/extra.css"
"""Where a site's own theme folder may put its styles (colours, fonts of its own…)."""


@dataclass(frozen=True, slots=True)
class ThemeLayers:
    """The theme folders of one build, most specific first."""

    site: Path | None
    """The site's own overrides (``site.theme``), when the folder exists."""
    packaged: Path = THEME_DIR
    """policy-site's theme."""

    @property
    def custom_dir(self) -> Path:
        """The folder MkDocs takes as ``custom_dir`` (the packaged theme goes after it)."""
        return self.site or self.packaged

    def has(self, name: str) -> bool:
        """Whether the site's own folder holds ``name``."""
        return self.site is not None and (self.site / name).is_file()


def theme_layers(config: SiteConfig) -> ThemeLayers:
    """The site's own theme folder (if any, and if it is not policy-site's) over ours."""
    folder = (config.root / config.site.theme).resolve()
    if not folder.is_dir() or folder == THEME_DIR.resolve():
        return ThemeLayers(None)
    return ThemeLayers(folder)


#: Pages whose redline needs the width: the navigation is hidden there.
_REDLINE_PAGES = (PageKind.CHANGES, PageKind.SINCE, PageKind.COMPARE, PageKind.SECTION_HISTORY)

_MATERIAL_LANGUAGES: frozenset[str] | None = None
_SEARCH_LANGUAGES = frozenset(
    [
        "ar",
        "da",
        "de",
        "du",
        "en",
        "es",
        "fi",
        "fr",
        "he",
        "hi",
        "hu",
        "hy",
        "it",
        "ja",
        "jp",
        "kn",
        "ko",
        "nl",
        "no",
        "pt",
        "ro",
        "ru",
        "sa",
        "sv",
        "ta",
        "te",
        "th",
        "tr",
        "vi",
        "zh",
    ]
)


def _material_language(lang: str) -> str:
    """The mkdocs-material UI language closest to ``lang`` (it ships its own translations)."""
    global _MATERIAL_LANGUAGES
    if _MATERIAL_LANGUAGES is None:
        import material  # type: ignore[import-untyped]

        folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
        _MATERIAL_LANGUAGES = frozenset(p.stem for p in folder.glob("*.html"))
    for candidate in (lang, primary_subtag(lang)):
        if candidate in _MATERIAL_LANGUAGES:
            return candidate
    return "en"


def _prepared(page: Page, lang_site: LanguageSite, config: SiteConfig) -> PreparedPage:
    """``page`` as MkDocs receives it: every text escaped here, at the one boundary."""
    here = f"{lang_site.lang}/{page.url}"
    alternates = []
    default_target = dict(page.alternates).get(config.languages.default)
    targets = [*page.alternates, *([("x-default", default_target)] if default_target else [])]
    for code, target in targets:
        link = relative(here, target)
        alternates.append(
            {
                "lang": escape(code),
                # hreflang wants absolute addresses; the selector works from any host.
                "href": escape(config.public_url(target) if config.site.url else link),
                "relative": escape(link),
                "name": escape(config.language(code).name if code != "x-default" else ""),
            }
        )
    meta: dict[str, Any] = {
        "title": escape(page.title),
        "alternates": alternates,
        "feed": escape(relative(here, urls.feed(lang_site.lang))),
        "hide": ["navigation"] if page.kind in _REDLINE_PAGES else [],
    }
    if page.description:
        meta["description"] = escape(page.description)
    if not page.in_search:
        meta["search"] = {"exclude": True}
    toc = tuple(TocItem(entry.id, escape(entry.name), entry.level) for entry in page.toc)
    return PreparedPage(page.source, page.body, toc, meta)


def _nav_entry(item: NavItem) -> dict[str, Any]:
    """One navigation entry as mkdocs.yml writes it: a page, or a section of pages."""
    if item.children:
        return {escape(item.title): [_nav_entry(child) for child in item.children]}
    return {escape(item.title): (item.url + "index.md") if item.url else "index.md"}


def _mkdocs_config(
    lang_site: LanguageSite, config: SiteConfig, docs: Path, out: Path
) -> dict[str, Any]:
    lang = lang_site.lang
    layers = theme_layers(config)
    logo = next((name for name in LOGOS if layers.has(name)), None)
    search_lang = primary_subtag(lang)
    return {
        "site_name": escape(config.site.title),
        "site_description": escape(config.site.description) if config.site.description else None,
        "site_url": config.public_url(f"{lang}/") if config.site.url else None,
        # No repo_url: the theme would fetch its star count from GitHub on every visit;
        # commit links on the history pages come from site.repo_url instead.
        "docs_dir": str(docs),
        "site_dir": str(out),
        "use_directory_urls": True,
        "strict": False,
        "theme": {
            "name": "material",
            "custom_dir": str(layers.custom_dir),
            **({"logo": logo} if logo else {}),
            "language": _material_language(lang),
            "direction": "rtl" if lang_site.rtl else "ltr",
            "font": False,  # no fonts fetched from another site
            # Not "content.tooltips": it inserts title attributes into the page as HTML
            # (a page or site title would run as script; tests/test_browser.py shows it).
            "features": ["navigation.top", "toc.follow", "search.highlight"],
            "palette": [
                {
                    "media": "(prefers-color-scheme: light)",
                    "scheme": "default",
                    "primary": "indigo",
                    "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"},
                },
                {
                    "media": "(prefers-color-scheme: dark)",
                    "scheme": "slate",
                    "primary": "indigo",
                    "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"},
                },
            ],
        },
        "extra": {
            # The selector itself is rendered per page from the page's alternates
            # (theme/partials/alternate.html); this list only switches it on.
            "alternate": [
                {
                    "name": escape(config.language(code).name or code),
                    "link": f"/{code}/",
                    "lang": code,
                }
                for code in config.language_codes
            ]
            if len(config.language_codes) > 1
            else [],
            "generator": False,
        },
        "extra_css": [
            "assets/policy-site.css",
            "assets/redline.css",
            *([EXTRA_CSS] if layers.has(EXTRA_CSS) else []),
        ],
        "plugins": [
            {"search": {"lang": [search_lang if search_lang in _SEARCH_LANGUAGES else "en"]}},
            "policy-site",
        ],
        "nav": [_nav_entry(item) for item in lang_site.nav],
        "validation": {
            "nav": {"omitted_files": "ignore", "not_found": "warn", "absolute_links": "ignore"},
            "links": {
                "not_found": "ignore",
                "absolute_links": "ignore",
                "unrecognized_links": "ignore",
                "anchors": "ignore",
            },
        },
    }


@contextlib.contextmanager
def _source_date_epoch(timestamp: int) -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(timestamp)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _quiet_jieba() -> None:
    """jieba (Chinese search segmentation) sets its own logger to DEBUG when imported."""
    try:
        import jieba  # type: ignore[import-untyped]
    except ImportError:  # search then indexes Chinese without segmentation
        return
    jieba.setLogLevel(logging.WARNING)


@dataclass(frozen=True, slots=True)
class Written:
    """How the pages were written."""

    rendered: int
    """Pages MkDocs rendered."""
    reused: int
    """Pages copied unchanged from the previous build."""


@dataclass(frozen=True, slots=True)
class _Job:
    """One language's MkDocs build, as a worker process receives it (by fork)."""

    lang_site: LanguageSite
    """The language's pages."""
    settings: dict[str, Any]
    """Its MkDocs configuration."""
    render: dict[str, PreparedPage]
    """The pages MkDocs renders, by source."""
    reused: tuple[str, ...]
    """The pages copied from the previous build instead, by source."""
    work: Path
    """Scratch space."""
    out: Path
    """Where the language's site goes."""

    def run(self, config: SiteConfig, reuse: PageReuse | None, live_reload: bool) -> None:
        """Render, copy what is reused, write the sitemap."""
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config as mkdocs_load_config
        from mkdocs.exceptions import MkDocsException

        (self.work / "docs").mkdir(parents=True)  # empty: pages come from the plugin
        _quiet_jieba()
        try:
            mkdocs_config = mkdocs_load_config(
                io.StringIO("{}"), config_file_path=str(self.work / "mkdocs.yml"), **self.settings
            )
            mkdocs_config.extra["live_reload"] = live_reload
            layers = theme_layers(config)
            if layers.site is not None:  # the site's files first, then ours, then the theme's
                mkdocs_config.theme.dirs.insert(1, str(layers.packaged))
            # The sitemap lists every page, rendered or reused: it is written from the model.
            mkdocs_config.theme.static_templates.discard("sitemap.xml")
            plugin = mkdocs_config.plugins["policy-site"]
            assert isinstance(plugin, PolicySitePlugin)
            plugin.pages = self.render
            mkdocs_build(mkdocs_config)
            for source in self.reused:
                assert reuse is not None
                reuse.copy(self.lang_site.lang, source, self.out)
        except (MkDocsException, OSError) as exc:
            lang = self.lang_site.lang
            raise BuildError(f"MkDocs could not build the '{lang}' site: {exc}") from None
        data = sitemap(self.lang_site, config, int(os.environ["SOURCE_DATE_EPOCH"]))
        (self.out / "sitemap.xml").write_bytes(data)
        (self.out / "sitemap.xml.gz").write_bytes(compressed(data))


@dataclass(frozen=True, slots=True)
class _Run:
    """Everything the worker processes share (inherited by fork)."""

    jobs: list[_Job]
    config: SiteConfig
    reuse: PageReuse | None
    live_reload: bool


_RUN: list[_Run] = []
"""The running build, for the worker processes it forks."""


def _run_job(index: int) -> None:
    run = _RUN[0]
    run.jobs[index].run(run.config, run.reuse, run.live_reload)


def _plan(
    lang_site: LanguageSite,
    config: SiteConfig,
    folder: Path,
    work: Path,
    reuse: PageReuse | None,
    shared: str,
) -> tuple[_Job, dict[str, str]]:
    """One language's job: which pages to render and which to reuse; their fingerprints."""
    lang = lang_site.lang
    settings = _mkdocs_config(lang_site, config, work / lang / "docs", folder / lang)
    render: dict[str, PreparedPage] = {}
    reused: list[str] = []
    prints: dict[str, str] = {}
    for page in lang_site.pages:
        prepared = _prepared(page, lang_site, config)
        prints[page.source] = print_ = fingerprint(settings, shared, prepared)
        # Pages in the navigation or the search index are part of what MkDocs builds from
        # the pages it renders, so they are always rendered.
        if (
            reuse is not None
            and not page.in_nav
            and not page.in_search
            and reuse.reusable(lang, page.source, print_)
        ):
            reused.append(page.source)
        else:
            render[page.source] = prepared
    job = _Job(lang_site, settings, render, tuple(reused), work / lang, folder / lang)
    return job, prints


def write_site(
    site: Site,
    config: SiteConfig,
    folder: Path,
    work: Path,
    *,
    live_reload: bool = False,
    parallel: bool = True,
    reuse: PageReuse | None = None,
    output: Path | None = None,
) -> Written:
    """Write every language (one MkDocs build each) and every other file into ``folder``;
    ``work`` is scratch space (MkDocs wants a docs folder, empty here); ``live_reload``
    makes pages reload when ``serve`` rebuilds. With ``parallel``, languages are built in
    worker processes, as many at once as there are cores (forked, where the system forks).
    With ``reuse``, unchanged pages are copied from the previous site at ``output``."""
    if not THEME_DIR.is_dir():
        raise BuildError(
            f"the theme folder '{THEME_DIR}' is missing.",
            hint="Reinstall policy-site (pip install --force-reinstall policy-site).",
        )
    layers = theme_layers(config)
    shared = tools_and_theme([d for d in (layers.site, layers.packaged) if d is not None])
    shared += f"|live_reload={live_reload}"
    planned = [
        _plan(lang_site, config, folder, work, reuse, shared) for lang_site in site.languages
    ]
    jobs = [job for job, _prints in planned]
    workers = min(len(jobs), os.cpu_count() or 1) if parallel else 1
    with _source_date_epoch(site.timestamp):
        _RUN[:] = [_Run(jobs, config, reuse, live_reload)]
        try:
            if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
                context = multiprocessing.get_context("fork")
                with ProcessPoolExecutor(workers, mp_context=context) as pool:
                    list(pool.map(_run_job, range(len(jobs))))
            else:
                for index in range(len(jobs)):
                    _run_job(index)
        except BrokenProcessPool:
            raise BuildError("a process building the site stopped unexpectedly.") from None
        finally:
            _RUN.clear()
    fault_point("writing")
    for item in site.files:
        target = folder / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.content)
    if reuse is not None and output is not None:
        reuse.save(folder, {job.lang_site.lang: prints for job, prints in planned}, output)
    return Written(sum(len(job.render) for job in jobs), sum(len(job.reused) for job in jobs))
