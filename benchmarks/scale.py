"""How a shape scales: peak memory with 3 and 10 languages, and the site built as shards.

``benchmarks/run.py`` measures both on every shape (skip them with ``--no-languages`` or
``--no-shards``); run alone, this module measures one shape::

    python benchmarks/scale.py -P 8 -V 12 -W 1200 -L 3    # minutes on 2 cores

- **Languages**: a cold ``policy-site build`` of the shape with L=3 and with L=10 (en, es,
  zh, fr, de, it, pt, nl, pl, sv), the same P, V and W: the peak memory of every process
  it starts, added up (``measure.TreeMemory``), and how much it grows from 3 to 10.
- **Shards**: the shape's repository as 4 shards (``build --shard K/4``, one after the
  other on this machine), each the way a CI runner builds it: from an empty content cache,
  then, after one more amendment is committed, with the cache its previous run left (the
  publish workflow keeps one per shard) and no previous site. The largest shard's wall
  time is compared with one build in the same conditions: one cold build, and one build
  after the amendment with its cache and no previous site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import DEFAULT_AS_OF, generate  # noqa: E402 (run from a checkout)
from benchmarks.measure import CACHE_DIR, Process, git, run_process, script  # noqa: E402
from benchmarks.model import Shape  # noqa: E402
from benchmarks.report import progress, seconds, table, verdict  # noqa: E402

MIB = 1024**2
SHARDS = 4
#: Targets: memory from 3 to 10 languages; the largest shard against one build.
LANGUAGES_TARGET, SHARD_COLD_TARGET, SHARD_WARM_TARGET = 0.10, 0.5, 0.35


def build(repo: Path, output: Path, as_of: dt.date, *extra: str) -> Process:
    """``policy-site build -q`` of ``repo`` into ``output`` (a fresh folder)."""
    shutil.rmtree(output, ignore_errors=True)
    command = [*script("policy-site", "generator.cli"), "build", "-q"]
    command += ["--config", str(repo / "site_config.yml"), "--output", str(output)]
    return run_process([*command, "--as-of", as_of.isoformat(), *extra], cwd=repo)


def say(label: str, result: Process) -> Process:
    """Report ``result`` on stderr and return it."""
    progress(
        f"  {label}: {result.seconds:.2f} s ({result.cpu_seconds:.2f} s CPU), every process "
        f"{result.memory / MIB:,.0f} MiB (largest {result.max_rss / MIB:,.0f} MiB)"
    )
    return result


@dataclass(frozen=True)
class Languages:
    """Cold builds of one shape with 3 and with 10 languages."""

    three: Process
    ten: Process

    @property
    def growth(self) -> float:
        """How much more memory 10 languages take than 3 (0.1 is +10%)."""
        return self.ten.memory / self.three.memory - 1


def languages(shape: Shape, work: Path, seed: int, as_of: dt.date) -> Languages:
    """Build ``shape`` (its P, V and W) cold with 3 and with 10 languages."""
    found = []
    for count in (3, 10):
        progress(f"P={shape.policies} L={count} V={shape.versions} W={shape.words}: memory")
        repo = generate(
            work / f"repo-L{count}",
            policies=shape.policies,
            languages=count,
            versions=shape.versions,
            words=shape.words,
            seed=seed,
            as_of=as_of,
        )
        found.append(say(f"cold build, L={count}", build(repo, work / f"site-L{count}", as_of)))
        shutil.rmtree(work / f"site-L{count}", ignore_errors=True)
        shutil.rmtree(repo, ignore_errors=True)
    return Languages(*found)


@dataclass(frozen=True)
class Sharded:
    """One site built whole and as shards, from an empty cache and then from a warm one."""

    one_cold: Process
    shards_cold: list[Process]
    one_warm: Process
    shards_warm: list[Process]
    assemble: Process

    @property
    def cold_ratio(self) -> float:
        """The largest shard from an empty cache against one build from an empty cache."""
        return max(p.seconds for p in self.shards_cold) / self.one_cold.seconds

    @property
    def warm_ratio(self) -> float:
        """The largest shard with its cache against one build with its cache."""
        return max(p.seconds for p in self.shards_warm) / self.one_warm.seconds


def _cache(repo: Path, keep: Path | None = None, restore: Path | None = None) -> None:
    """Put the repository's content cache aside into ``keep``, or back from ``restore``,
    or (neither) delete it."""
    here = repo / CACHE_DIR
    if keep is not None:
        shutil.rmtree(keep, ignore_errors=True)
        if here.exists():
            here.rename(keep)
        return
    shutil.rmtree(here, ignore_errors=True)
    if restore is not None and restore.exists():
        restore.rename(here)


def sharded(repo: Path, work: Path, as_of: dt.date, base: str, shards: int = SHARDS) -> Sharded:
    """``repo`` (with a branch ``amendment`` one commit after ``base``) built whole and as
    ``shards`` shards, cold at ``base`` and warm at ``amendment``."""
    git(repo, "reset", "-q", "--hard", base)
    _cache(repo)
    one_cold = say("one build, empty cache", build(repo, work / "one", as_of))
    _cache(repo, keep=work / "cache-one")
    parts = [work / f"part-{k}" for k in range(1, shards + 1)]
    cold = []
    for k, part in enumerate(parts, start=1):
        _cache(repo)
        cold.append(
            say(
                f"shard {k}/{shards}, empty cache",
                build(repo, part, as_of, "--shard", f"{k}/{shards}"),
            )
        )
        _cache(repo, keep=work / f"cache-{k}")
    command = [*script("policy-site", "generator.cli"), "assemble", "-q"]
    command += [*map(str, parts), "--output", str(work / "assembled")]
    joined = say("assemble", run_process(command, cwd=repo))
    git(repo, "reset", "-q", "--hard", "amendment")
    _cache(repo, restore=work / "cache-one")
    one_warm = say("one build after an amendment, its cache", build(repo, work / "one", as_of))
    warm = []
    for k, part in enumerate(parts, start=1):
        _cache(repo, restore=work / f"cache-{k}")
        label = f"shard {k}/{shards} after an amendment, its cache"
        warm.append(say(label, build(repo, part, as_of, "--shard", f"{k}/{shards}")))
    _cache(repo)
    git(repo, "reset", "-q", "--hard", base)
    for folder in [*parts, work / "one", work / "assembled"]:
        shutil.rmtree(folder, ignore_errors=True)
    for k in range(1, shards + 1):
        shutil.rmtree(work / f"cache-{k}", ignore_errors=True)
    return Sharded(one_cold, cold, one_warm, warm, joined)


def language_cells(found: Languages | None) -> tuple[str, str, str]:
    """The table's cells for memory at L=3, at L=10 and the growth."""
    if found is None:
        return ("–", "–", "not measured")
    growth = found.growth
    return (
        f"{found.three.memory / MIB:,.0f} MiB",
        f"{found.ten.memory / MIB:,.0f} MiB",
        f"{growth:+.0%} {verdict(growth <= LANGUAGES_TARGET)}",
    )


def shard_cells(found: Sharded | None) -> tuple[str, str]:
    """The table's cells for the largest shard, from an empty and from a warm cache."""
    if found is None:
        return ("not measured", "not measured")
    cold = max(p.seconds for p in found.shards_cold)
    warm = max(p.seconds for p in found.shards_warm)
    return (
        f"{seconds(cold)} / {seconds(found.one_cold.seconds)} = {found.cold_ratio:.2f}× "
        f"{verdict(found.cold_ratio <= SHARD_COLD_TARGET)}",
        f"{seconds(warm)} / {seconds(found.one_warm.seconds)} = {found.warm_ratio:.2f}× "
        f"{verdict(found.warm_ratio <= SHARD_WARM_TARGET)}",
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Measure one shape and print its row."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-P", "--policies", type=int, default=8, help="policies (8)")
    parser.add_argument(
        "-L", "--languages", type=int, default=3, help="languages of the shards' repository (3)"
    )
    parser.add_argument("-V", "--versions", type=int, default=12, help="versions (12)")
    parser.add_argument("-W", "--words", type=int, default=1200, help="words (1200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    args = parser.parse_args(argv)
    shape = Shape(args.policies, args.languages, args.versions, args.words)
    with tempfile.TemporaryDirectory(prefix="policy-site-scale-") as folder:
        work = Path(folder)
        memory = languages(shape, work, args.seed, DEFAULT_AS_OF)
        repo = generate(
            work / "repo",
            policies=shape.policies,
            languages=shape.languages,
            versions=shape.versions,
            words=shape.words,
            seed=args.seed,
            pending_amendment=True,
        )
        split = sharded(repo, work, DEFAULT_AS_OF, git(repo, "rev-parse", "HEAD"))
    header = (
        "shape",
        "memory, L=3",
        "L=10",
        "L=3 → L=10 (≤ +10%)",
        "largest of 4 shards, empty cache (≤ 0.5×)",
        "warm cache (≤ 0.35×)",
    )
    print(table([header, (shape.label, *language_cells(memory), *shard_cells(split))]))


if __name__ == "__main__":
    main()
