"""Stage 7: write the site part by part (:mod:`generator.site.parts`), each in a worker.

Each part's pages are built from the site's timelines, handed to one MkDocs build in a
scratch folder, and the files the part keeps are moved into the site folder; the worker,
forked for that part alone, then ends, and its memory with it. As many run at once as there
are cores (one after the other in ``serve``, or where the system cannot fork).
Parts never write the same file, so they share the site folder.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from generator.base.cache import ContentStore
from generator.base.errors import BuildError
from generator.output.mkdocs_plugin import PreparedPage
from generator.output.page_reuse import PageReuse, fingerprint, written_file
from generator.output.sitemap import compressed, sitemap
from generator.output.writer import mkdocs_settings, prepared_page, run_mkdocs
from generator.site import (
    OutputFile,
    Page,
    core_pages,
    navigation,
    policy_files,
    policy_pages,
    with_alternates,
)
from generator.site.amendments import amendments
from generator.site.context import SiteContext
from generator.site.page_addresses import (
    Addresses,
    alternates,
    language_addresses,
)
from generator.site.parts import Part


@dataclass(frozen=True, slots=True)
class PartWritten:
    """What one part wrote, as its worker reports it."""

    lang: str
    """Its language."""
    prints: dict[str, str]
    """Fingerprint of each page it wrote, by source (for the next build's reuse)."""
    rendered: int
    """Pages MkDocs rendered and the part kept."""
    reused: int
    """Pages copied unchanged from the previous build."""
    cache_used: frozenset[Path] = frozenset()
    """Content-cache entries it read or wrote (so that the cache keeps them)."""
    cache_problems: tuple[str, ...] = ()
    """Content-cache entries it could not read or write."""
    model_seconds: float = 0.0
    """Processor seconds it spent making its pages (the site model), before MkDocs."""


@dataclass(frozen=True, slots=True)
class PartsRun:
    """Everything the workers share (inherited by fork)."""

    site: SiteContext
    """The site's inputs and what its pages share."""
    addresses: Addresses
    """Every language's page addresses."""
    offered: Addresses
    """The addresses a language selector offers (:func:`offered_addresses`)."""
    folder: Path
    """The site folder the parts write into."""
    work: Path
    """Scratch space."""
    shared: str
    """What every page is rendered with (tools, theme): part of each fingerprint."""
    reuse: PageReuse | None = None
    """The previous build's pages, for those unchanged."""
    live_reload: bool = False
    """Pages reload themselves when ``serve`` rebuilds."""
    store: ContentStore | None = field(default=None)
    """The content cache the site's diffs are kept in."""


_RUN: list[PartsRun] = []
"""The running build, for the worker processes it forks."""
_PARTS: list[Part] = []


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def _keep(run: PartsRun, part: Part, out: Path, kept: set[str], dropped: set[str]) -> None:
    """Move what the part keeps from MkDocs' folder ``out`` into the site folder."""
    into = run.folder / part.lang
    if not part.owns_language:
        for source in kept:
            _move(out / written_file(source), into / written_file(source))
        return
    for source in dropped:
        (out / written_file(source)).unlink()
    for path in sorted(p for p in out.rglob("*") if not p.is_dir()):
        _move(path, into / path.relative_to(out))


def _language_files(run: PartsRun, lang: str) -> None:
    """The language's sitemap, made from the site's addresses."""
    config = run.site.config
    entries = [
        (url, alternates(run.offered, config.language_codes, url, policy))
        for url, policy in language_addresses(run.site, lang)
    ]
    data = sitemap(lang, entries, config, int(os.environ["SOURCE_DATE_EPOCH"]))
    (run.folder / lang / "sitemap.xml").write_bytes(data)
    (run.folder / lang / "sitemap.xml.gz").write_bytes(compressed(data))


def write_files(folder: Path, files: Iterable[OutputFile]) -> None:
    """Write each file under ``folder``."""
    for item in files:
        target = folder / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.content)


def _part_pages(run: PartsRun, part: Part) -> list[Page]:
    """The pages of one part's MkDocs build: the language's core pages (its navigation and
    search index are made from them), then its own policies' pages."""
    site, lang = run.site, part.lang
    # Only the part that keeps the language's own pages lists its amendments on them.
    pages = core_pages(site, lang, amendments(site, lang) if part.owns_language else None)
    core = {page.source for page in pages}
    for policy in site.policies:
        if policy in part.policies:
            own = policy_pages(site, policy, lang, main=False)
            pages += [page for page in own if page.source not in core]
    return with_alternates(pages, run.offered, site.config.language_codes)


def write_part(run: PartsRun, part: Part, index: int) -> PartWritten:
    """Build, render and write one part."""
    site, lang, config = run.site, part.lang, run.site.config
    started = time.process_time()
    pages = _part_pages(run, part)
    model_seconds = time.process_time() - started
    scratch = run.work / f"part-{index}"
    settings = mkdocs_settings(
        lang, navigation(site, lang), config, scratch / "docs", scratch / "out"
    )
    render: dict[str, PreparedPage] = {}
    prints: dict[str, str] = {}
    kept: set[str] = set()
    dropped: set[str] = set()
    reused = 0
    for page in pages:
        prepared = prepared_page(page, lang, config)
        if not (page.policy in part.policies or (not page.policy and part.owns_language)):
            render[page.source] = prepared
            dropped.add(page.source)
            continue
        prints[page.source] = print_ = fingerprint(settings, run.shared, prepared)
        # Pages in the navigation or the search index are part of what MkDocs builds from
        # the pages it renders, so they are always rendered.
        if (
            run.reuse is not None
            and not page.in_nav
            and not page.in_search
            and run.reuse.reusable(lang, page.source, print_)
        ):
            run.reuse.copy(lang, page.source, run.folder / lang)
            reused += 1
        else:
            render[page.source] = prepared
            kept.add(page.source)
    del pages
    run_mkdocs(settings, render, config, live_reload=run.live_reload)
    _keep(run, part, scratch / "out", kept, dropped)
    shutil.rmtree(scratch, ignore_errors=True)
    if part.owns_language:
        _language_files(run, lang)
    for policy in sorted(part.policies):
        write_files(run.folder, policy_files(site, policy, lang))
    store = run.store
    return PartWritten(
        lang,
        prints,
        len(kept),
        reused,
        frozenset(store.used) if store else frozenset(),
        tuple(store.problems) if store else (),
        model_seconds,
    )


def write_parts(
    run: PartsRun,
    parts: Sequence[Part],
    *,
    parallel: bool,
    done: Callable[[Part, PartWritten], None],
) -> list[PartWritten]:
    """Write every part (in worker processes with ``parallel``), telling ``done`` of each as
    it finishes; what each wrote, in the order of ``parts``."""
    workers = min(len(parts), os.cpu_count() or 1) if parallel else 1
    results: dict[int, PartWritten] = {}
    _RUN[:] = [run]
    _PARTS[:] = parts
    try:
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            _in_workers(parts, workers, results, done)
        else:
            for index, part in enumerate(parts):
                results[index] = write_part(run, part, index)
                done(part, results[index])
    finally:
        _RUN.clear()
        _PARTS.clear()
    if run.store is not None:
        for result in results.values():
            run.store.used |= result.cache_used
            run.store.problems += [p for p in result.cache_problems if p not in run.store.problems]
    return [results[n] for n in range(len(parts))]


def _in_workers(
    parts: Sequence[Part],
    workers: int,
    results: dict[int, PartWritten],
    done: Callable[[Part, PartWritten], None],
) -> None:
    """Each part in a process forked for it alone, ``workers`` at a time: a process that
    built several parts would keep what the first ones left behind (Python returns little
    memory to the system), so a fresh one starts from the parent's size every time."""
    context = multiprocessing.get_context("fork")
    # The largest first, so that no large part starts last while the other cores wait.
    pending = sorted(range(len(parts)), key=lambda n: -parts[n].pages)
    running: dict[Connection, tuple[int, BaseProcess]] = {}
    try:
        while pending or running:
            while pending and len(running) < workers:
                index = pending.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                worker = context.Process(target=_child, args=(index, sender))
                worker.start()
                sender.close()
                running[receiver] = (index, worker)
            for ready in wait(list(running)):
                assert isinstance(ready, Connection)
                index, finished = running.pop(ready)
                outcome = _outcome(ready)
                finished.join()
                if isinstance(outcome, BaseException):
                    raise outcome
                results[index] = outcome
                done(parts[index], outcome)
    finally:
        for receiver, (_index, process) in running.items():
            process.kill()
            process.join()
            receiver.close()


def _outcome(receiver: Connection) -> PartWritten | BaseException:
    """What a worker sent: what its part wrote, or what stopped it."""
    try:
        outcome: PartWritten | BaseException = receiver.recv()
    except (EOFError, OSError):  # it died without a word (killed, out of memory…)
        outcome = BuildError("a process building the site stopped unexpectedly.")
    finally:
        receiver.close()
    return outcome


def _child(index: int, sender: Connection) -> None:
    """In a worker: build part ``index`` and send back what it wrote, or its error."""
    try:
        outcome: PartWritten | BaseException = write_part(_RUN[0], _PARTS[index], index)
    except BaseException as exc:  # reported in the parent, which raises it
        outcome = exc
    try:
        sender.send(outcome)
    except Exception as exc:  # an error that cannot be pickled: its words
        sender.send(BuildError(f"building a part of the site failed: {exc}"))
    finally:
        sender.close()
