"""Multilingual site: selectors to the same page, hreflang, lagging translations, locale dates, RTL."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from generator.commands.build import build
from generator.render.i18n import Messages, used_messages

from .conftest import Commit, attr, content, model_page, one, policy, site_model, soup

EXAMPLE_LANGS = ("en", "zh", "es", "de", "ar")
"""The example site's languages."""


def test_every_language_is_built(example_site: Path) -> None:
    """/en/, /zh/, /es/, /de/ and /ar/ each have their home and policy pages, with the
    right <html lang>; Arabic reads right to left."""
    for lang in EXAMPLE_LANGS:
        page = soup(example_site / lang / "privacy/index.html")
        assert attr(one(page, "html"), "lang") == lang
        assert attr(one(page, "body"), "dir") == ("rtl" if lang == "ar" else "ltr")


@pytest.mark.parametrize(
    "page", ["privacy/", "privacy/history/", "privacy/2025-10-01/", "terms/", ""]
)
def test_language_selector_leads_to_the_same_page(example_site: Path, page: str) -> None:
    """Each selector link goes to this page in the other language where it exists (Arabic
    was translated from the 2026-06-01 version on: the policy page there)."""
    has = {lang: (example_site / lang / page / "index.html").is_file() for lang in EXAMPLE_LANGS}
    assert [lang for lang, found in has.items() if not found] == (
        ["ar"] if page == "privacy/2025-10-01/" else []
    )
    for lang in (code for code in EXAMPLE_LANGS if has[code]):
        here = example_site / lang / page
        links = {
            attr(a, "hreflang"): attr(a, "href")
            for a in soup(here / "index.html").select("a.md-select__link")
        }
        assert set(links) == set(EXAMPLE_LANGS)
        for other, href in links.items():
            target = (here / href).resolve()
            wanted = page if has[other] else "privacy/"
            assert target == (example_site / other / wanted).resolve(), (lang, other, href)
            assert (target / "index.html").is_file()


def test_selector_falls_back_when_the_page_does_not_exist(example_site: Path) -> None:
    """A version the Chinese translation never had leads to the Chinese policy page instead."""
    links = {
        a["hreflang"]: a["href"]
        for a in soup(example_site / "en/privacy/2026-06-01/index.html").select("a.md-select__link")
    }
    assert links["zh"] == "../../../zh/privacy/"
    assert links["es"] == "../../../es/privacy/2026-06-01/"
    assert links["de"] == "../../../de/privacy/2026-06-01/"
    assert links["ar"] == "../../../ar/privacy/2026-06-01/"


def sitemap_alternates(example_site: Path, lang: str) -> dict[str, dict[str, str]]:
    """hreflang → address of each page's language versions, from a language's sitemap."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(example_site / lang / "sitemap.xml").getroot()
    found = {}
    for url in root.findall("s:url", ns):
        loc = url.findtext("s:loc", namespaces=ns) or ""
        links = url.findall("x:link", ns)
        assert all(link.get("rel") == "alternate" for link in links)
        found[loc] = {str(link.get("hreflang")): str(link.get("href")) for link in links}
    return found


def test_hreflang_links_are_consistent(example_site: Path) -> None:
    """Every page lists all languages and x-default in the sitemap; the pages they name
    list each other back; no page head carries them (the theme would fetch a sitemap
    beside each)."""
    base = "https://policies.example.com/"
    for lang in EXAMPLE_LANGS:
        page = soup(example_site / lang / "privacy/index.html")
        assert page.find_all("link", hreflang=True) == []
        alternates = sitemap_alternates(example_site, lang)[f"{base}{lang}/privacy/"]
        assert alternates == {
            **{code: f"{base}{code}/privacy/" for code in EXAMPLE_LANGS},
            "x-default": f"{base}en/privacy/",
        }


def test_lagging_translation_says_so_with_working_links(example_site: Path) -> None:
    """/zh/privacy/ names the version it reflects and the one in force, linking to both texts."""
    page = content(soup(example_site / "zh/privacy/index.html"))
    notice = page.select_one(".admonition.warning")
    assert notice is not None
    text = notice.get_text(" ", strip=True)
    assert "2025年10月1日" in text
    assert "2026年6月1日" in text
    here = example_site / "zh/privacy"
    hrefs = [attr(a, "href") for a in notice.select("a")]
    assert hrefs == ["../../en/privacy/", "../../en/privacy/2026-06-01/changes/"]
    for href in hrefs:
        assert ((here / href).resolve() / "index.html").is_file()


def test_up_to_date_translation_has_no_notice(example_site: Path) -> None:
    """/es/privacy/ follows every amendment: no lagging notice."""
    page = content(soup(example_site / "es/privacy/index.html"))
    assert page.select_one(".admonition.warning") is None


def test_dates_follow_each_locale(example_site: Path) -> None:
    """Dates read "1 June 2026", "2025年10月1日", "1 de junio de 2026", "1. Juni 2026",
    "1 يونيو 2026"."""
    expected = {
        "en": "1 June 2026",
        "zh": "2025年10月1日",
        "es": "1 de junio de 2026",
        "de": "1. Juni 2026",
        "ar": "1 يونيو 2026",
    }
    for lang, date in expected.items():
        effective = one(content(soup(example_site / lang / "privacy/index.html")), ".ps-effective")
        assert date in effective.get_text()


def _site_words(page: BeautifulSoup) -> str:
    """Visible text of the page outside the policy text and the redline."""
    article = page.select_one("article.md-content__inner")
    assert article is not None
    for policy_text in article.select(".ps-document, .ps-changes, .ps-commit"):
        policy_text.decompose()
    return article.get_text("\n", strip=True)


@pytest.mark.parametrize(
    "page",
    [
        "",
        "privacy/",
        "privacy/history/",
        "privacy/2025-02-01/",
        "privacy/2025-10-01/changes/",
        "terms/",
    ],
)
def test_no_english_site_word_on_chinese_pages(example_site: Path, page: str) -> None:
    """Outside the policy itself, a zh page shows no message from the English catalogue."""
    text = _site_words(soup(example_site / "zh" / page / "index.html"))
    english = [m for m in used_messages() if len(m) > 3]
    for msgid in english:
        fixed = [part for part in re.split(r"\{\w+\}", msgid) if len(part.strip(" .:,()“”")) > 3]
        for part in fixed:
            assert part.strip() not in text, (msgid, page)


def test_missing_message_falls_back_to_english() -> None:
    """A language without a catalogue entry shows the English words, not an error."""
    words = Messages("sw")  # Swahili: the package has no catalogue for it
    assert words.catalogues == ()
    assert words("Version history") == "Version history"
    assert "Version history" in words.missing(frozenset({"Version history"}))


def test_right_to_left_language(repo_factory: Callable[..., Path], tmp_path: Path) -> None:
    """An Arabic site is built with dir="rtl" on every page."""
    config = (
        "site: {title: Policies, timezone: UTC}\n"
        "languages: {default: ar, available: [{code: ar, name: العربية}, {code: en, name: English}]}\n"
    )
    repo = repo_factory(
        [
            Commit(
                "2024-01-01",
                {
                    "policies/privacy/ar.md": policy(
                        "2024-02-01", "## النطاق\n\nنص أول.\n", title="سياسة الخصوصية"
                    ),
                    "policies/privacy/en.md": policy("2024-02-01", "## Scope\n\nFirst text.\n"),
                },
            ),
            Commit(
                "2024-06-01",
                {
                    "policies/privacy/ar.md": policy(
                        "2024-08-01", "## النطاق\n\nنص ثان.\n", title="سياسة الخصوصية"
                    ),
                },
            ),
        ],
        config=config,
    )
    out = tmp_path / "rtl-site"
    build(repo / "site_config.yml", out, dt.date(2024, 9, 1))
    for page in (
        "ar/index.html",
        "ar/privacy/index.html",
        "ar/privacy/2024-08-01/changes/index.html",
    ):
        html = soup(out / page)
        assert attr(one(html, "html"), "lang") == "ar", page
        assert attr(one(html, "body"), "dir") == "rtl", page
    assert attr(one(soup(out / "en/privacy/index.html"), "body"), "dir") == "ltr"
    redline = content(soup(out / "ar/privacy/2024-08-01/changes/index.html"))
    assert redline.find("ins") is not None
    assert redline.find("del") is not None


def test_missing_policy_is_listed_with_a_link_to_the_authoritative_text(
    repo_factory: Callable[..., Path],
) -> None:
    """A policy not translated into a language is still listed on that language's home."""
    config = (
        "site: {title: Policies}\n"
        "languages: {default: en, available: [{code: en, name: English}, {code: es, name: Español}]}\n"
    )
    repo = repo_factory(
        [
            Commit(
                "2024-01-01",
                {
                    "policies/privacy/en.md": policy("2024-02-01", "Text.\n"),
                    "policies/privacy/es.md": policy("2024-02-01", "Texto.\n", title="Privacidad"),
                    "policies/terms/en.md": policy("2024-02-01", "Terms.\n", title="Terms"),
                },
            )
        ],
        config=config,
    )
    home = model_page(site_model(repo / "site_config.yml", dt.date(2024, 3, 1)), "es", "")
    link = next(a for a in home.select(".ps-policy a") if a.get_text(strip=True) == "Terms")
    assert link["href"] == "../en/terms/"
    assert link["hreflang"] == "en"
