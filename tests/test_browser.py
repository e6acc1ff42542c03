"""The built site in a real browser (Debian's Chromium driven by Playwright).

Skipped when Chromium or Playwright is missing; .ci/run installs both.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Chromium is not installed", allow_module_level=True)

CHANGES = "en/privacy/2025-10-01/changes/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def server(example_site: Path) -> Iterator[str]:
    """The example site served on a free local port."""
    handler = functools.partial(_QuietHandler, directory=str(example_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module, with no background traffic."""
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


def open_page(browser: Any, url: str, width: int = 1280) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    return page


def test_side_by_side_view_switches_without_script(browser: Any, server: str) -> None:
    """Choosing 'Side by side' shows the two columns and hides the inline redline."""
    page = open_page(browser, server + CHANGES)
    section = page.locator("section.ps-section.ps-changed").first
    assert section.locator(".ps-inline").is_visible()
    assert not section.locator(".ps-sbs").is_visible()
    page.get_by_text("Side by side", exact=True).first.click()
    assert section.locator(".ps-sbs").is_visible()
    assert not section.locator(".ps-inline").is_visible()
    page.close()


def test_side_by_side_collapses_to_inline_on_narrow_screens(browser: Any, server: str) -> None:
    """On a phone-sized screen the redline is inline even when side by side was chosen."""
    page = open_page(browser, server + CHANGES, width=400)
    # The view switch is hidden on narrow screens; a choice made before still applies.
    page.locator("input.ps-view-sbs").first.evaluate("input => { input.checked = true; }")
    section = page.locator("section.ps-section.ps-changed").first
    assert section.locator(".ps-inline").is_visible()
    assert not section.locator(".ps-sbs").is_visible()
    page.close()


def test_unchanged_sections_expand(browser: Any, server: str) -> None:
    """The 'N unchanged sections' control opens to show their text."""
    page = open_page(browser, server + CHANGES)
    details = page.locator("details.ps-unchanged").first
    body = details.locator("section, p").first
    assert not body.is_visible()
    details.locator("summary").click()
    assert body.is_visible()
    page.close()


@pytest.mark.parametrize("path", ["zh/privacy/", "es/privacy/history/", CHANGES])
def test_pages_load_nothing_from_other_sites(browser: Any, server: str, path: str) -> None:
    """Every request a page makes stays on the site (no fonts or scripts from elsewhere).

    The site's public address counts as the site: the theme reads each language's
    sitemap from the hreflang addresses, which are absolute.
    """
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server + path, wait_until="networkidle")
    assert requests
    own = (server, "https://policies.example.com/")
    assert [url for url in requests if not url.startswith(own)] == []
    page.close()


def test_chinese_search_finds_a_chinese_term(browser: Any, server: str) -> None:
    """Search on the Chinese site finds a word from the Chinese policy."""
    page = open_page(browser, server + "zh/privacy/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("信息")
    # CJK text arrives as one input event with no key press; the theme searches on key
    # releases, so release a key that does not change the query.
    box.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=20000)
    assert "信息" in results.first.inner_text()
    page.close()
