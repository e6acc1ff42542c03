"""Stage 4: revisions grouped into versions by effective date, corrections kept visible, every
edit classified, and which version is in force on which day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.base.errors import DocumentError
from generator.config.loading import load_config
from generator.history.repository import read_history
from generator.versions.edit_log import EditKind
from generator.versions.parse_cache import DocumentCache
from generator.versions.timeline import Status, Timeline, Version, build_timelines
from tests.conftest import MINIMAL_CONFIG, Commit, git, policy

Factory = Callable[..., Path]

EN = "policies/privacy/en.md"
ES = "policies/privacy/es.md"
BODY = "## Information we collect\n\nYour name.\n"

U, F, S = Status.UPCOMING, Status.IN_FORCE, Status.SUPERSEDED


def timelines_of(repo: Path) -> dict[tuple[str, str], Timeline]:
    """Config → history → timelines, as the build does it."""
    config = load_config(repo / "site_config.yml")
    return build_timelines(read_history(config), config)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def three_versions(repo_factory: Factory) -> Timeline:
    """2025-01-01, 2026-01-01 (corrected once after it took effect), 2027-01-01 (upcoming)."""
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}, "Publish"),
            Commit("2025-11-01", {EN: policy("2026-01-01", BODY + "\nAnd email.\n")}, "Amend"),
            Commit("2026-02-01", {EN: policy("2026-01-01", BODY + "\nAnd e-mail.\n")}, "Typo"),
            Commit("2026-10-01", {EN: policy("2027-01-01", BODY + "\nAnd phone.\n")}, "Amend"),
        ]
    )
    return timelines_of(repo)[("privacy", "en")]


@pytest.mark.parametrize(
    ("as_of", "current", "statuses", "upcoming"),
    [
        ("2024-12-31", None, (U, U, U), ("2025-01-01", "2026-01-01", "2027-01-01")),
        ("2025-01-01", "2025-01-01", (F, U, U), ("2026-01-01", "2027-01-01")),
        ("2025-12-31", "2025-01-01", (F, U, U), ("2026-01-01", "2027-01-01")),
        ("2026-01-01", "2026-01-01", (S, F, U), ("2027-01-01",)),
        ("2026-11-26", "2026-01-01", (S, F, U), ("2027-01-01",)),
        ("2026-12-31", "2026-01-01", (S, F, U), ("2027-01-01",)),
        ("2027-01-01", "2027-01-01", (S, S, F), ()),
        ("2030-06-15", "2027-01-01", (S, S, F), ()),
    ],
)
def test_statuses_across_the_as_of_grid(
    three_versions: Timeline,
    as_of: str,
    current: str | None,
    statuses: tuple[Status, ...],
    upcoming: tuple[str, ...],
) -> None:
    """Before, the day before, on and after each effective date: current, status, upcoming."""
    timeline = three_versions
    found = timeline.current(day(as_of))
    assert (found.slug if found else None) == current
    assert tuple(timeline.status(v, day(as_of)) for v in timeline.versions) == statuses
    assert tuple(v.slug for v in timeline.upcoming(day(as_of))) == upcoming


def test_corrections_are_grouped_under_their_version(three_versions: Timeline) -> None:
    """A later commit with the same date is a correction of that version, not a new one."""
    assert [v.slug for v in three_versions.versions] == ["2025-01-01", "2026-01-01", "2027-01-01"]
    corrected = three_versions.versions[1]
    assert [e.revision.message for e in corrected.edits] == ["Amend", "Typo"]
    assert [e.revision.message for e in corrected.corrections] == ["Typo"]
    assert corrected.adopted.message == "Amend"
    assert "e-mail" in corrected.document.sections[0].blocks[-1].text


PATTERN_CONFIG = (
    MINIMAL_CONFIG
    + """\
    - {code: es, name: Español, locale: es_ES}
source:
  effective_date: {pattern: '(?:Effective date|Fecha de entrada en vigor):\\s*(.+)'}
"""
)


def test_effective_date_from_a_pattern_in_each_language(repo_factory: Factory) -> None:
    """One pattern reads "March 17, 2026" in English and "17 de marzo de 2026" in Spanish."""
    english = "# Privacy Policy\n\nEffective date: March 17, 2026\n\n## Scope\n\nAll data.\n"
    spanish = (
        "# Política de privacidad\n\nFecha de entrada en vigor: 17 de marzo de 2026\n\n"
        "## Alcance\n\nTodos los datos.\n"
    )
    amended = english.replace("March 17, 2026", "September 1, 2026")
    repo = repo_factory(
        [
            Commit("2026-02-01", {EN: english, ES: spanish}, "Publish"),
            Commit("2026-07-01", {EN: amended}, "Amend"),
        ],
        PATTERN_CONFIG,
    )
    timelines = timelines_of(repo)
    assert [v.slug for v in timelines[("privacy", "en")].versions] == ["2026-03-17", "2026-09-01"]
    assert [v.slug for v in timelines[("privacy", "es")].versions] == ["2026-03-17"]
    assert timelines[("privacy", "es")].versions[0].document.title == "Política de privacidad"


COMMIT_DATE_CONFIG = MINIMAL_CONFIG + "source:\n  effective_date: {commit_date: true}\n"


def test_effective_date_from_the_commit_date_in_the_committers_offset(
    repo_factory: Factory,
) -> None:
    """A commit's day is the day where it was made: 17:00 on 10 April in UTC−7 is 10 April
    (11 April in UTC and in the site's Dublin); same-day commits are corrections."""
    text = "# Privacy Policy\n\n## Scope\n\nAll data.\n"
    repo = repo_factory(
        [
            Commit("2026-04-10T17:00:00-07:00", {EN: text}, "Publish"),
            Commit("2026-04-10T22:00:00-07:00", {EN: text + "\nFixed.\n"}, "Typo"),
            Commit("2026-05-10", {EN: text + "\nAmended.\n"}, "Amend"),
        ],
        COMMIT_DATE_CONFIG,
    )
    versions = timelines_of(repo)[("privacy", "en")].versions
    assert [v.slug for v in versions] == ["2026-04-10", "2026-05-10"]
    assert [e.revision.message for e in versions[0].edits] == ["Publish", "Typo"]
    assert versions[0].adopted.committed.utcoffset() == dt.timedelta(hours=-7)
    assert versions[0].document.effective_date is None


@pytest.mark.parametrize(
    ("announced", "moved_to", "versions"),
    [
        ("2026-12-01", "2026-11-15", ["2025-01-01", "2026-11-15"]),  # brought forward
        ("2026-11-15", "2026-12-01", ["2025-01-01", "2026-12-01"]),  # postponed, same text
    ],
)
def test_rescheduled_version_is_withdrawn(
    repo_factory: Factory, announced: str, moved_to: str, versions: list[str]
) -> None:
    """An announced version whose date moves before it arrives is withdrawn: it never applied."""
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}, "Publish"),
            Commit("2026-08-01", {EN: policy(announced, BODY + "\nNew.\n")}, "Amend"),
            Commit("2026-09-01", {EN: policy(moved_to, BODY + "\nNew.\n")}, "Reschedule"),
        ]
    )
    timeline = timelines_of(repo)[("privacy", "en")]
    assert [v.slug for v in timeline.versions] == versions
    (withdrawn,) = timeline.withdrawn
    assert withdrawn.effective_date == day(announced)
    assert [e.revision.message for e in withdrawn.edits] == ["Amend"]
    assert withdrawn.replaced_by.commit == git(repo, "rev-parse", "HEAD").strip()
    assert timeline.log[-1].withdrew == (day(announced),)


def test_chained_upcoming_amendments_both_stand(repo_factory: Factory) -> None:
    """A second amendment with a later date and new text does not withdraw the first."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {EN: policy("2024-02-01", "One.\n")}),
            Commit("2024-06-01", {EN: policy("2024-09-01", "Two.\n")}),
            Commit("2024-07-01", {EN: policy("2025-01-01", "Three.\n")}),
        ]
    )
    timeline = timelines_of(repo)[("privacy", "en")]
    assert len(timeline.versions) == 3
    assert not timeline.withdrawn


def test_amendment_after_its_date_is_not_withdrawn(repo_factory: Factory) -> None:
    """A version that already took effect stays a version when a later amendment follows."""
    repo = repo_factory(
        [
            Commit("2024-12-01", {EN: policy("2025-01-01", BODY)}, "Publish"),
            Commit("2025-08-01", {EN: policy("2025-09-01", BODY + "\nNew.\n")}, "Amend"),
            Commit("2026-09-01", {EN: policy("2026-11-15", BODY + "\nNewer.\n")}, "Amend again"),
        ]
    )
    timeline = timelines_of(repo)[("privacy", "en")]
    assert [v.slug for v in timeline.versions] == ["2025-01-01", "2025-09-01", "2026-11-15"]
    assert timeline.withdrawn == ()


def test_broken_old_revision_is_kept_but_newest_is_fatal(
    repo_factory: Factory,
) -> None:
    """Old history that cannot be parsed is kept (dated by its commit when it is the first)
    with a warning; a broken newest file stops the build."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {EN: policy(None, "No date.\n")}, "Broken"),
            Commit("2024-06-01", {EN: policy("2024-08-01", "Fine.\n")}, "Fixed"),
        ]
    )
    timeline = timelines_of(repo)[("privacy", "en")]
    assert [v.slug for v in timeline.versions] == ["2024-01-01", "2024-08-01"]
    assert timeline.versions[0].document.undated
    (repaired,) = timeline.repaired
    assert repaired.commit
    assert "no 'effective:' date" in repaired.message

    repo = repo_factory(
        [
            Commit("2024-01-01", {EN: policy("2024-08-01", "Fine.\n")}),
            Commit("2024-06-01", {EN: policy("tomorrow", "Broken.\n")}),
        ]
    )
    with pytest.raises(DocumentError) as caught:
        timelines_of(repo)
    assert caught.value.file == EN
    assert caught.value.line == 3
    assert caught.value.commit is not None


def test_edit_log_classifies_every_commit(repo_factory: Factory) -> None:
    """Each commit is judged against the versions in place: first, correction, new version,
    reused date, backdated."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {EN: policy("2024-02-01", "One.\n")}, "first"),
            Commit("2024-01-05", {EN: policy("2024-02-01", "One!\n")}, "correction"),
            Commit("2024-06-01", {EN: policy("2024-08-01", "Two.\n")}, "new"),
            Commit("2024-09-01", {EN: policy("2024-02-01", "One?\n")}, "reused"),
            Commit("2024-10-01", {EN: policy("2024-05-01", "Between.\n")}, "backdated"),
        ]
    )
    log = timelines_of(repo)[("privacy", "en")].log
    assert [(e.revision.message, e.kind) for e in log] == [
        ("first", EditKind.FIRST),
        ("correction", EditKind.CORRECTION),
        ("new", EditKind.NEW_VERSION),
        ("reused", EditKind.REUSED_DATE),
        ("backdated", EditKind.BACKDATED),
    ]
    assert log[2].previous == day("2024-02-01")
    assert log[4].in_place == (day("2024-02-01"), day("2024-08-01"))


# --- properties ---------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
RANK = {U: 0, F: 1, S: 2}


def timeline_with(effective: list[dt.date]) -> Timeline:
    """A timeline whose versions have these dates (no git: statuses need only the dates)."""
    versions = tuple(Version("p", "en", d, edits=()) for d in sorted(effective))
    return Timeline("p", "en", "p.md", versions)


@given(st.sets(dates, min_size=1, max_size=8), st.lists(dates, min_size=1, max_size=8))
def test_exactly_one_version_in_force_from_the_first_date(
    effective: set[dt.date], days: list[dt.date]
) -> None:
    """None is in force before the first date; from it on, exactly one: the latest begun."""
    timeline = timeline_with(sorted(effective))
    for as_of in days:
        in_force = [v for v in timeline.versions if timeline.status(v, as_of) is F]
        if as_of < min(effective):
            assert in_force == []
            assert timeline.current(as_of) is None
        else:
            assert len(in_force) == 1
            assert in_force[0] is timeline.current(as_of)
            assert in_force[0].effective_date == max(d for d in effective if d <= as_of)


@given(st.sets(dates, min_size=1, max_size=8), st.lists(dates, min_size=2, max_size=8))
def test_statuses_only_move_forward_as_time_passes(
    effective: set[dt.date], days: list[dt.date]
) -> None:
    """Upcoming → in force → superseded: never back, as the as-of date grows."""
    timeline = timeline_with(sorted(effective))
    for version in timeline.versions:
        ranks = [RANK[timeline.status(version, as_of)] for as_of in sorted(days)]
        assert ranks == sorted(ranks)


def test_texts_parsed_in_workers_give_the_same_timelines(repo_factory: Factory) -> None:
    """Parsing in forked workers (a build's default) gives what parsing in process gives,
    and a refused old text comes back as the same error, with its commit."""
    commits = [
        Commit(
            f"2024-{month:02d}-01", {EN: policy(f"2024-{month:02d}-01", f"## A\n\nText {month}.\n")}
        )
        for month in range(1, 13)
    ]
    commits += [
        Commit(
            f"2025-{month:02d}-01",
            {ES: policy(f"2025-{month:02d}-01", f"## A\n\nTexto {month}.\n")},
        )
        for month in range(1, 10)
    ]
    commits.insert(3, Commit("2024-03-15", {EN: "---\neffective: soon\n---\nBroken\n"}))
    repo = repo_factory(commits)
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    cache = DocumentCache()
    cache.prepare(history.revisions, config, workers=2)
    assert cache.known == len(history.revisions)  # parsed before being asked for
    parallel = build_timelines(history, config, cache)
    serial = build_timelines(history, config, workers=1)
    assert parallel.keys() == serial.keys()
    for key, timeline in serial.items():
        other = parallel[key]
        assert [v.effective_date for v in other.versions] == [
            v.effective_date for v in timeline.versions
        ]
        assert [v.document.html for v in other.versions] == [
            v.document.html for v in timeline.versions
        ]
        assert [str(p) for p in other.repaired] == [str(p) for p in timeline.repaired]
    (repaired,) = parallel[("privacy", "en")].repaired
    assert "'effective: soon' is not a date" in str(repaired)
    assert repaired.commit == history.revisions[3].commit
