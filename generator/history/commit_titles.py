"""What a commit is called where the site shows it: a merged pull request by its title.

A merge commit that GitHub writes reads ``Merge pull request #930 from org/branch`` with
the pull request's title as the first line of its body; GitLab writes ``Merge branch
'feature' into 'main'``, the merge request's title as the body's first line and ``See
merge request group/project!123`` further down. A squash merge on GitHub ends its subject
with ``(#123)``. Readers see the title, and ``#930`` (``!123``) links to the pull (merge)
request when ``site.repo_url`` is a GitHub or GitLab address.

Pure: the history stage reads the bodies (:attr:`generator.history.repository.Revision.body`); the
titles are plain text, escaped where they are shown like every commit message.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

_GITHUB_MERGE = re.compile(r"Merge pull request #(\d+) from \S+")
_GITLAB_MERGE = re.compile(r"Merge branch '[^']*'(?: of \S+)? into '[^']*'")
_GITLAB_REQUEST = re.compile(r"^See merge request \S*!(\d+)\s*$", re.MULTILINE)
_SQUASH = re.compile(r"(?P<title>.*\S)\s+\((?P<mark>[#!])(?P<number>\d+)\)")


def is_merge_subject(subject: str) -> bool:
    """True when ``subject`` is GitHub's or GitLab's merge commit subject, whose body holds
    the pull request's title."""
    return bool(
        _GITHUB_MERGE.fullmatch(subject.strip()) or _GITLAB_MERGE.fullmatch(subject.strip())
    )


@dataclass(frozen=True, slots=True)
class CommitTitle:
    """What a commit is called on the site."""

    text: str
    """The pull request's title, or the commit's subject."""
    reference: str
    """``#930`` (GitHub) or ``!123`` (GitLab), "" for a plain commit."""
    href: str
    """The pull (merge) request's page, "" when ``site.repo_url`` is not on GitHub or GitLab
    (or there is no request)."""


def _host(repo_url: str) -> str:
    """ "github", "gitlab" or "" for ``repo_url``'s host."""
    host = (urllib.parse.urlsplit(repo_url).hostname or "").lower()
    for name in ("github", "gitlab"):
        if host == f"{name}.com" or host.startswith(f"{name}.") or f".{name}." in host:
            return name
    return ""


def _link(repo_url: str, mark: str, number: str) -> str:
    base, host = repo_url.rstrip("/"), _host(repo_url)
    if host == "github" and mark == "#":
        return f"{base}/pull/{number}"
    if host == "gitlab":
        return f"{base}/-/merge_requests/{number}" if mark == "!" else f"{base}/-/issues/{number}"
    return ""


def _first_line(body: str) -> str:
    return next((line.strip() for line in body.splitlines() if line.strip()), "")


def commit_title(subject: str, body: str, repo_url: str) -> CommitTitle:
    """The title a commit is shown with: a merge's pull request title (the body's first line),
    a squash merge's subject without ``(#N)``, else the subject as written."""
    subject = subject.strip()
    github = _GITHUB_MERGE.fullmatch(subject)
    if github:
        number = github[1]
        title = _first_line(body)
        return CommitTitle(title or subject, f"#{number}", _link(repo_url, "#", number))
    if _GITLAB_MERGE.fullmatch(subject):
        request = _GITLAB_REQUEST.search(body)
        title = _first_line(body)
        if title.startswith("See merge request"):
            title = ""
        if request is None:
            return CommitTitle(title or subject, "", "")
        return CommitTitle(title or subject, f"!{request[1]}", _link(repo_url, "!", request[1]))
    squash = _SQUASH.fullmatch(subject)
    if squash:
        mark, number = squash["mark"], squash["number"]
        return CommitTitle(squash["title"], f"{mark}{number}", _link(repo_url, mark, number))
    return CommitTitle(subject, "", "")
