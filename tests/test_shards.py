"""The site in parts: shards assembled into the very site one build writes, and parts that
do not make one site refused, naming the part and what is wrong."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.base.errors import BuildError
from generator.cli import main
from generator.commands.assemble import assemble
from generator.commands.build import build
from generator.config.loading import load_config
from generator.history.repository import read_history
from generator.output.shards import MANIFEST
from generator.site import build_site
from generator.site.context import SiteContext
from generator.site.page_addresses import language_addresses
from generator.site.parts import Unit, group_parts, shard_units, site_units
from generator.versions.timeline import build_timelines
from tests.conftest import Commit, git, make_repo, policy

AS_OF = dt.date(2025, 3, 1)

CONFIG = """\
site:
  title: Shard Policies
  url: https://policies.test/
  timezone: Europe/Dublin
languages:
  default: en
  available:
    - {code: en, name: English, locale: en_IE}
    - {code: fr, name: Français}
"""


def _text(n: int, lang: str) -> str:
    word = "data" if lang == "en" else "données"
    return "".join(
        f"## {k}. Section {k}\n\nWe keep {word} for {k * n} days, version {n}.\n\n"
        for k in range(1, 4 + n % 2)
    )


def _commits() -> list[Commit]:
    """Three policies in two languages: amendments, a rename, an upcoming version, a
    policy withdrawn, one with no translation."""
    commits = []
    for n, day in enumerate(["2024-01-01", "2024-04-01", "2024-09-01"], start=1):
        files: dict[str, str | None] = {
            f"policies/priv/{lang}.md": policy(day, _text(n, lang), summary=f"Change {n}.")
            for lang in ("en", "fr")
        }
        files["policies/terms/en.md"] = policy(day, _text(n + 3, "en"), title="Terms")
        commits.append(Commit(day, files, f"Amendment {n}"))
    commits.append(
        Commit(
            "2024-10-01", {"policies/old/en.md": policy("2024-10-01", _text(1, "en"), title="Old")}
        )
    )
    commits.append(
        Commit(
            "2024-11-01",
            {},
            "Rename",
            renames={
                "policies/priv/en.md": "policies/privacy/en.md",
                "policies/priv/fr.md": "policies/privacy/fr.md",
            },
        )
    )
    commits.append(Commit("2024-12-01", {"policies/old/en.md": None}, "Withdraw the old policy"))
    upcoming = {
        f"policies/privacy/{lang}.md": policy("2025-06-01", _text(4, lang)) for lang in ("en", "fr")
    }
    commits.append(Commit("2025-01-15", upcoming, "Announce the June version"))
    return commits


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample repository."""
    return make_repo(tmp_path_factory.mktemp("shards") / "repo", _commits(), CONFIG)


@pytest.fixture(scope="module")
def plain(repo: Path) -> dict[str, bytes]:
    """The site one plain build writes."""
    out = repo.parent / "plain"
    build(repo / "site_config.yml", out, AS_OF)
    return tree(out)


@pytest.fixture(scope="module")
def shards(repo: Path) -> list[Path]:
    """The four shards of the site."""
    folders = [repo.parent / f"shard-{k}" for k in range(1, 5)]
    for k, folder in enumerate(folders, start=1):
        build(repo / "site_config.yml", folder, AS_OF, shard=(k, 4))
    return folders


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_shards_assemble_into_the_site_one_build_writes(
    repo: Path, plain: dict[str, bytes], shards: list[Path], count: int, tmp_path: Path
) -> None:
    """Built as N shards (N = 1 to 4) and assembled, the site is byte for byte the one a
    plain build writes."""
    if count == 4:
        folders = shards
    else:
        folders = [tmp_path / f"part-{k}" for k in range(1, count + 1)]
        for k, folder in enumerate(folders, start=1):
            build(repo / "site_config.yml", folder, AS_OF, shard=(k, count))
    out = tmp_path / "site"
    assemble(folders, out)
    assembled = tree(out)
    assert sorted(assembled) == sorted(plain)
    assert [name for name in plain if assembled[name] != plain[name]] == []
    assert "en/privacy/2025-06-01/index.html" in assembled  # an announced version
    assert "en/priv/index.html" in assembled  # a former address
    assert "fr/sitemap.xml" in assembled
    assert "api/policies.json" in assembled


def test_shards_are_disjoint_and_cover_the_site(repo: Path) -> None:
    """Every unit of the site is in exactly one of N shards, and the heaviest shard holds
    no more than the heaviest unit above an even share."""
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    site = SiteContext(config, build_timelines(history, config), AS_OF)
    units = site_units(site)
    for count in (1, 2, 3, 4, 7):
        chosen = [shard_units(units, k, count) for k in range(1, count + 1)]
        flat = [unit for shard in chosen for unit in shard]
        assert sorted(flat, key=lambda u: u.name) == sorted(units, key=lambda u: u.name)
        loads = [sum(u.pages for u in shard) for shard in chosen]
        total = sum(u.pages for u in units)
        assert max(loads) <= total / count + max(u.pages for u in units)


def test_parts_keep_a_language_together_and_bounded() -> None:
    """Parts never mix languages and hold at most the limit, unless one unit is bigger."""
    units = [Unit("", "", 3), Unit("en", "", 3), Unit("en", "a", 40), Unit("en", "b", 70)]
    units += [Unit("en", "c", 20), Unit("fr", "", 2), Unit("fr", "a", 30)]
    parts = group_parts(units, limit=60)
    assert [(p.lang, [u.name for u in p.units]) for p in parts] == [
        ("en", ["en", "en/a"]),
        ("en", ["en/b"]),
        ("en", ["en/c"]),
        ("fr", ["fr", "fr/a"]),
    ]
    assert [p.owns_language for p in parts] == [True, False, False, True]


def test_parts_are_even_and_keep_the_cores_busy() -> None:
    """A language is cut into parts of about equal size, and into more until there is a
    multiple of the workers, never below the smallest part worth a MkDocs build."""
    one = [Unit("", "", 3), Unit("en", "", 11), *(Unit("en", f"p{n}", 230) for n in range(10))]
    sizes = [part.pages for part in group_parts(one, limit=1500)]
    assert sizes == [1161, 1150]  # not 1,391 and 920: the build waits for the largest part
    sizes = [part.pages for part in group_parts(one, workers=4)]
    assert len(sizes) == 4
    assert max(sizes) - min(sizes) <= 230
    # Three equal languages on two cores would take two full rounds: the first is halved.
    three = [Unit(lang, f"p{n}", 120) for lang in ("en", "es", "zh") for n in range(8)]
    sizes = [part.pages for part in group_parts(three, workers=2)]
    assert sizes == [480, 480, 960, 960]
    small = [Unit("", "", 3), Unit("en", "", 4), Unit("en", "a", 400), Unit("fr", "a", 50)]
    assert [p.lang for p in group_parts(small, workers=8)] == ["en", "fr"]
    for part in group_parts(one, limit=500, workers=2):
        assert part.pages <= 500


def test_addresses_are_known_before_the_pages_are_built(repo: Path) -> None:
    """The addresses computed from the timelines are exactly the pages built, in order."""
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    for as_of in (AS_OF, dt.date(2024, 5, 1), dt.date(2026, 1, 1)):
        model = build_site(config, timelines, as_of)
        site = SiteContext(config, timelines, as_of)
        for language in model.languages:
            expected = [(page.url, page.policy) for page in language.pages]
            assert language_addresses(site, language.lang) == expected


def _copies(shards: list[Path], tmp_path: Path) -> list[Path]:
    copies = []
    for folder in shards:
        copy = tmp_path / folder.name
        shutil.copytree(folder, copy)
        copies.append(copy)
    return copies


def _refused(parts: list[Path], out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Assemble through the command line; the message, once it failed with exit 1."""
    code = main(["assemble", *map(str, parts), "--output", str(out)])
    message = capsys.readouterr().err
    assert code == 1, message
    assert "Traceback" not in message
    return message


@pytest.fixture
def previous(tmp_path: Path, shards: list[Path]) -> Path:
    """A site assembled before, which a refused assembly must leave as it was."""
    out = tmp_path / "site"
    assemble(shards, out)
    return out


def test_a_missing_or_doubled_shard_is_named(
    shards: list[Path], previous: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A shard left out, or given twice, is named; the previous site is untouched."""
    before = tree(previous)
    message = _refused(shards[:2] + shards[3:], previous, capsys)
    assert "shard 3 of 4 is missing" in message
    message = _refused([*shards, shards[1]], previous, capsys)
    assert "shard 2 of 4 is given twice" in message
    assert str(shards[1]) in message
    assert tree(previous) == before


def test_a_damaged_shard_is_named(
    shards: list[Path], previous: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file changed, removed or added after the build, or a manifest that cannot be
    read, names the part and the file."""
    before = tree(previous)
    parts = _copies(shards, tmp_path / "copies")
    target = next(p for p in sorted(parts[1].rglob("*.html")))
    target.write_text("<p>changed</p>")
    message = _refused(parts, previous, capsys)
    assert f"the part '{parts[1]}' is damaged" in message
    assert "was changed after it was built" in message
    target.unlink()
    assert "is missing" in _refused(parts, previous, capsys)
    shutil.copytree(shards[1], parts[1], dirs_exist_ok=True)
    (parts[1] / "extra.html").write_text("<p>added</p>")
    assert "'extra.html' was not written by its build" in _refused(parts, previous, capsys)
    (parts[2] / MANIFEST).write_text("{not json")
    assert f"'{parts[2]}' is damaged: its {MANIFEST} cannot be read" in _refused(
        parts, previous, capsys
    )
    (parts[2] / MANIFEST).unlink()
    assert f"'{parts[2]}' is not a shard" in _refused(parts, previous, capsys)
    assert tree(previous) == before


def test_a_shard_of_another_build_is_named(
    repo: Path,
    shards: list[Path],
    previous: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A shard built for another day, from another configuration, another commit, with
    another policy-site version, or of another split, is named with what differs."""
    before = tree(previous)
    other = tmp_path / "other"
    build(repo / "site_config.yml", other, AS_OF + dt.timedelta(days=1), shard=(4, 4))
    message = _refused([*shards[:3], other], previous, capsys)
    assert f"the part '{other}' is from another build" in message
    assert "its as-of day differs (2025-03-02 against 2025-03-01)" in message

    forked = tmp_path / "forked"
    shutil.copytree(repo, forked)
    config = forked / "site_config.yml"
    config.write_text(CONFIG.replace("Shard Policies", "Other Policies"))
    build(config, tmp_path / "config", AS_OF, shard=(4, 4))
    assert "its configuration differs" in _refused(
        [*shards[:3], tmp_path / "config"], previous, capsys
    )
    config.write_text(CONFIG)
    (forked / "policies/terms/en.md").write_text(
        policy("2025-02-01", _text(9, "en"), title="Terms")
    )
    git(forked, "commit", "-qam", "Amend the terms", date="2025-01-20")
    build(config, tmp_path / "commit", AS_OF, shard=(4, 4))
    assert "its commit differs" in _refused([*shards[:3], tmp_path / "commit"], previous, capsys)

    tools = _copies([shards[3]], tmp_path / "tools")[0]
    data = json.loads((tools / MANIFEST).read_text())
    (tools / MANIFEST).write_text(json.dumps(data | {"tools": "0" * 64}))
    assert "policy-site, MkDocs or theme version differs" in _refused(
        [*shards[:3], tools], previous, capsys
    )
    build(repo / "site_config.yml", tmp_path / "three", AS_OF, shard=(3, 3))
    assert "number of shards differs (3 against 4)" in _refused(
        [*shards[:3], tmp_path / "three"], previous, capsys
    )
    assert tree(previous) == before


def test_shard_must_be_k_of_n(capsys: pytest.CaptureFixture[str]) -> None:
    """--shard takes K/N with 1 ≤ K ≤ N: anything else is a usage error with an example."""
    with pytest.raises(SystemExit) as exited:
        main(["build", "--shard", "5/4"])
    assert exited.value.code == 2
    assert "'5/4' is not a shard; write K/N" in capsys.readouterr().err


def test_progress_lines_reach_a_pipe_while_the_build_runs(repo: Path, tmp_path: Path) -> None:
    """Printing into a pipe (a CI log), build writes a line per stage and part as each
    finishes, before it ends; --quiet prints nothing."""
    command = [sys.executable, "-m", "generator.cli", "build", "--config"]
    command += [str(repo / "site_config.yml"), "--as-of", AS_OF.isoformat()]
    running = subprocess.Popen(
        [*command, "--output", str(tmp_path / "site"), "--no-cache"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert running.stdout is not None
    first = running.stdout.readline()
    still_running = running.poll() is None
    rest = running.stdout.read()
    assert running.wait(timeout=300) == 0
    assert first.startswith("  previous ")
    assert " s in all)" in first
    assert still_running
    assert "  part      en" in rest
    assert "  written " in rest
    quiet = subprocess.run(
        [*command, "--output", str(tmp_path / "quiet"), "-q"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert quiet.stderr == ""
    assert quiet.stdout == ""


def test_assemble_refuses_a_folder_that_is_not_a_site(shards: list[Path], tmp_path: Path) -> None:
    """assemble never replaces a folder that is not a previous build."""
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(BuildError, match="not a previous policy-site build"):
        assemble(shards, precious)
    assert (precious / "notes.txt").read_text() == "keep me"
