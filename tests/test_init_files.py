"""``policy-site init`` on what a repository may hold besides policies: names it cannot
write, committed symbolic links, files that are not text, and nothing to publish."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import git

PRIVACY = "# Privacy Policy\n\nEffective date: 1 March 2024\n\nWe keep your data safe.\n"
TERMS = "# Terms of Use\n\nEffective date: 1 March 2024\n\nBe kind.\n"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _repo(tmp_path: Path, files: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    """A repository of one commit holding ``files`` and the symbolic ``links``."""
    repo = tmp_path / "our-policies"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for name, data in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_bytes(data)
    for name, target in (links or {}).items():
        os.symlink(target, repo / name)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Our policies", date="2024-02-01")
    return repo


def _init(repo: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["init", str(repo)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert not RAW.search(out + err)
    return code, out, err


@pytest.mark.parametrize(
    ("name", "shown", "what"),
    [
        ("docs/ter\nms.md", "docs/ter\u240ams.md", "a line break"),
        ("docs/ter\x1b[31mms.md", "docs/ter\u241b[31mms.md", "an escape character"),
    ],
)
def test_a_name_init_cannot_write_is_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, shown: str, what: str
) -> None:
    """A file name holding a line break or an escape: init names that file (visibly), says
    why, exits 2 and writes nothing, never a temporary file the user never saw."""
    repo = _repo(tmp_path, {"docs/privacy.md": PRIVACY.encode(), name: TERMS.encode()})
    code, _, err = _init(repo, capsys)
    assert code == 2
    assert f"the file name '{shown}' holds {what}, which site_config.yml cannot hold" in err
    assert "nothing was written" in err
    assert "/tmp" not in err.replace(str(tmp_path), "")
    assert not (repo / "site_config.yml").exists()


def test_a_committed_link_is_left_out_by_name_and_the_site_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symbolic link committed among the policies is left out of the layout, by its own
    exclude entry saying why; init says so, and build then succeeds."""
    repo = _repo(tmp_path, {"docs/privacy.md": PRIVACY.encode()}, {"docs/cookies.md": "privacy.md"})
    code, out, _ = _init(repo, capsys)
    assert code == 0
    assert "Wrote" in out
    assert "docs/cookies.md: left out, as it is a symbolic link, which cannot be published." in out
    written = (repo / "site_config.yml").read_text(encoding="utf-8")
    assert re.search(r'- "/cookies.md" +# a symbolic link, which cannot be published', written)
    site = tmp_path / "site"
    args = ["build", "--config", str(repo / "site_config.yml"), "--output", str(site)]
    assert main([*args, "--as-of", "2024-06-01"]) == 0, capsys.readouterr().err
    assert (site / "en/privacy/index.html").is_file()
    assert not (site / "en/cookies").exists()


def test_files_that_are_not_text_are_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Markdown name on an image or on Latin-1 bytes is left out (not text), by name; the
    policies beside them are proposed and build."""
    files = {
        "docs/privacy.md": PRIVACY.encode(),
        "docs/diagram.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "docs/terms.md": TERMS.replace("Be kind", "Soyez gentil, café").encode("latin-1"),
    }
    repo = _repo(tmp_path, files)
    code, out, _ = _init(repo, capsys)
    assert code == 0
    assert "1 policy in 1 language" in out
    for name in ("docs/diagram.md", "docs/terms.md"):
        assert f"{name}: left out, as it is not text" in out
    written = (repo / "site_config.yml").read_text(encoding="utf-8")
    assert re.search(r'- "/diagram.md" +# not text', written)
    args = ["build", "--config", str(repo / "site_config.yml"), "--output", str(tmp_path / "site")]
    assert main([*args, "--as-of", "2024-06-01"]) == 0, capsys.readouterr().err


def test_no_policy_found_is_said_plainly_with_a_non_zero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A repository whose Markdown files are all binary (or links): init says that no
    policy was found and why, exits 2, and writes no configuration for "0 policies"."""
    files = {"docs/a.md": b"\x00\x01\x02binary", "docs/b.md": "caf\u00e9".encode("latin-1")}
    repo = _repo(tmp_path, files, {"docs/c.md": "a.md"})
    code, out, err = _init(repo, capsys)
    assert code == 2
    assert "no policy was found in" in err
    assert "docs/a.md and docs/b.md are not text" in err
    assert "docs/c.md is a symbolic link" in err
    assert "0 policies" not in out + err
    assert not (repo / "site_config.yml").exists()
