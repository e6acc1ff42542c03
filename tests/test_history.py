"""Stage 2: one log pass reads every revision of every policy file, renames followed."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.errors import HistoryError
from generator.config import identify
from generator.config.loading import load_config
from generator.history.lineage import policy_ids
from generator.history.repository import read_history

from .conftest import Commit, git, policy

V1 = policy("2024-01-01", "## Scope\n\nFirst text.\n")
V2 = policy("2025-01-01", "## Scope\n\nSecond text.\n")


def test_revisions_in_commit_order_with_metadata(repo_factory: Callable[..., Path]) -> None:
    """Each commit touching a policy file is one revision, oldest first, with author and message."""
    repo = repo_factory(
        [
            Commit("2023-11-01", {"policies/privacy/en.md": V1}, "Publish privacy policy"),
            Commit("2023-11-05", {"README.md": "not a policy"}, "Unrelated"),
            Commit("2024-11-01", {"policies/privacy/en.md": V2}, "Amend privacy policy"),
        ]
    )
    history = read_history(load_config(repo / "site_config.yml"))
    assert [(r.policy, r.lang, r.message) for r in history.revisions] == [
        ("privacy", "en", "Publish privacy policy"),
        ("privacy", "en", "Amend privacy policy"),
    ]
    first = history.revisions[0]
    assert first.text == V1
    assert first.author == "Legal Team"
    assert first.committed.isoformat() == "2023-11-01T10:00:00+00:00"
    assert first.commit == git(repo, "rev-list", "--max-count=1", "HEAD~2").strip()
    assert len(first.blob) == 40


def test_history_follows_a_rename(repo_factory: Callable[..., Path]) -> None:
    """A file moved to a new path keeps its past revisions under its new identity."""
    repo = repo_factory(
        [
            Commit("2023-11-01", {"policies/privacy-policy/en.md": V1}, "Publish"),
            Commit(
                "2024-02-01",
                {},
                "Rename",
                renames={"policies/privacy-policy/en.md": "policies/privacy/en.md"},
            ),
            Commit("2024-11-01", {"policies/privacy/en.md": V2}, "Amend"),
        ]
    )
    revisions = read_history(load_config(repo / "site_config.yml")).revisions
    assert [(r.policy, r.path, r.message) for r in revisions] == [
        ("privacy", "policies/privacy-policy/en.md", "Publish"),
        ("privacy", "policies/privacy/en.md", "Rename"),
        ("privacy", "policies/privacy/en.md", "Amend"),
    ]


def test_deleted_policy_keeps_its_history_and_a_readded_one_continues_it(
    repo_factory: Callable[..., Path],
) -> None:
    """A deleted file keeps every revision and records its removal; a file deleted and
    added again continues the same history."""
    repo = repo_factory(
        [
            Commit("2023-11-01", {"policies/old/en.md": V1, "policies/privacy/en.md": V1}),
            Commit(
                "2024-01-01",
                {"policies/old/en.md": None, "policies/privacy/en.md": None},
                "Withdraw both",
            ),
            Commit("2024-02-01", {"policies/privacy/en.md": V2}, "Bring privacy back"),
        ]
    )
    history = read_history(load_config(repo / "site_config.yml"))
    assert [(r.policy, r.text) for r in history.revisions] == [
        ("old", V1),
        ("privacy", V1),
        ("privacy", V2),
    ]
    assert [(r.policy, r.message) for r in history.removals] == [
        ("old", "Withdraw both"),
        ("privacy", "Withdraw both"),
    ]
    removal = history.removals[1]
    assert removal.sequence > history.revisions[1].sequence
    assert removal.sequence < history.revisions[2].sequence


def test_layout_maps_paths_to_policy_and_language(tmp_path: Path) -> None:
    """{policy} may span folders; files outside the layout are ignored."""
    (tmp_path / "site_config.yml").write_text(
        "site: {title: T}\nlanguages: {default: en, available: [en, zh]}\n", encoding="utf-8"
    )
    config = load_config(tmp_path / "site_config.yml")
    assert identify("policies/privacy/en.md", config) == ("privacy", "en")
    assert identify("policies/legal/cookies/zh.md", config) == ("legal/cookies", "zh")
    assert identify("policies/README.md", config) is None
    assert identify("other/privacy/en.md", config) is None


def test_layout_without_language_uses_the_default(tmp_path: Path) -> None:
    """A layout without {lang} publishes every file in the default language."""
    (tmp_path / "site_config.yml").write_text(
        "site: {title: T}\nsource: {path: docs/legal, layout: '{policy}.md'}\n", encoding="utf-8"
    )
    config = load_config(tmp_path / "site_config.yml")
    assert identify("docs/legal/privacy.md", config) == ("privacy", "en")


def test_not_utf8_in_old_history_is_kept_and_named(repo_factory: Callable[..., Path]) -> None:
    """A past version that is not UTF-8 is kept, its unreadable bytes shown as U+FFFD and its
    committed bytes kept for its source file, and named with file, line and commit."""
    repo = repo_factory([Commit("2023-11-01", {"policies/privacy/en.md": V1})])
    latin1 = b"---\neffective: 2024-01-01\n---\ncaf\xe9\n"
    (repo / "policies/privacy/en.md").write_bytes(latin1)
    git(repo, "commit", "-qam", "Latin-1 text", date="2023-12-01")
    (repo / "policies/privacy/en.md").write_text(V2, encoding="utf-8")
    git(repo, "commit", "-qam", "Fixed", date="2024-01-01")
    history = read_history(load_config(repo / "site_config.yml"))
    assert [r.message for r in history.revisions] == ["Update policies", "Latin-1 text", "Fixed"]
    kept = history.revisions[1]
    assert kept.text.endswith("caf\ufffd\n")
    assert kept.raw == latin1
    assert history.skipped == ()
    (problem,) = history.damaged
    assert problem.file == "policies/privacy/en.md"
    assert problem.line == 4
    assert problem.commit == git(repo, "rev-parse", "HEAD~1").strip()
    assert "published with the bytes that cannot be read shown as �" in problem.message


def test_ignored_commits_are_skipped(repo_factory: Callable[..., Path]) -> None:
    """source.ignore_commits leaves out a commit's files by (abbreviated) sha."""
    repo = repo_factory(
        [
            Commit("2023-11-01", {"policies/privacy/en.md": V1}),
            Commit("2024-11-01", {"policies/privacy/en.md": V2}),
        ]
    )
    sha = git(repo, "rev-parse", "HEAD~1").strip()
    config_path = repo / "site_config.yml"
    config_path.write_text(config_path.read_text() + f"source:\n  ignore_commits: ['{sha[:9]}']\n")
    revisions = read_history(load_config(config_path)).revisions
    assert [r.text for r in revisions] == [V2]


def test_shallow_clone_is_refused_with_a_hint(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    """A shallow clone would hide past versions: it is refused and the fix is named."""
    repo = repo_factory(
        [
            Commit("2023-11-01", {"policies/privacy/en.md": V1}),
            Commit("2024-11-01", {"policies/privacy/en.md": V2}),
        ]
    )
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    with pytest.raises(HistoryError, match="shallow clone") as caught:
        read_history(load_config(clone / "site_config.yml"))
    assert "fetch-depth: 0" in (caught.value.hint or "")


def test_not_a_repository(tmp_path: Path) -> None:
    """Outside git there is no history to publish, and the message says so."""
    (tmp_path / "site_config.yml").write_text("site: {title: T}\n", encoding="utf-8")
    with pytest.raises(HistoryError, match="not inside a git repository"):
        read_history(load_config(tmp_path / "site_config.yml"))


def test_one_git_log_and_one_cat_file_process(
    repo_factory: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading 30 commits starts a bounded number of git processes, not one per commit."""
    import git as gitpython

    commits = [
        Commit(
            f"2020-01-{day:02d}",
            {"policies/privacy/en.md": policy(f"2020-02-{day:02d}", f"Text {day}\n")},
        )
        for day in range(1, 31)
    ]
    repo = repo_factory(commits)
    started: list[list[str]] = []
    original = gitpython.Git.execute

    def counting(
        self: gitpython.Git, command: list[str], *args: object, **kwargs: object
    ) -> object:
        started.append(list(command))
        return original(self, command, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(gitpython.Git, "execute", counting)
    history = read_history(load_config(repo / "site_config.yml"))
    assert len(history.revisions) == 30
    assert len(started) <= 4, started


def test_policy_ids_are_address_safe_stable_and_unique() -> None:
    """File names with spaces, dots and punctuation become slugs; a later name with the same
    slug gets a suffix, so no earlier id ever changes."""
    assert policy_ids(
        ["Terms of Service", "Privacy Policy v2.1", "terms-of-service", "legal/Cookie (EU)", "?!"]
    ) == {
        "Terms of Service": "terms-of-service",
        "Privacy Policy v2.1": "privacy-policy-v2-1",
        "terms-of-service": "terms-of-service-2",
        "legal/Cookie (EU)": "legal/cookie-eu",
        "?!": "policy",
    }


def test_file_names_with_spaces_and_dots_get_slug_ids(repo_factory: Callable[..., Path]) -> None:
    """'docs/Terms of Service v2.md' is the policy 'terms-of-service-v2'; its name is kept."""
    config = "site: {title: T}\nsource: {path: docs, layout: '{policy}.md'}\n"
    repo = repo_factory([Commit("2024-01-01", {"docs/Terms of Service v2.md": V1})], config)
    history = read_history(load_config(repo / "site_config.yml"))
    assert [(r.policy, r.path) for r in history.revisions] == [
        ("terms-of-service-v2", "docs/Terms of Service v2.md")
    ]
    assert history.names == {"terms-of-service-v2": "Terms of Service v2"}
