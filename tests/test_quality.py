"""The code stays clean: ruff (lint and format) and mypy --strict pass on the whole project."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", "generator", "tests", "benchmarks"],
        [sys.executable, "-m", "ruff", "format", "--check", "generator", "tests", "benchmarks"],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_static_checks_pass(command: list[str]) -> None:
    """Lint, formatting and strict typing report nothing."""
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_module_map_lists_every_module() -> None:
    """Each module of generator/ has its line in the README's module map."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Development") :]
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if path.name == "__init__.py":
            continue
        rel = path.relative_to(ROOT).as_posix()
        assert rel in section or f" {path.name}" in section, f"{rel} is missing from the map"


def test_every_row_of_what_happens_names_a_real_test() -> None:
    """Each test the README's "What happens when…" table names exists in tests/."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## What happens when") : readme.index("## Checking before")]
    named = set(re.findall(r"`(test_\w+)`", table))
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    assert len(named) >= 15
    assert {name for name in named if f"def {name}(" not in sources} == set()
