"""Stage 7: write the :class:`Site`, one MkDocs build per language, into a staging folder.

The only module that knows MkDocs (with ``mkdocs_plugin`` and ``theme/``). Each language gets
a docs folder of pre-rendered pages and an ``mkdocs.yml``; MkDocs builds them into a folder
beside the output, which :mod:`generator.output` swaps in only when everything succeeded.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator import urls
from generator.config import SiteConfig
from generator.errors import BuildError
from generator.i18n import primary_subtag
from generator.site import LanguageSite, Page, Site
from generator.urls import PageKind, relative

log = logging.getLogger(__name__)

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"

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


def _page_file(page: Page, lang_site: LanguageSite, config: SiteConfig) -> str:
    here = f"{lang_site.lang}/{page.url}"
    alternates = []
    default_target = dict(page.alternates).get(config.languages.default)
    targets = [*page.alternates, *([("x-default", default_target)] if default_target else [])]
    for code, target in targets:
        link = relative(here, target)
        alternates.append(
            {
                "lang": code,
                # hreflang wants absolute addresses; the selector works from any host.
                "href": config.public_url(target) if config.site.url else link,
                "relative": link,
                "name": config.language(code).name if code != "x-default" else "",
            }
        )
    meta: dict[str, Any] = {
        "title": page.title,
        "kind": str(page.kind),
        "toc": [{"id": t.id, "name": t.name, "level": t.level} for t in page.toc],
        "alternates": alternates,
        "feed": relative(here, urls.feed(lang_site.lang)),
    }
    if page.description:
        meta["description"] = page.description
    meta["hide"] = ["navigation"] if page.kind in (PageKind.CHANGES, PageKind.SINCE) else []
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n{page.body}"


def _mkdocs_config(
    lang_site: LanguageSite, config: SiteConfig, docs: Path, out: Path
) -> dict[str, Any]:
    lang = lang_site.lang
    search_lang = primary_subtag(lang)
    return {
        "site_name": config.site.title,
        "site_description": config.site.description or None,
        "site_url": config.public_url(f"{lang}/") if config.site.url else None,
        # No repo_url: the theme would fetch its star count from GitHub on every visit;
        # commit links on the history pages come from site.repo_url instead.
        "docs_dir": str(docs),
        "site_dir": str(out),
        "use_directory_urls": True,
        "strict": False,
        "theme": {
            "name": "material",
            "custom_dir": str(THEME_DIR),
            "language": _material_language(lang),
            "direction": "rtl" if lang_site.rtl else "ltr",
            "font": False,  # no fonts fetched from another site
            "features": ["navigation.top", "toc.follow", "search.highlight", "content.tooltips"],
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
                {"name": config.language(code).name or code, "link": f"/{code}/", "lang": code}
                for code in config.language_codes
            ]
            if len(config.language_codes) > 1
            else [],
            "generator": False,
        },
        "extra_css": ["assets/policy-site.css", "assets/redline.css"],
        "plugins": [
            {"search": {"lang": [search_lang if search_lang in _SEARCH_LANGUAGES else "en"]}},
            "policy-site",
        ],
        "nav": [{title: (url + "index.md") if url else "index.md"} for title, url in lang_site.nav],
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


def _build_language(lang_site: LanguageSite, config: SiteConfig, work: Path, out: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config as mkdocs_load_config
    from mkdocs.exceptions import MkDocsException

    docs = work / "docs"
    for page in lang_site.pages:
        target = docs / page.source
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page_file(page, lang_site, config), encoding="utf-8")
    config_file = work / "mkdocs.yml"
    config_file.write_text(
        yaml.safe_dump(
            _mkdocs_config(lang_site, config, docs, out), allow_unicode=True, sort_keys=False
        ),
        encoding="utf-8",
    )
    _quiet_jieba()
    try:
        mkdocs_config = mkdocs_load_config(config_file=str(config_file))
        mkdocs_build(mkdocs_config)
    except (MkDocsException, OSError) as exc:
        raise BuildError(f"MkDocs could not build the '{lang_site.lang}' site: {exc}") from None


def write_site(site: Site, config: SiteConfig, folder: Path) -> None:
    """Write every language (one MkDocs build each) and every other file into ``folder``."""
    if not THEME_DIR.is_dir():
        raise BuildError(
            f"the theme folder '{THEME_DIR}' is missing.",
            hint="Install policy-site from its source folder with 'pip install -e .'.",
        )
    with (
        tempfile.TemporaryDirectory(prefix="policy-site-") as work,
        _source_date_epoch(site.timestamp),
    ):
        for lang_site in site.languages:
            _build_language(lang_site, config, Path(work) / lang_site.lang, folder / lang_site.lang)
    for item in site.files:
        target = folder / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.content)
