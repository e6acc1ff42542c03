"""The benchmark harness: a tiny synthetic repository is what it claims, and run.py reports."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from benchmarks.generate import DEFAULT_AS_OF, generate, git_env
from generator.config.loading import load_config
from generator.diff import diff_documents
from generator.document import parse_document
from generator.history.repository import Revision, read_history

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


def test_run_quick_measures_every_shape_and_every_row(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """run.py --quick: a row per shape with its ratios and shares, then every single row,
    and a row provider plugged into ROW_PROVIDERS gets the shapes it measured."""
    from benchmarks import run
    from benchmarks.model import SCALES, Context, Row

    def policy_files(context: Context) -> list[Row]:
        files = len(git(context.first.repo, "ls-files", "policies").split())
        return [("policy files", str(files), "–", "–", "none", "–")]

    monkeypatch.setattr(run, "ROW_PROVIDERS", [*run.ROW_PROVIDERS, policy_files])
    run.main(["--quick", "--repeat", "1"])
    out = capsys.readouterr().out
    assert out.startswith("Machine: ")
    tables = [
        [line for line in block.splitlines() if line.startswith("| ")]
        for block in out.split("\n\n")
        if block.startswith("| ")
    ]
    assert len(tables) == 2
    shapes, singles = tables
    assert len(shapes) == 1 + len(SCALES["quick"])
    for row, shape in zip(shapes[1:], SCALES["quick"], strict=True):
        cells = row.strip("| ").split(" | ")
        assert cells[0] == shape.label
        assert len(cells) == 10
        pages = re.fullmatch(r"([\d,]+) \((\d+)%\)", cells[1])
        assert pages is not None
        assert int(pages.group(1).replace(",", "")) > 0
        assert 0 < int(pages.group(2)) < 100  # comparisons among the pages
        assert re.fullmatch(r"\d+\.\d\d× (yes|\*\*no\*\*).*", cells[4])
        assert re.fullmatch(r"\d+\.\d\d×", cells[5])
        model = re.fullmatch(r"(\d+)%", cells[6])
        assert model is not None
        assert 0 < int(model.group(1)) < 100  # read from the build's --verbose lines
        assert re.fullmatch(r"[+-]\d+% (yes|\*\*no\*\*)", cells[7])
    labels = [
        "history extraction",
        "diff engine vs difflib",
        "diff engine vs redlines",
        "peak RSS of the cold build",
        "policy files",
    ]
    assert len(singles) == 1 + len(labels)
    for row, label in zip(singles[1:], labels, strict=True):
        assert row.startswith(f"| {label}")
        assert row.count(" | ") == 5
    first = SCALES["quick"][0]
    files = first.policies * first.languages
    assert singles[-1] == f"| policy files | {files} | – | – | none | – |"


def test_a_shape_is_four_numbers() -> None:
    """--shape P,L,V,W gives the shapes measured; -P alone changes the first shape only."""
    from benchmarks.model import Shape
    from benchmarks.run import parse_args

    args = parse_args(["--shape", "10,2,10,2000", "--shape", "5,3,40,4000"])
    assert args.shapes == (Shape(10, 2, 10, 2000), Shape(5, 3, 40, 4000))
    assert parse_args(["--quick", "-P", "4"]).shapes == (Shape(4, 2, 3, 200),)
    with pytest.raises(SystemExit):
        parse_args(["--shape", "10,2,10"])


def test_site_size_measures_and_extrapolates(tmp_path: Path) -> None:
    """The size benchmark builds a tiny repository, adds up its files by kind and
    extrapolates the 20-language × 70-policy site kind by kind."""
    from benchmarks.site_size import FULL, extrapolated, size_rows

    rows, size = size_rows(tmp_path, policies=1, languages=2, versions=2, words=80)
    assert size.total == sum(size.kinds.values()) > 0
    assert rows[0][0] == "site size, P=1 L=2 V=2 W=80"
    assert rows[-1][0].startswith(f"site size, P={FULL[0]} L={FULL[1]}")
    assert rows[-1][5] in ("yes", "**no**")
    whole = extrapolated(size, 1, 2)
    assert whole.kinds["theme files"] == size.kinds["theme files"] * FULL[1] // 2
    assert whole.kinds["version pages"] == size.kinds["version pages"] * FULL[0] * FULL[1] // 2
