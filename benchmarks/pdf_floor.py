"""The floor of the PDF stage: WeasyPrint alone laying out the same versions' HTML.

Run as a subprocess by ``pdf_bench.py`` and ``run.py``::

    python -m benchmarks.pdf_floor path/to/site_config.yml 2026-01-01

It makes every print job the build would (``generator.site.printed.print_jobs``: the same
HTML documents, untimed), then, timed: imports WeasyPrint and lays out each job's HTML
with the print stylesheet and the same PDF options, in one forked process per core as the
build does, and prints one line of JSON: ``{"seconds", "cpu_seconds", "pdfs", "bytes"}``.
Nothing of policy-site runs in the timed part: no cache, no font digest, no job making.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.config import load_config  # noqa: E402 (after the path: run from a checkout)
from generator.history import read_history  # noqa: E402
from generator.output.pdf import STYLESHEET, VARIANT  # noqa: E402
from generator.site.context import SiteContext  # noqa: E402
from generator.site.printed import print_jobs  # noqa: E402
from generator.versions import DocumentCache, build_timelines  # noqa: E402

_HTML: list[str] = []
"""The jobs' documents, inherited by the forked workers."""


def _layout(index: int) -> int:
    """Lay out document ``index``; the PDF's size."""
    import weasyprint  # type: ignore[import-untyped]

    document = weasyprint.HTML(string=_HTML[index], base_url=None)
    data: bytes = document.write_pdf(
        stylesheets=[weasyprint.CSS(string=STYLESHEET)], pdf_variant=VARIANT
    )
    return len(data)


def floor(config_path: Path, as_of: dt.date, workers: int) -> dict[str, float]:
    """Make the jobs, then time WeasyPrint laying them out in ``workers`` processes."""
    config = load_config(config_path)
    timelines = build_timelines(read_history(config), config, DocumentCache(), workers)
    _HTML[:] = [job.html for job in print_jobs(SiteContext(config, timelines, as_of))]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    mine = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    import weasyprint  # noqa: F401  (imported before the workers fork, as the build does)

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        sizes = list(pool.map(_layout, range(len(_HTML))))
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    end = resource.getrusage(resource.RUSAGE_SELF)
    cpu = sum(
        getattr(later, name) - getattr(earlier, name)
        for later, earlier in ((after, before), (end, mine))
        for name in ("ru_utime", "ru_stime")
    )
    return {"seconds": seconds, "cpu_seconds": cpu, "pdfs": len(sizes), "bytes": sum(sizes)}


def main() -> None:
    """``CONFIG AS_OF [WORKERS]`` → one line of JSON."""
    config, day = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count() or 1
    print(json.dumps(floor(config, day, workers), sort_keys=True))


if __name__ == "__main__":
    main()
