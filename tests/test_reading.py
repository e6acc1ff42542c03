"""Calm, truthful reading: one status everywhere for a translation that lags, every version's
period and its neighbours, the compact history, the comparison pickers, the footer and the
not-found pages (the browser tests, ``tests/test_browser_reading.py``, see them in Chromium).

The example site lags on purpose: its Chinese privacy policy stops at the version of
1 October 2025, which the English version of 1 June 2026 replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag

from generator.config.loading import load_config
from generator.history.repository import read_history
from generator.site.context import SiteContext
from generator.site.printed import print_job
from generator.versions import Status, standing
from generator.versions.timeline import build_timelines

from .conftest import AS_OF, ROOT, Commit, attr, content, one, policy, soup

ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = """\
site: {title: Lag Policies, url: "https://lag.example.test/", timezone: Europe/Dublin}
languages:
  default: en
  available:
    - {code: en, name: English, locale: en_IE}
    - {code: zh, name: 简体中文, locale: zh_Hans_CN}
"""

#: The example's site.title in each of its languages.
SITE_TITLES = {
    "en": "Example Devices Policies",
    "zh": "Example Devices 政策",
    "es": "Políticas de Example Devices",
    "de": "Richtlinien von Example Devices",
    "ar": "سياسات Example Devices",
}


def seen(tag: Tag) -> str:
    """A tag's text as it reads, whitespace collapsed."""
    return " ".join(tag.get_text(" ").split())


@pytest.fixture(scope="module")
def example() -> SiteContext:
    """The example site's inputs as of the tests' day (no MkDocs)."""
    config = load_config(ROOT / "site_config.yml")
    return SiteContext(config, build_timelines(read_history(config), config), AS_OF)


# --- one truthful status --------------------------------------------------------------


def test_a_translation_of_a_replaced_version_is_outdated(repo_factory: Callable[..., Path]) -> None:
    """Once the English version of 1 June takes effect, the Chinese text of 1 January (the
    newest Chinese text) is an outdated translation: it applied until 31 May, translates the
    English version of 1 January, and the English version of 1 June applies instead."""
    en = "## Scope\n\nThese terms cover the service.\n"
    repo = repo_factory(
        [
            Commit(
                "2023-12-01",
                {
                    "policies/terms/en.md": policy("2024-01-01", en, title="Terms"),
                    "policies/terms/zh.md": policy(
                        "2024-01-01", "## 范围\n\n本条款适用于本服务。\n"
                    ),
                },
            ),
            Commit("2024-04-01", {"policies/terms/en.md": policy("2024-06-01", en + "More.\n")}),
        ],
        CONFIG,
    )
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    zh, en_line = timelines["terms", "zh"], timelines["terms", "en"]
    (text,) = zh.versions
    before = standing(zh, text, dt.date(2024, 3, 1), en_line)
    assert (before.status, before.end) == (Status.IN_FORCE, dt.date(2024, 5, 31))
    after = standing(zh, text, dt.date(2024, 7, 1), en_line)
    assert after.status is Status.TRANSLATION_OUTDATED
    assert after.outdated
    assert after.end == dt.date(2024, 5, 31)
    assert after.translates is en_line.versions[0]
    assert after.in_force is en_line.versions[1]
    # The authoritative language judges itself alone.
    assert standing(en_line, en_line.versions[1], dt.date(2024, 7, 1)).status is Status.IN_FORCE


def test_a_translation_stating_the_originals_date_is_in_force(
    repo_factory: Callable[..., Path],
) -> None:
    """A translation dated like the authoritative version in force reflects it: in force."""
    repo = repo_factory(
        [
            Commit(
                "2024-04-01",
                {
                    "policies/terms/en.md": policy("2024-06-01", "## Scope\n\nAll.\n"),
                    "policies/terms/zh.md": policy("2024-06-01", "## 范围\n\n全部。\n"),
                },
            )
        ],
        CONFIG,
    )
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    zh = timelines["terms", "zh"]
    found = standing(zh, zh.versions[0], dt.date(2024, 7, 1), timelines["terms", "en"])
    assert found.status is Status.IN_FORCE
    assert found.translates is timelines["terms", "en"].versions[0]


@pytest.mark.parametrize("url", ["zh/privacy/", "zh/privacy/2025-10-01/"])
def test_a_lagging_translations_pages_say_so_and_lead_to_the_version_in_force(
    example_site: Path, url: str
) -> None:
    """The Chinese text of 1 October 2025: its badge says outdated translation, its period
    ends on 31 May 2026, no box says it is in force, and the warning names the English
    version of 1 June 2026 with a link to it."""
    page = content(soup(example_site / url / "index.html"))
    badge = one(page, ".ps-effective .ps-status")
    assert badge.get_text() == "译文未更新"
    assert "ps-status--translation-outdated" in badge["class"]
    assert seen(one(page, ".ps-period")) == "自2025年10月1日起生效，至2026年5月31日止。"
    assert page.select(".admonition.success") == []
    (warning,) = [n for n in page.select(".admonition.warning") if "2026年6月1日" in seen(n)]
    assert "本译文对应2025年10月1日版本" in seen(warning)
    hrefs = [attr(a, "href") for a in warning.select("a[hreflang=en]")]
    assert any(h.endswith("en/privacy/") for h in hrefs)


def test_a_lagging_translations_history_row_and_since_pages_say_so(example_site: Path) -> None:
    """In the Chinese history the 1 October 2025 row is an outdated translation; a since/
    page compares with the latest translation, never "the version in force"."""
    history = content(soup(example_site / "zh/privacy/history/index.html"))
    row = one(history, "tr#v2025-10-01")
    assert one(row, ".ps-status").get_text() == "译文未更新"
    assert "至2026年5月31日止" in seen(one(row, ".ps-period"))
    since = content(soup(example_site / "zh/privacy/2025-02-01/since/index.html"))
    intro = one(since, ".ps-meta p").get_text()
    assert intro == "自2025年2月1日版本至最新译文（对应2025年10月1日版本）之间的变更。"
    assert since.select(".admonition.warning")


def test_the_api_names_the_same_version_in_force_in_every_language(example_site: Path) -> None:
    """Every language's in_force is 2026-06-01, in the index and in each policy's file; the
    Chinese text of 2025-10-01 is "translation-outdated" and translates 2025-10-01; each
    version gives its last day."""
    index = json.loads((example_site / "api/policies.json").read_text(encoding="utf-8"))
    (privacy,) = [p for p in index["policies"] if p["id"] == "privacy"]
    languages = privacy["languages"]
    assert {lang: entry["in_force"] for lang, entry in languages.items()} == {
        "en": "2026-06-01",
        "es": "2026-06-01",
        "zh": "2026-06-01",
        "de": "2026-06-01",
        "ar": "2026-06-01",
    }
    assert languages["zh"]["in_force_url"] == "https://policies.example.com/en/privacy/2026-06-01/"
    assert languages["es"]["in_force_url"] == "https://policies.example.com/es/privacy/2026-06-01/"
    files = {
        lang: json.loads((example_site / f"api/{lang}/privacy.json").read_text(encoding="utf-8"))
        for lang in ("en", "zh")
    }
    assert files["zh"]["in_force"] == "2026-06-01"
    latest = files["zh"]["versions"][-1]
    assert (latest["effective_date"], latest["status"], latest["translates"]) == (
        "2025-10-01",
        "translation-outdated",
        "2025-10-01",
    )
    assert latest["in_force_until"] == "2026-05-31"
    statuses = [v["status"] for v in files["en"]["versions"]]
    assert "translation-outdated" not in statuses
    assert [v["translates"] for v in files["en"]["versions"]] == [None] * len(statuses)


def test_a_translations_feed_announces_the_amendments_it_lacks(example_site: Path) -> None:
    """The Chinese feed has an entry for each English amendment not yet translated, under
    the address its translation will have, leading to the English changes page."""
    feed = ElementTree.fromstring((example_site / "zh/privacy/feed.xml").read_bytes())
    entries = {e.findtext(f"{ATOM}id"): e for e in feed.iter(f"{ATOM}entry")}
    for day in ("2026-06-01", "2028-01-15"):
        entry = entries[f"https://policies.example.com/zh/privacy/{day}/"]
        link = entry.find(f"{ATOM}link")
        assert link is not None
        assert link.get("hreflang") == "en"
        assert link.get("href") == f"https://policies.example.com/en/privacy/{day}/changes/"
        assert "尚未翻译" in (entry.findtext(f"{ATOM}summary") or "")
    # The Spanish translation is up to date: no such entry.
    spanish = (example_site / "es/privacy/feed.xml").read_text(encoding="utf-8")
    assert 'hreflang="en"' not in spanish


def test_the_print_copy_of_an_outdated_translation_gives_its_period(example: SiteContext) -> None:
    """The Chinese, English and Spanish print copies of 1 October 2025 all end on 31 May
    2026; the Chinese one also says which version it reflects and which applies."""
    expected = {
        "en": "In force from 1 October 2025 until 31 May 2026.",
        "es": "En vigor desde el 1 de octubre de 2025 hasta el 31 de mayo de 2026.",
        "zh": "自2025年10月1日起生效，至2026年5月31日止。",
    }
    for lang, period in expected.items():
        version = example.timelines["privacy", lang].find(dt.date(2025, 10, 1))
        assert version is not None
        printed = BeautifulSoup(print_job(example, version, lang).html, "html.parser")
        status = seen(one(printed, ".ps-print-status"))
        assert status.startswith(period), lang
    assert "自2026年6月1日起生效的现行版本尚未翻译" in status


# --- periods, neighbours and the history ----------------------------------------------


PRIVACY = ["2024-03-01", "2025-02-01", "2025-10-01", "2026-06-01", "2028-01-15"]
PERIODS = [
    "In force from 1 March 2024 until 31 January 2025.",
    "In force from 1 February 2025 until 30 September 2025.",
    "In force from 1 October 2025 until 31 May 2026.",
    "In force from 1 June 2026 until 14 January 2028.",
    "Takes effect on 15 January 2028.",
]


def test_every_version_page_gives_its_period_and_its_neighbours(example_site: Path) -> None:
    """Each version's page says when it applied, and links the previous and next versions
    (rel=prev/next) and what it changed."""
    for n, day in enumerate(PRIVACY):
        page = content(soup(example_site / f"en/privacy/{day}/index.html"))
        assert seen(one(page, ".ps-period")) == PERIODS[n]
        pager = one(page, "nav.ps-pager")
        previous, following = pager.select_one("a[rel=prev]"), pager.select_one("a[rel=next]")
        if n:
            assert previous is not None
            assert attr(previous, "href") == f"../{PRIVACY[n - 1]}/"
            assert attr(one(pager, ".ps-pager__middle"), "href") == "changes/"
        else:
            assert previous is None
            assert pager.select_one(".ps-pager__middle") is None
        if n + 1 < len(PRIVACY):
            assert following is not None
            assert attr(following, "href") == f"../{PRIVACY[n + 1]}/"
        else:
            assert following is None


def test_the_history_is_a_compact_table(example_site: Path) -> None:
    """One row per version: date and period, status, the summary (or what it changed,
    counted) and read · changes links."""
    page = content(soup(example_site / "en/privacy/history/index.html"))
    table = one(page, "table.ps-history")
    headings = [seen(th) for th in table.select("thead th")]
    assert headings == ["Version", "Status", "Summary", "Links"]
    rows = table.select("tbody tr")
    assert [seen(one(r, ".ps-period")) for r in rows] == PERIODS[::-1]
    summaries = [seen(one(r, ".ps-history__summary")) for r in rows]
    assert summaries[0].startswith("Employers on our Enterprise plan")
    assert summaries[1] == "1 section changed and 1 section removed"
    assert summaries[2] == "1 section changed and 1 section moved"
    assert summaries[-1] == "First version: there is no earlier text to compare with."
    links = [[a.find(string=True) for a in one(r, ".ps-history__links").select("a")] for r in rows]
    assert links == [["Read", "Changes"]] * 4 + [["Read"]]
    assert attr(one(rows[1], ".ps-history__links a"), "href") == "../2026-06-01/"


def test_changes_pages_lead_to_the_amendments_before_and_after(example_site: Path) -> None:
    """The changes page of 1 October 2025 links those of 1 February 2025 and 1 June 2026;
    its opening sentence links both versions it compares."""
    page = content(soup(example_site / "en/privacy/2025-10-01/changes/index.html"))
    pager = one(page, "nav.ps-pager")
    assert attr(one(pager, "a[rel=prev]"), "href") == "../../2025-02-01/changes/"
    assert attr(one(pager, "a[rel=next]"), "href") == "../../2026-06-01/changes/"
    intro = one(page, ".ps-meta p")
    assert [(a.get_text(), attr(a, "href")) for a in intro.select("a")] == [
        ("1 February 2025", "../../2025-02-01/"),
        ("1 October 2025", "../"),
    ]
    first = content(soup(example_site / "en/privacy/2025-02-01/changes/index.html"))
    assert (
        one(first, "nav.ps-pager").select("a[rel=prev]") == []
    )  # the first version changed nothing


def test_a_comparison_offers_the_pairs_that_share_a_version(example_site: Path) -> None:
    """compare/2025-02-01...2026-06-01/ links the other comparisons from 1 February 2025
    and to 1 June 2026, and carries every pair for the selects (hidden)."""
    page = content(soup(example_site / "en/privacy/compare/2025-02-01...2026-06-01/index.html"))
    pickers = one(page, "section.ps-other-pairs")
    lines = pickers.select(".ps-picker__links p")
    assert [[attr(a, "href") for a in line.select("a")] for line in lines] == [
        ["../2025-02-01...2025-10-01/", "../2025-02-01...2028-01-15/"],
        ["../2024-03-01...2026-06-01/", "../2025-10-01...2026-06-01/"],
    ]
    form = one(pickers, "form[data-ps-compare]")
    assert form.has_attr("hidden")
    assert attr(one(form, "#ps-other-from option[selected]"), "value") == "2025-02-01"
    assert attr(one(form, "#ps-other-to option[selected]"), "value") == "2026-06-01"
    assert len(pickers.select("[hidden] a[data-ps-from][data-ps-to]")) == 10


def test_home_shows_the_version_in_force_of_a_lagging_translation(example_site: Path) -> None:
    """The Chinese home dates the privacy policy by the English version in force (amended on
    1 June 2026) and says the translation is not up to date."""
    page = content(soup(example_site / "zh/index.html"))
    (line, _terms) = page.select("li.ps-policy > p")
    assert " ".join(line.get_text().split()).startswith("于2026年6月1日修订。")
    assert "本译文尚未更新。" in line.get_text()
    assert attr(one(line, "time"), "datetime") == "2026-06-01"


# --- edges ----------------------------------------------------------------------------


def test_every_language_and_the_root_have_a_translated_not_found_page(example_site: Path) -> None:
    """/404.html (what hosts serve for any missing address) is the default language's;
    each language's is in its own words, named by the site's title in that language, and
    links home and to the other languages."""
    assert (example_site / "404.html").read_bytes() == (example_site / "en/404.html").read_bytes()
    expected = {
        "en": ("Page not found", "Example Devices Policies"),
        "zh": ("找不到页面", "Example Devices 政策"),
        "es": ("Página no encontrada", "Políticas de Example Devices"),
        "de": ("Seite nicht gefunden", "Richtlinien von Example Devices"),
        "ar": ("الصفحة غير موجودة", "سياسات Example Devices"),
    }
    for lang, (heading, site) in expected.items():
        page = soup(example_site / lang / "404.html")
        assert one(page, "article h1").get_text() == heading
        assert one(page, "title").get_text() == f"{heading} - {site}"
        hrefs = [attr(a, "href") for a in content(page).select("a")]
        # Absolute addresses: a host serves this page at any address.
        assert hrefs[0] == f"/{lang}/./"
        others = {re.sub(r"^/\w+/\.\./", "/", h) for h in hrefs[1:]}
        assert others == {f"/{code}/" for code in SITE_TITLES if code != lang}


def test_every_page_has_a_footer_naming_the_site_feed_and_api(example_site: Path) -> None:
    """The footer names the site by its title in the page's language and links what's new,
    the language's feed and the API, from any depth."""
    for path, up, site in [
        ("en/index.html", "", "Example Devices Policies"),
        ("es/privacy/2025-10-01/changes/index.html", "../../../", "Políticas de Example Devices"),
    ]:
        footer = one(soup(example_site / path), "nav.ps-footer")
        assert seen(footer).startswith(f"{site} ·")
        assert [attr(a, "href") for a in footer.select("a")] == [
            f"{up}changes/",
            f"{up}feed.xml",
            f"{up}../api/policies.json",
        ]
        assert (example_site / path).parent.joinpath(f"{up}feed.xml").resolve().is_file()


def test_whats_new_never_counts_renumbering_as_a_change(example_site: Path) -> None:
    """What's new says what 1 June 2026 changed without "2 sections renumbered"."""
    text = content(soup(example_site / "en/changes/index.html")).get_text(" ")
    assert "renumbered" not in text


def test_the_readme_shows_every_screenshot_the_one_command_takes() -> None:
    """``python -m tests.screenshots`` takes exactly the images the README shows, and each
    is in docs/screenshots/."""
    pytest.importorskip("playwright", reason="the screenshots are taken in Chromium")
    from .screenshots import OUTPUT, SHOTS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\]\(docs/screenshots/([\w-]+)\.png\)", readme))
    assert shown == set(SHOTS)
    assert all((OUTPUT / f"{name}.png").is_file() for name in SHOTS)
    assert "python -m tests.screenshots" in readme


def test_a_lagging_translations_section_histories_never_say_in_force(example_site: Path) -> None:
    """A section's history in Chinese marks the newest Chinese text an outdated translation,
    and links "this section in the latest translation", not "in the current text"."""
    page = content(soup(example_site / "zh/privacy/history/信息共享与跨境传输/index.html"))
    statuses = [s.get_text() for s in page.select(".ps-step .ps-status")]
    assert statuses[0] == "译文未更新"
    assert "现行有效" not in statuses
    assert "在最新译文中阅读本节" in page.get_text()
