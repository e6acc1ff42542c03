"""How policy-site scales: memory by number of languages, and one site built as shards.

Run from the repository root (after ``pip install -e '.[test]'``)::

    python benchmarks/scale.py                        # P=20, V=15, W=3000: a long run
    python benchmarks/scale.py -P 4 -V 6 -W 800       # a smaller shape (minutes)
    python benchmarks/scale.py -P 50 -V 40 --shards 4 # the targets' size (hours)

It writes two synthetic repositories (``benchmarks/generate.py``), with L=3 and L=10
languages and the same P, V and W, and measures:

- the peak RSS of a cold ``policy-site build`` of each (``os.wait4``: the largest process
  of the build, the parent or one of its workers), and how much it grows from L=3 to L=10;
- on the L=3 repository, a cold build split in N shards (``build --shard K/N``, run one
  after the other on this machine, each with its own empty content cache as a CI runner
  has), then ``assemble``: the largest shard's wall time and peak RSS, the sum of the
  shards, against one cold build.

:func:`scale_rows` returns the rows in ``benchmarks/run.py``'s table format (measure, ours,
baseline, ratio, target, met); ``__main__`` prints them as a table. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import DEFAULT_AS_OF, generate  # noqa: E402
from benchmarks.measure import CACHE_DIR, Process, run_process, script  # noqa: E402
from benchmarks.model import Row, Shape  # noqa: E402
from benchmarks.report import progress, seconds, table, verdict  # noqa: E402
from benchmarks.run import GIB, MIB, timed  # noqa: E402


def _repo(work: Path, shape: Shape, languages: int, seed: int) -> Path:
    progress(f"Generating P={shape.policies} L={languages} V={shape.versions} W={shape.words}")
    return generate(
        work / f"repo-L{languages}",
        policies=shape.policies,
        languages=languages,
        versions=shape.versions,
        words=shape.words,
        seed=seed,
        as_of=DEFAULT_AS_OF,
    )


def _build(repo: Path, output: Path, *extra: str) -> Process:
    """A cold ``policy-site build`` (content cache and output deleted first)."""
    shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    command = [*script("policy-site", "generator.cli"), "build", "-q"]
    command += ["--config", str(repo / "site_config.yml"), "--output", str(output)]
    return run_process([*command, "--as-of", DEFAULT_AS_OF.isoformat(), *extra], cwd=repo)


@dataclass(frozen=True)
class Sharded:
    """One site built as shards, then assembled."""

    shards: list[Process]
    assemble: Process


def _sharded(repo: Path, work: Path, count: int) -> Sharded:
    parts = [work / f"part-{k}" for k in range(1, count + 1)]
    shards = [
        timed(f"shard {k}/{count}", _build(repo, part, "--shard", f"{k}/{count}"))
        for k, part in enumerate(parts, start=1)
    ]
    command = [*script("policy-site", "generator.cli"), "assemble", "-q"]
    command += [*map(str, parts), "--output", str(work / "assembled")]
    return Sharded(shards, timed("assemble", run_process(command, cwd=repo)))


def scale_rows(shape: Shape, work: Path, shards: int = 4, seed: int = 1) -> list[Row]:
    """Measure and return the rows (with a header row) for the benchmark table; the
    shape's number of languages is not used (it is 3, then 10)."""
    small = _repo(work, shape, 3, seed)
    large = _repo(work, shape, 10, seed)
    three = timed("cold build, L=3", _build(small, work / "site-L3"))
    ten = timed("cold build, L=10", _build(large, work / "site-L10"))
    split = _sharded(small, work, shards)
    growth = ten.max_rss / three.max_rss - 1
    largest = max(split.shards, key=lambda p: p.seconds)
    heaviest = max(p.max_rss for p in split.shards)
    total = sum(p.seconds for p in split.shards)
    size = f"P={shape.policies}, V={shape.versions}, W={shape.words}"
    at_target = shape.policies >= 50 and shape.versions >= 40
    return [
        ("measure", "ours", "baseline", "ratio", "target", "met"),
        (
            f"peak RSS of a cold build, L=3 ({size})",
            f"{three.max_rss / MIB:,.0f} MiB",
            "–",
            "–",
            "< 1 GiB at P=50, L=3, V=40",
            verdict(three.max_rss < GIB) if at_target else "(other size)",
        ),
        (
            f"peak RSS of a cold build, L=10 ({size})",
            f"{ten.max_rss / MIB:,.0f} MiB",
            f"L=3: {three.max_rss / MIB:,.0f} MiB",
            f"{growth:+.0%}",
            "< +10% from L=3",
            verdict(growth < 0.10),
        ),
        (
            f"peak RSS of the largest of {shards} shards (L=3)",
            f"{heaviest / MIB:,.0f} MiB",
            f"one build: {three.max_rss / MIB:,.0f} MiB",
            f"{heaviest / three.max_rss:.2f}×",
            "none",
            "–",
        ),
        (
            f"largest of {shards} shards, wall time (L=3)",
            seconds(largest.seconds),
            f"one build: {seconds(three.seconds)}",
            f"{largest.seconds / three.seconds:.2f}×",
            "≤ 0.35×",
            verdict(largest.seconds <= 0.35 * three.seconds),
        ),
        (
            f"{shards} shards one after the other + assemble (L=3)",
            f"{seconds(total)} + {seconds(split.assemble.seconds)}",
            f"one build: {seconds(three.seconds)}",
            f"{(total + split.assemble.seconds) / three.seconds:.2f}×",
            "none",
            "–",
        ),
    ]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-P", "--policies", type=int, default=20, help="policies (20)")
    parser.add_argument("-V", "--versions", type=int, default=15, help="versions (15)")
    parser.add_argument("-W", "--words", type=int, default=3000, help="words (3000)")
    parser.add_argument("--shards", type=int, default=4, help="shards (4)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print the table."""
    args = parse_args(argv)
    shape = Shape(args.policies, 3, args.versions, args.words)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        print(table(list(scale_rows(shape, args.keep, args.shards, args.seed))))
        return
    with tempfile.TemporaryDirectory(prefix="policy-site-scale-") as work:
        print(table(list(scale_rows(shape, Path(work), args.shards, args.seed))))


if __name__ == "__main__":
    main()
