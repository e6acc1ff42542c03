"""A site's own words: ``locales/<lang>.po`` beside the configuration overrides or adds any
phrase, for a language the package has or one it lacks; ``check`` names what a language
lacks and the site's file to add it to; ``policy-site words`` writes that file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.errors import ConfigError
from generator.check import Severity
from generator.cli import main
from generator.config.loading import load_config
from generator.render.i18n import Messages, used_messages, words_for

from .conftest import Commit, model_page, policy, site_model
from .test_check import only, problems

Factory = Callable[..., Path]

CONFIG = """\
site: {title: Policies, timezone: UTC}
languages:
  default: en
  available:
    - {code: en, name: English}
    - {code: es, name: Español}
    - {code: sw, name: Kiswahili}
"""
HEADER = 'msgid ""\nmsgstr ""\n"Language: {code}\\n"\n"Plural-Forms: {forms}\\n"\n\n'
SPANISH = HEADER.format(
    code="es", forms="nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"
)
SWAHILI = HEADER.format(code="sw", forms="nplurals=2; plural=(n != 1);")


def _repo(repo_factory: Factory) -> Path:
    files = {
        f"policies/privacy/{lang}.md": policy("2024-02-01", "## Scope\n\nText.\n", title=title)
        for lang, title in (("en", "Privacy"), ("es", "Privacidad"), ("sw", "Faragha"))
    }
    return repo_factory([Commit("2024-01-10", files)], CONFIG)


def _catalogue(repo: Path, code: str, text: str) -> Path:
    path = repo / "locales" / f"{code}.po"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_site_catalogue_overrides_a_word_of_a_language_the_package_has(
    repo_factory: Factory,
) -> None:
    """locales/es.po's "Effective date:" replaces the package's on the Spanish pages; every
    other word stays the package's."""
    repo = _repo(repo_factory)
    _catalogue(repo, "es", SPANISH + 'msgid "Effective date:"\nmsgstr "Vigente desde el:"\n')
    site = site_model(repo / "site_config.yml", dt.date(2024, 3, 1))
    text = model_page(site, "es", "privacy/").get_text(" ", strip=True)
    assert "Vigente desde el:" in text
    assert "Fecha de entrada en vigor:" not in text
    words = words_for(load_config(repo / "site_config.yml"), "es")
    assert words("Version history") == Messages("es")("Version history")
    assert [c.path.parent.name for c in words.catalogues] == ["locales", "locales"]


def test_a_site_catalogue_adds_a_language_the_package_lacks(repo_factory: Factory) -> None:
    """A Swahili catalogue of the site's own gives Swahili pages their words, plural forms
    included, and check no longer reports what it translates."""
    repo = _repo(repo_factory)
    config = load_config(repo / "site_config.yml")
    before = only(problems(repo), "catalogue-missing")
    assert "none of the site's own" in before.message
    assert "Swahili" in before.message
    assert before.hint is not None
    assert "locales/sw.po" in before.hint
    assert "generator/locales" not in before.hint
    _catalogue(
        repo,
        "sw",
        SWAHILI
        + 'msgid "Effective date:"\nmsgstr "Tarehe ya kuanza kutumika:"\n\n'
        + 'msgid "{count} section added"\nmsgid_plural "{count} sections added"\n'
        + 'msgstr[0] "sehemu {count} imeongezwa"\nmsgstr[1] "sehemu {count} zimeongezwa"\n',
    )
    words = words_for(config, "sw")
    assert words("Effective date:") == "Tarehe ya kuanza kutumika:"
    assert words.plural("{count} section added", "{count} sections added", 1) == (
        "sehemu 1 imeongezwa"
    )
    assert words.plural("{count} section added", "{count} sections added", 4) == (
        "sehemu 4 zimeongezwa"
    )
    site = site_model(repo / "site_config.yml", dt.date(2024, 3, 1))
    assert "Tarehe ya kuanza kutumika:" in model_page(site, "sw", "privacy/").get_text()
    after = only(problems(repo), "catalogue-missing")
    assert f"{len(used_messages()) - 2} of the site's own" in after.message
    assert "'Effective date:'" not in after.message
    assert after.hint is not None
    assert "locales/sw.po" in after.hint


def test_check_names_the_phrases_a_language_lacks(repo_factory: Factory) -> None:
    """A catalogue lacking a few phrases: check names each of them, and the site's file."""
    repo = _repo(repo_factory)
    main(["words", "sw", "--config", str(repo / "site_config.yml"), "-q"])
    path = repo / "locales" / "sw.po"
    text = path.read_text(encoding="utf-8")
    lacking = ["Version history", "Superseded"]
    for msgid in sorted(used_messages() - set(lacking)):
        quoted = msgid.replace('"', '\\"')
        text = text.replace(
            f'msgid "{quoted}"\nmsgstr ""\n', f'msgid "{quoted}"\nmsgstr "{quoted}"\n'
        )
    text = text.replace('msgstr[0] ""', 'msgstr[0] "{count}"').replace(
        'msgstr[1] ""', 'msgstr[1] "{count}"'
    )
    path.write_text(text, encoding="utf-8")
    found = only(problems(repo), "catalogue-missing")
    assert found.severity is Severity.WARNING
    assert found.message.startswith("2 of the site's own")
    assert "have no translation in Swahili" in found.message
    assert "'Superseded'" in found.message
    assert "'Version history'" in found.message
    assert found.hint is not None
    assert found.hint.startswith("Add them to locales/sw.po")


def test_words_writes_a_catalogue_to_translate_and_keeps_what_it_has(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """'policy-site words sw' writes every phrase with an empty translation and the
    language's plural forms; a second run keeps the translations; --all fills in today's
    words of a language the package has."""
    repo = _repo(repo_factory)
    config = str(repo / "site_config.yml")
    assert main(["words", "sw", "--config", config]) == 0
    assert f"{len(used_messages())} entries added" in capsys.readouterr().out
    path = repo / "locales" / "sw.po"
    text = path.read_text(encoding="utf-8")
    assert 'msgid "Effective date:"\nmsgstr ""\n' in text
    assert 'msgstr[1] ""' in text
    assert "msgstr[2]" not in text
    path.write_text(
        text.replace(
            'msgid "Effective date:"\nmsgstr ""', 'msgid "Effective date:"\nmsgstr "Tarehe:"'
        ),
        encoding="utf-8",
    )
    assert main(["words", "sw", "--config", config]) == 0
    assert "0 entries added" in capsys.readouterr().out
    assert 'msgstr "Tarehe:"' in path.read_text(encoding="utf-8")
    assert main(["words", "es", "--all", "--config", config]) == 0
    spanish = (repo / "locales" / "es.po").read_text(encoding="utf-8")
    assert 'msgstr "Historial de versiones"' in spanish
    assert "every phrase is translated" in capsys.readouterr().out
    assert main(["words", "not a code", "--config", config]) == 2
    assert "is not a language code" in capsys.readouterr().err


def test_a_broken_site_catalogue_names_its_file_and_line(repo_factory: Factory) -> None:
    """A catalogue Babel cannot read, a placeholder lost or added, the wrong number of
    plural forms: a configuration error at the catalogue's line, before anything is built."""
    repo = _repo(repo_factory)
    cases = {
        'msgid "Effective date:"\nFecha de entrada\n': ("locales/es.po", 7, "misformatted keyword"),
        'msgid "A new version takes effect on {date}."\nmsgstr "Nueva versión."\n': (
            "locales/es.po",
            6,
            "lacks {date}",
        ),
        'msgid "Effective date:"\nmsgstr "Fecha {fecha}:"\n': ("locales/es.po", 6, "has {fecha}"),
        'msgid "{count} section added"\nmsgid_plural "{count} sections added"\n'
        'msgstr[0] "{count} apartado"\nmsgstr[1] "{count} apartados"\n': (
            "locales/es.po",
            6,
            "has 2 plural forms; this language has 3",
        ),
    }
    for entry, (file, line, words) in cases.items():
        _catalogue(repo, "es", SPANISH + entry)
        with pytest.raises(ConfigError) as raised:
            load_config(repo / "site_config.yml")
        assert raised.value.file == str(repo / file), entry
        if line is not None:
            assert raised.value.line == line, entry
        assert words in raised.value.message, entry
        assert main(["check", "--config", str(repo / "site_config.yml"), "-q"]) == 2


def test_a_catalogue_named_after_no_language_is_refused(repo_factory: Factory) -> None:
    """locales/spanish.po is refused: the file name says which language it is for."""
    repo = _repo(repo_factory)
    _catalogue(repo, "spanish", SPANISH)
    with pytest.raises(ConfigError, match="not named after a language code"):
        load_config(repo / "site_config.yml")


def test_a_misspelt_message_id_is_reported(repo_factory: Factory) -> None:
    """An entry that translates no phrase of the site is a warning at its line, with the
    phrase it probably meant."""
    repo = _repo(repo_factory)
    _catalogue(repo, "es", SPANISH + 'msgid "Efective date:"\nmsgstr "Vigente desde el:"\n')
    found = only(problems(repo), "catalogue-unused")
    assert (found.file, found.line) == ("locales/es.po", 6)
    assert found.hint == "Did you mean 'Effective date:'?"


def test_the_catalogue_folder_can_be_configured(repo_factory: Factory) -> None:
    """languages.catalogues names another folder; one that does not exist is an error."""
    repo = _repo(repo_factory)
    config = repo / "site_config.yml"
    config.write_text(CONFIG + "  catalogues: words\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'words' of the site's own words does not exist"):
        load_config(config)
    (repo / "words").mkdir()
    (repo / "words" / "es.po").write_text(
        SPANISH + 'msgid "Effective date:"\nmsgstr "Vigente desde el:"\n', encoding="utf-8"
    )
    assert words_for(load_config(config), "es")("Effective date:") == "Vigente desde el:"


def test_site_catalogues_are_part_of_the_words_identity(repo_factory: Factory) -> None:
    """Cached redlines and counts are keyed by the words' identity, which changes with the
    site's catalogue."""
    repo = _repo(repo_factory)
    config = load_config(repo / "site_config.yml")
    before = words_for(config, "es").identity
    path = _catalogue(repo, "es", SPANISH + 'msgid "Added"\nmsgstr "Nuevo"\n')
    changed = words_for(config, "es").identity
    assert changed != before
    path.write_text(SPANISH + 'msgid "Added"\nmsgstr "Añadido"\n', encoding="utf-8")
    assert words_for(config, "es").identity not in (before, changed)
