"""``policy-site check``: read the configuration and the history, run every rule, report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TextIO

from generator.base.errors import UsageError
from generator.check import FORMATS, Severity, check_site, promote_warnings, readable_timelines
from generator.config import load_config
from generator.history import commits_since, nothing_found, path_in_repo, read_history
from generator.output.previous import read_previous
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
    history = read_history(config)
    if not history.revisions and not history.unreadable and not history.skipped:
        raise nothing_found(config)
    cache = DocumentCache()
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
    if strict:
        problems = promote_warnings(problems)
    out.write(FORMATS[fmt](problems))
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0
