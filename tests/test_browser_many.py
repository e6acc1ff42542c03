"""Large lists in Chromium: 60 policies in 6 groups, and one policy with 120 versions.

The home page, the what's new pages and the long version history stay readable on a phone
(390 px, no horizontal scrolling) and pass axe-core, light and dark, with no failed request
or console error. The repository is written by one ``git fast-import`` and holds a few lines
per version, so the build stays quick.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

from .browser_support import serve
from .conftest import Commit, policy
from .import_repos import fast_import

# From test_browser, which skips (or, in CI, fails) when Chromium is missing; its fixtures
# (one browser for the module) come along.
from .test_browser import PHONE, Visit, browser, contexts, crawl  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

GROUPS = ("accounts", "billing", "cloud", "devices", "privacy", "workplace")
PER_GROUP = 10
VERSIONS = 120
AS_OF = dt.date(2026, 6, 1)
CONFIG = """\
site: {title: Many Policies, url: "https://many.example.test/", timezone: UTC}
languages:
  default: en
  available:
    - {code: en, name: English, locale: en_IE}
source:
  path: policies
  layout: "{group}/{policy}.md"
compare: {all_pairs_up_to: 0}
check: {require_summary: false}
"""
#: The pages checked: home, what's new (all and one group), the long history.
PATHS = (
    "en/",
    "en/changes/",
    "en/changes/cloud/",
    "en/cloud-service-terms-with-a-long-name-0/history/",
)


def _month(index: int) -> str:
    return f"{2016 + index // 12}-{index % 12 + 1:02d}-01"


def many_commits() -> list[Commit]:
    """60 short policies in 6 group folders; then 119 amendments of one of them."""
    files = {}
    for group in GROUPS:
        for number in range(PER_GROUP):
            name = f"{group}-service-terms-with-a-long-name-{number}"
            files[f"policies/{group}/{name}.md"] = policy(
                "2016-01-01",
                f"## Scope\n\nThese terms cover {group} service {number}.\n",
                title=f"{group.capitalize()} service terms with a long name {number}",
            )
    commits = [Commit("2015-12-01T10:00:00+00:00", files, "Publish the policies")]
    long = "policies/cloud/cloud-service-terms-with-a-long-name-0.md"
    for index in range(1, VERSIONS):
        commits.append(
            Commit(
                f"{_month(index - 1)}T09:00:00+00:00",
                {
                    long: policy(
                        _month(index),
                        f"## Scope\n\nThese terms cover cloud service 0, edition {index}.\n",
                        title="Cloud service terms with a long name 0",
                        summary=f"Edition {index} of the cloud terms.",
                    )
                },
                f"Edition {index} of the cloud terms (#{1000 + index})",
            )
        )
    return commits


@pytest.fixture(scope="module")
def many_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The large site, built and served."""
    from generator.commands.build import Options, Silent, build_with

    root = tmp_path_factory.mktemp("many")
    repo = fast_import(root / "repo", many_commits())
    (repo / "site_config.yml").write_text(CONFIG, encoding="utf-8")
    out = root / "site"
    build_with(repo / "site_config.yml", out, Options(AS_OF), Silent())
    with serve(out) as url:
        yield url


def test_the_lists_are_long(
    many_url: str,
    contexts: Callable[..., BrowserContext],  # noqa: F811  (the fixture imported above)
) -> None:
    """The home page shows 6 groups of 10 policies; the history shows 120 versions."""
    page = contexts("light").new_page()
    page.goto(many_url + "en/")
    assert page.locator("section.ps-group").count() == len(GROUPS)
    assert page.locator("section.ps-group li.ps-policy").count() == len(GROUPS) * PER_GROUP
    page.goto(many_url + PATHS[3])
    assert page.locator("section.ps-version").count() == VERSIONS
    assert page.locator("a.ps-commit__request").count() == 0  # no repo_url: no links
    assert "Edition 119 of the cloud terms (#1119)" in page.inner_text("article")
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_long_lists_pass_axe_and_load_cleanly(
    many_url: str,
    contexts: Callable[..., BrowserContext],  # noqa: F811  (the fixture imported above)
    scheme: str,
) -> None:
    """No failed or off-site request, no console error, no axe violation on any of them."""
    crawled: dict[str, Visit] = crawl(contexts(scheme), many_url, list(PATHS), set(PATHS))
    assert {path: visit.problems for path, visit in crawled.items() if visit.problems} == {}
    assert {path: visit.violations for path, visit in crawled.items() if visit.violations} == {}
    assert None not in (visit.violations for visit in crawled.values())


def test_long_lists_fit_a_phone(
    many_url: str,
    contexts: Callable[..., BrowserContext],  # noqa: F811  (the fixture imported above)
) -> None:
    """At 390×844 none of the pages is wider than the screen."""
    overflow = (
        f"() => Math.max(document.documentElement.scrollWidth, innerWidth) - {PHONE['width']}"
    )
    context = contexts("light", phone=True)
    wide = {}
    for path in PATHS:
        page = context.new_page()
        page.goto(many_url + path, wait_until="networkidle")
        wide[path] = page.evaluate(overflow)
        page.close()
    assert {path: pixels for path, pixels in wide.items() if pixels > 0} == {}
