"""``policy-site check``: every problem in the policies, in words legal staff can act on.

:func:`check_site` is pure: it takes the configuration, the history, the timelines, the
as-of date and the commits under review, and returns :class:`Problem`\\ s, sorted. The rule
families run in the order :data:`FAMILIES` lists them, each a generator of problems over a
shared :class:`CheckContext` (markdown-it-py's ruler is the model).

Which commits are judged: with ``--since REV`` the commits in ``REV..HEAD`` (a pull
request); rules about history (backdating, reused dates, unreadable past versions) are only
warnings for commits before ``REV``, which can no longer be changed, and, without
``--since``, for every revision that is no longer a file's current text (such warnings are
counted once per file): ``check`` passes when the current texts are right. The
notice-period rule judges only commits in the range, or, without ``--since``, the
amendments that have not yet taken effect on the as-of date. Rules about the files as they
are now (front matter, links, duplicate ids, translations) apply to files still published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from generator.base.errors import PolicySiteError
from generator.check.addresses import check_addresses
from generator.check.amendments import check_amendments
from generator.check.context import CheckContext
from generator.check.files import check_files
from generator.check.groups import check_groups
from generator.check.headings import check_headings
from generator.check.links import check_links
from generator.check.model import RULES, Problem, Rule, Severity
from generator.check.published import check_published
from generator.check.report import (
    FORMATS,
    format_github,
    format_json,
    format_text,
    promote_warnings,
    summary,
)
from generator.check.summaries import check_summaries
from generator.check.translations import check_catalogues, check_site_texts, check_translations
from generator.config import SiteConfig
from generator.history import History
from generator.site.record import Record
from generator.versions import DocumentCache, Timeline, build_timelines, current_revisions

__all__ = [
    "FAMILIES",
    "FORMATS",
    "RULES",
    "CheckContext",
    "Problem",
    "Rule",
    "Severity",
    "check_site",
    "format_github",
    "format_json",
    "format_text",
    "promote_warnings",
    "readable_timelines",
    "summary",
]

FAMILIES: tuple[tuple[str, Callable[[CheckContext], Iterator[Problem]]], ...] = (
    ("files", check_files),
    ("addresses", check_addresses),
    ("amendments", check_amendments),
    ("summaries", check_summaries),
    ("groups", check_groups),
    ("published", check_published),
    ("links", check_links),
    ("headings", check_headings),
    ("translations", check_translations),
    ("catalogues", check_catalogues),
    ("site texts", check_site_texts),
)
"""The rule families, in the order they run."""


def check_site(
    config: SiteConfig,
    history: History,
    timelines: Mapping[tuple[str, str], Timeline],
    as_of: dt.date,
    since_commits: frozenset[str] | None,
    *,
    cache: DocumentCache | None = None,
    config_file: str | None = None,
    previous: Record | None = None,
    previous_source: str = "",
) -> list[Problem]:
    """Every problem in the site's policies, sorted by file and line.

    ``since_commits`` are the commits under review (``--since REV``), or None to review
    the whole history. ``cache`` lets the caller share parsed documents with the
    timelines it built; ``config_file`` is the configuration's repository-relative path;
    ``previous`` is the previous deployment's publication record (read from
    ``previous_source``), to report what a build would change or remove of it.
    """
    ctx = CheckContext(
        config,
        history,
        timelines,
        as_of,
        since_commits,
        cache if cache is not None else DocumentCache(),
        config_file or Path(config.file).name,
        previous=previous,
        previous_source=previous_source,
    )
    found = {problem for _name, family in FAMILIES for problem in family(ctx)}
    return once_per_file(sorted(found, key=Problem.sort_key))


PER_FILE = ("backdated", "reused-date", "superseded-correction")
"""History rules whose warnings (about past versions, which cannot be changed) are counted
once per file, however many commits they concern."""


def once_per_file(problems: list[Problem]) -> list[Problem]:
    """``problems`` (sorted) with the warnings of each :data:`PER_FILE` rule merged into
    one per file: the first, saying how many more past versions do the same, and which."""
    groups: dict[tuple[str, str | None], list[Problem]] = {}
    kept: list[Problem] = []
    for problem in problems:
        if problem.severity is Severity.WARNING and problem.rule in PER_FILE:
            key = (problem.rule, problem.file)
            if key in groups:
                groups[key].append(problem)
                continue
            groups[key] = [problem]
        kept.append(problem)
    merged = []
    for problem in kept:
        same = groups.get((problem.rule, problem.file), [problem])
        if problem.severity is Severity.WARNING and problem.rule in PER_FILE and len(same) > 1:
            others = ", ".join(dict.fromkeys((p.commit or "")[:7] for p in same[1:]))
            problem = replace(
                problem,
                message=f"{problem.message} The same is true of {len(same) - 1} more past "
                f"version(s) of this file (commits {others}).",
            )
        merged.append(problem)
    return merged


def readable_timelines(
    history: History, config: SiteConfig, cache: DocumentCache
) -> dict[tuple[str, str], Timeline]:
    """Timelines of every file, without the text as it stands now of a file whose current
    text cannot be read.

    Unlike ``build_timelines`` this never raises: a broken current text is left out
    (``check`` reports it) so that every other rule can still run; past revisions are read
    as near as they can be, as a build reads them.
    """
    current = current_revisions(history, config)
    readable = []
    for revision in history.revisions:
        if revision in current:
            try:
                cache.facts(revision, config)
            except PolicySiteError:
                continue
        readable.append(revision)
    kept = replace(history, revisions=tuple(readable))
    return build_timelines(kept, config, cache, strict=False)
