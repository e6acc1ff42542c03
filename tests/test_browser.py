"""The built site in a real browser: Debian's Chromium driven by Playwright, checked with axe-core.

The example site is served over HTTP from 127.0.0.1 on a free port, with ``site.url`` still
the public address. Pages are found by walking the built folder and classified by address
(``tests/browser_support.py``). Outside CI the module is skipped when Chromium, Playwright or
axe-core is missing; with ``CI`` set (``.ci/run`` sets it) it fails instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import pytest

IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> NoReturn:
    if IN_CI:
        pytest.fail(f"{reason}; CI must run the browser tests", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


try:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Dialog,
        Page,
        Request,
        Response,
        ViewportSize,
    )

    from .browser_support import (
        KINDS,
        WCAG_TAGS,
        SitePage,
        axe_script,
        find_chromium,
        launch_chromium,
        samples,
        serve,
        site_pages,
    )

except ImportError as exc:
    _unavailable(f"Playwright is not installed ({exc})")
try:
    AXE = axe_script()
except (ImportError, OSError) as exc:
    _unavailable(f"axe-core (package axe-playwright-python) is not installed ({exc})")
if find_chromium() is None:
    _unavailable("Chromium is not installed")

LANGS = ("en", "zh", "es", "de", "ar")
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
#: Pages that have the inline / side-by-side switch and folded unchanged sections.
REDLINE_KINDS = ("changes", "since", "compare", "section-history", "correction")


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(example_site: Path) -> Iterator[str]:
    """The example site served on a free port of 127.0.0.1."""
    with serve(example_site) as url:
        yield url


@pytest.fixture(scope="module")
def pages(example_site: Path) -> list[SitePage]:
    """Every page of the example site, classified by kind."""
    return site_pages(example_site)


@pytest.fixture(scope="module")
def sample(pages: list[SitePage]) -> dict[tuple[str, str], SitePage]:
    """One page per language and kind (the largest of its kind)."""
    return samples(pages)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    with launch_chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def contexts(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Browser contexts reused across tests, one per (scheme, phone) combination."""
    made: dict[tuple[str, bool], BrowserContext] = {}

    def get(scheme: str = "light", phone: bool = False) -> BrowserContext:
        if (scheme, phone) not in made:
            made[scheme, phone] = browser.new_context(
                color_scheme="dark" if scheme == "dark" else "light",
                viewport=PHONE if phone else DESKTOP,
                is_mobile=phone,
                has_touch=phone,
            )
        return made[scheme, phone]

    yield get
    for context in made.values():
        context.close()


# --- helpers ----------------------------------------------------------------------------


@dataclass
class Visit:
    """What one page did on the network and in its console, and what axe-core found there."""

    requests: int = 0
    problems: list[str] = field(default_factory=list)
    violations: list[str] | None = None


def watch(page: Page, origin: str) -> Visit:
    """Record every request of ``page`` and, in plain words, everything it does wrong."""
    visit = Visit()

    def request(request: Request) -> None:
        visit.requests += 1
        url = request.url
        if urlsplit(url).scheme not in ("data", "blob") and not url.startswith(origin):
            visit.problems.append(f"request to another site: {url}")

    def failed(request: Request) -> None:
        visit.problems.append(f"failed request: {request.url} ({request.failure})")

    def response(response: Response) -> None:
        if response.status >= 400:
            visit.problems.append(f"HTTP {response.status}: {response.url}")

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            visit.problems.append(f"console error: {message.text}")

    page.on("request", request)
    page.on("requestfailed", failed)
    page.on("response", response)
    page.on("console", console)
    page.on("pageerror", lambda error: visit.problems.append(f"script error: {error}"))
    return visit


def open_page(context: BrowserContext, url: str) -> Page:
    """A new tab on ``url``, loaded."""
    page = context.new_page()
    page.goto(url)
    return page


def open_pages(context: BrowserContext, urls: list[str]) -> list[Page]:
    """One tab per address, all loading at once; returns them loaded."""
    opened = []
    for url in urls:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        opened.append(page)
    for page in opened:
        page.wait_for_load_state("load")
    return opened


REVEAL = """() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    const style = document.createElement("style");
    style.textContent = ".ps-changes .ps-inline, .ps-changes .ps-sbs { display: block !important; }";
    document.head.append(style);
}"""

#: Starts axe-core without waiting for it, so that several tabs check at once.
AXE_START = """tags => {
    window.psAxe = axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
}"""

AXE_REPORT = """() => window.psAxe.then(results => results.violations.flatMap(violation =>
    violation.nodes.map(node => `${violation.id}: ${node.target.join(" ")} — ${node.failureSummary}`)))"""


def crawl(
    context: BrowserContext, base_url: str, paths: list[str], axe_paths: set[str], batch: int = 6
) -> dict[str, Visit]:
    """Load each path until the network is quiet, a few tabs at a time; axe-check some.

    Before axe runs, every <details> is opened and both redline views are shown: axe
    checks only what is rendered.
    """
    origin = base_url.rstrip("/")
    visits: dict[str, Visit] = {}
    for start in range(0, len(paths), batch):
        opened = []
        for path in paths[start : start + batch]:
            page = context.new_page()
            visits[path] = watch(page, origin)
            page.goto(base_url + path, wait_until="commit")
            opened.append((path, page))
        for path, page in opened:
            page.wait_for_load_state("networkidle")
            if path == "":  # the root sends visitors on to the default language
                page.wait_for_url(base_url + "*/")
                page.wait_for_load_state("networkidle")
            if path in axe_paths:
                page.evaluate(REVEAL)
                page.evaluate(AXE)
                page.evaluate(AXE_START, list(WCAG_TAGS))
        for path, page in opened:
            if path in axe_paths:
                visits[path].violations = page.evaluate(AXE_REPORT)
            page.close()
    return visits


#: Marks every element the Tab key should reach, in document order; returns how many.
#: Tabbable: links, controls and summaries, elements with tabindex >= 0, and scrollable
#: boxes without anything focusable inside (Chromium focuses those so keys can scroll
#: them); not disabled, not hidden, not in a closed <details>; one radio per group.
MARK_TABBABLE = """() => {
    const native = "a[href], area[href], button, input:not([type=hidden]), select, textarea, "
        + "iframe, details > summary:first-of-type, [contenteditable]";
    const scrolls = el => {
        const style = getComputedStyle(el);
        const auto = v => v === "auto" || v === "scroll";
        return (auto(style.overflowX) && el.scrollWidth > el.clientWidth)
            || (auto(style.overflowY) && el.scrollHeight > el.clientHeight);
    };
    const shown = el => el.checkVisibility({visibilityProperty: true})
        && !el.closest("[hidden], [inert]") && !el.matches(":disabled");
    const focusable = el => (el.matches(native) || el.hasAttribute("tabindex")) && el.tabIndex >= 0;
    const groups = new Map();
    const marked = [];
    for (const el of document.body.querySelectorAll("*")) {
        let take = focusable(el) && shown(el);
        if (!take && shown(el) && scrolls(el)) {
            take = ![...el.querySelectorAll("*")].some(inner => focusable(inner) && shown(inner));
        }
        if (take && el.type === "radio" && el.name) {
            const key = el.form + "|" + el.name;
            const checked = document.querySelector(`input[type=radio][name="${el.name}"]:checked`);
            if (groups.has(key) || (checked && checked !== el)) take = false;
            groups.set(key, true);
        }
        if (take) marked.push(el);
    }
    marked.forEach((el, index) => { el.dataset.psTab = String(index); });
    return marked.length;
}"""

#: The focus ring of an element (or of the labels of a hidden input, which show its focus).
RING = """el => [el, ...(el.labels || [])].map(target => {
    const style = getComputedStyle(target);
    return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow].join(" ");
}).join(" | ")"""

#: Remembers each marked element's look while unfocused.
REMEMBER_RINGS = """() => {
    window.psRings = [...document.querySelectorAll("[data-ps-tab]")].map(RING);
}""".replace("RING", RING)

#: After a Tab: the focused element's mark (or a description), and whether it looks focused.
FOCUSED = """() => {
    const el = document.activeElement;
    if (el === null || el.dataset === undefined || el.dataset.psTab === undefined) {
        return [el === null ? "nothing" : el.outerHTML.slice(0, 120), true];
    }
    const marked = [el, ...(el.labels || [])].some(target => {
        const style = getComputedStyle(target);
        return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none";
    });
    return [el.dataset.psTab, marked && (RING)(el) !== window.psRings[Number(el.dataset.psTab)]];
}""".replace("RING", RING)


def tab_walk(page: Page) -> tuple[int, list[str], list[str]]:
    """Press Tab once per tabbable element: (count, mark or description per step, unseen).

    Unseen: the focused elements that have no outline or one that looks as it does unfocused.
    """
    count: int = page.evaluate(MARK_TABBABLE)
    page.evaluate(REMEMBER_RINGS)
    steps: list[str] = []
    unseen: list[str] = []
    for _ in range(count):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('button.md-top')"):
            # The theme's "back to top" button shows itself as the page scrolls (so it was
            # hidden when the controls were marked); it sits before the footer's links.
            page.keyboard.press("Tab")
        step, visible = page.evaluate(FOCUSED)
        steps.append(step)
        if not visible:
            unseen.append(page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)"))
    return count, steps, unseen


def tab_to(page: Page, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


# --- the pages, their requests and axe --------------------------------------------------


def test_every_page_kind_is_found(sample: dict[tuple[str, str], SitePage]) -> None:
    """The page table covers every kind in every language (Chinese has no upcoming version
    and no correction, Arabic no superseded version, neither German nor Arabic a
    correction), and only Chinese has an outdated translation."""
    # The example's Chinese privacy policy stops at the version of 2025-10-01, uncorrected,
    # which the English version of 2026-06-01 has replaced; the Arabic translation starts at
    # the versions in force (privacy 2026-06-01, terms 2025-10-01): none is superseded yet.
    lacking = {
        "zh": {"version-upcoming", "correction"},
        "de": {"correction", "version-outdated"},
        "ar": {"version-past", "correction", "version-outdated"},
    }
    for lang in LANGS:
        kinds = {kind for (code, kind) in sample if code == lang}
        expected = set(KINDS) - lacking.get(lang, {"version-outdated"})
        assert kinds == expected, lang


def kind_sample(sample: dict[tuple[str, str], SitePage], kind: str) -> SitePage:
    """The English page of a kind, or the Chinese one where English has none."""
    return sample.get(("en", kind)) or sample["zh", kind]


@pytest.fixture(scope="module")
def visits(
    contexts: Callable[..., BrowserContext],
    base_url: str,
    pages: list[SitePage],
    sample: dict[tuple[str, str], SitePage],
) -> Callable[[str], dict[str, Visit]]:
    """Each scheme's crawl, made once: every page in light, the samples in dark; axe on samples."""
    made: dict[str, dict[str, Visit]] = {}
    not_found = ["404.html", *(f"{lang}/404.html" for lang in LANGS)]
    axe_paths = {page.path for page in sample.values()} | set(not_found)

    def get(scheme: str) -> dict[str, Visit]:
        if scheme not in made:
            if scheme == "light":
                paths = ["", *(p.path for p in pages), *not_found]
            else:
                paths = sorted(axe_paths)
            made[scheme] = crawl(contexts(scheme), base_url, paths, axe_paths)
        return made[scheme]

    return get


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_make_no_failed_or_off_site_request(
    visits: Callable[[str], dict[str, Visit]], scheme: str
) -> None:
    """No page requests another site, gets an error status, fails a request or logs an error.

    In the light scheme every page of the site, the root and the not-found pages included;
    in the dark scheme one page per language and kind.
    """
    crawled = visits(scheme)
    assert all(visit.requests for visit in crawled.values())
    assert {path: visit.problems for path, visit in crawled.items() if visit.problems} == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violations(
    visits: Callable[[str], dict[str, Visit]],
    sample: dict[tuple[str, str], SitePage],
    lang: str,
    scheme: str,
) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation on a page of each kind (the not-found page
    included), every view shown."""
    crawled = visits(scheme)
    checked = {
        page.path: crawled[page.path].violations
        for (code, _), page in sample.items()
        if code == lang
    }
    checked[f"{lang}/404.html"] = crawled[f"{lang}/404.html"].violations
    if lang == "en":
        checked["404.html"] = crawled["404.html"].violations
    assert None not in checked.values()
    assert {path: found for path, found in checked.items() if found} == {}


# --- keyboard ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tab_walks(
    contexts: Callable[..., BrowserContext], base_url: str, sample: dict[tuple[str, str], SitePage]
) -> Callable[[str], tuple[int, list[str], list[str], list[int]]]:
    """The Tab walk of the English page of a kind, made once and shared."""
    walks: dict[str, tuple[int, list[str], list[str], list[int]]] = {}

    def walk(kind: str) -> tuple[int, list[str], list[str], list[int]]:
        if kind not in walks:
            page = open_page(contexts("light"), base_url + kind_sample(sample, kind).path)
            positive = page.evaluate(
                "() => [...document.querySelectorAll('[tabindex]')].map(el => el.tabIndex)"
                ".filter(index => index > 0)"
            )
            walks[kind] = (*tab_walk(page), positive)
            page.close()
        return walks[kind]

    return walk


@pytest.mark.parametrize("kind", KINDS)
def test_tab_reaches_every_control_in_page_order(
    tab_walks: Callable[[str], tuple[int, list[str], list[str], list[int]]], kind: str
) -> None:
    """Tab visits every link and control once, in document order (no positive tabindex)."""
    count, steps, _, positive = tab_walks(kind)
    assert positive == []
    assert count > 10
    assert steps == [str(index) for index in range(count)]


@pytest.mark.parametrize("kind", KINDS)
def test_focus_is_visible(
    tab_walks: Callable[[str], tuple[int, list[str], list[str], list[int]]], kind: str
) -> None:
    """Each element focused by Tab has an outline or shadow it does not have unfocused."""
    _, _, unseen, _ = tab_walks(kind)
    assert unseen == []


def test_view_switch_works_from_the_keyboard(
    contexts: Callable[..., BrowserContext], base_url: str, sample: dict[tuple[str, str], SitePage]
) -> None:
    """Tab reaches the view switch; arrow keys change between the inline and side-by-side views."""
    page = open_page(contexts("light"), base_url + sample["en", "changes"].path)
    section = page.locator("section.ps-section.ps-changed").first
    tab_to(page, "input.ps-view-inline")
    assert section.locator(".ps-inline").is_visible()
    assert not section.locator(".ps-sbs").is_visible()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.matches('input.ps-view-sbs:checked')")
    assert section.locator(".ps-sbs").is_visible()
    assert not section.locator(".ps-inline").is_visible()
    page.keyboard.press("ArrowLeft")
    assert section.locator(".ps-inline").is_visible()
    assert not section.locator(".ps-sbs").is_visible()
    page.close()


@pytest.mark.parametrize(
    ("kind", "details"), [("changes", "ps-unchanged"), ("correction", "ps-unchanged")]
)
def test_folded_sections_open_with_enter_and_space(
    contexts: Callable[..., BrowserContext],
    base_url: str,
    sample: dict[tuple[str, str], SitePage],
    kind: str,
    details: str,
) -> None:
    """A folded <details> section opens and closes with Enter and with Space."""
    page = open_page(contexts("light"), base_url + sample["en", kind].path)
    folded = page.locator(f"details.{details}").first
    body = folded.locator(":scope > :not(summary)").first
    tab_to(page, f"details.{details} > summary")
    assert not body.is_visible()
    for key, opens in [("Enter", True), ("Enter", False), ("Space", True), ("Space", False)]:
        page.keyboard.press(key)
        assert body.is_visible() == opens, key
    page.close()


# --- phone and print --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_no_horizontal_scrolling_on_a_phone(
    contexts: Callable[..., BrowserContext],
    base_url: str,
    sample: dict[tuple[str, str], SitePage],
    lang: str,
) -> None:
    """At 390×844 no page is wider than the screen, in either redline view, folds open."""
    chosen = [page for (code, _), page in sorted(sample.items()) if code == lang]
    opened = open_pages(contexts("light", phone=True), [base_url + page.path for page in chosen])
    # A mobile browser widens its layout viewport (innerWidth) to fit content that is too
    # wide, then zooms out: compare both widths with the phone's.
    overflow = (
        f"() => Math.max(document.documentElement.scrollWidth, innerWidth) - {PHONE['width']}"
    )
    wide: dict[str, int] = {}
    for chosen_page, page in zip(chosen, opened, strict=True):
        wide[chosen_page.path] = page.evaluate(overflow)
        if chosen_page.kind in REDLINE_KINDS:
            # A phone offers no side-by-side view; a choice made at a wider width stays.
            page.evaluate(
                "() => document.querySelectorAll('input.ps-view-sbs').forEach(i => i.checked = true)"
            )
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            wide[chosen_page.path + " side by side"] = page.evaluate(overflow)
        page.close()
    assert {where: pixels for where, pixels in wide.items() if pixels > 0} == {}


def test_a_phone_shows_the_redline_inline_whatever_the_choice(
    contexts: Callable[..., BrowserContext], base_url: str, sample: dict[tuple[str, str], SitePage]
) -> None:
    """At 390 px the switch is not offered and the redline is inline even when side by side
    was chosen: no unchanged paragraph is shown twice."""
    page = open_page(contexts("light", phone=True), base_url + sample["en", "changes"].path)
    assert not page.locator("label.ps-view-label").first.is_visible()
    page.evaluate(
        "() => document.querySelectorAll('input.ps-view-sbs').forEach(i => i.checked = true)"
    )
    section = page.locator("section.ps-section.ps-changed").first
    shown = section.locator(".ps-inline").is_visible(), section.locator(".ps-sbs").is_visible()
    texts = page.evaluate(
        """() => [...document.querySelectorAll("section.ps-changed p.ps-block-unchanged")]
            .filter(p => p.checkVisibility()).map(p => p.textContent)"""
    )
    page.close()
    assert shown == (True, False)
    assert texts
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("kind", ["policy", "changes"])
def test_print_hides_navigation(
    contexts: Callable[..., BrowserContext],
    base_url: str,
    sample: dict[tuple[str, str], SitePage],
    kind: str,
) -> None:
    """On paper the header, sidebars, footer and view switch are gone; the text remains."""
    page = open_page(contexts("light"), base_url + sample["en", kind].path)
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]:
        assert not page.locator(selector).is_visible(), selector
    if kind == "changes":
        assert not page.locator(".ps-view-label").first.is_visible()
    assert page.locator("article h1").is_visible()
    page.close()


def test_printed_redline_marks_changes_without_colour(
    contexts: Callable[..., BrowserContext], base_url: str, sample: dict[tuple[str, str], SitePage]
) -> None:
    """On paper insertions are underlined and deletions struck through, in black on white."""
    page = open_page(contexts("light"), base_url + sample["en", "changes"].path)
    page.locator("input.ps-view-sbs").check()  # a choice made on screen does not matter on paper
    page.emulate_media(media="print")
    section = page.locator("section.ps-section.ps-changed").first
    assert section.locator(".ps-inline").is_visible()
    assert not section.locator(".ps-sbs").is_visible()
    looks = page.evaluate(
        """() => Object.fromEntries(["ins.ps-ins", "del.ps-del"].map(selector => {
            const style = getComputedStyle(document.querySelector(".ps-inline " + selector));
            return [selector, [style.textDecorationLine, style.color, style.backgroundColor]];
        }))"""
    )
    page.close()
    assert looks == {
        "ins.ps-ins": ["underline", "rgb(0, 0, 0)", "rgba(0, 0, 0, 0)"],
        "del.ps-del": ["line-through", "rgb(0, 0, 0)", "rgba(0, 0, 0, 0)"],
    }


# --- behaviour --------------------------------------------------------------------------


def test_side_by_side_view_switches_without_script(
    contexts: Callable[..., BrowserContext], base_url: str, sample: dict[tuple[str, str], SitePage]
) -> None:
    """Choosing 'Side by side' shows the two columns and hides the inline redline."""
    page = open_page(contexts("light"), base_url + sample["en", "changes"].path)
    section = page.locator("section.ps-section.ps-changed").first
    assert section.locator(".ps-inline").is_visible()
    assert not section.locator(".ps-sbs").is_visible()
    page.get_by_text("Side by side", exact=True).first.click()
    assert section.locator(".ps-sbs").is_visible()
    assert not section.locator(".ps-inline").is_visible()
    page.close()


def test_arabic_redline_is_mirrored(
    contexts: Callable[..., BrowserContext], base_url: str, sample: dict[tuple[str, str], SitePage]
) -> None:
    """On an Arabic changes page, side by side puts "before" on the right and "after" on
    the left, each old block right of its new one, and a changed section's edge on its
    right: the redline reads right to left."""
    page = open_page(contexts("light"), base_url + sample["ar", "changes"].path)
    page.locator("label.ps-view-label[for=ps-view-sbs]").click()
    section = page.locator("section.ps-section.ps-changed").first
    head = section.locator(".ps-side-head > span")
    before, after = head.nth(0).bounding_box(), head.nth(1).bounding_box()
    assert before is not None
    assert after is not None
    assert before["x"] > after["x"]
    # The first row shown (unchanged paragraphs before a change are folded away).
    row = section.locator(".ps-row:visible").first
    old, new = row.locator(".ps-old").bounding_box(), row.locator(".ps-new").bounding_box()
    assert old is not None
    assert new is not None
    assert old["x"] > new["x"]
    edge = section.evaluate("e => getComputedStyle(e).borderRightWidth")
    assert edge != "0px"
    page.close()


def test_unchanged_sections_expand(
    contexts: Callable[..., BrowserContext], base_url: str, sample: dict[tuple[str, str], SitePage]
) -> None:
    """The 'N unchanged sections' control opens to show their text."""
    page = open_page(contexts("light"), base_url + sample["en", "changes"].path)
    details = page.locator("details.ps-unchanged").first
    body = details.locator("section, p").first
    assert not body.is_visible()
    details.locator("summary").click()
    assert body.is_visible()
    page.close()


def test_chinese_search_finds_a_chinese_term(
    contexts: Callable[..., BrowserContext], base_url: str
) -> None:
    """Search on the Chinese site finds a word from the Chinese policy."""
    page = open_page(contexts("light"), base_url + "zh/privacy/")
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


# --- hostile content ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The attacker's repository of tests/test_hostile.py, built and served."""
    from generator.commands.build import build

    from .test_hostile import AS_OF as HOSTILE_AS_OF
    from .test_hostile import hostile_repo

    root = tmp_path_factory.mktemp("hostile-browser")
    repo = hostile_repo(root / "repo")
    build(repo / "site_config.yml", root / "site", HOSTILE_AS_OF)
    with serve(root / "site") as url:
        yield url


def test_no_payload_runs_on_any_page(
    contexts: Callable[..., BrowserContext], hostile_url: str
) -> None:
    """Every page of the hostile site loads with no dialog, no script of the attacker's
    and no window.__pwned, with every folded section open and the search box used."""
    context = contexts("light")
    dialogs: list[str] = []
    page = context.new_page()

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    listing = page.request.get(hostile_url + "en/sitemap.xml").text()
    addresses = re.findall(r"<loc>https://policies\.example\.test/(.*?)</loc>", listing)
    assert len(addresses) > 10
    for address in [*addresses, *[a.replace("en/", "es/", 1) for a in addresses]]:
        response = page.goto(hostile_url + address)
        assert response is not None
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        page.mouse.move(200, 300)
        assert page.evaluate("typeof window.__pwned") == "undefined", address
    page.goto(hostile_url + "en/")
    page.keyboard.press("/")  # opens mkdocs-material's search
    page.keyboard.type("onerror")
    page.wait_for_timeout(500)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.close()
    assert dialogs == []


# --- readers' pickers -------------------------------------------------------------------


def test_compare_pickers_offer_only_pairs_that_exist(
    contexts: Callable[..., BrowserContext], base_url: str
) -> None:
    """With the script, the two selects appear; 'to' offers only later versions; Compare
    leads to that pair's page."""
    page = open_page(contexts("light"), base_url + "en/privacy/compare/")
    form = page.locator("form[data-ps-compare]")
    assert form.is_visible()
    page.select_option("#ps-compare-from", "2025-02-01")
    offered = page.eval_on_selector_all(
        "#ps-compare-to option", "options => options.filter(o => !o.disabled).map(o => o.value)"
    )
    assert offered == ["2025-10-01", "2026-06-01", "2028-01-15"]
    page.select_option("#ps-compare-to", "2025-10-01")
    page.select_option("#ps-compare-from", "2026-06-01")  # 1 Oct 2025 is no longer later
    assert page.input_value("#ps-compare-to") == "2028-01-15"
    page.select_option("#ps-compare-from", "2025-02-01")
    form.get_by_role("button").click()
    page.wait_for_url("**/en/privacy/compare/2025-02-01...2028-01-15/")
    assert "What changed from 1 February 2025 to 15 January 2028" in page.locator("h1").inner_text()
    page.close()


def test_since_picker_leads_to_the_since_page(
    contexts: Callable[..., BrowserContext], base_url: str
) -> None:
    """On the policy page the script replaces the links by a select; choosing a version
    and pressing the button from the keyboard opens its since/ page."""
    page = open_page(contexts("light"), base_url + "en/privacy/")
    assert page.locator("form[data-ps-go]").is_visible()
    assert not page.locator(".ps-picker__links").is_visible()
    page.select_option("#ps-since-select", label="1 March 2024")
    page.focus("form[data-ps-go] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/privacy/2024-03-01/since/")
    page.close()


def test_pickers_are_links_without_script(browser: Browser, base_url: str) -> None:
    """With JavaScript off, the forms stay hidden and the choices are plain links."""
    context = browser.new_context(java_script_enabled=False)
    page = open_page(context, base_url + "en/privacy/")
    assert not page.locator("form[data-ps-go]").is_visible()
    assert page.locator(".ps-picker__links a").count() == 3
    page.goto(base_url + "en/privacy/compare/")
    assert not page.locator("form[data-ps-compare]").is_visible()
    assert page.locator("table.ps-pairs a").count() == 10
    context.close()
