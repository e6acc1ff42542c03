"""``{{ site.key }}`` in a policy: filled in from Jekyll's ``_config.yml`` or ``site.variables``;
one without a value is a ``check`` error naming file, line and variable, never an empty
link."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.errors import ConfigError
from generator.commands.build import build
from generator.config.loading import load_config

from .conftest import MINIMAL_CONFIG, Commit, content, one, policy, soup
from .test_check import problems
from .test_policy_links import Warnings

Factory = Callable[..., Path]
AS_OF = dt.date(2026, 11, 26)
EN = "policies/privacy/en.md"
JEKYLL = (
    "title: Example Devices\nemail_support: mailto:support@example.com\nsocial:\n  team: Legal\n"
)
TEXT = (
    "Questions? [Contact Support]({{ site.email_support }}) or the {{site.social.team}} team.\n"
    "\nOur {{ page.title }} page.\n"
)


def test_a_jekyll_variable_is_filled_in(repo_factory: Factory, tmp_path: Path) -> None:
    """The link leads to the value of ``_config.yml``, a nested key reads with dots, and a
    tag that is no site variable follows ``template_tags`` (removed); check is content."""
    repo = repo_factory(
        [Commit("2025-11-01", {"_config.yml": JEKYLL, EN: policy("2026-01-01", TEXT)})]
    )
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF)
    text = one(content(soup(out / "en/privacy/index.html")), ".ps-document")
    link = one(text, "a[href^=mailto]")
    assert (link["href"], link.get_text()) == ("mailto:support@example.com", "Contact Support")
    assert "the Legal team" in text.get_text()
    assert "page.title" not in text.get_text()
    found = [p.rule for p in problems(repo)]
    assert "unknown-variable" not in found
    assert found.count("template-tags") == 1  # {{ page.title }}, not the site's variables


def test_site_variables_add_to_and_win_over_jekylls(repo_factory: Factory, tmp_path: Path) -> None:
    """``site.variables`` in site_config.yml gives a value Jekyll's file lacks, and wins."""
    config = MINIMAL_CONFIG.replace(
        "  timezone:",
        "  variables: {email_support: 'https://help.example.com/', team: DPO}\n  timezone:",
    )
    text = "Ask [Support]({{ site.email_support }}), the {{ site.team }}.\n"
    repo = repo_factory(
        [Commit("2025-11-01", {"_config.yml": JEKYLL, EN: policy("2026-01-01", text)})], config
    )
    assert (
        load_config(repo / "site_config.yml").variables["email_support"]
        == "https://help.example.com/"
    )
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF)
    text_html = one(content(soup(out / "en/privacy/index.html")), ".ps-document")
    assert one(text_html, "a[href^=https]")["href"] == "https://help.example.com/"
    assert "the DPO." in text_html.get_text()


def test_an_unknown_variable_is_an_error_and_never_an_empty_link(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """``check`` names the file, the line and the variable, with the close key; ``build``
    warns and shows the tag as written: no link with an empty address."""
    text = "Intro.\n\n[Contact Support]({{ site.email_suport }}).\n"
    repo = repo_factory(
        [Commit("2025-11-01", {"_config.yml": JEKYLL, EN: policy("2026-01-01", text)})]
    )
    (found,) = [p for p in problems(repo) if p.rule == "unknown-variable"]
    assert (found.file, found.line, found.severity.value) == (EN, 7, "error")
    assert "'{{ site.email_suport }}' has no value" in found.message
    assert found.hint == "Did you mean 'site.email_support'?"
    heard = Warnings()
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF, reporter=heard)
    assert any(w.startswith(f"{EN}:7: '{{{{ site.email_suport }}}}'") for w in heard.found)
    text_html = one(content(soup(out / "en/privacy/index.html")), ".ps-document")
    assert text_html.select('a[href=""]') == []
    assert "[Contact Support]({{ site.email_suport }})" in text_html.get_text()


def test_a_broken_jekyll_config_is_named_with_its_line(repo_factory: Factory) -> None:
    """A ``_config.yml`` that is not YAML stops with its name and line."""
    repo = repo_factory(
        [
            Commit(
                "2025-11-01", {"_config.yml": "title: [unclosed\n", EN: policy("2026-01-01", TEXT)}
            )
        ]
    )
    with pytest.raises(ConfigError) as caught:
        load_config(repo / "site_config.yml")
    assert (caught.value.file, caught.value.line) == ("_config.yml", 2)
