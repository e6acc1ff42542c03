"""How fast is policy-site, against MkDocs alone and the other floors? One table.

Run from the repository root (after ``pip install -e '.[test]'``)::

    python benchmarks/run.py                    # P=20, L=3, V=15, W=3000: several minutes
    python benchmarks/run.py --quick --repeat 1 # a smoke run at tiny sizes (seconds)
    python benchmarks/run.py --scale large      # P=50, L=3, V=40: the memory target's size

It writes a synthetic policy repository (``benchmarks/generate.py``, same size options),
then measures, each figure the median of ``--repeat`` runs in this one invocation, every
ratio against a baseline measured in the same runs (the machine may be busy):

- cold build: ``policy-site build`` as a subprocess (its content cache deleted first)
  against a bare mkdocs-material build (``mkdocs build``) of the same number of pages of
  similar text, with the same theme settings;
- history: ``read_history(load_config(...))`` in this process against the raw git floor,
  ``git log --raw`` over the policies folder plus every blob through one
  ``git cat-file --batch``;
- rebuild: after a cold build, one more amendment (a new version of the first policy in
  every language) is committed and the site built again into the same folder, cache kept;
- diff: ``diff_documents`` on two ~20,000-word versions against word-level difflib and the
  ``redlines`` package (``benchmarks/diff_bench.py``'s comparison);
- peak RSS of the cold build (``os.wait4``), against the bare MkDocs build's.

Progress goes to stderr; stdout is the machine, the repository and the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402 (after the path: the benchmarks run from a checkout)

from benchmarks import diff_bench  # noqa: E402
from benchmarks.generate import (  # noqa: E402
    DEFAULT_AS_OF,
    Style,
    Writer,
    add_size_arguments,
    generate,
    git_env,
    pick_languages,
    render,
)
from generator.config import load_config  # noqa: E402
from generator.history import read_history  # noqa: E402
from generator.site import LanguageSite  # noqa: E402
from generator.writer import _mkdocs_config  # noqa: E402 (the baseline uses the same settings)

#: (policies, languages, versions, words) of each ``--scale``.
SCALES = {
    "quick": (2, 2, 3, 200),
    "default": (20, 3, 15, 3000),
    "large": (50, 3, 40, 3000),
}
#: The content cache policy-site keeps in the repository (deleted before every cold build).
CACHE_DIR = ".policy-site-cache"
GIB = 1024**3
MIB = 1024**2


@dataclass(frozen=True)
class Process:
    """One finished subprocess: wall time, peak resident memory, what it printed."""

    seconds: float
    max_rss: int
    """Bytes, from ``os.wait4`` (the process and the children it waited for)."""
    stdout: str


def run_process(command: Sequence[str], cwd: Path) -> Process:
    """Run ``command``; its wall time and peak RSS. Raises with its stderr when it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=git_env(), stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            tail = err.read().decode(errors="replace")[-4000:]
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{tail}")
        return Process(seconds, usage.ru_maxrss * 1024, out.read().decode(errors="replace"))


def script(name: str, module: str) -> list[str]:
    """The console script installed beside this Python, else ``python -m module``."""
    path = Path(sys.executable).with_name(name)
    return [str(path)] if path.exists() else [sys.executable, "-m", module]


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` and return what it printed."""
    result = subprocess.run(
        ["git", *args], cwd=repo, env=git_env(), capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


# --- The measurements -----------------------------------------------------------------------


def policy_site_build(repo: Path, output: Path, as_of: dt.date, cold: bool) -> Process:
    """``policy-site build`` into ``output``; a cold build deletes the content cache first."""
    if cold:
        shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)
        shutil.rmtree(output, ignore_errors=True)
    command = [*script("policy-site", "generator.cli"), "build"]
    command += ["--config", str(repo / "site_config.yml"), "--output", str(output)]
    return run_process([*command, "--as-of", as_of.isoformat()], cwd=repo)


def pages_per_language(output: Path, codes: Sequence[str]) -> dict[str, int]:
    """Pages (``index.html`` files) the build wrote per language; the rest count as the first."""
    counts = {code: sum(1 for _ in (output / code).rglob("index.html")) for code in codes}
    counts[codes[0]] += sum(1 for _ in output.rglob("index.html")) - sum(counts.values())
    return counts


def bare_project(
    folder: Path, repo: Path, counts: dict[str, int], policies: int, words: int, seed: int
) -> Path:
    """A plain mkdocs-material project with ``counts[lang]`` pages of ~``words`` words each.

    Theme, search plugin and validation come from policy-site's own MkDocs settings, without
    its theme overrides and plugin; the navigation lists as many pages as a policy-site
    language has entries (home and one per policy). Returns its ``mkdocs.yml``.
    """
    docs = folder / "docs"
    langs = {lang.code: lang for lang in pick_languages(len(counts))}
    writer = Writer(random.Random(f"bare/{seed}"), words)
    templates = [writer.policy(i, policies) for i in range(min(policies, 10))]
    nav: list[dict[str, str]] = []
    for code, count in counts.items():
        lang = langs[code]
        texts = [render(t, lang, Style(), DEFAULT_AS_OF) for t in templates]
        (docs / code).mkdir(parents=True)
        for n in range(count):
            name = f"{code}/index.md" if n == 0 else f"{code}/page-{n:05d}.md"
            (docs / name).write_text(texts[n % len(texts)], encoding="utf-8")
            if len(nav) <= policies:
                nav.append({f"{code} {n}": name})
    config = load_config(repo / "site_config.yml")
    english = LanguageSite(lang="en", name="English", rtl=False, pages=(), nav=())
    ours: dict[str, Any] = _mkdocs_config(english, config, docs, folder / "site")
    settings = {
        "site_name": "Bare mkdocs-material",
        "docs_dir": str(docs),
        "site_dir": str(folder / "site"),
        "use_directory_urls": ours["use_directory_urls"],
        "theme": {k: v for k, v in ours["theme"].items() if k != "custom_dir"},
        "plugins": [p for p in ours["plugins"] if p != "policy-site"],
        "nav": nav,
        "validation": ours["validation"],
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def bare_build(config: Path) -> Process:
    """``mkdocs build`` of the bare project, from an empty site folder."""
    shutil.rmtree(config.parent / "site", ignore_errors=True)
    command = [*script("mkdocs", "mkdocs"), "build", "--quiet", "--config-file", str(config)]
    return run_process(command, cwd=config.parent)


def raw_git_floor(repo: Path) -> tuple[float, int]:
    """Seconds for ``git log --raw`` over the policies plus one ``cat-file --batch``; blobs."""
    start = time.perf_counter()
    command = ["git", "log", "--first-parent", "--raw", "-M", "--no-abbrev", "-z"]
    log = subprocess.run(
        [*command, "--format=%H", "--", "policies"],
        cwd=repo,
        env=git_env(),
        capture_output=True,
        check=True,
    ).stdout
    blobs = [
        sha
        for sha in re.findall(rb":\d{6} \d{6} [0-9a-f]{40} ([0-9a-f]{40}) [ACMR]", log)
        if sha.strip(b"0")
    ]
    contents = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=repo,
        env=git_env(),
        input=b"\n".join(blobs) + b"\n",
        capture_output=True,
        check=True,
    ).stdout
    seconds = time.perf_counter() - start
    assert len(contents) > 0
    return seconds, len(blobs)


def history_seconds(repo: Path) -> tuple[float, int]:
    """Seconds for ``read_history`` in this process, and the revisions it read."""
    start = time.perf_counter()
    history = read_history(load_config(repo / "site_config.yml"))
    return time.perf_counter() - start, len(history.revisions)


# --- The table ------------------------------------------------------------------------------


def machine() -> str:
    """CPU model, cores, Python and the tools' versions."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}" for name in ("mkdocs", "mkdocs-material")
    )
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    return (
        f"Machine: {model}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.system()} {platform.release()}; "
        f"{git_version.strip()}, {versions}; load average at start {load}"
    )


def median(values: Sequence[float]) -> float:
    """The median (of the repeated runs)."""
    return statistics.median(values)


def seconds(value: float) -> str:
    """A time, to three or four significant figures."""
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


def verdict(ok: bool) -> str:
    """The "met" column."""
    return "yes" if ok else "**no**"


def table(rows: list[tuple[str, ...]]) -> str:
    """A Markdown table; the first row is the header."""
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def progress(message: str) -> None:
    """A line on stderr."""
    print(message, file=sys.stderr, flush=True)


def timed(label: str, result: Process) -> Process:
    """Say how long ``result`` took, and return it."""
    progress(f"  {label}: {result.seconds:.2f} s, peak RSS {result.max_rss / MIB:.0f} MiB")
    return result


def benchmark(args: argparse.Namespace, work: Path) -> str:
    """Generate, measure, and return the report (machine, repository, table)."""
    policies, languages, versions, words = (
        args.policies,
        args.languages,
        args.versions,
        args.words,
    )
    progress(f"Generating P={policies} L={languages} V={versions} W={words} in {work}")
    start = time.perf_counter()
    repo = generate(
        work / "repo",
        policies=policies,
        languages=languages,
        versions=versions,
        words=words,
        seed=args.seed,
        as_of=args.as_of,
        pending_amendment=True,
    )
    generated = time.perf_counter() - start
    base = git(repo, "rev-parse", "HEAD")
    commits = int(git(repo, "rev-list", "--count", "HEAD"))
    codes = [lang.code for lang in pick_languages(languages)]
    output = work / "site"

    cold: list[Process] = []
    rebuild: list[Process] = []
    bare: list[Process] = []
    history: list[float] = []
    floor: list[float] = []
    counts: dict[str, int] = {}
    revisions = 0
    bare_config: Path | None = None
    for n in range(1, args.repeat + 1):
        progress(f"Run {n} of {args.repeat}")
        git(repo, "reset", "-q", "--hard", base)
        cold.append(timed("cold build", policy_site_build(repo, output, args.as_of, cold=True)))
        if bare_config is None:
            counts = pages_per_language(output, codes)
            bare_config = bare_project(work / "bare", repo, counts, policies, words, args.seed)
        bare.append(timed("bare mkdocs-material build", bare_build(bare_config)))
        history_time, revisions = history_seconds(repo)
        floor_time, blobs = raw_git_floor(repo)
        history.append(history_time)
        floor.append(floor_time)
        progress(f"  history: {history_time:.2f} s ({revisions} revisions)")
        progress(f"  raw git floor: {floor_time:.2f} s ({blobs} blobs)")
        git(repo, "reset", "-q", "--hard", "amendment")
        rebuild.append(timed("rebuild", policy_site_build(repo, output, args.as_of, cold=False)))
    git(repo, "reset", "-q", "--hard", base)
    quick = args.scale == "quick"
    diff_words = 2_000 if quick else 20_000
    progress(f"Diff: {diff_words:,}-word versions")
    diff = diff_bench.compare(diff_words, args.repeat if quick else max(args.repeat, 5))

    built = re.search(r"Built (\d+) pages", cold[0].stdout)
    pages = sum(counts.values())
    cold_s = median([p.seconds for p in cold])
    bare_s = median([p.seconds for p in bare])
    rebuild_s = median([p.seconds for p in rebuild])
    history_s, floor_s = median(history), median(floor)
    rss = median([p.max_rss for p in cold])
    bare_rss = median([p.max_rss for p in bare])
    sizes = (policies, languages, versions, words)
    at_large = all(x >= y for x, y in zip(sizes, SCALES["large"], strict=True))
    rss_met = verdict(rss < GIB) if at_large or rss >= GIB else "n/a (size)"
    rows: list[tuple[str, ...]] = [
        ("measurement", "policy-site", "baseline", "ratio", "target", "met"),
        (
            f"cold build ({pages:,} pages)",
            seconds(cold_s),
            f"bare mkdocs-material, same pages: {seconds(bare_s)}",
            f"{cold_s / bare_s:.2f}×",
            "≤ 1.0×",
            verdict(cold_s <= bare_s),
        ),
        (
            f"history extraction ({revisions:,} revisions)",
            seconds(history_s),
            f"raw git floor (log --raw + one cat-file --batch): {seconds(floor_s)}",
            f"{history_s / floor_s:.2f}×",
            "≤ 2×",
            verdict(history_s <= 2 * floor_s),
        ),
        (
            "rebuild after one amendment",
            seconds(rebuild_s),
            f"cold build: {seconds(cold_s)}",
            f"{rebuild_s / cold_s:.2f}×",
            "≤ 0.5×",
            verdict(rebuild_s <= 0.5 * cold_s),
        ),
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
        (
            "peak RSS of the cold build",
            f"{rss / MIB:,.0f} MiB",
            f"bare mkdocs-material build: {bare_rss / MIB:,.0f} MiB",
            f"{rss / bare_rss:.2f}×",
            "< 1 GiB at P=50, L=3, V=40",
            rss_met,
        ),
    ]
    files = len(git(repo, "ls-files", "policies").splitlines())
    lines = [
        machine(),
        f"Repository: P={policies} policies × L={languages} languages ({', '.join(codes)}) × "
        f"V={versions} versions × W≈{words} words, seed {args.seed}: {commits:,} commits, "
        f"{files} policy files, {revisions:,} revisions; generated in {generated:.1f} s. "
        f"Built as of {args.as_of.isoformat()}: "
        f"{built.group(1) if built else '?'} pages reported, {pages:,} index.html files.",
        f"Every figure is the median of {args.repeat} run(s) in this invocation "
        f"(diff: {diff.repeats}); ratios are against baselines measured in the same runs.",
        "",
        table(rows),
    ]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The options; sizes not given come from ``--scale``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser, defaults=False)
    parser.add_argument("--scale", choices=sorted(SCALES), default="default", help="sizes")
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes for a smoke run (--scale quick)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (3)")
    parser.add_argument(
        "--keep", type=Path, help="new or empty folder to keep the repository and sites in"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.scale = "quick"
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    for name, value in zip(
        ("policies", "languages", "versions", "words"), SCALES[args.scale], strict=True
    ):
        if getattr(args, name) is None:
            setattr(args, name, value)
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
