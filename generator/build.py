"""Stage 7: write the :class:`Site` — one MkDocs build per language — and swap it in atomically.

The only module that knows MkDocs (with ``mkdocs_plugin`` and ``theme/``). Each language gets
a docs folder of pre-rendered pages and an ``mkdocs.yml``; MkDocs builds them into a temporary
folder beside the output, which replaces the previous site only when everything succeeded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator.config import SiteConfig, load_config
from generator.errors import BuildError, PolicySiteError
from generator.history import read_history
from generator.site import LanguageSite, Page, Site, build_site, relative
from generator.versions import build_timelines

log = logging.getLogger(__name__)

#: Written into every build; an output folder holding it may be replaced.
MARKER = ".policy-site"
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
    for candidate in (lang, lang.split("-")[0].split("_")[0]):
        if candidate in _MATERIAL_LANGUAGES:
            return candidate
    return "en"


def check_output(output: Path, config: SiteConfig) -> None:
    """Refuse to replace a folder that is not a previous build of ours."""
    output = output.resolve()
    protected = {config.root.resolve(), (config.root / config.source.path).resolve()}
    if output in protected or any(p.is_relative_to(output) for p in protected):
        raise BuildError(
            f"the output folder '{output}' holds the policies or the configuration; "
            "building there would delete them.",
            hint="Choose another folder, such as 'site'.",
        )
    if (config.root / config.source.path).resolve() in output.parents:
        raise BuildError(f"the output folder '{output}' is inside the policies folder.")
    if output.exists() and (
        not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())
    ):
        raise BuildError(
            f"the output folder '{output}' already exists and is not a previous policy-site build.",
            hint="Empty it, delete it, or choose another folder with --output.",
        )


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
        "kind": page.kind,
        "toc": [{"id": t.id, "name": t.name, "level": t.level} for t in page.toc],
        "alternates": alternates,
    }
    if page.description:
        meta["description"] = page.description
    if page.kind in ("home", "history", "version", "changes", "since", "policy"):
        meta["hide"] = ["navigation"] if page.kind in ("changes", "since") else []
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n{page.body}"


def _mkdocs_config(
    lang_site: LanguageSite, config: SiteConfig, docs: Path, out: Path
) -> dict[str, Any]:
    lang = lang_site.lang
    search_lang = lang.split("-")[0].split("_")[0]
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


def write_site(site: Site, config: SiteConfig, output: Path) -> None:
    """Write every language and file into a fresh folder, then swap it in for ``output``."""
    check_output(output, config)
    if not THEME_DIR.is_dir():
        raise BuildError(
            f"the theme folder '{THEME_DIR}' is missing.",
            hint="Install policy-site from its source folder with 'pip install -e .'.",
        )
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        with (
            tempfile.TemporaryDirectory(prefix="policy-site-") as work,
            _source_date_epoch(site.timestamp),
        ):
            for lang_site in site.languages:
                _build_language(
                    lang_site, config, Path(work) / lang_site.lang, staging / lang_site.lang
                )
        for item in site.files:
            target = staging / item.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item.content)
        (staging / MARKER).write_text(
            "This folder is a policy-site build; it is replaced on each build.\n"
        )
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, output: Path) -> None:
    """Replace ``output`` by ``staging``; the old site stays whole until the last rename."""
    if not output.exists():
        staging.rename(output)
        return
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    output.rename(old)
    try:
        staging.rename(output)
    except OSError:
        old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build(config_path: Path, output: Path, as_of: dt.date) -> Site:
    """The whole pipeline, as ``policy-site build`` runs it."""
    # 1. configuration
    config = load_config(config_path)
    if not output.is_absolute():
        output = config.root / output
    check_output(output, config)
    # 2. history: every revision of every policy file
    history = read_history(config)
    for problem in history.skipped:
        log.warning("skipped: %s", problem)
    if not history.revisions:
        raise PolicySiteError(
            f"no committed policy files were found under '{config.source.path}/' "
            f"(layout '{config.source.layout}').",
            file=config.file,
            hint="Commit at least one policy file, or check 'source.path' and 'source.layout'.",
        )
    # 3–4. documents and versions by effective date
    timelines = build_timelines(history.revisions, config)
    # 5–6. the whole site in memory, diffs included
    site = build_site(config, timelines, as_of)
    # 7. one writer
    write_site(site, config, output)
    return site
