"""What ``build`` says about the texts before it writes anything: links that lead nowhere and
template variables it could not fill in, judged by the rules of ``policy-site check``.

They are warnings, listed with the others at the end; with ``build --strict`` they stop the
build before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from generator.base.cache import FOLDER as CACHE_FOLDER
from generator.base.errors import BuildError
from generator.check.context import CheckContext
from generator.check.files import check_variables
from generator.check.links import check_links
from generator.check.model import Problem
from generator.config import SiteConfig
from generator.history import History
from generator.output.size import SiteSize, human, measure, save_record
from generator.site.context import SiteContext
from generator.versions import DocumentCache, Timeline

TEXT_RULES = frozenset({"broken-link", "unknown-variable"})
"""The ``check`` rules that ``build`` reports too."""


class Strictness(Protocol):
    """The build's options that these judgements read."""

    @property
    def as_of(self) -> dt.date:
        """The day judged."""

    @property
    def strict(self) -> bool:
        """Whether a problem stops the build."""

    @property
    def shard(self) -> tuple[int, int] | None:
        """(K, N) when the build writes one shard of the site."""

    @property
    def cache(self) -> bool:
        """Whether the build keeps what it learnt in the cache folder."""


class Stages(Protocol):
    """Hears the build's stages."""

    def stage(self, name: str, detail: str) -> None:
        """A stage finished."""


def measured(folder: Path, site: SiteContext, reporter: Stages) -> SiteSize:
    """The written site's size by kind of file, said as the ``size`` stage."""
    size = measure(folder, {policy for policy, _lang in site.timelines})
    reporter.stage("size", size.describe())
    return size


def text_problems(
    config: SiteConfig,
    history: History,
    timelines: Mapping[tuple[str, str], Timeline],
    cache: DocumentCache,
    options: Strictness,
) -> list[Problem]:
    """Broken links and unknown template variables in the versions in force or upcoming;
    with ``options.strict``, the first of them stops the build (:func:`refuse`)."""
    ctx = CheckContext(
        config, history, timelines, options.as_of, None, cache, Path(config.file).name
    )
    found = {p for p in (*check_links(ctx), *check_variables(ctx)) if p.rule in TEXT_RULES}
    problems = sorted(found, key=Problem.sort_key)
    if problems and options.strict:
        raise refuse(problems)
    return problems


def size_warnings(size: SiteSize, config: SiteConfig, options: Strictness) -> list[str]:
    """For a whole site (not a shard): its size kept for ``check`` (when the cache is kept),
    and a warning when it is past ``site.size_limit``."""
    if options.shard is not None:
        return []
    if options.cache:
        save_record(config.root / CACHE_FOLDER, size, options.as_of.isoformat())
    return [too_big(size, config)] if size.total > config.size_limit else []


def as_warning(problem: Problem) -> str:
    """``file:line: message`` for the build's list of warnings."""
    where = ":".join(str(part) for part in (problem.file, problem.line) if part)
    return f"{where}: {problem.message}" if where else problem.message


def too_big(size: SiteSize, config: SiteConfig) -> str:
    """The warning for a site past ``site.size_limit``, naming what takes most room."""
    return (
        f"{config.file}: the site is {size.describe()}; that is more than 'site.size_limit' "
        f"({human(config.size_limit)}), which the host may refuse to publish. Fewer "
        "comparisons ('compare.all_pairs_up_to') or languages make it smaller."
    )


def refuse(problems: list[Problem]) -> BuildError:
    """The error ``build --strict`` stops at: the first problem, and how many there are."""
    first = problems[0]
    more = f" ({len(problems) - 1} more: run 'policy-site check')" if len(problems) > 1 else ""
    return BuildError(
        f"{first.message}{more}",
        file=first.file,
        line=first.line,
        hint=(first.hint or "") + " 'build --strict' publishes nothing while a text has this.",
    )
