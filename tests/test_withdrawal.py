"""Published means permanent: a withdrawn (deleted) policy keeps every page, marked
withdrawn; one added again continues its history; the set of addresses only grows."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.cli import main
from generator.config.loading import load_config
from generator.history.repository import read_history
from generator.site import Site, build_site
from generator.site.addresses import address_problems
from generator.versions.timeline import build_timelines

from .conftest import Commit, model_page, policy, site_model

Factory = Callable[..., Path]
EN = "policies/cookies/en.md"
OTHER = "policies/privacy/en.md"
BODY = "## Cookies we use\n\nOnly the ones we need.\n"

COMMITS = [
    Commit("2024-01-01", {EN: policy("2024-02-01", BODY, title="Cookie Policy")}, "Publish"),
    Commit("2024-01-02", {OTHER: policy("2024-02-01", "## Scope\n\nAll.\n")}, "Privacy"),
    Commit(
        "2024-03-01",
        {EN: policy("2024-04-15", BODY + "\nAnd analytics.\n", title="Cookie Policy")},
        "Analytics cookies",
    ),
    Commit("2024-06-01", {EN: None}, "Withdraw the cookie policy: no cookies any more"),
    Commit(
        "2025-01-01",
        {EN: policy("2025-02-01", BODY + "\nAgain.\n", title="Cookie Policy")},
        "Cookies are back",
    ),
]


def addresses(site: Site) -> set[str]:
    """Every address the site model would publish (a page whether written by MkDocs or as
    a redirect file)."""
    pages = {f"{lang.lang}/{page.url}" for lang in site.languages for page in lang.pages}
    return pages | {item.path.removesuffix("index.html") for item in site.files}


@pytest.fixture
def withdrawn(repo_factory: Factory) -> Site:
    """The site after the cookie policy was deleted, built a month later."""
    repo = repo_factory(COMMITS[:4])
    return site_model(repo / "site_config.yml", dt.date(2024, 7, 1))


RENAMED = "policies/data-protection/en.md"
NEWCOMER = policy("2025-05-01", "## Scope\n\nSomething else entirely.\n", title="Newcomer")
#: The privacy policy renamed, its former name taken by an unrelated file (refused), and
#: that file renamed again, as its author is told to.
RENAMES = [
    Commit("2025-03-01", {}, "Rename privacy to data protection", renames={OTHER: RENAMED}),
    Commit("2025-04-01", {OTHER: NEWCOMER}, "An unrelated policy under the old name"),
    Commit("2025-04-02", {}, "Give it a name of its own", renames={OTHER: "policies/other/en.md"}),
]


def test_addresses_only_grow_through_withdrawal_and_readding(repo_factory: Factory) -> None:
    """After every commit, built on the day after it, no address published before is lost:
    through a withdrawal, a re-adding, a rename, and a file that would take the former
    name (refused, so the previous site stays)."""
    seen: set[str] = set()
    history = [*COMMITS, *RENAMES]
    refused = []
    for count in range(1, len(history) + 1):
        repo = repo_factory(history[:count])
        day = dt.date.fromisoformat(history[count - 1].date) + dt.timedelta(days=1)
        config = load_config(repo / "site_config.yml")
        timelines = build_timelines(read_history(config), config)
        if address_problems(config, timelines, day):
            refused.append(history[count - 1].message)
            continue
        now = addresses(build_site(config, timelines, day))
        assert seen <= now, sorted(seen - now)
        seen = now
    assert refused == ["An unrelated policy under the old name"]
    assert "en/cookies/2024-04-15/" in seen
    assert "en/cookies/2025-02-01/" in seen
    assert {"en/privacy/", "en/data-protection/", "en/other/"} <= seen
    final = build_site(config, timelines, day)
    page = next(f for f in final.files if f.path == "en/privacy/index.html").content
    assert b"data-protection/" in page


def test_withdrawn_policy_keeps_its_pages_marked_withdrawn(withdrawn: Site) -> None:
    """The policy page, versions and history stay, each saying when it was withdrawn."""
    for url in ("cookies/", "cookies/2024-02-01/", "cookies/2024-04-15/", "cookies/history/"):
        text = model_page(withdrawn, "en", url).get_text(" ", strip=True)
        assert "This policy was withdrawn on 1 June 2024" in text, url
    policy_page = model_page(withdrawn, "en", "cookies/").get_text(" ", strip=True)
    assert "And analytics." in policy_page  # the last text that applied
    assert "Upcoming" not in policy_page
    statuses = [
        s.get_text(strip=True)
        for s in model_page(withdrawn, "en", "cookies/history/").select(".ps-status")
    ]
    assert statuses == ["Withdrawn", "Superseded"]
    history = model_page(withdrawn, "en", "cookies/history/")
    (removal,) = history.select(".ps-commit--withdrawn")
    assert "Withdraw the cookie policy" in removal.get_text()


def test_home_lists_withdrawn_policies_apart(withdrawn: Site) -> None:
    """The home page lists policies in force, then "Withdrawn policies" with the date."""
    home = model_page(withdrawn, "en", "")
    current = [
        a.get_text(strip=True) for a in home.select("ul.ps-policies:not(.ps-policies--withdrawn) a")
    ]
    gone = home.select_one(".ps-policies--withdrawn")
    assert current == ["Privacy Policy"]
    assert gone is not None
    assert "Cookie Policy" in gone.get_text()
    assert "Withdrawn on 1 June 2024." in gone.get_text()


def test_since_pages_compare_with_the_last_version_that_applied(withdrawn: Site) -> None:
    """A withdrawn policy's since/ pages compare with the last version that applied."""
    page = " ".join(model_page(withdrawn, "en", "cookies/2024-02-01/since/").get_text().split())
    assert "to the last version that applied (from 15 April 2024)" in page
    last = model_page(withdrawn, "en", "cookies/2024-04-15/since/").get_text(" ", strip=True)
    assert "This is the last version that applied" in last


def test_feed_and_api_mark_the_withdrawal(withdrawn: Site) -> None:
    """The feed has an entry for the withdrawal; the API gives its date and commit."""
    files = {item.path: item.content for item in withdrawn.files}
    feed = ElementTree.fromstring(files["en/cookies/feed.xml"])
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Cookie Policy: withdrawn on 1 June 2024" in titles
    api = json.loads(files["api/policies.json"])
    (cookies,) = (p for p in api["policies"] if p["id"] == "cookies")
    info = cookies["languages"]["en"]
    assert info["withdrawn"]["date"] == "2024-06-01"
    assert len(info["withdrawn"]["commit"]) == 40
    assert info["in_force"] is None
    detail = json.loads(files["api/en/cookies.json"])
    assert [v["status"] for v in detail["versions"]] == ["superseded", "withdrawn"]


def test_readded_policy_continues_its_history(repo_factory: Factory) -> None:
    """Added again, the policy is in force again and its history lists every version."""
    repo = repo_factory(COMMITS)
    site = site_model(repo / "site_config.yml", dt.date(2025, 3, 1))
    history = model_page(site, "en", "cookies/history/").get_text(" ", strip=True)
    for day in ("1 February 2024", "15 April 2024", "1 February 2025"):
        assert f"Version of {day}" in history
    assert "This policy was withdrawn" not in model_page(site, "en", "cookies/").get_text()


def test_check_notes_the_withdrawal_and_the_readding(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """check reports a deletion and a re-addition as notes, which do not fail it."""
    repo = repo_factory(COMMITS)
    code = main(
        [
            "check",
            "--config",
            str(repo / "site_config.yml"),
            "--format",
            "json",
            "--as-of",
            "2025-03-01",
        ]
    )
    rows = json.loads(capsys.readouterr().out)
    found = {(r["rule"], r["severity"]) for r in rows}
    assert ("policy-withdrawn", "info") in found
    assert ("policy-readded", "info") in found
    assert code == 0
