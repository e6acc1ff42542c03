"""Stage 7: write the site part by part (:mod:`generator.site.parts`), each in a worker.

Each part plans its pages from their specs: a page whose fingerprint (its inputs:
:mod:`generator.site.inputs`) is the one the last build recorded is linked from the
previous site and never made; the others are made from the site's timelines and handed to
one MkDocs build in a scratch folder, with the pages MkDocs needs for the menu and the
search index given unrendered; the files the part keeps are moved into the site folder.
A part with nothing to render runs no MkDocs at all. The worker, forked for that part
alone, then ends, and its memory with it. As many run at once as there are cores (one
after the other in ``serve``, or where the system cannot fork). Parts never write the same
file, so they share the site folder.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from generator.base.errors import BuildError
from generator.output.part_plan import (
    PartPlan,
    PartsRun,
    keep_search,
    language_print,
    move_out,
    part_specs,
    policy_files,
)
from generator.output.sitemap import compressed, sitemap
from generator.output.writer import mkdocs_settings, run_mkdocs
from generator.site import (
    navigation,
)
from generator.site.inputs import frame
from generator.site.page_addresses import alternates, language_addresses
from generator.site.parts import Part


@dataclass(frozen=True, slots=True)
class PartWritten:
    """What one part wrote, as its worker reports it."""

    lang: str
    """Its language."""
    prints: dict[str, str]
    """The fingerprint of each file it wrote or kept, by path from the site root (what the
    next build's reuse reads: :mod:`generator.output.page_reuse`)."""
    rendered: int
    """Pages MkDocs rendered and the part kept."""
    reused: int
    """Pages kept from the previous build."""
    cache_used: frozenset[Path] = frozenset()
    """Content-cache entries it read or wrote (so that the cache keeps them)."""
    cache_problems: tuple[str, ...] = ()
    """Content-cache entries it could not read or write."""
    model_seconds: float = 0.0
    """Processor seconds it spent making its pages (the site model), before MkDocs."""


_RUN: list[PartsRun] = []
"""The running build, for the worker processes it forks."""
_PARTS: list[Part] = []


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


def write_part(run: PartsRun, part: Part, index: int) -> PartWritten:
    """Plan, make, render and write one part; keep what did not change."""
    site, lang, config = run.site, part.lang, run.site.config
    started = time.process_time()
    scratch = run.work / f"part-{index}"
    settings = mkdocs_settings(
        lang, navigation(site, lang), config, scratch / "docs", scratch / "out"
    )
    state = PartPlan(
        run, part, frame(repr(config), site.words(lang).identity, settings, run.shared)
    )
    policy = ""
    for spec in part_specs(site, part):
        if spec.policy != policy:  # what one policy's pages needed, the next one's do not
            site.release()
            policy = spec.policy
        state.plan(spec)
    site.release()
    model_seconds = time.process_time() - started
    needed = any(page.rendered for page in state.render.values())
    language = language_print(state)
    kept = run.reuse.kept(f"{lang}/", language) if part.owns_language and run.reuse else []
    if needed or (part.owns_language and not kept):
        store = run.store
        indexed = run_mkdocs(
            settings,
            state.render,
            config,
            live_reload=run.live_reload,
            theme_cache=(store.folder / "theme", run.shared) if store else None,
            static=part.owns_language,
        )
        keep_search(run.store, state, indexed)
        move_out(state, scratch / "out", language)
    else:
        for path in kept:
            assert run.reuse is not None
            run.reuse.link(path, run.folder)
            state.prints[path] = language
    shutil.rmtree(scratch, ignore_errors=True)
    if part.owns_language:
        _language_files(run, lang)
        if lang == config.languages.default:
            # Hosts (GitHub Pages among them) answer any missing address with the root's
            # 404.html: the default language's, whose addresses are absolute.
            shutil.copyfile(run.folder / lang / "404.html", run.folder / "404.html")
    for policy in sorted(part.policies):
        policy_files(state, policy)
    store = run.store
    return PartWritten(
        lang,
        state.prints,
        len(state.kept),
        state.reused,
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
