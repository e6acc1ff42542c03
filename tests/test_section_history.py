"""A section's own history: followed through renames and moves, at addresses that keep working."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from generator.base import urls
from generator.base.urls import PageKind
from generator.site import Site

from .conftest import Commit, attr, git, model_page, policy, site_model
from .test_check import problems

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"

SCOPE = "## Scope\n\nThis policy covers our website and our apps.\n"
RETENTION = (
    "## Retention\n\nWe keep access logs for 24 months and delete them afterwards, "
    "unless the law requires us to keep them longer.\n"
)
SHARING = "## Sharing\n\nWe share data with our hosting provider only.\n"
CONTACT = "## Contact\n\nWrite to privacy@example.test.\n"

V1 = "\n".join([SCOPE, RETENTION, SHARING, CONTACT])
V2 = V1.replace("24 months", "12 months")  # edits Retention
V3 = V2.replace("## Retention", "## Keeping your data").replace("test.", "test or call us.")
KEEPING = V3.split("## Keeping your data")[1].split("## Sharing")[0]
V4 = V3.replace("## Keeping your data" + KEEPING, "") + "\n## Keeping your data" + KEEPING
V5 = V4.replace("our website and our apps", "our website, our apps and our shops").replace(
    SHARING + "\n", ""
)
V6 = V5 + "\n" + SHARING
DATES = ["2024-01-01", "2024-06-01", "2025-01-01", "2025-06-01", "2026-01-01", "2026-06-01"]
AFTER_ALL = dt.date(2027, 1, 1)


def renamed_and_moved(factory: Factory) -> Path:
    """Retention: edited (v2), renamed "Keeping your data" (v3), moved to the end (v4);
    Sharing: removed (v5) and added back (v6); Scope edited (v5)."""
    texts = [V1, V2, V3, V4, V5, V6]
    return factory(
        [
            Commit(
                (dt.date.fromisoformat(day) - dt.timedelta(days=45)).isoformat(),
                {EN: policy(day, text, summary=f"Version {n + 1}.")},
                f"Version {n + 1}",
            )
            for n, (day, text) in enumerate(zip(DATES, texts, strict=True))
        ]
    )


def section_pages(site: Site) -> dict[str, str]:
    """Each section history page's address → its body."""
    return {
        page.url: str(page.body)
        for page in site.languages[0].pages
        if page.kind is PageKind.SECTION_HISTORY
    }


def redirects(site: Site) -> dict[str, str]:
    """Each redirect under history/ → where it leads."""
    found = {}
    for item in site.files:
        if "/history/" in item.path and item.path.endswith("index.html"):
            html = item.content.decode()
            found[item.path] = html.split('content="0; url=', 1)[1].split('"', 1)[0]
    return found


def test_a_renamed_and_moved_section_has_one_page_listing_exactly_its_changes(
    repo_factory: Factory,
) -> None:
    """Retention → Keeping your data: one page, versions 4, 3 and 2, newest first, each badged."""
    site = site_model(renamed_and_moved(repo_factory) / "site_config.yml", AFTER_ALL)
    pages = section_pages(site)
    assert sorted(pages) == [
        "privacy/history/contact/",
        "privacy/history/keeping-your-data/",
        "privacy/history/scope/",
        "privacy/history/sharing/",
    ]
    page = model_page(site, "en", "privacy/history/keeping-your-data/")
    steps = page.select("section.ps-step")
    assert [attr(step, "aria-labelledby") for step in steps] == [
        f"v{DATES[3]}",
        f"v{DATES[2]}",
        f"v{DATES[1]}",
    ]
    badges = [[b.get_text() for b in step.select(".ps-badge")] for step in steps]
    assert badges == [["Moved"], ["Changed", "Renamed from “Retention”"], ["Changed"]]
    assert "Earlier headings:" in page.get_text()
    origin = page.select_one(".ps-origin a")
    assert origin is not None
    assert attr(origin, "href") == f"../../{DATES[0]}/"
    # The version's own changes page is one click away, at the section.
    first_links = [attr(a, "href") for a in steps[0].select(".ps-links a")]
    assert first_links == [
        f"../../{DATES[3]}/#keeping-your-data",
        f"../../{DATES[3]}/changes/#keeping-your-data",
    ]


def test_earlier_ids_redirect_to_the_page(repo_factory: Factory) -> None:
    """history/retention/, the section's page before the rename, leads to its page now."""
    config = renamed_and_moved(repo_factory) / "site_config.yml"
    before = site_model(config, dt.date(2024, 7, 1))
    site = site_model(config, AFTER_ALL, previous=before)
    assert redirects(site) == {"en/privacy/history/retention/index.html": "../keeping-your-data/"}


def test_an_id_never_published_gets_no_redirect(repo_factory: Factory) -> None:
    """A first deployment after the rename writes no page at the id it never published."""
    site = site_model(renamed_and_moved(repo_factory) / "site_config.yml", AFTER_ALL)
    assert redirects(site) == {}


def test_addresses_stay_when_the_rename_takes_effect(repo_factory: Factory) -> None:
    """Before the rename applies the page is at history/retention/; every address stays."""
    repo = renamed_and_moved(repo_factory)
    before = site_model(repo / "site_config.yml", dt.date(2024, 7, 1))
    after = site_model(repo / "site_config.yml", AFTER_ALL, previous=before)
    assert "privacy/history/retention/" in section_pages(before)

    def addresses(site: Site) -> set[str]:
        pages = {f"en/{url}index.html" for url in section_pages(site)}
        return pages | set(redirects(site))

    # Every address published before stays; after, the section's page is at its new id.
    assert addresses(before) <= addresses(after)
    assert "en/privacy/history/keeping-your-data/index.html" in addresses(after)


def test_removed_and_added_back_section_keeps_one_history(repo_factory: Factory) -> None:
    """Sharing, removed in v5 and added back in v6, has one page: added, then removed."""
    site = site_model(renamed_and_moved(repo_factory) / "site_config.yml", AFTER_ALL)
    page = model_page(site, "en", "privacy/history/sharing/")
    steps = page.select("section.ps-step")
    assert [attr(s, "aria-labelledby") for s in steps] == [f"v{DATES[5]}", f"v{DATES[4]}"]
    assert [s.select_one(".ps-badge").get_text() for s in steps] == ["Added", "Removed"]  # type: ignore[union-attr]


def test_removed_section_is_listed_on_the_version_history(repo_factory: Factory) -> None:
    """The version history lists every section's history; a removed one says since when."""
    texts = [V1, V1.replace(SHARING + "\n", "")]
    repo = repo_factory(
        [
            Commit("2023-10-01", {EN: policy(DATES[0], texts[0])}),
            Commit("2024-04-01", {EN: policy(DATES[1], texts[1], summary="Sharing removed.")}),
        ]
    )
    site = site_model(repo / "site_config.yml", AFTER_ALL)
    items = model_page(site, "en", "privacy/history/").select(".ps-section-list li")
    assert [item.get_text(" ", strip=True) for item in items] == [
        "Scope",
        "Retention",
        "Contact",
        "Sharing — removed by the version of 1 June 2024",
    ]
    page = model_page(site, "en", "privacy/history/sharing/")
    assert "It was removed by the version of 1 June 2024." in page.get_text()
    assert page.select_one('a[href="../../#sharing"]') is None  # not in the current text


def test_each_heading_links_to_its_history(repo_factory: Factory) -> None:
    """On the policy page, a link after each heading, named with the section."""
    site = site_model(renamed_and_moved(repo_factory) / "site_config.yml", AFTER_ALL)
    page = model_page(site, "en", "privacy/")
    heading = page.select_one("h2#keeping-your-data")
    assert heading is not None
    link = heading.find_next_sibling("p")
    assert link is not None
    anchor = link.select_one("a")
    assert anchor is not None
    assert attr(anchor, "href") == "history/keeping-your-data/"
    assert anchor.get_text() == "History of this section"
    assert attr(anchor, "aria-label") == "History of this section: Keeping your data"
    assert len(page.select(".ps-section-history a")) == 4
    # Version pages keep their text as it was: no links there.
    assert model_page(site, "en", f"privacy/{DATES[5]}/").select(".ps-section-history") == []


def test_api_lists_section_histories(repo_factory: Factory) -> None:
    """The JSON index gives each section's page, its earlier ids and the versions that changed it."""
    site = site_model(renamed_and_moved(repo_factory) / "site_config.yml", AFTER_ALL)
    (api,) = (f for f in site.files if f.path == urls.api_policy("en", "privacy"))
    sections = json.loads(api.content)["sections"]
    keeping = next(s for s in sections if s["id"] == "keeping-your-data")
    assert keeping == {
        "id": "keeping-your-data",
        "heading": "Keeping your data",
        "url": "https://policies.test/en/privacy/history/keeping-your-data/",
        "former_ids": ["retention"],
        "changed_in": DATES[1:4],
    }


def test_check_accepts_a_link_to_an_earlier_id(repo_factory: Factory) -> None:
    """A link to history/retention/ (now a redirect) is not broken."""
    repo = renamed_and_moved(repo_factory)
    text = V6 + "\nSee [how this changed](history/retention/).\n"
    (repo / EN).write_text(policy("2026-12-01", text, summary="A link."), encoding="utf-8")
    git(repo, "commit", "-qam", "Link", date="2026-10-01")
    assert [p for p in problems(repo, as_of="2026-11-01") if p.rule == "broken-link"] == []
