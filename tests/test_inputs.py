"""A page's fingerprint (its inputs) says when the page can be kept: two pages with one
fingerprint are the same page, over every commit of a history and several days."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.generate import DEFAULT_AS_OF, generate
from generator.base.urls import PageKind
from generator.config import SiteConfig, load_config
from generator.history import History, read_history
from generator.output.writer import mkdocs_settings, prepared_page
from generator.site import navigation, page_for, with_alternates
from generator.site.context import SiteContext
from generator.site.inputs import fingerprint, frame
from generator.site.page_addresses import alternates, language_plan, site_addresses
from generator.site.specs import nav_title
from generator.versions import DocumentCache, build_timelines

from .conftest import AS_OF, ROOT, Commit, policy

Factory = Callable[..., Path]


def prefixes(history: History, count: int) -> Iterator[History]:
    """The history as it stood after ``count`` commits spread over it (the whole last)."""
    sequences = sorted({r.sequence for r in history.revisions})
    picks = sorted({sequences[round(i * (len(sequences) - 1) / (count - 1))] for i in range(count)})
    for last in picks:
        yield replace(
            history,
            revisions=tuple(r for r in history.revisions if r.sequence <= last),
            removals=tuple(r for r in history.removals if r.sequence <= last),
        )


def page_digest(prepared: object) -> str:
    """A digest of what MkDocs is given of a page: its body, table of contents, metadata."""
    return hashlib.sha256(repr(prepared).encode("utf-8", "surrogatepass")).hexdigest()


def check_fingerprints(
    config: SiteConfig, history: History, days: list[dt.date], count: int
) -> int:
    """Build every page of every state; fail where one fingerprint gave two pages. Returns
    how many pages kept their fingerprint from one state to another (the check has teeth)."""
    cache = DocumentCache()
    seen: dict[tuple[str, str, str], tuple[str, str]] = {}
    repeats = 0
    for state in prefixes(history, count):
        timelines = build_timelines(state, config, cache)
        for day in days:
            site = SiteContext(config, timelines, day)
            addresses = site_addresses(site)
            for lang in config.language_codes:
                folder = Path("/unused")
                settings = mkdocs_settings(lang, navigation(site, lang), config, folder, folder)
                shared = frame(repr(config), site.words(lang).identity, settings, "tools")
                for spec in language_plan(site, lang):
                    found = alternates(addresses, config.language_codes, spec.url, spec.policy)
                    print_ = fingerprint(site, spec, shared, found)
                    page = with_alternates(
                        [page_for(site, spec)], addresses, config.language_codes
                    )[0]
                    assert (page.in_nav, page.in_search, page.url) == (
                        spec.in_nav,
                        spec.in_search,
                        spec.url,
                    )
                    if spec.in_nav:
                        assert nav_title(site, spec) == page.title
                    made = page_digest(prepared_page(page, lang, config))
                    key = (lang, spec.url, print_)
                    if key in seen:
                        repeats += 1
                        before, when = seen[key]
                        assert made == before, (
                            f"{lang}/{spec.url}: one fingerprint, two pages ({when} and {day})"
                        )
                    else:
                        seen[key] = (made, f"{day} after {len(state.revisions)} revisions")
                site.diffs.release()
    return repeats


def test_one_fingerprint_is_one_page_over_the_example_history() -> None:
    """Over the example policies' history (every fifth commit or so) and four days around
    its amendments, pages with the same fingerprint are the same; many keep theirs."""
    config = load_config(ROOT / "site_config.yml")
    history = read_history(config)
    days = [dt.date(2025, 6, 1), dt.date(2026, 3, 1), AS_OF, dt.date(2028, 1, 15)]
    assert check_fingerprints(config, history, days, count=5) > 100


def test_one_fingerprint_is_one_page_over_a_generated_history(tmp_path: Path) -> None:
    """The same over a generated repository in three languages: amendments, translations
    that lag, corrections, formatting-only commits, upcoming versions."""
    repo = generate(tmp_path / "repo", policies=2, languages=3, versions=5, words=150, seed=3)
    config = load_config(repo / "site_config.yml")
    days = [dt.date(2025, 1, 1), DEFAULT_AS_OF, dt.date(2026, 6, 1)]
    assert check_fingerprints(config, read_history(config), days, count=6) > 100


def test_one_fingerprint_is_one_page_through_withdrawal_and_renaming(repo_factory: Factory) -> None:
    """The same through a rename, a withdrawal and a correction."""
    body = "## Data\n\nWe keep logs for {n} months.\n\n## Rights\n\nAsk us.\n"
    repo = repo_factory(
        [
            Commit(
                "2024-01-01", {"policies/privacy/en.md": policy("2024-02-01", body.format(n=24))}
            ),
            Commit(
                "2024-03-01",
                {"policies/terms/en.md": policy("2024-03-10", body.format(n=1), title="Terms")},
            ),
            Commit(
                "2024-04-01", {"policies/privacy/en.md": policy("2024-05-01", body.format(n=12))}
            ),
            Commit(
                "2024-04-20", {"policies/privacy/en.md": policy("2024-05-01", body.format(n=11))}
            ),
            Commit("2024-06-01", {}, renames={"policies/terms/en.md": "policies/conditions/en.md"}),
            Commit("2024-07-01", {"policies/privacy/en.md": None}),
        ]
    )
    config = load_config(repo / "site_config.yml")
    days = [dt.date(2024, 4, 25), dt.date(2024, 5, 2), dt.date(2024, 8, 1)]
    assert check_fingerprints(config, read_history(config), days, count=6) > 10


def four_amendments(repo_factory: Factory) -> tuple[SiteConfig, History, History]:
    """A policy amended four times: its config, its history after three commits, and after
    all four."""
    body = "## Data\n\nWe keep logs for {n} months.\n\n## Rights\n\nAsk us within {n} days.\n"
    commits = [
        Commit(
            f"2024-0{n}-01", {"policies/privacy/en.md": policy(f"2024-0{n}-10", body.format(n=n))}
        )
        for n in range(1, 5)
    ]
    repo = repo_factory(commits)
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    return config, replace(history, revisions=history.revisions[:3]), history


def kind_prints(config: SiteConfig, state: History, kind: PageKind) -> dict[str, str]:
    """The fingerprint of every English page of ``kind``, by address."""
    site = SiteContext(config, build_timelines(state, config), dt.date(2024, 1, 15))
    addresses = site_addresses(site)
    found = {}
    for spec in language_plan(site, "en"):
        if spec.kind is kind:
            near = alternates(addresses, ["en"], spec.url, spec.policy)
            found[spec.url] = fingerprint(site, spec, "frame", near)
    return found


@pytest.mark.parametrize(
    ("kind", "follows"),
    [(PageKind.VERSION, "privacy/2024-03-10/"), (PageKind.CHANGES, "privacy/2024-03-10/changes/")],
)
def test_a_new_version_keeps_the_fingerprints_of_pages_it_does_not_show(
    repo_factory: Factory, kind: PageKind, follows: str
) -> None:
    """After one more amendment, the pages of older versions and their changes (but those
    of the one it follows, which name their successor) keep their fingerprints: a rebuild
    pays for the new pages only."""
    config, earlier, history = four_amendments(repo_factory)
    old, new = kind_prints(config, earlier, kind), kind_prints(config, history, kind)
    del old[follows]  # it now names the version (or the amendment) after it
    assert len(old) >= 1
    assert set(old) < set(new)
    assert {url: new[url] for url in old} == old


def test_a_new_version_is_offered_by_every_comparison(repo_factory: Factory) -> None:
    """Every comparison page offers every other pair, so one more amendment (new pairs to
    offer) changes the fingerprint of each."""
    config, earlier, history = four_amendments(repo_factory)
    old = kind_prints(config, earlier, PageKind.COMPARE)
    new = kind_prints(config, history, PageKind.COMPARE)
    assert len(old) >= 2
    assert set(old) < set(new)
    assert all(new[url] != print_ for url, print_ in old.items())
