"""``policy-site build``: the whole pipeline, from the configuration to the swapped-in site."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from generator.config import load_config
from generator.history import nothing_found, read_history
from generator.output import DEFAULT_LOCK_TIMEOUT, check_output, staged
from generator.site import Site, build_site
from generator.versions import build_timelines
from generator.writer import write_site

log = logging.getLogger(__name__)


def build(
    config_path: Path,
    output: Path,
    as_of: dt.date,
    *,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
) -> Site:
    """Build the site for ``as_of`` into ``output`` (relative to the working directory),
    replacing it only when all succeeded."""
    # 1. configuration, and an output folder we may replace
    config = load_config(config_path)
    output = output.absolute()
    check_output(output, config)
    # 2. history: every revision of every policy file
    history = read_history(config)
    for problem in history.skipped:
        log.warning("skipped: %s", problem)
    if history.unreadable:
        raise history.unreadable[0]
    if not history.revisions:
        raise nothing_found(config)
    # 3–4. documents and versions by effective date
    timelines = build_timelines(history, config)
    # 5–6. the whole site in memory, diffs included
    site = build_site(config, timelines, as_of)
    # 7. one writer, into a folder that replaces the output only when complete
    with staged(output, lock_timeout) as stage:
        write_site(site, config, stage.site, stage.work)
    return site
