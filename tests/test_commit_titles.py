"""Amendments named by their pull request: merge, squash and plain commits in the history."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.commands.diff import run_diff_since
from generator.history.commit_titles import CommitTitle, commit_title

from .conftest import MINIMAL_CONFIG, Commit, git, model_page, policy, site_model

Factory = Callable[..., Path]
AS_OF = dt.date(2026, 11, 26)
GITHUB = "https://github.com/example/policies"
GITLAB = "https://gitlab.example.com/legal/policies"
EN = "policies/privacy/en.md"
HOSTILE = '<img src=x onerror="alert(1)"> [click](javascript:alert(1)) *bold*'


@pytest.mark.parametrize(
    ("subject", "body", "repo_url", "expected"),
    [
        (
            "Merge pull request #930 from org/update-terms",
            "Update github-registered-developer-agreement.md\n\nMore words.",
            GITHUB,
            CommitTitle(
                "Update github-registered-developer-agreement.md", "#930", f"{GITHUB}/pull/930"
            ),
        ),
        (
            "Merge pull request #12 from org/x",
            "",
            GITHUB,
            CommitTitle("Merge pull request #12 from org/x", "#12", f"{GITHUB}/pull/12"),
        ),
        (
            "Merge branch 'retention' into 'main'",
            "Shorter log retention\n\nSee merge request legal/policies!42",
            GITLAB,
            CommitTitle("Shorter log retention", "!42", f"{GITLAB}/-/merge_requests/42"),
        ),
        (
            "Clarify cookie consent (#123)",
            "",
            GITHUB,
            CommitTitle("Clarify cookie consent", "#123", f"{GITHUB}/pull/123"),
        ),
        (
            "Clarify cookie consent (#123)",
            "",
            "https://git.example.org/policies",
            CommitTitle("Clarify cookie consent", "#123", ""),
        ),
        ("Fix a typo", "", GITHUB, CommitTitle("Fix a typo", "", "")),
    ],
    ids=[
        "github-merge",
        "github-empty-body",
        "gitlab-merge",
        "squash",
        "squash-elsewhere",
        "plain",
    ],
)
def test_commit_titles(subject: str, body: str, repo_url: str, expected: CommitTitle) -> None:
    """Merge and squash subjects give the request's title and link; others stay as written."""
    assert commit_title(subject, body, repo_url) == expected


def merged_repo(factory: Factory, body: str) -> Path:
    """A plain commit, a GitHub merge of a branch (``body``), a squash merge, and a merge
    that changes no policy file."""
    config = MINIMAL_CONFIG.replace(
        "  url: https://policies.test/\n", f"  url: https://policies.test/\n  repo_url: {GITHUB}\n"
    )
    repo = factory(
        [Commit("2024-01-01", {EN: policy("2024-02-01", "## Scope\n\nOne.\n")}, "First text")],
        config,
    )
    git(repo, "checkout", "-q", "-b", "amend")
    (repo / EN).write_text(policy("2024-06-01", "## Scope\n\nTwo.\n"), encoding="utf-8")
    git(repo, "commit", "-qam", "wip", date="2024-04-01")
    git(repo, "checkout", "-q", "main")
    message = f"Merge pull request #930 from example/amend\n\n{body}\n"
    git(repo, "merge", "-q", "--no-ff", "-m", message, "amend", date="2024-04-02")
    (repo / EN).write_text(policy("2024-06-01", "## Scope\n\nTwo, corrected.\n"), encoding="utf-8")
    git(repo, "commit", "-qam", "Correct the scope (#931)", date="2024-04-03")
    git(repo, "checkout", "-q", "-b", "docs")
    (repo / "README.md").write_text("Read me.\n", encoding="utf-8")
    git(repo, "add", "README.md")
    git(repo, "commit", "-qm", "Docs", date="2024-04-04")
    git(repo, "checkout", "-q", "main")
    git(
        repo,
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge pull request #932 from example/docs\n\nAdd a README",
        "docs",
        date="2024-04-05",
    )
    return repo


def test_history_shows_the_pull_request_title_and_link(repo_factory: Factory) -> None:
    """The history names the merge by its pull request's title and links #930; the squash
    commit by its title and #931; the merge that changed no policy is not listed."""
    repo = merged_repo(repo_factory, "Keep logs for less time")
    site = site_model(repo / "site_config.yml", AS_OF)
    page = model_page(site, "en", "privacy/history/")
    for redline in page.select(".ps-correction"):
        redline.decompose()
    lines = [" ".join(li.get_text().split()) for li in page.select("li.ps-commit")]
    assert [line.split(" — ", 1)[1] for line in lines] == [
        "Keep logs for less time (#930)",
        "Correct the scope (#931)",
        "First text",
    ]
    links = [a["href"] for a in page.select("a.ps-commit__request")]
    assert links == [f"{GITHUB}/pull/930", f"{GITHUB}/pull/931"]
    assert "#932" not in page.get_text()
    api = json.loads(next(f.content for f in site.files if f.path == "api/en/privacy.json"))
    commits = [c for v in api["versions"] for c in v["commits"]]
    assert [(c["title"], c["pull_request"], c["message"]) for c in commits] == [
        ("First text", None, "First text"),
        ("Keep logs for less time", "#930", "Merge pull request #930 from example/amend"),
        ("Correct the scope", "#931", "Correct the scope (#931)"),
    ]


def test_a_hostile_merge_body_is_shown_as_text(repo_factory: Factory) -> None:
    """Markup in a pull request's title reaches the page as text, never as HTML or a link."""
    repo = merged_repo(repo_factory, HOSTILE)
    site = site_model(repo / "site_config.yml", AS_OF)
    language = site.languages[0]
    body = str(next(p.body for p in language.pages if p.url == "privacy/history/"))
    assert "<img" not in body
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in body
    page = model_page(site, "en", "privacy/history/")
    assert not page.select("img, a[href^=javascript]")
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    markdown = run_diff_since(repo / "site_config.yml", first, fmt="markdown", color=False)
    assert '&lt;img src=x onerror="alert(1)"&gt; \\[click\\](javascript:alert(1)) \\*bold\\*' in (
        markdown
    )
    assert "<img" not in markdown


def test_diff_since_uses_the_same_titles(repo_factory: Factory) -> None:
    """``diff --since`` (the job summary) heads each redline with the commit's title and link."""
    repo = merged_repo(repo_factory, "Keep logs for less time")
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    markdown = run_diff_since(repo / "site_config.yml", first, fmt="markdown", color=False)
    shas = git(repo, "log", "--first-parent", "--format=%h", "-n", "3").split()
    assert f"- `{shas[2]}` Keep logs for less time ([#930]({GITHUB}/pull/930))\n" in markdown
    assert f"- `{shas[1]}` Correct the scope ([#931]({GITHUB}/pull/931))\n" in markdown
    text = run_diff_since(repo / "site_config.yml", "HEAD~2", fmt="text", color=False)
    assert text.splitlines()[1:3] == [f"- {shas[1]} Correct the scope (#931)", ""]
