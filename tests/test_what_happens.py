"""The README's "What happens when…" table, one test per row not covered elsewhere: what a
user sees when the input is wrong or hostile, and that it never is a traceback."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.document import parse_document
from generator.errors import DocumentError

from .conftest import MINIMAL_CONFIG, Commit, git, policy

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
GOOD = policy("2024-02-01", "## Scope\n\nAll of it.\n")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``policy-site`` with these arguments: exit code, output, errors."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_current_file_in_latin1_stops_build_and_check(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A current file saved as Latin-1 is an error naming the file and line, in build and
    check; the previous version is not published in its place."""
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD})])
    text = policy("2024-03-01", "## Scope\n\nCaf\u00e9 terms.\n")
    (repo / EN).write_bytes(text.encode("latin-1"))
    git(repo, "commit", "-qam", "Saved in the wrong encoding", date="2024-02-10")
    config = str(repo / "site_config.yml")
    code, _, err = run(capsys, "build", "--config", config, "--output", str(repo / "site"))
    assert code == 1
    assert f"{EN}:7" in err
    assert "not valid UTF-8" in err
    assert not (repo / "site").exists()
    code, out, _ = run(capsys, "check", "--config", config, "--format", "json")
    assert code == 1
    (row,) = [r for r in json.loads(out) if r["rule"] == "invalid-file"]
    assert (row["file"], row["line"], row["severity"]) == (EN, 7, "error")


def test_committed_symbolic_link_is_named_as_such(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A policy file committed as a symbolic link is an error that says so."""
    repo = repo_factory([Commit("2024-01-01", {"notes/privacy.md": GOOD})])
    (repo / "policies/privacy").mkdir(parents=True)
    os.symlink("../../notes/privacy.md", repo / EN)
    git(repo, "add", EN)
    git(repo, "commit", "-qm", "Link instead of a file", date="2024-01-02")
    code, _, err = run(capsys, "build", "--config", str(repo / "site_config.yml"))
    assert code == 1
    assert EN in err
    assert "symbolic link" in err


def test_nul_byte_is_an_error() -> None:
    """A file holding a NUL byte is not text: an error naming the file."""
    with pytest.raises(DocumentError, match="NUL bytes") as caught:
        parse_document(GOOD + "\x00", path=EN)
    assert caught.value.file == EN


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ("  url: 'https://x.test/\"><script>'\n", "'site.url'"),
        ("  repo_url: 'javascript:alert(1)'\n", "'site.repo_url'"),
        ('  description: "one\\u0007two"\n', "control character (U+0007)"),
    ],
)
def test_hostile_configuration_is_refused_with_its_line(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str], extra: str, says: str
) -> None:
    """Quotes in site.url, a javascript: repo_url, a control character in a text: exit 2,
    file and line."""
    config = MINIMAL_CONFIG.replace(
        "  timezone: Europe/Dublin\n", f"  timezone: Europe/Dublin\n{extra}"
    )
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD})], config)
    code, _, err = run(capsys, "build", "--config", str(repo / "site_config.yml"))
    assert code == 2
    line = config.splitlines().index(extra.rstrip("\n")) + 1
    assert f"site_config.yml:{line}:" in err
    assert says in err


def test_diff_refuses_a_path_outside_the_policies_folder(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """policy-site diff ../../x reads nothing outside the policies folder."""
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD})])
    (repo.parent / "secret").mkdir(exist_ok=True)
    (repo.parent / "secret" / "en.md").write_text(GOOD.replace("All", "Secret"), encoding="utf-8")
    code, out, err = run(capsys, "diff", "--config", str(repo / "site_config.yml"), "../../secret")
    assert code == 2
    assert "there is no policy" in err
    assert "Secret" not in out + err


def test_check_on_clean_input_of_every_kind_passes(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """The control case: the same repository without the fault builds and checks cleanly."""
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD})])
    config = str(repo / "site_config.yml")
    assert run(capsys, "check", "--config", config, "--as-of", "2024-03-01")[0] == 0
    assert run(capsys, "build", "--config", config, "--output", str(repo / "site"))[0] == 0
