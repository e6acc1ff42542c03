"""Tests leave the checkout as it was: the session-wide guard in ``conftest.py`` fails the
run when a test wrote into it; these tests show what the guard sees and what it ignores."""

from __future__ import annotations

import os
from pathlib import Path

from .conftest import changed_paths, checkout_state


def test_a_build_a_cache_or_an_edit_in_the_checkout_is_found(tmp_path: Path) -> None:
    """A site written into ./site, a cache beside the configuration, a wheel's build/
    folder, an edited or deleted file: each is named as a change."""
    (tmp_path / "README.md").write_text("Read me.\n", encoding="utf-8")
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies/en.md").write_text("Text.\n", encoding="utf-8")
    before = checkout_state(tmp_path)
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("<p>Test Policies</p>", encoding="utf-8")
    (tmp_path / ".policy-site-cache").mkdir()
    (tmp_path / "build").mkdir()
    (tmp_path / "policies/en.md").write_text("Other text.\n", encoding="utf-8")
    (tmp_path / "README.md").unlink()
    assert changed_paths(before, checkout_state(tmp_path)) == [
        ".policy-site-cache",
        "README.md",
        "build",
        "policies/en.md",
        "site",
        "site/index.html",
    ]


def test_the_same_size_rewritten_is_a_change(tmp_path: Path) -> None:
    """A file rewritten with as many bytes is still found, by its modification time."""
    path = tmp_path / "site_config.yml"
    path.write_text("title: A\n", encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = checkout_state(tmp_path)
    path.write_text("title: B\n", encoding="utf-8")
    assert changed_paths(before, checkout_state(tmp_path)) == ["site_config.yml"]


def test_the_caches_of_the_tools_that_run_the_tests_are_not_changes(tmp_path: Path) -> None:
    """Python's, pytest's, mypy's, ruff's and Hypothesis' caches, the editable install's
    metadata and git's folder are the tools' own: they may appear or change."""
    (tmp_path / "tests").mkdir()
    before = checkout_state(tmp_path)
    for name in ("tests/__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "entry").write_text("x", encoding="utf-8")
    for name in (".hypothesis", "policy_site.egg-info", ".git", ".venv"):
        (tmp_path / name).mkdir()
    assert changed_paths(before, checkout_state(tmp_path)) == []
