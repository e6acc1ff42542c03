"""Addresses of a bounded length: a long heading or group id never stops a build, and a
file name that makes an address no file system would write is refused before writing,
naming the file and the commit."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.segments import MAX_SLUG_BYTES, bounded, short_slug
from generator.base.urls import slug
from generator.cli import main
from generator.document import parse_document

from .conftest import MINIMAL_CONFIG, Commit, content, git, policy, soup

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
#: A realistic heading of 266 characters, as a limitation clause is often titled.
LIABILITY = (
    "14. Limitation of liability, including for loss of data, loss of profits, business "
    "interruption, the cost of substitute devices or services, and any indirect, incidental, "
    "special or consequential damages arising out of or in connection with these terms or our device"
)
#: A Chinese heading of 51 characters: 154 bytes of UTF-8.
CHINESE = "第十四条 责任限制包括数据丢失利润损失业务中断替代设备或服务的费用以及任何间接附带特殊后果性或惩戒性损害"


def _build(repo: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    config = str(repo / "site_config.yml")
    code = main(["build", "--config", config, "--output", str(repo / "site"), *extra])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def test_the_slug_of_a_long_heading_is_cut_at_a_word_and_ends_with_a_hash() -> None:
    """Cut to at most MAX_SLUG_BYTES bytes after a whole word, then a hash of the whole
    slug; short slugs are kept; Chinese is bounded in bytes, never cut inside a character."""
    whole = slug(LIABILITY.split(" ", 1)[1], "section")
    cut = short_slug(LIABILITY.split(" ", 1)[1], "section")
    assert len(cut.encode()) <= MAX_SLUG_BYTES < len(whole.encode())
    head, _dash, digest = cut.rpartition("-")
    assert head.startswith("limitation-of-liability-including-for-loss-of-data-")
    assert whole.startswith(head + "-")
    assert digest == hashlib.sha256(whole.encode()).hexdigest()[:8]
    assert short_slug("Your rights", "section") == "your-rights"
    chinese = short_slug(CHINESE, "section")
    assert len(CHINESE.encode()) > MAX_SLUG_BYTES >= len(chinese.encode())
    assert chinese.startswith("第十四条-责任限制包括")
    alike = [bounded("a" * 120 + "-one"), bounded("a" * 120 + "-two")]
    assert alike[0] != alike[1]
    assert alike == [bounded("a" * 120 + "-one"), bounded("a" * 120 + "-two")]


def test_a_long_headings_id_depends_on_its_own_text_only() -> None:
    """The id of a long heading is the same in every document, whatever headings come
    before it (adding one changes no other section's address), and differs from a
    heading that begins alike."""
    alone = parse_document(policy("2024-02-01", f"## {LIABILITY}\n\nText.\n"), path=EN)
    other = LIABILITY.replace("our device", "our services")
    crowded = parse_document(
        policy("2024-02-01", f"## Scope\n\nA.\n\n## {other}\n\nB.\n\n## {LIABILITY}\n\nC.\n"),
        path=EN,
    )
    ids = [section.id for section in crowded.sections]
    assert ids[2] == alone.sections[0].id
    assert ids[1] != ids[2]
    assert crowded.duplicate_ids == ()


def test_a_long_heading_builds_and_check_warns_at_its_line(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 266-character heading (and a Chinese one of 154 bytes) build: the section history
    folder names stay within the bound; check warns about each at its line, naming the
    shortened link."""
    body = f"Intro.\n\n## {LIABILITY}\n\nText.\n\n## {CHINESE}\n\n文本。\n"
    first = policy("2024-02-01", body)
    second = policy("2024-06-01", body.replace("Text.", "New text."))
    repo = repo_factory([Commit("2024-01-01", {EN: first}), Commit("2024-05-01", {EN: second})])
    code, err = _build(repo, capsys, "--as-of", "2024-07-01")
    assert code == 0, err
    folders = [p.name for p in (repo / "site/en/privacy/history").iterdir() if p.is_dir()]
    assert len(folders) == 2
    assert all(len(name.encode()) <= MAX_SLUG_BYTES for name in folders)
    page = soup(repo / "site/en/privacy/index.html")
    ids = [str(h["id"]) for h in content(page).select("article.ps-document h2")]
    assert sorted(ids) == sorted(folders)
    assert main(["check", "--config", str(repo / "site_config.yml"), "--format", "json"]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out) if r["rule"] == "long-heading"]
    assert [(r["file"], r["line"], r["severity"]) for r in rows] == [
        (EN, 7, "warning"),
        (EN, 11, "warning"),
    ]
    assert f"'#{ids[0]}'" in rows[0]["message"]
    assert "266 characters long" in rows[0]["message"]


def test_a_long_group_id_gets_a_bounded_address(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 300-character group id (from front matter) builds: its what's new page and feed
    are in a folder within the bound."""
    group = "customers-" + "-".join(["data-protection-and-privacy-notices"] * 9)
    assert len(group) >= 300
    config = MINIMAL_CONFIG + f"groups:\n  {group}:\n    title: {{en: Privacy notices}}\n"
    text = policy("2024-02-01", "## Scope\n\nAll of it.\n", group=group)
    repo = repo_factory([Commit("2024-01-01", {EN: text})], config)
    code, err = _build(repo, capsys, "--as-of", "2024-07-01")
    assert code == 0, err
    (folder,) = [p for p in (repo / "site/en/changes").iterdir() if p.is_dir()]
    assert len(folder.name.encode()) <= MAX_SLUG_BYTES
    assert (folder / "feed.xml").is_file()
    assert folder.name == short_slug(group, "group")


PDF_CONFIG = MINIMAL_CONFIG + "pdf: true\n"
LONG_NAME = "-".join(["privacy-notice-for-customers-of-our-connected-home-devices-eu"] * 4)
LONG_FILE = f"policies/{LONG_NAME}/en.md"


def test_a_file_name_no_file_system_would_write_is_refused_before_writing(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A policy folder of 247 bytes is fine, but its PDF's name (with the date and
    language) would pass 255 bytes: build and check refuse it, naming the file and the
    commit, and nothing is written."""
    assert len(LONG_NAME) == 247
    repo = repo_factory([Commit("2024-01-01", {LONG_FILE: policy("2024-02-01", "Text.\n")})])
    (repo / "site_config.yml").write_text(PDF_CONFIG, encoding="utf-8")
    sha = git(repo, "rev-parse", "HEAD").strip()
    code, err = _build(repo, capsys, "--as-of", "2024-07-01")
    assert code == 1
    assert (
        f"{LONG_FILE} (commit {sha[:10]}): this file's pages would be written under a name of"
        in err
    )
    assert "longer than the 255 bytes a file system allows for one name" in err
    assert not (repo / "site").exists()
    assert main(["check", "--config", str(repo / "site_config.yml"), "--format", "json"]) == 1
    (row,) = [r for r in json.loads(capsys.readouterr().out) if r["rule"] == "name-too-long"]
    assert (row["file"], row["commit"], row["severity"]) == (LONG_FILE, sha, "error")


def _pathconf(name_max: int, path_max: int) -> Callable[[object, str], int]:
    real = os.pathconf

    def fake(path: object, name: str) -> int:
        if name == "PC_NAME_MAX":
            return name_max
        if name == "PC_PATH_MAX":
            return path_max
        return real(path, name)  # type: ignore[arg-type]

    return fake


@pytest.mark.parametrize(
    ("name_max", "path_max", "says"),
    [
        (143, 4096, "a name of 146 bytes"),
        (255, 200, "a path of"),
    ],
)
def test_the_output_file_systems_own_limits_are_asked_before_writing(
    repo_factory: Factory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    name_max: int,
    path_max: int,
    says: str,
) -> None:
    """On a file system that allows shorter names (eCryptfs: 143 bytes) or shorter paths
    than the site needs, build stops before writing, naming the file and the commit."""
    name = "-".join(["customer-privacy-notice"] * 6) + "-eu"
    assert len(name) == 146
    path = f"policies/{name}/en.md"
    repo = repo_factory([Commit("2024-01-01", {path: policy("2024-02-01", "Text.\n")})])
    sha = git(repo, "rev-parse", "HEAD").strip()
    monkeypatch.setattr(os, "pathconf", _pathconf(name_max, path_max))
    code, err = _build(repo, capsys, "--as-of", "2024-07-01")
    assert code == 1
    assert f"{path} (commit {sha[:10]}): the page /en/" in err
    assert says in err
    assert "nothing was written" in err
    assert not (repo / "site").exists()
