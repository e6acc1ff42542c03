"""The benchmark report's pieces: the machine, times, verdicts, Markdown tables, progress."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
import sys
from pathlib import Path


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
