"""``policy-site check``: read the configuration and the history, run every rule, report."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import TextIO

from generator.base.cache import FOLDER as CACHE_FOLDER
from generator.base.cache import ContentStore
from generator.base.errors import UsageError
from generator.check import (
    FORMATS,
    Problem,
    Severity,
    check_site,
    promote_warnings,
    readable_timelines,
)
from generator.check.size import size_problem
from generator.config import SiteConfig, load_config
from generator.history import History, commits_since, nothing_found, path_in_repo, read_history
from generator.output.previous import Previous, read_previous
from generator.output.size import load_record
from generator.versions import DocumentCache


def run_check(
    config_path: str | Path,
    *,
    since: str | None,
    strict: bool,
    previous: str | None = None,
    fmt: str,
    as_of: dt.date,
    out: TextIO,
) -> int:
    """Run every check, write the problems in ``fmt`` to ``out``; 0 clean, 1 errors.
    ``previous`` names a previous deployment to compare with (as ``build --previous``)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'; use text, github or json.")
    config = load_config(config_path)
    # Only when asked: a pull request's checkout holds no earlier build.
    found = read_previous(previous, Path(), config) if previous is not None else None
    since_commits = commits_since(config, since) if since is not None else None
    # The texts are parsed as the history pass reads them, and their documents kept on disk
    # (in a folder of this run's own) rather than in memory.
    with tempfile.TemporaryDirectory(prefix="policy-site-check-") as folder:
        cache = DocumentCache(ContentStore(Path(folder)))
        with cache.reading(config, os.cpu_count() or 1) as sink:
            history = read_history(config, sink)
        if not history.revisions and not history.unreadable and not history.skipped:
            raise nothing_found(config)
        problems = _problems(config, history, cache, as_of, since_commits, found)
    if strict:
        problems = promote_warnings(problems)
    out.write(FORMATS[fmt](problems))
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0


def _problems(
    config: SiteConfig,
    history: History,
    cache: DocumentCache,
    as_of: dt.date,
    since_commits: frozenset[str] | None,
    found: Previous | None,
) -> list[Problem]:
    """Every rule's problems."""
    timelines = readable_timelines(history, config, cache)
    problems = check_site(
        config,
        history,
        timelines,
        as_of,
        since_commits,
        cache=cache,
        config_file=path_in_repo(config, Path(config.file).name),
        previous=found.record if found else None,
        previous_source=found.source if found else "",
    )
    too_big = size_problem(
        load_record(config.root / CACHE_FOLDER),
        config,
        path_in_repo(config, Path(config.file).name),
    )
    return [*problems, too_big] if too_big else problems
