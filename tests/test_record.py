"""The publication record: read before writing, so published texts never change unseen."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs installed
import pytest

from generator.cli import main
from generator.output import previous
from generator.output.folder import wait_for_removals
from generator.site.record import PATH

from .conftest import MINIMAL_CONFIG, ROOT, Commit, content, git, policy, soup

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
AS_OF = "2026-03-01"
SCHEMA = json.loads((ROOT / "generator/schema/published.schema.json").read_text())


def text(days: int) -> str:
    """A short policy body that keeps logs for ``days`` days."""
    return f"## Retention\n\nWe keep access logs for {days} days.\n"


def two_versions() -> list[Commit]:
    """A first version and an amendment, both in force by AS_OF."""
    return [
        Commit("2025-01-01", {EN: policy("2025-01-01", text(30))}, "First version"),
        Commit("2025-06-01", {EN: policy("2025-07-01", text(60))}, "Keep logs longer"),
    ]


def build(repo: Path, out: Path, *extra: str, as_of: str = AS_OF) -> int:
    """``policy-site build`` of ``repo`` into ``out``; its exit code."""
    config = str(repo / "site_config.yml")
    return main(["build", "--config", config, "--output", str(out), "--as-of", as_of, "-q", *extra])


def record(out: Path) -> dict[str, Any]:
    """The record a build wrote, checked against its JSON Schema."""
    found: dict[str, Any] = json.loads((out / PATH).read_text())
    jsonschema.validate(found, SCHEMA)
    return found


def entry(
    found: dict[str, Any], day: str, lang: str = "en", policy_id: str = "privacy"
) -> dict[str, Any]:
    """One version's entry of a record."""
    versions: list[dict[str, Any]] = found["versions"]
    (match,) = [
        v
        for v in versions
        if (v["policy"], v["lang"], v["effective_date"]) == (policy_id, lang, day)
    ]
    return match


def rewrite_first_version(repo: Path) -> None:
    """Change the first version's text in history (an amended old commit, force-pushed)."""
    git(repo, "checkout", "-q", "-b", "rewrite", "HEAD~1")
    (repo / EN).write_text(policy("2025-01-01", text(31)))
    git(repo, "commit", "-q", "-a", "--amend", "--no-edit", date="2025-01-01")
    (repo / EN).write_text(policy("2025-07-01", text(60)))
    git(repo, "commit", "-q", "-a", "-m", "Keep logs longer", date="2025-06-01")
    git(repo, "branch", "-q", "-f", "main", "rewrite")
    git(repo, "checkout", "-q", "main")
    git(repo, "branch", "-q", "-D", "rewrite")


def test_every_build_writes_a_record_that_verifies_each_version(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """The record lists each version with its address, SHA-256, commit and first day."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    found = record(out)
    first = entry(found, "2025-01-01")
    assert first["url"] == "https://policies.test/en/privacy/2025-01-01/"
    assert first["first_published"] == AS_OF
    served = (out / "en/privacy/2025-01-01/source.md").read_bytes()

    assert first["sha256"] == hashlib.sha256(served).hexdigest()
    shown = git(repo, "show", f"{first['commit']}:{first['path']}")
    assert hashlib.sha256(shown.encode()).hexdigest() == first["sha256"]
    assert sorted(entry(found, "2025-07-01")["pages"]) == ["changes", "since", "source.md"]


def test_a_rebuild_keeps_the_day_each_version_was_first_published(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """A later build into the same folder keeps the first build's as-of day."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    assert build(repo, out, as_of="2026-04-01") == 0
    found = record(out)
    assert found["as_of"] == "2026-04-01"
    assert entry(found, "2025-01-01")["first_published"] == AS_OF


def test_rewritten_text_stops_the_build_before_writing(
    repo_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A published text changed in history: exit 1, the message names it, the site stays."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    before = (out / "en/privacy/2025-01-01/source.md").read_bytes()
    old = entry(record(out), "2025-01-01")["sha256"]
    rewrite_first_version(repo)
    capsys.readouterr()
    assert build(repo, out) == 1
    err = capsys.readouterr().err
    assert "The version of 2025-01-01 of the policy 'privacy' in 'en'" in err
    assert old in err
    assert "the history now gives another text" in err
    assert "--accept-changed-history" in err
    assert "Traceback" not in err
    assert (out / "en/privacy/2025-01-01/source.md").read_bytes() == before


@pytest.fixture
def serving() -> Iterator[Callable[..., str]]:
    """Serve a folder (or fixed answers) on 127.0.0.1; gives the site's address."""
    servers: list[ThreadingHTTPServer] = []

    def start(
        folder: Path | None = None, answer: Callable[[BaseHTTPRequestHandler], None] | None = None
    ) -> str:
        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(folder or "."), **kwargs)  # type: ignore[arg-type]

            def do_GET(self) -> None:
                if answer is not None:
                    answer(self)
                else:
                    super().do_GET()

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_an_empty_output_compares_with_the_live_site(
    repo_factory: Factory,
    tmp_path: Path,
    serving: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A CI runner that starts empty reads the live record and stops on a rewritten text."""
    repo = repo_factory(two_versions())
    live = tmp_path / "live"
    assert build(repo, live) == 0
    address = serving(live)
    rewrite_first_version(repo)
    fresh = tmp_path / "fresh"
    capsys.readouterr()
    assert build(repo, fresh, "--previous", address) == 1
    err = capsys.readouterr().err
    assert f"{address}api/published.json" in err
    assert "the history now gives another text" in err
    assert not fresh.exists()


def test_a_record_that_answers_404_is_a_first_deployment(
    repo_factory: Factory,
    tmp_path: Path,
    serving: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No record at the address: the build goes on and says it starts the record."""
    repo = repo_factory(two_versions())
    empty = tmp_path / "empty"
    empty.mkdir()
    address = serving(empty)
    config = str(repo / "site_config.yml")
    out = tmp_path / "site"
    assert (
        main(
            [
                "build",
                "--config",
                config,
                "--output",
                str(out),
                "--as-of",
                AS_OF,
                "--previous",
                address,
            ]
        )
        == 0
    )
    said = capsys.readouterr().out
    assert "answers 404: a first deployment, which starts the record" in said
    assert record(out)["versions"]


def test_check_previous_reports_what_build_would_refuse(
    repo_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check --previous names the rewritten text as an error, with file and commit."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    rewrite_first_version(repo)
    config = str(repo / "site_config.yml")
    capsys.readouterr()
    assert (
        main(
            [
                "check",
                "--config",
                config,
                "--as-of",
                AS_OF,
                "--previous",
                str(out),
                "--format",
                "json",
            ]
        )
        == 1
    )
    problems = [
        p for p in json.loads(capsys.readouterr().out) if p["rule"].startswith("published-")
    ]
    (found,) = problems
    assert found["rule"] == "published-changed"
    assert found["severity"] == "error"
    assert found["file"] == EN
    assert found["commit"] == git(repo, "rev-parse", "HEAD~1").strip()  # the text now
    assert "2025-01-01" in found["message"]


def test_an_accepted_replacement_is_public(repo_factory: Factory, tmp_path: Path) -> None:
    """Accepted: the record, the version page, its history row, the API and the feed say it."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    old = entry(record(out), "2025-01-01")["sha256"]
    rewrite_first_version(repo)
    reason = "The retention period was mistyped <b>in</b> the first version."
    assert build(repo, out, "--accept-changed-history", reason, as_of="2026-03-02") == 0
    (replaced,) = entry(record(out), "2025-01-01")["replaced"]
    assert (replaced["sha256"], replaced["replaced_on"], replaced["reason"]) == (
        old,
        "2026-03-02",
        reason,
    )
    assert replaced["published"] == AS_OF
    page = soup(out / "en/privacy/2025-01-01/index.html")
    (notice,) = [
        n for n in page.select(".admonition") if "A published text was replaced" in n.get_text()
    ]
    assert reason in notice.get_text()
    assert old in notice.get_text()
    assert not page.select("b")  # the reason is text, never markup
    row = soup(out / "en/privacy/history/index.html").select_one("#v2025-01-01 .ps-replaced")
    assert row is not None
    assert reason in row.get_text()
    api = json.loads((out / "api/en/privacy.json").read_text())
    (version,) = [v for v in api["versions"] if v["effective_date"] == "2025-01-01"]
    assert version["replaced"][0]["sha256"] == old
    feed = (out / "en/privacy/feed.xml").read_text()
    assert "was replaced on" in feed
    assert "mistyped" in feed
    # The next build carries the replacement on, without being told again.
    assert build(repo, out, as_of="2026-03-03") == 0
    assert entry(record(out), "2025-01-01")["replaced"][0]["reason"] == reason


def test_a_dropped_version_commit_stops_then_is_withdrawn_from_the_record(
    repo_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reset drops the version in force: refused; accepted, its address says why."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    capsys.readouterr()
    assert build(repo, out) == 1
    err = capsys.readouterr().err
    assert "The version of 2025-07-01 of the policy 'privacy' in 'en'" in err
    assert "is no longer in the history" in err
    assert (out / "en/privacy/2025-07-01/index.html").exists()
    assert build(repo, out, "--accept-changed-history", "Published by mistake.") == 0
    page = soup(out / "en/privacy/2025-07-01/index.html")
    said = page.get_text(" ")
    assert "Withdrawn from the record" in said
    assert "Published by mistake." in said
    link = page.select_one("a")
    assert link is not None
    assert link["href"] == "../history/"
    for sub in ("changes", "since"):
        redirect = (out / f"en/privacy/2025-07-01/{sub}/index.html").read_text()
        assert 'content="0; url=../"' in redirect
    gone = entry(record(out), "2025-07-01")
    assert gone["withdrawn"] == {"day": AS_OF, "reason": "Published by mistake."}


def test_a_withdrawn_version_keeps_its_text_in_every_later_build(
    repo_factory: Factory, tmp_path: Path, serving: Callable[..., str]
) -> None:
    """A version that left the history keeps its text: source.md and the page, carried
    from the output folder and from the live site, each time checked against its SHA-256."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    published = (out / "en/privacy/2025-07-01/source.md").read_bytes()
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    assert build(repo, out, "--accept-changed-history", "Published by mistake.") == 0
    assert (out / "en/privacy/2025-07-01/source.md").read_bytes() == published
    page = soup(out / "en/privacy/2025-07-01/index.html")
    shown = page.select_one("pre")
    assert shown is not None
    assert "We keep access logs for 60 days." in shown.get_text()
    download = page.select_one('a[type="text/markdown"]')
    assert download is not None
    assert download["href"] == "source.md"
    assert hashlib.sha256(published).hexdigest() == entry(record(out), "2025-07-01")["sha256"]
    # The next build, from the folder, and a fresh one from the live site, keep it.
    assert build(repo, out, as_of="2026-03-02") == 0
    assert (out / "en/privacy/2025-07-01/source.md").read_bytes() == published
    fresh = tmp_path / "fresh"
    assert build(repo, fresh, "--previous", serving(out), as_of="2026-03-03") == 0
    assert (fresh / "en/privacy/2025-07-01/source.md").read_bytes() == published


def test_a_withdrawn_text_the_previous_site_altered_is_not_carried(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """A source.md that no longer matches the record's SHA-256 is not served as the text
    published: the page still says the version was withdrawn, and shows no text."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    (out / "en/privacy/2025-07-01/source.md").write_text("Edited by hand.\n")
    assert build(repo, out, "--accept-changed-history", "Published by mistake.") == 0
    assert not (out / "en/privacy/2025-07-01/source.md").exists()
    page = soup(out / "en/privacy/2025-07-01/index.html")
    assert "Withdrawn from the record" in page.get_text(" ")
    assert page.select_one("pre") is None


def test_ignore_commits_hiding_a_published_version_is_refused(
    repo_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """source.ignore_commits listing a published version's commit: the build stops."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    amended = git(repo, "rev-parse", "HEAD").strip()
    config = repo / "site_config.yml"
    config.write_text(config.read_text() + f"source:\n  ignore_commits: [{amended[:10]}]\n")
    git(repo, "commit", "-q", "-a", "-m", "Ignore a commit", date="2025-06-02")
    capsys.readouterr()
    assert build(repo, out) == 1
    assert "The version of 2025-07-01 of the policy 'privacy' in 'en'" in capsys.readouterr().err


def test_a_postponed_version_leads_to_its_new_date(repo_factory: Factory, tmp_path: Path) -> None:
    """An upcoming version moved to a later day: its address leads there, its text stays."""
    repo = repo_factory(
        [
            Commit("2025-01-01", {EN: policy("2025-01-01", text(30))}, "First version"),
            Commit("2026-01-10", {EN: policy("2026-06-01", text(90))}, "Announce a change"),
        ]
    )
    out = tmp_path / "site"
    assert build(repo, out) == 0
    published = (out / "en/privacy/2026-06-01/source.md").read_bytes()
    (repo / EN).write_text(policy("2026-09-01", text(90)))
    git(repo, "commit", "-q", "-a", "-m", "Postpone the change", date="2026-03-05")
    assert build(repo, out, as_of="2026-03-06") == 0
    redirect = (out / "en/privacy/2026-06-01/index.html").read_text()
    assert 'content="0; url=../2026-09-01/"' in redirect
    assert (out / "en/privacy/2026-06-01/source.md").read_bytes() == published
    assert (out / "en/privacy/2026-09-01/index.html").exists()
    assert entry(record(out), "2026-06-01")["postponed_to"] == "2026-09-01"


def _refused(repo: Path, tmp_path: Path, source: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Build with ``--previous source`` into an empty folder: refused; the message."""
    capsys.readouterr()
    out = tmp_path / "out"
    assert build(repo, out, "--previous", source) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "--previous none" in err
    return err


def _answer(
    status: int, body: bytes, headers: dict[str, str] | None = None
) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def test_an_unreachable_previous_site_stops_the_build(
    repo_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing listens at the address: refused, with the way on."""
    repo = repo_factory(two_versions())
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    err = _refused(repo, tmp_path, f"http://127.0.0.1:{port}/", capsys)
    assert "cannot be reached" in err


def test_a_failing_or_malformed_previous_record_stops_the_build(
    repo_factory: Factory,
    tmp_path: Path,
    serving: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A 500, a page that is not JSON, or a record missing a field: refused, saying which."""
    repo = repo_factory(two_versions())
    assert "answers 500" in _refused(repo, tmp_path, serving(answer=_answer(500, b"oops")), capsys)
    err = _refused(repo, tmp_path, serving(answer=_answer(200, b"<html>hello</html>")), capsys)
    assert "cannot be read: it is not JSON" in err
    broken = json.dumps(
        {
            "format": 1,
            "as_of": "2026-01-01",
            "versions": [{"policy": "privacy"}],
            "addresses": {},
            "groups": {},
        }
    )
    err = _refused(repo, tmp_path, serving(answer=_answer(200, broken.encode())), capsys)
    assert "versions[0].lang is missing" in err


def test_a_hostile_previous_record_cannot_name_a_file_outside_the_site(
    repo_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record whose section id climbs out of its folder is refused by the field."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    path = out / PATH
    found = json.loads(path.read_text())
    found["addresses"]["en"]["privacy"]["sections"].append("..")
    path.write_text(json.dumps(found))
    capsys.readouterr()
    assert build(repo, out) == 1
    assert "addresses.en.privacy.sections[1] is not an address segment" in capsys.readouterr().err


def test_an_oversized_previous_record_stops_the_build(
    repo_factory: Factory,
    tmp_path: Path,
    serving: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A record past the size bound is not read to its end: refused."""
    monkeypatch.setattr(previous, "MAX_BYTES", 2 * 1024 * 1024)
    repo = repo_factory(two_versions())
    err = _refused(repo, tmp_path, serving(answer=_answer(200, b" " * (3 * 1024 * 1024))), capsys)
    assert "is larger than 2 MB" in err


def test_redirects_to_other_hosts_and_plain_http_are_refused(
    repo_factory: Factory,
    tmp_path: Path,
    serving: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only https, http on this machine, and redirects on the same host are followed."""
    repo = repo_factory(two_versions())
    away = serving(answer=_answer(302, b"", {"Location": "http://127.0.0.2:9/api/published.json"}))
    assert "redirects to another host" in _refused(repo, tmp_path, away, capsys)
    assert "is not an https address" in _refused(repo, tmp_path, "http://policies.test/", capsys)


def test_previous_none_is_a_deliberate_fresh_start(
    repo_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--previous none builds over a rewritten history and starts a new record."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    assert build(repo, out) == 0
    rewrite_first_version(repo)
    assert build(repo, out, "--previous", "none", as_of="2026-03-02") == 0
    assert entry(record(out), "2025-01-01")["first_published"] == "2026-03-02"
    assert entry(record(out), "2025-01-01")["replaced"] == []


def test_the_site_is_readable_by_any_server_whatever_the_umask(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """Under umask 077 every folder is 0755 and every file 0644."""
    repo = repo_factory(two_versions())
    out = tmp_path / "site"
    before = os.umask(0o077)
    try:
        assert build(repo, out) == 0
    finally:
        os.umask(before)
    modes = {stat.S_IMODE(out.stat().st_mode)}
    for root, folders, files in os.walk(out):
        modes |= {stat.S_IMODE(os.stat(os.path.join(root, f)).st_mode) | 0o1000 for f in folders}
        modes |= {stat.S_IMODE(os.stat(os.path.join(root, f)).st_mode) for f in files}
    assert modes == {0o755, 0o755 | 0o1000, 0o644}


def test_a_symlinked_output_stays_a_link_to_the_new_site(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """The link is swapped to a folder with the new site; the old one is removed."""
    repo = repo_factory(two_versions())
    served = tmp_path / "www" / "policies"
    assert build(repo, served) == 0
    link = tmp_path / "site"
    link.symlink_to(served)
    (repo / EN).write_text(policy("2026-06-01", text(90)))
    git(repo, "commit", "-q", "-a", "-m", "Announce a change", date="2026-01-10")
    assert build(repo, link) == 0
    wait_for_removals()  # the folder the link pointed to is removed by a process of its own
    assert link.is_symlink()
    assert (link / "en/privacy/2026-06-01/index.html").is_file()
    assert not served.exists()
    # Only the new site (and the lock of the first build, made into the folder itself).
    www = sorted(p.name for p in (tmp_path / "www").iterdir())
    assert www == [".policies.lock", link.resolve().name]
    assert link.resolve().name.startswith("site.policy-site-")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "repo0", "site", "www"]
    # The next build swaps it again, and compares with what the link served.
    assert build(repo, link, as_of="2026-03-02") == 0
    wait_for_removals()
    assert entry(record(link), "2026-06-01")["first_published"] == AS_OF
    assert len(list((tmp_path / "www").iterdir())) == 2


def _monthly(count: int) -> list[Commit]:
    """``count`` versions of one policy, one a month from 2010, each committed 40 days ahead."""
    commits = []
    for n in range(count):
        day = dt.date(2010 + n // 12, n % 12 + 1, 1)
        commits.append(
            Commit(
                (day - dt.timedelta(days=40)).isoformat(),
                {EN: policy(day.isoformat(), text(n + 1))},
                f"Version {n + 1}",
            )
        )
    return commits


def test_a_200_version_policy_writes_redirects_only_for_pairs_really_published(
    tmp_path: Path,
) -> None:
    """First deployment: no comparison redirect; later, only the published pairs no longer
    offered, fewer than 4 per version (not the 19,000 every pair that could have been)."""
    from generator.config.loading import load_config
    from generator.history.repository import read_history
    from generator.site.compare import compare_redirects, comparisons
    from generator.site.context import SiteContext
    from generator.site.record import RecordInput
    from generator.site.record_update import next_record
    from generator.versions.timeline import build_timelines

    from .import_repos import fast_import

    repo = fast_import(tmp_path / "repo", _monthly(200))
    (repo / "site_config.yml").write_text(MINIMAL_CONFIG)
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    first = SiteContext(config, timelines, dt.date(2018, 6, 15))
    assert compare_redirects(first, "privacy", "en") == []
    published = next_record(first)
    pairs = published.of("privacy", "en").comparisons
    later = SiteContext(config, timelines, dt.date(2030, 1, 1), record=RecordInput(published))
    redirects = compare_redirects(later, "privacy", "en")
    offered = {
        (old.effective_date, new.effective_date)
        for old, new in comparisons(timelines[("privacy", "en")], later.as_of, 15)
    }
    assert len(redirects) == len(pairs - offered)
    assert 0 < len(redirects) < 4 * 200
    assert {f.path for f in redirects} == {
        f"en/privacy/compare/{old}...{new}/index.html" for old, new in pairs - offered
    }


GROUPED = (
    MINIMAL_CONFIG
    + """\
groups:
  your-data: {title: {en: Your data}, policies: [privacy]}
"""
)
COOKIES = "policies/cookies/en.md"


def test_a_new_group_never_takes_a_published_group_address(
    repo_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A group whose id slugs like a published one gets another address; check says so."""
    repo = repo_factory(two_versions(), GROUPED)
    out = tmp_path / "site"
    assert build(repo, out) == 0
    assert record(out)["groups"] == {"your-data": "your-data"}
    config = repo / "site_config.yml"
    config.write_text(
        GROUPED + "  Your Data: {title: {en: Cookies and you}, order: -1, policies: [cookies]}\n"
    )
    (repo / COOKIES).parent.mkdir(parents=True)
    (repo / COOKIES).write_text(policy("2025-08-01", text(5), title="Cookie Policy"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Add the cookie policy", date="2025-07-15")
    assert build(repo, out) == 0
    theirs = content(soup(out / "en/changes/your-data/index.html")).get_text()
    assert "Your data" in theirs
    assert "Cookie Policy" not in theirs
    assert "Cookies and you" in soup(out / "en/changes/your-data-2/index.html").get_text()
    assert record(out)["groups"] == {"your-data": "your-data", "your-data-2": "Your Data"}
    capsys.readouterr()
    argv = ["check", "--config", str(config), "--as-of", AS_OF, "--format", "json"]
    assert main([*argv, "--previous", str(out)]) == 0
    (warning,) = [p for p in json.loads(capsys.readouterr().out) if p["rule"] == "group-address"]
    assert "'Your Data' is published at /en/changes/your-data-2/" in warning["message"]
    assert "belongs to the group 'your-data'" in warning["message"]
    assert warning["file"] == "site_config.yml"
    assert warning["line"] == 11


def test_a_renamed_configured_group_keeps_its_address_answering(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """Its what's new page leads on to every group's; its feed carries every amendment."""
    repo = repo_factory(two_versions(), GROUPED)
    out = tmp_path / "site"
    assert build(repo, out) == 0
    config = repo / "site_config.yml"
    config.write_text(GROUPED.replace("your-data:", "personal-data:"))
    git(repo, "commit", "-q", "-a", "-m", "Rename the group", date="2025-07-15")
    assert build(repo, out) == 0
    redirect = (out / "en/changes/your-data/index.html").read_text()
    assert 'content="0; url=../"' in redirect
    assert (out / "en/changes/your-data/feed.xml").read_bytes() == (
        out / "en/feed.xml"
    ).read_bytes()
    assert (out / "en/changes/personal-data/index.html").is_file()
    assert record(out)["groups"] == {"personal-data": "personal-data", "your-data": "your-data"}


def test_previous_live_reads_the_site_at_its_own_url(
    repo_factory: Factory,
    tmp_path: Path,
    serving: Callable[..., str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--previous live fetches site.url's record; without site.url it says there is none."""
    repo = repo_factory(two_versions())
    live = tmp_path / "live"
    assert build(repo, live) == 0
    address = serving(live)
    rewrite_first_version(repo)
    config = repo / "site_config.yml"  # read from the working copy
    config.write_text(config.read_text().replace("https://policies.test/", address))
    capsys.readouterr()
    assert build(repo, tmp_path / "out", "--previous", "live") == 1
    assert "history now gives another text" in capsys.readouterr().err
    config.write_text(config.read_text().replace(f"  url: {address}\n", ""))
    argv = ["build", "--config", str(config), "--output", str(tmp_path / "new"), "--as-of", AS_OF]
    assert main([*argv, "--previous", "live"]) == 0
    assert (
        "site.url is not set, so there is no live site to compare with" in capsys.readouterr().out
    )


def test_the_example_site_rebuilt_over_itself_is_byte_identical(
    example_site: Path, tmp_path: Path
) -> None:
    """Built twice into one folder (the second reading the first's record): the same bytes
    as a single build, record included."""
    from .test_output import tree

    out = tmp_path / "site"
    config = str(ROOT / "site_config.yml")
    for _ in range(2):
        argv = ["build", "--config", config, "--output", str(out), "--as-of", "2026-11-26", "-q"]
        argv.append("--no-cache")  # the cache would be written beside the checkout's config
        assert main(argv) == 0
    assert tree(out) == tree(example_site)
