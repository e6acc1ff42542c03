"""Does the site fit its host? A generated repository of P policies in L languages, built cold,
measured by kind of file against ``site.size_limit`` (1 GB: what GitHub Pages publishes).

Run from the repository root::

    python benchmarks/site_size.py                     # the full size: P=70, L=20, V=4 (hours)
    python benchmarks/site_size.py -L 2                # a tenth, the full size extrapolated

At a reduced size the figures for the full size are extrapolated, kind by kind: what every
policy in every language has (pages, source files, feeds, the API, the search index) grows
with P × L, the theme's files with L only; the report says which figures are measured and
which extrapolated. ``size_rows(…)`` returns the rows in ``run.py``'s table format.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import DEFAULT_AS_OF, generate
from benchmarks.measure import CACHE_DIR, run_process, script
from benchmarks.model import Row
from benchmarks.report import progress, seconds, table, verdict
from generator.output.size import SiteSize, human, measure

FULL = (70, 20)
"""The policies and languages of the host-size target."""
LIMIT = 10**9
"""GitHub Pages' limit, and ``site.size_limit``'s default."""
PER_LANGUAGE = frozenset({"theme files"})
"""Kinds of file that grow with the languages only."""


def extrapolated(size: SiteSize, policies: int, languages: int) -> SiteSize:
    """``size`` of P × L scaled to the full size, kind by kind."""
    both = (FULL[0] * FULL[1]) / (policies * languages)
    langs = FULL[1] / languages
    kinds = {
        kind: round(bytes_ * (langs if kind in PER_LANGUAGE else both))
        for kind, bytes_ in size.kinds.items()
    }
    return SiteSize(sum(kinds.values()), kinds)


def size_rows(
    work: Path, policies: int, languages: int, versions: int, words: int, seed: int = 1
) -> tuple[list[Row], SiteSize]:
    """Generate, build cold and measure; the rows and the measured size."""
    shape = f"P={policies} L={languages} V={versions} W={words}"
    progress(f"Generating {shape}")
    repo = generate(
        work / "repo",
        policies=policies,
        languages=languages,
        versions=versions,
        words=words,
        seed=seed,
        as_of=DEFAULT_AS_OF,
    )
    shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)
    out = work / "site"
    progress(f"Building {shape}")
    command = [*script("policy-site", "generator.cli"), "build", "-q", "--no-cache"]
    built = run_process(
        [*command, "--as-of", DEFAULT_AS_OF.isoformat(), "--output", str(out)], repo
    )
    size = measure(out, {p.name for p in (repo / "policies").iterdir()})
    full = (policies, languages) == FULL
    whole = size if full else extrapolated(size, policies, languages)
    how = "measured" if full else f"extrapolated from {shape} (× P·L, theme × L)"
    rows = [
        (
            f"site size, {shape}",
            human(size.total),
            "-",
            "-",
            "-",
            f"built in {seconds(built.seconds)}",
        ),
        *(
            (f"  {kind}", human(bytes_), "-", f"{round(100 * bytes_ / size.total)}%", "-", "-")
            for kind, bytes_ in size.largest(5)
        ),
        (
            f"site size, P={FULL[0]} L={FULL[1]} V={versions} W={words} ({how})",
            human(whole.total),
            "GitHub Pages: 1 GB",
            f"{whole.total / LIMIT:.2f}×",
            "< 1 GB",
            verdict(whole.total < LIMIT),
        ),
    ]
    return rows, size


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-P", "--policies", type=int, default=FULL[0])
    parser.add_argument("-L", "--languages", type=int, default=FULL[1])
    parser.add_argument("-V", "--versions", type=int, default=4)
    parser.add_argument("-W", "--words", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="policy-site-size-"))
    try:
        rows, _size = size_rows(
            work, args.policies, args.languages, args.versions, args.words, args.seed
        )
        print(table([("measure", "ours", "baseline", "ratio", "target", "met"), *rows]))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
