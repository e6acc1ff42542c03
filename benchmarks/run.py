"""How fast is policy-site, against MkDocs alone and the other floors, on several shapes?

Run from the repository root (after ``pip install -e '.[test]'``)::

    python benchmarks/run.py                    # the four default shapes: an hour or more
    python benchmarks/run.py --quick --repeat 1 # a smoke run at tiny sizes (seconds)
    python benchmarks/run.py --shape 10,2,10,2000 --repeat 1   # one shape (P,L,V,W)
    python benchmarks/run.py --scale large      # P=50, L=3, V=40: the memory target's size

For each shape (P policies, L languages, V versions, W words) it writes a synthetic policy
repository (``benchmarks/generate.py``) and measures, each figure the median of ``--repeat``
runs in this one invocation, every ratio against a baseline measured in the same runs (the
machine may be busy):

- cold build: ``policy-site build`` as a subprocess (its content cache deleted first)
  against a bare mkdocs-material build (``mkdocs build``) of the same number of pages of
  similar text, with the same theme settings; the share of the build's time spent on the
  site model (the ``versions`` and ``pages`` stages: documents, diffs, every page in
  memory) comes from the build's own ``--verbose`` stage lines;
- compare pages: the same cold build with ``compare.all_pairs_up_to: 0``, so what every
  pair of versions costs over the few comparisons always offered (in CPU time: the two
  builds differ only in work, and a busy machine stretches wall times unevenly);
- no-change rebuild: the cold build's folder built again with nothing new, cache kept;
- rebuild: after that, one more amendment (a new version of the first policy in every
  language) is committed and the site built again into the same folder, cache kept;

and once per shape (``--no-languages``, ``--no-shards``, ``--no-pdf`` skip them):

- memory: cold builds of the shape's P, V and W with 3 and with 10 languages, the peak
  memory of every process each starts, added up (``benchmarks/scale.py``);
- shards: the largest of 4 shards against one build, from an empty cache, then after the
  amendment with the cache each kept (``benchmarks/scale.py``);
- PDFs: the PDF stage of a cold build with ``pdf: true`` against WeasyPrint alone on the
  same HTML (``benchmarks/pdf_bench.py``).

Then, on the first shape, one row each (see :data:`ROW_PROVIDERS`): history extraction
against the raw git floor, the diff engine against difflib and the ``redlines`` package
(``benchmarks/diff_bench.py``), and the cold build's peak memory against the bare build's;
with ``--with-archive``, ``benchmarks/archive_bench.py``'s rows (hours).

Progress goes to stderr; stdout is the machine, the repositories and three Markdown tables.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import astuple
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import diff_bench  # noqa: E402 (after the path: the benchmarks run from a checkout)
from benchmarks.generate import add_size_arguments, generate, pick_languages  # noqa: E402
from benchmarks.measure import (  # noqa: E402
    Process,
    bare_build,
    bare_project,
    comparison_pages,
    git,
    history_seconds,
    model_share,
    pages_per_language,
    policy_site_build,
    raw_git_floor,
    without_compare_pages,
)
from benchmarks.model import (  # noqa: E402
    SCALES,
    Context,
    Row,
    RowProvider,
    Shape,
    ShapeResult,
)
from benchmarks.pdf_bench import FLOOR_TARGET, stage_and_floor  # noqa: E402
from benchmarks.report import machine, progress, seconds, table, verdict  # noqa: E402
from benchmarks.scale import (  # noqa: E402
    LANGUAGES_TARGET,
    SHARD_COLD_TARGET,
    SHARD_WARM_TARGET,
    language_cells,
    languages,
    shard_cells,
    sharded,
)

GIB = 1024**3
MIB = 1024**2
#: Targets: a cold build against bare mkdocs-material, what every pair's compare page adds
#: to a cold build, a rebuild after one amendment and one with nothing new against a cold
#: build.
COLD_TARGET, COLD_MOONSHOT, COMPARE_TARGET = 0.5, 0.3, 0.25
REBUILD_TARGET, NO_CHANGE_TARGET = 0.2, 0.1


def timed(label: str, result: Process) -> Process:
    """Say how long ``result`` took, and return it."""
    progress(
        f"  {label}: {result.seconds:.2f} s ({result.cpu_seconds:.2f} s CPU), "
        f"memory {result.memory / MIB:.0f} MiB"
    )
    return result


def measure_shape(args: argparse.Namespace, shape: Shape, work: Path) -> ShapeResult:
    """Generate ``shape``'s repository and run every build ``args.repeat`` times, then the
    measurements made once per shape."""
    progress(f"Generating {shape.label} in {work}")
    start = time.perf_counter()
    repo = generate(
        work / "repo",
        policies=shape.policies,
        languages=shape.languages,
        versions=shape.versions,
        words=shape.words,
        seed=args.seed,
        as_of=args.as_of,
        pending_amendment=True,
    )
    generated = time.perf_counter() - start
    base = git(repo, "rev-parse", "HEAD")
    codes = [lang.code for lang in pick_languages(shape.languages)]
    no_pairs_config = without_compare_pages(repo)
    output = work / "site"
    runs: dict[str, list[Process]] = {k: [] for k in ("cold", "bare", "no_pairs", "again", "re")}
    bare_config: Path | None = None
    pages = comparisons = 0
    for n in range(1, args.repeat + 1):
        progress(f"{shape.label}: run {n} of {args.repeat}")
        git(repo, "reset", "-q", "--hard", base)
        build = policy_site_build(repo, work / "no-pairs", args.as_of, True, no_pairs_config)
        runs["no_pairs"].append(timed("cold build, compare.all_pairs_up_to: 0", build))
        build = policy_site_build(repo, output, args.as_of, cold=True)
        runs["cold"].append(timed("cold build", build))
        build = policy_site_build(repo, output, args.as_of, cold=False)
        runs["again"].append(timed("rebuild with nothing new", build))
        if bare_config is None:
            counts = pages_per_language(output, codes)
            pages, comparisons = sum(counts.values()), comparison_pages(output)
            bare_config = bare_project(
                work / "bare", repo, counts, shape.policies, shape.words, args.seed
            )
        runs["bare"].append(timed("bare mkdocs-material build", bare_build(bare_config)))
        git(repo, "reset", "-q", "--hard", "amendment")
        build = policy_site_build(repo, output, args.as_of, cold=False)
        runs["re"].append(timed("rebuild after one amendment", build))
    git(repo, "reset", "-q", "--hard", base)
    commits = int(git(repo, "rev-list", "--count", "HEAD"))
    summary = (
        f"{shape.label} ({', '.join(codes)}), seed {args.seed}: {commits:,} commits, "
        f"generated in {generated:.1f} s; {pages:,} pages, {comparisons:,} of them comparisons"
    )
    extra = work / "extra"
    extra.mkdir(exist_ok=True)
    memory = None if args.no_languages else languages(shape, extra, args.seed, args.as_of)
    split = None if args.no_shards else sharded(repo, extra, args.as_of, base)
    printed = None if args.no_pdf else stage_and_floor(repo, extra, args.as_of)
    git(repo, "reset", "-q", "--hard", base)
    return ShapeResult(
        shape,
        repo,
        pages,
        comparisons,
        runs["cold"],
        runs["bare"],
        runs["no_pairs"],
        runs["re"],
        runs["again"],
        summary,
        memory,
        split,
        printed,
    )


def _median(processes: Sequence[Process], cpu: bool = False) -> float:
    return statistics.median(p.cpu_seconds if cpu else p.seconds for p in processes)


def shape_rows(results: Sequence[ShapeResult]) -> list[tuple[str, ...]]:
    """The table of times: one row per shape, every ratio against its own baseline."""
    rows: list[tuple[str, ...]] = [
        (
            "shape",
            "pages (comparisons)",
            "cold build",
            "bare mkdocs-material",
            f"cold / bare (≤ {COLD_TARGET}×)",
            "CPU time: cold / bare",
            "site model share",
            f"compare pages add, CPU time (≤ {COMPARE_TARGET:.0%})",
            f"rebuild after one amendment / cold (≤ {REBUILD_TARGET}×)",
            f"rebuild with nothing new / cold (≤ {NO_CHANGE_TARGET}×)",
        )
    ]
    for result in results:
        cold, bare = result.cold_s, result.bare_s
        # CPU time: the two builds differ only in work, and a busy machine stretches the wall
        # time of each differently.
        no_pairs = _median(result.no_pairs, cpu=True)
        rebuild, again = _median(result.rebuild), _median(result.no_change)
        share = statistics.median(model_share(p) for p in result.cold)
        cold_cpu = _median(result.cold, cpu=True)
        added = cold_cpu / no_pairs - 1
        cpu = cold_cpu / _median(result.bare, cpu=True)
        moonshot = " (moonshot met)" if cold <= COLD_MOONSHOT * bare else ""
        rows.append(
            (
                result.shape.label,
                f"{result.pages:,} ({result.comparisons / max(result.pages, 1):.0%})",
                seconds(cold),
                seconds(bare),
                f"{cold / bare:.2f}× {verdict(cold <= COLD_TARGET * bare)}{moonshot}",
                f"{cpu:.2f}×",
                f"{share:.0%}",
                f"{added:+.0%} {verdict(added <= COMPARE_TARGET)}",
                f"{seconds(rebuild)}: {rebuild / cold:.2f}× "
                f"{verdict(rebuild <= REBUILD_TARGET * cold)}",
                f"{seconds(again)}: {again / cold:.2f}× {verdict(again <= NO_CHANGE_TARGET * cold)}",
            )
        )
    return rows


def scale_rows(results: Sequence[ShapeResult]) -> list[tuple[str, ...]]:
    """The table of memory, shards and PDFs: one row per shape."""
    rows: list[tuple[str, ...]] = [
        (
            "shape",
            "memory, L=3",
            "memory, L=10",
            f"L=3 → L=10 (≤ +{LANGUAGES_TARGET:.0%})",
            f"largest of 4 shards / one build, empty cache (≤ {SHARD_COLD_TARGET}×)",
            f"the same, warm cache (≤ {SHARD_WARM_TARGET}×)",
            f"PDF stage / WeasyPrint alone (≤ {FLOOR_TARGET}×)",
        )
    ]
    for result in results:
        printed = "not measured"
        if result.pdf is not None:
            found = result.pdf
            printed = (
                f"{seconds(found.stage)} / {seconds(found.floor)} = {found.ratio:.2f}× "
                f"{verdict(found.ratio <= FLOOR_TARGET)} ({found.pdfs:,} PDFs)"
            )
        rows.append(
            (
                result.shape.label,
                *language_cells(result.languages),
                *shard_cells(result.shards),
                printed,
            )
        )
    return rows


# --- Single rows ----------------------------------------------------------------------------


def history_rows(context: Context) -> list[Row]:
    """History extraction in process against ``git log --raw`` plus one ``cat-file --batch``."""
    history: list[float] = []
    floor: list[float] = []
    revisions = 0
    for _ in range(context.args.repeat):
        taken, revisions = history_seconds(context.first.repo)
        history.append(taken)
        floor.append(raw_git_floor(context.first.repo).seconds)
    ours, raw = statistics.median(history), statistics.median(floor)
    return [
        (
            f"history extraction ({revisions:,} revisions)",
            seconds(ours),
            f"raw git floor (log --raw + one cat-file --batch): {seconds(raw)}",
            f"{ours / raw:.2f}×",
            "≤ 2×",
            verdict(ours <= 2 * raw),
        )
    ]


def diff_rows(context: Context) -> list[Row]:
    """The diff engine on two long versions against difflib and the redlines package."""
    quick = context.args.scale == "quick"
    words = 2_000 if quick else 20_000
    progress(f"Diff: {words:,}-word versions")
    repeat = context.args.repeat if quick else max(context.args.repeat, 5)
    diff = diff_bench.compare(words, repeat)
    return [
        (
            f"diff engine vs difflib ({diff.old_words:,} words)",
            seconds(diff.ours),
            f"word-level difflib (autojunk=False): {seconds(diff.difflib)}",
            f"{diff.difflib / diff.ours:.0f}× faster",
            # The engine was 36× faster than difflib when this harness was written; 30× leaves
            # room for a noisy machine.
            "as fast as before (≥ 30×)",
            verdict(diff.difflib >= 30 * diff.ours),
        ),
        (
            f"diff engine vs redlines ({diff.old_words:,} words)",
            seconds(diff.ours),
            f"redlines: {seconds(diff.redlines)}",
            f"{diff.redlines / diff.ours:.0f}× faster",
            "none",
            "–",
        ),
    ]


def memory_rows(context: Context) -> list[Row]:
    """The first shape's cold build: the peak memory of every process it started against
    the bare build's."""
    first = context.first
    rss = statistics.median(p.memory for p in first.cold)
    bare = statistics.median(p.memory for p in first.bare)
    large = SCALES["large"][0]
    sizes = (first.shape.policies, first.shape.languages, first.shape.versions)
    at_large = all(
        x >= y
        for x, y in zip(sizes, (large.policies, large.languages, large.versions), strict=True)
    )
    met = verdict(rss < GIB) if at_large or rss >= GIB else "n/a (size)"
    return [
        (
            f"peak memory of the cold build, every process ({first.shape.label})",
            f"{rss / MIB:,.0f} MiB",
            f"bare mkdocs-material build: {bare / MIB:,.0f} MiB",
            f"{rss / bare:.2f}×",
            "< 1 GiB at P=50, L=3, V=40",
            met,
        )
    ]


#: The providers of the second table's rows, in order. Another measurement plugs in here:
#: write ``def rows(context: Context) -> list[Row]`` in its own module (``benchmarks/``)
#: and append it; it gets the options, a scratch folder and every shape measured.
ROW_PROVIDERS: list[RowProvider] = [history_rows, diff_rows, memory_rows]


def archive_rows(context: Context) -> list[Row]:
    """With ``--with-archive``: ``benchmarks/archive_bench.py``'s rows (init, check and
    build on a long archive and on one with twice its history; hours)."""
    from benchmarks import archive_bench

    options = archive_bench.parse_args([])
    return archive_bench.rows_for(options, context.work / "archive")


# --- The report -----------------------------------------------------------------------------


def benchmark(args: argparse.Namespace, work: Path) -> str:
    """Measure every shape, then the single rows; return the report."""
    results = tuple(
        measure_shape(args, shape, work / f"shape-{n}") for n, shape in enumerate(args.shapes)
    )
    context = Context(args, work / "rows", results)
    context.work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, ...]] = [
        ("measurement", "policy-site", "baseline", "ratio", "target", "met")
    ]
    for provider in [*ROW_PROVIDERS, *([archive_rows] if args.with_archive else [])]:
        rows.extend(provider(context))
    lines = [
        machine(),
        *(f"Repository: {result.summary}." for result in results),
        f"Built as of {args.as_of.isoformat()}. Every figure is the median of {args.repeat} "
        "run(s) in this invocation; ratios are against baselines measured in the same runs.",
        "",
        table(shape_rows(results)),
        "",
        table(scale_rows(results)),
        "",
        f"On {results[0].shape.label}:",
        "",
        table(rows),
    ]
    return "\n".join(lines)


def shape_argument(value: str) -> Shape:
    """``P,L,V,W`` → a :class:`Shape`."""
    try:
        policies, languages, versions, words = (int(part) for part in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected P,L,V,W (four numbers), got {value!r}"
        ) from None
    return Shape(policies, languages, versions, words)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The options; shapes not given come from ``--scale``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser, defaults=False)
    parser.add_argument("--scale", choices=sorted(SCALES), default="default", help="shapes")
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes for a smoke run (--scale quick)"
    )
    parser.add_argument(
        "--shape",
        type=shape_argument,
        action="append",
        metavar="P,L,V,W",
        help="a shape to measure instead of the scale's (repeatable)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (3)")
    for name, what in (
        ("languages", "the memory at L=3 and L=10"),
        ("shards", "the 4 shards"),
        ("pdf", "the PDF stage and its floor"),
    ):
        parser.add_argument(f"--no-{name}", action="store_true", help=f"skip {what}")
    parser.add_argument(
        "--with-archive",
        action="store_true",
        help="add benchmarks/archive_bench.py's rows: init, check and build on a long "
        "archive (hours)",
    )
    parser.add_argument(
        "--keep", type=Path, help="new or empty folder to keep the repositories and sites in"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.scale = "quick"
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    shapes = list(args.shape or SCALES[args.scale])
    sizes = (args.policies, args.languages, args.versions, args.words)
    if any(size is not None for size in sizes):
        # -P/-L/-V/-W: one shape, the sizes not given from the scale's first.
        first = shapes[0]
        given = [
            new if new is not None else old for new, old in zip(sizes, astuple(first), strict=True)
        ]
        shapes = [Shape(*given)]
    args.shapes = tuple(shapes)
    return args


def main(argv: Sequence[str] | None = None) -> None:
    """Measure and print the report."""
    args = parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            sys.exit(f"error: --keep {args.keep} is not empty")
        print(benchmark(args, args.keep.resolve()))
        return
    with tempfile.TemporaryDirectory(prefix="policy-site-bench-") as work:
        print(benchmark(args, Path(work)))


if __name__ == "__main__":
    main()
