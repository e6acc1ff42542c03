"""Files of the previous build, kept when nothing they are made from has changed.

After one amendment most of a site is what it was. Each file a build writes gets a
fingerprint of its inputs, worked out before the file is made (a page's:
:mod:`generator.site.inputs`; a source file's: its blob; MkDocs' own files of a language:
the language's frame and the search index's pages): a file whose fingerprint is the one
the last build recorded is neither made nor rendered, but linked from the previous site
into the new one (a hard link: no byte is copied, the swap costs the same however large
the site). The record, in the content cache, holds each file's fingerprint with the size,
modification time and inode it was left with; a file of the previous site that no longer
has them (changed by hand, replaced) is made again. For a page MkDocs needs although it
is not rendered (in the navigation, or in the search index), the page's metadata and
search entries are kept in the content cache under its fingerprint
(:class:`KeptPage`). A test compares a rebuild that keeps files with a build from nothing,
byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator import __version__

MANIFEST = "pages.json"
"""The file, in the cache folder, that lists what the last build wrote."""
FORMAT = 2
"""Raised when the record changes shape; an older record is then not read."""


def tools_and_theme(theme_dirs: Iterable[Path]) -> str:
    """A hash of the software and theme files every page is rendered with."""
    digest = hashlib.sha256()
    for package in ("mkdocs", "mkdocs-material"):
        digest.update(f"{package}={version(package)}\n".encode())
    digest.update(f"policy-site={__version__}\n".encode())
    for folder in theme_dirs:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def written_file(source: str) -> str:
    """Where MkDocs writes the page of ``source`` (``privacy/index.md``), in its language."""
    return source.removesuffix(".md") + ".html"


def _stat(path: Path) -> list[int]:
    found = path.stat()
    return [found.st_size, found.st_mtime_ns, found.st_ino]


@dataclass(frozen=True, slots=True)
class KeptPage:
    """What MkDocs needs of a page it does not render: the page's metadata (its title in
    every other page's navigation), and the search entries it made of it."""

    meta: dict[str, Any]
    """The metadata handed to MkDocs (already escaped)."""
    search: tuple[dict[str, Any], ...]
    """The search index's entries for the page, in order (none when it is not indexed)."""


@dataclass
class PageReuse:
    """What the last build wrote, by path from the site root."""

    folder: Path
    """The cache folder holding :data:`MANIFEST`."""
    previous: Path | None
    """The site the last build wrote (the output folder), when it exists."""
    old: dict[str, list[Any]] = field(default_factory=dict)
    """Path → [fingerprint, size, modification time (ns), inode]."""

    @classmethod
    def load(cls, folder: Path, previous: Path) -> PageReuse:
        """The record of the last build (empty when there is none, or it cannot be read)."""
        reuse = cls(folder, previous if previous.is_dir() else None)
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return reuse
        if (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and data.get("site") == str(previous)
            and isinstance(data.get("files"), dict)
        ):
            reuse.old = data["files"]
        return reuse

    def reusable(self, path: str, fingerprint: str) -> bool:
        """Whether the last build wrote ``path`` from the same inputs, and its file is still
        as that build left it."""
        entry = self.old.get(path)
        if self.previous is None or not entry or entry[0] != fingerprint:
            return False
        try:
            return _stat(self.previous / path) == entry[1:]
        except OSError:
            return False

    def link(self, path: str, into: Path) -> None:
        """The file at ``path`` of the last build, into this build's site ``into`` (linked,
        or copied where the file system cannot link)."""
        assert self.previous is not None
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self.previous / path, target)
        except OSError:
            shutil.copy2(self.previous / path, target)

    def kept(self, prefix: str, fingerprint: str) -> list[str]:
        """The paths under ``prefix`` the last build recorded with ``fingerprint``, when
        each is still as it was left (else none: they are made again)."""
        found = [
            p for p, entry in self.old.items() if p.startswith(prefix) and entry[0] == fingerprint
        ]
        return found if found and all(self.reusable(p, fingerprint) for p in found) else []

    def save(self, site: Path, prints: Mapping[str, str], output: Path) -> None:
        """Record what this build wrote into ``site`` (soon at ``output``): ``prints`` gives
        each recorded path's fingerprint."""
        files = {path: [prints[path], *_stat(site / path)] for path in sorted(prints)}
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f"{MANIFEST}.tmp"
        record = {"format": FORMAT, "site": str(output), "files": files}
        temporary.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.folder / MANIFEST)
