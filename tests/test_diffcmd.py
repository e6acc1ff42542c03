"""`policy-site diff`: the redline legal staff see before they open a pull request."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]  # no stubs installed
import pytest

from generator.cli import main

from .conftest import MINIMAL_CONFIG, ROOT, Commit, policy

BODY = "## Retention\n\nWe keep logs for 24 months.\n\n## Contact\n\nWrite to us.\n"


@pytest.fixture
def repo(repo_factory: Callable[..., Path]) -> Path:
    return repo_factory(
        [
            Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-02-01", BODY)}, "Publish"),
            Commit(
                "2024-06-01",
                {"policies/privacy/en.md": policy("2024-08-01", BODY.replace("24", "12"))},
                "Shorter",
            ),
        ]
    )


def run(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", "--config", str(repo / "site_config.yml"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_default_compares_the_version_before_with_the_latest(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With nothing uncommitted, the default shows what the latest version changed; both
    sides are named by their version's date."""
    code, out, _ = run(repo, capsys, "privacy", "--as-of", "2024-09-01")
    assert code == 0
    assert out.splitlines()[0] == (
        "policies/privacy/en.md: Version of 1 February 2024 → Version of 1 August 2024 "
        f"(commit {out.split('(commit ')[1][:7]})"
    )
    assert "[-24-]" in out
    assert "[+12+]" in out
    assert "\x1b[" not in out  # no colour when not printing to a terminal


def test_working_copy_is_compared_with_the_version_in_force(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An uncommitted edit is compared with the version in force, as markdown for a PR comment."""
    path = repo / "policies/privacy/en.md"
    path.write_text(
        path.read_text().replace("Write to us.", "Write to us by email."), encoding="utf-8"
    )
    code, out, _ = run(repo, capsys, "privacy", "--format", "markdown", "--as-of", "2024-09-01")
    assert code == 0
    assert out.startswith(
        "### policies/privacy/en.md: Version of 1 August 2024 → Version of 1 August 2024 "
        "(uncommitted)"
    )
    assert "<ins>by email</ins>" in out


def test_json_validates_against_the_schema(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json is the documented structured diff."""
    code, out, _ = run(repo, capsys, "privacy", "2024-02-01", "2024-08-01", "--format", "json")
    assert code == 0
    schema = json.loads((ROOT / "generator/schema/diff.schema.json").read_text(encoding="utf-8"))
    data = json.loads(out)
    jsonschema.validate(data, schema)
    assert data["counts"]["sections_changed"] == 1


def test_commits_can_be_named(
    repo_factory: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """OLD and NEW may be commit prefixes; exactly the texts of those two commits are compared."""
    from .conftest import git

    path = "policies/privacy/en.md"
    third = BODY.replace("24", "12").replace("Write to us.", "Write to us by email.")
    repo = repo_factory(
        [
            Commit("2024-01-01", {path: policy("2024-02-01", BODY)}, "Publish"),
            Commit("2024-06-01", {path: policy("2024-08-01", BODY.replace("24", "12"))}, "B"),
            Commit("2024-07-01", {path: policy("2024-08-01", third)}, "C"),
        ]
    )
    first, second, last = git(repo, "log", "--format=%h", "--", "policies").split()[::-1]
    code, out, _ = run(repo, capsys, "privacy", first, last)
    assert code == 0
    assert (
        f"Version of 1 February 2024 (commit {first[:7]}) → "
        f"Version of 1 August 2024 (commit {last[:7]})"
    ) in out
    assert "[-24-]" in out
    assert "[+12+]" in out
    assert "[+by email+]" in out
    code, out, _ = run(repo, capsys, "privacy", second, last)
    assert code == 0
    assert (
        f"Version of 1 August 2024 (commit {second[:7]}) → "
        f"Version of 1 August 2024 (commit {last[:7]})"
    ) in out
    assert "[+by email+]" in out
    assert "[-24-]" not in out


def test_a_policy_is_named_by_its_file_too(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Legal staff may name the file they edited, from wherever they are: its policy and
    language; a --lang that contradicts the file is a plain mistake."""
    monkeypatch.chdir(repo / "policies")
    expected = run(repo, capsys, "privacy", "--as-of", "2024-09-01")
    assert expected[0] == 0
    assert run(repo, capsys, "privacy/en.md", "--as-of", "2024-09-01") == expected
    code, _, err = run(repo, capsys, "privacy/en.md", "--lang", "es")
    assert code == 2
    assert "'privacy/en.md' is the policy's file in 'en', not in 'es'." in err


def test_a_policy_is_named_as_its_file_is_written(
    repo_factory: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Terms of Service", as the file is named, is the policy terms-of-service."""
    name = "policies/Terms of Service.md"
    repo = repo_factory(
        [
            Commit("2024-01-01", {name: policy("2024-02-01", BODY)}),
            Commit("2024-06-01", {name: policy("2024-08-01", BODY.replace("24", "12"))}),
        ],
        MINIMAL_CONFIG + "source:\n  layout: '{policy}.md'\n",
    )
    by_id = run(repo, capsys, "terms-of-service", "--as-of", "2024-09-01")
    assert by_id[0] == 0
    assert "[+12+]" in by_id[1]
    assert run(repo, capsys, "Terms of Service", "--as-of", "2024-09-01") == by_id


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cookies"], "there is no policy 'cookies' in 'en'."),
        (["privacy", "2023-01-01", "2024-08-01"], "has no version effective on 2023-01-01."),
        (["privacy", "yesterday"], "'yesterday' is not an effective date, a commit or 'working'."),
        (["privacy", "--lang", "fr"], "'fr' is not one of the site's languages"),
        (["privacy", "deadbeef", "2024-08-01"], "no commit starting with 'deadbeef'"),
        (["policies/privacy/zh.md"], "there is no policy 'policies/privacy/zh.md' in 'en'."),
    ],
)
def test_mistakes_get_a_plain_message_and_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """Unknown policies, dates, commits and languages are usage errors, not tracebacks."""
    code, _, err = run(repo, capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_since_shows_every_policy_changed_in_the_range(
    repo_factory: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """diff --since REV: each file changed after REV with its redline, a new file against
    nothing, a deleted one as a withdrawal; files untouched in the range are left out."""
    from .conftest import git

    repo = repo_factory(
        [
            Commit(
                "2024-01-01",
                {
                    "policies/privacy/en.md": policy("2024-02-01", BODY),
                    "policies/terms/en.md": policy(
                        "2024-02-01", "## Use\n\nBe kind.\n", title="Terms"
                    ),
                    "policies/old/en.md": policy(
                        "2024-02-01", "## Old\n\nGone soon.\n", title="Old"
                    ),
                },
            )
        ]
    )
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / "policies/privacy/en.md").write_text(
        policy("2024-08-01", BODY.replace("24", "12")), encoding="utf-8"
    )
    (repo / "policies/cookies").mkdir()
    (repo / "policies/cookies/en.md").write_text(
        policy("2024-08-01", "## Cookies\n\nNone.\n", title="Cookies"), encoding="utf-8"
    )
    git(repo, "rm", "-q", "policies/old/en.md")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Amend, add, withdraw", date="2024-06-01")
    code = main(
        ["diff", "--config", str(repo / "site_config.yml"), "--since", base, "--format", "markdown"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "### policies/privacy/en.md: Version of 1 February 2024 (commit" in out
    assert "<del>24</del>" in out
    assert "<ins>12</ins>" in out
    assert "### policies/cookies/en.md: new file → Version of 1 August 2024 (commit" in out
    assert "<ins>None.</ins>" in out
    assert "policies/old/en.md: deleted in commit" in out
    assert "policies/terms/en.md" not in out


def test_text_keeps_line_breaks_shows_the_summary_and_quiets_renumbering(
    repo_factory: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The terminal redline keeps an address's line breaks, prints the plain-language
    summary the amendment adds, and gives a renumbered heading its new number with a note
    ("2 → 3"), never the digits struck through and inserted."""
    address = "Example Devices Ltd.\\\n1 Example Street\\\nDublin\n"
    old = f"## 1. Scope\n\nAll users.\n\n## 2. Contact\n\n{address}"
    new = (
        "## 1. Scope\n\nAll users.\n\n## 2. Children\n\nNot for children.\n\n"
        f"## 3. Contact\n\n{address.replace('1 Example Street', '25 Example Quay')}"
    )
    summary = "We moved to a new office."
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-02-01", old)}),
            Commit(
                "2024-06-01",
                {"policies/privacy/en.md": policy("2024-08-01", new, summary=summary)},
            ),
        ]
    )
    code, out, _ = run(repo, capsys, "privacy", "2024-02-01", "2024-08-01")
    assert code == 0
    assert "In short\n  We moved to a new office.\n" in out
    assert "Example Devices Ltd.\n[-1 Example Street-]\n[+25 Example Quay+]\nDublin\n" in out
    assert "3. Contact (2 → 3)  (Changed)" in out
    assert "[-2-]" not in out
    assert "renumbered" not in out.lower()  # a changed section's new number is no change
