"""``policy-site init`` on repositories kept as organisations keep them: it writes a
configuration with which the build finds every document, version and effective date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.check import Problem, check_site, readable_timelines
from generator.cli import main
from generator.commands.init import init_site
from generator.config.loading import load_config
from generator.diff import diff_documents
from generator.document import parse_document
from generator.history.repository import read_history
from generator.site import Site
from generator.versions.parse_cache import DocumentCache
from generator.versions.timeline import Timeline, build_timelines
from tests.conftest import Commit, attr, model_page, one, site_model, soup
from tests.import_repos import (
    TERMS,
    archive,
    docs_commits,
    fast_import,
    multilingual_commits,
)

AS_OF = dt.date(2026, 1, 1)
Repo = Callable[[list[Commit]], Path]


@pytest.fixture
def imported(tmp_path: Path) -> Repo:
    """A repository made by git fast-import, with no configuration yet."""
    counter = iter(range(100))
    return lambda commits: fast_import(tmp_path / f"repo{next(counter)}", commits)


@pytest.fixture
def docs_repo(imported: Repo) -> Path:
    """The docs repository, initialised."""
    repo = imported(docs_commits())
    init_site(repo)
    return repo


def timelines_of(repo: Path) -> dict[tuple[str, str], Timeline]:
    config = load_config(repo / "site_config.yml")
    return build_timelines(read_history(config), config)


def one_timeline(repo: Path) -> Timeline:
    (timeline,) = timelines_of(repo).values()
    return timeline


def dates(timeline: Timeline) -> list[str]:
    return [v.slug for v in timeline.versions]


def problems_of(repo: Path) -> list[Problem]:
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    cache = DocumentCache()
    timelines = readable_timelines(history, config, cache)
    return check_site(config, history, timelines, AS_OF, None, cache=cache)


def test_init_describes_the_docs_repository(docs_repo: Path) -> None:
    """The folder, layout, exclusions, one language and the date chain are found."""
    config = load_config(docs_repo / "site_config.yml")
    assert config.source.path == "policies"
    assert config.source.layouts == ("{policy}.md",)
    assert config.source.exclude == ("README.md", "_drafts/**")
    assert config.language_codes == ("en",)
    chain = [(s.kind.value, s.key) for s in config.effective_rule.sources]
    assert chain == [("text", "effective"), ("commit_date", "effective")]
    text = (docs_repo / "site_config.yml").read_text(encoding="utf-8")
    assert '#   "legal/terms-of-service":' in text
    assert '#     title: {en: "Terms of Service"}' in text
    counts = re.findall(r"dates (\d+ files?) as they are now, (\d+ revisions?) in all", text)
    assert len(counts) == 2
    assert all(re.fullmatch(r"1 \w+[^s]|(?!1 )\d+ \w+s", n) for pair in counts for n in pair)


def test_every_document_and_effective_date_is_found(docs_repo: Path) -> None:
    """Each phrasing of a date line, the commit date where none is written, false friends
    ignored: every document has the versions a reader expects."""
    found = {policy: dates(t) for (policy, _lang), t in timelines_of(docs_repo).items()}
    assert found == {
        "legal/terms-of-service": ["2024-01-20", "2024-08-01", "2025-03-01"],
        "hr/leave-policy": ["2024-01-15"],
        "security/acceptable-use-policy-v2-1": ["2024-02-01", "2025-03-01"],
        "cookie-notice": ["2025-03-03"],
        "data-requests": ["2025-03-03"],
        "privacy-policy": ["2025-06-01", "2025-09-01"],
    }


def test_date_sources_are_recorded_per_document(docs_repo: Path) -> None:
    """Each document says which source gave its date, and whether it is approximate."""
    timelines = timelines_of(docs_repo)
    privacy = timelines[("privacy-policy", "en")].versions[0].document
    assert (privacy.date_source, privacy.approximate, privacy.date_label) == (
        "text",
        True,
        "Last updated",
    )
    requests = timelines[("data-requests", "en")].versions[0].document
    assert (requests.date_source, requests.effective_date) == ("commit_date", None)
    cookies = timelines[("cookie-notice", "en")].versions[0].document
    assert (cookies.date_label, cookies.date_line) == ("Last revised", 9)


def test_a_document_renamed_twice_and_moved_has_one_history(docs_repo: Path) -> None:
    """terms.md → Terms of Service.md → legal/Terms of Service.md: one policy, every version,
    every commit, each under the path it had."""
    (timeline,) = [t for (p, _l), t in timelines_of(docs_repo).items() if "terms" in p]
    assert timeline.path == TERMS
    commits = [e.revision.message for v in timeline.versions for e in v.edits]
    assert commits == [
        "Publish the terms and the leave policy",
        "Give the terms file its full name",
        "Weekly berths",
        "Move the terms to the legal folder",
        "Monthly berths; no online games",
    ]
    paths = [e.revision.path for v in timeline.versions for e in v.edits]
    assert paths[0] == "policies/terms.md"
    assert timeline.former_ids == ("terms", "terms-of-service")


def test_former_addresses_lead_to_the_policy(docs_repo: Path) -> None:
    """Every page of a renamed policy's former ids is a redirect to the page of today."""
    site = site_model(docs_repo / "site_config.yml", AS_OF)
    files = {f.path: f.content.decode("utf-8") for f in site.files}
    for old in ("terms", "terms-of-service"):
        for address in ("", "history/", "2024-01-20/", "2024-08-01/changes/", "2025-03-01/"):
            assert f"en/{old}/{address}index.html" in files, (old, address)
        assert f"en/{old}/feed.xml" in files
    page = BeautifulSoup(files["en/terms/2024-08-01/index.html"], "html.parser")
    target = "../../legal/terms-of-service/2024-08-01/"
    assert attr(one(page, 'meta[http-equiv="refresh"]'), "content") == f"0; url={target}"
    assert attr(one(page, 'link[rel="canonical"]'), "href").endswith(
        "/en/legal/terms-of-service/2024-08-01/"
    )
    assert attr(one(page, 'meta[name="robots"]'), "content") == "noindex"
    assert attr(one(page, "body a"), "href") == target
    # Nothing from the redirects lands among the policy's own addresses: there, the site's
    # files are its feed, its source files and its own retired comparisons or sections.
    own = [path for path in files if path.startswith("en/legal/terms-of-service/")]
    assert own
    assert all(re.search(r"feed\.xml$|/source\.md$|/compare/|/history/", path) for path in own)


def test_formatting_only_commits_are_no_corrections(docs_repo: Path) -> None:
    """A reflow, other list markers or a blank line make no version and no correction, with
    a date line or with commit dates: they appear in no history and move no date."""
    timelines = timelines_of(docs_repo)
    privacy = timelines[("privacy-policy", "en")].versions[-1]
    assert privacy.corrections == ()
    requests = timelines[("data-requests", "en")].versions[0]
    assert requests.corrections == ()
    messages = {e.revision.message for t in timelines.values() for e in t.log}
    assert not {"Reflow the text", "Blank line"} & messages


def test_a_change_of_the_date_line_alone_is_not_a_text_change(docs_repo: Path) -> None:
    """Two revisions that differ only in their "Last updated" line have the same text."""
    privacy = timelines_of(docs_repo)[("privacy-policy", "en")].versions[-1].document
    config = load_config(docs_repo / "site_config.yml")
    source = (docs_repo / "policies/Privacy Policy.md").read_text(encoding="utf-8")
    moved = source.replace("September 2025", "October 2025")
    new = parse_document(moved, path="p.md", rule=config.effective_rule, variables=config.variables)
    diff = diff_documents(privacy, new)
    assert diff.text_changed is False
    assert new.effective_date == dt.date(2025, 10, 1)


def test_what_a_reader_never_sees(docs_repo: Path) -> None:
    """HTML comments and template tags never reach the page; setext headings, tables,
    footnotes and reference links render."""
    site = site_model(docs_repo / "site_config.yml", AS_OF)
    rules = model_page(site, "en", "security/acceptable-use-policy-v2-1/")
    text = rules.get_text()
    assert "counsel" not in text
    assert "<!--" not in text
    assert one(rules, "h2#prohibited-uses").get_text() == "Prohibited uses"
    assert len(rules.select("table tr")) == 4
    assert attr(one(rules, 'a[href^="https://"]'), "href") == "https://lumen-harbor.example/rules"
    assert "Including the guest Wi-Fi." in one(rules, "section.footnotes, .footnotes").get_text()
    privacy = one(model_page(site, "en", "privacy-policy/"), "article.ps-document").get_text()
    assert "{%" not in privacy
    assert "{{" not in privacy
    assert 'Lumen Harbor Ltd. ("Lumen Harbor")' in privacy  # from Jekyll's _config.yml
    assert "banner" not in privacy
    assert "Last updated" not in privacy  # the date line is shown as the page's date


def test_version_page_says_where_the_date_came_from(docs_repo: Path) -> None:
    """An approximate date shows its month; a commit date says so."""
    site = site_model(docs_repo / "site_config.yml", AS_OF)
    privacy = one(model_page(site, "en", "privacy-policy/2025-06-01/"), ".ps-effective")
    assert privacy.get_text(" ", strip=True).startswith("Effective date: June 2025")
    assert "(approximate, from “Last updated” in the text)" in privacy.get_text()
    requests = one(model_page(site, "en", "data-requests/"), ".ps-effective").get_text()
    assert "(the date of the commit that published it)" in requests


def test_template_tags_are_one_warning_per_file(docs_repo: Path) -> None:
    """Liquid tags in three commits of one file give one warning, at the first tag's line."""
    found = [p for p in problems_of(docs_repo) if p.rule == "template-tags"]
    assert [(p.file, p.line, p.severity.value) for p in found] == [
        ("policies/Privacy Policy.md", 6, "warning")
    ]
    assert "'{% include banner.html %}'" in found[0].message
    assert [p for p in problems_of(docs_repo) if p.severity.value == "error"] == []


def test_kept_template_tags_are_shown_as_written(docs_repo: Path) -> None:
    """``source.template_tags: keep`` shows the tags literally (never runs them)."""
    path = docs_repo / "site_config.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("template_tags: remove", "template_tags: keep"),
        encoding="utf-8",
    )
    site = site_model(path, AS_OF)
    text = model_page(site, "en", "privacy-policy/").get_text()
    assert "{% include banner.html %}" in text
    assert "{{ site.company }}" not in text  # a site variable is filled in either way


def test_init_on_a_multilingual_repository(imported: Repo) -> None:
    """{policy}.{lang}.md is found; a name with dots but no language is a policy of the
    default language; dates are read in each language."""
    repo = imported(multilingual_commits())
    found = init_site(repo).inspection
    assert found.layouts == ("{policy}.{lang}.md", "{policy}.md")
    assert found.languages == ("en", "es", "zh")
    timelines = timelines_of(repo)
    assert {key: dates(t) for key, t in timelines.items()} == {
        ("privacy", "en"): ["2024-02-01"],
        ("privacy", "es"): ["2024-02-01", "2024-06-01"],
        ("privacy", "zh"): ["2024-02-01"],
        ("terms-of-use", "en"): ["2024-02-01"],
    }
    site = site_model(repo / "site_config.yml", AS_OF)
    spanish = one(model_page(site, "es", "privacy/"), ".ps-effective").get_text()
    assert "junio de 2024" in spanish
    assert "aproximada" in spanish
    chinese = one(model_page(site, "zh", "privacy/"), ".ps-effective").get_text()
    assert "依据正文中的“生效日期”" in chinese


@pytest.mark.parametrize(
    ("dates", "order", "comment"),
    [
        (["01/02/2024", "12/13/2024"], "month_first", "03/04/2026 is March 4: the only order"),
        (["01/02/2024", "13/12/2024"], "day_first", "03/04/2026 is 3 April: the only order"),
        (["01/02/2024", "03/04/2024"], "month_first", "reads both ways: the usual order in 'en'"),
    ],
)
def test_init_finds_the_order_of_numbers_only_dates(
    imported: Repo, dates: list[str], order: str, comment: str
) -> None:
    """Dates like 01/02/2024: init sets the one order that reads them all, or, when every
    one reads both ways, the language's usual order, saying it guessed; then they build."""
    commits = [
        Commit(f"2024-0{n + 1}-01", {"docs/terms.md": f"# Terms\n\nEffective date: {d}\n\nV{n}.\n"})
        for n, d in enumerate(dates)
    ]
    repo = imported(commits)
    inspection = init_site(repo).inspection
    assert (inspection.numeric_dates, inspection.unreadable_dates) == (order, ())
    written = (repo / "site_config.yml").read_text(encoding="utf-8")
    (line,) = [x for x in written.splitlines() if "numeric_dates:" in x]
    assert line.startswith(f"  numeric_dates: {order} ")
    assert comment in line
    assert len(one_timeline(repo).versions) == 2


def test_init_never_overwrites_without_force(
    docs_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second init exits 2 with a clear message and changes nothing; --force replaces it."""
    path = docs_repo / "site_config.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    assert main(["init", str(docs_repo)]) == 2
    err = capsys.readouterr().err
    assert "already exists; nothing was written" in err
    assert "--force" in err
    assert path.read_text(encoding="utf-8").endswith("# mine\n")
    assert main(["init", str(docs_repo), "--force"]) == 0
    out = capsys.readouterr().out
    assert "6 policies in 1 language (en) under 'policies'" in out
    assert not path.read_text(encoding="utf-8").endswith("# mine\n")


def test_init_and_build_on_the_docs_repository(
    docs_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The written configuration builds without edits, MkDocs included."""
    monkeypatch.chdir(docs_repo)
    assert main(["build", "--as-of", "2026-01-01", "--output", str(tmp_path / "out")]) == 0
    page = soup(tmp_path / "out/en/legal/terms-of-service/index.html")
    assert "Or by the week, or the month." in page.get_text()
    moved = soup(tmp_path / "out/en/terms-of-service/history/index.html")
    assert attr(one(moved, "a"), "href") == "../../legal/terms-of-service/history/"


def test_a_thousand_commits_archive_finds_every_version(imported: Repo) -> None:
    """1,200 commits of 36 documents named with spaces and dots: init and the site model
    find every document and version (how fast is the benchmarks' business)."""
    made = archive()
    repo = imported(made.commits)
    init_site(repo)
    site: Site = site_model(repo / "site_config.yml", AS_OF)
    timelines = timelines_of(repo)
    found = {t.path: len(t.versions) for t in timelines.values()}
    assert found == made.versions
    assert len(found) == 36
    pages = {page.url for page in site.languages[0].pages}
    assert "lumen-harbor-ltd/terms-of-service/history/" in pages
    assert "beacon-mail-v2-0/privacy-policy/" in pages


def test_init_proposes_the_folders_as_groups(docs_repo: Path) -> None:
    """init names each folder that holds policies as a group; the home page shows them, and
    no address changes."""
    text = (docs_repo / "site_config.yml").read_text(encoding="utf-8")
    assert re.search(r"^  hr: +# 1 policy: hr/leave-policy$", text, re.MULTILINE)
    config = load_config(docs_repo / "site_config.yml")
    assert {g: (dict(e.title.by_language), e.order) for g, e in config.groups.items()} == {
        "hr": ({"en": "Hr"}, 1),
        "legal": ({"en": "Legal"}, 2),
        "security": ({"en": "Security"}, 3),
    }
    site = site_model(docs_repo / "site_config.yml", AS_OF)
    home = model_page(site, "en", "")
    headings = [h.get_text() for h in home.select("section.ps-group h2")]
    assert headings == ["Hr", "Legal", "Security", "Other policies"]
    assert "legal/terms-of-service/" in {page.url for page in site.languages[0].pages}
