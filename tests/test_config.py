"""Stage 1: site_config.yml is validated into typed settings, with messages that point at the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.base.errors import ConfigError
from generator.cli import main
from generator.config.loading import load_config
from generator.config.source import DateSource, DateSourceKind, EffectiveDateRule

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site_config.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_loads_with_its_values() -> None:
    """The repository's own configuration is valid and read as written."""
    config = load_config(ROOT / "site_config.yml")
    assert config.site_title("en") == "Example Devices Policies"
    assert config.language_codes == ("en", "zh", "es", "de", "ar")
    assert config.languages.default == "en"
    assert config.locale("en") == "en_IE"
    assert config.configured_title("privacy", "zh") == "隐私政策"
    assert config.effective_rule == EffectiveDateRule((DateSource(DateSourceKind.FRONT_MATTER),))


def test_defaults_fill_everything_but_the_title(tmp_path: Path) -> None:
    """Only site.title is required; every other key has its documented default."""
    config = load_config(write(tmp_path, "site:\n  title: Policies\n"))
    assert config.site.timezone == "UTC"
    assert config.languages.default == "en"
    assert config.language_codes == ("en",)
    assert config.source.path == "policies"
    assert config.source.layout == "{policy}/{lang}.md"
    assert config.notice.min_days == 30
    assert config.effective_rule == EffectiveDateRule((DateSource(DateSourceKind.FRONT_MATTER),))
    assert config.source.template_tags == "remove"


def test_misspelt_key_names_file_line_and_suggestion(tmp_path: Path) -> None:
    """A near miss gets 'did you mean' with the file and the line of the key."""
    path = write(tmp_path, "site:\n  title: P\nlanguagse:\n  default: en\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message == f"{path}:3: unknown key 'languagse'. Did you mean 'languages'?"


def test_nested_unknown_key_is_named_with_its_parent(tmp_path: Path) -> None:
    """Unknown keys inside a section are reported with their full dotted name."""
    path = write(tmp_path, "site:\n  title: P\n  timezon: UTC\n")
    with pytest.raises(
        ConfigError, match=r":3: unknown key 'site.timezon'. Did you mean 'timezone'\?"
    ):
        load_config(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "site:\n  title: P\nnotice:\n  min_days: soon\n",
            ":4: 'notice.min_days' must be a whole number.",
        ),
        ("site:\n  title: [a, b]\n", ":2: 'site.title' must be a text, or a text per language"),
        ("site: {}\n", ":1: the required key 'site.title' is missing."),
        ("languages: {}\n", "the required key 'site' is missing."),
        ("site:\n  title: P\n  timezone: Mars/Olympus\n", ":3: 'site.timezone' is 'Mars/Olympus'"),
        ("site:\n  title: P\nlanguages:\n  default: fr\n", ":4: the default language 'fr'"),
        ("site:\n  title: P\nsource:\n  layout: policies.md\n", "must contain {policy}"),
        (
            "site:\n  title: P\nsource:\n  effective_date: {pattern: '(unclosed'}\n",
            "not a valid regular expression",
        ),
        ("site:\n  title: P\n  url: policies.example.com\n", "does not start with https://"),
        (
            "site:\n  title: P\nsource:\n  effective_date: {pattern: 'x(.+)', commit_date: true}\n",
            "only one of",
        ),
        ("site:\n  title: 'unclosed\n", "the file cannot be read"),
    ],
)
def test_invalid_values_are_reported_with_their_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    """Wrong types, missing keys and impossible values each give one clear line."""
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file_has_a_hint(tmp_path: Path) -> None:
    """Running where there is no configuration says what to do."""
    with pytest.raises(ConfigError, match="there is no configuration file"):
        load_config(tmp_path / "nope.yml")


def test_cli_config_error_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command prints one line (no traceback) and exits with 2 on a config error."""
    source = (ROOT / "site_config.yml").read_text(encoding="utf-8")
    path = write(tmp_path, source.replace("\nlanguages:", "\nlanguagse:"))
    code = main(["build", "--config", str(path), "--as-of", "2026-01-01"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert f"{path}:" in err
    assert "did you mean 'languages'" in err.lower()
    assert "Traceback" not in err
