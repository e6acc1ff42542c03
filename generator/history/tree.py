"""What HEAD holds under a folder: its regular files and its symbolic links, for
``policy-site init`` (nothing is read from the working copy). With
:mod:`generator.history.repository` and :mod:`generator.history.blobs`, the only modules
that run git."""

from __future__ import annotations

from pathlib import Path

import git

from generator.base.errors import HistoryError
from generator.history.repository import open_repo


def tracked_files(start: Path) -> tuple[str, ...]:
    """The regular files committed at HEAD under the folder ``start``, relative to it
    (for ``policy-site init``; nothing is read from the working copy)."""
    return _tracked(start, (["100644", "blob"], ["100755", "blob"]))


def committed_links(start: Path) -> tuple[str, ...]:
    """The symbolic links committed at HEAD under the folder ``start``, relative to it:
    ``policy-site init`` leaves them out (a link cannot be published)."""
    return _tracked(start, (["120000", "blob"],))


def _tracked(start: Path, kinds: tuple[list[str], ...]) -> tuple[str, ...]:
    """The entries of these ``kinds`` (mode, type) committed at HEAD under ``start``."""
    with open_repo(start) as repo:
        workdir = Path(repo.working_tree_dir or start).resolve()
        base = start.resolve().relative_to(workdir).as_posix()
        prefix = "" if base == "." else base + "/"
        if not repo.head.is_valid():
            return ()
        try:
            raw = repo.git.ls_tree("-r", "-z", "--full-tree", "HEAD")
        except git.GitCommandError as exc:
            raise HistoryError(f"git could not list the files: {exc.stderr.strip()}") from None
    found = []
    for entry in raw.split("\x00"):
        meta, _tab, path = entry.partition("\t")
        if meta.split(" ")[:2] in kinds and path.startswith(prefix):
            found.append(path[len(prefix) :])
    return tuple(sorted(found))
