"""Verifiable texts: each version's file as committed, its SHA-256 and commits, on the page and in the API."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from generator.base import urls
from generator.commands.build import build

from .conftest import Commit, attr, git, model_page, one, policy, site_model, soup

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
AS_OF = dt.date(2025, 1, 1)
# CRLF line ends and non-ASCII text: the file's bytes are kept exactly.
FIRST = policy("2024-02-01", "## Retención\r\n\r\nWe keep logs for 24 months — «always».\r\n")
CORRECTED = FIRST.replace("logs", "access logs")
SECOND = policy("2024-08-01", "## Retención\n\nWe keep logs for 12 months.\n", summary="Shorter.")


def repo_with_a_correction(factory: Factory) -> Path:
    """Version 1 adopted, then corrected; version 2 adopted."""
    return factory(
        [
            Commit("2024-01-01", {EN: FIRST}, "Publish"),
            Commit("2024-01-15", {EN: CORRECTED}, "Fix a word"),
            Commit("2024-06-01", {EN: SECOND}, "Amend"),
        ]
    )


def committed_bytes(repo: Path, commit: str, path: str) -> bytes:
    """The file's bytes at ``commit``, as git stores them (no newline translation)."""
    return subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=repo, capture_output=True, check=True
    ).stdout


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_every_source_hashes_to_what_its_page_and_the_api_show(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """Built site: each <date>/source.md is the committed file, and hashes as shown."""
    repo = repo_with_a_correction(repo_factory)
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF)
    api = json.loads((out / urls.api_policy("en", "privacy")).read_text(encoding="utf-8"))
    versions = api["versions"]
    assert len(versions) == 2
    for entry in versions:
        day = entry["effective_date"]
        data = (out / urls.source("en", "privacy", day)).read_bytes()
        page = soup(out / urls.version("en", "privacy", day) / "index.html")
        shown = one(page, ".ps-source .ps-hash").get_text()
        assert sha(data) == shown == entry["sha256"]
        assert data == committed_bytes(repo, entry["source_commit"], entry["source_path"])
        assert entry["source_url"] == f"https://policies.test/{urls.source('en', 'privacy', day)}"
        link = one(page, ".ps-source a[download]")
        assert (out / urls.version("en", "privacy", day) / attr(link, "href")).read_bytes() == data
    assert (out / urls.source("en", "privacy", "2024-02-01")).read_bytes() == CORRECTED.encode()


def test_page_and_api_name_the_adopting_and_the_correcting_commit(
    repo_factory: Factory,
) -> None:
    """A corrected version names the commit that adopted it and the one whose file is shown."""
    repo = repo_with_a_correction(repo_factory)
    adopted, corrected, amended = (git(repo, "rev-parse", f"HEAD~{n}").strip() for n in (2, 1, 0))
    site = site_model(repo / "site_config.yml", AS_OF)
    page = model_page(site, "en", "privacy/2024-02-01/")
    facts = [dd.get_text(" ", strip=True) for dd in page.select(".ps-source dd")]
    assert facts[0].startswith(adopted[:7])
    assert facts[1].startswith(corrected[:7])
    assert facts[2] == sha(CORRECTED.encode())
    (api,) = (f for f in site.files if f.path == urls.api_policy("en", "privacy"))
    first, second = json.loads(api.content)["versions"]
    assert (first["commit"], first["source_commit"], first["source_path"]) == (
        adopted,
        corrected,
        EN,
    )
    assert (second["commit"], second["source_commit"]) == (amended, amended)
    later = model_page(site, "en", "privacy/2024-08-01/")
    assert len(later.select(".ps-source dd")) == 2  # no correction to name


def test_policy_page_offers_each_earlier_version_since_page(repo_factory: Factory) -> None:
    """The policy in force lists the since/ page of each earlier version: a form once the
    script runs, plain links without it."""
    repo = repo_factory(
        [
            Commit("2023-12-01", {EN: policy("2024-01-01", "## A\n\nOne.\n")}),
            Commit("2024-01-01", {EN: policy("2024-02-01", "## A\n\nTwo.\n", summary="Two.")}),
            Commit("2024-02-01", {EN: policy("2024-03-01", "## A\n\nThree.\n", summary="3.")}),
            Commit("2024-03-01", {EN: policy("2025-06-01", "## A\n\nFour.\n", summary="4.")}),
        ]
    )
    site = site_model(repo / "site_config.yml", AS_OF)
    page = model_page(site, "en", "privacy/")
    links = [attr(a, "href") for a in page.select(".ps-picker__links a")]
    assert links == ["2024-02-01/since/", "2024-01-01/since/"]
    options = [attr(o, "value") for o in page.select("form[data-ps-go] option")]
    assert options == links
    assert one(page, "form[data-ps-go]").has_attr("hidden")
    for href in links:
        assert model_page(site, "en", f"privacy/{href}") is not None
    # Version pages have no picker; neither has the page of a policy with one version.
    assert model_page(site, "en", "privacy/2024-03-01/").select(".ps-picker") == []
