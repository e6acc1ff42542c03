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


def _tables(out: str) -> list[list[str]]:
    """The Markdown tables of a report: the header, then each row (the rule left out)."""
    return [
        [line for line in block.splitlines() if line.startswith("| ")]
        for block in out.split("\n\n")
        if block.startswith("| ")
    ]


def _cells(row: str) -> list[str]:
    return row.strip("| ").split(" | ")


def test_run_quick_measures_every_shape_and_every_row(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """run.py --quick: a row per shape with its ratios and shares (rebuilds after an
    amendment and with nothing new), the scale table saying what was skipped, then every
    single row; a row provider plugged into ROW_PROVIDERS gets the shapes it measured."""
    from benchmarks import run
    from benchmarks.model import SCALES, Context, Row

    def policy_files(context: Context) -> list[Row]:
        files = len(git(context.first.repo, "ls-files", "policies").split())
        return [("policy files", str(files), "–", "–", "none", "–")]

    monkeypatch.setattr(run, "ROW_PROVIDERS", [*run.ROW_PROVIDERS, policy_files])
    run.main(["--quick", "--repeat", "1", "--no-languages", "--no-shards", "--no-pdf"])
    out = capsys.readouterr().out
    assert out.startswith("Machine: ")
    tables = _tables(out)
    assert len(tables) == 3
    shapes, scale, singles = tables
    assert len(shapes) == 1 + len(SCALES["quick"])
    for row, shape in zip(shapes[1:], SCALES["quick"], strict=True):
        cells = _cells(row)
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
        for cell in cells[8:]:  # the rebuilds: seconds, then the ratio to the cold build
            assert re.fullmatch(r"[\d.]+ m?s: \d+\.\d\d× (yes|\*\*no\*\*)", cell)
    assert [_cells(row)[0] for row in scale[1:]] == [s.label for s in SCALES["quick"]]
    assert all(_cells(row)[3:] == ["not measured"] * 4 for row in scale[1:])
    labels = [
        "history extraction",
        "diff engine vs difflib",
        "diff engine vs redlines",
        "peak memory of the cold build",
        "policy files",
    ]
    assert len(singles) == 1 + len(labels)
    for row, label in zip(singles[1:], labels, strict=True):
        assert row.startswith(f"| {label}")
        assert row.count(" | ") == 5
    first = SCALES["quick"][0]
    files = first.policies * first.languages
    assert singles[-1] == f"| policy files | {files} | – | – | none | – |"


def test_scale_measures_languages_and_shards(tmp_path: Path) -> None:
    """scale.py: cold builds at 3 and 10 languages with the memory of every process, and
    4 shards from an empty and a warm cache, each against one build in the same state."""
    from benchmarks.model import Shape
    from benchmarks.scale import language_cells, languages, shard_cells, sharded

    found = languages(Shape(1, 3, 2, 80), tmp_path / "languages", SEED, DEFAULT_AS_OF)
    assert found.three.tree_pss > 0
    assert found.ten.tree_pss > 0
    assert found.three.processes >= 2  # the build, its git cat-file, its workers
    assert re.fullmatch(r"[+-]\d+% (yes|\*\*no\*\*)", language_cells(found)[2])
    repo = generate(
        tmp_path / "repo",
        policies=2,
        languages=1,
        versions=2,
        words=80,
        seed=SEED,
        pending_amendment=True,
    )
    base = git(repo, "rev-parse", "HEAD").strip()
    split = sharded(repo, tmp_path / "shards", DEFAULT_AS_OF, base)
    assert len(split.shards_cold) == len(split.shards_warm) == 4
    assert split.assemble.returncode == 0
    assert split.cold_ratio > 0
    assert split.warm_ratio > 0
    for cell in shard_cells(split):
        assert re.fullmatch(r"[\d.]+ m?s / [\d.]+ m?s = \d+\.\d\d× (yes|\*\*no\*\*)", cell)
    assert git(repo, "rev-parse", "HEAD").strip() == base  # left at its base commit


def test_pdf_stage_is_measured_against_weasyprint_alone(tmp_path: Path) -> None:
    """pdf_bench.py: the cold build's PDF stage and WeasyPrint alone on the same versions'
    HTML, as many PDFs each; the configuration is left as it was."""
    from benchmarks.pdf_bench import floor_row, stage_and_floor

    repo = generate(tmp_path / "repo", policies=1, languages=1, versions=2, words=80, seed=SEED)
    config = (repo / "site_config.yml").read_text(encoding="utf-8")
    found = stage_and_floor(repo, tmp_path, DEFAULT_AS_OF)
    assert found.pdfs == 2
    assert found.stage > 0
    assert found.floor > 0
    assert found.floor_cpu > 0
    assert (repo / "site_config.yml").read_text(encoding="utf-8") == config
    assert floor_row(found)[0].startswith("PDF stage of a cold build (2 PDFs)")


def test_a_shape_is_four_numbers() -> None:
    """--shape P,L,V,W gives the shapes measured; -P alone changes the first shape only."""
    from benchmarks.model import Shape
    from benchmarks.run import parse_args

    args = parse_args(["--shape", "10,2,10,2000", "--shape", "5,3,40,4000"])
    assert args.shapes == (Shape(10, 2, 10, 2000), Shape(5, 3, 40, 4000))
    assert parse_args(["--quick", "-P", "4"]).shapes == (Shape(4, 2, 3, 200),)
    with pytest.raises(SystemExit):
        parse_args(["--shape", "10,2,10"])


ARCHIVE = (8, 5, 10, 6.0)  # documents, revisions and commits per document, kilobytes


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny archive written by the command line of benchmarks/archive.py."""
    path = tmp_path_factory.mktemp("archive") / "repo"
    documents, revisions, commits, kilobytes = ARCHIVE
    sizes = ["-D", str(documents), "-R", str(revisions), "-C", str(commits), "-K", str(kilobytes)]
    command = [sys.executable, str(ROOT / "benchmarks" / "archive.py"), str(path), *sizes]
    subprocess.run(command, check=True, capture_output=True)
    return path


def test_archive_has_the_shape_asked_for(archive: Path) -> None:
    """D documents in service folders, no configuration and no front matter; C commits per
    document, more than the distinct revisions (a page flips back to a text seen before),
    of about K kilobytes; most texts state their date in a line."""
    documents, revisions, commits, kilobytes = ARCHIVE
    assert not (archive / "site_config.yml").exists()
    log = git(archive, "log", "--raw", "--no-abbrev", "--format=%x00%s", "-M")
    subjects = [entry for entry in log.split("\x00") if entry.strip()]
    moved = sum(1 for s in subjects if "new name" in s or "is gone" in s)
    assert len(subjects) == documents * commits + moved + 1  # and "Start the archive"
    blobs = set(re.findall(r":\d{6} 100644 [0-9a-f]{40} ([0-9a-f]{40}) [AMR]", log))
    readme = git(archive, "rev-parse", "HEAD:README.md").strip()
    texts = blobs - {readme}
    assert 0.9 * documents * revisions <= len(texts) <= documents * revisions
    sizes = [int(git(archive, "cat-file", "-s", blob)) for blob in sorted(texts)[:20]]
    assert 0.5 * kilobytes * 1024 < sum(sizes) / len(sizes) < 2 * kilobytes * 1024
    files = [p for p in git(archive, "ls-files").splitlines() if p != "README.md"]
    assert all(p.count("/") == 1 and p.endswith(".md") for p in files)
    dated = 0
    for path in files:
        text = (archive / path).read_text(encoding="utf-8")
        assert not text.startswith("---")
        assert text.startswith("# ")
        dated += bool(re.search(r"^(Last updated|Effective date): ", text, re.MULTILINE))
    assert dated >= len(files) // 2


def test_same_seed_same_archive(tmp_path: Path) -> None:
    """The same arguments write the same commits; another seed writes others."""
    from benchmarks.archive import ArchiveShape, generate_archive

    shape = ArchiveShape(3, 3, 5, 3.0)
    heads = [
        git(generate_archive(tmp_path / name, shape, seed=s).path, "rev-parse", "HEAD")
        for name, s in (("a", 2), ("b", 2), ("c", 3))
    ]
    assert heads[0] == heads[1] != heads[2]


def test_archive_bench_runs_init_check_and_build(tmp_path: Path) -> None:
    """archive_bench.py: init writes a configuration that check passes and build builds, and
    each is measured (memory of every process, wall and CPU time) against the git floor, at
    the archive's size and with twice its history."""
    from benchmarks.archive import ArchiveShape
    from benchmarks.archive_bench import archive_rows, measure_archive

    shape = ArchiveShape(4, 3, 6, 3.0)
    runs = [
        measure_archive(shape, history, tmp_path / f"h{history:g}", SEED, DEFAULT_AS_OF, False)
        for history in (1.0, 2.0)
    ]
    for run in runs:
        assert run.written.commits > run.written.revisions
        assert run.check.returncode == 0
        assert run.pages > 0
        for process in (run.init, run.check, run.build):
            assert process.tree_pss > 0
            assert process.cpu_seconds > 0
        assert run.floor.blobs >= run.written.revisions
    assert runs[1].written.commits > 1.8 * runs[0].written.commits
    rows = archive_rows(runs)
    assert [row[1] for row in rows[1:4]] == ["init", "check", "build"]
    assert rows[2][3] == "< 1 GiB"
    assert rows[5][3] == "< 1.5 GiB"
    assert [row[0] for row in rows[-3:]] == ["growth, 2× the history"] * 3


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
