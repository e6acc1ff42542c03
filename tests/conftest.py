"""Shared fixtures: real git repositories built in a temporary folder."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.site import Site
from generator.site.record import Record

ROOT = Path(__file__).resolve().parent.parent
#: The day the example site is built for in tests (never "today").
AS_OF = dt.date(2026, 11, 26)

MINIMAL_CONFIG = """\
site:
  title: Test Policies
  url: https://policies.test/
  timezone: Europe/Dublin
languages:
  default: en
  available:
    - {code: en, name: English, locale: en_IE}
"""


def policy(effective: str | None, body: str, title: str = "Privacy Policy", **meta: str) -> str:
    """A policy file: front matter (title, effective, extra keys) and a dedented body."""
    lines = ["---", f"title: {title}"]
    if effective is not None:
        lines.append(f"effective: {effective}")
    lines += [f"{k}: {v}" for k, v in meta.items()]
    lines.append("---")
    return "\n".join(lines) + "\n" + textwrap.dedent(body).lstrip("\n")


@dataclass
class Commit:
    """One commit to make: when, which files (None deletes), and its message."""

    date: str
    files: Mapping[str, str | None]
    message: str = "Update policies"
    renames: Mapping[str, str] = field(default_factory=dict)


#: A fixed git identity, and no user or system git configuration.
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Legal Team",
    "GIT_AUTHOR_EMAIL": "legal@example.test",
    "GIT_COMMITTER_NAME": "Legal Team",
    "GIT_COMMITTER_EMAIL": "legal@example.test",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str, date: str | None = None) -> str:
    """Run git in ``repo`` with a fixed identity (and dates, when given)."""
    env = {**os.environ, **GIT_IDENTITY}
    if date is not None:
        stamp = date if "T" in date else f"{date}T10:00:00+00:00"
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = stamp
    result = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def make_repo(path: Path, commits: Sequence[Commit], config: str = MINIMAL_CONFIG) -> Path:
    """Create a repository at ``path`` holding ``site_config.yml`` and the commits."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    (path / "site_config.yml").write_text(config, encoding="utf-8")
    git(path, "add", "site_config.yml")
    first = commits[0].date if commits else "2020-01-01"
    git(path, "commit", "-q", "-m", "Configure the site", date=first)
    for commit in commits:
        for old, new in commit.renames.items():
            (path / new).parent.mkdir(parents=True, exist_ok=True)
            git(path, "mv", old, new)
        for name, content in commit.files.items():
            target = path / name
            if content is None:
                git(path, "rm", "-q", name)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            git(path, "add", name)
        git(path, "commit", "-q", "--allow-empty", "-m", commit.message, date=commit.date)
    return path


@pytest.fixture
def repo_factory(tmp_path: Path) -> Callable[..., Path]:
    """Build a git repository in the test's temporary folder from a list of commits."""
    counter = iter(range(1000))

    def factory(commits: Sequence[Commit], config: str = MINIMAL_CONFIG) -> Path:
        return make_repo(tmp_path / f"repo{next(counter)}", commits, config)

    return factory


def soup(path: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def one(node: BeautifulSoup | Tag, selector: str) -> Tag:
    """The first element ``selector`` matches; the test fails when there is none."""
    found = node.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def attr(tag: Tag, name: str) -> str:
    """A single-valued attribute of ``tag``; the test fails when it is missing."""
    value = tag.get(name)
    assert isinstance(value, str), f"<{tag.name}> has no {name}"
    return value


def content(page: BeautifulSoup) -> BeautifulSoup:
    """The page's own content (inside mkdocs-material's article)."""
    found = page.select_one("article.md-content__inner")
    assert found is not None
    return found  # type: ignore[return-value]


def site_model(config_path: Path, as_of: dt.date, previous: Site | None = None) -> Site:
    """The whole site in memory, as ``build`` would write it, without running MkDocs;
    with ``previous``, as a build after the deployment of that site."""
    from generator.config.loading import load_config
    from generator.history.repository import read_history
    from generator.site import build_site
    from generator.site.record import RecordInput
    from generator.versions.timeline import build_timelines

    config = load_config(config_path)
    timelines = build_timelines(read_history(config), config)
    record = RecordInput(published_record(previous)) if previous is not None else None
    return build_site(config, timelines, as_of, record=record)


def published_record(site: Site) -> Record:
    """The publication record a site model holds (``api/published.json``), read back."""
    from generator.site.record import PATH
    from generator.site.record_reading import parse_record

    (found,) = (file for file in site.files if file.path == PATH)
    return parse_record(found.content)


def model_page(site: Site, lang: str, url: str) -> BeautifulSoup:
    """The body of one page of the model, parsed (``url`` inside the language, "" for home)."""
    (language,) = (found for found in site.languages if found.lang == lang)
    (page,) = (page for page in language.pages if page.url == url)
    return BeautifulSoup(page.body, "html.parser")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example policies built once for the whole session, as of a fixed day."""
    from generator.commands.build import build

    out = tmp_path_factory.mktemp("example") / "site"
    build(ROOT / "site_config.yml", out, AS_OF)
    return out
