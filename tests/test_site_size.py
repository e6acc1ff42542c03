"""The site's size against what its host publishes: ``build`` says how big it is and what
takes most room, and warns past ``site.size_limit``; ``check`` says so from the last build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.errors import ConfigError
from generator.cli import main
from generator.config.loading import load_config
from generator.config.settings import size_in_bytes
from generator.output.size import kind_of, measure

from .conftest import MINIMAL_CONFIG, Commit, policy

Factory = Callable[..., Path]


def small_site(repo_factory: Factory, limit: str = "") -> Path:
    config = (
        MINIMAL_CONFIG.replace("  timezone:", f"  size_limit: {limit}\n  timezone:")
        if limit
        else MINIMAL_CONFIG
    )
    body = "## Scope\n\nWe keep your data for 24 months.\n"
    return repo_factory(
        [
            Commit("2025-01-01", {"policies/privacy/en.md": policy("2025-02-01", body)}),
            Commit(
                "2025-06-01",
                {"policies/privacy/en.md": policy("2025-07-01", body.replace("24", "12"))},
            ),
        ],
        config,
    )


def test_build_prints_the_size_and_what_takes_most_room(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """The size line names the total and the three largest kinds, with their shares."""
    repo = small_site(repo_factory)
    argv = ["build", "--config", str(repo / "site_config.yml"), "--output", str(repo / "site")]
    assert main([*argv, "--as-of", "2025-08-01"]) == 0
    out, err = capsys.readouterr()
    (line,) = [x for x in out.splitlines() if x.startswith("  size")]
    assert "theme files" in line
    assert line.count("%)") == 3
    assert "size_limit" not in err
    measured = measure(repo / "site", {"privacy"})
    assert sum(measured.kinds.values()) == measured.total
    assert {"changes pages", "version pages", "API files", "search index"} <= set(measured.kinds)


def test_a_site_past_its_limit_is_a_warning_of_build_and_check(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """Past ``site.size_limit`` the build warns, naming the limit and the largest kinds, and
    publishes; ``check`` then warns the same from the sizes the build kept."""
    repo = small_site(repo_factory, "100 KB")
    config = str(repo / "site_config.yml")
    assert (
        main(["build", "--config", config, "--output", str(repo / "site"), "--as-of", "2025-08-01"])
        == 0
    )
    _out, err = capsys.readouterr()
    assert "is more than 'site.size_limit' (100 KB)" in err
    assert (repo / "site/en/privacy/index.html").is_file()
    assert main(["check", "--config", config, "--as-of", "2025-08-01"]) == 0
    out, _err = capsys.readouterr()
    assert "warning: the site built as of 2025-08-01 is" in out
    assert main(["check", "--config", config, "--as-of", "2025-08-01", "--strict"]) == 1


def test_sizes_are_read_in_words(repo_factory: Factory) -> None:
    """1 GB is 10⁹ bytes, 1 GiB 2³⁰; a size that is none is refused at its line."""
    assert (size_in_bytes("1 GB"), size_in_bytes("500 MB"), size_in_bytes("1GiB")) == (
        10**9,
        5 * 10**8,
        2**30,
    )
    assert size_in_bytes("large") is None
    repo = small_site(repo_factory, "large")
    with pytest.raises(ConfigError) as caught:
        load_config(repo / "site_config.yml")
    assert caught.value.line == 4
    assert "'site.size_limit' is 'large'" in caught.value.message


def test_each_file_has_a_kind() -> None:
    """Pages are named by what they show; the site's other files by what they are."""
    policies = {"privacy"}
    assert (
        kind_of("en/privacy/compare/2024-01-01...2025-01-01/index.html", policies)
        == "comparison pages"
    )
    assert kind_of("en/privacy/2024-01-01/changes/index.html", policies) == "changes pages"
    assert kind_of("en/privacy/history/scope/index.html", policies) == "section histories"
    assert kind_of("en/privacy/2024-01-01/privacy-2024-01-01-en.pdf", policies) == "PDFs"
    assert kind_of("api/en/privacy.json", policies) == "API files"
    assert kind_of("en/search/search_index.json", policies) == "search index"


def test_pages_outside_a_long_menu_carry_a_short_one(repo_factory: Factory, tmp_path: Path) -> None:
    """With 15 policies, a version's and a redline's page hold only home, what's new and their
    own policy in the menu; the policy's page holds every policy."""
    from generator.commands.build import build

    from .conftest import AS_OF, soup

    files = {
        f"policies/policy-{n:02}/en.md": policy(
            "2025-02-01", f"## Scope\n\nText {n}.\n", f"Policy {n}"
        )
        for n in range(15)
    }
    amended = {
        "policies/policy-00/en.md": policy(
            "2025-07-01", "## Scope\n\nText 0, amended.\n", "Policy 0"
        )
    }
    repo = repo_factory([Commit("2025-01-01", files), Commit("2025-06-01", amended)])
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF)

    def menu(page: str) -> list[str]:
        nav = soup(out / page).select_one("nav.md-nav--primary")
        assert nav is not None
        return [a.get_text(strip=True) for a in nav.select("a.md-nav__link")]

    assert {f"Policy {n}" for n in range(15)} <= set(menu("en/policy-00/index.html"))
    for page in (
        "en/policy-00/2025-02-01/index.html",
        "en/policy-00/2025-07-01/changes/index.html",
    ):
        assert menu(page) == ["Home", "What's new", "Policy 0"]
    assert (out / "en/policy-00/2025-07-01/changes/index.html").stat().st_size < (
        out / "en/policy-00/index.html"
    ).stat().st_size
