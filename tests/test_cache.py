"""The content cache: it saves work and never changes the output."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.cache import FOLDER, ContentStore
from generator.cli import main
from generator.commands.build import Silent, build
from generator.document import parse_document

from .conftest import Commit, git, policy

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
AS_OF = dt.date(2024, 9, 1)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def repo(repo_factory: Factory) -> Path:
    """Three versions of a policy."""
    body = "## Retention\n\nWe keep logs for 24 months.\n\n## Contact\n\nWrite to us.\n"
    return repo_factory(
        [
            Commit("2024-01-01", {EN: policy("2024-02-01", body)}),
            Commit("2024-03-01", {EN: policy("2024-04-01", body.replace("24", "12"))}),
            Commit("2024-05-01", {EN: policy("2024-07-01", body.replace("24", "6"))}),
        ]
    )


def test_cold_warm_and_no_cache_builds_are_identical(repo: Path, tmp_path: Path) -> None:
    """The same site, byte for byte, from an empty cache, a full one, and no cache."""
    config = repo / "site_config.yml"
    build(config, tmp_path / "cold", AS_OF)
    assert (repo / FOLDER).is_dir()
    build(config, tmp_path / "warm", AS_OF)
    build(config, tmp_path / "none", AS_OF, cache=False)
    assert tree(tmp_path / "cold") == tree(tmp_path / "warm") == tree(tmp_path / "none")


def test_a_rebuild_after_one_amendment_parses_only_the_new_text(repo: Path, tmp_path: Path) -> None:
    """Documents and diffs of untouched texts come from the cache; the new ones are added."""
    config = repo / "site_config.yml"
    build(config, tmp_path / "site", AS_OF)
    # Parsed texts and redlines (kept pages' search entries follow the pages, which change).
    kinds = ("documents", "redlines")
    entries = {p.name for kind in kinds for p in (repo / FOLDER / kind).rglob("*.pickle")}
    (repo / EN).write_text(policy("2024-10-01", "## Retention\n\nOne month.\n"), encoding="utf-8")
    git(repo, "commit", "-qam", "Amend again", date="2024-08-01")
    from generator.config.loading import load_config
    from generator.history.repository import read_history
    from generator.versions.parse_cache import DocumentCache
    from generator.versions.timeline import build_timelines

    loaded = load_config(config)
    store = ContentStore(repo / FOLDER)
    build_timelines(read_history(loaded), loaded, DocumentCache(store))
    assert store.hits == 3  # the three earlier texts; only the fourth is parsed
    build(config, tmp_path / "site", AS_OF)
    after = {p.name for kind in kinds for p in (repo / FOLDER / kind).rglob("*.pickle")}
    assert entries < after


def test_a_corrupt_entry_is_ignored_with_a_warning(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged cache file: the build warns once and gives the same site as without cache."""
    config = repo / "site_config.yml"
    build(config, tmp_path / "clean", AS_OF, cache=False)
    build(config, tmp_path / "first", AS_OF)
    for entry in (repo / FOLDER).rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    argv = ["build", "--config", str(config), "--output", str(tmp_path / "again")]
    assert main([*argv, "--as-of", AS_OF.isoformat()]) == 0
    err = capsys.readouterr().err
    assert "ignored a cache entry that cannot be read" in err
    assert err.count("warning(s):") == 1
    assert tree(tmp_path / "again") == tree(tmp_path / "clean")


def test_unused_entries_are_swept(repo: Path, tmp_path: Path) -> None:
    """Entries no build used any more (an old key) are removed after a build."""
    config = repo / "site_config.yml"
    stale = repo / FOLDER / "documents" / "00" / ("0" * 64 + ".pickle")
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    build(config, tmp_path / "site", AS_OF)
    assert not stale.exists()


def test_documents_with_the_same_source_have_the_same_digest() -> None:
    """The digest (the cache key of diffs) follows the text, path, language and rule."""
    text = policy("2024-02-01", "## A\n\nText.\n")
    one, two = parse_document(text, path="a.md"), parse_document(text, path="a.md")
    assert one.digest == two.digest
    assert parse_document(text, path="b.md").digest != one.digest
    assert parse_document(text + "More.\n", path="a.md").digest != one.digest


def test_a_rebuild_reuses_unchanged_pages_and_gives_the_same_site(
    repo: Path, tmp_path: Path
) -> None:
    """Rebuilt into the same folder after an amendment, pages nothing changed are copied
    from the previous site, and the site equals one built from nothing."""
    from generator.output.page_reuse import MANIFEST

    config = repo / "site_config.yml"
    out = tmp_path / "site"
    build(config, out, AS_OF)
    (repo / EN).write_text(policy("2024-10-01", "## Retention\n\nOne month.\n"), encoding="utf-8")
    git(repo, "commit", "-qam", "Amend again", date="2024-08-01")
    heard = Heard()
    build(config, out, AS_OF, reporter=heard)
    assert (repo / FOLDER / MANIFEST).is_file()
    rendered, kept = map(int, re.findall(r"\((\d+) pages rendered, (\d+) unchanged", heard.said)[0])
    assert kept > 0  # the old versions' pages…
    assert rendered > 0  # …but not the new version's, nor the policy page in force
    build(config, tmp_path / "fresh", AS_OF, cache=False)
    assert tree(out) == tree(tmp_path / "fresh")


class Heard(Silent):
    """A reporter that keeps what it hears."""

    def __init__(self) -> None:
        self.said = ""

    def stage(self, name: str, detail: str) -> None:
        """Keep the stage's line."""
        self.said += f"{name}: {detail}\n"


def test_a_page_changed_by_hand_in_the_old_site_is_not_reused(repo: Path, tmp_path: Path) -> None:
    """A file of the previous site that no longer has the hash recorded is rendered again."""
    config = repo / "site_config.yml"
    out = tmp_path / "site"
    build(config, out, AS_OF)
    page = out / "en/privacy/2024-02-01/index.html"
    page.write_text("tampered", encoding="utf-8")
    build(config, out, AS_OF)
    build(config, tmp_path / "fresh", AS_OF, cache=False)
    assert tree(out) == tree(tmp_path / "fresh")


BILINGUAL = """\
site:
  title: {en: Test Policies, es: Políticas de prueba}
  url: https://policies.test/
  timezone: Europe/Dublin
languages:
  default: en
  available:
    - {code: en, name: English, locale: en_IE}
    - {code: es, name: Español, locale: es_ES}
"""
ES = "policies/privacy/es.md"
OWN_WORDS = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: es\\n"

msgid "Version history"
msgstr "{said}"
"""


@pytest.fixture
def bilingual(repo_factory: Factory) -> Path:
    """Two English versions, the second taking effect on 1 October 2024; Spanish has only
    the first."""
    body = "## Retention\n\nWe keep logs for 24 months.\n\n## Contact\n\nWrite to us.\n"
    texto = "## Conservación\n\nGuardamos los registros 24 meses.\n\n## Contacto\n\nEscríbanos.\n"
    return repo_factory(
        [
            Commit(
                "2024-01-01",
                {
                    EN: policy("2024-02-01", body),
                    ES: policy("2024-02-01", texto, title="Política de privacidad"),
                },
            ),
            Commit("2024-05-01", {EN: policy("2024-10-01", body.replace("24", "12"))}),
        ],
        BILINGUAL,
    )


def rebuilt_as_cold(config: Path, out: Path, fresh: Path, as_of: dt.date) -> tuple[int, int]:
    """Rebuild into ``out`` and, without the cache, into ``fresh``, a copy of the previous
    site (the publication record it holds is an input of both): the same bytes. Returns how
    many pages the rebuild rendered and kept."""
    shutil.copytree(out, fresh, symlinks=True)
    heard = Heard()
    build(config, out, as_of, reporter=heard)
    build(config, fresh, as_of, cache=False)
    assert tree(out) == tree(fresh)
    found = re.findall(r"\((\d+) pages rendered, (\d+) unchanged", heard.said)
    rendered, kept = (sum(int(x[i]) for x in found) for i in (0, 1))
    return rendered, kept


def test_a_rebuild_after_the_sites_own_words_changed_is_a_cold_build(
    bilingual: Path, tmp_path: Path
) -> None:
    """A site's own catalogue (locales/es.po) is an input of every Spanish page: changed,
    those pages are made again, the English ones kept, and the site is the cold build's."""
    config = bilingual / "site_config.yml"
    (bilingual / "locales").mkdir()
    own = bilingual / "locales" / "es.po"
    own.write_text(OWN_WORDS.format(said="Versiones anteriores"), encoding="utf-8")
    out = tmp_path / "site"
    build(config, out, AS_OF)
    assert "Versiones anteriores" in (out / "es/privacy/2024-02-01/index.html").read_text("utf-8")
    own.write_text(OWN_WORDS.format(said="Todas las versiones"), encoding="utf-8")
    rendered, kept = rebuilt_as_cold(config, out, tmp_path / "fresh", AS_OF)
    assert "Todas las versiones" in (out / "es/privacy/2024-02-01/index.html").read_text("utf-8")
    assert rendered > 0
    assert kept > 0  # the English pages
    own.unlink()  # back to the package's words
    rebuilt_as_cold(config, out, tmp_path / "fresh2", AS_OF)
    assert "Historial de versiones" in (out / "es/privacy/2024-02-01/index.html").read_text("utf-8")


def test_a_rebuild_when_a_translation_falls_behind_is_a_cold_build(
    bilingual: Path, tmp_path: Path
) -> None:
    """When the English amendment takes effect, the Spanish text becomes an outdated
    translation (its standing and period change, no text does): the rebuild equals a cold
    build, and pages that stand as they did are kept."""
    config = bilingual / "site_config.yml"
    out = tmp_path / "site"
    build(config, out, dt.date(2024, 9, 1))
    before = (out / "es/privacy/index.html").read_text("utf-8")
    rendered, kept = rebuilt_as_cold(config, out, tmp_path / "fresh", dt.date(2024, 10, 2))
    after = (out / "es/privacy/index.html").read_text("utf-8")
    assert before != after
    assert rendered > 0
    assert kept > 0
