"""Plain-language summaries: shown wherever a version is announced or listed, never a text change."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from generator.base import urls
from generator.diff import diff_documents
from generator.document import parse_document
from generator.render import render_changes
from generator.render.i18n import Messages
from generator.site import Site

from .conftest import MINIMAL_CONFIG, Commit, model_page, site_model
from .test_check import problems

Factory = Callable[..., Path]
EN, ES = "policies/privacy/en.md", "policies/privacy/es.md"
TWO_LANGUAGES = MINIMAL_CONFIG + "    - {code: es, name: Español, locale: es_ES}\n"
AS_OF = dt.date(2024, 6, 1)
SUMMARY_EN = "We now keep access logs for **12 months**, not 24. <b>Bold</b> stays text."
SUMMARY_ES = "Ahora conservamos los registros de acceso **12 meses**, no 24."


def text(effective: str, months: int, summary: str | None, title: str = "Privacy") -> str:
    """A policy file whose front matter may hold a summary (a YAML block scalar)."""
    header = f"---\ntitle: {title}\neffective: {effective}\n"
    if summary is not None:
        header += "summary: |\n  " + summary + "\n"
    return header + f"---\n## Retention\n\nWe keep access logs for {months} months.\n"


def repo_with_summaries(factory: Factory, *, translated: bool = True) -> Path:
    """Version 1 (no summary) in force on AS_OF; version 2, announced, with summaries."""
    commits = [
        Commit("2024-01-01", {EN: text("2024-02-01", 24, None), ES: text("2024-02-01", 24, None)}),
        Commit("2024-05-01", {EN: text("2025-01-01", 12, SUMMARY_EN)}, "Amend"),
    ]
    if translated:
        commits.append(Commit("2024-05-02", {ES: text("2025-01-01", 12, SUMMARY_ES)}, "Traducir"))
    return factory(commits, TWO_LANGUAGES)


def plain(site: Site, lang: str, url: str, selector: str) -> list[str]:
    """The inner HTML of each summary ``selector`` finds on a page."""
    return [
        "".join(str(child) for child in found.contents).strip()
        for found in model_page(site, lang, url).select(selector)
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "<p>We now keep access logs for <strong>12 months</strong>, not 24. "),
        (
            "es",
            "<p>Ahora conservamos los registros de acceso <strong>12 meses</strong>, no 24.</p>",
        ),
    ],
)
def test_summary_is_on_the_changes_page_banner_history_feed_and_api(
    repo_factory: Factory, lang: str, expected: str
) -> None:
    """Each language shows its own summary, rendered by markdown-it-py, in all five places."""
    site = site_model(repo_with_summaries(repo_factory) / "site_config.yml", AS_OF)
    (changes,) = plain(site, lang, "privacy/2025-01-01/changes/", ".ps-plain .ps-plain-summary")
    assert changes.startswith(expected)
    (banner,) = plain(site, lang, "privacy/", ".admonition .ps-plain-summary")
    assert banner == changes
    (listed,) = plain(site, lang, "privacy/history/", ".ps-history__summary .ps-plain-summary")
    assert listed == changes
    files = {f.path: f.content.decode() for f in site.files}
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring(files[urls.feed(lang, "privacy")])
    (entry,) = (e for e in feed.iter(f"{atom}entry") if "2025-01-01" in e.findtext(f"{atom}id", ""))
    summary = entry.find(f"{atom}summary")
    assert summary is not None
    assert summary.get("type") == "html"
    assert expected in (summary.text or "")
    api = json.loads(files[urls.api_policy(lang, "privacy")])["versions"]
    assert [v["summary_html"] for v in api] == [None, changes + "\n"]
    assert api[1]["summary"].startswith(SUMMARY_EN[:10] if lang == "en" else SUMMARY_ES[:10])


def test_summary_links_are_full_addresses_in_feeds(repo_factory: Factory) -> None:
    """A feed is read away from the site, and the all-policies feed is in another folder:
    a summary's relative links there are full addresses; on pages they stay relative, and
    a link to a section leads to the version's page, which holds it."""
    summary = "See [the terms](../terms/) and [retention](#retention)."
    site = site_model(
        repo_factory([Commit("2024-01-01", {EN: text("2024-02-01", 24, summary)})], MINIMAL_CONFIG)
        / "site_config.yml",
        AS_OF,
    )
    files = {f.path: f.content.decode() for f in site.files}
    expected = (
        '<a href="https://policies.test/en/terms/">the terms</a> and '
        '<a href="https://policies.test/en/privacy/2024-02-01/#retention">retention</a>'
    )
    for feed in (urls.feed("en", "privacy"), urls.feed("en")):
        (entry,) = ElementTree.fromstring(files[feed]).iter("{http://www.w3.org/2005/Atom}summary")
        assert expected in (entry.text or "")
    (listed,) = plain(site, "en", "privacy/history/", ".ps-history__summary .ps-plain-summary")
    assert '<a href="../../terms/">the terms</a>' in listed
    assert '<a href="../2024-02-01/#retention">retention</a>' in listed


def test_raw_html_in_a_summary_is_cleaned(repo_factory: Factory) -> None:
    """HTML written in a summary is cleaned like the policy text's: bold stays bold."""
    site = site_model(repo_with_summaries(repo_factory) / "site_config.yml", AS_OF)
    (changes,) = plain(site, "en", "privacy/2025-01-01/changes/", ".ps-plain-summary")
    assert "<b>Bold</b> stays text." in changes


def test_untranslated_announcement_shows_the_authoritative_summary(repo_factory: Factory) -> None:
    """The Spanish banner for an amendment not yet translated gives the English summary, lang=en."""
    site = site_model(
        repo_with_summaries(repo_factory, translated=False) / "site_config.yml", AS_OF
    )
    banner = model_page(site, "es", "privacy/").select_one(".admonition .ps-plain-summary")
    assert banner is not None
    assert banner["lang"] == "en"
    assert "12 months" in banner.get_text()


def test_a_summary_is_metadata_not_a_text_change() -> None:
    """Adding a summary alone: no text change, and the summary line names it in words."""
    old = parse_document(text("2024-02-01", 24, None), path="en.md")
    new = parse_document(text("2024-02-01", 24, SUMMARY_EN), path="en.md")
    diff = diff_documents(old, new)
    assert not diff.text_changed
    assert [m.key for m in diff.metadata] == ["summary"]
    html = BeautifulSoup(render_changes(diff, Messages.english()), "html.parser")
    line = html.select_one(".ps-summary__line.ps-no-change")
    assert line is not None
    assert line.get_text(strip=True) == "No changes to the text. · Plain-language summary added."
    assert html.select(".ps-view-input") == []
    assert "12 months" not in html.get_text()


def test_versions_without_a_summary_show_none(repo_factory: Factory) -> None:
    """No summary: no empty box on the changes page or in the banner, and null in the API."""
    site = site_model(amended(None)(repo_factory) / "site_config.yml", dt.date(2026, 11, 1))
    assert model_page(site, "en", "privacy/2026-12-01/changes/").select(".ps-plain") == []
    assert model_page(site, "en", "privacy/").select(".ps-plain-summary") == []
    files = {f.path: f.content.decode() for f in site.files}
    versions = json.loads(files[urls.api_policy("en", "privacy")])["versions"]
    assert [(v["summary"], v["summary_html"]) for v in versions] == [(None, None)] * 2
    # A since/ page never carries one: it compares with whatever is in force.
    since = model_page(site, "en", "privacy/2026-12-01/since/")
    assert since.select(".ps-plain") == []


# --- check ------------------------------------------------------------------------------


def amended(summary: str | None, config: str = MINIMAL_CONFIG) -> Callable[[Factory], Path]:
    """An amendment effective 2026-12-01 with (or without) a summary."""
    return lambda factory: factory(
        [
            Commit("2024-12-01", {EN: text("2025-01-01", 24, None)}, "Publish"),
            Commit("2026-09-01", {EN: text("2026-12-01", 12, summary)}, "Amend"),
        ],
        config,
    )


def test_new_version_without_a_summary_is_a_warning(repo_factory: Factory) -> None:
    """An upcoming amendment in the authoritative language with no summary: summary-missing."""
    repo = amended(None)(repo_factory)
    found = [p for p in problems(repo, as_of="2026-11-01") if p.rule == "summary-missing"]
    assert len(found) == 1
    (problem,) = found
    assert (problem.severity.value, problem.file, problem.line) == ("warning", EN, 3)
    assert "2026-12-01" in problem.message
    assert "check.require_summary: false" in (problem.hint or "")


def test_versions_in_force_and_first_versions_are_not_judged(repo_factory: Factory) -> None:
    """Without --since, only versions not yet in force are judged; a first version never."""
    repo = amended(None)(repo_factory)
    assert "summary-missing" not in [p.rule for p in problems(repo, as_of="2026-12-01")]
    first = repo_factory([Commit("2026-09-01", {EN: text("2026-12-01", 12, None)})])
    assert "summary-missing" not in [p.rule for p in problems(first, as_of="2026-11-01")]


def test_with_since_the_commits_under_review_are_judged(repo_factory: Factory) -> None:
    """--since judges the amendment its commits adopt, even after it took effect."""
    repo = amended(None)(repo_factory)
    found = problems(repo, as_of="2027-01-01", since="HEAD~1")
    assert [p.rule for p in found if p.rule == "summary-missing"] == ["summary-missing"]
    assert "summary-missing" not in [p.rule for p in problems(repo, since="HEAD")]


@pytest.mark.parametrize(
    ("summary", "config", "warned"),
    [
        ("Logs are now kept for 12 months.", MINIMAL_CONFIG, False),
        ("''", MINIMAL_CONFIG, True),
        ("[1, 2]", MINIMAL_CONFIG, True),
        (None, MINIMAL_CONFIG + "check:\n  require_summary: false\n", False),
    ],
    ids=["given", "empty", "not-text", "rule-off"],
)
def test_summary_rule_cases(
    repo_factory: Factory, summary: str | None, config: str, warned: bool
) -> None:
    """A summary passes; an empty or non-text one does not; the rule can be turned off."""
    commits = [
        Commit("2024-12-01", {EN: text("2025-01-01", 24, None)}, "Publish"),
        Commit(
            "2026-09-01",
            {
                EN: text("2026-12-01", 12, None).replace(
                    "effective: 2026-12-01\n", f"effective: 2026-12-01\nsummary: {summary}\n"
                )
                if summary is not None
                else text("2026-12-01", 12, None)
            },
            "Amend",
        ),
    ]
    repo = repo_factory(commits, config)
    rules = [p.rule for p in problems(repo, as_of="2026-11-01")]
    assert ("summary-missing" in rules) is warned


def test_translations_need_no_summary(repo_factory: Factory) -> None:
    """Only the authoritative language is judged: a Spanish amendment without one is fine."""
    repo = repo_factory(
        [
            Commit(
                "2024-12-01", {EN: text("2025-01-01", 24, None), ES: text("2025-01-01", 24, None)}
            ),
            Commit(
                "2026-09-01",
                {EN: text("2026-12-01", 12, SUMMARY_EN), ES: text("2026-12-01", 12, None)},
            ),
        ],
        TWO_LANGUAGES,
    )
    assert "summary-missing" not in [p.rule for p in problems(repo, as_of="2026-11-01")]
