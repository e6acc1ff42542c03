"""Part of stage 2: the working copy, what is not committed yet, as revisions with no commit.

Reads policy files from disk, never from git (only ``serve`` and ``diff`` show them): the
uncommitted text of one policy, and every draft (edits of committed files, new files).
"""

from __future__ import annotations

import datetime as dt

from generator.config import PathMatcher, SiteConfig, identify
from generator.history.lineage import policy_ids
from generator.history.repository import UNCOMMITTED, History, Revision, decode_text


def read_working_copy(
    config: SiteConfig,
    policy: str,
    lang: str,
    now: dt.datetime,
    name: str | None = None,
    group: str = "",
) -> Revision | None:
    """The uncommitted file of ``policy`` in ``lang`` (its file named after ``name``, the
    ``{policy}`` part as written, by default the id, in the ``{group}`` folder ``group``),
    as a revision with no commit. None when there is none, or when the name leads outside
    the policies folder."""
    folder = (config.root / config.source.path).resolve()
    paths = config.source.paths(name or policy, lang, config.languages.default, group)
    path = next(
        (p for p in (config.root / x for x in paths) if p.is_file()), config.root / paths[0]
    )
    if not path.resolve().is_relative_to(folder) or path.is_symlink() or not path.is_file():
        return None
    data = path.read_bytes()
    rel = path.relative_to(config.root).as_posix()
    return Revision(
        policy=policy,
        lang=lang,
        path=rel,
        commit="",
        committed=now,
        author="",
        message="(uncommitted changes)",
        sequence=UNCOMMITTED,
        blob="",
        size=len(data),
        content=decode_text(data, rel, ""),
    )


def read_drafts(config: SiteConfig, history: History, now: dt.datetime) -> tuple[Revision, ...]:
    """What is not committed yet, as revisions with no commit: edits of committed policy
    files (that are not withdrawn) and new policy files. Only ``serve`` shows them."""
    latest: dict[tuple[str, str], Revision] = {}
    for revision in history.revisions:
        latest[(revision.policy, revision.lang)] = revision
    removed = {(r.policy, r.lang): r.sequence for r in history.removals}
    drafts = []
    for (policy, lang), revision in sorted(latest.items()):
        if removed.get((policy, lang), -1) > revision.sequence:
            continue
        group = PathMatcher(config).folder_group(revision.path)
        working = read_working_copy(config, policy, lang, now, history.names.get(policy), group)
        if working is not None and working.text != revision.text:
            drafts.append(working)
    known = list(history.names.values())
    folder = config.root / config.source.path
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        identity = identify(path.relative_to(config.root).as_posix(), config)
        if identity is None or identity[0] in known or path.is_symlink():
            continue
        name, lang = identity
        policy = policy_ids([*known, name])[name]
        group = PathMatcher(config).folder_group(path.relative_to(config.root).as_posix())
        working = read_working_copy(config, policy, lang, now, name, group)
        if working is not None:
            drafts.append(working)
    return tuple(drafts)
