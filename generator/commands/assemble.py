"""``policy-site assemble``: the shards of one site, built by many machines, joined; and the
manifest each shard's build writes for that check.

The parts are checked (:func:`generator.output.shards.check_parts`: links, units, hashes,
one build) before anything is written; then they are copied into a new folder that
replaces the output whole, like ``build``'s, so a refused assembly leaves the previous site
as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from generator.base.words import counted
from generator.commands.reporting import Reporter, Silent
from generator.history import History
from generator.output import (
    DEFAULT_LOCK_TIMEOUT,
    Manifest,
    PartsRun,
    check_parts,
    check_replaceable,
    copy_parts,
    staged,
)
from generator.site.parts import Unit
from generator.site.record import record_json


def shard_manifest(
    config_path: Path,
    history: History,
    run: PartsRun,
    shard: tuple[int, int],
    as_of: dt.date,
    units: list[Unit],
    every: list[Unit],
) -> Manifest:
    """What shard ``shard`` (K, N) holds (``units``, of the site's ``every`` unit) and what
    it was built from (its files are added when written)."""
    digest = hashlib.sha256()
    for revision in history.revisions:
        digest.update(f"{revision.commit} {revision.path} {revision.blob}\n".encode())
    for removal in history.removals:
        digest.update(f"{removal.commit} {removal.path} -\n".encode())
    # Every shard must have compared with the same previous record.
    previous = run.site.record.previous
    if previous is not None:
        digest.update(json.dumps(record_json(previous), sort_keys=True).encode())
    return Manifest(
        shard=shard[0],
        shards=shard[1],
        source=max(history.revisions, key=lambda r: r.sequence).commit,
        history=digest.hexdigest(),
        config=hashlib.sha256(config_path.read_bytes()).hexdigest(),
        as_of=as_of.isoformat(),
        tools=hashlib.sha256(run.shared.encode()).hexdigest(),
        units=tuple(unit.name for unit in units),
        files={},
        split=tuple((unit.name, unit.pages) for unit in every),
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
