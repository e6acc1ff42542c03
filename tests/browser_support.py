"""What the browser tests and the README screenshots share: Chromium, a local server, the pages.

Chromium is Debian's (``/usr/bin/chromium``), driven by Playwright; no browser is ever
downloaded. axe-core comes inside the ``axe-playwright-python`` wheel (see ``axe_script``).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from generator.commands.serve import serving

#: Headless Chromium with no traffic of its own (updates, sync, safe browsing…).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

#: axe-core's rule tags for WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: Every kind of page the site has; a version page is classified by its status.
KINDS = (
    "home",
    "policy",
    "history",
    "version-past",
    "version-current",
    "version-upcoming",
    "version-outdated",
    "changes",
    "since",
    "correction",
    "compare-index",
    "compare",
    "section-history",
    "whats-new",
)
_VERSION_KIND = {
    "superseded": "version-past",
    "in_force": "version-current",
    "upcoming": "version-upcoming",
    "translation-outdated": "version-outdated",
}
_STATUS = re.compile(r'class="ps-effective".*?ps-status--([\w-]+)', re.DOTALL)
_PAIR = re.compile(r"\d{4}-\d{2}-\d{2}\.\.\.\d{4}-\d{2}-\d{2}")
#: A redirect file (an earlier address of a section or comparison): not a page to check.
_REDIRECT = re.compile(r'<meta http-equiv="refresh"')


def in_ci() -> bool:
    """Whether this is a CI run (``CI`` set and not 0/false), where nothing may be skipped."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def find_chromium() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    """One headless Debian Chromium for the caller's whole run."""
    executable = find_chromium()
    if executable is None:
        raise RuntimeError("Chromium is not installed (Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``directory`` over HTTP on a free port of 127.0.0.1; yields the base address."""
    with serving(directory) as address:
        yield address


@dataclass(frozen=True)
class SitePage:
    """One page of the built site: its address below the root, language and kind."""

    path: str
    lang: str
    kind: str
    size: int


def classify(relative: str, html: str) -> str | None:
    """The kind of the page at ``relative`` (``en/privacy/history/index.html``), or None."""
    parts = relative.split("/")[:-1]
    if len(parts) < 1:
        return None  # the root only sends visitors on to the default language
    if len(parts) == 1:
        return "home"
    if _REDIRECT.search(html):
        return None
    if parts[1] == "changes" and len(parts) <= 3:
        return "whats-new"
    last = parts[-1]
    if last == "history":
        return "history"
    if parts[-2] == "history":
        return "section-history"
    if last == "compare":
        return "compare-index"
    if parts[-2] == "compare" and _PAIR.fullmatch(last):
        return "compare"
    if last in ("changes", "since") and DATE.fullmatch(parts[-2]):
        return last
    if len(parts) >= 3 and parts[-2] == "corrections" and DATE.fullmatch(parts[-3]):
        return "correction"
    if DATE.fullmatch(last):
        match = _STATUS.search(html)
        if match is None or match.group(1) not in _VERSION_KIND:
            raise AssertionError(f"{relative}: a version page without a known status")
        return _VERSION_KIND[match.group(1)]
    return "policy"


def site_pages(site: Path) -> list[SitePage]:
    """Every ``index.html`` page of a built site, classified, in path order."""
    pages = []
    for file in sorted(site.rglob("index.html")):
        relative = file.relative_to(site).as_posix()
        html = file.read_text(encoding="utf-8")
        kind = classify(relative, html)
        if kind is None:
            continue
        path = relative.removesuffix("index.html")
        pages.append(SitePage(path, path.split("/")[0], kind, len(html)))
    return pages


def samples(pages: list[SitePage]) -> dict[tuple[str, str], SitePage]:
    """One page per (language, kind): the largest, which has the most to check."""
    chosen: dict[tuple[str, str], SitePage] = {}
    for page in pages:
        key = (page.lang, page.kind)
        if key not in chosen or page.size > chosen[key].size:
            chosen[key] = page
    return chosen


def axe_script() -> str:
    """axe-core as shipped inside the ``axe-playwright-python`` wheel (read, never fetched).

    Only the bundled ``axe.min.js`` is used: the tests call ``axe.run`` themselves with the
    WCAG tags, and the package's Python wrapper is untyped.
    """
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
