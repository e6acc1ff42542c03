"""``policy-site serve``: a preview that shows uncommitted edits as drafts and rebuilds
itself; ``build`` never publishes drafts."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import Commit, policy, site_model

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
BODY = "## Retention\n\nWe keep logs for 24 months.\n"


def fetch(url: str) -> str:
    """A page of the preview."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def until(condition: Callable[[], bool], what: str, limit: float = 90.0) -> None:
    """Wait for a rebuild to show ``condition`` (a bound, not a speed requirement)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"the preview never showed {what}")


@pytest.fixture
def preview(
    repo_factory: Factory, tmp_path: Path
) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    """A repository and ``policy-site serve`` running on it (its temporary files in a
    folder of the test's own)."""
    repo = repo_factory([Commit("2024-01-01", {EN: policy("2024-02-01", BODY)}, "Publish")])
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    command = [
        sys.executable,
        "-m",
        "generator.cli",
        "serve",
        "--config",
        str(repo / "site_config.yml"),
    ]
    process = subprocess.Popen(
        [*command, "--port", "0", "--as-of", "2024-06-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("Serving the preview at "), line + (
        process.stderr.read() if process.stderr else ""
    )
    address = line.split(" at ", 1)[1].split(" ", 1)[0]
    yield repo, address, process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_serve_previews_drafts_rebuilds_and_stops_cleanly(
    preview: tuple[Path, str, subprocess.Popen[str]], tmp_path: Path
) -> None:
    """It serves the policy page; an uncommitted edit appears as a marked draft; a change
    to the configuration rebuilds it and open pages are told to reload; Ctrl-C stops it
    and removes its files."""
    repo, address, process = preview
    assert "We keep logs for 24 months." in fetch(address + "en/privacy/")
    assert "Draft" not in fetch(address + "en/privacy/")
    (repo / EN).write_text(policy("2024-09-01", BODY.replace("24", "12")), encoding="utf-8")
    until(lambda: "Draft: not committed" in fetch(address + "en/privacy/"), "the draft banner")
    draft = fetch(address + "en/privacy/2024-09-01/")
    assert "We keep logs for 12 months." in draft
    assert "Draft: not committed" in draft
    changes = fetch(address + "en/privacy/2024-09-01/changes/")
    assert "12" in changes
    assert "Draft: not committed" in changes
    events = urllib.request.urlopen(address + ".policy-site/events", timeout=60)
    config = repo / "site_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("Test Policies", "Renamed Policies"),
        encoding="utf-8",
    )
    until(lambda: "Renamed Policies" in fetch(address + "en/"), "the new site title")
    assert events.readline() == b"data: reload\n"  # open pages are told to reload
    events.close()
    assert 'new EventSource("/.policy-site/events")' in fetch(address + "en/")
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 0
    assert list((tmp_path / "scratch").iterdir()) == []


def test_build_never_publishes_drafts(repo_factory: Factory) -> None:
    """The same uncommitted edit is invisible to build: only committed text is published."""
    repo = repo_factory([Commit("2024-01-01", {EN: policy("2024-02-01", BODY)}, "Publish")])
    (repo / EN).write_text(policy("2024-09-01", BODY.replace("24", "12")), encoding="utf-8")
    site = site_model(repo / "site_config.yml", dt.date(2024, 6, 1))
    urls = {page.url for page in site.languages[0].pages}
    assert "privacy/2024-09-01/" not in urls
    assert not any("Draft" in page.body for page in site.languages[0].pages)
