"""Revisions exactly as the repository holds them: every past revision kept and shown, no edit
hidden, formatting-only commits in no history, a deleted translation no withdrawn policy,
commit days where they were made, and history findings that never block ``check``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.check import Severity, check_site, readable_timelines
from generator.cli import main
from generator.config.loading import load_config
from generator.history.repository import read_history
from generator.site import Site
from generator.versions import DocumentCache
from generator.versions.timeline import Timeline, build_timelines

from .conftest import MINIMAL_CONFIG, Commit, git, model_page, policy, site_model

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
ES = "policies/privacy/es.md"
BODY = "## Scope\n\nWe keep what we need.\n\n## Contact\n\nWrite to privacy@example.test.\n"
BILINGUAL = MINIMAL_CONFIG + "    - {code: es, name: Español, locale: es_ES}\n"


def api(site: Site, path: str = "api/en/terms.json") -> dict[str, Any]:
    """One of the site's API files (a policy's, by default the English terms'), read."""
    (found,) = (f for f in site.files if f.path == path)
    data: dict[str, Any] = json.loads(found.content)
    return data


def timelines_of(repo: Path) -> dict[tuple[str, str], Timeline]:
    config = load_config(repo / "site_config.yml")
    return build_timelines(read_history(config), config)


def problems_of(repo: Path, as_of: dt.date, since: frozenset[str] | None = None) -> list[Any]:
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    cache = DocumentCache()
    timelines = readable_timelines(history, config, cache)
    return check_site(config, history, timelines, as_of, since, cache=cache)


def commit_bytes(repo: Path, path: str, data: bytes, when: str, message: str) -> None:
    """Commit ``data`` as the file ``path`` (bytes that need not be UTF-8)."""
    (repo / path).write_bytes(data)
    git(repo, "add", path)
    git(repo, "commit", "-qm", message, date=when)


# --- every past revision is kept -----------------------------------------------------------

CONTROL = policy("2024-04-01", BODY.replace("what we need", "what we\x9d need\x1e"))
LATIN1 = (
    policy("2024-06-01", BODY + "\nOur café is closed.\n")
    .encode("utf-8")
    .replace("café".encode(), b"caf\xe9")
)
BROKEN = "---\ntitle: [Privacy\neffective: 2024-08-01\n---\n" + BODY + "\nBroken header.\n"


@pytest.fixture
def damaged(repo_factory: Factory) -> Path:
    """A policy whose past revisions hold U+009D and U+001E, bytes that are not UTF-8 and a
    broken front matter; its current text is fine."""
    repo = repo_factory(
        [
            Commit("2024-01-10", {EN: policy("2024-02-01", BODY)}, "Publish"),
            Commit("2024-03-10", {EN: CONTROL}, "Paste from the old site"),
        ]
    )
    commit_bytes(repo, EN, LATIN1, "2024-05-10", "Saved as Latin-1")
    commit_bytes(repo, EN, BROKEN.encode(), "2024-07-10", "Broken header")
    commit_bytes(repo, EN, policy("2024-10-01", BODY).encode(), "2024-09-10", "Fixed")
    return repo


def test_a_past_revision_that_cannot_be_read_is_kept_and_shown(damaged: Path) -> None:
    """Every past revision is a version, its bad characters shown as symbols, its Latin-1
    bytes as U+FFFD; the broken front matter's date still read from its line."""
    (timeline,) = timelines_of(damaged).values()
    assert [v.slug for v in timeline.versions] == [
        "2024-02-01",
        "2024-04-01",
        "2024-06-01",
        "2024-08-01",
        "2024-10-01",
    ]
    site = site_model(damaged / "site_config.yml", dt.date(2024, 11, 1))
    control = model_page(site, "en", "privacy/2024-04-01/").get_text()
    assert "what we� need␞" in control
    assert "\x9d" not in control
    assert "\x1e" not in control
    assert "Our caf� is closed." in model_page(site, "en", "privacy/2024-06-01/").get_text()
    assert "Broken header." in model_page(site, "en", "privacy/2024-08-01/").get_text()
    (source,) = (f for f in site.files if f.path == "en/privacy/2024-06-01/source.md")
    assert source.content == LATIN1  # the exact bytes committed, which git show gives
    history = model_page(site, "en", "privacy/history/")
    assert len(history.select("li.ps-commit")) == 5


def test_damaged_history_is_one_warning_and_never_fails(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check lists the file once, as a warning naming its commits; check and build pass."""
    found = [p for p in problems_of(damaged, dt.date(2024, 11, 1)) if p.rule == "broken-history"]
    assert len(found) == 1
    (problem,) = found
    assert (problem.severity, problem.file) == (Severity.WARNING, EN)
    assert "3 past versions of this file" in problem.message
    assert "nothing needs doing" in (problem.hint or "")
    config = str(damaged / "site_config.yml")
    assert main(["check", "--config", config, "--as-of", "2024-11-01"]) == 0
    out = damaged.parent / "site"
    assert main(["build", "--config", config, "--output", str(out), "--as-of", "2024-11-01"]) == 0
    err = capsys.readouterr().err
    assert err.count("policies/privacy/en.md:") == 1
    assert "3 past versions of this file" in err


def test_only_the_current_text_of_a_published_file_is_refused(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A control character in the current text still stops build and check, at its line."""
    repo = repo_factory([Commit("2024-01-10", {EN: CONTROL}, "Paste")])
    config = str(repo / "site_config.yml")
    assert main(["check", "--config", config, "--as-of", "2024-11-01"]) == 1
    out = capsys.readouterr().out
    assert "policies/privacy/en.md:7: error:" in out
    assert "U+009D" in out


def test_a_deleted_file_or_an_unpublished_language_never_stops_a_build(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """A deleted file in a language the site does not publish, a deleted published file and a
    file of an unpublished language still there, all holding control characters: build and
    check pass."""
    de, it, old = "policies/privacy/de.md", "policies/privacy/it.md", "policies/old/en.md"
    repo = repo_factory(
        [
            Commit("2023-05-01", {EN: policy("2023-06-01", BODY), old: policy("2023-06-01", BODY)}),
            Commit("2023-07-01", {de: policy("2023-06-01", "## Geltung\n\nAlles\x9d.\n")}),
            Commit("2023-08-01", {old: policy("2023-06-01", BODY + "\nSee\x1e you.\n")}),
            Commit("2023-09-01", {it: policy("2023-06-01", "## Ambito\n\nTutto\x9d.\n")}),
            Commit("2024-02-01", {de: None, old: None}, "Tidy up"),
        ]
    )
    config = str(repo / "site_config.yml")
    assert main(["check", "--config", config, "--as-of", "2024-03-01"]) == 0
    output = str(tmp_path / "site")
    assert main(["build", "--config", config, "--output", output, "--as-of", "2024-03-01"]) == 0
    problems = problems_of(repo, dt.date(2024, 3, 1))
    assert all(p.severity is not Severity.ERROR for p in problems)
    assert "unknown-language" in {p.rule for p in problems}
    assert (tmp_path / "site/en/old/2023-06-01/index.html").exists()


# --- no edit is hidden -------------------------------------------------------------------------

TERMS = "policies/terms/en.md"
TEXT_DATES = MINIMAL_CONFIG + "source:\n  effective_date: [text]\n"
SHIPPING = "\n## Shipping\n\nWe ship to the EU only and charge a handling fee of 5 euros.\n"


def terms(updated: str, extra: str = "") -> str:
    return f"# Terms of Service\n\nLast Updated: {updated}\n\n## Orders\n\nWe confirm each order.\n{extra}"


@pytest.fixture
def hidden(repo_factory: Factory) -> Path:
    """New shipping terms committed under the old "Last Updated" line (a correction), then a
    commit that changes only the date (a new version with the same text)."""
    return repo_factory(
        [
            Commit("2024-02-20", {TERMS: terms("March 1, 2024")}, "Publish the terms"),
            Commit("2024-05-02", {TERMS: terms("March 1, 2024", SHIPPING)}, "Shipping terms"),
            Commit("2024-06-03", {TERMS: terms("June 10, 2024", SHIPPING)}, "New date"),
        ],
        TEXT_DATES,
    )


def test_the_next_version_shows_what_a_correction_added(hidden: Path) -> None:
    """The new version's changes page and the since/ page of the first show the shipping
    terms, never 'No changes to the text'; the correction has its own page, linked from the
    version's page and the history."""
    site = site_model(hidden / "site_config.yml", dt.date(2024, 7, 1))
    changes = model_page(site, "en", "terms/2024-06-10/changes/")
    assert "No changes to the text." not in changes.get_text()
    added = " ".join(ins.get_text() for ins in changes.select("ins"))
    assert "handling fee" in added
    since = model_page(site, "en", "terms/2024-03-01/since/")
    assert "handling fee" in " ".join(ins.get_text() for ins in since.select("ins"))
    version = model_page(site, "en", "terms/2024-03-01/")
    (link,) = version.select(".ps-corrections a")
    assert link.get_text() == "Corrected on 2 May 2024: what changed"
    assert str(link["href"]).startswith("corrections/")
    correction = model_page(site, "en", f"terms/2024-03-01/{link['href']}")
    assert "handling fee" in " ".join(ins.get_text() for ins in correction.select("ins"))
    history = model_page(site, "en", "terms/history/")
    assert history.select("details.ps-correction") == []  # linked, not repeated
    (linked,) = history.select("a.ps-correction")
    assert linked["href"] == f"../2024-03-01/{link['href']}"


def test_the_api_and_whats_new_count_what_a_correction_added(hidden: Path) -> None:
    """The API counts the new version's changes from the first as published, and gives the
    correction's page and counts; what's new lists both with their counts."""
    site = site_model(hidden / "site_config.yml", dt.date(2024, 7, 1))
    versions = api(site)["versions"]
    first, second = versions
    assert second["change_counts"]["sections_added"] == 1
    assert second["change_counts"]["words_inserted"] > 10
    (correction,) = first["corrections"]
    assert correction["change_counts"]["sections_added"] == 1
    assert correction["url"].endswith(f"/en/terms/2024-03-01/corrections/{correction['sha'][:12]}/")
    counts = [
        c.get_text() for c in model_page(site, "en", "changes/").select(".ps-amendment__counts")
    ]
    assert counts.count("1 section added") == 2  # the correction and the new version


def test_diff_since_shows_what_the_correction_added(
    hidden: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Reviewing the date-only commit, diff --since shows the shipping terms, compared with
    the version before as first published."""
    config = str(hidden / "site_config.yml")
    assert main(["diff", "--config", config, "--since", "HEAD~1", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "Version of 1 March 2024 (commit " in out
    assert ") as first published → Version of 10 June 2024" in out
    assert "handling fee" in out


# --- formatting-only commits ------------------------------------------------------------------


def test_a_whitespace_only_commit_is_no_correction(repo_factory: Factory) -> None:
    """Trailing newlines and CRLF line endings across a repository: no correction, no new
    version, and no new date on the home page (which dates a policy by its version in
    force, never by a commit)."""
    texts = {EN: policy("2024-02-01", BODY), TERMS: policy("2024-02-01", BODY, title="Terms")}
    repo = repo_factory(
        [
            Commit("2024-01-10", texts, "Publish"),
            Commit(
                "2024-08-01",
                {path: text.replace("\n", "\r\n") + "\r\n\r\n" for path, text in texts.items()},
                "Normalise line endings",
            ),
        ],
        MINIMAL_CONFIG + "groups:\n  legal: {policies: [privacy, terms]}\n",
    )
    for timeline in timelines_of(repo).values():
        ((version,),) = (timeline.versions,)
        assert version.corrections == ()
        assert [entry.revision.message for entry in timeline.log] == ["Publish"]
    site = site_model(repo / "site_config.yml", dt.date(2024, 9, 1))
    home = model_page(site, "en", "").get_text()
    assert "In force since 1 February 2024." in home
    assert "1 August 2024" not in home
    assert "Normalise" not in model_page(site, "en", "privacy/history/").get_text()


# --- a deleted translation ----------------------------------------------------------------------


def test_a_deleted_translation_is_discontinued_not_withdrawn(repo_factory: Factory) -> None:
    """Its pages say it is no longer kept up and lead to the English version in force; the
    API marks the translation, not the policy; other pages do not offer it in their
    language selector."""
    repo = repo_factory(
        [
            Commit(
                "2024-01-10",
                {EN: policy("2024-02-01", BODY), ES: policy("2024-02-01", "## Ámbito\n\nTodo.\n")},
            ),
            Commit("2024-05-01", {ES: None}, "Stop the Spanish translation"),
            Commit("2024-06-01", {EN: policy("2024-07-15", BODY + "\nMore.\n")}, "Amend"),
        ],
        BILINGUAL,
    )
    site = site_model(repo / "site_config.yml", dt.date(2024, 8, 1))
    page = model_page(site, "es", "privacy/")
    text = page.get_text()
    assert "Esta traducción ya no se mantiene" in text
    assert "retiró" not in text
    (lead,) = [a for a in page.select(".admonition a") if a.get("hreflang") == "en"]
    assert lead["href"] == "../../en/privacy/"
    version = model_page(site, "es", "privacy/2024-02-01/")
    assert version.select_one(".ps-status--discontinued") is not None
    languages = api(site, "api/policies.json")["policies"][0]["languages"]
    assert languages["es"]["withdrawn"] is None
    assert languages["es"]["discontinued"]["date"] == "2024-05-01"
    assert languages["en"]["withdrawn"] is None
    assert languages["en"]["in_force"] == "2024-07-15"
    (english,) = [
        p for lang in site.languages if lang.lang == "en" for p in lang.pages if p.url == "privacy/"
    ]
    assert dict(english.alternates)["es"] == "es/"
    home = model_page(site, "es", "")
    (item,) = [a for a in home.select("a") if a.get("href") == "../en/privacy/"]
    assert item is not None


def test_a_policy_deleted_in_every_language_is_withdrawn(repo_factory: Factory) -> None:
    """Deleting every file of a policy in one commit withdraws it, in every language."""
    repo = repo_factory(
        [
            Commit("2024-01-10", {EN: policy("2024-02-01", BODY), ES: policy("2024-02-01", BODY)}),
            Commit("2024-05-01", {EN: None, ES: None}, "Withdraw"),
        ],
        BILINGUAL,
    )
    site = site_model(repo / "site_config.yml", dt.date(2024, 8, 1))
    languages = api(site, "api/policies.json")["policies"][0]["languages"]
    assert languages["es"]["withdrawn"]["date"] == "2024-05-01"
    assert languages["es"]["discontinued"] is None
    assert "retiró" in model_page(site, "es", "privacy/").get_text()


# --- commit days where they were made ------------------------------------------------------------


def test_a_commit_in_utc_minus_7_is_shown_on_its_own_day(repo_factory: Factory) -> None:
    """A commit made at 17:00 on 10 April in UTC−7 (11 April in Dublin) is shown as made on
    10 April, and a version dated by it starts on 10 April."""
    config = MINIMAL_CONFIG + "source:\n  effective_date: [front_matter, commit_date]\n"
    repo = repo_factory(
        [
            Commit("2026-03-01", {EN: policy("2026-03-15", BODY)}, "Publish"),
            Commit("2026-04-10T17:00:00-07:00", {EN: policy(None, BODY + "\nMore.\n")}, "Amend"),
        ],
        config,
    )
    site = site_model(repo / "site_config.yml", dt.date(2026, 5, 1))
    assert [v["effective_date"] for v in api(site, "api/en/privacy.json")["versions"]] == [
        "2026-03-15",
        "2026-04-10",
    ]
    history = model_page(site, "en", "privacy/history/")
    lines = [" ".join(li.get_text().split()) for li in history.select("li.ps-commit")]
    assert any("10 April 2026 — Amend" in line for line in lines)
    assert not any("11 April" in line for line in lines)


# --- history findings never block ---------------------------------------------------------------


def test_history_findings_are_warnings_counted_once_per_file(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two backdated past revisions of one file are one warning; duplicate section ids in a
    file deleted years ago are a warning; check passes when the current texts are right."""
    gone = "policies/old/en.md"
    twice = "## Contact\n\nWrite to us.\n\n## Contact\n\nOr call.\n"
    repo = repo_factory(
        [
            Commit(
                "2019-01-01", {gone: policy("2019-02-01", twice), EN: policy("2019-02-01", BODY)}
            ),
            Commit("2019-06-01", {EN: policy("2019-09-01", BODY + "\nOne.\n")}, "Amend"),
            Commit("2019-10-01", {EN: policy("2019-08-01", BODY + "\nTwo.\n")}, "Backdate"),
            Commit("2019-11-01", {EN: policy("2019-08-15", BODY + "\nThree.\n")}, "Backdate again"),
            Commit("2020-01-01", {gone: None}, "Remove the old policy"),
            Commit("2020-02-01", {EN: policy("2020-04-01", BODY + "\nFour.\n")}, "Amend"),
        ]
    )
    problems = problems_of(repo, dt.date(2020, 6, 1))
    backdated = [p for p in problems if p.rule == "backdated"]
    assert len(backdated) == 1
    assert backdated[0].severity is Severity.WARNING
    assert "1 more past version(s) of this file" in backdated[0].message
    (duplicate,) = [p for p in problems if p.rule == "duplicate-section-id"]
    assert (duplicate.severity, duplicate.file) == (Severity.WARNING, gone)
    assert not [p for p in problems if p.severity is Severity.ERROR]
    config = str(repo / "site_config.yml")
    assert main(["check", "--config", config, "--as-of", "2020-06-01"]) == 0
    # The same backdating under review (--since) is an error: it can still be changed.
    capsys.readouterr()
    assert main(["check", "--config", config, "--since", "HEAD~3", "--as-of", "2020-06-01"]) == 1
