"""``policy-site build``: the whole pipeline, from the configuration to the swapped-in site."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from generator.config import load_config
from generator.errors import PolicySiteError
from generator.history import read_history
from generator.output import check_output, staged
from generator.site import Site, build_site
from generator.versions import build_timelines
from generator.writer import write_site

log = logging.getLogger(__name__)


def build(config_path: Path, output: Path, as_of: dt.date) -> Site:
    """Build the site for ``as_of`` into ``output``, replacing it only when all succeeded."""
    # 1. configuration, and an output folder we may replace
    config = load_config(config_path)
    if not output.is_absolute():
        output = config.root / output
    check_output(output, config)
    # 2. history: every revision of every policy file
    history = read_history(config)
    for problem in history.skipped:
        log.warning("skipped: %s", problem)
    if history.unreadable:
        raise history.unreadable[0]
    if not history.revisions:
        raise PolicySiteError(
            f"no committed policy files were found under '{config.source.path}/' "
            f"(layout '{config.source.layout}').",
            file=config.file,
            hint="Commit at least one policy file, or check 'source.path' and 'source.layout'.",
        )
    # 3–4. documents and versions by effective date
    timelines = build_timelines(history, config)
    # 5–6. the whole site in memory, diffs included
    site = build_site(config, timelines, as_of)
    # 7. one writer, into a folder that replaces the output only when complete
    with staged(output) as folder:
        write_site(site, config, folder)
    return site
