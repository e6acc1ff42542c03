"""What the plan of the site needs of every policy file, worked out before any page.

The addresses of a policy's pages include its sections' history pages, and the what's new
pages list its amendments: both come from the diffs of its consecutive versions. Each file's
section sketches and amendment records are read from the content cache when an earlier
build worked them out from the same texts; the others are worked out here, each file in a
forked worker (one per core, the largest files first), which reads the file's documents
from disk, diffs them, and sends back only the sketches and records. So the parent, which
every part's worker starts from, holds no document and no diff, and a rebuild or a shard
pays only for the files it has not seen.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from generator.site.amendments import policy_amendments
from generator.site.context import SiteContext
from generator.site.records import Amendment, LineageSketch
from generator.site.sections import cached_sketches, section_sketches

PARALLEL_FILES = 4
"""Files to work out below which workers cost more than they save."""

_SITE: list[SiteContext] = []
"""The site the workers work on (inherited by fork)."""


def learn(site: SiteContext, workers: int) -> int:
    """Know every published file's section sketches and amendment records (from the cache,
    else worked out in ``workers`` processes); how many files had to be worked out."""
    files = [
        key
        for key in sorted(site.timelines)
        if key[1] in site.config.language_codes and cached_sketches(site, *key) is None
    ]
    if not files:
        return 0
    files.sort(key=lambda key: -len(site.timelines[key].versions))
    if workers >= 2 and len(files) >= PARALLEL_FILES and _can_fork():
        _SITE[:] = [site]
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(min(workers, len(files)), mp_context=context) as pool:
                for key, (sketches, records) in zip(files, pool.map(_work, files), strict=True):
                    site.sketches[key] = sketches
                    site.amendments[key] = records
        except BrokenProcessPool:  # a worker was killed (out of memory…): here, one by one
            pass
        finally:
            _SITE.clear()
    for key in files:
        if key not in site.sketches:
            _work_here(site, key)
    return len(files)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _work(key: tuple[str, str]) -> tuple[tuple[LineageSketch, ...], tuple[Amendment, ...]]:
    """In a worker: one file's sketches and records (the worker keeps them in the cache)."""
    return _work_here(_SITE[0], key)


def _work_here(
    site: SiteContext, key: tuple[str, str]
) -> tuple[tuple[LineageSketch, ...], tuple[Amendment, ...]]:
    policy, lang = key
    sketches = section_sketches(site, policy, lang)
    records = policy_amendments(site, policy, lang)
    site.release()
    return sketches, records
