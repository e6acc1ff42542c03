"""Plain-language summaries of new versions in the authoritative language.

Rule: ``summary-missing`` (off with ``check.require_summary: false``). Only new versions are
judged, as ``short-notice`` judges them: with ``--since``, the versions adopted by the
commits under review; without it, the versions not yet in force on the as-of day. A policy's
first version changes nothing, so it needs no summary.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.context import CheckContext
from generator.check.model import Problem
from generator.render.summary import SUMMARY_KEY
from generator.site.context import summary_of
from generator.versions import Version


def _under_review(ctx: CheckContext, version: Version) -> bool:
    if ctx.since is not None:
        return version.adopted.commit in ctx.since
    return version.effective_date > ctx.as_of


def check_summaries(ctx: CheckContext) -> Iterator[Problem]:
    """Each new version of the authoritative language without a ``summary:``."""
    if not ctx.config.check.require_summary:
        return
    default = ctx.config.languages.default
    for (_policy, lang), timeline in sorted(ctx.timelines.items()):
        if lang != default:
            continue
        for version in timeline.versions[1:]:
            if not _under_review(ctx, version) or summary_of(version.facts) is not None:
                continue
            newest = version.edits[-1].revision
            given = version.facts.metadata.get(SUMMARY_KEY)
            why = (
                "has a 'summary:' that is not text"
                if given is not None and not isinstance(given, str)
                else "has no plain-language summary"
            )
            yield ctx.problem(
                "summary-missing",
                f"the version taking effect on {version.effective_date} {why}; readers see "
                "one at the top of its changes page, in the banner announcing it, in the "
                "version history, the feed and the API.",
                file=timeline.path,
                line=ctx.date_line(newest),
                commit=version.adopted.commit,
                hint="Add a few sentences in plain words to the front matter, such as "
                "'summary: We now keep access logs for 12 months instead of 24.'; to turn "
                f"this rule off, set 'check.require_summary: false' in {ctx.config_file}.",
            )
