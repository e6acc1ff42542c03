"""The code stays clean: ruff (lint and format) and mypy --strict pass on the whole project."""

from __future__ import annotations

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
