"""How policy-site copes with a long archive: ``init``, ``check`` and ``build`` on the
repository of ``benchmarks/archive.py``, at its size and with twice its history.

Run from the repository root (after ``pip install -e '.[test]'``)::

    python benchmarks/archive_bench.py                     # 1× and 2× (hours on 2 cores)
    python benchmarks/archive_bench.py --history 1         # 1× only
    python benchmarks/archive_bench.py -D 20 -R 6 -C 12 -K 20 --no-bare   # a few minutes

For each length of history it writes the archive (``--history`` times the commits and
revisions of the same documents) and runs, as a new user would, each as a subprocess:

- ``policy-site init`` (which writes the ``site_config.yml`` the next two read);
- ``policy-site check`` (exit 1 when it finds problems is fine: they are reported);
- a cold ``policy-site build`` (no content cache, no previous site).

For each: the peak memory of every process it starts, added up (the proportional set size
read from ``/proc`` every 50 ms, so pages that forked workers share count once), the peak
of its largest single process (``os.wait4``), wall and CPU time; and two floors measured in
the same run: git alone (``git log --raw`` plus every distinct blob through one
``cat-file --batch``) and, for ``build``, a bare mkdocs-material build of as many pages of
as many words. Progress goes to stderr; stdout is the machine, the archives and the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.archive import (  # noqa: E402 (after the path: run from a checkout)
    WORD_BYTES,
    ArchiveShape,
    Written,
    add_shape_arguments,
    generate_archive,
    shape_from,
)
from benchmarks.generate import DEFAULT_AS_OF  # noqa: E402
from benchmarks.measure import (  # noqa: E402
    CACHE_DIR,
    GitFloor,
    Process,
    bare_build,
    bare_project,
    pages_per_language,
    raw_git_floor,
    run_process,
)
from benchmarks.model import Row  # noqa: E402
from benchmarks.report import machine, progress, seconds, table, verdict  # noqa: E402

GIB = 1024**3
MIB = 1024**2
#: Peak memory targets of check and build: at the archive's size, and with twice its history.
TARGETS = {1.0: GIB, 2.0: 1.5 * GIB}


@dataclass(frozen=True)
class ArchiveRun:
    """Everything measured on one archive."""

    history: float
    """How many times the base shape's history it holds."""
    written: Written
    floor: GitFloor
    init: Process
    check: Process
    build: Process
    bare: Process | None
    pages: int


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator.cli", *args]


def _timed(label: str, result: Process) -> Process:
    progress(
        f"  {label}: {result.seconds:.1f} s ({result.cpu_seconds:.1f} s CPU), process tree "
        f"{result.tree_pss / MIB:,.0f} MiB (largest process {result.max_rss / MIB:,.0f} MiB)"
    )
    return result


def measure_archive(
    shape: ArchiveShape, history: float, work: Path, seed: int, as_of: dt.date, bare: bool
) -> ArchiveRun:
    """Write the archive with ``history`` times ``shape``'s history and measure it."""
    longer = shape.longer(history)
    progress(f"Writing the archive {longer.label} in {work}")
    started = time.perf_counter()
    written = generate_archive(work / "archive", longer, seed, as_of)
    repo = written.path
    progress(
        f"  {written.commits:,} commits, {written.revisions:,} revisions, "
        f"{written.text_bytes / MIB:,.0f} MiB of text ({time.perf_counter() - started:.0f} s)"
    )
    floor = raw_git_floor(repo, ".")
    progress(f"  git floor: {floor.seconds:.2f} s ({floor.cpu_seconds:.2f} s CPU)")
    init = _timed("init", run_process(_command("init", str(repo)), cwd=repo))
    config = str(repo / "site_config.yml")
    day = as_of.isoformat()
    check = _timed(
        "check", run_process(_command("check", "--config", config, "--as-of", day), repo, (0, 1))
    )
    output = work / "site"
    shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)
    command = _command("build", "--verbose", "--config", config, "--output", str(output))
    build = _timed("build", run_process([*command, "--as-of", day], cwd=repo))
    counts = pages_per_language(output, ["en"])
    baseline = None
    if bare:
        words = int(shape.kilobytes * 1024 / WORD_BYTES)
        project = bare_project(work / "bare", repo, counts, min(shape.documents, 10), words, seed)
        baseline = _timed("bare mkdocs-material", bare_build(project))
        shutil.rmtree(work / "bare", ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    return ArchiveRun(history, written, floor, init, check, build, baseline, sum(counts.values()))


def _memory(process: Process) -> str:
    return f"{process.tree_pss / MIB:,.0f} MiB ({process.max_rss / MIB:,.0f} MiB)"


def archive_rows(runs: Sequence[ArchiveRun]) -> list[tuple[str, ...]]:
    """The table: per archive and command, memory, times and ratios; then the growth."""
    rows: list[tuple[str, ...]] = [
        (
            "archive",
            "command",
            "peak memory: every process (largest one)",
            "target",
            "wall",
            "CPU",
            "wall / git floor",
            "wall / bare mkdocs-material",
        )
    ]
    for run in runs:
        label = f"{run.history:g}×: {run.written.commits:,} commits, {run.written.revisions:,} revisions"
        target = TARGETS.get(run.history)
        for name, process in (("init", run.init), ("check", run.check), ("build", run.build)):
            judged = name != "init" and target is not None
            goal = f"< {target / GIB:g} GiB" if judged and target else "none"
            met = f" {verdict(process.tree_pss < target)}" if judged and target else ""
            note = " (exit 1: problems found)" if process.returncode == 1 else ""
            versus_bare = "–"
            if name == "build" and run.bare is not None:
                versus_bare = f"{process.seconds / run.bare.seconds:.2f}× (bare: {seconds(run.bare.seconds)}, {run.pages:,} pages)"
            rows.append(
                (
                    label,
                    name + note,
                    _memory(process) + met,
                    goal,
                    seconds(process.seconds),
                    seconds(process.cpu_seconds),
                    f"{process.seconds / run.floor.seconds:,.1f}× (git: {seconds(run.floor.seconds)})",
                    versus_bare,
                )
            )
    if len(runs) >= 2:
        first, last = runs[0], runs[-1]
        factor = f"{last.history / first.history:g}× the history"
        for name in ("init", "check", "build"):
            before, after = getattr(first, name), getattr(last, name)
            rows.append(
                (
                    f"growth, {factor}",
                    name,
                    f"{after.tree_pss / before.tree_pss:.2f}× memory",
                    "–",
                    f"{after.seconds / before.seconds:.2f}× time",
                    f"{after.cpu_seconds / before.cpu_seconds:.2f}× CPU",
                    f"git floor: {last.floor.seconds / first.floor.seconds:.2f}×",
                    "–",
                )
            )
    return rows


def benchmark(args: argparse.Namespace, work: Path) -> str:
    """Measure every length of history asked for; return the report."""
    shape = shape_from(args)
    runs = []
    for n, history in enumerate(args.history):
        runs.append(
            measure_archive(shape, history, work / f"h{n}", args.seed, args.as_of, not args.no_bare)
        )
        shutil.rmtree(work / f"h{n}", ignore_errors=True)
    lines = [machine()]
    lines += [
        f"Archive {shape.longer(run.history).label} ({run.history:g}× the history), seed "
        f"{args.seed}: {run.written.documents:,} documents, {run.written.commits:,} commits, "
        f"{run.written.revisions:,} distinct revisions of {run.written.text_bytes / run.written.revisions / 1024:.1f} KB "
        f"on average ({run.written.text_bytes / MIB:,.0f} MiB), one language; {run.pages:,} pages built."
        for run in runs
    ]
    lines += [
        f"Checked and built as of {args.as_of.isoformat()}; one run of each.",
        "",
        table(archive_rows(runs)),
    ]
    return "\n".join(lines)


def rows_for(args: argparse.Namespace, work: Path) -> list[Row]:
    """The rows ``run.py --with-archive`` adds to its second table: build and check at each
    length of history (measure, ours, baseline, ratio, target, met)."""
    shape = shape_from(args)
    rows: list[Row] = []
    for n, history in enumerate(args.history):
        run = measure_archive(shape, history, work / f"h{n}", args.seed, args.as_of, True)
        target = TARGETS.get(history, 1.5 * GIB)
        for name, process in (("check", run.check), ("build", run.build)):
            rows.append(
                (
                    f"archive {history:g}× ({run.written.commits:,} commits): {name}, peak memory of every process",
                    f"{process.tree_pss / MIB:,.0f} MiB",
                    f"largest process: {process.max_rss / MIB:,.0f} MiB",
                    "–",
                    f"< {target / GIB:g} GiB",
                    verdict(process.tree_pss < target),
                )
            )
        assert run.bare is not None
        rows.append(
            (
                f"archive {history:g}×: build time",
                seconds(run.build.seconds),
                f"git floor {seconds(run.floor.seconds)}; bare mkdocs-material {seconds(run.bare.seconds)}",
                f"{run.build.seconds / run.bare.seconds:.2f}× bare",
                "none",
                "–",
            )
        )
        shutil.rmtree(work / f"h{n}", ignore_errors=True)
    return rows


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_shape_arguments(parser)
    parser.add_argument(
        "--history",
        type=float,
        action="append",
        help="a history this many times as long, same documents (repeatable; default 1 and 2)",
    )
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        default=DEFAULT_AS_OF,
        help=f"the day to check and build for ({DEFAULT_AS_OF.isoformat()})",
    )
    parser.add_argument("--no-bare", action="store_true", help="skip the bare MkDocs build")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep what is left")
    args = parser.parse_args(argv)
    args.history = args.history or [1.0, 2.0]
    return args


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print the report."""
    args = parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        print(benchmark(args, args.keep.resolve()))
        return
    with tempfile.TemporaryDirectory(prefix="policy-site-archive-") as work:
        print(benchmark(args, Path(work)))


if __name__ == "__main__":
    main()
