"""``policy-site new``: the scaffolded repository builds, checks and says what it is."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.base.errors import UsageError
from generator.cli import main
from generator.commands.new import (
    STARTER_POLICY,
    new_site,
    parse_languages,
    scaffold_files,
    template,
)
from generator.config.loading import load_config
from generator.config.settings import control_character
from tests.conftest import content, git, soup

DAY = dt.date(2026, 3, 2)

TITLES = {
    "en": "Privacy Policy",
    "fr": "Politique de confidentialité",
    "es": "Política de privacidad",
    "de": "Datenschutzerklärung",
    "zh": "隐私政策",
}


def commit_all(repo: Path) -> None:
    """``git init && git add -A && git commit -m init`` with a fixed identity."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "init", date="2026-03-01")


def test_new_site_builds_and_passes_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """new → git commit → build and check in the folder: a policy page in every language."""
    repo = tmp_path / "our-policies"
    langs = ["en", "fr", "zh", "pt-BR"]
    code = main(["new", str(repo), "--lang", ",".join(langs), "--effective", DAY.isoformat()])
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Created 9 files in {repo}. Next: ")
    assert out.count("\n") == 1
    commit_all(repo)
    monkeypatch.chdir(repo)

    assert main(["check", "--as-of", DAY.isoformat()]) == 0
    assert main(["build", "--as-of", DAY.isoformat()]) == 0

    for lang in langs:
        page = soup(repo / "site" / lang / STARTER_POLICY / "index.html")
        assert page.html is not None
        # The page's lang is the theme's (which has pt, not pt-BR): compare primary subtags.
        assert str(page.html.get("lang")).split("-")[0] == lang.split("-")[0]
        body = content(page)
        assert body.h1 is not None
        assert body.h1.get_text(strip=True) == TITLES.get(lang, TITLES["en"])
        headings = [h.get_text(strip=True) for h in body.find_all("h2")]
        assert len(headings) == 6
        assert headings[0].startswith("1. ")
    assert "Example Organisation" in content(soup(repo / "site/fr/privacy/index.html")).get_text()


def test_new_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A non-empty folder: exit 2, one line naming it, and nothing written."""
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"'{tmp_path}' is not empty" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_new_refuses_a_file(tmp_path: Path) -> None:
    """A path that is a file is refused as a usage error."""
    target = tmp_path / "policies.txt"
    target.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        new_site(target, effective=DAY)


def test_new_fills_an_empty_folder_and_creates_missing_ones(tmp_path: Path) -> None:
    """An existing empty folder is used; a missing one is created with its parents."""
    empty = tmp_path / "empty"
    empty.mkdir()
    made = new_site(empty, effective=DAY)
    assert (empty / "site_config.yml").is_file()
    assert made.directory == empty
    deep = tmp_path / "a" / "b" / "site"
    made = new_site(deep, languages=("en", "de"), effective=DAY)
    assert sorted(p.as_posix() for p in made.files) == sorted(
        [
            ".github/workflows/check.yml",
            ".github/workflows/publish.yml",
            ".gitignore",
            "README.md",
            "policies/privacy/de.md",
            "policies/privacy/en.md",
            "site_config.yml",
        ]
    )
    assert all((deep / p).is_file() for p in made.files)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("", "no language given"),
        (" , ", "no language given"),
        ("e", "'e' is not a language code"),
        ("en,f r", "'f r' is not a language code"),
        ("english", "'english' is not a language code"),
        ("en,../x", "'../x' is not a language code"),
        ("en,fr,EN", "'EN' is listed twice"),
    ],
)
def test_bad_language_codes_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, message: str
) -> None:
    """A bad --lang: exit 2 with a one-line message, and no folder created."""
    target = tmp_path / "site"
    with pytest.raises(UsageError, match=re.escape(message)):
        parse_languages(lang)
    assert main(["new", str(target), "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert not target.exists()


def test_blank_title_is_a_usage_error(tmp_path: Path) -> None:
    """A title of only spaces is refused before anything is written."""
    with pytest.raises(UsageError, match="needs a title"):
        new_site(tmp_path / "site", title="  \n ", effective=DAY)
    assert not (tmp_path / "site").exists()


def test_written_config_loads_with_the_languages_asked_for(tmp_path: Path) -> None:
    """The config validates, the first language is the default, names are in each language."""
    new_site(tmp_path, languages="de, en,es,pt-BR,no", title="Acme Policies", effective=DAY)
    config = load_config(tmp_path / "site_config.yml")
    assert config.site_title("de") == "Acme Policies"
    assert config.site.url == ""
    assert config.languages.default == "de"
    assert config.language_codes == ("de", "en", "es", "pt-BR", "no")
    names = {lang.code: lang.name for lang in config.languages.available}
    assert names == {
        "de": "Deutsch",
        "en": "English",
        "es": "Español",
        "pt-BR": "Português (Brasil)",
        "no": "Norsk",
    }
    # Titles only for the languages that have a text of their own.
    wanted = {k: TITLES[k] for k in ("de", "en", "es")}
    assert dict(config.policies[STARTER_POLICY].title.by_language) == wanted


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(min_size=1, max_size=40).filter(lambda t: t.strip() and not control_character(t))
)
def test_any_title_reads_back_from_the_config(tmp_path: Path, title: str) -> None:
    """Whatever the title (quotes, colons, 'no', emoji; no control characters, which the
    config refuses), the config reads it back as given."""
    text = scaffold_files(languages=("en",), title=title, effective=DAY)["site_config.yml"]
    path = tmp_path / "site_config.yml"
    path.write_text(text, encoding="utf-8")
    assert load_config(path).site_title("en") == title


def test_every_setting_has_a_comment_above_it() -> None:
    """Each section and setting of the written config has a plain-words comment above it."""
    text = scaffold_files(languages=("en", "fr"), title="Policies", effective=DAY)
    lines = text["site_config.yml"].splitlines()
    keys = [n for n, line in enumerate(lines) if re.match(r"(?:  )*[a-z_]+:", line)]
    assert len(keys) >= 17
    for n in keys:
        assert lines[n - 1].lstrip().startswith("# "), f"no comment above '{lines[n]}'"
    assert "# url: https://" in text["site_config.yml"]


def test_starter_policies_have_front_matter_and_numbered_sections() -> None:
    """Each language gets its own text dated as asked; others get English with a note."""
    files = scaffold_files(languages=("fr", "en", "es", "de", "zh", "it"), title="P", effective=DAY)
    for lang in ("fr", "en", "es", "de", "zh", "it"):
        text = files[f"policies/privacy/{lang}.md"]
        assert text.startswith(f"---\ntitle: {TITLES.get(lang, TITLES['en'])}\n")
        assert f"\neffective: {DAY.isoformat()}\n---\n" in text
        assert re.findall(r"^## (\d)\. ", text, re.MULTILINE) == list("123456")
        assert ("This is the English example text" in text) is (lang == "it")
    assert "Politique de confidentialité" in files["site_config.yml"]


def test_readme_and_gitignore_speak_to_the_site() -> None:
    """The README names the site and the authoritative language; builds are never committed."""
    files = scaffold_files(languages=("fr", "en"), title="Nos politiques", effective=DAY)
    readme = files["README.md"]
    assert readme.startswith("# Nos politiques\n")
    assert "Français (`fr.md`)" in readme
    assert "$" not in readme
    assert len(readme.splitlines()) < 120
    ignored = files[".gitignore"].splitlines()
    assert {"/site/", ".policy-site-cache/", "__pycache__/"} <= set(ignored)
    assert template("gitignore") == files[".gitignore"]


def test_pdf_question_turns_pdfs_on_and_installs_the_extra(tmp_path: Path) -> None:
    """``new --pdf`` writes ``pdf: true`` and both workflows install policy-site[pdf];
    without it, PDFs are off and the workflows install policy-site alone."""
    assert main(["new", str(tmp_path / "with"), "--pdf", "--effective", DAY.isoformat()]) == 0
    assert main(["new", str(tmp_path / "without"), "--effective", DAY.isoformat()]) == 0
    assert load_config(tmp_path / "with/site_config.yml").pdf is True
    assert load_config(tmp_path / "without/site_config.yml").pdf is False
    for name in ("check.yml", "publish.yml"):
        pdf = (tmp_path / "with/.github/workflows" / name).read_text(encoding="utf-8")
        plain = (tmp_path / "without/.github/workflows" / name).read_text(encoding="utf-8")
        assert "run: pip install 'policy-site[pdf]==" in pdf
        assert "policy-site[pdf]" not in plain
