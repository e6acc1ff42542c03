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
  PDFs: what the PDFs add when no version changed (target 0: every PDF comes from the cache).

Progress goes to stderr; stdout is the machine, the repository and the table.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import add_size_arguments, generate  # noqa: E402
from benchmarks.run import (  # noqa: E402
    CACHE_DIR,
    SCALES,
    Process,
    machine,
    median,
    policy_site_build,
    seconds,
    table,
    timed,
    verdict,
)


def _builds(repo: Path, output: Path, args: argparse.Namespace, pdf: bool) -> tuple[float, float]:
    """Median seconds of a cold build and of a rebuild with nothing new, with or without PDFs."""
    config = repo / "site_config.yml"
    plain = config.read_text(encoding="utf-8")
    config.write_text(plain + ("pdf: true\n" if pdf else ""), encoding="utf-8")
    cold: list[Process] = []
    again: list[Process] = []
    label = "with PDFs" if pdf else "without PDFs"
    try:
        for _ in range(args.repeat):
            shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)
            cold.append(
                timed(f"cold build {label}", policy_site_build(repo, output, args.as_of, True))
            )
            again.append(
                timed(f"rebuild {label}", policy_site_build(repo, output, args.as_of, False))
            )
    finally:
        config.write_text(plain, encoding="utf-8")
    return median([p.seconds for p in cold]), median([p.seconds for p in again])


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
    added, added_again = cold_pdf - cold, max(rebuild_pdf - rebuild, 0.0)
    rows: list[tuple[str, ...]] = [
        ("measurement", "added by PDFs", "baseline", "ratio", "target", "met"),
        (
            f"PDFs in a cold build ({pdfs:,} PDFs)",
            seconds(added),
            f"cold build without PDFs: {seconds(cold)} (with: {seconds(cold_pdf)})",
            f"{added / cold:.2f}×",
            "≤ 1.0×",
            verdict(added <= cold),
        ),
        (
            "PDFs in a rebuild, no version changed",
            seconds(added_again),
            f"rebuild without PDFs: {seconds(rebuild)} (with: {seconds(rebuild_pdf)})",
            f"{added_again / rebuild:.2f}×",
            "0 (within noise: ≤ 0.1×)",
            verdict(added_again <= 0.1 * rebuild),
        ),
    ]
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
    sizes = SCALES["quick" if args.quick else "default"]
    for name, value in zip(("policies", "languages", "versions", "words"), sizes, strict=True):
        if getattr(args, name) is None:
            setattr(args, name, value)
    with tempfile.TemporaryDirectory(prefix="policy-site-pdf-bench-") as work:
        print(benchmark(args, Path(work)))


if __name__ == "__main__":
    main()
