"""Stage 7, beside the writer: a version's print copy (:class:`PrintJob`) → PDF bytes.

WeasyPrint lays out the HTML document the site stage made (``generator/site/printed.py``)
with ``generator/templates/print.css`` and nothing else: every address it would fetch
(an image in a policy, a stylesheet) is refused, fonts come from the system and are
embedded. The PDF is PDF/UA-1 (tagged, with the document's language and title), its
section headings are bookmarks, and it is byte-identical for the same job: its dates
come from the version's commits and its file identifier from its content.

:func:`pdf_bytes` is the one function from a job to bytes, with no state. A
:class:`PdfPrinter` runs it for many jobs, in worker processes (it is CPU-heavy), and
keeps each PDF in the content cache under a hash of the job, of WeasyPrint's version, of
the stylesheet and of the fonts installed, so a rebuild makes only the PDFs of versions
that changed.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import importlib.util
import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from generator.base.cache import ContentStore, content_key
from generator.base.errors import ConfigError
from generator.config import SiteConfig
from generator.output.fonts import require_fonts
from generator.site.printed import Printed, PrintJob

log = logging.getLogger(__name__)

VARIANT = "pdf/ua-1"
"""PDF/UA-1: tagged for assistive technology, with language and title (WeasyPrint's)."""
STYLESHEET = (importlib.resources.files("generator.templates") / "print.css").read_text("utf-8")
"""The print stylesheet, the only style a PDF gets."""
EXTRA_HINT = "Install the PDF extra: pip install 'policy-site[pdf]'"
"""What to do when WeasyPrint is missing."""


def require_weasyprint(config: SiteConfig) -> None:
    """Raise a :class:`ConfigError` at ``pdf:`` when ``pdf: true`` cannot be honoured
    because WeasyPrint (the ``pdf`` extra) is not installed, or no font covers the script of
    one of the site's languages (:func:`generator.output.fonts.require_fonts`). (WeasyPrint
    is only looked up: importing it takes half a second, spent only when a PDF has to be
    laid out.)"""
    if importlib.util.find_spec("weasyprint") is None:
        raise ConfigError(
            "'pdf: true' needs WeasyPrint, which is not installed.",
            file=config.file,
            line=config.lines.get("pdf"),
            hint=f"{EXTRA_HINT}, or set 'pdf: false'.",
        )
    require_fonts(config)


def _start_weasyprint(config: SiteConfig | None) -> None:
    """Import WeasyPrint once, before the worker processes fork; a :class:`ConfigError` when
    the system libraries it needs (Pango) are missing."""
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except OSError as exc:
        raise ConfigError(
            f"'pdf: true' needs WeasyPrint, which cannot start here ({exc}).",
            file=config.file if config else None,
            line=config.lines.get("pdf") if config else None,
            hint="Install the system libraries it needs (on Debian or Ubuntu: apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0).",
        ) from None


FONT_FOLDERS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "~/Library/Fonts",
)
"""Where fontconfig finds the system's fonts (Linux, macOS)."""


def installed_fonts() -> str:
    """A digest of the font files installed (names and sizes): installing or removing a
    font can change a PDF, so cached PDFs made with other fonts are not reused."""
    digest = hashlib.sha256()
    for folder in FONT_FOLDERS:
        root = os.path.expanduser(folder)
        for path, dirs, names in os.walk(root):
            dirs.sort()
            for name in sorted(names):
                try:
                    size = os.stat(os.path.join(path, name)).st_size
                except OSError:
                    continue
                digest.update(f"{path}/{name}:{size}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def tools() -> str:
    """What a PDF depends on besides its job: the layout engine, our stylesheet and the
    fonts installed."""
    versions = [f"{name}={importlib.metadata.version(name)}" for name in ("weasyprint", "pydyf")]
    return "|".join([*versions, VARIANT, STYLESHEET, installed_fonts()])


def pdf_bytes(job: PrintJob) -> bytes:
    """The PDF of one version: ``job``'s document laid out with the print stylesheet."""
    import weasyprint
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    class _Refuse(URLFetcher):  # type: ignore[misc]
        """Fetches nothing: a PDF holds only what the job holds, and the system's fonts."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"a PDF fetches nothing ({url} refused)")

    document = weasyprint.HTML(string=job.html, url_fetcher=_Refuse(), base_url=None)
    identifier = hashlib.sha256(job.html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    data: bytes = document.write_pdf(
        stylesheets=[weasyprint.CSS(string=STYLESHEET)],
        pdf_variant=VARIANT,
        pdf_identifier=identifier,
    )
    return data


def _make(job: PrintJob) -> Printed:
    """:func:`pdf_bytes`, its failure a warning naming the version, not a failed build."""
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # refused fetches, font notes
    try:
        return Printed(job.path, pdf_bytes(job))
    except Exception as exc:  # any layout failure: the site is published without this PDF
        problem = (
            f"{job.label}: its PDF could not be made ({type(exc).__name__}: {exc}); "
            "the version is published without it."
        )
        return Printed(job.path, None, problem)


class PdfPrinter:
    """Makes the PDFs of a build (a ``generator.site.printed.Printer``): from the content
    cache when an earlier build made the same, else in worker processes."""

    def __init__(
        self,
        store: ContentStore | None,
        *,
        parallel: bool = True,
        config: SiteConfig | None = None,
    ) -> None:
        self.store = store
        self.parallel = parallel
        self.config = config
        """Named in the message when WeasyPrint cannot start."""
        self.made = 0
        """PDFs laid out by this build."""
        self.reused = 0
        """PDFs taken from the cache."""

    def __call__(self, jobs: Sequence[PrintJob]) -> list[Printed]:
        """One :class:`Printed` per job, in order."""
        common = tools()
        keys = [content_key("pdf", common, j.path, j.html, j.created, j.modified) for j in jobs]
        results: list[Printed | None] = []
        for job, key in zip(jobs, keys, strict=True):
            found = self.store.load("pdfs", key) if self.store is not None else None
            results.append(Printed(job.path, found) if isinstance(found, bytes) else None)
        todo = [index for index, result in enumerate(results) if result is None]
        if todo:
            _start_weasyprint(self.config)
        for index, printed in zip(todo, self._run([jobs[i] for i in todo]), strict=True):
            results[index] = printed
            if self.store is not None and printed.content is not None:
                self.store.save("pdfs", keys[index], printed.content)
        self.made, self.reused = len(todo), len(jobs) - len(todo)
        return [result for result in results if result is not None]

    def _run(self, jobs: list[PrintJob]) -> list[Printed]:
        workers = min(len(jobs), os.cpu_count() or 1) if self.parallel else 1
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                return list(pool.map(_make, jobs))
        return [_make(job) for job in jobs]
