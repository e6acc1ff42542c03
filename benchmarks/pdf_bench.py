"""What do PDFs (``pdf: true``) add to a build? One table.

Run from the repository root (after ``pip install -e '.[test]'``, which brings WeasyPrint)::

    python benchmarks/pdf_bench.py                 # P=20, L=3, V=15, W=3000 (the default size)
    python benchmarks/pdf_bench.py -P 3 -V 5       # a smaller shape
    python benchmarks/pdf_bench.py --quick         # tiny sizes: a smoke run

It writes the synthetic repository of ``benchmarks/generate.py`` (same size options) and
times ``policy-site build`` as a subprocess, each figure the median of ``--repeat`` runs:

- cold builds (content cache deleted) without and with ``pdf: true``: what the PDFs add,
  against the cold build without them (target ≤ 1.0×);
- rebuilds into the same folder with nothing new committed, cache kept, without and with
  PDFs: what the PDFs add when no version changed (target 0: every PDF comes from the cache);
- the PDF stage of the cold build (its ``pdfs`` progress line: making each version's print
  copy, the cache, laying out in one process per core) against WeasyPrint alone laying out
  the same HTML in as many processes (``benchmarks/pdf_floor.py``), in the same run
  (target ≤ 1.15×). ``run.py`` measures this row on every shape (:func:`stage_and_floor`).

Progress goes to stderr; stdout is the machine, the repository and the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import add_size_arguments, generate, git_env  # noqa: E402
from benchmarks.measure import (  # noqa: E402
    CACHE_DIR,
    Process,
    environment,
    policy_site_build,
    run_process,
    script,
    stage_seconds,
)
from benchmarks.model import SCALES  # noqa: E402
from benchmarks.report import machine, progress, seconds, table, verdict  # noqa: E402


@dataclass(frozen=True)
class Timing:
    """A build's wall time and CPU time (user + system, its worker processes included): on
    a busy machine the CPU time says more about the work than the wall time."""

    wall: float
    cpu: float


def build(repo: Path, output: Path, args: argparse.Namespace, label: str) -> Timing:
    """``policy-site build`` of ``repo`` into ``output`` as a subprocess, timed."""
    command = [*script("policy-site", "generator.cli"), "build", "--output", str(output)]
    command += ["--config", str(repo / "site_config.yml"), "--as-of", args.as_of.isoformat()]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=repo, env=git_env(), stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed")
    timing = Timing(time.perf_counter() - start, usage.ru_utime + usage.ru_stime)
    progress(f"  {label}: {timing.wall:.2f} s, CPU {timing.cpu:.2f} s")
    return timing


def _builds(repo: Path, output: Path, args: argparse.Namespace, pdf: bool) -> tuple[Timing, Timing]:
    """Median timings of a cold build and of a rebuild with nothing new, with or without PDFs."""
    config = repo / "site_config.yml"
    plain = config.read_text(encoding="utf-8")
    config.write_text(plain + ("pdf: true\n" if pdf else ""), encoding="utf-8")
    cold: list[Timing] = []
    again: list[Timing] = []
    label = "with PDFs" if pdf else "without PDFs"
    try:
        for _ in range(args.repeat):
            shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)
            shutil.rmtree(output, ignore_errors=True)
            cold.append(build(repo, output, args, f"cold build {label}"))
            again.append(build(repo, output, args, f"rebuild {label}"))
    finally:
        config.write_text(plain, encoding="utf-8")

    def middle(timings: list[Timing]) -> Timing:
        return Timing(
            statistics.median([t.wall for t in timings]),
            statistics.median([t.cpu for t in timings]),
        )

    return middle(cold), middle(again)


#: The PDF stage against WeasyPrint alone on the same HTML.
FLOOR_TARGET = 1.15


@dataclass(frozen=True)
class StageAndFloor:
    """The PDF stage of a cold build, and WeasyPrint alone on the same HTML."""

    build: Process
    """The cold build with ``pdf: true``."""
    stage: float
    """Wall seconds of its ``pdfs`` stage."""
    floor: float
    """Wall seconds WeasyPrint alone took."""
    floor_cpu: float
    pdfs: int

    @property
    def ratio(self) -> float:
        """The stage against the floor."""
        return self.stage / self.floor


def stage_and_floor(repo: Path, work: Path, as_of: dt.date) -> StageAndFloor:
    """A cold build of ``repo`` with ``pdf: true``, its PDF stage timed, then WeasyPrint
    alone on the same versions' HTML (the configuration is restored after)."""
    config = repo / "site_config.yml"
    plain = config.read_text(encoding="utf-8")
    config.write_text(plain + "pdf: true\n", encoding="utf-8")
    try:
        built = policy_site_build(repo, work / "pdf-site", as_of, cold=True)
        command = [sys.executable, "-m", "benchmarks.pdf_floor", str(config), as_of.isoformat()]
        measured = run_process(command, cwd=ROOT, env=environment())
    finally:
        config.write_text(plain, encoding="utf-8")
        shutil.rmtree(work / "pdf-site", ignore_errors=True)
        shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)
    figures = json.loads(measured.stdout.strip().splitlines()[-1])
    stage = stage_seconds(built).get("pdfs", 0.0)
    progress(
        f"  PDF stage: {stage:.1f} s; WeasyPrint alone: {figures['seconds']:.1f} s "
        f"({figures['cpu_seconds']:.1f} s CPU) for {figures['pdfs']} PDFs"
    )
    return StageAndFloor(built, stage, figures["seconds"], figures["cpu_seconds"], figures["pdfs"])


def floor_row(found: StageAndFloor) -> tuple[str, str, str, str, str, str]:
    """The second table's row for the PDF stage against its floor."""
    return (
        f"PDF stage of a cold build ({found.pdfs:,} PDFs), wall time",
        seconds(found.stage),
        f"WeasyPrint alone on the same HTML: {seconds(found.floor)} ({seconds(found.floor_cpu)} CPU)",
        f"{found.ratio:.2f}×",
        f"≤ {FLOOR_TARGET}×",
        verdict(found.ratio <= FLOOR_TARGET),
    )


def benchmark(args: argparse.Namespace, work: Path) -> str:
    """Generate, measure, and return the report."""
    repo = generate(
        work / "repo",
        policies=args.policies,
        languages=args.languages,
        versions=args.versions,
        words=args.words,
        seed=args.seed,
        as_of=args.as_of,
    )
    cold, rebuild = _builds(repo, work / "plain", args, pdf=False)
    cold_pdf, rebuild_pdf = _builds(repo, work / "pdf", args, pdf=True)
    pdfs = len(list((work / "pdf").rglob("*.pdf")))
    floor = stage_and_floor(repo, work, args.as_of)
    rows: list[tuple[str, ...]] = [
        ("measurement", "added by PDFs", "baseline", "ratio", "target", "met"),
    ]
    for name, base, with_pdf, rebuilt in (
        (f"PDFs in a cold build ({pdfs:,} PDFs)", cold, cold_pdf, False),
        ("PDFs in a rebuild, no version changed", rebuild, rebuild_pdf, True),
    ):
        for kind in ("wall", "cpu"):
            before, after = getattr(base, kind), getattr(with_pdf, kind)
            ratio = max(after - before, 0.0) / before
            rows.append(
                (
                    f"{name}, {'wall' if kind == 'wall' else 'CPU'} time",
                    seconds(max(after - before, 0.0)),
                    f"{'rebuild' if rebuilt else 'cold build'} without PDFs: {seconds(before)} "
                    f"(with: {seconds(after)})",
                    f"{ratio:.2f}×",
                    "0 (noise: ≤ 0.1×)" if rebuilt else "≤ 1.0×",
                    verdict(ratio <= (0.1 if rebuilt else 1.0)),
                )
            )
    rows.append(floor_row(floor))
    return "\n".join(
        [
            machine(),
            f"Repository: P={args.policies} × L={args.languages} × V={args.versions} × "
            f"W≈{args.words} words, seed {args.seed}; built as of {args.as_of.isoformat()}. "
            f"Every figure is the median of {args.repeat} run(s).",
            "",
            table(rows),
        ]
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser, defaults=False)
    parser.add_argument("--quick", action="store_true", help="tiny sizes for a smoke run")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (1)")
    args = parser.parse_args(argv)
    shape = SCALES["quick" if args.quick else "default"][0]
    sizes = (shape.policies, shape.languages, shape.versions, shape.words)
    for name, value in zip(("policies", "languages", "versions", "words"), sizes, strict=True):
        if getattr(args, name) is None:
            setattr(args, name, value)
    with tempfile.TemporaryDirectory(prefix="policy-site-pdf-bench-") as work:
        print(benchmark(args, Path(work)))


if __name__ == "__main__":
    main()
