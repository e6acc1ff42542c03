"""Groups of policies: the grouped home page, navigation, API and feeds, in three languages."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.site import NavItem, Site

from .conftest import MINIMAL_CONFIG, Commit, git, model_page, policy, site_model
from .test_check import only, problems

Factory = Callable[..., Path]
AS_OF = dt.date(2026, 11, 26)
ATOM = "{http://www.w3.org/2005/Atom}"

CONFIG = (
    MINIMAL_CONFIG
    + """\
    - {code: zh, name: 简体中文, locale: zh_Hans_CN}
    - {code: es, name: Español, locale: es_ES}
source:
  path: policies
  layout: "{group}/{policy}/{lang}.md"
groups:
  privacy:
    title: {en: Your data, zh: 您的数据, es: Sus datos}
    order: 1
  legal:
    title: {en: Terms and conditions, zh: 条款, es: Condiciones}
    order: 2
"""
)
#: The home page's group headings in each language: configured order, then a folder's own.
HEADINGS = {
    "en": ["Your data", "Terms and conditions", "Products"],
    "zh": ["您的数据", "条款", "Products"],
    "es": ["Sus datos", "Condiciones", "Products"],
}
LANGS = ("en", "zh", "es")


def files(path: str, effective: str, body: str, **meta: str) -> dict[str, str]:
    """The same policy in en, zh and es (``path`` holds ``{lang}``)."""
    return {
        path.format(lang=lang): policy(effective, f"## Scope\n\n{body} ({lang}).\n", **meta)
        for lang in LANGS
    }


def grouped_repo(factory: Factory) -> Path:
    """Policies in three folders: privacy, legal and products (the last one not configured)."""
    return factory(
        [
            Commit(
                "2024-01-10",
                {
                    **files(
                        "policies/privacy/privacy/{lang}.md", "2024-02-01", "We collect little"
                    ),
                    **files("policies/legal/terms/{lang}.md", "2024-02-01", "Be kind"),
                    **files("policies/products/cloud/{lang}.md", "2024-02-01", "Cloud rules"),
                },
                "Publish the policies",
            ),
            Commit(
                "2024-05-01",
                files(
                    "policies/privacy/privacy/{lang}.md",
                    "2024-06-01",
                    "We collect less",
                    summary="Logs are kept for 12 months.",
                ),
                "Collect less",
            ),
            Commit(
                "2024-07-03",
                {
                    "policies/legal/terms/en.md": policy(
                        "2024-02-01", "## Scope\n\nBe kinder (en).\n"
                    )
                },
                "Fix a word",
            ),
            Commit(
                "2024-07-05",
                {
                    "policies/legal/terms/es.md": policy(
                        "2024-02-01", "## Scope\n\nBe\nkind (es).\n"
                    )
                },
                "Reflow",
            ),
            Commit(
                "2026-10-01",
                files("policies/products/cloud/{lang}.md", "2027-01-01", "New cloud rules"),
                "Announce new cloud rules",
            ),
        ],
        CONFIG,
    )


@pytest.fixture
def grouped(repo_factory: Factory) -> Site:
    """The grouped site in memory."""
    return site_model(grouped_repo(repo_factory) / "site_config.yml", AS_OF)


def language(site: Site, lang: str) -> tuple[NavItem, ...]:
    """A language's navigation."""
    return next(found for found in site.languages if found.lang == lang).nav


def output(site: Site, path: str) -> bytes:
    """A file outside the MkDocs builds."""
    return next(found.content for found in site.files if found.path == path)


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_lists_groups_in_order_with_dates(grouped: Site, lang: str) -> None:
    """Each language's home lists the groups in order, each with its policies and dates."""
    home = model_page(grouped, lang, "")
    sections = home.select("section.ps-group")
    assert [s.h2.get_text() for s in sections if s.h2] == HEADINGS[lang]
    titles = [[a.get_text() for a in s.select("h3 a")] for s in sections]
    assert titles == [["Privacy Policy"]] * 3
    privacy = sections[0].select_one("li.ps-policy")
    assert privacy is not None
    times = [t["datetime"] for t in privacy.select("time")]
    assert times == ["2024-06-01"]  # the version in force's date, never a commit's
    index = [a["href"] for a in home.select("nav.ps-group-index a")]
    assert index == ["#group-privacy", "#group-legal", "#group-products"]


@pytest.mark.parametrize("lang", LANGS)
def test_navigation_is_grouped(grouped: Site, lang: str) -> None:
    """The navigation holds home, what's new, then one heading per group over its policies."""
    nav = language(grouped, lang)
    assert [item.url for item in nav[:2]] == ["", "changes/"]
    assert [item.title for item in nav[2:]] == HEADINGS[lang]
    assert [[child.url for child in item.children] for item in nav[2:]] == [
        ["privacy/"],
        ["terms/"],
        ["cloud/"],
    ]


def test_api_carries_each_policy_group_and_the_groups(grouped: Site) -> None:
    """The API names each policy's group and lists the groups with their pages and feeds."""
    api = json.loads(output(grouped, "api/policies.json"))
    assert {p["id"]: p["group"] for p in api["policies"]} == {
        "cloud": "products",
        "privacy": "privacy",
        "terms": "legal",
    }
    groups = {g["id"]: g for g in api["groups"]}
    assert [g["id"] for g in api["groups"]] == ["privacy", "legal", "products"]
    assert groups["legal"]["titles"] == {
        "en": "Terms and conditions",
        "zh": "条款",
        "es": "Condiciones",
    }
    assert groups["legal"]["feeds"]["es"] == "https://policies.test/es/changes/legal/feed.xml"
    assert api["whats_new"]["zh"] == "https://policies.test/zh/changes/"


@pytest.mark.parametrize("lang", LANGS)
def test_each_group_has_its_own_feed(grouped: Site, lang: str) -> None:
    """A group's feed holds its policies' amendments only; every feed entry names its group."""
    feed = ElementTree.fromstring(output(grouped, f"{lang}/changes/privacy/feed.xml"))
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]  # type: ignore[union-attr]
    assert links == [
        f"https://policies.test/{lang}/privacy/2024-06-01/changes/",
        f"https://policies.test/{lang}/privacy/2024-02-01/",
    ]
    everything = ElementTree.fromstring(output(grouped, f"{lang}/feed.xml"))
    terms = {c.get("term") for c in everything.iter(f"{ATOM}category")}
    assert terms == {"privacy", "legal", "products"}
    labels = {c.get("label") for c in feed.iter(f"{ATOM}category")}
    assert labels == {HEADINGS[lang][0]}


def test_moving_a_policy_between_folders_keeps_every_address(repo_factory: Factory) -> None:
    """A policy moved to another group's folder keeps every address it had, in every language;
    the group it left keeps its what's new and feed addresses."""
    repo = grouped_repo(repo_factory)
    before = site_model(repo / "site_config.yml", AS_OF)
    git(repo, "mv", "policies/products/cloud", "policies/legal/cloud")
    git(repo, "commit", "-q", "-m", "Cloud rules are terms", date="2026-10-05")
    after = site_model(repo / "site_config.yml", AS_OF)
    files = {f.path: f.content for f in after.files}
    for old, new in zip(before.languages, after.languages, strict=True):
        # Every page stays; the emptied group's what's new page leads on to everything's,
        # and its feed address carries the feed of every amendment.
        lang = old.lang
        assert {p.url for p in old.pages} - {p.url for p in new.pages} == {"changes/products/"}
        redirect = files[f"{lang}/changes/products/index.html"].decode()
        assert 'content="0; url=../"' in redirect
        assert files[f"{lang}/changes/products/feed.xml"] == files[f"{lang}/feed.xml"]
    assert {f.path for f in before.files} <= set(files)
    api = json.loads(output(after, "api/policies.json"))
    assert {p["id"]: p["group"] for p in api["policies"]}["cloud"] == "legal"
    assert [a.get_text() for a in model_page(after, "en", "").select("#group-legal ~ ul h3 a")] == [
        "Privacy Policy",
        "Privacy Policy",
    ]


def test_group_from_front_matter_and_from_the_configuration(repo_factory: Factory) -> None:
    """``group:`` in front matter wins over ``groups.<id>.policies``, which wins over folders."""
    config = MINIMAL_CONFIG + (
        "groups:\n  data: {title: {en: Data}, policies: [cookies]}\n  legal: {title: {en: Legal}}\n"
    )
    repo = repo_factory(
        [
            Commit(
                "2024-01-01",
                {
                    "policies/privacy/en.md": policy("2024-01-01", "Text.", group="legal"),
                    "policies/cookies/en.md": policy("2024-01-01", "Text.", title="Cookies"),
                    "policies/terms/en.md": policy("2024-01-01", "Text.", title="Terms"),
                },
            )
        ],
        config,
    )
    site = site_model(repo / "site_config.yml", AS_OF)
    api = json.loads(output(site, "api/policies.json"))
    assert {p["id"]: p["group"] for p in api["policies"]} == {
        "cookies": "data",
        "privacy": "legal",
        "terms": None,
    }
    headings = [h.get_text() for h in model_page(site, "en", "").select("section.ps-group h2")]
    assert headings == ["Data", "Legal", "Other policies"]
    # A group from front matter or the configuration never enters an address.
    addresses = {page.url for page in site.languages[0].pages}
    assert {"privacy/", "cookies/", "terms/"} <= addresses
    assert not [url for url in addresses if url.startswith(("legal/", "data/"))]


def test_a_site_without_groups_keeps_its_flat_list(repo_factory: Factory) -> None:
    """Without groups the home page and the navigation list the policies as before."""
    repo = repo_factory(
        [
            Commit(
                "2024-01-01",
                {
                    "policies/privacy/en.md": policy("2024-01-01", "Text."),
                    "policies/terms/en.md": policy("2024-01-01", "Text.", title="Terms"),
                },
            )
        ]
    )
    site = site_model(repo / "site_config.yml", AS_OF)
    home = model_page(site, "en", "")
    assert not home.select("section.ps-group")
    assert [h.get_text() for h in home.select("h2.ps-policy__title")] == ["Privacy Policy", "Terms"]
    nav = language(site, "en")
    assert [(item.url, item.children) for item in nav] == [
        ("", ()),
        ("changes/", ()),
        ("privacy/", ()),
        ("terms/", ()),
    ]
    api = json.loads(output(site, "api/policies.json"))
    assert api["groups"] == []
    assert not [f.path for f in site.files if "/changes/" in f.path]


def test_unknown_group_is_a_check_error_and_a_build_warning(repo_factory: Factory) -> None:
    """A ``group:`` naming no configured group: check names file, line and commit; build warns."""
    config = MINIMAL_CONFIG + "groups:\n  legal: {title: {en: Legal}}\n"
    repo = repo_factory(
        [
            Commit(
                "2024-01-01", {"policies/privacy/en.md": policy("2024-01-01", "T.", group="legl")}
            )
        ],
        config,
    )
    problem = only(problems(repo), "unknown-group")
    assert (problem.severity, problem.file, problem.line) == ("error", "policies/privacy/en.md", 4)
    assert problem.commit == git(repo, "rev-parse", "HEAD").strip()
    assert "'group: legl' names no group of site_config.yml (groups there: legal)" in (
        problem.message
    )
    site = site_model(repo / "site_config.yml", AS_OF)
    assert site.warnings == (
        "policies/privacy/en.md:4: 'group: legl' names no group of "
        f"{repo / 'site_config.yml'}; the policy is listed without it (policy-site check says "
        "more).",
    )
    assert json.loads(output(site, "api/policies.json"))["policies"][0]["group"] is None


def test_group_title_missing_in_a_language_is_a_warning(repo_factory: Factory) -> None:
    """A group without a title in a language shows the authoritative one; check warns at its line."""
    config = (
        MINIMAL_CONFIG
        + "    - {code: es, name: Español, locale: es_ES}\n"
        + "groups:\n  legal:\n    title: {en: Legal}\n"
    )
    repo = repo_factory(
        [
            Commit(
                "2024-01-01",
                {
                    "policies/privacy/en.md": policy("2024-01-01", "T.", group="legal"),
                    "policies/privacy/es.md": policy("2024-01-01", "T.", group="legal"),
                },
            )
        ],
        config,
    )
    problem = only(problems(repo), "group-title-missing")
    assert (problem.severity, problem.file, problem.line) == ("warning", "site_config.yml", 12)
    assert "no title in Spanish (es); pages in that language show 'Legal'" in problem.message
    site = site_model(repo / "site_config.yml", AS_OF)
    assert [h.get_text() for h in model_page(site, "es", "").select("section.ps-group h2")] == [
        "Legal"
    ]


def test_a_draft_in_a_group_folder_is_found(repo_factory: Factory) -> None:
    """``serve`` finds an uncommitted edit of a file in a ``{group}`` folder."""
    from generator.config.loading import load_config
    from generator.history.drafts import read_drafts
    from generator.history.repository import read_history

    repo = grouped_repo(repo_factory)
    edited = policy("2027-03-01", "## Scope\n\nBe kind, always (en).\n")
    (repo / "policies/legal/terms/en.md").write_text(edited, encoding="utf-8")
    config = load_config(repo / "site_config.yml")
    drafts = read_drafts(config, read_history(config), dt.datetime(2026, 11, 26, tzinfo=dt.UTC))
    assert [(d.policy, d.lang, d.path, d.text) for d in drafts] == [
        ("terms", "en", "policies/legal/terms/en.md", edited)
    ]


def test_a_group_listing_an_unknown_policy_is_a_warning(repo_factory: Factory) -> None:
    """``groups.<id>.policies`` naming no policy is an ``unknown-policy`` warning at its line."""
    config = MINIMAL_CONFIG + "groups:\n  legal:\n    title: {en: Legal}\n    policies: [privcy]\n"
    repo = repo_factory(
        [Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-01-01", "T.")})], config
    )
    problem = only(problems(repo), "unknown-policy")
    assert (problem.severity, problem.file, problem.line) == ("warning", "site_config.yml", 12)
    assert problem.message.startswith("'groups.legal.policies' names 'privcy'")
    assert problem.hint == "Did you mean 'privacy'?"
