"""``policy-site build``: the whole pipeline, from the configuration to the swapped-in site.

Each stage is reported to a :class:`Reporter` (the command line prints it; tests and
``serve`` may pass their own), and warnings are collected and reported once, at the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from generator.cache import FOLDER as CACHE_FOLDER
from generator.cache import ContentStore
from generator.config import load_config
from generator.history import nothing_found, read_drafts, read_history
from generator.output import DEFAULT_LOCK_TIMEOUT, check_output, staged
from generator.page_reuse import PageReuse
from generator.pdf import PdfPrinter, require_weasyprint
from generator.site import Site, build_site
from generator.versions import DocumentCache, build_timelines
from generator.writer import write_site


class Reporter(Protocol):
    """Hears what the build is doing."""

    def stage(self, name: str, detail: str) -> None:
        """A stage finished: its name and what it produced ("57 pages")."""

    def warnings(self, messages: Sequence[str]) -> None:
        """The problems that did not stop the build, all at once."""

    def problem(self, message: str) -> None:
        """A problem that stopped one build of a preview (the preview goes on)."""


class Silent:
    """A :class:`Reporter` that says nothing."""

    def stage(self, name: str, detail: str) -> None:
        """Ignore the stage."""

    def warnings(self, messages: Sequence[str]) -> None:
        """Ignore the warnings."""

    def problem(self, message: str) -> None:
        """Ignore the problem."""


@dataclass(frozen=True, slots=True)
class Options:
    """How to build, beyond the configuration."""

    as_of: dt.date
    """The day the site is built for."""
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    """Seconds to wait for another build of the same folder."""
    drafts_at: dt.datetime | None = None
    """Include uncommitted edits as drafts, dated this moment (``serve`` only, never build)."""
    live_reload: bool = False
    """Pages reload themselves when the preview is rebuilt (``serve`` only)."""
    cache: bool = True
    """Keep parsed documents and diffs in ``.policy-site-cache/`` for the next build."""


def build(
    config_path: Path,
    output: Path,
    as_of: dt.date,
    *,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    reporter: Reporter | None = None,
    cache: bool = True,
) -> Site:
    """Build the site for ``as_of`` into ``output`` (relative to the working directory),
    replacing it only when all succeeded."""
    options = Options(as_of, lock_timeout, cache=cache)
    return build_with(config_path, output, options, reporter or Silent())


def build_with(config_path: Path, output: Path, options: Options, reporter: Reporter) -> Site:
    """:func:`build`, with every option."""
    # 1. configuration, and an output folder we may replace
    config = load_config(config_path)
    # A preview (serve, with drafts) never prints; a build that should must be able to.
    printing = config.pdf and options.drafts_at is None
    if printing:
        require_weasyprint(config)
    output = output.absolute()
    check_output(output, config)
    # 2. history: every revision of every policy file (and, in a preview, the drafts)
    history = read_history(config)
    if history.unreadable:
        raise history.unreadable[0]
    if options.drafts_at is not None:
        drafts = read_drafts(config, history, options.drafts_at)
        history = replace(history, revisions=(*history.revisions, *drafts))
    if not history.revisions:
        raise nothing_found(config)
    files = len({(r.policy, r.lang) for r in history.revisions})
    reporter.stage("history", f"{len(history.revisions)} revisions of {files} files")
    # 3–4. documents and versions by effective date (parsed once per text, across builds)
    store = ContentStore(config.root / CACHE_FOLDER) if options.cache else None
    timelines = build_timelines(history, config, DocumentCache(store))
    versions = sum(len(t.versions) for t in timelines.values())
    reporter.stage("versions", f"{versions} versions")
    # 5–6. the whole site in memory, diffs and PDFs included
    printer = PdfPrinter(store, config=config) if printing else None
    site = build_site(config, timelines, options.as_of, store=store, printer=printer)
    pages = sum(len(lang.pages) for lang in site.languages)
    printed = (
        f"; PDFs: {printer.made} made, {printer.reused} unchanged ones kept" if printer else ""
    )
    reporter.stage("pages", f"{pages} pages, {len(site.files)} other files{printed}")
    # 7. one writer, into a folder that replaces the output only when complete
    with staged(output, options.lock_timeout) as stage:
        # A preview (serve) runs threads of its own: it builds in one process.
        written = write_site(
            site,
            config,
            stage.site,
            stage.work,
            live_reload=options.live_reload,
            parallel=not options.live_reload,
            reuse=PageReuse.load(config.root / CACHE_FOLDER, output) if options.cache else None,
            output=output,
        )
    reporter.stage(
        "written",
        f"{len(site.languages)} languages into {output} ({written.rendered} pages rendered, "
        f"{written.reused} unchanged ones kept)",
    )
    skipped = [
        str(p)
        for p in (
            *site.problems,
            *history.overlaps,
            *history.skipped,
            *(p for t in timelines.values() for p in t.skipped),
        )
    ]
    if store is not None:
        store.sweep()
        skipped += store.problems
    reporter.warnings(skipped)
    return site
