"""Every command the README shows is run by a test: the quick start in a fresh clone, in a
virtual environment of its own, as a new user runs it; the commands of "Publish your own
policies", "Publishing an existing repository" and "Seeing an amendment's redline" as they
are written; the others by the tests named in :data:`RUN_BY`. A command added to the
README that no test runs fails :func:`test_every_command_the_readme_shows_is_run_by_a_test`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GIT_IDENTITY, ROOT, attr, soup

README = (ROOT / "README.md").read_text(encoding="utf-8")
QUICK_BUILD = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && policy-site build"
)
QUICK_TEST = "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest"
ACTIVATE = ". .venv/bin/activate && "


def readme_commands(text: str = README) -> list[str]:
    """The commands ``text`` shows: every line of its ``sh`` blocks, the ``policy-site``
    lines of its other blocks (indented ones in a list too), and the commands in its inline
    code, comments left out; synopses (``[--option]``) are not commands."""
    found = []
    for block in re.finditer(r"^[ \t]*```(\w*)\n(.*?)^[ \t]*```", text, re.S | re.M):
        for line in block[2].splitlines():
            line = re.sub(r"\s+#.*$", "", line.strip())
            shown = line.startswith("policy-site ") and "[" not in line
            if line and (block[1] == "sh" or (block[1] != "markdown" and shown)):
                found.append(line)
    prose = re.sub(r"^[ \t]*```.*?^[ \t]*```", "", text, flags=re.S | re.M)
    for span in re.finditer(r"`([^`]+)`", prose):
        command = " ".join(span[1].split())
        synopsis = "[" in re.sub(r"\[(pdf|test)\]", "", command)
        runnable = re.match(r"(policy-site |cd |python3? |git show |bash |pip install )", command)
        if runnable and not synopsis:
            found.append(command)
    return list(dict.fromkeys(found))


#: The examples of "Seeing an amendment's redline", run as written in the example's clone.
DIFF_EXAMPLES = (
    "policy-site diff privacy",
    "policy-site diff privacy 2025-02-01 2025-10-01",
    "policy-site diff privacy 276d00f working --lang es --format markdown",
    "policy-site diff policies/privacy/es.md",
)
#: Each command the README shows, with the test that runs it (here or elsewhere).
RUN_BY: dict[str, str] = {
    QUICK_BUILD: "test_the_quick_start_builds_the_example_in_a_fresh_clone",
    QUICK_TEST: "test_ci_runs_the_readmes_test_command_exactly",
    "policy-site build": "test_the_quick_start_builds_the_example_in_a_fresh_clone",
    "policy-site build --as-of 2028-01-15": "test_the_readmes_commands_run_in_the_clone",
    "policy-site --version": "test_the_readmes_commands_run_in_the_clone",
    "policy-site check": "test_the_readmes_commands_run_in_the_clone",
    "policy-site diff privacy": "test_the_readmes_commands_run_in_the_clone",
    "policy-site diff privacy 2025-02-01 2025-10-01": "test_the_readmes_commands_run_in_the_clone",
    "policy-site diff privacy 276d00f working --lang es --format markdown": (
        "test_the_readmes_commands_run_in_the_clone"
    ),
    "policy-site diff policies/privacy/es.md": "test_the_readmes_commands_run_in_the_clone",
    "git show <source_commit>:<source_path> | sha256sum": (
        "test_the_readmes_commands_run_in_the_clone"
    ),
    'policy-site new our-policies --lang en,fr --title "Example Policies"': (
        "test_publishing_your_own_policies_as_the_readme_says"
    ),
    'cd our-policies && git init -b main && git add -A && git commit -m "Start the policy site"': (
        "test_publishing_your_own_policies_as_the_readme_says"
    ),
    "cd our-policies && policy-site init && policy-site build": (
        "test_publishing_an_existing_repository_as_the_readme_says"
    ),
    "policy-site init": "test_publishing_an_existing_repository_as_the_readme_says",
    "policy-site words sw": "test_the_readmes_words_commands_run_as_written",
    "policy-site words de --all": "test_the_readmes_words_commands_run_as_written",
    "policy-site serve": "test_serve_previews_drafts_rebuilds_and_stops_cleanly",
    "policy-site new": "test_new_site_builds_and_passes_check",
    "policy-site new --pdf": "test_pdf_question_turns_pdfs_on_and_installs_the_extra",
    "policy-site diff": "test_default_compares_the_version_before_with_the_latest",
    "policy-site diff --since": "test_since_shows_every_policy_changed_in_the_range",
    "policy-site diff --since REV": "test_diff_since_shows_what_the_correction_added",
    "policy-site diff POLICY OLD NEW": "test_commits_can_be_named",
    'policy-site check --since "origin/$GITHUB_BASE_REF" --previous live --format github': (
        "test_pull_request_check_step_runs_and_annotates"
    ),
    "policy-site build --previous live --output site": (
        "test_publishing_your_own_policies_as_the_readme_says"
    ),
    "git show <commit>:<path> | sha256sum": "test_the_readmes_commands_run_in_the_clone",
    "policy-site diff --since … --format markdown": (
        "test_pull_request_job_runs_locally_and_writes_the_redline"
    ),
    "policy-site build --shard K/4": "test_progress_lines_reach_a_pipe_while_the_build_runs",
    "policy-site build --shard K/N --output part-K": (
        "test_progress_lines_reach_a_pipe_while_the_build_runs"
    ),
    "policy-site assemble": "test_a_missing_or_doubled_shard_is_named",
    "policy-site assemble part-1 … part-N --output site": "test_a_missing_or_doubled_shard_is_named",
    "policy-site diff ../../secret": "test_diff_refuses_a_path_outside_the_policies_folder",
    "policy-site diff privacy 2024-02-30": "test_diff_with_an_impossible_day_says_why",
    "policy-site diff privacy COMMIT working --lang es": (
        "test_diff_at_a_commit_that_changed_another_language"
    ),
    "policy-site build --verbose --as-of … --output …": (
        "test_progress_lines_and_warnings_once_at_the_end"
    ),
    "python benchmarks/run.py --quick --repeat 1": "test_run_quick_measures_every_shape_and_every_row",
    "python benchmarks/run.py --quick": "test_run_quick_measures_every_shape_and_every_row",
    "python benchmarks/generate.py /tmp/policies -P 20 -L 3 -V 15 -W 3000 --seed 1": (
        "test_same_seed_same_repository"
    ),
}
#: Commands the README shows that no test runs as they are, and why.
NOT_RUN: dict[str, str] = {
    "bash .ci/run": "it runs the whole suite; test_ci_runs_the_readmes_test_command_exactly "
    "checks that it runs the quick start's test command",
    "pip install policy-site": "an installation from a package registry; test_package "
    "installs the package built from these sources",
    "pip install 'policy-site[pdf]'": "an installation; the test extra holds WeasyPrint, "
    "and test_pdf_true_without_the_extra_names_it shows what happens without it",
    "python benchmarks/run.py": "hours on 2 cores; benchmarks run by hand, at tiny sizes in tests",
    "python benchmarks/run.py --shape 10,2,10,2000 --repeat 1": "a benchmark at full size",
    "python benchmarks/run.py --scale large --repeat 1": "a benchmark at full size",
    "python benchmarks/run.py --with-scale": "a benchmark at full size",
    "python benchmarks/scale.py -P 8 -V 12 -W 1200": "a benchmark (about 2 minutes)",
    "python benchmarks/scale.py -P 50 -V 40 --shards 4": "a benchmark at full size (hours)",
    "python benchmarks/diff_bench.py": "a benchmark; the diff's bounds are tested in test_diff",
    "python benchmarks/pdf_bench.py -P 3 -L 3 -V 5 -W 3000": "a benchmark of PDF layout time",
    "python -m tests.screenshots": "it rewrites the README's screenshots in the checkout",
    "python benchmarks/site_size.py": "a benchmark at full size (hours); "
    "test_site_size_measures_and_extrapolates runs its parts at a tiny size",
    "python benchmarks/site_size.py -L 2": "a benchmark (70 policies); "
    "test_site_size_measures_and_extrapolates runs its parts at a tiny size",
}


def test_every_command_the_readme_shows_is_run_by_a_test() -> None:
    """Each command in the README is run by a named test that exists (or is one of the few
    benchmarks and installations listed as not run, with why); no entry is stale."""
    shown = readme_commands()
    assert QUICK_BUILD in shown
    assert QUICK_TEST in shown
    assert sorted(set(shown) - RUN_BY.keys() - NOT_RUN.keys()) == []
    assert sorted((RUN_BY.keys() | NOT_RUN.keys()) - set(shown)) == []
    defined = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    missing = sorted({t for t in RUN_BY.values() if f"def {t}(" not in defined})
    assert missing == []


def test_ci_runs_the_readmes_test_command_exactly() -> None:
    """.ci/run runs the quick start's test command as it is written (its second command),
    treats pytest's exit code 5 (no test collected) as a failure, installs with apt-get
    what the tests need, and is valid bash."""
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert QUICK_TEST in script.splitlines()
    assert re.search(r'if \[ "\$status" -eq 5 \]; then\n.*\n\s+exit 1', script)
    assert "apt-get update && apt-get install -y $SYSTEM_PACKAGES" in script
    for package in ("python3-venv", "chromium", "fonts-noto-cjk", "libharfbuzz-subset0"):
        assert package in script
    assert "pip install --upgrade pip" not in script.replace("--quiet ", "")
    subprocess.run(["bash", "-n", str(ROOT / ".ci/run")], check=True)


def _environment(*, outer: bool) -> dict[str, str]:
    """The environment a user's shell gives: git's fixed identity; with ``outer``, this
    test run's own ``policy-site`` first on the path, else no virtual environment at all."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(GIT_IDENTITY)
    if outer:
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    else:
        inside = str(Path(sys.prefix) / "bin")
        env["PATH"] = os.pathsep.join(
            p for p in env.get("PATH", "").split(os.pathsep) if p != inside
        )
    return env


def shell(command: str, cwd: Path, *, outer: bool = False) -> str:
    """Run ``command`` as the README writes it, in bash; its output (the test fails with
    everything it said when it fails)."""
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=cwd,
        env=_environment(outer=outer),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh clone of this repository (its committed history), after the quick start's
    first command, run as written, without any virtual environment active."""
    where = tmp_path_factory.mktemp("readme") / "policy-site"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(where)], check=True)
    shell(QUICK_BUILD, where)
    return where


def test_the_quick_start_builds_the_example_in_a_fresh_clone(clone: Path) -> None:
    """In a fresh clone, the quick start's first command makes .venv, installs the tool in
    it and builds the example site into ./site (three languages); the clone's git status
    stays clean."""
    assert (clone / ".venv/bin/policy-site").is_file()
    for lang in ("en", "es", "zh"):
        assert (clone / f"site/{lang}/privacy/index.html").is_file()
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True
    )
    assert status.stdout == ""


def test_the_readmes_commands_run_in_the_clone(clone: Path) -> None:
    """In the clone, with its .venv: build --as-of 2028-01-15 shows the amendment of that
    day in force; check passes; each diff example works (the --lang es one too); the
    verification of a version's source with git show gives the SHA-256 the API and the
    publication record list."""
    assert shell(ACTIVATE + "policy-site --version", clone).startswith("policy-site ")
    shell(ACTIVATE + "policy-site build --as-of 2028-01-15", clone)
    page = soup(clone / "site/en/privacy/index.html")
    (effective,) = [attr(t, "datetime") for t in page.select("article time")][:1]
    assert effective == "2028-01-15"
    assert "Effective date: 15 January 2028" in page.get_text(" ", strip=True)
    shell(ACTIVATE + "policy-site check", clone)
    for command in DIFF_EXAMPLES:
        assert command in readme_commands()
        first = shell(ACTIVATE + command, clone).splitlines()[0]
        assert first.removeprefix("### ").startswith("policies/privacy/"), command
    spanish = shell(
        ACTIVATE + "policy-site diff privacy 276d00f working --lang es --format markdown", clone
    )
    assert spanish.startswith("### policies/privacy/es.md: commit 276d00f")
    api = json.loads((clone / "site/api/en/privacy.json").read_text(encoding="utf-8"))
    version = api["versions"][0]
    verify = "git show <source_commit>:<source_path> | sha256sum"
    filled = verify.replace("<source_commit>", version["source_commit"])
    out = shell(filled.replace("<source_path>", version["source_path"]), clone)
    record = json.loads((clone / "site/api/published.json").read_text(encoding="utf-8"))
    for entry in record["versions"][:3]:
        check = "git show <commit>:<path> | sha256sum".replace("<commit>", entry["commit"])
        assert shell(check.replace("<path>", entry["path"]), clone).split()[0] == entry["sha256"]
    assert (
        out.split()[0]
        == version["sha256"]
        == hashlib.sha256(
            subprocess.run(
                ["git", "show", f"{version['source_commit']}:{version['source_path']}"],
                cwd=clone,
                capture_output=True,
                check=True,
            ).stdout
        ).hexdigest()
    )


def test_publishing_your_own_policies_as_the_readme_says(tmp_path: Path) -> None:
    """ "Publish your own policies", steps 2 and 3 as written: new, the first commit, check,
    then build (and the workflow's build --output site)."""
    shell(
        'policy-site new our-policies --lang en,fr --title "Example Policies"', tmp_path, outer=True
    )
    shell(
        'cd our-policies && git init -b main && git add -A && git commit -m "Start the policy site"',
        tmp_path,
        outer=True,
    )
    site = tmp_path / "our-policies"
    shell("policy-site check", site, outer=True)
    shell("policy-site build", site, outer=True)
    shell("policy-site build --previous live --output site", site, outer=True)
    assert (site / "site/fr/privacy/index.html").is_file()
    assert "Example Policies" in (site / "site/en/index.html").read_text(encoding="utf-8")


def test_the_readmes_words_commands_run_as_written(tmp_path: Path) -> None:
    """ "Your own words" as written, on a site in English and Swahili: words sw writes every
    phrase untranslated, words de --all with today's German, and check then names the
    phrases Swahili still lacks and the file to add them to."""
    shell(
        'policy-site new our-policies --lang en,sw --title "Example Policies"', tmp_path, outer=True
    )
    site = tmp_path / "our-policies"
    shell("git init -q -b main && git add -A && git commit -qm 'Our policies'", site, outer=True)
    assert "entries added" in shell("policy-site words sw", site, outer=True)
    swahili = (site / "locales/sw.po").read_text(encoding="utf-8")
    assert 'msgid "Effective date:"\nmsgstr ""\n' in swahili
    shell("policy-site words de --all", site, outer=True)
    assert 'msgstr "Alle Fassungen"' in (site / "locales/de.po").read_text(encoding="utf-8")
    assert "Add them to locales/sw.po" in shell("policy-site check", site, outer=True)


def test_publishing_an_existing_repository_as_the_readme_says(tmp_path: Path) -> None:
    """ "Publishing an existing repository" as written: in a repository of policies with a
    date line and no front matter, init then build."""
    repo = tmp_path / "our-policies"
    (repo / "docs").mkdir(parents=True)
    text = "# Privacy Policy\n\nEffective date: 1 March 2024\n\nWe keep your data safe.\n"
    (repo / "docs/privacy.md").write_text(text, encoding="utf-8")
    shell("git init -q -b main && git add -A && git commit -qm 'Our policies'", repo, outer=True)
    shell("cd our-policies && policy-site init && policy-site build", tmp_path, outer=True)
    assert (repo / "site_config.yml").is_file()
    assert (repo / "site/en/privacy/2024-03-01/index.html").is_file()
