"""The benchmark harness: a tiny synthetic repository is what it claims, and run.py reports."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from benchmarks.generate import DEFAULT_AS_OF, generate, git_env
from generator.config import load_config
from generator.diff import diff_documents
from generator.document import parse_document
from generator.history import Revision, read_history

from .conftest import ROOT

P, L, V, W = 2, 3, 3, 200  # L=3 includes Chinese
SEED = 5
PATHS = {f"policies/{p}/{lang}.md" for p in ("privacy", "terms") for lang in ("en", "es", "zh")}


def git(repo: Path, *args: str) -> str:
    """What git printed."""
    result = subprocess.run(
        ["git", *args], cwd=repo, env=git_env(), capture_output=True, text=True, check=True
    )
    return result.stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny repository written by the command line of benchmarks/generate.py."""
    path = tmp_path_factory.mktemp("bench") / "repo"
    sizes = ["-P", str(P), "-L", str(L), "-V", str(V), "-W", str(W), "--seed", str(SEED)]
    command = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(path), *sizes]
    subprocess.run(command, check=True, capture_output=True)
    return path


@pytest.fixture(scope="module")
def by_file(repo: Path) -> dict[str, list[Revision]]:
    """Every revision read_history finds, per file, oldest first."""
    files: dict[str, list[Revision]] = defaultdict(list)
    for revision in read_history(load_config(repo / "site_config.yml")).revisions:
        files[revision.path].append(revision)
    return files


def effective(revision: Revision) -> dt.date:
    """The revision's effective date, as policy-site parses it."""
    date = parse_document(revision.text, path=revision.path).effective_date
    assert date is not None
    return date


def test_policy_files_and_commits(repo: Path) -> None:
    """P×L policy files; one commit per version, plus translations, corrections, formatting."""
    assert set(git(repo, "ls-files", "policies").split()) == PATHS
    assert (repo / "site_config.yml").is_file()
    subjects = git(repo, "log", "--format=%s").splitlines()
    kinds = Counter(subject.split(" ")[0] for subject in subjects)
    assert kinds["Set"] == 1
    assert kinds["Publish"] == P
    assert kinds["Amend"] == P * (V - 1)
    assert set(kinds) <= {"Set", "Publish", "Amend", "Translate", "Correct", "Format"}
    assert len(subjects) == sum(kinds.values()) > 1 + P * V
    assert git(repo, "status", "--porcelain") == ""


def test_history_reads_every_commit_of_every_file(
    repo: Path, by_file: dict[str, list[Revision]]
) -> None:
    """read_history reads as many revisions of each file as git log lists."""
    assert set(by_file) == PATHS
    for path, revisions in by_file.items():
        assert len(revisions) == len(git(repo, "log", "--format=%H", "--", path).split())


def test_each_file_has_v_distinct_effective_dates(by_file: dict[str, list[Revision]]) -> None:
    """Each file has V effective dates, rising; the last one or two after --as-of."""
    for revisions in by_file.values():
        dates = [effective(r) for r in revisions]
        assert dates == sorted(dates)
        distinct = sorted(set(dates))
        assert len(distinct) >= V
        future = [d for d in distinct if d > DEFAULT_AS_OF]
        assert 1 <= len(future) <= 2
        assert all(r.committed.date() < DEFAULT_AS_OF for r in revisions)


def test_formatting_only_commits_change_nothing_a_reader_sees(
    by_file: dict[str, list[Revision]],
) -> None:
    """Formatting commits change the file's bytes but not its text; corrections keep the date."""
    formatting = corrections = 0
    for revisions in by_file.values():
        for old, new in itertools.pairwise(revisions):
            diff = diff_documents(
                parse_document(old.text, path=old.path), parse_document(new.text, path=new.path)
            )
            if new.message.startswith("Format"):
                formatting += 1
                assert old.text != new.text
                assert diff.is_empty, new.message
            elif new.message.startswith("Correct"):
                corrections += 1
                assert effective(old) == effective(new)
                assert diff.text_changed, new.message
    assert formatting > 0
    assert corrections > 0


def test_same_seed_same_repository(tmp_path: Path) -> None:
    """The same arguments give the same commits; another seed gives others."""
    heads = [
        git(
            generate(tmp_path / name, policies=1, languages=2, versions=2, words=100, seed=s),
            "rev-parse",
            "HEAD",
        )
        for name, s in (("a", 3), ("b", 3), ("c", 4))
    ]
    assert heads[0] == heads[1] != heads[2]


def test_run_quick_prints_every_row() -> None:
    """run.py --quick --repeat 1 exits 0 and its table has every row, each with six cells."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("Machine: ")
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    labels = [
        "cold build",
        "history extraction",
        "rebuild after one amendment",
        "diff engine vs difflib",
        "diff engine vs redlines",
        "peak RSS of the cold build",
    ]
    assert len(rows) == 1 + len(labels)
    for row, label in zip(rows[1:], labels, strict=True):
        assert row.startswith(f"| {label}")
        assert row.count(" | ") == 5
