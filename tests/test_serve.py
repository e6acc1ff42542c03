"""``policy-site serve``: a preview that shows uncommitted edits as drafts and rebuilds
itself; ``build`` never publishes drafts."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.serve import Preview, serving

from .conftest import Commit, policy, site_model

Factory = Callable[..., Path]
EN = "policies/privacy/en.md"
BODY = "## Retention\n\nWe keep logs for 24 months.\n"


def fetch(url: str) -> str:
    """A page of the preview."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def until(condition: Callable[[], bool], what: str, limit: float = 90.0) -> None:
    """Wait for a rebuild to show ``condition`` (a bound, not a speed requirement)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"the preview never showed {what}")


@pytest.fixture
def preview(
    repo_factory: Factory, tmp_path: Path
) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    """A repository and ``policy-site serve`` running on it (its temporary files in a
    folder of the test's own)."""
    repo = repo_factory([Commit("2024-01-01", {EN: policy("2024-02-01", BODY)}, "Publish")])
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    command = [
        sys.executable,
        "-m",
        "generator.cli",
        "serve",
        "--config",
        str(repo / "site_config.yml"),
    ]
    process = subprocess.Popen(
        [*command, "--port", "0", "--as-of", "2024-06-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("Serving the preview at "), line + (
        process.stderr.read() if process.stderr else ""
    )
    address = line.split(" at ", 1)[1].split(" ", 1)[0]
    yield repo, address, process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_serve_previews_drafts_rebuilds_and_stops_cleanly(
    preview: tuple[Path, str, subprocess.Popen[str]], tmp_path: Path
) -> None:
    """It serves the policy page; an uncommitted edit appears as a marked draft; a change
    to the configuration rebuilds it and open pages are told to reload; Ctrl-C stops it
    and removes its files."""
    repo, address, process = preview
    assert "We keep logs for 24 months." in fetch(address + "en/privacy/")
    assert "Draft" not in fetch(address + "en/privacy/")
    (repo / EN).write_text(policy("2024-09-01", BODY.replace("24", "12")), encoding="utf-8")
    until(lambda: "Draft: not committed" in fetch(address + "en/privacy/"), "the draft banner")
    draft = fetch(address + "en/privacy/2024-09-01/")
    assert "We keep logs for 12 months." in draft
    assert "Draft: not committed" in draft
    changes = fetch(address + "en/privacy/2024-09-01/changes/")
    assert "12" in changes
    assert "Draft: not committed" in changes
    events = urllib.request.urlopen(address + ".policy-site/events", timeout=60)
    config = repo / "site_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("Test Policies", "Renamed Policies"),
        encoding="utf-8",
    )
    until(lambda: "Renamed Policies" in fetch(address + "en/"), "the new site title")
    assert events.readline() == b"data: reload\n"  # open pages are told to reload
    events.close()
    assert 'new EventSource("/.policy-site/events")' in fetch(address + "en/")
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 0
    assert list((tmp_path / "scratch").iterdir()) == []


def test_build_never_publishes_drafts(repo_factory: Factory) -> None:
    """The same uncommitted edit is invisible to build: only committed text is published."""
    repo = repo_factory([Commit("2024-01-01", {EN: policy("2024-02-01", BODY)}, "Publish")])
    (repo / EN).write_text(policy("2024-09-01", BODY.replace("24", "12")), encoding="utf-8")
    site = site_model(repo / "site_config.yml", dt.date(2024, 6, 1))
    urls = {page.url for page in site.languages[0].pages}
    assert "privacy/2024-09-01/" not in urls
    assert not any("Draft" in page.body for page in site.languages[0].pages)


class Heard:
    """A reporter that keeps the problems it hears."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def stage(self, name: str, detail: str) -> None:
        """Stages do not matter here."""

    def warnings(self, messages: Sequence[str]) -> None:
        """Warnings do not matter here."""

    def problem(self, message: str) -> None:
        """Keep it."""
        self.problems.append(message)


def test_a_configuration_error_is_reported_once_until_the_file_changes(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """Rebuilds with the same broken configuration say nothing new; a change to the file
    says what is wrong now; a fixed file builds."""
    repo = repo_factory([Commit("2024-01-01", {EN: policy("2024-02-01", BODY)}, "Publish")])
    config = repo / "site_config.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("languages:", "languagse:"), encoding="utf-8")
    heard = Heard()
    now = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    preview = Preview(config, tmp_path / "site", dt.date(2024, 6, 1), lambda: now, heard)
    assert [preview.rebuild() for _ in range(3)] == [False, False, False]
    assert len(heard.problems) == 1
    assert "unknown key 'languagse'" in heard.problems[0]
    config.write_text(good.replace("site:", "sitee:"), encoding="utf-8")
    assert preview.rebuild() is False
    assert len(heard.problems) == 2
    assert "unknown key 'sitee'" in heard.problems[1]
    config.write_text(good, encoding="utf-8")
    assert preview.rebuild() is True
    assert "We keep logs" in (tmp_path / "site/en/privacy/index.html").read_text("utf-8")


def test_a_bad_request_is_answered_400_and_text_says_its_charset(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A request holding %00, a control character or bytes that are not UTF-8 gets 400
    and no traceback; pages, feeds, JSON and source files say they are UTF-8."""
    files = {"index.html": "<p>é</p>", "feed.xml": "<feed/>", "a.json": "{}", "s.md": "é"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with serving(tmp_path) as address:
        host, port = address.removeprefix("http://").rstrip("/").split(":")
        for path in ("/%00", "/index.html%00.png", "/%07", "/%ff%fe", "/a%00b/"):
            connection = http.client.HTTPConnection(host, int(port), timeout=10)
            connection.request("GET", path)
            assert connection.getresponse().status == 400, path
            connection.close()
        types = {}
        for name in ("", "feed.xml", "a.json", "s.md"):
            with urllib.request.urlopen(address + name, timeout=10) as response:
                types[name] = response.headers["Content-Type"]
    assert types == {
        "": "text/html; charset=utf-8",
        "feed.xml": "application/xml; charset=utf-8",
        "a.json": "application/json; charset=utf-8",
        "s.md": "text/markdown; charset=utf-8",
    }
    assert "Traceback" not in capfd.readouterr().err


def _status(address: str, path: str, host: str | None) -> int:
    """The status of a GET of ``path`` sent with the ``Host:`` header ``host`` (None: no
    header at all, as an HTTP/1.0 client may send)."""
    where, port = address.removeprefix("http://").rstrip("/").split(":")
    connection = http.client.HTTPConnection(where, int(port), timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def test_serve_answers_only_its_own_host_names(tmp_path: Path) -> None:
    """A request naming another host (a web page elsewhere reaching the preview through
    DNS rebinding) is refused with 403, the event stream too; the address served on and
    localhost, with or without the port, are answered."""
    (tmp_path / "index.html").write_text("<p>Draft</p>", encoding="utf-8")
    now = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    preview = Preview(
        tmp_path / "site_config.yml", tmp_path, dt.date(2024, 6, 1), lambda: now, Heard()
    )
    with serving(tmp_path, preview=preview) as address:
        port = address.rstrip("/").rsplit(":", 1)[1]
        for host in (f"127.0.0.1:{port}", "127.0.0.1", f"localhost:{port}", "LOCALHOST"):
            assert _status(address, "/", host) == 200, host
        refused: list[str | None] = [f"evil.example:{port}", "127.0.0.2", "a.evil.example", ""]
        for other in [*refused, None]:
            assert _status(address, "/", other) == 403, other
        assert _status(address, "/.policy-site/events", f"evil.example:{port}") == 403


def test_serve_on_every_address_answers_numbers_and_its_names_only(tmp_path: Path) -> None:
    """Serving on 0.0.0.0, any address written as numbers is the computer's own (no name
    can be pointed at it), and so are localhost and its host name; other names are
    refused."""
    (tmp_path / "index.html").write_text("<p>Draft</p>", encoding="utf-8")
    with serving(tmp_path, host="0.0.0.0") as address:
        local = address.replace("0.0.0.0", "127.0.0.1")
        port = address.rstrip("/").rsplit(":", 1)[1]
        for host in (f"192.168.1.20:{port}", "[fe80::1]:8000", "localhost", socket.gethostname()):
            assert _status(local, "/", host) == 200, host
        assert _status(local, "/", f"policies.evil.example:{port}") == 403


@pytest.mark.parametrize("port", ["99999", "-1", "eighty", "٨٠٠٠"])
def test_a_port_that_is_no_port_is_a_usage_error(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--port beyond 65535, negative or not a number: exit 2 with what to give, no
    traceback."""
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", port])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"'{port}' is not a port; give a number from 1 to 65535" in err
    assert "Traceback" not in err


def test_a_port_in_use_is_said_before_anything_is_built(
    repo_factory: Factory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A port another program listens on: serve says so, with another port to try, and
    exits 2 without building a preview."""
    repo = repo_factory([Commit("2024-01-01", {EN: policy("2024-02-01", BODY)}, "Publish")])
    built: list[Preview] = []

    def rebuild(self: Preview) -> bool:
        built.append(self)
        return True

    monkeypatch.setattr(Preview, "rebuild", rebuild)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--config", str(repo / "site_config.yml"), "--port", str(port)])
    out, err = capsys.readouterr()
    assert code == 2
    assert f"port {port} on 127.0.0.1 is in use already" in err
    assert f"policy-site serve --port {port + 1}" in err
    assert "Check that the file or folder exists" not in err
    assert "Serving" not in out
    assert built == []
