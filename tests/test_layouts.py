"""The layouts real repositories use, each through ``policy-site init`` and then ``build`` with
no hand edit: a folder per policy (``privacy/index.md``), a language in the file name
(``DE-Geschäftsbedingungen.md``, ``terms_de.md``), an archive of earlier texts, a file
replaced by a folder in a merge, a folder's own policy as its group's main one, setext
titles."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping
from pathlib import Path

import yaml

from generator.commands.build import build
from generator.commands.init import init_site
from generator.config.loading import load_config

from .conftest import content, git, one, soup

AS_OF = dt.date(2026, 11, 26)


def commit(repo: Path, date: str, files: Mapping[str, str | None], message: str = "Update") -> None:
    """Write (or delete, for None) ``files`` and commit them on ``date``."""
    for name, text in files.items():
        if text is None:
            git(repo, "rm", "-q", name)
            continue
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        git(repo, "add", name)
    git(repo, "commit", "-q", "--allow-empty", "-m", message, date=date)


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    return path


def init_and_build(repo: Path, tmp_path: Path) -> tuple[dict[str, object], Path]:
    """``init``, then ``build``: the configuration written, and the site."""
    init_site(repo)
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF)
    written = yaml.safe_load((repo / "site_config.yml").read_text(encoding="utf-8"))
    return written, out


def text_of(page: Path) -> str:
    return one(content(soup(page)), ".ps-document").get_text(" ", strip=True)


def test_a_folder_per_policy_at_any_depth(tmp_path: Path) -> None:
    """``privacy/index.md`` and ``legal/terms/index.md`` are policies; the table of contents
    ``index.md`` at the top and the README are left out by name and place."""
    repo = new_repo(tmp_path / "repo")
    commit(
        repo,
        "2025-01-10",
        {
            "index.md": "# Our policies\n\n- [Privacy](privacy/index.md)\n",
            "README.md": "# Policies of Example Devices\n",
            "privacy/index.md": "# Privacy Notice\n\nEffective date: February 1, 2025\n\nWe keep little.\n",
            "legal/terms/index.md": "# Terms\n\nEffective date: February 1, 2025\n\nBe kind.\n",
        },
    )
    written, out = init_and_build(repo, tmp_path)
    source = written["source"]
    assert isinstance(source, dict)
    assert source["layout"] == ["{policy}/index.md"]
    assert set(source["exclude"]) == {"/index.md", "README.md"}
    assert text_of(out / "en/privacy/index.html") == "We keep little."
    assert text_of(out / "en/legal/terms/index.html") == "Be kind."
    assert not (out / "en/index").exists()


TERMS_EN = "# Terms of Service\n\nEffective date: {day}\n\nYou may rent a device{more}.\n"
TERMS_DE = (
    "# Allgemeine Geschäftsbedingungen\n\nGültig ab: {day}\n\nSie können ein Gerät mieten{more}.\n"
)
PRIVACY_EN = "# Privacy Policy\n\nEffective date: {day}\n\nWe keep your name{more}.\n"
PRIVACY_DE = "# Datenschutzerklärung\n\nGültig ab: {day}\n\nWir speichern Ihren Namen{more}.\n"


def test_languages_in_names_translated_too_are_one_policy_each(tmp_path: Path) -> None:
    """``EN-…`` and ``DE-…`` files with translated names: two policies in two languages,
    matched by the commits that changed them together; each German file is the German page
    of its English document."""
    repo = new_repo(tmp_path / "repo")
    first = "February 1, 2025", "1. Februar 2025"
    commit(
        repo,
        "2025-01-10",
        {
            "EN-Terms-of-Service.md": TERMS_EN.format(day=first[0], more=""),
            "DE-Allgemeine-Geschäftsbedingungen.md": TERMS_DE.format(day=first[1], more=""),
            "EN-Privacy-Policy.md": PRIVACY_EN.format(day=first[0], more=""),
            "DE-Datenschutzerklärung.md": PRIVACY_DE.format(day=first[1], more=""),
        },
    )
    later = "June 1, 2025", "1. Juni 2025"
    commit(
        repo,
        "2025-05-01",
        {
            "EN-Terms-of-Service.md": TERMS_EN.format(day=later[0], more=" for a week"),
            "DE-Allgemeine-Geschäftsbedingungen.md": TERMS_DE.format(
                day=later[1], more=" für eine Woche"
            ),
        },
    )
    written, out = init_and_build(repo, tmp_path)
    assert written["source"]["layout"] == ["{lang}-{policy}.md"]  # type: ignore[index]
    assert [lang["code"] for lang in written["languages"]["available"]] == ["en", "de"]  # type: ignore[index]
    assert written["policies"]["terms-of-service"]["aliases"] == ["allgemeine-geschäftsbedingungen"]  # type: ignore[index]
    assert written["policies"]["privacy-policy"]["aliases"] == ["datenschutzerklärung"]  # type: ignore[index]
    assert (
        text_of(out / "de/terms-of-service/index.html")
        == "Sie können ein Gerät mieten für eine Woche."
    )
    assert text_of(out / "de/privacy-policy/index.html") == "Wir speichern Ihren Namen."
    assert (out / "de/terms-of-service/2025-02-01/index.html").is_file()
    assert sorted(p.name for p in (out / "en").iterdir() if (p / "history").is_dir()) == [
        "privacy-policy",
        "terms-of-service",
    ]


def test_translated_names_are_matched_by_position_when_history_cannot_tell(tmp_path: Path) -> None:
    """Each language's files added on their own, in the same order, and never changed
    together: the first German file added is the first English document's."""
    repo = new_repo(tmp_path / "repo")
    commit(
        repo,
        "2025-01-10",
        {"EN-Terms-of-Service.md": TERMS_EN.format(day="February 1, 2025", more="")},
    )
    commit(
        repo,
        "2025-01-11",
        {"EN-Privacy-Policy.md": PRIVACY_EN.format(day="February 1, 2025", more="")},
    )
    commit(
        repo,
        "2025-01-12",
        {"DE-Allgemeine-Geschäftsbedingungen.md": TERMS_DE.format(day="1. Februar 2025", more="")},
    )
    commit(
        repo,
        "2025-01-13",
        {"DE-Datenschutzerklärung.md": PRIVACY_DE.format(day="1. Februar 2025", more="")},
    )
    _written, out = init_and_build(repo, tmp_path)
    assert text_of(out / "de/terms-of-service/index.html") == "Sie können ein Gerät mieten."
    assert text_of(out / "de/privacy-policy/index.html") == "Wir speichern Ihren Namen."


def test_a_language_after_an_underscore(tmp_path: Path) -> None:
    """``terms.md`` beside ``terms_de.md``, ``privacy_policy.md`` beside
    ``privacy_policy_de.md``: one document each, in English and German."""
    repo = new_repo(tmp_path / "repo")
    commit(
        repo,
        "2025-01-10",
        {
            "terms.md": TERMS_EN.format(day="February 1, 2025", more=""),
            "terms_de.md": TERMS_DE.format(day="1. Februar 2025", more=""),
            "privacy_policy.md": PRIVACY_EN.format(day="February 1, 2025", more=""),
            "privacy_policy_de.md": PRIVACY_DE.format(day="1. Februar 2025", more=""),
        },
    )
    written, out = init_and_build(repo, tmp_path)
    assert written["source"]["layout"] == ["{policy}_{lang}.md", "{policy}.md"]  # type: ignore[index]
    assert text_of(out / "de/terms/index.html") == "Sie können ein Gerät mieten."
    assert text_of(out / "de/privacy_policy/index.html") == "Wir speichern Ihren Namen."
    assert text_of(out / "en/privacy_policy/index.html") == "We keep your name."


def test_an_archive_folder_joins_the_live_policies_history(tmp_path: Path) -> None:
    """``archive/terms-2019.md`` (the text before ``terms/en.md`` existed) is the terms' first
    version; a policy moved into the archive while its translation is deleted stays one
    policy, withdrawn; the archive is no group of the home page."""
    repo = new_repo(tmp_path / "repo")
    commit(
        repo,
        "2019-03-01",
        {"archive/terms-2019.md": TERMS_EN.format(day="April 1, 2019", more=" for a day")},
    )
    commit(
        repo,
        "2024-01-10",
        {
            "terms/en.md": TERMS_EN.format(day="February 1, 2024", more=""),
            "privacy/en.md": PRIVACY_EN.format(day="February 1, 2024", more=""),
            "privacy/de.md": PRIVACY_DE.format(day="1. Februar 2024", more=""),
            "cookies/en.md": "# Cookies\n\nEffective date: February 1, 2024\n\nFew cookies.\n",
            "cookies/de.md": "# Cookies\n\nGültig ab: 1. Februar 2024\n\nWenige Cookies.\n",
        },
    )
    (repo / "archive/cookies").mkdir(parents=True)
    git(repo, "mv", "cookies/en.md", "archive/cookies/en.md")
    commit(repo, "2025-03-01", {"cookies/de.md": None}, "Retire the cookie notice")
    written, out = init_and_build(repo, tmp_path)
    assert written["source"]["archive"] == ["archive"]  # type: ignore[index]
    history = content(soup(out / "en/terms/history/index.html")).get_text(" ", strip=True)
    assert "April 1, 2019" in history
    assert (out / "en/terms/2019-04-01/index.html").is_file()
    assert text_of(out / "en/terms/2019-04-01/index.html") == "You may rent a device for a day."
    assert "withdrawn" in content(soup(out / "en/cookies/index.html")).get_text().lower()
    assert not (out / "en/archive").exists()
    home = content(soup(out / "en/index.html")).get_text(" ", strip=True)
    assert "Archive" not in home


def test_a_file_replaced_by_a_folder_in_a_merge_keeps_its_history(tmp_path: Path) -> None:
    """``terms.md``, two years old, moved to ``terms/index.md`` and then rewritten on a
    branch merged with a merge commit (which shows one file deleted and another added):
    the history follows the file back, at the new address."""
    repo = new_repo(tmp_path / "repo")
    commit(repo, "2023-01-10", {"terms.md": TERMS_EN.format(day="February 1, 2023", more="")})
    commit(
        repo,
        "2024-01-10",
        {"terms.md": TERMS_EN.format(day="February 1, 2024", more=" for a week")},
    )
    git(repo, "checkout", "-q", "-b", "folders")
    (repo / "terms").mkdir()
    git(repo, "mv", "terms.md", "terms/index.md")
    git(repo, "commit", "-q", "-m", "One folder per policy", date="2025-01-05")
    rewritten = (
        "# Terms of Service\n\nEffective date: March 1, 2025\n\n"
        + "\n\n".join(f"Clause {n}: the devices stay ours and you return them." for n in range(12))
        + "\n"
    )
    (repo / "terms/index.md").write_text(rewritten, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Clearer terms", date="2025-01-06")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge the folders", "folders", date="2025-01-07")
    _written, out = init_and_build(repo, tmp_path)
    assert [p.name for p in sorted((out / "en/terms").glob("20*"))] == [
        "2023-02-01",
        "2024-02-01",
        "2025-03-01",
    ]
    assert not (out / "en/index").exists()


def test_a_folders_index_is_its_groups_main_policy(tmp_path: Path) -> None:
    """``privacy/index.md`` heads the group of ``privacy/cookies.md`` on the home page, not
    "Other policies"; a setext heading names a document."""
    repo = new_repo(tmp_path / "repo")
    commit(
        repo,
        "2025-01-10",
        {
            "privacy/index.md": "Privacy Notice\n==============\n\nEffective date: February 1, 2025\n\nText.\n",
            "privacy/cookies.md": "Cookie Notice\n-------------\n\nEffective date: February 1, 2025\n\nFew.\n",
            "terms.md": TERMS_EN.format(day="February 1, 2025", more=""),
        },
    )
    written, out = init_and_build(repo, tmp_path)
    assert load_config(repo / "site_config.yml").source.layouts == (
        "{policy}/index.md",
        "{policy}.md",
    )
    assert isinstance(written, dict)
    home = content(soup(out / "en/index.html"))
    names = [a.get_text(strip=True) for a in home.select("a[href]")]
    assert (
        names.index("Privacy Notice")
        < names.index("Cookie Notice")
        < names.index("Terms of Service")
    )
    headings = [h.get_text(strip=True) for h in home.select("h2")]
    assert headings[:2] == ["Privacy", "Other policies"]
