"""Links between policies written as links between their files, in three layouts: published
as links to the other policy's page, in the reader's language when it has one; a link to
a file that holds no policy is a ``check`` error and a ``build`` warning (``--strict``: an
error, and nothing is written)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.errors import BuildError
from generator.commands.build import Reporter, build

from .conftest import MINIMAL_CONFIG, Commit, attr, content, one, policy, soup
from .test_check import problems

Factory = Callable[..., Path]
AS_OF = dt.date(2026, 11, 26)
TWO_LANGUAGES = MINIMAL_CONFIG + "    - {code: de, name: Deutsch, locale: de_DE}\n"
TERMS = "## Liability\n\nWe answer for what we do.\n"


class Warnings(Reporter):
    """Keeps the build's warnings."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def stage(self, name: str, detail: str) -> None:
        """Ignore the stage."""

    def warnings(self, messages: object) -> None:
        """Keep the warnings."""
        self.found += list(messages)  # type: ignore[call-overload]

    def problem(self, message: str) -> None:
        """Ignore the problem."""


def links_on(page: Path) -> list[str]:
    """The targets of the links in the policy text of a built page."""
    text = one(content(soup(page)), ".ps-document")
    return [
        attr(a, "href")
        for a in text.select("a[href]")
        if not a.find_parent(class_="ps-section-history")
    ]


def test_links_to_files_in_folders_per_policy_lead_to_pages_in_the_same_language(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """``{policy}/{lang}.md``: a German text's link to the English terms file leads to the
    German terms page, and its #part is kept; a link to a policy without German leads to
    the English page."""
    privacy = "See [the terms](../terms/en.md#liability) and [cookies](../cookies/en.md).\n"
    repo = repo_factory(
        [
            Commit(
                "2025-11-01",
                {
                    "policies/privacy/en.md": policy("2026-01-01", privacy),
                    "policies/privacy/de.md": policy("2026-01-01", privacy),
                    "policies/terms/en.md": policy("2026-01-01", TERMS, "Terms"),
                    "policies/terms/de.md": policy("2026-01-01", TERMS, "AGB"),
                    "policies/cookies/en.md": policy("2026-01-01", "Text.\n", "Cookies"),
                },
            )
        ],
        TWO_LANGUAGES,
    )
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF)
    assert links_on(out / "de/privacy/index.html") == ["../terms/#liability", "../../en/cookies/"]
    assert links_on(out / "de/privacy/2026-01-01/index.html") == [
        "../../terms/#liability",
        "../../../en/cookies/",
    ]
    assert [p for p in problems(repo) if p.rule == "broken-link"] == []


def test_links_between_files_of_one_folder_lead_to_pages(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """``{policy}.md``: ``terms.md`` and ``./terms.md#liability`` lead to the terms page;
    a link to the policy's own file and part stays on the page."""
    text = "Read [terms](terms.md), [liability](./terms.md#liability) and [above](privacy.md#a).\n"
    config = MINIMAL_CONFIG + "source:\n  layout: '{policy}.md'\n"
    repo = repo_factory(
        [
            Commit(
                "2025-11-01",
                {
                    "policies/privacy.md": policy("2026-01-01", "## A\n\n" + text),
                    "policies/terms.md": policy("2026-01-01", TERMS, "Terms"),
                },
            )
        ],
        config,
    )
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF)
    assert links_on(out / "en/privacy/index.html") == ["../terms/", "../terms/#liability", "#a"]


def test_links_between_index_files_lead_to_pages(repo_factory: Factory, tmp_path: Path) -> None:
    """``{policy}/index.md`` with the top-level table of contents excluded by
    ``/index.md``: ``../cancellation/index.md`` leads to the cancellation page."""
    config = MINIMAL_CONFIG + (
        "source:\n  path: .\n  layout: '{policy}/index.md'\n  exclude: [/index.md]\n"
    )
    repo = repo_factory(
        [
            Commit(
                "2025-11-01",
                {
                    "index.md": "# Our policies\n\n- [Terms](terms/index.md)\n",
                    "terms/index.md": policy(
                        "2026-01-01", "See the [cancellation policy](../cancellation/index.md).\n"
                    ),
                    "cancellation/index.md": policy("2026-01-01", "Text.\n", "Cancellation"),
                },
            )
        ],
        config,
    )
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF)
    assert links_on(out / "en/terms/index.html") == ["../cancellation/"]
    assert not (out / "en/index/index.html").exists()


def test_a_link_to_a_file_that_is_no_policy_is_named(repo_factory: Factory, tmp_path: Path) -> None:
    """``check``: an error at the link's file and line, with the file it would be; ``build``:
    a warning saying the same; ``build --strict``: an error, and no site is written."""
    text = "Intro.\n\nSee [the terms](../term/en.md) for more.\n"
    repo = repo_factory(
        [
            Commit(
                "2025-11-01",
                {
                    "policies/privacy/en.md": policy("2026-01-01", text),
                    "policies/terms/en.md": policy("2026-01-01", TERMS, "Terms"),
                },
            )
        ]
    )
    (found,) = [p for p in problems(repo) if p.rule == "broken-link"]
    assert (found.file, found.line, found.severity.value) == ("policies/privacy/en.md", 7, "error")
    assert "policies/term/en.md, which is not a policy" in found.message
    assert found.hint == "Did you mean ../terms/en.md?"
    heard = Warnings()
    build(repo / "site_config.yml", tmp_path / "site", AS_OF, reporter=heard)
    assert any(
        w.startswith("policies/privacy/en.md:7: the link '../term/en.md'") for w in heard.found
    )
    with pytest.raises(BuildError) as caught:
        build(repo / "site_config.yml", tmp_path / "strict", AS_OF, strict=True)
    assert (caught.value.file, caught.value.line) == ("policies/privacy/en.md", 7)
    assert not (tmp_path / "strict").exists()
