"""The README's "What happens when…" table, one test per row not covered elsewhere: what a
user sees when the input is wrong or hostile, and that it never is a traceback."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.base.errors import DocumentError
from generator.cli import main
from generator.config.loading import load_config
from generator.document import parse_document
from generator.history.repository import read_history
from generator.site import OutputFile
from generator.site.addresses import Claim, Owner, collisions, site_claims
from generator.versions.timeline import build_timelines

from .conftest import (
    MINIMAL_CONFIG,
    Commit,
    attr,
    content,
    git,
    model_page,
    one,
    policy,
    site_model,
    soup,
)

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
GOOD = policy("2024-02-01", "## Scope\n\nAll of it.\n")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``policy-site`` with these arguments: exit code, output, errors."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], repo: Path) -> tuple[str, dict[str, Any]]:
    """``build`` and ``check`` of ``repo`` both fail on an unreadable file: build's message,
    and check's one ``invalid-file`` row (nothing is written)."""
    config = str(repo / "site_config.yml")
    code, _, err = run(capsys, "build", "--config", config, "--output", str(repo / "site"))
    assert code == 1
    assert not (repo / "site").exists()
    code, out, _ = run(capsys, "check", "--config", config, "--format", "json")
    assert code == 1
    (row,) = [r for r in json.loads(out) if r["rule"] == "invalid-file"]
    return err, row


def test_current_file_in_latin1_stops_build_and_check(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A current file saved as Latin-1 is an error naming the file and line, in build and
    check; the previous version is not published in its place."""
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD})])
    text = policy("2024-03-01", "## Scope\n\nCaf\u00e9 terms.\n")
    (repo / EN).write_bytes(text.encode("latin-1"))
    git(repo, "commit", "-qam", "Saved in the wrong encoding", date="2024-02-10")
    err, row = refused(capsys, repo)
    assert f"{EN}:7" in err
    assert "not valid UTF-8" in err
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


def test_a_version_missing_from_the_repository_is_named(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A repository that lost an old version's text (a damaged or partial copy) builds
    without it and says which file and commit; losing the current text stops the build."""
    old = policy("2024-01-01", "## Scope\n\nThe first text.\n")
    repo = repo_factory(
        [Commit("2024-01-01", {EN: old}), Commit("2024-02-01", {EN: GOOD}, "Second version")]
    )
    first = git(repo, "log", "--format=%H", "--reverse", "--", EN).split()[0]
    blob = git(repo, "rev-parse", f"{first}:{EN}").strip()
    (repo / ".git/objects" / blob[:2] / blob[2:]).unlink()
    code, _, err = run(capsys, "build", "--config", str(repo / "site_config.yml"))
    assert code == 0
    assert f"{EN} (commit {first[:7]}" in err
    assert "git has no copy of this version of the file" in err
    current = git(repo, "rev-parse", f"HEAD:{EN}").strip()
    (repo / ".git/objects" / current[:2] / current[2:]).unlink()
    code, _, err = run(capsys, "build", "--config", str(repo / "site_config.yml"))
    assert code == 1
    assert "git has no copy of this version" in err
    assert "Traceback" not in err


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


FORGED = policy("2024-01-01", "## Scope\n\nNothing at all.\n", title="Forged")


@pytest.mark.parametrize("folder", ["2024-01-01", "history", "compare", "since", "en"])
def test_a_policy_under_another_policys_address_is_refused(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    """A file whose policy id holds a date, ``history``, ``compare``… stops build and
    check, naming both files and its commit; the published version page is untouched."""
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD})])
    config, site = str(repo / "site_config.yml"), repo / "site"
    assert run(capsys, "build", "--config", config, "--output", str(site))[0] == 0
    version = (site / "en/privacy/2024-02-01/index.html").read_bytes()
    forged = f"policies/privacy/{folder}/en.md"
    (repo / forged).parent.mkdir(parents=True)
    (repo / forged).write_text(FORGED, encoding="utf-8")
    git(repo, "add", forged)
    git(repo, "commit", "-qm", "A policy inside another", date="2024-03-01")
    sha = git(repo, "rev-parse", "HEAD").strip()
    code, _, err = run(capsys, "build", "--config", config, "--output", str(site))
    assert code == 1
    assert f"{forged} (commit {sha[:10]}): this file's policy id 'privacy/{folder}'" in err
    assert f"holds '{folder}'" in err
    assert f"those of the policy 'privacy' ({EN})" in err
    assert (site / "en/privacy/2024-02-01/index.html").read_bytes() == version
    assert not list(site.rglob("*Nothing at all*"))
    code, out, _ = run(capsys, "check", "--config", config, "--format", "json")
    assert code == 1
    (row,) = [r for r in json.loads(out) if r["rule"] == "address-taken"]
    assert (row["file"], row["commit"], row["severity"]) == (forged, sha, "error")
    assert EN in row["message"]
    assert f"came in with commit {sha[:10]}" in row["message"]


def test_a_published_id_is_never_given_to_another_policy(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """After terms is renamed tos, a new terms file is refused by build and check, naming
    the earlier policy and suggesting aliases; its former addresses still redirect."""
    terms, tos = "policies/terms/en.md", "policies/tos/en.md"
    repo = repo_factory(
        [
            Commit("2024-01-01", {terms: GOOD}, "Terms"),
            Commit("2024-03-01", {}, "Rename", renames={terms: tos}),
        ]
    )
    config, site = str(repo / "site_config.yml"), repo / "site"
    assert run(capsys, "build", "--config", config, "--output", str(site))[0] == 0
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert "en/terms/2024-02-01/index.html" in before
    (repo / terms).parent.mkdir(parents=True, exist_ok=True)
    (repo / terms).write_text(FORGED, encoding="utf-8")
    git(repo, "add", terms)
    git(repo, "commit", "-qm", "Unrelated terms", date="2024-04-01")
    code, _, err = run(capsys, "build", "--config", config, "--output", str(site))
    assert code == 1
    assert f"{terms} (commit " in err
    assert f"the id 'terms', under which the policy 'tos' ({tos}) was published" in err
    assert "list 'terms' under 'policies.tos.aliases' in site_config.yml" in err
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    code, out, _ = run(capsys, "check", "--config", config, "--format", "json")
    assert code == 1
    (row,) = [r for r in json.loads(out) if r["rule"] == "address-taken"]
    assert row["file"] == terms
    assert "'tos'" in row["message"]
    assert "aliases" in row["hint"]


def test_any_address_claimed_twice_names_both_files() -> None:
    """Two owners of one address (a kind of address added later, say a PDF) are one error
    naming the newer file, its commit and the older file."""
    older = Owner("privacy", "en", "policies/privacy/en.md", "a" * 40, 3)
    newer = Owner("privacy-2", "en", "policies/Privacy.md", "b" * 40, 9)
    pdf = "en/privacy/2024-01-01/privacy-2024-01-01-en.pdf"
    (error,) = collisions(
        [
            Claim(pdf, older),
            Claim("en/privacy/", older),
            Claim(pdf, newer),
            Claim("en/privacy/", newer),
            Claim("en/privacy-2/", newer),
        ]
    )
    assert (error.file, error.commit, error.other) == (newer.file, newer.commit, older.file)
    assert "/en/privacy/" in error.message
    assert "the policy 'privacy' (policies/privacy/en.md)" in error.message
    assert collisions([Claim(pdf, older), Claim(pdf, older)]) == []


def test_a_key_given_twice_in_front_matter_names_both_lines(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """``effective:`` written twice is an error in build and check naming the file, both
    lines and the commit, not a silent choice of the last (in TOML front matter too)."""
    twice = GOOD.replace(
        "effective: 2024-02-01\n", "effective: 2024-02-01\neffective: 2024-09-01\n"
    )
    repo = repo_factory([Commit("2024-01-01", {EN: twice}, "Two dates")])
    sha = git(repo, "rev-parse", "HEAD").strip()
    err, row = refused(capsys, repo)
    assert f"{EN}:4 (commit {sha[:10]}): the front matter gives 'effective' twice" in err
    assert "on lines 3 and 4" in err
    assert (row["file"], row["line"], row["commit"]) == (EN, 4, sha)
    assert "on lines 3 and 4" in row["message"]
    toml = '+++\ntitle = "A"\neffective = 2024-01-01\neffective = 2025-01-01\n+++\nText.\n'
    with pytest.raises(DocumentError, match="gives a key twice") as caught:
        parse_document(toml, path=EN)
    assert caught.value.line == 4


@pytest.mark.parametrize(
    ("extra", "key", "lines"),
    [
        ("  title: Second Title\n", "site.title", (2, 5)),
        (
            "policies:\n  privacy:\n    title: {en: A, en: B}\n",
            "policies.privacy.title.en",
            (11, 11),
        ),
        ("policies:\n  privacy: {}\n  privacy: {order: 2}\n", "policies.privacy", (10, 11)),
    ],
)
def test_a_key_given_twice_in_the_configuration_names_both_lines(
    repo_factory: Factory,
    capsys: pytest.CaptureFixture[str],
    extra: str,
    key: str,
    lines: tuple[int, int],
) -> None:
    """A key given twice in site_config.yml, at any depth, is exit 2 naming both lines."""
    config = (
        MINIMAL_CONFIG.replace(
            "  timezone: Europe/Dublin\n", "  timezone: Europe/Dublin\n" + extra, 1
        )
        if extra.startswith("  ")
        else MINIMAL_CONFIG + extra
    )
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD})], config)
    code, _, err = run(capsys, "check", "--config", str(repo / "site_config.yml"))
    assert code == 2
    assert (
        f"site_config.yml:{lines[1]}: '{key}' is given twice, on lines {lines[0]} and {lines[1]}"
        in err
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (policy("2024-02-01", "## Scope\n\nAll\x07 of it.\n"), 7),
        (policy("2024-02-01", "## Scope\n\nAll of it.\n", summary="Shorter\x1b[2J."), 4),
        (policy("2024-02-01", "## Scope\n\nAll of it.\n", title="Privacy\x85Policy"), 2),
    ],
)
def test_a_control_character_in_a_policy_is_refused_at_its_line(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str], text: str, line: int
) -> None:
    """A control character in the text, the summary or the title stops build and check at
    its file and line (it would be published raw)."""
    repo = repo_factory([Commit("2024-01-01", {EN: text})])
    sha = git(repo, "rev-parse", "HEAD").strip()
    err, row = refused(capsys, repo)
    assert f"{EN}:{line} (commit {sha[:10]}): this line holds an invisible control character" in err
    assert (row["file"], row["line"], row["commit"]) == (EN, line, sha)


def test_control_characters_in_commits_are_shown_as_symbols(repo_factory: Factory) -> None:
    """A commit message or author name holding control characters (even git's own field
    separators) is shown with visible symbols; no change is lost and no output holds a raw
    control character."""
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD}, "First")])
    (repo / EN).write_text(GOOD.replace("2024-02-01", "2024-06-01") + "\nMore.\n", "utf-8")
    git(repo, "-c", "user.name=Legal\x1fTeam", "commit", "-qam", "Bell\x07 mark\x1e field\x1f.")
    site = site_model(repo / "site_config.yml", dt.date(2024, 7, 1))
    history = model_page(site, "en", "privacy/history/").get_text()
    assert "Bell\u2407 mark\u241e field\u241f." in history
    assert {"privacy/2024-02-01/", "privacy/2024-06-01/"} <= {
        p.url for p in site.languages[0].pages
    }
    raw = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
    for language in site.languages:
        for page in language.pages:
            assert not raw.search(page.body + page.title), page.url
    for file in site.files:
        assert not raw.search(file.content.decode("utf-8")), file.path
    api = next(f for f in site.files if f.path == "api/en/privacy.json").content.decode()
    assert "Bell\u2407 mark\u241e field\u241f." in json.dumps(json.loads(api), ensure_ascii=False)


THEME_IDS = ("__drawer", "__search", "__toc", "ps-source-title", "ps-since", "fn1", "v2024-02-01")


def test_headings_never_take_the_themes_ids_and_every_id_is_unique(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """Headings named like the theme's, policy-site's or footnotes' ids get ids of their
    own; on every page built, each id is used once and the theme's drawer is still there."""
    body = "Preamble text.[^1]\n\n" + "".join(f"## {name}\n\nText.\n\n" for name in THEME_IDS)
    first = policy("2024-02-01", body + "[^1]: A note.\n")
    second = policy("2024-06-01", body.replace("Text.", "New text.") + "[^1]: A note.\n")
    repo = repo_factory([Commit("2024-01-01", {EN: first}), Commit("2024-05-01", {EN: second})])
    site = repo / "site"
    code = run(capsys, "build", "--config", str(repo / "site_config.yml"), "--output", str(site))
    assert code[0] == 0
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        ids = [str(tag["id"]) for tag in soup(path).select("[id]")]
        assert len(ids) == len(set(ids)), (path, sorted(i for i in ids if ids.count(i) > 1))
    version = soup(site / "en/privacy/2024-06-01/index.html")
    assert attr(one(version, "#__drawer"), "type") == "checkbox"
    headings = [attr(h, "id") for h in content(version).select("article.ps-document h2")]
    assert headings == [
        "section-drawer",
        "section-search",
        "section-toc",
        "section-ps-source-title",
        "section-ps-since",
        "section-fn1",
        "section-v2024-02-01",
    ]


def test_the_built_site_gives_each_page_and_file_one_owner(repo_factory: Factory) -> None:
    """Every page and file of a real site model has one owner; a file another policy adds
    at a page's path (as a forgotten claim would) is an error naming both files."""
    terms = "policies/terms/en.md"
    repo = repo_factory(
        [Commit("2024-01-01", {EN: GOOD}), Commit("2024-01-05", {terms: GOOD}, "Terms")]
    )
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    site = site_model(repo / "site_config.yml", dt.date(2024, 3, 1))
    assert collisions(site_claims(site, timelines, "site_config.yml")) == []
    sha = git(repo, "rev-parse", "HEAD").strip()
    stray = OutputFile("en/privacy/2024-02-01/index.html", b"<p>Other</p>", "terms")
    forged = replace(site, files=(*site.files, stray))
    (error,) = collisions(site_claims(forged, timelines, "site_config.yml"))
    assert (error.file, error.commit, error.other) == (terms, sha, EN)
    assert "published at /en/privacy/2024-02-01/, which" in error.message


def test_every_id_on_every_page_of_the_example_is_unique(example_site: Path) -> None:
    """On each page of the example site (every kind, every language), an id is used once."""
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        ids = [str(tag["id"]) for tag in soup(path).select("[id]")]
        assert len(ids) == len(set(ids)), (path, sorted(i for i in ids if ids.count(i) > 1))
