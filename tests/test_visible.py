"""Untrusted text stays visible text: control characters and characters that change the
direction of the text never reach a page, a feed, the API, a print copy or a terminal raw;
in the current text of a policy, and in the configuration, they are refused at their line."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from generator.base.visible import hidden_character, visible
from generator.cli import main
from generator.commands.diff import run_diff_since
from generator.config.loading import load_config
from generator.history.repository import read_history
from generator.site import build_site
from generator.site.context import policy_title
from generator.site.printed import Printed, PrintJob
from generator.versions.edit_log import Edit
from generator.versions.timeline import build_timelines

from .conftest import MINIMAL_CONFIG, Commit, git, model_page, policy, site_model

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
GOOD = policy("2024-02-01", "## Scope\n\nAll of it.\n")
#: Anything a reader or a terminal would not see as it is.
RAW = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_visible_shows_controls_as_symbols_and_neutralises_direction_changes() -> None:
    """Controls become their symbols, the embeddings, overrides and isolates become �;
    the marks of right-to-left text, joiners and characters asked to be kept stay."""
    assert visible("a\x07b\x1b[2Jc\x7fd\x85e") == "a\u2407b\u241b[2Jc\u2421d\ufffde"
    overrides = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    assert visible(f"x{overrides}y") == "x" + "\ufffd" * 9 + "y"
    kept = "שלום\u200f, مرحبا\u061c, \u200dकि\u200c"
    assert visible(kept) == kept
    assert visible("one\ntwo\tthree", keep="\n") == "one\ntwo\u2409three"
    assert hidden_character("fine \u202e") == "U+202E"
    assert hidden_character("fine \u200f") == ""


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (policy("2024-02-01", "## Scope\n\nPay \u202e001$ only.\n"), 7),
        (policy("2024-02-01", "## Scope\n\nAll of it.\n", summary="Shorter \u2067text\u2069."), 4),
        (policy("2024-02-01", "## Scope\n\nAll of it.\n", title="Privacy \u202dPolicy"), 2),
    ],
)
def test_a_direction_override_in_a_policy_is_refused_at_its_line(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str], text: str, line: int
) -> None:
    """An override or isolate in the current text, the summary or the title stops build and
    check at its file and line, saying what it would do to readers."""
    repo = repo_factory([Commit("2024-01-01", {EN: text})])
    config = str(repo / "site_config.yml")
    code = main(["build", "--config", config, "--output", str(repo / "site")])
    err = capsys.readouterr().err
    assert code == 1
    assert not (repo / "site").exists()
    assert f"{EN}:{line} (commit " in err
    assert "changes the direction of the text (U+" in err
    assert "in another order than the one written" in err
    assert not RAW.search(err)
    assert main(["check", "--config", config, "--format", "json"]) == 1
    (row,) = [r for r in json.loads(capsys.readouterr().out) if r["rule"] == "invalid-file"]
    assert (row["file"], row["line"]) == (EN, line)


def test_a_direction_override_in_the_configuration_is_refused_at_its_line(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A policy's title in site_config.yml holding U+202E is a configuration error at its
    line (exit 2)."""
    config = MINIMAL_CONFIG + 'policies:\n  privacy:\n    title: {en: "Privacy \u202ePolicy"}\n'
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD})], config)
    code = main(["check", "--config", str(repo / "site_config.yml")])
    err = capsys.readouterr().err
    assert code == 2
    assert "site_config.yml:11: 'policies.privacy.title.en' holds an invisible character" in err
    assert "(U+202E)" in err
    assert not RAW.search(err)


def _merged(repo_factory: Factory) -> Path:
    """A repository whose amendment came in by a merge commit whose body (the pull
    request's title) holds a bell, an escape sequence and a right-to-left override, after a
    first commit whose subject holds one too."""
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD}, "First \u202eversion")])
    git(repo, "checkout", "-q", "-b", "amend")
    (repo / EN).write_text(GOOD.replace("2024-02-01", "2024-06-01") + "\nMore.\n", "utf-8")
    git(repo, "commit", "-qam", "Amend it", date="2024-04-01")
    git(repo, "checkout", "-q", "main")
    body = "Keep logs\x07 shorter \x1b[2J\x1b]0;owned\x07 \u202eedis thgir"
    git(repo, "merge", "-q", "--no-ff", "amend", "-m", "Merge pull request #7 from ex/amend")
    git(repo, "commit", "-q", "--amend", "-m", "Merge pull request #7 from ex/amend\n\n" + body)
    return repo


def test_a_merge_body_and_subject_are_visible_on_every_output(repo_factory: Factory) -> None:
    """The pull request's title (a merge commit's body) and a subject with an override are
    shown with visible symbols on the history page and in the API, and no page or file
    (feeds and sitemaps included) holds a raw control or direction character."""
    repo = _merged(repo_factory)
    site = site_model(repo / "site_config.yml", dt.date(2024, 7, 1))
    shown = "Keep logs\u2407 shorter \u241b[2J\u241b]0;owned\u2407 \ufffdedis thgir"
    assert shown in model_page(site, "en", "privacy/history/").get_text()
    for language in site.languages:
        for page in language.pages:
            assert not RAW.search(page.body + page.title), page.url
    for file in site.files:
        assert not RAW.search(file.content.decode("utf-8")), file.path
    api = json.loads(next(f for f in site.files if f.path == "api/en/privacy.json").content)
    assert shown in json.dumps(api, ensure_ascii=False)
    assert "First \ufffdversion" in json.dumps(api, ensure_ascii=False)


def test_diff_since_shows_the_merge_body_visibly(repo_factory: Factory) -> None:
    """diff --since lists the commits under review by their titles, made visible, in text
    and in Markdown."""
    repo = _merged(repo_factory)
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    for fmt in ("text", "markdown"):
        out = run_diff_since(repo / "site_config.yml", first, fmt=fmt, color=False)
        assert "Keep logs\u2407 shorter \u241b" in out
        assert not RAW.search(out), fmt


ODD = "policies/pri\x1b[31mvacy/en.md"


def test_a_file_name_with_an_escape_is_visible_in_messages_and_the_api(
    repo_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    """A policy folder named with an escape sequence: the API's source path, build's and
    check's messages (text, GitHub, JSON) show it with symbols, never raw."""
    repo = repo_factory([Commit("2024-01-01", {ODD: GOOD})])
    site = site_model(repo / "site_config.yml", dt.date(2024, 7, 1))
    api = next(f for f in site.files if f.path == "api/en/pri-31mvacy.json").content.decode()
    assert '"source_path": "policies/pri\u241b[31mvacy/en.md"' in api
    (repo / ODD).write_text(policy(None, "## Scope\n\nNo date.\n"), encoding="utf-8")
    git(repo, "commit", "-qam", "Lose the date", date="2024-03-01")
    config = str(repo / "site_config.yml")
    assert main(["build", "--config", config, "--output", str(repo / "site")]) == 1
    out, err = capsys.readouterr()
    assert "policies/pri\u241b[31mvacy/en.md:1" in err
    assert not RAW.search(out + err)
    for fmt in ("text", "github", "json"):
        assert main(["check", "--config", config, "--format", fmt]) == 1
        out, err = capsys.readouterr()
        assert "pri\u241b[31mvacy" in out, fmt
        assert not RAW.search(out + err), fmt


def test_a_past_title_is_shown_visibly_wherever_a_title_goes(repo_factory: Factory) -> None:
    """A title that can no longer be refused (a version in history) reaches pages, feeds,
    the API and the print copy of the PDF only through visible()."""
    repo = repo_factory([Commit("2024-01-01", {EN: GOOD})])
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    (version,) = timelines[("privacy", "en")].versions
    edit = version.edits[-1]
    title = "Pri\u202evacy\x1b[2J"
    forged_edit = Edit.holding(edit.revision, replace(edit.document, title=title))
    hostile = replace(version, edits=(forged_edit,))
    timeline = replace(timelines[("privacy", "en")], versions=(hostile,))
    forged = {("privacy", "en"): timeline}
    assert policy_title(config, forged, "privacy", "en") == "Pri\ufffdvacy\u241b[2J"
    jobs: list[PrintJob] = []

    def printer(given: Sequence[PrintJob]) -> list[Printed]:
        jobs.extend(given)
        return [Printed(job.path, b"%PDF-1.7 laid out elsewhere") for job in given]

    site = build_site(replace(config, pdf=True), forged, dt.date(2024, 7, 1), printer=printer)
    (job,) = jobs
    assert "Pri\ufffdvacy" in job.html
    assert not RAW.search(job.html)
    for language in site.languages:
        for page in language.pages:
            assert not RAW.search(page.body + page.title), page.url
    for file in site.files:
        assert not RAW.search(file.content.decode("utf-8")), file.path
    assert "Pri\ufffdvacy" in model_page(site, "en", "privacy/").get_text()


def test_a_group_named_by_a_folder_with_an_escape_is_shown_visibly(repo_factory: Factory) -> None:
    """A group's name from a folder holding an escape sequence and an override reaches the
    home page, the navigation, the what's new pages, the feeds and the API only visibly."""
    layout = '  timezone: Europe/Dublin\nsource:\n  layout: "{group}/{policy}/{lang}.md"\n'
    config = MINIMAL_CONFIG.replace("  timezone: Europe/Dublin\n", layout)
    folder = "policies/le\x1b[2Jgal\u202e/privacy/en.md"
    repo = repo_factory([Commit("2024-01-01", {folder: GOOD})], config)
    site = site_model(repo / "site_config.yml", dt.date(2024, 7, 1))
    for language in site.languages:
        for page in language.pages:
            assert not RAW.search(page.body + page.title), page.url
    for file in site.files:
        assert not RAW.search(file.content.decode("utf-8")), file.path
    assert "Le\u241b[2jgal\ufffd" in model_page(site, "en", "").get_text()


def test_a_lagging_translation_shows_hostile_history_visibly_everywhere(
    repo_factory: Factory,
) -> None:
    """With a translation that lags the amendment (its banners, periods, its feed's entries
    for the untranslated version, its since page), a folder named with an escape, a past
    title with an override and a merge body with escapes are shown visibly, never raw."""
    folder = "policies/pri\x1b[31mvacy"
    body = "## Scope\n\nAll of it.\n"
    spanish = policy("2024-02-01", "## Alcance\n\nTodo.\n", title="Política de privacidad")
    config = MINIMAL_CONFIG + "    - {code: es, name: Español, locale: es_ES}\n"
    first = {
        f"{folder}/en.md": policy("2024-02-01", body, title="Pri\u202evacy\x07 Policy"),
        f"{folder}/es.md": spanish,
    }
    repo = repo_factory([Commit("2024-01-01", first, "First \u202eversion\x1b[2J")], config)
    git(repo, "checkout", "-q", "-b", "amend")
    (repo / folder / "en.md").write_text(policy("2024-06-01", body + "\nMore.\n"), "utf-8")
    git(repo, "commit", "-qam", "Amend it", date="2024-04-01")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "amend", "-m", "Merge pull request #7 from ex/amend")
    merged = "Merge pull request #7 from ex/amend\n\nKeep\x07 \x1b[2J\u202eit"
    git(repo, "commit", "-q", "--amend", "-m", merged)
    site = site_model(repo / "site_config.yml", dt.date(2024, 7, 1))
    slug = "pri-31mvacy"
    assert "Keep\u2407 \u241b[2J\ufffdit" in model_page(site, "en", f"{slug}/history/").get_text()
    assert "Pri\ufffdvacy\u2407 Policy" in model_page(site, "en", f"{slug}/2024-02-01/").get_text()
    spanish_pages = {page.url for page in next(x for x in site.languages if x.lang == "es").pages}
    assert f"{slug}/2024-02-01/since/" in spanish_pages
    feed = next(f for f in site.files if f.path == f"es/{slug}/feed.xml").content.decode()
    assert "2024-06-01" in feed  # the untranslated version's entry
    for language in site.languages:
        for page in language.pages:
            assert not RAW.search(page.body + page.title), page.url
    for file in site.files:
        # A source.md is the file exactly as committed: its SHA-256 is what a reader checks.
        if not file.path.endswith("/source.md"):
            assert not RAW.search(file.content.decode("utf-8")), file.path
    api = next(f for f in site.files if f.path == f"api/es/{slug}.json").content.decode()
    assert "pri\u241b[31mvacy/es.md" in api
