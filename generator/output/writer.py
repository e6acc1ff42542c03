"""Stage 7: one MkDocs build of some pages of one language, configured in memory.

The only module that knows MkDocs (with ``mkdocs_plugin`` and ``theme/``). The plugin hands
MkDocs the pages from memory; :mod:`generator.parts` decides which pages each build gets
and where its files go (a folder beside the output, which :mod:`generator.output.folder` swaps in
only when everything succeeded).

This is the escaping boundary towards MkDocs: its Jinja templates do not autoescape, so
every text handed to it (titles, navigation, table of contents, descriptions, language
names, addresses) is escaped here once, as :class:`markupsafe.Markup`; page bodies are
already HTML (markdown-it-py's output and autoescaped templates).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.resources
import io
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from generator.base import urls
from generator.base.errors import BuildError
from generator.base.languages import is_rtl, language_tag, nearest, primary_subtag
from generator.base.urls import PageKind, relative
from generator.config import SiteConfig
from generator.output.mkdocs_plugin import NAV_OWN, PolicySitePlugin, PreparedPage, TocItem
from generator.output.page_reuse import tools_and_theme
from generator.output.theme_cache import cached_environment
from generator.site import NavItem, Page
from generator.site.chrome import theme_words

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


#: Pages the navigation lists (their own entry, or one every part's navigation has).
_IN_NAVIGATION = (PageKind.HOME, PageKind.POLICY, PageKind.WHATS_NEW)
#: Pages whose redline needs the width: the navigation is hidden there.
_REDLINE_PAGES = (
    PageKind.CHANGES,
    PageKind.SINCE,
    PageKind.COMPARE,
    PageKind.SECTION_HISTORY,
    PageKind.CORRECTION,
)

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


def material_language(lang: str) -> str:
    """The mkdocs-material UI language nearest to ``lang`` (it ships its own translations:
    ``pt-BR`` has its own, ``zh-CN`` reads ``zh``, ``zh-HK`` ``zh-Hant``, ``es-419`` ``es``),
    English when it has none."""
    global _MATERIAL_LANGUAGES
    if _MATERIAL_LANGUAGES is None:
        import material  # type: ignore[import-untyped]

        folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
        _MATERIAL_LANGUAGES = frozenset(p.stem for p in folder.glob("*.html"))
    return nearest(lang, _MATERIAL_LANGUAGES) or "en"


def prepared_page(page: Page, lang: str, config: SiteConfig) -> PreparedPage:
    """``page`` as MkDocs receives it: every text escaped here, at the one boundary."""
    here = f"{lang}/{page.url}"
    alternates = []
    default_target = dict(page.alternates).get(config.languages.default)
    targets = [*page.alternates, *([("x-default", default_target)] if default_target else [])]
    for code, target in targets:
        link = relative(here, target)
        alternates.append(
            {
                "lang": escape(language_tag(code)),
                # hreflang wants absolute addresses; the selector works from any host.
                "href": escape(config.public_url(target) if config.site.url else link),
                "relative": escape(link),
                "name": escape(config.language(code).name if code != "x-default" else ""),
            }
        )
    meta: dict[str, Any] = {
        "title": escape(page.title),
        "alternates": alternates,
        "feed": escape(relative(here, urls.feed(lang))),
        "hide": ["navigation"] if page.kind in _REDLINE_PAGES else [],
    }
    if page.kind not in _IN_NAVIGATION:
        # A page the navigation does not list keeps, on a long menu, the way home and to
        # its own policy (generator.output.mkdocs_plugin).
        meta[NAV_OWN] = ["", urls.whats_new(lang)[len(lang) + 1 :], f"{page.policy}/"]
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


_PALETTE = [
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
]
"""mkdocs-material's light and dark schemes, following the reader's system setting."""


def _theme(lang: str, layers: ThemeLayers) -> dict[str, Any]:
    """mkdocs-material's settings for one language, over our theme folders."""
    logo = next((name for name in LOGOS if layers.has(name)), None)
    return {
        "name": "material",
        "custom_dir": str(layers.custom_dir),
        **({"logo": logo} if logo else {}),
        "language": material_language(lang),
        "direction": "rtl" if is_rtl(lang) else "ltr",
        "font": False,  # no fonts fetched from another site
        # Not "content.tooltips": it inserts title attributes into the page as HTML
        # (a page or site title would run as script; tests/test_browser.py shows it).
        "features": ["navigation.top", "toc.follow", "search.highlight"],
        "palette": _PALETTE,
    }


def _alternate(config: SiteConfig) -> list[dict[str, str]]:
    """The language selector's entries (none for a site in one language)."""
    if len(config.language_codes) < 2:
        return []
    return [
        {"name": escape(config.language(code).name or code), "link": f"/{code}/", "lang": code}
        for code in config.language_codes
    ]


def mkdocs_settings(
    lang: str, nav: Sequence[NavItem], config: SiteConfig, docs: Path, out: Path
) -> dict[str, Any]:
    """The MkDocs configuration of one language's build (``nav``: its navigation), from
    ``docs`` into ``out``."""
    layers = theme_layers(config)
    search_lang = primary_subtag(lang)
    return {
        "site_name": escape(config.site_title(lang)),
        "site_description": escape(description)
        if (description := config.site_description(lang))
        else None,
        "site_url": config.public_url(f"{lang}/") if config.site.url else None,
        # No repo_url: the theme would fetch its star count from GitHub on every visit;
        # commit links on the history pages come from site.repo_url instead.
        "docs_dir": str(docs),
        "site_dir": str(out),
        "use_directory_urls": True,
        "strict": False,
        "theme": _theme(lang, layers),
        "extra": {
            # The selector itself is rendered per page from the page's alternates
            # (theme/partials/alternate.html); this list only switches it on.
            "alternate": _alternate(config),
            # <html lang> is the page's language as configured (pt-BR), where the theme
            # would write its own nearest one (pt): theme/partials/language.html.
            "language": language_tag(lang),
            "generator": False,
            # The footer's and the not-found page's words (theme/partials/footer.html,
            # theme/404.html), escaped.
            "policy_site": theme_words(config, lang),
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
        "nav": [_nav_entry(item) for item in nav],
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


def _quiet_jieba() -> None:
    """jieba (Chinese search segmentation) sets its own logger to DEBUG when imported."""
    try:
        import jieba  # type: ignore[import-untyped]
    except ImportError:  # search then indexes Chinese without segmentation
        return
    jieba.setLogLevel(logging.WARNING)


def run_mkdocs(
    settings: dict[str, Any],
    pages: dict[str, PreparedPage],
    config: SiteConfig,
    *,
    live_reload: bool,
    theme_cache: tuple[Path, str] | None = None,
    static: bool = True,
) -> dict[str, list[dict[str, Any]]]:
    """One MkDocs build of ``pages`` with ``settings`` (:func:`mkdocs_settings`), into its
    ``site_dir``; its ``docs_dir`` is made, empty (pages come from the plugin). Returns the
    search entries made of each page MkDocs rendered, by source.

    ``theme_cache`` (a folder, and a key for the theme and tools) keeps the compiled
    templates and the theme's list of files for the next build (:mod:`.theme_cache`);
    without ``static``, the theme's own files (scripts, styles) are not copied: a part that
    keeps none of the language's files needs only its pages."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_load_config
    from mkdocs.exceptions import MkDocsException

    docs = Path(settings["docs_dir"])
    docs.mkdir(parents=True)
    _quiet_jieba()
    try:
        mkdocs_config = mkdocs_load_config(
            io.StringIO("{}"), config_file_path=str(docs.parent / "mkdocs.yml"), **settings
        )
        mkdocs_config.extra["live_reload"] = live_reload
        layers = theme_layers(config)
        if layers.site is not None:  # the site's files first, then ours, then the theme's
            mkdocs_config.theme.dirs.insert(1, str(layers.packaged))
        # The sitemap lists every page, rendered or reused: it is written from the model.
        mkdocs_config.theme.static_templates.discard("sitemap.xml")
        theme = mkdocs_config.theme
        if theme_cache is not None:
            folder, key = theme_cache
            key = hashlib.sha256(
                repr((key, theme.dirs, sorted(theme.static_templates))).encode()
            ).hexdigest()[:32]
            theme.get_env = cached_environment(theme.get_env, folder, key)  # type: ignore[method-assign]
        plugin = mkdocs_config.plugins["policy-site"]
        assert isinstance(plugin, PolicySitePlugin)
        plugin.pages = pages
        plugin.static = static
        plugin.search = next(
            (p for name, p in mkdocs_config.plugins.items() if name.endswith("search")), None
        )
        mkdocs_build(mkdocs_config)
    except (MkDocsException, OSError) as exc:
        lang = settings["theme"]["language"]
        raise BuildError(f"MkDocs could not build the '{lang}' site: {exc}") from None
    return plugin.indexed


def shared_inputs(config: SiteConfig, live_reload: bool) -> str:
    """What every page of a build is rendered with (tools, theme files): part of each
    page's fingerprint."""
    if not THEME_DIR.is_dir():
        raise BuildError(
            f"the theme folder '{THEME_DIR}' is missing.",
            hint="Reinstall policy-site (pip install --force-reinstall policy-site).",
        )
    layers = theme_layers(config)
    shared = tools_and_theme([d for d in (layers.site, layers.packaged) if d is not None])
    return shared + f"|live_reload={live_reload}"


@contextlib.contextmanager
def source_date_epoch(timestamp: int) -> Iterator[None]:
    """MkDocs' SOURCE_DATE_EPOCH, for the block (and the processes it forks)."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(timestamp)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
