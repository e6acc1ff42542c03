"""Repositories like those organisations already keep, each made by one ``git fast-import``
process (thousands of commits in seconds), for the tests of ``policy-site init``.

The texts are written for a fictional company, Lumen Harbor Ltd., and its services.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import Commit, git


def _quoted(path: str) -> str:
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _data(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"data %d\n" % len(raw) + raw + b"\n"


def _stamp(date: str) -> int:
    moment = dt.datetime.fromisoformat(date if "T" in date else f"{date}T10:00:00+00:00")
    return int(moment.timestamp())


def fast_import(path: Path, commits: Sequence[Commit]) -> Path:
    """A repository at ``path`` (branch main, files checked out) holding ``commits``."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    stream = bytearray()
    for commit in commits:
        who = f"Legal Team <legal@example.test> {_stamp(commit.date)} +0000"
        stream += f"commit refs/heads/main\nauthor {who}\ncommitter {who}\n".encode()
        stream += _data(commit.message)
        for old, new in commit.renames.items():
            stream += f"R {_quoted(old)} {_quoted(new)}\n".encode()
        for name, content in commit.files.items():
            if content is None:
                stream += f"D {_quoted(name)}\n".encode()
            else:
                stream += f"M 100644 inline {_quoted(name)}\n".encode() + _data(content)
        stream += b"\n"
    subprocess.run(["git", "fast-import", "--quiet"], cwd=path, input=bytes(stream), check=True)
    git(path, "reset", "-q", "--hard", "main")
    return path


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# --- a docs repository: folders per topic, no front matter, dates written in the text ----

PRIVACY_V1 = dedent(
    """\
    ---
    layout: page
    permalink: /privacy/
    title: Privacy Policy
    ---
    {% include banner.html %}
    **Last updated:** June 2025

    Lumen Harbor Ltd. ("{{ site.company }}") explains here what it collects.

    ## What we collect

    * Your name and e-mail address.
    * The harbour berths you book.
    """
)
PRIVACY_V2 = PRIVACY_V1.replace("June 2025", "September 2025").replace(
    "berths you book.", "berths you book.\n* The boats you register."
)
# The same text as version 2, reflowed and with other list markers: formatting only.
PRIVACY_V2_REFLOWED = PRIVACY_V2.replace("\n* ", "\n- ").replace(
    'Lumen Harbor Ltd. ("{{ site.company }}") explains',
    'Lumen Harbor Ltd. ("{{ site.company }}")\nexplains',
)

ACCEPTABLE_USE_V1 = dedent(
    """\
    Acceptable Use Policy
    =====================

    Effective date: February 1, 2024

    <!-- Reviewed by counsel; do not publish this note. -->
    Use the marina network for harbour business only.[^1]

    Prohibited uses
    ---------------

    | Use | Allowed |
    | --- | --- |
    | Streaming video | No |
    | Weather charts | Yes |

    See the [harbour rules][rules].

    [rules]: https://lumen-harbor.example/rules
    [^1]: Including the guest Wi-Fi.
    """
)
ACCEPTABLE_USE_V2 = ACCEPTABLE_USE_V1.replace("February 1, 2024", "March 1, 2025").replace(
    "| Weather charts | Yes |", "| Weather charts | Yes |\n| Online games | No |"
)

LEAVE = dedent(
    """\
    # Leave policy

    This policy is effective as of January 15, 2024.

    ## Annual leave

    Every employee has twenty-five days of annual leave.
    """
)

COOKIES = dedent(
    """\
    # Cookie Notice

    "Effective Date" means the date on which a visitor first accepts cookies.

    ## Cookies we set

    A session cookie, kept for one day.

    Last revised: 3 March 2025
    """
)

DATA_REQUESTS = dedent(
    """\
    # Data Requests

    Write to the harbour master to see the data we hold about you.
    """
)


def terms(effective: str, extra: str = "") -> str:
    return dedent(
        f"""\
        # Terms of Service

        Effective date: {effective}

        ## Berths

        A berth is booked for whole days.{extra}
        """
    )


TERMS = "policies/legal/Terms of Service.md"


def docs_commits() -> list[Commit]:
    """Six documents with every trait; the terms are renamed twice and moved into a folder."""
    return [
        Commit(
            "2024-01-10",
            {
                "README.md": "# Lumen Harbor policies\n",
                "_config.yml": "title: Lumen Harbor policies\ncompany: Lumen Harbor\n",
                "policies/README.md": "These are our policies.\n",
                "policies/_drafts/Boat Shows.md": "# Boat shows\n\nDraft.\n",
                "policies/terms.md": terms("January 20, 2024"),
                "policies/hr/Leave policy.md": LEAVE,
            },
            "Publish the terms and the leave policy",
        ),
        Commit(
            "2024-01-25",
            {"policies/security/Acceptable Use Policy v2.1.md": ACCEPTABLE_USE_V1},
            "Publish the acceptable use policy",
        ),
        Commit(
            "2024-06-01",
            {},
            "Give the terms file its full name",
            renames={"policies/terms.md": "policies/Terms of Service.md"},
        ),
        Commit(
            "2024-07-01",
            {"policies/Terms of Service.md": terms("August 1, 2024", " Or by the week.")},
            "Weekly berths",
        ),
        Commit(
            "2024-09-01",
            {},
            "Move the terms to the legal folder",
            renames={"policies/Terms of Service.md": TERMS},
        ),
        Commit(
            "2025-02-01",
            {
                TERMS: terms("March 1, 2025", " Or by the week, or the month."),
                "policies/security/Acceptable Use Policy v2.1.md": ACCEPTABLE_USE_V2,
            },
            "Monthly berths; no online games",
        ),
        Commit(
            "2025-03-03",
            {"policies/Cookie Notice.md": COOKIES, "policies/Data Requests.md": DATA_REQUESTS},
            "Cookie notice and data requests",
        ),
        Commit("2025-06-02", {"policies/Privacy Policy.md": PRIVACY_V1}, "Privacy policy"),
        Commit("2025-09-01", {"policies/Privacy Policy.md": PRIVACY_V2}, "Registered boats"),
        Commit(
            "2025-09-20", {"policies/Privacy Policy.md": PRIVACY_V2_REFLOWED}, "Reflow the text"
        ),
        Commit(
            "2025-10-01",
            {"policies/Data Requests.md": DATA_REQUESTS.replace("\nWrite", "\n\nWrite")},
            "Blank line",
        ),
    ]


# --- a repository in three languages, the language in the file name ------------------------


def multilingual_commits() -> list[Commit]:
    """``{policy}.{lang}.md`` in English, Spanish and Chinese, and one name with dots."""
    return [
        Commit(
            "2024-01-05",
            {
                "docs/privacy.en.md": "# Privacy\n\nEffective date: 1 February 2024\n\nWe keep little.\n",
                "docs/privacy.es.md": "# Privacidad\n\nFecha de entrada en vigor: 1 de febrero de 2024\n\n"
                "Guardamos poco.\n",
                "docs/privacy.zh.md": "# 隐私政策\n\n生效日期：2024年2月1日\n\n我们很少保存数据。\n",
                "docs/Terms.of.use.md": "# Terms of use\n\nEffective date: 2024-02-01\n\nBe kind.\n",
            },
            "Publish in three languages",
        ),
        Commit(
            "2024-05-02",
            {
                "docs/privacy.es.md": "# Privacidad\n\nÚltima actualización: junio de 2024\n\nGuardamos muy poco.\n"
            },
            "Spanish update",
        ),
    ]


# --- an archive of terms of service with thousands of commits ---------------------------

SERVICES = (
    "Brightwater Maps",
    "Lumen Harbor Ltd.",
    "Tidewatch Cloud",
    "Quayside Pay",
    "Saltmarsh Social",
    "Beacon Mail v2.0",
    "Driftwood Storage",
    "Gull & Tern Games",
    "Anchor Point Radio",
    "Moorings.app",
    "Keel Analytics",
    "Spinnaker Jobs",
)
DOCUMENTS = ("Terms of Service", "Privacy Policy", "Community Guidelines")


@dataclass(frozen=True, slots=True)
class Archive:
    """The archive's commits and what a reader should find in it."""

    commits: list[Commit]
    """Every commit."""
    versions: dict[str, int]
    """Each document's path with its number of versions (one per day its text changed)."""


def _render(name: str, clauses: list[str], style: int) -> str:
    """A document's text, its layout varied by ``style`` without changing what it says."""
    width = (60, 72, 90)[style % 3]
    bullet = "-*+"[style % 3]
    heading = f"# {name}\n" if style % 2 else f"{name}\n{'=' * len(name)}\n"
    parts = [heading, "## Our commitments\n"]
    for number, clause in enumerate(clauses):
        if number % 4 == 3:
            parts.append(f"{bullet} {clause}\n")
        else:
            parts.append(textwrap.fill(clause, width) + ("  " if style % 5 == 0 else "") + "\n")
        parts.append("\n")
    return "".join(parts)


def archive(commits: int = 1200, seed: int = 7) -> Archive:
    """Documents of twelve services, changed one per commit every six hours: most
    commits only reformat, every eighth or so says something new."""
    rng = random.Random(seed)
    paths = [f"{service}/{doc}.md" for service in SERVICES for doc in DOCUMENTS]
    clauses = {p: [f"{p[:-3]} clause {n} keeps the harbour tidy." for n in range(8)] for p in paths}
    start = dt.datetime(2021, 1, 1, 9, tzinfo=dt.UTC)
    made: list[Commit] = [
        Commit(
            start.isoformat(),
            {p: _render(p.split("/")[1][:-3], clauses[p], 0) for p in paths},
            "Track",
        )
    ]
    changed_days: dict[str, list[dt.date]] = {p: [start.date()] for p in paths}
    for number in range(1, commits):
        moment = start + dt.timedelta(hours=6 * number)
        path = rng.choice(paths)
        if rng.random() < 0.12:
            clauses[path][rng.randrange(8)] += f" Revised in change {number}."
            if changed_days[path][-1] != moment.date():
                changed_days[path].append(moment.date())
        text = _render(path.split("/")[1][:-3], clauses[path], number)
        made.append(Commit(moment.isoformat(), {path: text}, f"Snapshot {number}"))
    return Archive(made, {p: len(days) for p, days in changed_days.items()})
