"""Messages in legal staff's words, with file, line and commit: impossible days, dates
written as lists or left empty, and the commits and working copy ``diff`` compares."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.days import impossible_day
from generator.cli import main

from .conftest import Commit, git, policy

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
ES = "policies/privacy/es.md"
CONFIG = """\
site:
  title: Test Policies
  url: https://policies.test/
languages:
  default: en
  available:
    - {code: en, name: English}
    - {code: es, name: Español}
"""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_an_impossible_day_is_explained_in_words() -> None:
    """February 30th, month 13, day 0 and year 0 are named for what they are; real days,
    leap days included, and text that is no day at all give nothing to explain."""
    assert impossible_day("2024-02-30") == "February 2024 has 29 days"
    assert impossible_day("2023-02-29") == "February 2023 has 28 days"
    assert impossible_day("2024-13-01") == "there is no month 13"
    assert impossible_day("2024-04-31") == "April 2024 has 30 days"
    assert impossible_day("2024-01-00") == "January 2024 has 31 days"
    assert impossible_day("0000-01-01") == "there is no year 0"
    assert impossible_day("2024-02-29") == ""
    assert impossible_day("soon") == ""


@pytest.fixture
def two_languages(repo_factory: Factory) -> Path:
    """A policy in English and Spanish; the second commit changes only the English."""
    return repo_factory(
        [
            Commit(
                "2024-01-01",
                {
                    EN: policy("2024-02-01", "## Scope\n\nAll.\n"),
                    ES: policy("2024-02-01", "## Ámbito\n\nTodo.\n"),
                },
                "First version",
            ),
            Commit("2024-03-01", {EN: policy("2024-02-01", "## Scope\n\nAll of it.\n")}, "Typo"),
            Commit(
                "2024-04-01", {ES: policy("2024-06-01", "## Ámbito\n\nTodo ello.\n")}, "Spanish"
            ),
        ],
        CONFIG,
    )


@pytest.mark.parametrize(
    ("day", "why"),
    [("2024-02-30", "February 2024 has 29 days"), ("2024-13-01", "there is no month 13")],
)
def test_diff_with_an_impossible_day_says_why(
    two_languages: Path, capsys: pytest.CaptureFixture[str], day: str, why: str
) -> None:
    """diff privacy 2024-02-30 (or month 13) is a usage error saying why that is no day."""
    config = str(two_languages / "site_config.yml")
    code, _, err = _run(capsys, "diff", "--config", config, "privacy", day)
    assert code == 2
    assert f"'{day}' is not a day of the calendar: {why}." in err
    with pytest.raises(SystemExit) as exited:
        main(["build", "--config", config, "--as-of", day])
    assert exited.value.code == 2
    assert f"'{day}' is not a day of the calendar ({why})" in capsys.readouterr().err


def test_diff_at_a_commit_that_changed_another_language(
    two_languages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A commit that changed only the English file names the Spanish text as it was then;
    'working' with nothing uncommitted is the file as committed, said so."""
    typo = git(two_languages, "log", "--format=%h", "-1", "--grep=Typo").strip()
    config = str(two_languages / "site_config.yml")
    code, out, err = _run(
        capsys, "diff", "--config", config, "privacy", typo, "working", "--lang", "es"
    )
    assert code == 0, err
    first = git(two_languages, "log", "--format=%h", "-1", "--grep=First").strip()
    assert f"{ES}: commit {typo}: the file as it was then, " in out
    assert f"(commit {first}) → the file as it is: " in out
    assert "Todo [+ello+]." in out
    code, _, err = _run(capsys, "diff", "--config", config, "privacy", "abcdef0", "--lang", "es")
    assert code == 2
    assert f"no commit starting with 'abcdef0' changed '{ES}'." in err


def _check(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str], text: str
) -> dict[str, object]:
    """check's one invalid-file or effective-date row for a policy file holding ``text``."""
    repo = repo_factory([Commit("2024-01-01", {EN: text})])
    code, out, _ = _run(
        capsys, "check", "--config", str(repo / "site_config.yml"), "--format", "json"
    )
    assert code == 1
    (row,) = [r for r in json.loads(out) if r["severity"] == "error"]
    assert row["commit"] == git(repo, "rev-parse", "HEAD").strip()
    return dict(row)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("[2024-01-01]", "'effective: [2024-01-01]' is a list, not one date."),
        (
            "{day: 2024-01-01}",
            "'effective: {day: 2024-01-01}' is a group of entries, not one date.",
        ),
        ("yes", "'effective: yes' is not a date."),
        (
            "2024-02-30",
            "the front matter holds 2024-02-30, which is not a day of the calendar (February 2024 has 29 days).",
        ),
    ],
)
def test_an_effective_date_that_is_no_date_is_quoted_as_written(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str], value: str, says: str
) -> None:
    """A list, a mapping, a yes or an impossible day after 'effective:' is quoted as the
    file has it (never Python's [datetime.date(2024, 1, 1)] or True), at its line."""
    row = _check(repo_factory, capsys, f"---\ntitle: Privacy\neffective: {value}\n---\nText.\n")
    assert (row["file"], row["line"]) == (EN, 3)
    assert str(row["message"]).startswith(says)
    assert "datetime" not in str(row["message"])


def test_an_empty_effective_date_is_named_at_its_own_line(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """'effective:' with nothing after it is reported at its own line, not the first."""
    row = _check(
        repo_factory, capsys, "---\ntitle: Privacy\nsummary: Shorter.\neffective:\n---\nText.\n"
    )
    assert (row["file"], row["line"], row["rule"]) == (EN, 4, "effective-date")
    assert str(row["message"]).startswith("'effective:' is empty: it gives no date.")
