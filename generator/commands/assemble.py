"""``policy-site assemble``: the shards of one site, built by many machines, joined.

The parts are checked (:func:`generator.output.shards.check_parts`: links, units, hashes,
one build) before anything is written; then they are copied into a new folder that
replaces the output whole, like ``build``'s, so a refused assembly leaves the previous site
as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.base.words import counted
from generator.commands.build import Reporter, Silent
from generator.output import (
    DEFAULT_LOCK_TIMEOUT,
    check_parts,
    check_replaceable,
    copy_parts,
    staged,
)


def assemble(
    parts: Sequence[Path],
    output: Path,
    *,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    reporter: Reporter | None = None,
) -> int:
    """Join the shards in ``parts`` into the site at ``output`` (replaced only when they make
    exactly one site); how many files it holds."""
    reporter = reporter or Silent()
    output = output.absolute()
    check_replaceable(output)
    checked = check_parts(parts)
    reporter.stage(
        "checked", f"{counted(len(checked), 'part')}, {counted(checked[0][1].shards, 'shard')}"
    )
    with staged(output, lock_timeout) as stage:
        files = copy_parts(checked, stage.site)
    reporter.stage("written", f"{counted(files, 'file')} into {output}")
    return files
