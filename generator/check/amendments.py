"""Amendments in history, judged from the classified edit log ``versions`` keeps.

Rules: ``backdated``, ``reused-date``, ``superseded-correction``, ``short-notice``,
``withdrawn``, ``policy-withdrawn``, ``policy-readded``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.check.context import CheckContext, days
from generator.check.model import Problem, Severity
from generator.versions import EditKind, LogEntry, Timeline


def check_amendments(ctx: CheckContext) -> Iterator[Problem]:
    """Every edit of every file, judged by what it did to the versions in place."""
    for timeline in ctx.timelines.values():
        for entry in timeline.log:
            yield from _withdrawals(ctx, timeline, entry)
            yield from _judge(ctx, timeline, entry)
            if entry.readded is not None and ctx.judged(entry.revision.commit):
                yield ctx.problem(
                    "policy-readded",
                    f"commit {entry.revision.short} publishes this policy again; it had been "
                    f"withdrawn by commit {entry.readded.short}. Its history continues, with "
                    "the versions from before the withdrawal.",
                    file=timeline.path,
                    commit=entry.revision.commit,
                )
        for gone in timeline.withdrawals:
            if ctx.judged(gone.removal.commit):
                yield ctx.problem(
                    "policy-withdrawn",
                    f"commit {gone.removal.short} deletes this file, so the policy is withdrawn "
                    f"on {gone.day}. The site keeps every version of it, marked withdrawn.",
                    file=gone.removal.path,
                    commit=gone.removal.commit,
                    hint="If you meant to move or rename the file, commit the move as one "
                    "change (git mv) so that its history follows it.",
                )


def _judge(ctx: CheckContext, timeline: Timeline, entry: LogEntry) -> Iterator[Problem]:
    if entry.kind is EditKind.CORRECTION:
        yield from _superseded_correction(ctx, timeline, entry)
    elif entry.kind is EditKind.REUSED_DATE:
        yield _reused_date(ctx, timeline, entry)
    elif entry.kind is EditKind.BACKDATED:
        yield _backdated(ctx, timeline, entry)
    elif entry.kind is EditKind.NEW_VERSION:
        yield from _short_notice(ctx, timeline, entry)


def _problem_at(
    ctx: CheckContext,
    rule: str,
    message: str,
    timeline: Timeline,
    entry: LogEntry,
    *,
    hint: str,
    severity: Severity | None = None,
) -> Problem:
    """A problem located at the date line of the entry's revision."""
    revision = entry.revision
    return ctx.problem(
        rule,
        message,
        file=timeline.path,
        line=ctx.date_line(revision),
        commit=revision.commit,
        hint=hint,
        severity=severity,
    )


def _backdated(ctx: CheckContext, timeline: Timeline, entry: LogEntry) -> Problem:
    revision, effective = entry.revision, entry.effective_date
    latest = max(entry.in_place)
    committed = revision.day
    return _problem_at(
        ctx,
        "backdated",
        f"commit {revision.short} (made on {committed}) gives this policy a new version "
        f"taking effect on {effective}, earlier than the version of {latest} that was "
        "already in place when it was committed. A new version cannot take effect "
        "before the one it follows." + ctx.before_since(revision),
        timeline,
        entry,
        hint=f"If it corrects the {latest} version, keep 'effective: {latest}'; if it is "
        f"an amendment, give it a date after {latest}, at least "
        f"{days(ctx.config.notice.min_days)} after the day you commit it.",
        severity=ctx.history_severity(revision),
    )


def _reused_date(ctx: CheckContext, timeline: Timeline, entry: LogEntry) -> Problem:
    revision, effective, latest = entry.revision, entry.effective_date, entry.previous
    return _problem_at(
        ctx,
        "reused-date",
        f"commit {revision.short} sets the effective date back to {effective}, the date of "
        f"an older version, while the file's latest version was that of {latest}. This "
        f"would silently rewrite the {effective} version instead of amending the policy."
        + ctx.before_since(revision),
        timeline,
        entry,
        hint=f"To correct the latest version keep 'effective: {latest}'; to amend the "
        "policy, choose a new date.",
        severity=ctx.history_severity(revision),
    )


def _superseded_correction(
    ctx: CheckContext, timeline: Timeline, entry: LogEntry
) -> Iterator[Problem]:
    revision, effective = entry.revision, entry.effective_date
    committed = revision.day
    later = [d for d in entry.in_place if effective < d <= committed]
    if not later or not ctx.judged(revision.commit):
        return
    yield _problem_at(
        ctx,
        "superseded-correction",
        f"commit {revision.short} corrects the version of {effective}, which had already "
        f"been replaced by the version of {later[-1]} when the correction was made on "
        f"{committed}.",
        timeline,
        entry,
        hint="Corrections should go to the version in force or an upcoming one.",
    )


def _short_notice(ctx: CheckContext, timeline: Timeline, entry: LogEntry) -> Iterator[Problem]:
    revision, effective = entry.revision, entry.effective_date
    if ctx.since is not None:
        if revision.commit not in ctx.since:
            return
    elif effective <= ctx.as_of:
        return  # already in force: history is not re-judged
    committed = revision.day
    notice = (effective - committed).days
    minimum = ctx.config.notice.min_days
    if notice >= minimum:
        return
    if notice < 0:
        timing = f"{days(-notice)} before it was committed on {committed}"
    elif notice == 0:
        timing = f"on the day it was committed ({committed})"
    else:
        timing = f"only {days(notice)} after it was committed on {committed}"
    yield _problem_at(
        ctx,
        "short-notice",
        f"the new version takes effect on {effective}, {timing}; the notice period is "
        f"{days(minimum)} (commit {revision.short}).",
        timeline,
        entry,
        hint=f"Choose an effective date on or after {committed + dt.timedelta(days=minimum)}"
        f", or confirm with your legal team that shorter notice is acceptable.",
    )


def _withdrawals(ctx: CheckContext, timeline: Timeline, entry: LogEntry) -> Iterator[Problem]:
    replaced_by = entry.revision
    if not entry.withdrew or not ctx.judged(replaced_by.commit):
        return
    for gone in timeline.withdrawn:
        if gone.replaced_by is replaced_by and gone.effective_date in entry.withdrew:
            yield ctx.problem(
                "withdrawn",
                f"the version that was to take effect on {gone.effective_date} (commit "
                f"{gone.edits[0].revision.short}) was replaced by commit {replaced_by.short} "
                "before that day, so it never takes effect; the site lists it as withdrawn.",
                file=timeline.path,
                line=ctx.date_line(replaced_by),
                commit=replaced_by.commit,
            )
