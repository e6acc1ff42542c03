"""The what's new page: every amendment across policies, upcoming first, then by month."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.config.loading import load_config
from generator.history.repository import read_history
from generator.site import Site
from generator.site.context import SiteContext
from generator.site.records import Amendment, AmendmentKind
from generator.site.whats_new import whats_new_pages
from generator.versions.timeline import build_timelines

from .conftest import model_page
from .test_groups import AS_OF, LANGS, grouped_repo

Factory = Callable[..., Path]

#: Each heading of the en page with the sentence of each entry under it, in order.
EXPECTED_EN = [
    ("Upcoming changes", ["A new version takes effect on 1 January 2027."]),
    ("July 2024", ["Correction of the version of 1 February 2024, made on 3 July 2024."]),
    ("June 2024", ["A new version took effect on 1 June 2024."]),
    (
        "February 2024",
        ["First published version, effective 1 February 2024."] * 3,
    ),
]


@pytest.fixture
def grouped(repo_factory: Factory) -> Site:
    """The grouped site of ``test_groups`` in memory."""
    from .conftest import site_model

    return site_model(grouped_repo(repo_factory) / "site_config.yml", AS_OF)


def entries(page: BeautifulSoup) -> list[tuple[str, list[str]]]:
    """Each heading of the page with the sentence of each entry under it."""
    return [
        (
            section.h2.get_text() if section.h2 else "",
            [
                " ".join(p.get_text().split(" · ")[-1:])
                for p in section.select("li.ps-amendment .ps-amendment__meta")
            ],
        )
        for section in page.select("section.ps-month")
    ]


def test_upcoming_first_then_months_newest_first(grouped: Site) -> None:
    """Upcoming changes lead; then month headings, newest first, one entry per amendment."""
    assert entries(model_page(grouped, "en", "changes/")) == EXPECTED_EN


def test_only_corrections_a_reader_sees_are_listed(grouped: Site) -> None:
    """The English correction changed a word and is listed; the Spanish reflow is not."""
    es = entries(model_page(grouped, "es", "changes/"))
    assert [heading for heading, _ in es] == [
        "Próximos cambios",
        "junio de 2024",
        "febrero de 2024",
    ]
    en = model_page(grouped, "en", "changes/")
    correction = en.select("section.ps-month")[1]
    assert correction.select_one(".ps-amendment__counts").get_text() == "1 section changed"  # type: ignore[union-attr]
    link = correction.select_one(".ps-links a")
    assert link is not None
    assert str(link["href"]).startswith("../terms/2024-02-01/corrections/")


@pytest.mark.parametrize("lang", LANGS)
def test_entries_give_policy_group_summary_and_links(grouped: Site, lang: str) -> None:
    """Each entry names the policy and its group, gives the summary or the counts, and links
    to pages the site has."""
    page = model_page(grouped, lang, "changes/")
    language = next(found for found in grouped.languages if found.lang == lang)
    addresses = {p.url for p in language.pages}
    june = page.select("section.ps-month")[2 if lang == "en" else 1]
    entry = june.select_one("li.ps-amendment")
    assert entry is not None
    assert [a["href"] for a in entry.select("a")] == [
        "../privacy/",
        "privacy/",
        "../privacy/2024-06-01/changes/",
    ]
    summary = entry.select_one(".ps-plain-summary")
    assert summary is not None
    assert summary.get_text().strip() == "Logs are kept for 12 months."
    # Every link of every entry leads to a page of the language.
    for href in {str(a["href"]).split("#")[0] for a in page.select("li.ps-amendment a")}:
        resolved = posixpath.normpath(posixpath.join(f"/{lang}/changes/", href))
        assert resolved.removeprefix(f"/{lang}/") + "/" in addresses, href


def test_counts_stand_in_for_a_missing_summary(grouped: Site) -> None:
    """Without a summary, the computed one says how many sections changed."""
    page = model_page(grouped, "zh", "changes/")
    upcoming = page.select("section.ps-month")[0]
    assert upcoming.select_one(".ps-plain-summary") is None
    counts = upcoming.select_one(".ps-amendment__counts")
    assert counts is not None
    assert counts.get_text() == "修改 1 个章节"


@pytest.mark.parametrize("lang", LANGS)
def test_group_filter_works_without_scripts(grouped: Site, lang: str) -> None:
    """The filter is links: each group's page lists that group's amendments only."""
    page = model_page(grouped, lang, "changes/legal/")
    assert not page.select("script, form")
    current = page.select("nav.ps-filter a[aria-current=page]")
    assert [a["href"] for a in current] == ["./"]
    titles = {a.get_text() for a in page.select("h3.ps-amendment__title a")}
    assert titles == {"Privacy Policy"}
    assert [a["href"] for a in page.select("li.ps-amendment h3 a")] == ["../../terms/"] * (
        2 if lang == "en" else 1
    )
    choices = [a["href"] for a in page.select("nav.ps-filter a")]
    assert choices == ["../", "../privacy/", "./", "../products/"]


def test_whats_new_is_in_the_sitemap_and_nav(grouped: Site) -> None:
    """The page is listed in the navigation (second) and is a page of every language."""
    for language in grouped.languages:
        assert language.nav[1].url == "changes/"
        assert "changes/" in {p.url for p in language.pages if p.in_nav}


def test_the_page_is_made_from_records_alone(repo_factory: Factory) -> None:
    """Records made by hand (no timeline behind them) give the same kind of page."""
    repo = grouped_repo(repo_factory)
    config = load_config(repo / "site_config.yml")
    groups = SiteContext(config, build_timelines(read_history(config), config), AS_OF).grouping
    # No timeline at all: only the configuration, the words and the templates.
    site = SiteContext(config, {}, AS_OF)
    record = Amendment(
        policy="terms",
        lang="en",
        group="legal",
        title="Terms <b>of</b> use",
        kind=AmendmentKind.VERSION,
        effective_date=dt.date(2025, 3, 1),
        day=dt.date(2025, 3, 1),
        upcoming=False,
        summary=None,
        counts=("2 sections changed", "1 section added"),
        policy_url="en/terms/",
        version_url="en/terms/2025-03-01/",
        changes_url="en/terms/2025-03-01/changes/",
        commit="0" * 40,
        committed=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    pages = whats_new_pages(site, "en", [record], groups.groups)
    body = BeautifulSoup(pages[0].body, "html.parser")
    assert [h.get_text() for h in body.select("section.ps-month h2")] == ["March 2025"]
    assert body.select_one("h3 a").get_text() == "Terms <b>of</b> use"  # type: ignore[union-attr]
    counts = body.select_one(".ps-amendment__counts")
    assert counts is not None
    assert counts.get_text() == "2 sections changed and 1 section added"
    assert [p.url for p in pages] == [
        "changes/",
        "changes/privacy/",
        "changes/legal/",
        "changes/products/",
    ]


def test_addresses_of_whats_new_resolve() -> None:
    """``resolve`` reads the what's new pages and group feeds, so ``check`` approves links."""
    from generator.base.urls import FEED, PageKind, Target, resolve

    assert resolve("en/changes/", {"privacy"}) == Target(PageKind.WHATS_NEW, "en")
    assert resolve("es/changes/legal/", {"privacy"}) == Target(
        PageKind.WHATS_NEW, "es", group="legal"
    )
    assert resolve("es/changes/legal/feed.xml", {"privacy"}) == Target(
        None, "es", file=FEED, group="legal"
    )
    assert resolve("es/changes/legal/x/", {"privacy"}).unknown == "changes/legal/x"


def test_the_sitemap_lists_the_whats_new_pages(repo_factory: Factory) -> None:
    """Each language's sitemap lists its what's new page and each group's."""
    from generator.output.sitemap import sitemap

    from .conftest import site_model

    repo = grouped_repo(repo_factory)
    config = load_config(repo / "site_config.yml")
    site = site_model(repo / "site_config.yml", AS_OF)
    for language in site.languages:
        entries = [(page.url, page.alternates) for page in language.pages]
        xml = sitemap(language.lang, entries, config, site.timestamp).decode()
        for path in ("changes/", "changes/privacy/", "changes/legal/", "changes/products/"):
            assert f"<loc>https://policies.test/{language.lang}/{path}</loc>" in xml


def test_a_link_to_whats_new_is_not_broken(repo_factory: Factory) -> None:
    """A policy may link to the what's new page: ``check`` finds no broken link."""
    from .conftest import Commit, policy
    from .test_check import problems

    text = policy("2024-01-01", "See [what changed lately](../changes/).\n")
    repo = repo_factory([Commit("2024-01-01", {"policies/privacy/en.md": text})])
    assert [p for p in problems(repo) if p.rule == "broken-link"] == []


def test_a_policy_feed_lists_its_corrections(grouped: Site) -> None:
    """The English terms' own feed (and the language's) list the correction that changed a
    word, as the what's new page does; the Spanish reflow is in no feed."""
    from xml.etree import ElementTree

    from .test_groups import ATOM, output

    def titles(path: str) -> list[str]:
        feed = ElementTree.fromstring(output(grouped, path))
        return [e.findtext(f"{ATOM}title") or "" for e in feed.iter(f"{ATOM}entry")]

    corrections = [t for t in titles("en/terms/feed.xml") if "correction" in t]
    assert len(corrections) == 1
    assert "correction of the version of 1 February 2024" in corrections[0]
    assert corrections[0] in titles("en/feed.xml")
    assert not [t for t in titles("es/terms/feed.xml") if "corrección" in t.lower()]
