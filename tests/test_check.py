"""``policy-site check``: every rule, positive and negative, its formats and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.check import (
    RULES,
    Problem,
    Severity,
    check_site,
    format_github,
    format_json,
    format_text,
    readable_timelines,
)
from generator.check.report import _escape_data, _escape_property
from generator.cli import main
from generator.config.loading import load_config
from generator.history.repository import read_history
from generator.versions.parse_cache import DocumentCache
from tests.conftest import MINIMAL_CONFIG, ROOT, Commit, git, policy

Factory = Callable[..., Path]

EN = "policies/privacy/en.md"
TERMS = "policies/terms/en.md"
BODY = """\
## Information we collect

We collect your name.

## Your rights

You may ask for a copy.
"""
AMENDED = BODY + "\nYou may also ask us to delete it.\n"
SUMMARY = "You may now also ask us to delete your data."
TWO_LANGUAGES = MINIMAL_CONFIG + "    - {code: es, name: Español, locale: es_ES}\n"
SPANISH = """\
## Información que recopilamos

Recopilamos su nombre.
"""


def problems(repo: Path, as_of: str = "2026-11-26", since: str | None = None) -> list[Problem]:
    """Run the pure checks on ``repo`` (``since`` is a revision, resolved with git)."""
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    cache = DocumentCache()
    timelines = readable_timelines(history, config, cache)
    commits = None
    if since is not None:
        commits = frozenset(git(repo, "rev-list", f"{since}..HEAD").split())
    return check_site(
        config, history, timelines, dt.date.fromisoformat(as_of), commits, cache=cache
    )


def rules(found: list[Problem]) -> list[str]:
    """The rule ids found, ignoring the site-words catalogue (not about the policies)."""
    return [p.rule for p in found if p.rule != "catalogue-missing"]


def only(found: list[Problem], rule: str) -> Problem:
    """The single problem of ``rule``."""
    matching = [p for p in found if p.rule == rule]
    assert len(matching) == 1, found
    return matching[0]


def head(repo: Path, back: int = 0) -> str:
    """Full sha of HEAD~back."""
    return git(repo, "rev-parse", f"HEAD~{back}").strip()


def check(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``policy-site check`` on ``repo``; (exit code, stdout, stderr)."""
    code = main(["check", "--config", str(repo / "site_config.yml"), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def simple_history() -> list[Commit]:
    """A policy adopted in 2025 and amended with 60 days' notice."""
    return [
        Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}, "Publish"),
        Commit("2026-01-01", {EN: policy("2026-03-02", AMENDED)}, "Amend"),
    ]


# --- a clean repository ---------------------------------------------------------------


def test_clean_repository_has_no_problems(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A policy amended with enough notice passes and exits 0."""
    repo = repo_factory(simple_history())
    assert problems(repo) == []
    code, out, _ = check(repo, capsys, "--as-of", "2026-11-26")
    assert code == 0
    assert out == "No problems found.\n"


# --- files as they are now ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (policy(None, BODY), 1),
        (policy("soon", BODY), 3),
        (policy("2026-02-30", BODY), 3),
    ],
    ids=["missing", "not-a-date", "no-such-day"],
)
def test_newest_revision_without_a_valid_date_is_an_error(
    repo_factory: Factory, text: str, line: int
) -> None:
    """A missing, unreadable or impossible effective date in the file now is an error."""
    repo = repo_factory([*simple_history(), Commit("2026-05-01", {EN: text}, "Edit")])
    problem = only(problems(repo), "effective-date")
    assert problem.severity is Severity.ERROR
    assert (problem.file, problem.line, problem.commit) == (EN, line, head(repo))


def test_impossible_date_elsewhere_in_front_matter_is_an_invalid_file(
    repo_factory: Factory,
) -> None:
    """2026-02-30 under another key makes the file unreadable, located on that key's line."""
    text = policy("2026-06-01", BODY, reviewed="2026-02-30")
    repo = repo_factory([*simple_history(), Commit("2026-05-01", {EN: text}, "Edit")])
    found = problems(repo)
    assert rules(found) == ["invalid-file"]
    assert (found[0].line, found[0].commit) == (4, head(repo))
    assert "does not exist" in found[0].message


def test_newest_revision_with_broken_front_matter_is_an_error(repo_factory: Factory) -> None:
    """Front matter that YAML cannot read, in the file now, is an invalid-file error."""
    broken = "---\ntitle: [Privacy\neffective: 2026-06-01\n---\nText.\n"
    repo = repo_factory([*simple_history(), Commit("2026-05-01", {EN: broken}, "Edit")])
    found = problems(repo)
    assert rules(found) == ["invalid-file"]
    assert found[0].severity is Severity.ERROR
    assert found[0].file == EN


def test_broken_file_in_old_history_is_a_warning(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken revision in old history is kept, with one warning saying nothing needs doing."""
    broken = "---\ntitle: [Privacy\n---\nText.\n"
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}),
            Commit("2024-12-02", {EN: broken}, "Oops"),
            Commit("2024-12-03", {EN: policy("2025-01-01", BODY)}, "Fix"),
        ]
    )
    problem = only(problems(repo), "broken-history")
    assert problem.severity is Severity.WARNING
    assert problem.commit == head(repo, 1)
    assert "nothing needs doing" in (problem.hint or "")
    assert "the front matter is left out" in problem.message
    code, out, _ = check(repo, capsys, "--as-of", "2026-11-26")
    assert code == 0
    assert "warning" in out


def test_broken_file_in_the_reviewed_commits_is_an_error(repo_factory: Factory) -> None:
    """The same broken revision is an error when its commit is under review (--since)."""
    broken = "---\ntitle: [Privacy\n---\nText.\n"
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}),
            Commit("2024-12-02", {EN: broken}, "Oops"),
            Commit("2024-12-03", {EN: policy("2025-01-01", BODY)}, "Fix"),
        ]
    )
    problem = only(problems(repo, since="HEAD~2"), "broken-history")
    assert problem.severity is Severity.ERROR


def test_ignored_commit_is_not_reported(repo_factory: Factory) -> None:
    """A broken commit listed in source.ignore_commits is no longer a problem."""
    broken = "---\ntitle: [Privacy\n---\nText.\n"
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}),
            Commit("2024-12-02", {EN: broken}, "Oops"),
            Commit("2024-12-03", {EN: policy("2025-01-01", BODY)}, "Fix"),
        ]
    )
    sha = head(repo, 1)
    config = repo / "site_config.yml"
    config.write_text(MINIMAL_CONFIG + f"source:\n  ignore_commits: [{sha[:10]}]\n", "utf-8")
    assert rules(problems(repo)) == []


def test_file_that_is_not_utf8_in_history_is_a_warning(repo_factory: Factory) -> None:
    """An old revision that is not UTF-8 is kept, and reported once as a warning."""
    repo = repo_factory([Commit("2024-12-01", {EN: policy("2025-01-01", BODY)})])
    (repo / EN).write_bytes(policy("2025-01-01", BODY).encode("utf-8") + b"\xff\n")
    git(repo, "commit", "-qam", "Latin-1", date="2024-12-02")
    (repo / EN).write_text(policy("2025-01-01", BODY), "utf-8")
    git(repo, "commit", "-qam", "Fix", date="2024-12-03")
    problem = only(problems(repo), "broken-history")
    assert problem.commit == head(repo, 1)
    assert "UTF-8" in problem.message


def test_duplicate_section_ids_are_an_error(repo_factory: Factory) -> None:
    """Two headings with the same text give an error on the second one's line."""
    body = "## Contact\n\nWrite to us.\n\n## Contact\n\nOr call.\n"
    repo = repo_factory([Commit("2024-12-01", {EN: policy("2025-01-01", body)})])
    problem = only(problems(repo), "duplicate-section-id")
    assert (problem.severity, problem.line) == (Severity.ERROR, 9)
    assert "'#contact'" in problem.message


def test_distinct_section_ids_are_fine(repo_factory: Factory) -> None:
    """Headings that differ give no duplicate-id problem."""
    repo = repo_factory([Commit("2024-12-01", {EN: policy("2025-01-01", BODY)})])
    assert "duplicate-section-id" not in rules(problems(repo))


# --- amendments in history --------------------------------------------------------------


def backdated_history() -> list[Commit]:
    """Version 2026-01-01 in force, then an amendment dated mid-2025 committed in 2026."""
    return [
        Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}, "Publish"),
        Commit("2025-11-01", {EN: policy("2026-01-01", AMENDED)}, "Amend"),
        Commit("2026-03-01", {EN: policy("2025-06-01", AMENDED + "\nMore.\n")}, "Backdate"),
    ]


def test_backdated_amendment_is_an_error_naming_file_and_commit(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """An amendment dated before the version it follows exits 1 naming the file and commit."""
    repo = repo_factory(backdated_history())
    sha = head(repo)
    problem = only(problems(repo), "backdated")
    assert (problem.severity, problem.file, problem.line, problem.commit) == (
        Severity.ERROR,
        EN,
        3,
        sha,
    )
    assert "2025-06-01" in problem.message
    assert "2026-01-01" in problem.message
    code, out, _ = check(repo, capsys, "--as-of", "2026-11-26")
    assert code == 1
    assert f"{EN}:3: error: commit {sha[:7]}" in out


def test_backdating_before_the_reviewed_commits_is_a_warning(repo_factory: Factory) -> None:
    """A backdating older than --since cannot be changed and is only a warning."""
    repo = repo_factory(
        [
            *backdated_history(),
            Commit("2026-04-01", {EN: policy("2026-06-01", AMENDED + "\nMore.\nAnd more.\n")}),
        ]
    )
    problem = only(problems(repo, since="HEAD~1"), "backdated")
    assert problem.severity is Severity.WARNING


def test_amendment_after_the_version_in_force_is_not_backdated(repo_factory: Factory) -> None:
    """A later date than every existing version is an ordinary amendment."""
    repo = repo_factory(simple_history())
    assert "backdated" not in rules(problems(repo))


def test_reusing_the_date_of_an_older_version_is_an_error(repo_factory: Factory) -> None:
    """Setting the date back to an older, not latest, version rewrites it: an error."""
    repo = repo_factory(
        [
            *simple_history(),
            Commit("2026-05-01", {EN: policy("2025-01-01", AMENDED + "\nOops.\n")}, "Reuse"),
        ]
    )
    problem = only(problems(repo), "reused-date")
    assert (problem.severity, problem.commit) == (Severity.ERROR, head(repo))
    assert "2026-03-02" in problem.message


def test_correction_of_the_latest_version_is_fine(repo_factory: Factory) -> None:
    """A later commit keeping the latest date is a correction, not a reused date."""
    repo = repo_factory(
        [
            *simple_history(),
            Commit("2026-05-01", {EN: policy("2026-03-02", AMENDED.replace("copy", "full copy"))}),
        ]
    )
    assert rules(problems(repo)) == []


def test_cancelling_an_upcoming_amendment_is_a_withdrawal(repo_factory: Factory) -> None:
    """Going back to the version in force before an amendment starts withdraws it (a note)."""
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}, "Publish"),
            Commit("2026-09-01", {EN: policy("2026-12-01", AMENDED)}, "Amend"),
            Commit("2026-10-01", {EN: policy("2025-01-01", BODY)}, "Cancel the amendment"),
        ]
    )
    found = problems(repo)
    assert rules(found) == ["withdrawn"]
    assert found[0].severity is Severity.INFO
    assert found[0].commit == head(repo)
    assert "2026-12-01" in found[0].message


def test_rescheduled_amendment_is_a_withdrawal_note(repo_factory: Factory) -> None:
    """Moving an upcoming amendment to an earlier day withdraws the first date (a note)."""
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}, "Publish"),
            Commit("2026-08-01", {EN: policy("2026-12-01", AMENDED, summary=SUMMARY)}, "Amend"),
            Commit(
                "2026-09-01", {EN: policy("2026-11-15", AMENDED, summary=SUMMARY)}, "Reschedule"
            ),
        ]
    )
    assert rules(problems(repo, as_of="2026-08-15")) == ["withdrawn"]


def test_correction_to_a_superseded_version_is_a_warning(repo_factory: Factory) -> None:
    """Correcting a version after a later one took effect is a warning."""
    repo = repo_factory(
        [
            *backdated_history(),
            Commit("2026-04-01", {EN: policy("2025-06-01", AMENDED + "\nMore!\n")}, "Correct"),
        ]
    )
    found = problems(repo, since="HEAD~1")
    problem = only(found, "superseded-correction")
    assert (problem.severity, problem.commit) == (Severity.WARNING, head(repo))
    assert "2026-01-01" in problem.message


def test_correction_to_the_version_in_force_is_not_superseded(repo_factory: Factory) -> None:
    """Correcting the version in force is an ordinary correction."""
    repo = repo_factory(
        [
            *simple_history(),
            Commit("2026-06-01", {EN: policy("2026-03-02", AMENDED + "\nTypo fixed.\n")}),
        ]
    )
    assert "superseded-correction" not in rules(problems(repo, since="HEAD~1"))


# --- the notice period -----------------------------------------------------------------


def short_notice_history() -> list[Commit]:
    """An amendment committed on 2026-11-19 taking effect on 2026-12-01 (12 days)."""
    return [
        Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}, "Publish"),
        Commit("2026-11-19", {EN: policy("2026-12-01", AMENDED)}, "Amend"),
    ]


def test_short_notice_in_the_reviewed_commits_is_a_warning(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """An amendment with 12 days' notice against 30 is a warning in plain words; exit 0."""
    repo = repo_factory(short_notice_history())
    problem = only(problems(repo, since="HEAD~1"), "short-notice")
    assert problem.severity is Severity.WARNING
    assert problem.message.startswith(
        "the new version takes effect on 2026-12-01, only 12 days after it was committed "
        "on 2026-11-19; the notice period is 30 days"
    )
    assert (problem.file, problem.line, problem.commit) == (EN, 3, head(repo))
    code, out, _ = check(repo, capsys, "--since", "HEAD~1", "--as-of", "2026-11-20")
    assert code == 0
    assert f"{EN}:3: warning: the new version takes effect on 2026-12-01" in out


def test_strict_turns_short_notice_into_an_error(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --strict the notice warning is an error and the exit code 1."""
    repo = repo_factory(short_notice_history())
    code, out, _ = check(repo, capsys, "--since", "HEAD~1", "--as-of", "2026-11-20", "--strict")
    assert code == 1
    assert f"{EN}:3: error: the new version takes effect" in out


def test_short_notice_before_the_reviewed_commits_is_not_judged(repo_factory: Factory) -> None:
    """History older than --since is not re-judged for notice."""
    repo = repo_factory([*short_notice_history(), Commit("2026-11-20", {"README.md": "Hi"})])
    assert "short-notice" not in rules(problems(repo, since="HEAD~1"))


def test_without_since_only_upcoming_amendments_are_judged(repo_factory: Factory) -> None:
    """Without --since the notice rule applies to versions not yet in force on the as-of day."""
    repo = repo_factory(short_notice_history())
    assert "short-notice" in rules(problems(repo, as_of="2026-11-20"))
    assert "short-notice" not in rules(problems(repo, as_of="2026-12-01"))


def test_enough_notice_is_fine(repo_factory: Factory) -> None:
    """Exactly the minimum notice is enough."""
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}, "Publish"),
            Commit("2026-11-01", {EN: policy("2026-12-01", AMENDED)}, "Amend"),
        ]
    )
    assert "short-notice" not in rules(problems(repo, since="HEAD~1", as_of="2026-11-02"))


def test_first_version_needs_no_notice(repo_factory: Factory) -> None:
    """Publishing a policy for the first time is not an amendment."""
    repo = repo_factory([Commit("2026-11-19", {EN: policy("2026-11-20", BODY)})])
    assert rules(problems(repo, since="HEAD~1", as_of="2026-11-19")) == []


def test_retroactive_amendment_says_so(repo_factory: Factory) -> None:
    """An amendment dated before its own commit day is described as such."""
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}, "Publish"),
            Commit("2026-11-19", {EN: policy("2026-11-09", AMENDED)}, "Amend"),
        ]
    )
    problem = only(problems(repo, since="HEAD~1"), "short-notice")
    assert "10 days before it was committed on 2026-11-19" in problem.message


# --- links ----------------------------------------------------------------------------

TERMS_BODY = """\
## Acceptable use

Be nice.

## Liability

Limited.
"""


def linking(body: str, extra: dict[str, str | None] | None = None) -> list[Commit]:
    """Terms (two versions) and a privacy policy whose text is ``body``."""
    return [
        Commit("2024-12-01", {TERMS: policy("2025-01-01", TERMS_BODY, title="Terms")}),
        Commit(
            "2025-01-01", {TERMS: policy("2025-10-01", TERMS_BODY + "\nMore.\n", title="Terms")}
        ),
        Commit("2025-02-01", {EN: policy("2025-03-01", body), **(extra or {})}),
    ]


@pytest.mark.parametrize(
    "href",
    [
        "../terms/",
        "../terms",
        "../terms/#acceptable-use",
        "#your-rights",
        "./#your-rights",
        "/en/terms/2025-10-01/",
        "/en/terms/2025-01-01/#liability",
        "/en/terms/2025-10-01/changes/",
        "/en/terms/2025-01-01/since/",
        "../terms/history/",
        "../",
        "/en/feed.xml",
        "https://policies.test/en/terms/#liability",
        "https://example.com/nowhere/",
        "mailto:privacy@example.com",
    ],
)
def test_links_that_work(repo_factory: Factory, href: str) -> None:
    """Links to existing policies, versions, pages and sections (and external ones) pass."""
    body = BODY + f"\nSee [this]({href}).\n"
    repo = repo_factory(linking(body))
    assert rules(problems(repo)) == []


@pytest.mark.parametrize(
    ("href", "says"),
    [
        ("../termz/", "no such page"),
        ("../terms/#acceptable", "does not have"),
        ("#your-right", "does not have"),
        ("/en/terms/2025-10-02/", "has no version of 2025-10-02"),
        ("/en/terms/2025-01-01/changes/", "has no such page"),
        ("/fr/terms/", "no language 'fr'"),
        ("../terms/es.md", "which is not a policy of this site"),
        ("/en/terms/en.md", "Markdown file"),
        ("../../../outside/", "no language 'outside'"),
        ("https://policies.test/en/nope/", "no such page"),
    ],
)
def test_broken_links_are_errors(repo_factory: Factory, href: str, says: str) -> None:
    """A link to a missing policy, version, page or section is an error on its line."""
    body = BODY + f"\nSee [this]({href}).\n"
    repo = repo_factory(linking(body))
    problem = only(problems(repo), "broken-link")
    assert (problem.severity, problem.file, problem.line) == (Severity.ERROR, EN, 13)
    assert says in problem.message
    assert href in problem.message


def test_links_under_a_base_path(repo_factory: Factory) -> None:
    """With a site under /policies/, absolute links include it and others leave the site."""
    config = MINIMAL_CONFIG.replace("https://policies.test/", "https://example.org/policies/")
    body = BODY + "\n[a](/policies/en/terms/) [b](../../../outside/) [c](/en/terms/)\n"
    repo = repo_factory(linking(body), config)
    found = [p.message for p in problems(repo) if p.rule == "broken-link"]
    assert found == [
        "the link '../../../outside/' leads to /outside/, which is outside this site.",
        "the link '/en/terms/' leads to /en/terms/, which is outside this site.",
    ]


def test_broken_link_suggests_a_close_section(repo_factory: Factory) -> None:
    """A near miss on a section id gets a 'did you mean' hint."""
    repo = repo_factory(linking(BODY + "\n[x](../terms/#acceptable-uses)\n"))
    assert only(problems(repo), "broken-link").hint == "Did you mean '#acceptable-use'?"


def test_link_to_a_section_removed_by_an_upcoming_version_is_caught(
    repo_factory: Factory,
) -> None:
    """A section that an announced amendment of the target removes breaks the link then."""
    renamed = TERMS_BODY.replace("Acceptable use", "Fair use")
    repo = repo_factory(
        [
            *linking(BODY + "\n[x](../terms/#acceptable-use)\n"),
            Commit("2026-10-01", {TERMS: policy("2027-01-01", renamed, title="Terms")}),
        ]
    )
    problem = only(problems(repo), "broken-link")
    assert "2027-01-01" in problem.message


def test_links_resolve_against_the_document_page_with_cjk_ids(repo_factory: Factory) -> None:
    """Percent-encoded links to non-Latin section ids are decoded before comparison."""
    body = "## 隐私 政策\n\n见[此处](#隐私-政策)。\n"
    repo = repo_factory([Commit("2024-12-01", {EN: policy("2025-01-01", body)})])
    assert rules(problems(repo)) == []


# --- translations ----------------------------------------------------------------------

ES = "policies/privacy/es.md"


def test_lagging_translation_is_a_warning(repo_factory: Factory) -> None:
    """A translation still at an older version than the authoritative one in force warns."""
    repo = repo_factory(
        [
            Commit(
                "2024-12-01", {EN: policy("2025-01-01", BODY), ES: policy("2025-01-01", SPANISH)}
            ),
            Commit("2026-01-01", {EN: policy("2026-03-02", AMENDED)}, "Amend"),
        ],
        TWO_LANGUAGES,
    )
    problem = only(problems(repo, as_of="2026-03-02"), "translation-lag")
    assert (problem.severity, problem.file, problem.line) == (Severity.WARNING, ES, 3)
    assert "2025-01-01" in problem.message
    assert "2026-03-02" in problem.message


def test_translation_does_not_lag_before_the_new_version_applies(repo_factory: Factory) -> None:
    """The day before the authoritative amendment applies, only a note is given."""
    repo = repo_factory(
        [
            Commit(
                "2024-12-01", {EN: policy("2025-01-01", BODY), ES: policy("2025-01-01", SPANISH)}
            ),
            Commit("2026-01-01", {EN: policy("2026-03-02", AMENDED, summary=SUMMARY)}, "Amend"),
        ],
        TWO_LANGUAGES,
    )
    assert rules(problems(repo, as_of="2026-03-01")) == ["translation-upcoming"]


def test_up_to_date_translation_is_fine(repo_factory: Factory) -> None:
    """A translation at the same version as the authoritative text gives no problem."""
    repo = repo_factory(
        [
            Commit(
                "2024-12-01", {EN: policy("2025-01-01", BODY), ES: policy("2025-01-01", SPANISH)}
            ),
        ],
        TWO_LANGUAGES,
    )
    assert rules(problems(repo)) == []


def test_missing_translation_is_a_warning(repo_factory: Factory) -> None:
    """A policy with no file in a configured language warns, naming the expected path."""
    repo = repo_factory([Commit("2024-12-01", {EN: policy("2025-01-01", BODY)})], TWO_LANGUAGES)
    problem = only(problems(repo), "translation-missing")
    assert (problem.severity, problem.file) == (Severity.WARNING, ES)


def test_translation_with_a_date_of_no_version_is_a_warning(repo_factory: Factory) -> None:
    """A translation dated a day no authoritative version has (a typo) warns."""
    repo = repo_factory(
        [
            Commit(
                "2024-12-01", {EN: policy("2025-01-01", BODY), ES: policy("2025-01-02", SPANISH)}
            ),
        ],
        TWO_LANGUAGES,
    )
    assert only(problems(repo), "translation-date").file == ES


def test_file_in_an_unconfigured_language_is_a_warning(repo_factory: Factory) -> None:
    """A file whose language is not in languages.available is not published: a warning."""
    fr = "policies/privacy/fr.md"
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY), fr: policy("2025-01-01", BODY)}),
        ]
    )
    assert only(problems(repo), "unknown-language").file == fr


def test_missing_catalogue_is_a_warning_except_for_english(repo_factory: Factory) -> None:
    """A language without a catalogue of the site's words warns; English needs none."""
    config = MINIMAL_CONFIG + "    - {code: tlh, name: Klingon}\n"
    repo = repo_factory([Commit("2024-12-01", {EN: policy("2025-01-01", BODY)})], config)
    problem = only(problems(repo), "catalogue-missing")
    assert problem.severity is Severity.WARNING
    assert problem.file == "site_config.yml"
    repo = repo_factory([Commit("2024-12-01", {EN: policy("2025-01-01", BODY)})])
    assert [p for p in problems(repo) if p.rule == "catalogue-missing"] == []


# --- formats --------------------------------------------------------------------------

SAMPLE = [
    Problem(Severity.ERROR, "backdated", "commit abc, 50% sure:\nreally", EN, 3, "abc", "Fix it."),
    Problem(Severity.WARNING, "translation-lag", "old", "policies/a,b:c.md", None),
    Problem(Severity.INFO, "withdrawn", "gone", EN, 7),
]


def test_text_format_lists_problems_then_a_summary() -> None:
    """Text output is 'file:line: severity: message', hints indented, and a count."""
    out = format_text(SAMPLE).splitlines()
    assert out[0] == f"{EN}:3: error: commit abc, 50% sure:"
    assert out[3] == "policies/a,b:c.md: warning: old"
    assert out[4] == f"{EN}:7: note: gone"
    assert out[-1] == "1 error, 1 warning, 1 note."
    assert format_text([]) == "No problems found.\n"


def test_github_format_is_parseable_workflow_commands() -> None:
    """Each problem is one ::error/::warning/::notice command with escaped properties."""
    lines = format_github(SAMPLE).splitlines()
    command = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")
    parsed = [command.match(line) for line in lines[:3]]
    assert all(parsed)
    first = parsed[0]
    assert first is not None
    props = dict(p.split("=", 1) for p in first.group(2).split(","))
    assert props == {"file": EN, "line": "3", "title": "Backdated amendment"}
    assert first.group(3) == "commit abc, 50%25 sure:%0Areally%0AFix it."
    second = parsed[1]
    assert second is not None
    assert "file=policies/a%2Cb%3Ac.md" in second.group(2)
    assert lines[-1] == "1 error, 1 warning, 1 note."


def test_github_escaping() -> None:
    """Data escapes %, CR and LF; properties also escape ':' and ','."""
    assert _escape_data("100%\r\nok: a,b") == "100%25%0D%0Aok: a,b"
    assert _escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_json_format_is_a_sorted_stable_list() -> None:
    """JSON output is a list of objects with sorted keys, the same for the same problems."""
    rows = json.loads(format_json(SAMPLE))
    assert [r["rule"] for r in rows] == ["backdated", "translation-lag", "withdrawn"]
    assert list(rows[0]) == sorted(rows[0])
    assert rows[0] == {
        "commit": "abc",
        "file": EN,
        "hint": "Fix it.",
        "line": 3,
        "message": "commit abc, 50% sure:\nreally",
        "rule": "backdated",
        "severity": "error",
    }
    assert [list(row) for row in rows] == [sorted(row) for row in rows]


def test_every_rule_is_documented_and_used() -> None:
    """Each rule has a title, a row in the README's table, and a family that reports it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \| (?:error|warning|note)", readme, re.MULTILINE))
    assert documented == set(RULES)
    sources = "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "generator/check").glob("*.py")
    )
    for key, rule in RULES.items():
        assert rule.id == key
        assert 4 <= len(rule.title) <= 60, rule.title
        assert f'"{key}"' in sources.replace(f'Rule("{key}"', ""), f"no family reports {key}"


def test_problems_come_out_sorted_by_file_and_line(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON list from the command is sorted by file then line, and stable across runs."""
    body = BODY + "\n[a](../nope/) [b](#nope)\n\n## Your rights\n\nAgain.\n"
    repo = repo_factory(linking(body))
    _, first, _ = check(repo, capsys, "--format", "json", "--as-of", "2026-11-26")
    _, second, _ = check(repo, capsys, "--format", "json", "--as-of", "2026-11-26")
    assert first == second
    rows = json.loads(first)
    keys = [(r["file"] or "", r["line"] or 0) for r in rows]
    assert keys == sorted(keys)
    assert {r["rule"] for r in rows} >= {"broken-link", "duplicate-section-id"}


def test_github_format_from_the_command(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format github annotates the backdated file and line and exits 1."""
    repo = repo_factory(backdated_history())
    code, out, _ = check(repo, capsys, "--format", "github", "--as-of", "2026-11-26")
    assert code == 1
    assert out.startswith(f"::error file={EN},line=3,title=Backdated amendment::commit ")


# --- exit codes --------------------------------------------------------------------------


def test_bad_since_revision_is_a_usage_error(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """--since naming no commit exits 2 with a clear message."""
    repo = repo_factory(simple_history())
    code, out, err = check(repo, capsys, "--since", "origin/main")
    assert code == 2
    assert out == ""
    assert "--since 'origin/main' is not a commit in this repository" in err


def test_since_run_from_the_repository_folder(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from the repository with the default config path, --since HEAD judges nothing."""
    repo = repo_factory(short_notice_history())
    monkeypatch.chdir(repo)
    assert main(["check", "--since", "HEAD", "--as-of", "2026-11-20", "--strict"]) == 0
    assert capsys.readouterr().out == "No problems found.\n"


def test_example_repository_passes(capsys: pytest.CaptureFixture[str]) -> None:
    """The example site's own policies pass (its lagging Chinese translation only warns)."""
    code = main(["check", "--config", str(ROOT / "site_config.yml"), "--as-of", "2026-11-26"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "error:" not in out
    assert "policies/privacy/zh.md:3: warning: the Chinese translation reflects" in out


def test_since_a_branch_judges_only_the_pull_request(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a feature branch, --since main judges the branch's amendment and names its commit."""
    repo = repo_factory(simple_history())
    git(repo, "checkout", "-q", "-b", "amend")
    (repo / EN).write_text(policy("2026-12-01", AMENDED + "\nNew.\n", summary=SUMMARY), "utf-8")
    git(repo, "commit", "-qam", "Amend again", date="2026-11-19")
    code, out, _ = check(
        repo, capsys, "--since", "main", "--as-of", "2026-11-19", "--format", "json"
    )
    assert code == 0
    (row,) = json.loads(out)
    assert (row["rule"], row["commit"]) == ("short-notice", head(repo))


def test_settings_for_a_policy_without_a_file_are_reported(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """policies.privcy (a typo) names no file: a warning at its line with a "did you mean"."""
    config = MINIMAL_CONFIG + "policies:\n  privcy:\n    order: 1\n"
    repo = repo_factory([Commit("2024-01-01", {EN: policy("2024-02-01", BODY)})], config)
    _, out, _ = check(repo, capsys, "--format", "json", "--as-of", "2024-03-01")
    (row,) = [r for r in json.loads(out) if r["rule"] == "unknown-policy"]
    assert row["severity"] == "warning"
    assert row["file"] == "site_config.yml"
    assert row["line"] == config.splitlines().index("  privcy:") + 1
    assert row["hint"] == "Did you mean 'privacy'?"


def test_a_policy_without_text_is_named_and_filled_again_is_fine(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file emptied to its front matter is published as an empty page: a warning that
    names the file and commit; an earlier empty revision is history, not a problem."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {EN: policy("2024-01-02", "")}),
            Commit("2024-01-05", {EN: policy("2024-02-01", BODY)}),
            Commit("2024-03-01", {"policies/terms/en.md": policy("2024-04-01", "", "Terms")}),
        ]
    )
    _, out, _ = check(repo, capsys, "--format", "json", "--as-of", "2024-03-01")
    (row,) = [r for r in json.loads(out) if r["rule"] == "empty-policy"]
    assert (row["severity"], row["file"]) == ("warning", "policies/terms/en.md")
    assert row["message"] == "this file has no text, so the policy is published as an empty page."
    assert row["commit"] == head(repo)


def test_a_repository_without_policies_is_an_error(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """No policy file committed yet: check says so and fails, instead of 'No problems'."""
    repo = repo_factory([])
    code, out, err = check(repo, capsys, "--as-of", "2024-03-01")
    assert code == 1
    assert "no committed policy files were found" in err
    assert "No problems" not in out


def test_a_link_to_a_renamed_policys_former_address_is_not_broken(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """../terms/ still works after terms/ was renamed to tos/ (the site redirects it)."""
    terms = policy("2024-02-01", "## Use\n\nBe kind.\n", title="Terms")
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/terms/en.md": terms}),
            Commit(
                "2024-02-01",
                {
                    EN: policy(
                        "2024-03-01", "## A\n\nSee [the terms](../terms/) and [use](../tos/#use).\n"
                    )
                },
                renames={"policies/terms/en.md": "policies/tos/en.md"},
            ),
        ]
    )
    _, out, _ = check(repo, capsys, "--format", "json", "--as-of", "2024-04-01")
    assert [r for r in json.loads(out) if r["rule"] == "broken-link"] == []


def test_a_link_to_a_version_pdf_is_valid_only_where_pdfs_are_published(
    repo_factory: Factory,
) -> None:
    """With ``pdf: true`` a link to a version's PDF is sound; without it, it is a broken link."""
    body = BODY + "\nSee [the PDF](../terms/2025-01-01/terms-2025-01-01-en.pdf).\n"
    without = repo_factory(linking(body))
    problem = only(problems(without), "broken-link")
    assert "has no such page" in problem.message
    with_pdfs = repo_factory(linking(body), MINIMAL_CONFIG + "pdf: true\n")
    assert "broken-link" not in rules(problems(with_pdfs))
