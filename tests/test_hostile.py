"""A repository written by an attacker: a payload in every field a user controls (text,
headings, front matter, configuration, commit messages, file names). The site builds, and
no output file (HTML, XML, JSON, search index) holds a payload unescaped; in Chromium no
payload runs (``tests/test_browser.py`` loads every page kind of this site)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from generator.commands.build import build

from .conftest import Commit, make_repo

#: What must never appear in the output as it is written here.
PAYLOADS = (
    "<img src=x onerror=window.__pwned=1>",
    "<script>window.__pwned=2</script>",
    '"><svg onload=window.__pwned=3>',
    "<iframe srcdoc=x>",
)
#: Raw HTML an author may write, each with something that must never survive cleaning.
HTML_PAYLOADS = (
    "<table><tr><td onmouseover='window.__pwned=20' style='color:red'>cell</td></tr></table>",
    "<details open ontoggle='window.__pwned=21'><summary>more</summary>hidden</details>",
    "<a href='javascript:window.__pwned=22'>script link</a>",
    "<a href='data:text/html,<script>window.__pwned=23</script>'>data link</a>",
    "<form action='javascript:window.__pwned=24'><button>go</button></form>",
    "<style>body{display:none}</style>",
    "<span class='md-header' onclick='window.__pwned=25'>span</span>",
    "<noscript><p title='</noscript><img src=x onerror=window.__pwned=26>'></noscript>",
    "<a href=' JaVaScRiPt:window.__pwned=27'>spaced</a>",
)
#: Markup that would run if any payload reached a page as HTML.
EXECUTABLE = re.compile(
    r"<img[^>]*onerror|<script>window\.__pwned|<svg[^>]*onload|<iframe|<style>body|"
    r"(?:href|src|action)\s*=\s*[\"']?\s*(?:javascript:|data:text)|"
    r"<[a-z][^<>]*\bon(?:mouseover|toggle|click)\s*=|style=[\"']color:red",
    re.IGNORECASE,
)
AS_OF = dt.date(2024, 6, 1)
HOSTILE_DIR = "policies/<img src=x onerror=window.__pwned=1>"


def _text(n: int) -> str:
    return " ".join(PAYLOADS[n % len(PAYLOADS) :] + PAYLOADS[: n % len(PAYLOADS)])


def _policy(effective: str, extra: str = "") -> str:
    return f"""---
title: '{PAYLOADS[2]} {PAYLOADS[0]}'
effective: {effective}
note: "{PAYLOADS[1]}"
summary: "{PAYLOADS[3]} {PAYLOADS[0]} [a link](javascript:window.__pwned=9)"
---
{PAYLOADS[0]}

{PAYLOADS[1]}

## {PAYLOADS[0]}

Text with <b onmouseover=window.__pwned=5>bold</b> and [a link](javascript:window.__pwned=4)
and <javascript:window.__pwned=6> and ![image](x" onerror="window.__pwned=7).

## {PAYLOADS[2]}

| {PAYLOADS[3]} | cell |
| --- | --- |
| {PAYLOADS[1]} | {extra} |

- {PAYLOADS[0]}
- item

## Written in HTML

{HTML_PAYLOADS[0]}

{HTML_PAYLOADS[1]}

Inline: {" ".join(HTML_PAYLOADS[2:])}

{extra}

[ref]: javascript:window.__pwned=8
"""


CONFIG = f"""\
site:
  title: '{PAYLOADS[2]} {PAYLOADS[0]}'
  description: '{PAYLOADS[1]}'
  url: https://policies.example.test/
  repo_url: https://git.example.test/policies
languages:
  default: en
  available:
    - {{code: en, name: '{PAYLOADS[0]}'}}
    - {{code: es, name: '{PAYLOADS[2]}'}}
policies:
  privacy:
    title: {{en: '{PAYLOADS[1]}', es: '{PAYLOADS[3]}'}}
groups:
  legal:
    title: {{en: '{PAYLOADS[0]}', es: '{PAYLOADS[2]}'}}
    policies: [privacy]
"""


def hostile_repo(root: Path) -> Path:
    """The attacker's repository: two amendments (one a squash merge), a translation, a
    withdrawal, a group."""
    return make_repo(
        root,
        [
            Commit(
                "2024-01-01",
                {
                    "policies/privacy/en.md": _policy("2024-02-01"),
                    "policies/privacy/es.md": _policy("2024-02-01"),
                    f"{HOSTILE_DIR}/en.md": _policy("2024-02-01"),
                },
                f"Publish {PAYLOADS[0]}",
            ),
            Commit(
                "2024-03-01",
                {"policies/privacy/en.md": _policy("2024-04-01", _text(1))},
                f"Amend {PAYLOADS[1]} {PAYLOADS[2]}",
            ),
            Commit(
                "2024-05-01",
                {"policies/privacy/en.md": _policy("2024-07-01", _text(2))},
                f"Upcoming {PAYLOADS[3]} (#12)",
            ),
            Commit("2024-05-02", {f"{HOSTILE_DIR}/en.md": None}, f"Withdraw {PAYLOADS[0]}"),
        ],
        CONFIG,
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The attacker's repository, built."""
    root = tmp_path_factory.mktemp("hostile")
    repo = hostile_repo(root / "repo")
    out = root / "site"
    build(repo / "site_config.yml", out, AS_OF)
    return out


def test_every_kind_of_page_was_built(hostile_site: Path) -> None:
    """The hostile site has every page kind, a withdrawn policy among them."""
    names = {p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("index.html")}
    for expected in (
        "en/index.html",
        "en/privacy/index.html",
        "en/privacy/history/index.html",
        "en/privacy/2024-04-01/changes/index.html",
        "en/privacy/2024-07-01/since/index.html",
        "es/privacy/2024-02-01/index.html",
        "en/img-src-x-onerror-window-__pwned-1/index.html",
        "en/privacy/compare/index.html",
        "en/privacy/compare/2024-02-01...2024-07-01/index.html",
        "en/privacy/history/img-src-x-onerror-window-__pwned-1/index.html",
        "en/changes/index.html",
        "es/changes/legal/index.html",
    ):
        assert expected in names


def test_no_output_file_holds_a_payload_unescaped(hostile_site: Path) -> None:
    """HTML, feeds, JSON and the search index: every payload arrives as text only."""
    checked = 0
    for path in sorted(hostile_site.rglob("*")):
        rel = path.relative_to(hostile_site).as_posix()
        if (
            not path.is_file()
            or "/assets/" in f"/{rel}"
            or path.suffix
            not in (
                ".html",
                ".xml",
                ".json",
            )
        ):
            continue
        text = path.read_text(encoding="utf-8")
        checked += 1
        for payload in PAYLOADS:
            assert payload not in text, f"{rel} holds {payload!r}"
        found = EXECUTABLE.search(text)
        assert found is None, f"{rel}: {found.group(0) if found else ''}"
    assert checked > 30


def test_payloads_are_shown_as_text(hostile_site: Path) -> None:
    """The reader sees the attacker's text literally (escaped, not dropped)."""
    page = (hostile_site / "en/privacy/index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in page
    index = json.loads((hostile_site / "api/policies.json").read_text(encoding="utf-8"))
    assert index["site"]["title"].startswith('"><svg onload')
