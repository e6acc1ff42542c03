"""Compare any two versions: which pairs have a page, the pages, the pickers, links and API."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base import urls
from generator.base.errors import ConfigError
from generator.base.urls import PageKind, resolve
from generator.cli import main
from generator.config.loading import load_config
from generator.diff import Diff, DiffMemo, diff_documents
from generator.document import Document
from generator.history.repository import read_history
from generator.site import Site, build_site
from generator.site.compare import comparisons, offered_pairs
from generator.versions.timeline import build_timelines

from .conftest import MINIMAL_CONFIG, Commit, model_page, policy, site_model
from .test_check import problems

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
FIRST = dt.date(2020, 1, 1)


def effective(n: int) -> dt.date:
    """The effective date of version ``n`` (0-based): the first of a month from 2020."""
    return dt.date(FIRST.year + (FIRST.month - 1 + n) // 12, (FIRST.month - 1 + n) % 12 + 1, 1)


def body(n: int) -> str:
    """Version ``n``'s text: each version keeps logs for a different number of days."""
    return f"""\
## Scope

This policy covers our services.

## Retention

We keep access logs for {100 + n} days.

## Contact

Write to privacy@example.test.
"""


def history(count: int, text: Callable[[int], str] = body) -> list[Commit]:
    """``count`` versions, each committed 40 days before it takes effect."""
    return [
        Commit(
            (effective(n) - dt.timedelta(days=40)).isoformat(),
            {EN: policy(effective(n).isoformat(), text(n), summary=f"Version {n + 1}.")},
            f"Version {n + 1}",
        )
        for n in range(count)
    ]


AFTER_ALL = dt.date(2030, 1, 1)


def pages_of(site: Site, kind: PageKind, lang: str = "en") -> list[str]:
    """The addresses (inside the language) of every page of ``kind``."""
    (language,) = (found for found in site.languages if found.lang == lang)
    return sorted(page.url for page in language.pages if page.kind is kind)


def pair_url(old: int, new: int) -> str:
    """The compare page of versions ``old`` and ``new`` (0-based), inside the language."""
    return urls.compare("en", "privacy", effective(old), effective(new)).split("/", 1)[1]


def test_compare_page_shows_the_same_redline_as_the_diff_command(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """With 6 versions, the page of versions 2 and 5 holds exactly `diff --format html`'s fragment."""
    repo = repo_factory(history(6))
    site = site_model(repo / "site_config.yml", AFTER_ALL)
    (page,) = (p for p in site.languages[0].pages if p.url == pair_url(1, 4))
    code = main(
        [
            "diff",
            "--config",
            str(repo / "site_config.yml"),
            "privacy",
            effective(1).isoformat(),
            effective(4).isoformat(),
            "--format",
            "html",
        ]
    )
    fragment = capsys.readouterr().out.rstrip("\n")
    assert code == 0
    assert "101" in fragment
    assert "104" in fragment
    assert fragment in str(page.body)
    assert page.kind is PageKind.COMPARE
    assert not page.in_search


def test_every_pair_has_a_page_up_to_the_threshold(repo_factory: Factory) -> None:
    """6 versions: all 15 pairs, older first, each linked once from the comparisons table."""
    site = site_model(repo_factory(history(6)) / "site_config.yml", AFTER_ALL)
    expected = sorted(pair_url(i, j) for j in range(6) for i in range(j))
    assert pages_of(site, PageKind.COMPARE) == expected
    assert pages_of(site, PageKind.COMPARE_INDEX) == ["privacy/compare/"]
    table = model_page(site, "en", "privacy/compare/")
    hrefs = sorted(f"privacy/compare/{a['href']}" for a in table.select("table a"))
    assert hrefs == expected
    links = table.select("a[data-ps-from]")
    assert all(a["href"] == f"{a['data-ps-from']}...{a['data-ps-to']}/" for a in links)


def test_pickers_offer_only_pairs_that_exist(repo_factory: Factory) -> None:
    """The form is hidden until the script runs; its selects list exactly the table's dates."""
    site = site_model(repo_factory(history(4)) / "site_config.yml", AFTER_ALL)
    page = model_page(site, "en", "privacy/compare/")
    form = page.select_one("form[data-ps-compare]")
    assert form is not None
    assert form.has_attr("hidden")
    olds = [o["value"] for o in form.select("select[name=from] option")]
    news = [o["value"] for o in form.select("select[name=to] option")]
    assert olds == [effective(n).isoformat() for n in range(3)]
    assert news == [effective(n).isoformat() for n in range(1, 4)]
    assert {a["data-ps-from"] for a in page.select("a[data-ps-from]")} == set(olds)
    for select in form.select("select"):
        assert form.select_one(f"label[for={select['id']}]") is not None
    assert [o["value"] for o in form.select("option[selected]")] == [
        effective(2).isoformat(),
        effective(3).isoformat(),
    ]


def offered(count: int, in_force: int, limit: int = 15) -> set[tuple[int, int]]:
    """The pairs (as positions) offered for ``count`` versions, version ``in_force`` in force."""
    dates = [effective(n) for n in range(count)]
    pairs = offered_pairs(dates, dates[in_force], limit)
    return {(dates.index(old), dates.index(new)) for old, new in pairs}


@pytest.mark.parametrize("count", [16, 20, 40, 100])
def test_above_the_threshold_pairs_grow_linearly(count: int) -> None:
    """Above 15 versions: the two before, the first, and the version in force; fewer than 4n."""
    for in_force in (0, count // 2, count - 1):
        pairs = offered(count, in_force)
        expected = {(j - k, j) for j in range(1, count) for k in (1, 2) if j - k >= 0}
        expected |= {(0, j) for j in range(1, count)}
        expected |= {(min(i, in_force), max(i, in_force)) for i in range(count) if i != in_force}
        assert pairs == expected
        assert len(pairs) < 4 * count


def test_twenty_versions_give_the_documented_count_not_quadratic(repo_factory: Factory) -> None:
    """20 versions, the last in force: 70 compare pages (19 + 18 + 17 + 16), not 190."""
    site = site_model(repo_factory(history(20)) / "site_config.yml", AFTER_ALL)
    found = pages_of(site, PageKind.COMPARE)
    assert len(found) == 70
    assert len(found) < 20 * 19 // 2
    assert pair_url(0, 19) in found
    assert pair_url(5, 19) in found  # with the version in force
    assert pair_url(5, 7) in found  # with the version two before
    assert pair_url(5, 8) not in found
    # The whole policy: its page, history, 20 versions, 19 changes, 20 since, comparisons
    # page, 70 comparisons, and one history per section (3).
    total = len([p for p in site.languages[0].pages if p.policy == "privacy"])
    assert total == 1 + 1 + 20 + 19 + 20 + 1 + 70 + 3


def test_threshold_is_configurable(repo_factory: Factory) -> None:
    """compare.all_pairs_up_to: 3 limits a 6-version policy to the linear set."""
    config = MINIMAL_CONFIG + "compare:\n  all_pairs_up_to: 3\n"
    site = site_model(repo_factory(history(6), config) / "site_config.yml", AFTER_ALL)
    expected = sorted(pair_url(i, j) for i, j in offered(6, 5, limit=3))
    assert pages_of(site, PageKind.COMPARE) == expected
    assert len(expected) < 15
    intro = model_page(site, "en", "privacy/compare/").get_text(" ", strip=True)
    assert "This policy has 6 versions" in intro


@pytest.mark.parametrize(("value", "says"), [("-1", "between 0 and 100"), ("many", "whole number")])
def test_bad_threshold_is_refused_at_its_line(tmp_path: Path, value: str, says: str) -> None:
    """A negative or non-numeric compare.all_pairs_up_to names the file and line."""
    path = tmp_path / "site_config.yml"
    path.write_text(MINIMAL_CONFIG + f"compare:\n  all_pairs_up_to: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert says in raised.value.message
    assert raised.value.line == 10


def test_pairs_no_longer_offered_keep_their_address_as_a_redirect(repo_factory: Factory) -> None:
    """17 versions: when the version in force changes, its old pairs redirect to the choices."""
    repo = repo_factory(history(17))
    earlier = site_model(repo / "site_config.yml", effective(10))
    later = site_model(repo / "site_config.yml", AFTER_ALL, previous=earlier)
    before = set(pages_of(earlier, PageKind.COMPARE))
    after = set(pages_of(later, PageKind.COMPARE))
    gone = before - after
    assert pair_url(3, 10) in gone
    redirects = {f.path: f.content.decode() for f in later.files if "/compare/" in f.path}
    for url in gone:
        html = redirects[f"en/{url}index.html"]
        assert f'content="0; url=../#from-{url.split("/")[2].split("...")[0]}"' in html
    assert not {f"en/{url}index.html" for url in after} & set(redirects)
    assert set(redirects) == {f"en/{url}index.html" for url in gone}


def test_a_first_deployment_invents_no_comparison_redirects(repo_factory: Factory) -> None:
    """Without a previous record, no pair gets a redirect: none was ever published."""
    repo = repo_factory(history(17))
    site = site_model(repo / "site_config.yml", AFTER_ALL)
    assert not [f for f in site.files if "/compare/" in f.path]


def test_each_pair_is_diffed_once(repo_factory: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Changes, since, compare pages and section histories share one diff per pair of texts
    (a consecutive pair is diffed once more, before any page, to learn the section
    histories' addresses: what is held stays bounded by one policy)."""
    repo = repo_factory(history(6))
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    seen: list[tuple[int, int]] = []

    def counting(old: Document, new: Document, memo: DiffMemo | None = None) -> Diff:
        seen.append((id(old), id(new)))
        return diff_documents(old, new, memo)

    monkeypatch.setattr("generator.site.context.diff_documents", counting)
    build_site(config, timelines, AFTER_ALL)
    # 15 pairs, and the version in force with itself (its own since/ page).
    assert len(set(seen)) == 15 + 1
    assert max(Counter(seen).values()) == 2
    assert len(seen) == 15 + 1 + 5


def test_addresses_round_trip_through_resolve() -> None:
    """resolve() reads back every new address as the kind, dates and section it was made from."""
    old, new = dt.date(2024, 3, 1), dt.date(2025, 2, 1)
    known = {"privacy"}
    index = resolve(urls.compare_index("en", "privacy"), known)
    assert (index.kind, index.policy) == (PageKind.COMPARE_INDEX, "privacy")
    pair = resolve(urls.compare("en", "privacy", old, new), known)
    assert (pair.kind, pair.base, pair.day) == (PageKind.COMPARE, old, new)
    section = resolve(urls.section_history("es", "privacy", "conservación"), known)
    assert (section.kind, section.lang, section.section) == (
        PageKind.SECTION_HISTORY,
        "es",
        "conservación",
    )
    source = resolve(urls.source("en", "privacy", old), known)
    assert (source.kind, source.file, source.day) == (None, urls.SOURCE, old)
    assert resolve("en/privacy/compare/2024-03-01..2025-02-01/", known).unknown
    assert urls.page(PageKind.COMPARE, "en", "privacy", new, base=old) == (
        "en/privacy/compare/2024-03-01...2025-02-01/"
    )


def link_to(target: str) -> Callable[[int], str]:
    """Version texts whose last version links to ``target``."""
    return lambda n: body(n) + (f"\nSee [the comparison]({target}).\n" if n == 5 else "")


@pytest.mark.parametrize(
    "target",
    [
        "compare/",
        f"compare/{effective(1)}...{effective(4)}/",
        f"{effective(2)}/source.md",
        "history/retention/",
    ],
)
def test_check_accepts_links_to_reader_pages(repo_factory: Factory, target: str) -> None:
    """Links to the comparisons, a comparison, a source file or a section history are fine."""
    repo = repo_factory(history(6, link_to(target)))
    found = problems(repo, as_of="2020-06-01")
    assert [p for p in found if p.rule == "broken-link"] == []


@pytest.mark.parametrize(
    ("target", "says"),
    [
        (f"compare/{effective(4)}...{effective(1)}/", "no comparison of the versions"),
        (f"compare/{effective(1)}...2019-01-01/", "no comparison of the versions"),
        ("compare/latest/", "no such page"),
        ("2019-01-01/source.md", "no version of 2019-01-01"),
        ("history/retension/", "no section 'retension'"),
    ],
)
def test_check_catches_broken_links_to_reader_pages(
    repo_factory: Factory, target: str, says: str
) -> None:
    """A reversed or unknown pair, a missing version's source, a misspelt section: errors."""
    repo = repo_factory(history(6, link_to(target)))
    found = [p for p in problems(repo, as_of="2020-06-01") if p.rule == "broken-link"]
    assert len(found) == 1, found
    assert says in found[0].message


def test_api_lists_the_comparisons(repo_factory: Factory) -> None:
    """The JSON index gives the comparisons page and every pair on offer with its address."""
    site = site_model(repo_factory(history(3)) / "site_config.yml", AFTER_ALL)
    (api,) = (f for f in site.files if f.path == urls.api_policy("en", "privacy"))
    entry = json.loads(api.content)
    assert entry["compare_url"] == "https://policies.test/en/privacy/compare/"
    assert [(c["from"], c["to"]) for c in entry["comparisons"]] == [
        (effective(0).isoformat(), effective(1).isoformat()),
        (effective(0).isoformat(), effective(2).isoformat()),
        (effective(1).isoformat(), effective(2).isoformat()),
    ]
    assert entry["comparisons"][0]["url"] == "https://policies.test/en/" + pair_url(0, 1)


def test_a_single_version_has_nothing_to_compare(repo_factory: Factory) -> None:
    """One version: no comparisons page, no link to it, and the API says so."""
    site = site_model(repo_factory(history(1)) / "site_config.yml", AFTER_ALL)
    assert pages_of(site, PageKind.COMPARE_INDEX) == []
    assert "compare/" not in str(model_page(site, "en", "privacy/"))
    (api,) = (f for f in site.files if f.path == urls.api_policy("en", "privacy"))
    assert json.loads(api.content)["compare_url"] is None


def test_comparisons_follow_the_version_in_force() -> None:
    """comparisons() pairs every version with the one in force on the as-of day only."""
    from generator.versions.timeline import Timeline, Version

    versions = tuple(Version("p", "en", effective(n), ()) for n in range(18))
    timeline = Timeline("p", "en", "p/en.md", versions)
    pairs = {
        (a.effective_date, b.effective_date) for a, b in comparisons(timeline, effective(9), 15)
    }
    assert (effective(3), effective(9)) in pairs
    assert (effective(9), effective(17)) in pairs
    assert (effective(3), effective(10)) not in pairs
