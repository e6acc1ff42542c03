"""The one reader of expected files: fixture cases, golden trees, and their regeneration.

Expected files are the specification. After a deliberate change of behaviour, regenerate
every one of them with one command and review the difference before committing::

    POLICY_SITE_REGENERATE=1 pytest tests/test_golden.py tests/test_diff.py
    git diff tests/golden tests/fixtures
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
#: Set by the documented command above: expected files are rewritten from the output.
REGENERATE = bool(os.environ.get("POLICY_SITE_REGENERATE"))


def cases(kind: str, marker: str) -> list[str]:
    """The case folders under ``tests/fixtures/<kind>/`` that hold a ``marker`` file."""
    folder = FIXTURES / kind
    return sorted(path.name for path in folder.iterdir() if (path / marker).exists())


def read_case(kind: str, case: str, name: str) -> str:
    """One input file of a fixture case."""
    return (FIXTURES / kind / case / name).read_text(encoding="utf-8")


def assert_expected(path: Path, actual: str) -> None:
    """``actual`` equals the expected file at ``path`` (rewritten first when regenerating)."""
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing; see tests/expected.py to regenerate it"
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs from the output"


def assert_expected_tree(folder: Path, actual: dict[str, str]) -> None:
    """Every file of ``actual`` (path → text) equals its copy under ``folder``, and
    ``folder`` holds no other file (rewritten first when regenerating)."""
    if REGENERATE:
        shutil.rmtree(folder, ignore_errors=True)
    for rel, text in actual.items():
        assert_expected(folder / rel, text)
    expected = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert expected == sorted(actual), "files were added or removed; see tests/expected.py"
