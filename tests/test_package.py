"""The package carries everything a build needs: a wheel, installed (not editable) into a
fresh virtual environment, starts a new site and builds it, far from this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import GIT_IDENTITY, ROOT, TOOL_FILES


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command; fail the test with its output when it fails."""
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        # Without PYTHONPATH: a source tree put first on the path would answer the import.
        env={
            **{k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
            **GIT_IDENTITY,
            **(env or {}),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _not_sources(folder: str, names: list[str]) -> set[str]:
    """What a copy of the sources leaves out: tools' files, and builds at the top."""
    top = {"site", "build", "dist", ".policy-site-cache"} if Path(folder) == ROOT else set()
    return {n for n in names if n in TOOL_FILES or n in top or n.endswith(".egg-info")}


_PURELIB = "import sysconfig; print(sysconfig.get_paths()['purelib'])"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with policy-site installed from a freshly built wheel (its
    dependencies taken from this environment, so that nothing else is downloaded)."""
    root = tmp_path_factory.mktemp("package")
    # A copy of the sources: building a wheel writes build/ and *.egg-info beside them.
    source = root / "source"
    shutil.copytree(ROOT, source, ignore=_not_sources)
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        root / "dist",
        source,
        cwd=root,
    )
    (wheel,) = (root / "dist").glob("policy_site-*.whl")
    venv = root / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=root)
    # This environment's packages, seen after the venv's own: --system-site-packages would
    # give the base interpreter's (a bare system Python's, when the tests run in a venv),
    # and this environment's .pth files (the editable install of these sources) stay unread.
    inner = run(venv / "bin/python", "-c", _PURELIB, cwd=root).strip()
    outer = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    (Path(inner) / "tested-environment.pth").write_text("".join(f"{p}\n" for p in sorted(outer)))
    run(venv / "bin/python", "-m", "pip", "install", "-q", "--no-deps", wheel, cwd=root)
    return venv


def test_the_wheel_is_what_runs(installed: Path) -> None:
    """The installed package, not this source tree, answers the import."""
    where = run(
        installed / "bin/python", "-c", "import generator; print(generator.__file__)", cwd=installed
    )
    assert where.strip().startswith(str(installed))


def test_installed_package_starts_and_builds_a_new_site(installed: Path, tmp_path: Path) -> None:
    """policy-site new, a first commit, policy-site build: a site, from the wheel alone."""
    site = tmp_path / "our-policies"
    run(
        installed / "bin/policy-site",
        "new",
        site,
        "--lang",
        "en,fr",
        "--effective",
        "2026-01-01",
        cwd=tmp_path,
    )
    run("git", "init", "-q", "-b", "main", cwd=site)
    run("git", "add", "-A", cwd=site)
    run("git", "commit", "-q", "-m", "Start the policy site", cwd=site)
    run(installed / "bin/policy-site", "build", "--as-of", "2026-02-01", cwd=site)
    for page in ("en/privacy/index.html", "fr/privacy/index.html", "en/privacy/history/index.html"):
        assert (site / "site" / page).is_file(), page
    css = (site / "site/en/assets/redline.css").read_text(encoding="utf-8")
    assert "ps-ins" in css


def test_a_site_theme_folder_overrides_the_packaged_one(installed: Path, tmp_path: Path) -> None:
    """A site's own theme/ folder adds its CSS and logo and overrides a template partial."""
    site = tmp_path / "themed"
    run(installed / "bin/policy-site", "new", site, "--effective", "2026-01-01", cwd=tmp_path)
    (site / "theme/assets").mkdir(parents=True)
    (site / "theme/assets/extra.css").write_text(
        ":root { --md-primary-fg-color: #7b1fa2; }\n", encoding="utf-8"
    )
    (site / "theme/assets/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"/>\n', encoding="utf-8"
    )
    (site / "theme/partials").mkdir()
    (site / "theme/partials/copyright.html").write_text(
        '<div class="md-copyright">© Our own footer</div>\n', encoding="utf-8"
    )
    run("git", "init", "-q", "-b", "main", cwd=site)
    run("git", "add", "-A", cwd=site)
    run("git", "commit", "-q", "-m", "Start, with our colours", cwd=site)
    run(installed / "bin/policy-site", "build", "--as-of", "2026-02-01", cwd=site)
    page = (site / "site/en/privacy/index.html").read_text(encoding="utf-8")
    assert "assets/extra.css" in page
    assert "assets/logo.svg" in page
    assert "© Our own footer" in page
    assert "assets/redline.css" in page  # the packaged theme is still there underneath
    assert (site / "site/en/assets/extra.css").is_file()
