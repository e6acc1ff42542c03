"""The GitHub workflows: actionlint accepts them, this repository's copies are the scaffold's,
and the pull-request job's commands run as written on a repository with an amendment."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import __version__
from generator.commands.new import (
    TEMPLATE_INSTALL,
    WORKFLOWS,
    install_line,
    new_site,
    scaffold_files,
    workflow_template,
)
from tests.conftest import ROOT, git

REPO_WORKFLOWS = ROOT / ".github" / "workflows"
SCAFFOLD_WORKFLOWS = ROOT / "generator" / "scaffold" / "workflows"
#: This repository installs itself; editable, because the theme folder lives beside the package.
REPO_INSTALL = "run: pip install -e ."
ALL_WORKFLOWS = sorted(REPO_WORKFLOWS.glob("*.yml")) + sorted(SCAFFOLD_WORKFLOWS.glob("*.yml"))
EN = "policies/privacy/en.md"


def actionlint() -> str:
    """The actionlint command of the test extra (beside this Python, or on PATH)."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    assert found, "actionlint is missing: pip install -e '.[test]'"
    return found


def load(path: Path) -> dict[str, Any]:
    """A workflow as data; PyYAML reads the key 'on' as True, so it is renamed back."""
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


@dataclass(frozen=True)
class Step:
    """One 'run:' step of a job, with the environment the workflow gives it."""

    name: str
    run: str
    env: dict[str, str]


def run_steps(workflow: Path, job: str) -> list[Step]:
    """The 'run:' steps of ``job``, in order, with workflow, job and step ``env:`` merged."""
    data = load(workflow)
    spec = data["jobs"][job]
    steps = []
    for step in spec["steps"]:
        if "run" in step:
            env = {**data.get("env", {}), **spec.get("env", {}), **step.get("env", {})}
            steps.append(Step(step.get("name", step["run"]), step["run"], env))
    return steps


def execute(step: Step, repo: Path, summary: Path) -> subprocess.CompletedProcess[str]:
    """Run a step as a GitHub runner does (bash -eo pipefail), with the pull-request context."""
    assert "${{" not in step.run, f"'{step.name}' pastes an expression into its script"
    env = {
        **os.environ,
        **step.env,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.run],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone of a new site with a branch that corrects the English policy (30 → 14 days)."""
    upstream = tmp_path / "upstream"
    new_site(upstream, languages=("en", "fr"), effective=dt.date(2026, 1, 1))
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "Start the policy site", date="2025-11-20")
    git(tmp_path, "clone", "-q", str(upstream), "work")
    repo = tmp_path / "work"
    git(repo, "checkout", "-q", "-b", "shorter-log-retention")
    text = (repo / EN).read_text(encoding="utf-8")
    assert "We keep it for 30 days." in text
    (repo / EN).write_text(text.replace("for 30 days.", "for 14 days."), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Keep technical information for 14 days", date="2026-02-01")
    return repo


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_actionlint_accepts_the_workflow(path: Path) -> None:
    """actionlint (with shellcheck, where installed) finds nothing in the workflow."""
    result = subprocess.run(
        [actionlint(), "-no-color", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_accepts_the_workflows_new_writes(tmp_path: Path) -> None:
    """The workflows of a new site, with their pinned install line, pass actionlint too."""
    made = new_site(tmp_path, effective=dt.date(2026, 1, 1))
    paths = [str(tmp_path / p) for p in made.files if p.parts[:2] == (".github", "workflows")]
    assert len(paths) == len(WORKFLOWS)
    result = subprocess.run(
        [actionlint(), "-no-color", *paths], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", WORKFLOWS)
def test_repository_workflows_are_the_scaffold_s(name: str) -> None:
    """.github/workflows/ holds the scaffold's workflows, with only the install lines changed."""
    template = workflow_template(name)
    assert [line.strip() for line in template.splitlines()].count(TEMPLATE_INSTALL) >= 1
    expected = template.replace(TEMPLATE_INSTALL, REPO_INSTALL)
    assert (REPO_WORKFLOWS / name).read_text(encoding="utf-8") == expected, (
        f"copy generator/scaffold/workflows/{name} to .github/workflows/{name}, "
        f"with '{REPO_INSTALL}' as its install line"
    )


@pytest.mark.parametrize("name", WORKFLOWS)
def test_new_writes_the_scaffold_workflows_pinned(name: str) -> None:
    """A new site's workflows are the templates, installing the policy-site that made them."""
    files = scaffold_files(languages=("en",), title="P", effective=dt.date(2026, 1, 1))
    assert install_line() == f"run: pip install policy-site=={__version__}"
    expected = workflow_template(name).replace(TEMPLATE_INSTALL, install_line())
    assert files[f".github/workflows/{name}"] == expected


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_expression_is_pasted_into_a_script(path: Path) -> None:
    """No 'run:' script holds a ${{ }} expression: contexts reach scripts as env variables."""
    data = load(path)
    for job in data["jobs"]:
        for step in run_steps(path, job):
            assert "${{" not in step.run, f"{job}: {step.name}"
    assert data["permissions"] == {"contents": "read"}


def test_check_workflow_checks_and_redlines_pull_requests() -> None:
    """check.yml: pull requests touching policies or config; full history; annotations; redline."""
    path = SCAFFOLD_WORKFLOWS / "check.yml"
    data = load(path)
    assert set(data["on"]) == {"pull_request"}
    assert set(data["on"]["pull_request"]["paths"]) == {"policies/**", "site_config.yml"}
    steps = data["jobs"]["check"]["steps"]
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    runs = [s.run for s in run_steps(path, "check")]
    assert runs == [
        "pip install policy-site",
        'policy-site check --since "origin/$GITHUB_BASE_REF" --previous live --format github',
        'policy-site diff --since "origin/$GITHUB_BASE_REF" --format markdown'
        ' >> "$GITHUB_STEP_SUMMARY"',
    ]


def test_publish_workflow_deploys_pages_daily_and_on_merge() -> None:
    """publish.yml: push to main, a daily run, by hand; check, build (one job, or a matrix
    of shards and an assemble job), then a Pages deploy job."""
    path = SCAFFOLD_WORKFLOWS / "publish.yml"
    data = load(path)
    on = data["on"]
    assert on["push"]["branches"] == ["main"]
    assert re.fullmatch(r"\d{1,2} 0 \* \* \*", on["schedule"][0]["cron"])
    assert "workflow_dispatch" in on
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert data["env"] == {"shards": 1}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert build["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.plan.outputs.list) }}"
    uses = {s["uses"].split("@")[0]: s for s in build["steps"] if "uses" in s}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert uses["actions/upload-artifact"]["with"]["include-hidden-files"] is True
    cache = uses["actions/cache"]["with"]
    assert cache["path"] == ".policy-site-cache"
    assert "hashFiles('site_config.yml', '.github/workflows/publish.yml')" in cache["key"]
    assert "actions/configure-pages" in uses
    runs = [s.run for s in run_steps(path, "build")]
    assert runs[:2] == ["pip install policy-site", "policy-site check"]
    assert "policy-site build --previous live --output site" in runs[2]
    assert (
        'policy-site build --previous live --shard "$SHARD/$SHARDS" --output "part-$SHARD"'
        in runs[2]
    )
    assert [s.run for s in run_steps(path, "assemble")] == [
        "pip install policy-site",
        "policy-site assemble parts/part-* --output site",
    ]
    assert deploy["needs"] == ["build", "assemble"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write", "contents": "read"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize(
    ("shards", "outputs"),
    [("1", "shards=1\nlist=[1]\n"), ("4", "shards=4\nlist=[1,2,3,4]\n"), ("0", None), ("x", None)],
)
def test_publish_plan_step_makes_the_matrix(
    shards: str, outputs: str | None, tmp_path: Path
) -> None:
    """The plan job turns the shards setting into the matrix's list, and refuses anything
    but a whole number from 1 to 64 with a message."""
    (step,) = run_steps(SCAFFOLD_WORKFLOWS / "publish.yml", "plan")
    out = tmp_path / "outputs"
    out.touch()
    env = {**os.environ, "shards": shards, "GITHUB_OUTPUT": str(out)}
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.run],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if outputs is None:
        assert result.returncode == 1
        assert "must be a whole number from 1 to 64" in result.stdout
    else:
        assert result.returncode == 0, result.stderr
        assert out.read_text() == outputs


def test_pull_request_check_step_runs_and_annotates(pull_request: Path, tmp_path: Path) -> None:
    """The PR job's check command passes on a correction and annotates a broken link's line."""
    (step,) = [
        s
        for s in run_steps(pull_request / ".github/workflows/check.yml", "check")
        if "policy-site check" in s.run
    ]
    summary = tmp_path / "summary.md"
    result = execute(step, pull_request, summary)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout

    text = (pull_request / EN).read_text(encoding="utf-8")
    text += "\nSee also our [cookie policy](../cookies/).\n"
    (pull_request / EN).write_text(text, encoding="utf-8")
    git(pull_request, "commit", "-q", "-am", "Link the cookie policy", date="2026-02-02")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "../cookies/" in s)
    result = execute(step, pull_request, summary)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"::error file={EN},line={line}," in result.stdout


def test_pull_request_job_runs_locally_and_writes_the_redline(
    pull_request: Path, tmp_path: Path
) -> None:
    """Every PR-job command (but pip install) succeeds; the step summary holds the redline."""
    summary = tmp_path / "summary.md"
    steps = run_steps(pull_request / ".github/workflows/check.yml", "check")
    for step in steps:
        if step.run.startswith("pip install"):
            continue  # policy-site is installed already: this very checkout
        result = execute(step, pull_request, summary)
        assert result.returncode == 0, f"{step.name}:\n{result.stdout}{result.stderr}"
    redline = summary.read_text(encoding="utf-8")
    assert "privacy" in redline
    assert re.search(r"<del[^>]*>\s*30\s*</del>", redline), redline
    assert re.search(r"<ins[^>]*>\s*14\s*</ins>", redline), redline
