"""``policy-site init`` on repositories that keep one folder, or one file name, per locale,
with regional codes (``pt-BR``, ``zh-CN``, ``es-419``), and the one function that
recognises a language code in a name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.languages import language_code
from generator.commands.build import build
from generator.commands.init import init_site
from generator.config.loading import load_config

from .conftest import Commit, make_repo, policy, soup

Factory = Callable[..., Path]
CODES = ("en", "pt-BR", "zh-CN", "es-419")


def _repo(tmp_path: Path, paths: dict[str, str]) -> Path:
    files: dict[str, str | None] = {
        path: policy("2024-02-01", f"## Scope\n\nText of {title}.\n", title=title)
        for path, title in paths.items()
    }
    repo = make_repo(tmp_path / "repo", [Commit("2024-01-10", files)])
    (repo / "site_config.yml").unlink()  # init writes its own
    return repo


def test_locale_folders_with_regional_codes(tmp_path: Path) -> None:
    """en/…, pt-BR/…, zh-CN/…, es-419/…: {lang}/{policy}.md, every code as written, each
    with its name; the site builds with an address per code."""
    repo = _repo(
        tmp_path,
        {f"{lang}/{name}.md": f"{name} {lang}" for lang in CODES for name in ("privacy", "terms")},
    )
    found = init_site(repo).inspection
    assert found.layouts == ("{lang}/{policy}.md",)
    assert set(found.languages) == set(CODES)
    assert found.languages[0] == "en"
    config = load_config(repo / "site_config.yml")
    names = {lang.code: lang.name for lang in config.languages.available}
    assert names["pt-BR"] == "Português (Brasil)"
    assert names["es-419"] == "Español (Latinoamérica)"
    assert names["zh-CN"].startswith("中文")
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, dt.date(2024, 3, 1))
    for lang in CODES:
        page = soup(out / lang / "privacy/index.html")
        assert page.html is not None
        assert page.html["lang"] == lang


def test_locale_folders_holding_groups(tmp_path: Path) -> None:
    """en/legal/terms.md, pt-BR/data/privacy.md…: {lang}/{group}/{policy}.md, the policies
    named without their folder and the folders proposed as groups."""
    repo = _repo(
        tmp_path,
        {
            f"{lang}/{group}/{name}.md": f"{name} {lang}"
            for lang in CODES
            for group, name in (("legal", "terms"), ("data", "privacy"))
        },
    )
    found = init_site(repo).inspection
    assert found.layouts == ("{lang}/{group}/{policy}.md",)
    assert [p.id for p in found.policies] == ["privacy", "terms"]
    config = load_config(repo / "site_config.yml")
    assert sorted(config.groups) == ["data", "legal"]
    assert config.groups["legal"].title.get("en", "en") == "Legal"


def test_one_name_in_two_groups_keeps_the_folders_in_the_name(tmp_path: Path) -> None:
    """en/hr/privacy.md and en/legal/privacy.md are two policies: the layout keeps the
    folder in each name ({lang}/{policy}.md), so that neither takes the other's address."""
    repo = _repo(
        tmp_path,
        {
            f"{lang}/{group}/privacy.md": f"{group} {lang}"
            for lang in ("en", "pt-BR")
            for group in ("hr", "legal")
        },
    )
    found = init_site(repo).inspection
    assert found.layouts == ("{lang}/{policy}.md",)
    assert [p.id for p in found.policies] == ["hr/privacy", "legal/privacy"]


def test_language_in_the_file_name_with_regional_codes(tmp_path: Path) -> None:
    """privacy.en.md, privacy.pt-BR.md, privacy.zh-TW.md: {policy}.{lang}.md."""
    repo = _repo(
        tmp_path,
        {f"policies/privacy.{lang}.md": f"privacy {lang}" for lang in ("en", "pt-BR", "zh-TW")},
    )
    found = init_site(repo).inspection
    assert found.layouts == ("{policy}.{lang}.md",)
    assert set(found.languages) == {"en", "pt-BR", "zh-TW"}


def test_department_folders_are_not_languages(tmp_path: Path) -> None:
    """HR/leave.md and IT/devices.md are policies of departments, not Croatian and Italian."""
    repo = _repo(tmp_path, {"HR/leave.md": "Leave", "IT/devices.md": "Devices"})
    found = init_site(repo).inspection
    assert found.layouts == ("{policy}.md",)
    assert found.languages == ("en",)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("en", "en"),
        ("DE", "de"),
        ("pt-BR", "pt-BR"),
        ("pt_br", "pt-BR"),
        ("zh-hant", "zh-Hant"),
        ("zh-Hant-TW", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("en-GB", "en-GB"),
        ("en-XX", None),
        ("use", None),
        ("faq", None),
        ("xx", None),
        ("privacy", None),
        ("", None),
    ],
)
def test_a_language_code_is_recognised_in_its_usual_spelling(
    written: str, code: str | None
) -> None:
    """The one function that tells a language code in a file or folder name: two letters
    CLDR knows, an optional script and region; three-letter words are not codes."""
    assert language_code(written) == code
