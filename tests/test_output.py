"""The output folder: replaced whole or not at all, locked, cleaned after a killed build,
and every OS error a short message."""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.errors import BuildError, DocumentError
from generator.cli import main
from generator.output import part_writer
from generator.output.folder import wait_for_removals
from generator.output.part_plan import PartsRun
from generator.output.part_writer import PartWritten
from generator.site.parts import Part, Unit

from .conftest import Commit, git, policy

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def run_build(repo: Path, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``policy-site build`` in another process (so that it can be killed)."""
    command = [sys.executable, "-m", "generator.cli", "build", "--config"]
    command += [str(repo / "site_config.yml"), "--output", str(out), "--as-of", "2024-06-01"]
    return subprocess.run(
        command, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )


def leftovers(out: Path) -> list[str]:
    """Staging, scratch and set-aside folders beside the output, once the previous sites
    that builds discarded are removed (by processes of their own, which a build does not
    wait for: here they are waited for, up to a generous bound)."""
    wait_for_removals()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and any(
        p.name.startswith(f".{out.name}.trash-") for p in out.parent.iterdir()
    ):
        time.sleep(0.1)
    return sorted(
        p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.is_dir()
    )


@pytest.fixture(scope="module")
def sites(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A repository whose site was built (old), then amended; and the amended site (new)."""
    from .conftest import make_repo

    root = tmp_path_factory.mktemp("output")
    repo = make_repo(
        root / "repo", [Commit("2024-01-01", {EN: policy("2024-02-01", "## A\n\nOld.\n")})]
    )
    old_out = root / "old"
    assert run_build(repo, old_out).returncode == 0
    (repo / EN).write_text(policy("2024-05-01", "## A\n\nNew.\n"), encoding="utf-8")
    git(repo, "commit", "-qam", "Amend", date="2024-03-01")
    new_out = root / "new"
    assert run_build(repo, new_out).returncode == 0
    return repo, tree(old_out), tree(new_out)


@pytest.mark.parametrize(
    ("step", "swap"),
    [("writing", ""), ("staged", ""), ("exchanged", ""), ("staged", "rename")],
)
def test_a_killed_build_leaves_a_whole_site_and_the_next_build_cleans_up(
    sites: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path, step: str, swap: str
) -> None:
    """Killed (SIGKILL) at each step of the swap, the output is the whole old or the whole
    new site; the next build leaves no staging folder behind."""
    repo, old, new = sites
    out = tmp_path / "site"
    for rel, data in old.items():  # the previously published site
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    killed = run_build(repo, out, POLICY_SITE_FAULT=step, POLICY_SITE_SWAP=swap)
    assert killed.returncode == -9, killed.stderr
    assert tree(out) in (old, new)
    assert leftovers(out)  # the killed build could not clean up
    assert run_build(repo, out).returncode == 0
    assert tree(out) == new
    assert leftovers(out) == []


def test_a_build_killed_between_the_two_renames_is_put_right_by_the_next(
    sites: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    """Where folders cannot be exchanged atomically, a kill between the two renames leaves
    the old site whole beside the output; the next build puts it back, then replaces it."""
    repo, old, new = sites
    out = tmp_path / "site"
    for rel, data in old.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    killed = run_build(repo, out, POLICY_SITE_FAULT="renamed-aside", POLICY_SITE_SWAP="rename")
    assert killed.returncode == -9
    (aside,) = [p for p in out.parent.iterdir() if p.name.startswith(".site.old-")]
    assert tree(aside) == old
    assert run_build(repo, out, POLICY_SITE_SWAP="rename").returncode == 0
    assert tree(out) == new
    assert leftovers(out) == []


def test_a_second_build_waits_for_the_first_then_gives_up(
    sites: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    """While another build holds the lock, a build waits; past --lock-timeout it fails
    with a message; once the lock is free it goes ahead."""
    repo, _old, new = sites
    out = tmp_path / "site"
    lock = os.open(tmp_path / ".site.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        command = [sys.executable, "-m", "generator.cli", "build", "--config"]
        command += [str(repo / "site_config.yml"), "--output", str(out), "--as-of", "2024-06-01"]
        refused = subprocess.run(
            [*command, "--lock-timeout", "0.5"], capture_output=True, text=True, check=False
        )
        waiting = subprocess.Popen(
            [*command, "--lock-timeout", "60"], stderr=subprocess.PIPE, text=True
        )
        time.sleep(1.0)
        assert waiting.poll() is None  # still waiting for the lock
    finally:
        os.close(lock)
    assert waiting.wait(timeout=120) == 0
    assert refused.returncode == 1
    assert "another build of" in refused.stderr
    assert "--lock-timeout" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert tree(out) == new


def test_stale_folders_of_killed_builds_are_removed(
    sites: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    """Folders left by earlier killed builds (staging, scratch, set aside, a discarded site
    whose removal was stopped) are removed."""
    repo, _old, _new = sites
    out = tmp_path / "site"
    for name in (".site.new-abc", ".site.work-def", ".site.old-123", ".site.trash-456"):
        (tmp_path / name / "junk").mkdir(parents=True)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    assert run_build(repo, out, TMPDIR=str(scratch)).returncode == 0
    assert leftovers(out) == []
    assert list(scratch.iterdir()) == []  # nothing left in the temporary folder either


def test_the_previous_site_is_removed_by_a_process_of_its_own(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """A rebuild swaps the new site in and hands the previous one to a process of its own
    (the build does not wait for its files to be deleted); once it ends, nothing is left."""
    from generator.commands.build import build
    from generator.output import folder

    repo = repo_factory([Commit("2024-01-01", {EN: policy("2024-02-01", "## A\n\nText.\n")})])
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, dt.date(2024, 6, 1))
    wait_for_removals()
    build(repo / "site_config.yml", out, dt.date(2024, 6, 1))
    (removing,) = folder._REMOVING
    arguments = removing.args
    assert isinstance(arguments, list)
    assert str(arguments[-1]).startswith(str(tmp_path / ".site.trash-"))
    assert leftovers(out) == []
    assert (out / "en" / "privacy" / "index.html").is_file()


def test_output_inside_a_file_is_a_message_not_a_traceback(
    sites: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    """--output file.txt/sub: exit 1, the path and what to do, no traceback."""
    repo, _old, _new = sites
    (tmp_path / "file.txt").write_text("not a folder", encoding="utf-8")
    result = run_build(repo, tmp_path / "file.txt" / "sub")
    assert result.returncode == 1
    assert "file.txt" in result.stderr
    assert "choose another" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EACCES, "may write"), (errno.EROFS, "read-only"), (errno.ENOSPC, "disk space")],
)
def test_write_errors_say_what_to_do(
    sites: tuple[Path, dict[str, bytes], dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    words: str,
) -> None:
    """A folder that cannot be written (permissions, read-only disk, full disk): one or two
    lines naming the path, exit 1; --debug adds the traceback."""
    repo, _old, _new = sites

    def refuse(*args: object, **kwargs: object) -> str:
        raise OSError(code, os.strerror(code), str(tmp_path))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    argv = ["build", "--config", str(repo / "site_config.yml"), "--output", str(tmp_path / "site")]
    assert main([*argv, "--as-of", "2024-06-01"]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path) in err
    assert words in err
    assert "Traceback" not in err
    assert main([*argv, "--as-of", "2024-06-01", "--debug"]) == 1
    assert "Traceback" in capsys.readouterr().err


def _parts(count: int) -> list[Part]:
    return [Part("en", (Unit("en", f"p{n}", 1),)) for n in range(count)]


def _run(tmp_path: Path) -> PartsRun:
    return PartsRun(None, {}, {}, tmp_path, tmp_path, "")  # type: ignore[arg-type]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_each_part_is_built_in_a_process_of_its_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A worker builds one part and ends, so what a part leaves behind never adds to the
    next one's memory; results come back in the order of the parts."""

    def built(run: PartsRun, part: Part, index: int) -> PartWritten:
        return PartWritten(part.units[0].policy, {"pid": str(os.getpid())}, index, 0)

    monkeypatch.setattr(part_writer, "write_part", built)
    finished: list[str] = []
    results = part_writer.write_parts(
        _run(tmp_path),
        _parts(5),
        parallel=True,
        done=lambda part, _written: finished.append(part.units[0].policy),
    )
    assert [r.lang for r in results] == ["p0", "p1", "p2", "p3", "p4"]
    assert sorted(finished) == ["p0", "p1", "p2", "p3", "p4"]
    pids = {r.prints["pid"] for r in results}
    assert len(pids) == 5
    assert str(os.getpid()) not in pids


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_a_part_that_fails_or_dies_stops_the_build_with_a_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An error in a worker is raised in the build as it was; a worker that dies without a
    word (killed, out of memory) is a BuildError, not a hang or a traceback."""

    def fails(run: PartsRun, part: Part, index: int) -> PartWritten:
        raise DocumentError("this text cannot be built", file="policies/p/en.md", line=3)

    monkeypatch.setattr(part_writer, "write_part", fails)
    with pytest.raises(DocumentError, match="cannot be built") as caught:
        part_writer.write_parts(_run(tmp_path), _parts(3), parallel=True, done=lambda *_: None)
    assert caught.value.line == 3

    def dies(run: PartsRun, part: Part, index: int) -> PartWritten:
        os._exit(9)

    monkeypatch.setattr(part_writer, "write_part", dies)
    with pytest.raises(BuildError, match="stopped unexpectedly"):
        part_writer.write_parts(_run(tmp_path), _parts(3), parallel=True, done=lambda *_: None)
