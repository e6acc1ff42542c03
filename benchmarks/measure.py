"""The benchmark's measurements: builds as subprocesses, the bare MkDocs baseline, git floors.

Each function measures one thing and returns plain figures; ``run.py`` repeats them per
shape and prints the tables.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks.generate import DEFAULT_AS_OF, Style, Writer, git_env, pick_languages, render
from generator.config.loading import load_config
from generator.history.repository import read_history
from generator.output.writer import mkdocs_settings  # the baseline uses the same settings

#: The content cache policy-site keeps in the repository (deleted before every cold build).
CACHE_DIR = ".policy-site-cache"
#: The checkout measured: its ``generator`` comes first on every subprocess's path.
ROOT = Path(__file__).resolve().parent.parent


def environment() -> dict[str, str]:
    """git's fixed identity, and this checkout first on Python's path."""
    env = git_env()
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH", "")])]
    )
    return env


@dataclass(frozen=True)
class Process:
    """One finished subprocess: wall time, peak memory, what it printed."""

    seconds: float
    max_rss: int
    """Bytes: the largest single process's peak resident memory (``os.wait4``: the process
    or one of the children it waited for)."""
    stdout: str
    stderr: str = ""
    cpu_seconds: float = 0.0
    """User and system time of the process and its children (a busy machine stretches the
    wall time of each build differently; the work done varies far less)."""
    tree_pss: int = 0
    """Bytes: the peak, over time, of the proportional set size of every process the
    command started, added up (pages shared by forked workers counted once, in shares):
    what the machine had to hold at once. 0 where ``/proc`` cannot tell."""
    tree_rss: int = 0
    """Bytes: the peak of the same processes' resident sizes added up (pages they share
    counted in each: an upper bound)."""
    processes: int = 0
    """The most processes of the tree seen at once."""
    returncode: int = 0

    @property
    def memory(self) -> int:
        """Peak memory of the whole process tree where known (PSS), else of its largest
        process."""
        return self.tree_pss or self.max_rss


PROC = Path("/proc")
#: How often the process tree's memory is read (seconds).
SAMPLE_INTERVAL = 0.05


def _children(pid: int) -> list[int]:
    """The children of ``pid`` (every thread's), from ``/proc``."""
    found: list[int] = []
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and every process descended from it, now."""
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        pending += _children(current)
    return tree


def _memory_of(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes, from ``smaps_rollup`` (0, 0 once it has gone)."""
    rss = pss = 0
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


class TreeMemory:
    """Samples the memory of a process tree from a thread until :meth:`stop`."""

    def __init__(self, pid: int, interval: float = SAMPLE_INTERVAL) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_pss = self.peak_rss = self.peak_processes = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.available = (PROC / str(os.getpid()) / "smaps_rollup").exists()

    def __enter__(self) -> TreeMemory:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        if self.available:
            self._thread.join()

    def sample(self) -> None:
        """Read the tree's memory once and keep the peaks."""
        tree = process_tree(self.pid)
        sizes = [_memory_of(pid) for pid in tree]
        self.peak_rss = max(self.peak_rss, sum(rss for rss, _pss in sizes))
        self.peak_pss = max(self.peak_pss, sum(pss for _rss, pss in sizes))
        self.peak_processes = max(self.peak_processes, sum(1 for rss, _pss in sizes if rss))

    def _run(self) -> None:
        while not self._done.is_set():
            self.sample()
            self._done.wait(self.interval)


def run_process(
    command: Sequence[str], cwd: Path, ok: Sequence[int] = (0,), env: dict[str, str] | None = None
) -> Process:
    """Run ``command``; its wall and CPU time and peak memory (its largest process, and the
    whole tree it starts). Raises with its stderr when it exits other than ``ok``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env or environment(), stdout=out, stderr=err
        )
        with TreeMemory(process.pid) as tree:
            _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode not in ok:
            tail = err.read().decode(errors="replace")[-4000:]
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{tail}")
        return Process(
            seconds,
            usage.ru_maxrss * 1024,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
            usage.ru_utime + usage.ru_stime,
            tree.peak_pss,
            tree.peak_rss,
            tree.peak_processes,
            process.returncode,
        )


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


def policy_site_build(
    repo: Path, output: Path, as_of: dt.date, cold: bool, config: str = "site_config.yml"
) -> Process:
    """``policy-site build --verbose`` into ``output`` (its stage lines on stderr); a cold
    build deletes the content cache first."""
    if cold:
        shutil.rmtree(repo / CACHE_DIR, ignore_errors=True)
        shutil.rmtree(output, ignore_errors=True)
    command = [sys.executable, "-m", "generator.cli", "build", "--verbose"]
    command += ["--config", str(repo / config), "--output", str(output)]
    return run_process([*command, "--as-of", as_of.isoformat()], cwd=repo)


def without_compare_pages(repo: Path) -> str:
    """A configuration beside ``site_config.yml`` with ``compare.all_pairs_up_to: 0``
    (each version compared with the two before it, the first and the one in force);
    returns its file name."""
    settings = yaml.safe_load((repo / "site_config.yml").read_text(encoding="utf-8"))
    settings["compare"] = {**settings.get("compare", {}), "all_pairs_up_to": 0}
    name = "site_config.no-pairs.yml"
    (repo / name).write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return name


#: A stage line of ``build --verbose``: "  pages     2144 pages, 31 other files (9.6 s)".
_STAGE = re.compile(r"^\s+(\w+)\s.*\((\d+(?:\.\d+)?) s, \d+ s in all\)$", re.MULTILINE)
#: A part's line also says the processor time its worker spent on the site model.
_PART_MODEL = re.compile(r"^\s+part\s.*\(site model (\d+(?:\.\d+)?) s\)", re.MULTILINE)
#: The stages that make the site model: documents and versions, then every page in memory.
MODEL_STAGES = ("versions", "pages")


def stage_seconds(build: Process) -> dict[str, float]:
    """Seconds per stage, read from the build's progress lines."""
    return {name: float(value) for name, value in _STAGE.findall(build.stdout + build.stderr)}


def model_share(build: Process) -> float:
    """The share of the build's processor time spent making the site model (0 when unknown):
    the versions and addresses stages, and each part's pages (parts run in parallel, so
    processor time, not wall time, is what adds up)."""
    stages = stage_seconds(build)
    model = sum(stages.get(name, 0.0) for name in MODEL_STAGES)
    model += sum(float(seconds) for seconds in _PART_MODEL.findall(build.stdout + build.stderr))
    total = build.cpu_seconds or build.seconds
    return min(model / total, 1.0) if total else 0.0


def is_page(path: Path) -> bool:
    """An ``index.html`` MkDocs rendered, not one of the small redirects that keep former
    and no longer offered addresses (a bare site has none of those)."""
    return b'http-equiv="refresh"' not in path.read_bytes()[:2048]


def comparison_pages(output: Path) -> int:
    """Pages ``compare/<old>...<new>/`` the build wrote (redirects aside)."""
    return sum(
        1
        for page in output.glob("*/**/compare/*/index.html")
        if "..." in page.parent.name and is_page(page)
    )


def pages_per_language(output: Path, codes: Sequence[str]) -> dict[str, int]:
    """Pages (``index.html`` files, redirects aside) the build wrote per language; the rest
    count as the first."""
    counts = {code: sum(map(is_page, (output / code).rglob("index.html"))) for code in codes}
    counts[codes[0]] += sum(map(is_page, output.rglob("index.html"))) - sum(counts.values())
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
    ours: dict[str, Any] = mkdocs_settings("en", (), config, docs, folder / "site")
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


@dataclass(frozen=True)
class GitFloor:
    """What git alone takes to give every change and every text of a history."""

    seconds: float
    cpu_seconds: float
    """User and system time of the two git processes."""
    blobs: int
    """Distinct blobs the log named (every added or modified file's content)."""
    bytes: int
    """What ``cat-file --batch`` sent back."""


def raw_git_floor(repo: Path, folder: str = "policies") -> GitFloor:
    """``git log --raw`` over ``folder`` plus every blob it names through one
    ``cat-file --batch`` (its answers read and dropped as they come)."""
    start = time.perf_counter()
    command = ["git", "log", "--first-parent", "--raw", "-M", "--no-abbrev", "-z"]
    log = subprocess.Popen(
        [*command, "--format=%H", "--", folder], cwd=repo, env=git_env(), stdout=subprocess.PIPE
    )
    assert log.stdout is not None
    raw = log.stdout.read()
    _pid, _status, log_usage = os.wait4(log.pid, 0)
    # Each blob once: a text that comes back is read once by policy-site too.
    named = re.findall(rb":\d{6} \d{6} [0-9a-f]{40} ([0-9a-f]{40}) [ACMR]", raw)
    blobs = list(dict.fromkeys(sha for sha in named if sha.strip(b"0")))
    cat = subprocess.Popen(
        ["git", "cat-file", "--batch"],
        cwd=repo,
        env=git_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert cat.stdin is not None
    assert cat.stdout is not None
    requests = b"\n".join(blobs) + b"\n"

    def send() -> None:
        assert cat.stdin is not None
        cat.stdin.write(requests)
        cat.stdin.close()

    writer = threading.Thread(target=send, daemon=True)
    writer.start()
    size = 0
    while chunk := cat.stdout.read(1 << 20):
        size += len(chunk)
    writer.join()
    _pid, _status, cat_usage = os.wait4(cat.pid, 0)
    seconds = time.perf_counter() - start
    cpu = sum(u.ru_utime + u.ru_stime for u in (log_usage, cat_usage))
    assert size > 0
    return GitFloor(seconds, cpu, len(blobs), size)


def history_seconds(repo: Path) -> tuple[float, int]:
    """Seconds for ``read_history`` in this process, and the revisions it read."""
    start = time.perf_counter()
    history = read_history(load_config(repo / "site_config.yml"))
    return time.perf_counter() - start, len(history.revisions)
