"""Stage 4: revisions group into versions by effective date; corrections stay visible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.config import load_config
from generator.errors import DocumentError
from generator.history import read_history
from generator.versions import Status, build_timelines

from .conftest import Commit, policy

D = dt.date.fromisoformat


def timelines(repo: Path) -> dict:  # type: ignore[type-arg]
    config = load_config(repo / "site_config.yml")
    return build_timelines(read_history(config).revisions, config)


def test_same_effective_date_is_a_correction(repo_factory: Callable[..., Path]) -> None:
    """A later commit that keeps the date corrects that version; a new date starts a version."""
    repo = repo_factory(
        [
            Commit(
                "2024-01-01",
                {"policies/privacy/en.md": policy("2024-02-01", "Teh text.\n")},
                "Publish",
            ),
            Commit(
                "2024-01-05",
                {"policies/privacy/en.md": policy("2024-02-01", "The text.\n")},
                "Fix typo",
            ),
            Commit(
                "2024-06-01",
                {"policies/privacy/en.md": policy("2024-08-01", "New text.\n")},
                "Amend",
            ),
        ]
    )
    (timeline,) = timelines(repo).values()
    assert [v.effective_date for v in timeline.versions] == [D("2024-02-01"), D("2024-08-01")]
    first = timeline.versions[0]
    assert first.adopted.message == "Publish"
    assert [e.revision.message for e in first.corrections] == ["Fix typo"]
    assert "The text." in first.document.html


def test_status_before_between_and_after(repo_factory: Callable[..., Path]) -> None:
    """One version is in force at a time; later ones are upcoming, earlier ones superseded."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-02-01", "One.\n")}),
            Commit("2024-06-01", {"policies/privacy/en.md": policy("2024-08-01", "Two.\n")}),
        ]
    )
    (timeline,) = timelines(repo).values()
    one, two = timeline.versions
    assert timeline.current(D("2024-01-31")) is None
    assert [timeline.status(v, D("2024-01-31")) for v in (one, two)] == [
        Status.UPCOMING,
        Status.UPCOMING,
    ]
    assert timeline.current(D("2024-02-01")) is one
    assert [timeline.status(v, D("2024-07-31")) for v in (one, two)] == [
        Status.IN_FORCE,
        Status.UPCOMING,
    ]
    assert [timeline.status(v, D("2024-08-01")) for v in (one, two)] == [
        Status.SUPERSEDED,
        Status.IN_FORCE,
    ]
    assert timeline.upcoming(D("2024-07-31")) == (two,)


def test_broken_old_revision_is_skipped_but_newest_is_fatal(
    repo_factory: Callable[..., Path],
) -> None:
    """Old history that cannot be parsed is skipped with a note; a broken newest file stops the build."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/privacy/en.md": policy(None, "No date.\n")}, "Broken"),
            Commit(
                "2024-06-01", {"policies/privacy/en.md": policy("2024-08-01", "Fine.\n")}, "Fixed"
            ),
        ]
    )
    (timeline,) = timelines(repo).values()
    assert len(timeline.versions) == 1
    (skipped,) = timeline.skipped
    assert skipped.commit
    assert "no 'effective:' date" in skipped.message

    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-08-01", "Fine.\n")}),
            Commit("2024-06-01", {"policies/privacy/en.md": policy("tomorrow", "Broken.\n")}),
        ]
    )
    with pytest.raises(DocumentError) as caught:
        timelines(repo)
    assert caught.value.file == "policies/privacy/en.md"
    assert caught.value.line == 3
    assert caught.value.commit is not None


def test_rescheduled_version_is_withdrawn(repo_factory: Callable[..., Path]) -> None:
    """Moving an announced date before it arrives replaces that version; it never applied."""
    body = "Announced text.\n"
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-02-01", "One.\n")}),
            Commit(
                "2024-06-01", {"policies/privacy/en.md": policy("2024-09-01", body)}, "Announce"
            ),
            Commit(
                "2024-07-01", {"policies/privacy/en.md": policy("2024-10-01", body)}, "Postpone"
            ),
        ]
    )
    (timeline,) = timelines(repo).values()
    assert [v.effective_date for v in timeline.versions] == [D("2024-02-01"), D("2024-10-01")]
    (withdrawn,) = timeline.withdrawn
    assert withdrawn.effective_date == D("2024-09-01")
    assert withdrawn.replaced_by.message == "Postpone"


def test_chained_upcoming_amendments_both_stand(repo_factory: Callable[..., Path]) -> None:
    """A second amendment with a later date and new text does not withdraw the first."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-02-01", "One.\n")}),
            Commit("2024-06-01", {"policies/privacy/en.md": policy("2024-09-01", "Two.\n")}),
            Commit("2024-07-01", {"policies/privacy/en.md": policy("2025-01-01", "Three.\n")}),
        ]
    )
    (timeline,) = timelines(repo).values()
    assert len(timeline.versions) == 3
    assert not timeline.withdrawn


def test_commit_date_rule(repo_factory: Callable[..., Path]) -> None:
    """With commit_date, each commit is a version effective on its day in the site's timezone."""
    config = (
        "site: {title: T, timezone: Asia/Tokyo}\nsource: {effective_date: {commit_date: true}}\n"
    )
    repo = repo_factory(
        [
            Commit("2024-01-01T20:00:00+00:00", {"policies/privacy/en.md": "One.\n"}),
            Commit("2024-03-01T01:00:00+00:00", {"policies/privacy/en.md": "Two.\n"}),
        ],
        config=config,
    )
    (timeline,) = timelines(repo).values()
    # 20:00 UTC on 1 January is already 2 January in Tokyo.
    assert [v.effective_date for v in timeline.versions] == [D("2024-01-02"), D("2024-03-01")]
