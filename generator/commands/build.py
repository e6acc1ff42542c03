"""``policy-site build``: the whole pipeline, from the configuration to the swapped-in site.

Each stage is reported to a :class:`Reporter` (the command line prints it; tests and
``serve`` may pass their own), and warnings are collected and reported once, at the end.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from generator.base.cache import FOLDER as CACHE_FOLDER
from generator.base.cache import ContentStore
from generator.base.words import counted
from generator.check.model import Problem
from generator.commands.assemble import shard_manifest
from generator.commands.build_checks import as_warning, measured, size_warnings, text_problems
from generator.commands.reporting import Reporter, Silent
from generator.config import SiteConfig, load_config
from generator.history import History, nothing_found, read_drafts, read_history
from generator.output import (
    DEFAULT_LOCK_TIMEOUT,
    PageReuse,
    PartsRun,
    PartWritten,
    PdfPrinter,
    check_names,
    check_output,
    fault_point,
    require_weasyprint,
    shared_inputs,
    source_date_epoch,
    staged,
    write_files,
    write_manifest,
    write_parts,
)
from generator.output.previous import NONE, Previous, read_previous, withdrawn_texts
from generator.site import OutputFile, group_warnings, print_pdfs, site_files, site_timestamp
from generator.site.addresses import (
    address_problems,
    claims,
    collisions,
    long_names,
    planned_claims,
)
from generator.site.context import DiffCache, SiteContext, Timelines
from generator.site.page_addresses import offered_addresses, site_addresses
from generator.site.parts import Part, Unit, group_parts, shard_units, site_units
from generator.site.plan import learn
from generator.site.record import RecordInput
from generator.site.record_findings import findings, refusal
from generator.versions import DocumentCache, build_timelines, past_damage

__all__ = ["Built", "Options", "Reporter", "Silent", "build", "build_with"]


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
    shard: tuple[int, int] | None = None
    """(K, N): build only shard K of N, with its manifest (``build --shard K/N``)."""
    previous: str | None = None
    """Where the previous deployment's publication record is (``--previous``: an address,
    a folder, ``live`` or ``none``); None: the output folder's."""
    accept: str | None = None
    """The reason the build may change or remove published texts
    (``--accept-changed-history``)."""
    strict: bool = False
    """A link that leads nowhere or an unknown template variable stops the build."""

    @property
    def workers(self) -> int:
        """Processes to parse and build in: one per core, but one in a preview (``serve``
        runs threads of its own, so it neither forks nor keeps cores busy)."""
        return 1 if self.live_reload else os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class Built:
    """What a build wrote."""

    pages: int
    """Pages written (rendered or kept from the previous build)."""
    languages: int
    """Languages with pages in it."""
    parts: int
    """MkDocs builds (parts) it took."""


def build(
    config_path: Path,
    output: Path,
    as_of: dt.date,
    *,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    reporter: Reporter | None = None,
    cache: bool = True,
    shard: tuple[int, int] | None = None,
    previous: str | None = None,
    accept: str | None = None,
    strict: bool = False,
) -> Built:
    """Build the site for ``as_of`` into ``output`` (relative to the working directory),
    replacing it only when all succeeded; with ``shard`` (K, N), only shard K of N, with
    its manifest, for ``assemble``. ``previous``, ``accept`` and ``strict``: see
    :class:`Options`."""
    options = Options(as_of, lock_timeout, None, False, cache, shard, previous, accept, strict)
    return build_with(config_path, output, options, reporter or Silent())


def _history(
    config: SiteConfig, options: Options, reporter: Reporter, cache: DocumentCache
) -> History:
    """Every revision of every policy file (and, in a preview, the drafts), each text parsed
    as the pass reads it (unless ``cache`` knows it already)."""

    def progress(done: int, total: int) -> None:
        if done < total:  # the stage's own line follows the last
            reporter.stage("history", f"{done:,} of {total:,} texts read")

    with cache.reading(config, options.workers) as sink:
        history = read_history(config, sink, progress)
    if history.unreadable:
        raise history.unreadable[0]
    if options.drafts_at is not None:
        drafts = read_drafts(config, history, options.drafts_at)
        history = replace(history, revisions=(*history.revisions, *drafts))
    if not history.revisions:
        raise nothing_found(config)
    files = len({(r.policy, r.lang) for r in history.revisions})
    reporter.stage(
        "history", f"{counted(len(history.revisions), 'revision')} of {counted(files, 'file')}"
    )
    return history


def build_with(config_path: Path, output: Path, options: Options, reporter: Reporter) -> Built:
    """:func:`build`, with every option."""
    # 1. configuration, and an output folder we may replace
    config = load_config(config_path)
    # A preview (serve, with drafts) never prints; a build that should must be able to.
    printing = config.pdf and options.drafts_at is None
    if printing:
        require_weasyprint(config)
    output = output.absolute()
    check_output(output, config)
    # 2. what the public was shown (the previous deployment's record); 3. the history, its
    # texts parsed as they are read (once per text, across builds: the documents are kept
    # on disk, in a folder of this build's own with --no-cache)
    previous = _previous(config, output, options, reporter)
    with _content_store(config, options) as store:
        return _build_from(config, config_path, output, options, reporter, previous, store)


@contextlib.contextmanager
def _content_store(config: SiteConfig, options: Options) -> Iterator[ContentStore]:
    """The content cache (with ``--no-cache``, an empty one removed after the build)."""
    if options.cache:
        yield ContentStore(config.root / CACHE_FOLDER)
        return
    with tempfile.TemporaryDirectory(prefix="policy-site-") as folder:
        yield ContentStore(Path(folder))


def _build_from(
    config: SiteConfig,
    config_path: Path,
    output: Path,
    options: Options,
    reporter: Reporter,
    previous: Previous,
    store: ContentStore,
) -> Built:
    """The build from its history on, the content cache open."""
    printing = config.pdf and options.drafts_at is None
    documents = DocumentCache(store)
    history = _history(config, options, reporter, documents)
    # 4–5. documents and versions by effective date
    timelines, texts = _timelines(config, history, documents, options, reporter)
    # 6. nothing published may change unseen (or it is accepted); 7. every address with one
    # owner and a name the file system accepts, or nothing is written; the parts (this shard's)
    record = _record(config, timelines, previous, options)
    site = _owned_site(config, timelines, options, store, record, output)
    addresses = site_addresses(site)
    units = every = site_units(site)
    if options.shard is not None:
        units = shard_units(every, *options.shard)
    parts = group_parts(units, workers=options.workers)
    pages = sum(unit.pages for unit in units if unit.lang)
    reporter.stage("pages", f"{counted(pages, 'page')} in {counted(len(parts), 'part')}")
    # 8. the PDFs first (in workers of their own), so that pages and the API link to them
    pdfs, failed = _print(site, units, options, reporter) if printing else ([], [])
    # 9. each part built and written in a worker of its own; then the site-wide files
    with staged(output, options.lock_timeout) as stage:
        run = PartsRun(
            site,
            addresses,
            offered_addresses(site, addresses),
            stage.site,
            stage.work,
            shared_inputs(config, options.live_reload),
            _reuse(config, output, options),
            options.live_reload,
            store,
        )
        written = _write(run, parts, units, reporter)
        write_files(stage.site, pdfs)
        size = measured(stage.site, site, reporter)  # and what takes most room
        if options.shard is not None:
            write_manifest(
                stage.site,
                shard_manifest(
                    config_path, history, run, options.shard, options.as_of, units, every
                ),
            )
        if run.reuse is not None:
            prints: dict[str, str] = {}
            for result in written:
                prints.update(result.prints)
            run.reuse.save(stage.site, prints, output)
    built = _built(written, parts, output, reporter)
    failed += [*map(as_warning, texts), *size_warnings(size, site.config, options)]
    _warn(history, site, store, reporter, failed)
    return built


def _built(
    written: list[PartWritten], parts: list[Part], output: Path, reporter: Reporter
) -> Built:
    """What was written, as the last stage reports it."""
    rendered = sum(result.rendered for result in written)
    reused = sum(result.reused for result in written)
    languages = len({part.lang for part in parts})
    reporter.stage(
        "written",
        f"{counted(languages, 'language')} into {output} "
        f"({counted(rendered, 'page')} rendered, {counted(reused, 'unchanged one')} kept)",
    )
    return Built(rendered + reused, languages, len(parts))


def _timelines(
    config: SiteConfig,
    history: History,
    documents: DocumentCache,
    options: Options,
    reporter: Reporter,
) -> tuple[Timelines, list[Problem]]:
    """Every file's versions, its texts parsed once (across builds, with a store), and what
    the texts' links and variables lack (with ``--strict``, the first of those stops the
    build)."""
    timelines = build_timelines(history, config, documents, options.workers)
    versions = sum(len(t.versions) for t in timelines.values())
    reporter.stage("versions", counted(versions, "version"))
    return timelines, text_problems(config, history, timelines, documents, options)


def _previous(config: SiteConfig, output: Path, options: Options, reporter: Reporter) -> Previous:
    """The previous deployment's record (a preview compares with none)."""
    if options.drafts_at is not None:
        return Previous(None, NONE, "")
    previous = read_previous(options.previous, output, config)
    reporter.stage("previous", previous.note)
    return previous


def _record(
    config: SiteConfig, timelines: Timelines, previous: Previous, options: Options
) -> RecordInput:
    """What the site carries of the previous record; stops the build on a published text
    changed or lost, unless ``--accept-changed-history`` gave the reason."""
    found = findings(previous.record, timelines, config)
    if found and options.accept is None:
        raise refusal(found, previous.source)
    texts = withdrawn_texts(previous, found)
    return RecordInput(previous.record, options.accept if found else None, texts)


def _owned_site(
    config: SiteConfig,
    timelines: Timelines,
    options: Options,
    store: ContentStore | None,
    record: RecordInput,
    output: Path,
) -> SiteContext:
    """The site's context, once every address it will write has one owner (``check``
    judges the same way) and a name the output's file system accepts."""
    config_file = Path(config.file).name
    taken = address_problems(config, timelines, options.as_of, config_file)
    if taken:
        raise taken[0]
    site = SiteContext(config, timelines, options.as_of, DiffCache(store), record=record)
    # Each file's section sketches and amendment records, from the cache or in workers.
    learn(site, options.workers)
    pages = list(planned_claims(site, config_file))
    taken = collisions(pages)
    # Every page and file: no name the output's file system would refuse.
    planned = [*pages, *claims(config, timelines, options.as_of, config_file)]
    taken += long_names(planned)
    if taken:
        raise taken[0]
    check_names(output, planned)
    return site


def _print(
    site: SiteContext, units: list[Unit], options: Options, reporter: Reporter
) -> tuple[list[OutputFile], list[str]]:
    """The PDFs this build publishes (all of them when it writes the site-wide API, which
    gives every PDF's hash; else those of its own policies), and the versions that failed."""
    printer = PdfPrinter(site.diffs.store, config=site.config, parallel=not options.live_reload)
    own = {(unit.policy, unit.lang) for unit in units}
    whole = any(not unit.lang for unit in units)
    made = print_pdfs(site, printer, None if whole else lambda p, lang: (p, lang) in own)
    reporter.stage("pdfs", f"{printer.made} made, {counted(printer.reused, 'unchanged one')} kept")
    return made


def _warn(
    history: History,
    site: SiteContext,
    store: ContentStore | None,
    reporter: Reporter,
    failed: list[str],
) -> None:
    """Report what did not stop the build, once; keep only the cache entries it used."""
    skipped = [str(p) for p in (*failed, *history.overlaps, *history.skipped)]
    skipped += [str(found) for found in past_damage(history, site.timelines)]
    if store is not None:
        store.sweep()
        skipped += store.problems
    reporter.warnings([*skipped, *group_warnings(site)])


def _reuse(config: SiteConfig, output: Path, options: Options) -> PageReuse | None:
    """The previous build's pages, for those unchanged (a shard starts from nothing)."""
    if options.cache and options.shard is None:
        return PageReuse.load(config.root / CACHE_FOLDER, output)
    return None


def _write(
    run: PartsRun, parts: list[Part], units: list[Unit], reporter: Reporter
) -> list[PartWritten]:
    """Write every part, then the site-wide files when they are among ``units``."""
    site = run.site
    with source_date_epoch(site_timestamp(site.timelines)):
        written = write_parts(
            run,
            parts,
            # A preview (serve) runs threads of its own: it builds in one process.
            parallel=not run.live_reload,
            done=lambda part, done: reporter.stage(
                "part",
                f"{part.name}: {counted(done.rendered + done.reused, 'page')} "
                f"(site model {done.model_seconds:.1f} s)",
            ),
        )
    fault_point("writing")
    if any(not unit.lang for unit in units):
        write_files(run.folder, site_files(site, run.addresses))
    return written
