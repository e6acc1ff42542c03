"""Stages 6–7 on the example: the build writes every page, permanent URLs, right statuses."""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from generator.base.errors import BuildError
from generator.cli import main
from generator.commands.build import build
from generator.output.folder import MARKER

from .conftest import AS_OF, ROOT, Commit, attr, content, model_page, one, policy, site_model, soup

PRIVACY_VERSIONS = ["2024-03-01", "2025-02-01", "2025-10-01", "2026-06-01", "2028-01-15"]


def test_expected_files_exist(example_site: Path) -> None:
    """Root redirect, language home, policy, history and one page per version are written."""
    for name in [
        "index.html",
        "en/index.html",
        "en/privacy/index.html",
        "en/privacy/history/index.html",
        "api/policies.json",
        "en/feed.xml",
        "en/privacy/feed.xml",
        MARKER,
    ]:
        assert (example_site / name).is_file(), name
    for version in PRIVACY_VERSIONS:
        assert (example_site / f"en/privacy/{version}/index.html").is_file()


def test_root_redirects_to_default_language(example_site: Path) -> None:
    """/ sends visitors to /en/ with a meta refresh and a visible link."""
    page = soup(example_site / "index.html")
    assert attr(one(page, "meta[http-equiv=refresh]"), "content") == "0; url=en/"
    assert attr(one(page, "a"), "href") == "en/"


def test_home_lists_policies_with_current_dates(example_site: Path) -> None:
    """The language home gives each policy the effective date of the version in force,
    named for what it is ("Amended on …"), never the day of a commit."""
    page = content(soup(example_site / "en/index.html"))
    lines = [" ".join(p.get_text().split()) for p in page.select("li.ps-policy > p")]
    assert lines == [
        "Amended on 1 June 2026. · A new version takes effect on 15 January 2028.",
        "Amended on 1 October 2025.",
    ]
    assert [attr(t, "datetime") for t in page.select("li.ps-policy > p time")] == [
        "2026-06-01",
        "2025-10-01",
    ]
    # The newest commit (22 October 2026, a correction of the upcoming version) is no date
    # of the text in force.
    assert "22 October 2026" not in page.get_text(" ")
    assert "Last changed" not in page.get_text(" ")


def test_policy_page_shows_version_in_force_and_upcoming_banner(example_site: Path) -> None:
    """The policy page shows the text in force, its date, the history link and the upcoming banner."""
    page = content(soup(example_site / "en/privacy/index.html"))
    effective = page.select_one(".ps-effective")
    assert effective is not None
    assert effective.get_text(" ", strip=True) == "Effective date: 1 June 2026 In force"
    assert attr(one(effective, "time"), "datetime") == "2026-06-01"
    links = {a.get_text(strip=True): a["href"] for a in page.select(".ps-links a")}
    assert links["Version history"] == "history/"
    banner = page.select_one(".admonition.info")
    assert banner is not None
    assert "takes effect on 15 January 2028" in banner.get_text()
    assert [a["href"] for a in banner.find_all("a")] == ["2028-01-15/", "2028-01-15/changes/"]
    # Children was removed in the version of 1 June 2026.
    headings = [h.get_text(strip=True) for h in page.select(".ps-document h2")]
    assert "10. Changes to this policy" in headings
    assert not any("Children" in h for h in headings)


def test_history_lists_versions_newest_first_with_corrections(example_site: Path) -> None:
    """History: every version newest first, with status, commits and corrections under their version."""
    page = content(soup(example_site / "en/privacy/history/index.html"))
    rows = page.select("table.ps-history tr.ps-history__row")
    assert [v["id"] for v in rows] == [f"v{d}" for d in reversed(PRIVACY_VERSIONS)]
    statuses = [one(v, ".ps-status").get_text(strip=True) for v in rows]
    assert statuses == ["Upcoming", "In force", "Superseded", "Superseded", "Superseded"]
    versions = page.select("section.ps-version")
    assert [v["id"] for v in versions] == [f"c{d}" for d in reversed(PRIVACY_VERSIONS)]
    first = versions[-1]
    roles = [
        one(li, ".ps-commit__role").get_text(strip=True) for li in first.select("li.ps-commit")
    ]
    assert roles == ["Adopted", "Correction"]
    correction = first.select("li.ps-commit")[1]
    assert "recieve" in correction.get_text()
    assert one(correction, "code").get_text() == "276d00f"
    assert attr(one(correction, "a"), "href").startswith(
        "https://github.com/example-devices/policies/commit/276d00f"
    )
    assert "First version" in rows[-1].get_text()


def test_version_pages_have_banners(example_site: Path) -> None:
    """Each version page says whether it is superseded (by which), in force or upcoming."""
    old = content(soup(example_site / "en/privacy/2025-02-01/index.html")).get_text(" ", strip=True)
    assert "This version is no longer in force" in old
    assert "replaced by the version of 1 October 2025" in old
    now = content(soup(example_site / "en/privacy/2026-06-01/index.html")).get_text(" ", strip=True)
    assert "This is the version in force" in now
    future = content(soup(example_site / "en/privacy/2028-01-15/index.html")).get_text(
        " ", strip=True
    )
    assert "This version is not in force yet" in future
    assert "15 January 2028" in future


def test_version_pages_stay_out_of_the_navigation(example_site: Path) -> None:
    """The navigation lists the home and the policies, never individual versions."""
    nav = one(soup(example_site / "en/privacy/index.html"), "nav.md-nav--primary")
    hrefs = [attr(a, "href") for a in nav.select("a.md-nav__link")]
    assert not any(any(v in h for v in PRIVACY_VERSIONS) for h in hrefs)
    assert any(h.endswith("privacy/") or h == "./" for h in hrefs)


def test_as_of_between_versions_shows_the_older_in_force() -> None:
    """--as-of a day between two versions publishes the older one as in force."""
    site = site_model(ROOT / "site_config.yml", dt.date(2025, 5, 1))
    text = model_page(site, "en", "privacy/").get_text(" ", strip=True)
    assert "Effective date: 1 February 2025" in text
    assert "Access logs" in text
    assert "12 months" in text


def test_api_index_lists_versions_and_statuses(example_site: Path) -> None:
    """/api/policies.json: each policy, language and version with status and URLs."""
    data = json.loads((example_site / "api/policies.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2026-11-26"
    privacy = next(p for p in data["policies"] if p["id"] == "privacy")
    en = privacy["languages"]["en"]
    assert en["in_force"] == "2026-06-01"
    assert en["upcoming"] == ["2028-01-15"]
    assert en["api_url"] == "https://policies.example.com/api/en/privacy.json"
    assert "versions" not in en  # the index stays small: versions are in the policy's file
    en = json.loads((example_site / "api/en/privacy.json").read_text(encoding="utf-8"))
    assert [v["effective_date"] for v in en["versions"]] == PRIVACY_VERSIONS
    assert en["versions"][0]["commits"][1]["correction"] is True


def test_feeds_are_atom_with_one_entry_per_version(example_site: Path) -> None:
    """The policy feed is Atom with an entry per version, linking to its changes page."""
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(example_site / "en/privacy/feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == len(PRIVACY_VERSIONS)
    links = [e.find(f"{atom}link").get("href") for e in entries]  # type: ignore[union-attr]
    assert "https://policies.example.com/en/privacy/2028-01-15/changes/" in links


def test_same_input_gives_byte_identical_site(example_site: Path, tmp_path: Path) -> None:
    """Same commit and same as-of date: every file of the output is byte-identical, even from
    another process with another hash seed (set iteration order must not leak out)."""
    again = tmp_path / "again"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "build",
            "--config",
            str(ROOT / "site_config.yml"),
            "--output",
            str(again),
            "--as-of",
            AS_OF.isoformat(),
        ],
        env={**os.environ, "PYTHONHASHSEED": "4242"},
        check=True,
        capture_output=True,
    )
    comparison = filecmp.dircmp(example_site, again)

    def differences(cmp: filecmp.dircmp[str]) -> list[str]:
        found = [*cmp.left_only, *cmp.right_only]
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found += mismatch + errors
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []


def test_failed_build_leaves_previous_site_untouched(repo_factory: Callable[..., Path]) -> None:
    """A build that fails (broken newest file) changes nothing in the existing output."""
    good = policy("2024-02-01", "## Scope\n\nText.\n")
    repo = repo_factory([Commit("2024-01-01", {"policies/privacy/en.md": good})])
    out = repo / "site"
    build(repo / "site_config.yml", out, AS_OF)
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    (repo / "policies/privacy/en.md").write_text(policy("whenever", "Broken.\n"), encoding="utf-8")
    from .conftest import git

    git(repo, "commit", "-qam", "Break it", date="2024-03-01")
    code = main(
        [
            "build",
            "--config",
            str(repo / "site_config.yml"),
            "--output",
            str(out),
            "--as-of",
            "2026-01-01",
        ]
    )
    assert code == 1
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".site.")]
    assert leftovers == [".site.lock"]  # the lock file stays: removing it would be racy


@pytest.mark.parametrize("target", [".", "policies", "notes"])
def test_refuses_dangerous_output_folders(repo_factory: Callable[..., Path], target: str) -> None:
    """The repository, the policies folder and a foreign non-empty folder are never replaced."""
    repo = repo_factory(
        [Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-02-01", "Text.\n")})]
    )
    (repo / "notes").mkdir()
    (repo / "notes" / "keep.txt").write_text("mine")
    with pytest.raises(BuildError):
        build(repo / "site_config.yml", repo / target, AS_OF)
    assert (repo / "notes" / "keep.txt").read_text() == "mine"


def test_build_error_is_one_message_no_traceback(
    repo_factory: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken newest file stops the build with file, line and commit in one message."""
    repo = repo_factory(
        [Commit("2024-01-01", {"policies/privacy/en.md": policy("soon", "Text.\n")})]
    )
    code = main(
        ["build", "--config", str(repo / "site_config.yml"), "--output", str(repo / "site")]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "policies/privacy/en.md:3 (commit " in err
    assert "'effective: soon' is not a date." in err
    assert "Traceback" not in err
    assert not (repo / "site").exists()


def test_every_internal_link_resolves(example_site: Path) -> None:
    """Every relative link on every page (policy text included) leads to a file, and its #anchor exists."""
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = {str(tag["id"]) for tag in soup(page).find_all(id=True)}
        return ids[page]

    broken = []
    pages = [p for p in example_site.rglob("*.html") if "/assets/" not in p.as_posix()]
    for page in pages:
        for link in soup(page).find_all(["a", "link"], href=True):
            href = str(link["href"])
            if href.startswith(("http:", "https:", "mailto:", "data:")):
                continue
            path, _, fragment = href.partition("#")
            base = example_site if path.startswith("/") else page.parent  # 404 pages use root paths
            target = (base / path.lstrip("/")).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(example_site)} → {href}")
            elif fragment and target.suffix == ".html" and fragment not in anchors(target):
                broken.append(f"{page.relative_to(example_site)} → {href} (no such anchor)")
    assert broken == []


def _bodies(as_of: dt.date) -> dict[str, str]:
    site = site_model(ROOT / "site_config.yml", as_of)
    pages = {f"{lang.lang}/{page.url}": page.body for lang in site.languages for page in lang.pages}
    return pages | {item.path: item.content.decode("utf-8") for item in site.files}


def test_effective_day_rebuild_changes_only_status_dependent_pages() -> None:
    """Building on the upcoming version's day instead of the day before flips statuses only."""
    old, new = _bodies(dt.date(2028, 1, 14)), _bodies(dt.date(2028, 1, 15))
    differing = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    allowed = re.compile(
        r"(en|es|zh|de|ar)/(|privacy/|privacy/history/|privacy/[\d-]+/|privacy/[\d-]+/since/"
        # A section's history shows each version's status, and links to the text in force.
        r"|privacy/history/[^/]+/"
        # What's new lists the version under "Upcoming changes", then under its month.
        r"|changes/|changes/[^/]+/)"
        r"|api/policies\.json|api/(en|es|zh|de|ar)/privacy\.json"
        # The publication record names the day of the build that wrote it.
        r"|api/published\.json"
    )
    assert [k for k in differing if not allowed.fullmatch(k)] == []
    assert "en/privacy/" in differing
    # What changed between versions, the terms, and older versions' pages stay identical.
    for key in old.keys() & new.keys():
        if "/since/" in key:
            continue  # compares with the version in force, which is what changed
        if re.fullmatch(r"(en|es|zh|de|ar)/changes/([^/]+/)?", key):
            continue  # what's new: the version moves from "Upcoming changes" to its month
        if "/changes/" in key or "/terms/" in key or "/2025-02-01/" in key or "/2024-" in key:
            assert old[key] == new[key], key
    page = BeautifulSoup(new["en/privacy/"], "html.parser").get_text(" ", strip=True)
    assert "Effective date: 15 January 2028 In force" in page


def test_search_finds_only_texts_in_force_or_announced(example_site: Path) -> None:
    """The search index holds the policies in force and the announced amendment; the
    removed "Children" section of superseded versions is not found; Chinese is segmented."""
    index = json.loads((example_site / "en/search/search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert pages == {"", "privacy/", "privacy/2028-01-15/", "terms/"}
    assert not any("Children" in doc["title"] + doc["text"] for doc in index["docs"])
    chinese = json.loads((example_site / "zh/search/search_index.json").read_text(encoding="utf-8"))
    assert chinese["config"]["separator"] != index["config"]["separator"]  # jieba's segmentation
    home = content(soup(example_site / "en/index.html")).get_text(" ", strip=True)
    assert "Search finds the policies in force and announced changes" in home


def test_progress_lines_and_warnings_once_at_the_end(
    repo_factory: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """One line per stage and part with counts and time; warnings grouped once at the
    end; --quiet: nothing at all on success."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/privacy/en.md": policy(None, "No date.\n")}, "Broken"),
            Commit(
                "2024-02-01", {"policies/privacy/en.md": policy("2024-03-01", "Fine.\n")}, "Fix"
            ),
        ]
    )
    argv = ["build", "--config", str(repo / "site_config.yml"), "--output", str(repo / "site")]
    assert main([*argv, "--as-of", "2024-04-01", "--verbose"]) == 0
    out, err = capsys.readouterr()
    stages = [
        line.split()[0]
        for line in out.splitlines()
        if line.startswith("  ") and " s in all)" in line
    ]
    assert stages == ["previous", "history", "versions", "pages", "part", "size", "written"]
    # Counts read as English, whatever they are, and add up to the pages built.
    assert "  history   2 revisions of 1 file (" in out
    assert "  versions  2 versions (" in out
    pages = re.search(r"^  pages     (\d+) pages in 1 part \(", out, re.MULTILINE)
    assert pages is not None
    assert f"Built {pages[1]} pages in 1 language " in out
    assert err.count("warning(s):") == 1
    assert "no 'effective:' date" in err
    assert out.splitlines()[-1].startswith("Built ")
    assert main([*argv, "--as-of", "2024-04-01", "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")


def test_published_pages_have_no_preview_script(example_site: Path) -> None:
    """Only a serve preview reloads itself: a built page has no event stream."""
    assert "EventSource" not in (example_site / "en/privacy/index.html").read_text(encoding="utf-8")
