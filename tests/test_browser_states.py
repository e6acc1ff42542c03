"""Withdrawn and draft pages in Chromium: like every other page kind, in en, zh and es,
light and dark: no failed or off-site request, no console error, 0 axe violations.

The example site has neither (a withdrawn policy, an uncommitted draft), so this module
builds a small site that has both, the draft as ``policy-site serve`` shows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

from .browser_support import serve
from .conftest import Commit, make_repo, policy

# From test_browser, which skips (or, in CI, fails) when Chromium is missing; its fixtures
# (one browser for the module) come along.
from .test_browser import Visit, browser, contexts, crawl  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

CONFIG = """\
site: {title: State Policies, url: "https://states.example.test/", timezone: Europe/Dublin}
languages:
  default: en
  available:
    - {code: en, name: English, locale: en_IE}
    - {code: zh, name: 简体中文, locale: zh_Hans_CN}
    - {code: es, name: Español, locale: es_ES}
"""
BODY = {
    "en": "## Scope\n\nThese terms cover the beta programme.\n\n## Feedback\n\nTell us what breaks.\n",
    "zh": "## 范围\n\n本条款适用于测试计划。\n\n## 反馈\n\n请告诉我们哪里出了问题。\n",
    "es": "## Alcance\n\nEstas condiciones se aplican al programa beta.\n\n## Comentarios\n\nDíganos qué falla.\n",
}
TITLES = {"en": "Beta Terms", "zh": "测试条款", "es": "Condiciones beta"}
AS_OF = dt.date(2024, 9, 1)


@pytest.fixture(scope="module")
def states_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site with a withdrawn policy and a draft amendment, built and served."""
    from generator.commands.build import Options, Silent, build_with

    root = tmp_path_factory.mktemp("states")
    files: dict[str, str | None] = {}
    for lang, body in BODY.items():
        files[f"policies/beta/{lang}.md"] = policy("2024-02-01", body, title=TITLES[lang])
        files[f"policies/privacy/{lang}.md"] = policy("2024-02-01", body, title=TITLES[lang] + " 2")
    repo = make_repo(
        root / "repo",
        [
            Commit("2024-01-01", files, "Publish"),
            Commit(
                "2024-06-01", {f"policies/beta/{lang}.md": None for lang in BODY}, "End the beta"
            ),
        ],
        CONFIG,
    )
    for lang, body in BODY.items():  # an uncommitted amendment: a draft
        (repo / f"policies/privacy/{lang}.md").write_text(
            policy(
                "2024-12-01",
                body.replace("2", "3") + "\n" + body.split("\n")[2] + "\n",
                title=TITLES[lang] + " 2",
            ),
            encoding="utf-8",
        )
    out = root / "site"
    options = Options(AS_OF, drafts_at=dt.datetime(2024, 9, 1, 12, tzinfo=dt.UTC))
    build_with(repo / "site_config.yml", out, options, Silent())
    with serve(out) as url:
        yield url


def state_pages(lang: str) -> list[str]:
    """The withdrawn and draft pages of one language."""
    return [
        f"{lang}/",
        f"{lang}/beta/",
        f"{lang}/beta/history/",
        f"{lang}/beta/2024-02-01/",
        f"{lang}/beta/2024-02-01/since/",
        f"{lang}/privacy/",
        f"{lang}/privacy/history/",
        f"{lang}/privacy/2024-12-01/",
        f"{lang}/privacy/2024-12-01/changes/",
        f"{lang}/privacy/2024-12-01/since/",
    ]


@pytest.fixture(scope="module")
def state_visits(
    contexts: Callable[..., BrowserContext],  # noqa: F811  (the fixture imported above)
    states_url: str,
) -> dict[str, dict[str, Visit]]:
    """Every withdrawn and draft page, light and dark, with axe-core on each."""
    paths = [path for lang in BODY for path in state_pages(lang)]
    return {
        scheme: crawl(contexts(scheme), states_url, paths, set(paths))
        for scheme in ("light", "dark")
    }


def test_withdrawn_and_draft_pages_say_so(
    states_url: str,
    contexts: Callable[..., BrowserContext],  # noqa: F811  (the fixture imported above)
) -> None:
    """The pages show the state they are in (withdrawn; draft, not committed)."""
    page = contexts("light").new_page()
    page.goto(states_url + "en/beta/")
    assert "This policy was withdrawn on 1 June 2024" in page.inner_text("article")
    page.goto(states_url + "en/privacy/2024-12-01/")
    assert "Draft: not committed" in page.inner_text("article")
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_withdrawn_and_draft_pages_are_clean(
    state_visits: dict[str, dict[str, Visit]], scheme: str
) -> None:
    """No failed or off-site request, no console error, no axe violation, in any language."""
    crawled = state_visits[scheme]
    assert len(crawled) == len(BODY) * len(state_pages("en"))
    assert {path: visit.problems for path, visit in crawled.items() if visit.problems} == {}
    assert {path: visit.violations for path, visit in crawled.items() if visit.violations} == {}
    assert None not in (visit.violations for visit in crawled.values())
