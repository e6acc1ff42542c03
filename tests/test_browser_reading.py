"""Calm, truthful reading in Chromium: the redline leads with the change on a desktop and a
phone, prints short, never runs old and new numbers together, never shifts a changed
paragraph; a lagging translation never claims to be in force; the comparison pages lead to
another pair; the footer and the not-found pages lead on.

The example site of ``tests/test_browser.py`` (served once per module), at the sizes the
issue names: 1280×800 and 390×844.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pypdf
import pytest

from .browser_support import SitePage

# From test_browser, which skips (or, in CI, fails) when Chromium is missing; its fixtures
# (one browser and one served site for the module) come along.
from .test_browser import base_url, browser, open_page, pages  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize

SCREENS: dict[str, ViewportSize] = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
}


@pytest.fixture(scope="module")
def screens(browser: Browser) -> Iterator[Callable[[str], BrowserContext]]:  # noqa: F811
    """A browser context per screen of :data:`SCREENS` (a phone is a touch device)."""
    made: dict[str, BrowserContext] = {}

    def get(screen: str) -> BrowserContext:
        if screen not in made:
            phone = screen == "phone"
            made[screen] = browser.new_context(
                viewport=SCREENS[screen], is_mobile=phone, has_touch=phone
            )
        return made[screen]

    yield get
    for context in made.values():
        context.close()


#: The top of the first insertion or deletion a reader can see (null when there is none).
FIRST_CHANGE = """() => {
    const marks = [...document.querySelectorAll("article ins.ps-ins, article del.ps-del")]
        .filter(mark => mark.checkVisibility());
    return marks.length ? marks[0].getBoundingClientRect().top : null;
}"""


def redline_pages(found: list[SitePage]) -> list[SitePage]:
    """Every English "what changed" page, and every English comparison."""
    return [p for p in found if p.lang == "en" and p.kind in ("changes", "compare", "since")]


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_first_change_is_on_the_first_screen(
    screens: Callable[[str], BrowserContext],
    base_url: str,  # noqa: F811
    pages: list[SitePage],  # noqa: F811
    screen: str,
) -> None:
    """On every English redline page that changes words, the first insertion or deletion
    is within the first screen, unscrolled, at 1280×800 and at 390×844."""
    height = SCREENS[screen]["height"]
    found: dict[str, float | None] = {}
    for chosen in redline_pages(pages):
        page = open_page(screens(screen), base_url + chosen.path)
        found[chosen.path] = page.evaluate(FIRST_CHANGE)
        page.close()
    measured = {path: top for path, top in found.items() if top is not None}
    assert len(measured) >= 10
    assert {path: top for path, top in measured.items() if not 0 < top < height - 20} == {}


#: An element's text as it is seen: without the words only screen readers get.
SEEN = """el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll(".ps-sr").forEach(hidden => hidden.remove());
    return copy.textContent.split(/\\s+/).filter(Boolean).join(" ");
}"""


def changes_page(context: BrowserContext, base_url: str, day: str) -> Page:  # noqa: F811
    """The English privacy policy's changes page of the version of ``day``, folds open."""
    page = open_page(context, f"{base_url}en/privacy/{day}/changes/")
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    return page


def test_a_renumbered_heading_reads_with_its_new_number_and_a_quiet_note(
    screens: Callable[[str], BrowserContext],
    base_url: str,  # noqa: F811
) -> None:
    """ "11. Changes to this policy", renumbered 10, reads "10. Changes to this policy
    11 → 10"; the digits are never struck through and inserted ("1110."); a moved section
    shows its new number only ("8. Cookies", not "68.")."""
    page = changes_page(screens("desktop"), base_url, "2026-06-01")
    heading = page.locator("section#changes-to-this-policy .ps-heading")
    assert heading.evaluate(SEEN) == "10. Changes to this policy 11 → 10"
    assert heading.locator("ins, del").count() == 0
    assert "Renumbered from 11 to 10" in heading.inner_text()  # what a screen reader hears
    summary = page.locator(".ps-summary__line").inner_text()
    assert "renumbered" not in summary
    page.close()
    page = changes_page(screens("desktop"), base_url, "2025-10-01")
    moved = page.locator("section#cookies-and-similar-technologies .ps-heading")
    assert moved.evaluate(SEEN).startswith("8. Cookies")
    assert moved.locator("ins, del").count() == 0
    assert "Moved from 6 to 8" in moved.inner_text()
    page.close()


def test_changed_paragraphs_never_shift_sideways(
    screens: Callable[[str], BrowserContext],
    base_url: str,  # noqa: F811
) -> None:
    """In a changed section, the text of changed, added and unchanged paragraphs starts at
    the same place: a change is marked in the margin, not by moving the text."""
    page = changes_page(screens("desktop"), base_url, "2025-10-01")
    starts = page.evaluate(
        """() => [...document.querySelectorAll(
            "section.ps-changed .ps-inline p.ps-block.ps-depth-0")].map(p => {
            const style = getComputedStyle(p);
            return [p.className, p.getBoundingClientRect().left
                + parseFloat(style.borderInlineStartWidth) + parseFloat(style.paddingInlineStart)];
        })"""
    )
    page.close()
    kinds = {name.split()[1] for name, _left in starts}
    assert {"ps-block-changed", "ps-block-unchanged"} <= kinds
    assert max(left for _n, left in starts) - min(left for _n, left in starts) < 0.5


def test_a_removed_section_is_a_heading_and_its_text_on_request(
    screens: Callable[[str], BrowserContext],
    base_url: str,  # noqa: F811
) -> None:
    """The removed "Children" section shows its heading, marked removed and not struck
    through; its text is folded away, and struck through once opened."""
    page = open_page(screens("desktop"), f"{base_url}en/privacy/2026-06-01/changes/")
    section = page.locator("section.ps-section.ps-removed")
    heading = section.locator(".ps-heading")
    assert heading.evaluate(SEEN) == "10. Children Removed"
    assert heading.locator("del").count() == 0
    text = section.locator("del.ps-del").first
    assert not text.is_visible()
    section.locator("summary").click()
    assert text.is_visible()
    assert "line-through" in text.evaluate("el => getComputedStyle(el).textDecorationLine")
    page.close()


def pdf_text(page: Page) -> list[str]:
    """Each printed page's text."""
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join(printed.extract_text().split()) for printed in reader.pages]


def test_a_printed_redline_is_short_and_names_what_it_compares(
    screens: Callable[[str], BrowserContext],
    base_url: str,  # noqa: F811
) -> None:
    """Printed, the changes of 1 June 2026 leave out the unchanged sections, saying how
    many, and start with the policy and both versions; the first change is on page 1."""
    page = open_page(screens("desktop"), f"{base_url}en/privacy/2026-06-01/changes/")
    printed = pdf_text(page)
    page.close()
    assert len(printed) == 1
    first = printed[0]
    assert first.startswith(
        "Privacy Policy: from the version of 1 October 2025 to the version of 1 June 2026"
    )
    assert "12 unchanged sections are not printed." in first
    assert "We will respond within 30 days one month." in first  # deleted, then inserted
    assert "10. Children Removed The Services are designed for businesses" in first
    assert "Depending on where you live" not in first  # folded paragraphs stay folded
    assert "Inline" not in first


def test_a_lagging_translation_never_says_it_is_in_force(
    screens: Callable[[str], BrowserContext],
    base_url: str,  # noqa: F811
) -> None:
    """The Chinese privacy policy of 1 October 2025, translating a version the English one
    of 1 June 2026 replaced: its badge, box and history row say it is an outdated
    translation, and the box leads to the English version in force."""
    context = screens("desktop")
    for path in ("zh/privacy/", "zh/privacy/2025-10-01/"):
        page = open_page(context, base_url + path)
        assert page.locator(".admonition.success").count() == 0
        assert page.locator(".ps-effective .ps-status").inner_text() == "译文未更新"
        assert "2026年5月31日" in page.locator(".ps-period").inner_text()
        box = page.locator(".admonition.warning").first
        assert "2026年6月1日" in box.inner_text()
        box.locator("a[hreflang=en]").first.click()
        page.wait_for_url(f"{base_url}en/privacy/")
        assert page.locator(".ps-effective .ps-status").inner_text() == "In force"
        page.close()
    page = open_page(context, base_url + "zh/privacy/history/")
    row = page.locator("tr#v2025-10-01")
    assert row.locator(".ps-status").inner_text() == "译文未更新"
    page.close()


def test_a_comparison_leads_to_another_pair(
    screens: Callable[[str], BrowserContext],
    base_url: str,  # noqa: F811
) -> None:
    """With the script, a comparison's two selects start at its own pair and lead to the
    pair chosen; the "to" select offers only later versions."""
    page = open_page(screens("desktop"), f"{base_url}en/privacy/compare/2025-02-01...2026-06-01/")
    assert page.input_value("#ps-other-from") == "2025-02-01"
    assert page.input_value("#ps-other-to") == "2026-06-01"
    assert not page.locator(".ps-other-pairs .ps-picker__links").is_visible()
    offered = page.eval_on_selector_all(
        "#ps-other-to option", "options => options.filter(o => !o.disabled).map(o => o.value)"
    )
    assert offered == ["2025-10-01", "2026-06-01", "2028-01-15"]
    page.select_option("#ps-other-to", "2028-01-15")
    page.locator(".ps-other-pairs button").click()
    page.wait_for_url("**/en/privacy/compare/2025-02-01...2028-01-15/")
    page.close()


def test_without_script_a_comparison_offers_other_pairs_as_links(
    browser: Browser,  # noqa: F811
    base_url: str,  # noqa: F811
) -> None:
    """With JavaScript off the form stays hidden and the pairs sharing a version are links
    that lead to their pages."""
    context = browser.new_context(java_script_enabled=False)
    page = open_page(context, f"{base_url}en/privacy/compare/2025-02-01...2026-06-01/")
    assert not page.locator(".ps-other-pairs form").is_visible()
    links = page.locator(".ps-other-pairs .ps-picker__links a")
    assert links.all_inner_texts() == [
        "1 October 2025",
        "15 January 2028",
        "1 March 2024",
        "1 October 2025",
    ]
    links.first.click()
    page.wait_for_url("**/en/privacy/compare/2025-02-01...2025-10-01/")
    context.close()


@pytest.mark.parametrize("path", ["en/", "zh/privacy/2025-10-01/", "es/privacy/history/"])
def test_the_footer_names_the_site_and_leads_to_the_feed_and_the_api(
    screens: Callable[[str], BrowserContext],
    base_url: str,  # noqa: F811
    path: str,
) -> None:
    """Every page's footer names the site and links what's new, the feed and the API,
    each of which answers."""
    page = open_page(screens("desktop"), base_url + path)
    footer = page.locator("nav.ps-footer")
    assert footer.is_visible()
    assert footer.inner_text().startswith("Example Devices Policies")
    hrefs = footer.locator("a").evaluate_all("links => links.map(a => a.href)")
    statuses = [page.request.get(href).status for href in hrefs]
    page.close()
    assert [re.sub(r"^.*?/(?=[a-z]{2}/|api/)", "", h) for h in hrefs] == [
        f"{path[:2]}/changes/",
        f"{path[:2]}/feed.xml",
        "api/policies.json",
    ]
    assert statuses == [200, 200, 200]


@pytest.mark.parametrize(
    ("path", "heading", "home"),
    [("404.html", "Page not found", "en/"), ("zh/404.html", "找不到页面", "zh/")],
)
def test_a_not_found_page_served_anywhere_leads_home(
    screens: Callable[[str], BrowserContext],
    base_url: str,  # noqa: F811
    example_site: Path,
    path: str,
    heading: str,
    home: str,
) -> None:
    """A host answers a missing address deep in the site with a not-found page: it is
    styled (every request answers), translated, and its link leads to the language's home."""
    context = screens("phone")
    page = context.new_page()
    missing = f"{base_url}{home}privacy/no/such/page/"
    body = (example_site / path).read_bytes()
    page.route(
        missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html")
    )
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on(
        "response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != missing else None
    )
    page.goto(missing)
    page.wait_for_load_state("networkidle")
    assert page.locator("article h1").inner_text() == heading
    assert failed == []
    page.locator("article a").first.click()
    page.wait_for_url(base_url + home + "*")
    assert page.url.rstrip("./") == (base_url + home).rstrip("/")
    page.close()
