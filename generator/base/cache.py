"""The content cache: what was computed from a text, kept on disk under a hash of that text.

Parsed documents, diffs and PDFs are stored in ``.policy-site-cache/`` (beside the
configuration; ``--no-cache`` turns it off) under a key made of everything they were
computed from: the text and its path and language, the effective-date rule, and
policy-site's own version (a new version starts afresh). A rebuild after one amendment therefore parses and diffs
only what the amendment touched. The cache can never change the output: an entry is used
only when its key matches exactly; one that cannot be read is ignored (and reported).
After each successful build, the entries none of the last :data:`GENERATIONS` builds used
are removed: a page a rebuild keeps from the previous site reads none of what it was made
from, and its redlines must still be there when it is made again.

Entries are Python pickles: the folder is the build's own scratch space, like a compiler's.
Never restore it from somewhere you would not run code from.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

from generator import __version__

FOLDER = ".policy-site-cache"
"""The cache's folder, beside ``site_config.yml``."""
SCHEMA = 5
"""Raised when what the cache holds changes shape or meaning (how a text is parsed, as when
long headings got shorter ids); old entries are then never read."""
GENERATIONS = 8
"""Builds whose entries are kept: an entry none of the last eight builds used is removed."""
BUILDS = "builds.json"
"""The file, in the cache folder, with the start times of the last builds."""


def content_key(*parts: str) -> str:
    """A key for what ``parts`` determine (with the version of policy-site)."""
    digest = hashlib.sha256()
    for part in (__version__, str(SCHEMA), *parts):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


class ContentStore:
    """Entries on disk, by kind and key; every operation is safe to fail."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[Path] = set()
        """Entries read or written by this build."""
        self.problems: list[str] = []
        """Entries that could not be read or written (reported once, after the build)."""
        self.hits = 0
        """How many entries were found."""
        self.opened = time.time()
        """When this build opened the store (entries it writes are newer)."""

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / f"{key}.pickle"

    def load(self, kind: str, key: str) -> Any | None:
        """The entry, or None when there is none (or it cannot be read)."""
        path = self._path(kind, key)
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            self.problems.append(f"ignored a cache entry that cannot be read ({path}: {exc})")
            return None
        self.used.add(path)
        self.hits += 1
        return value

    def mark(self, kind: str, key: str) -> None:
        """Count the entry as used by this build (something made from it is used) without
        reading it, so that the sweep keeps it."""
        self.used.add(self._path(kind, key))

    def save(self, kind: str, key: str, value: Any) -> None:
        """Keep ``value`` (atomically: a reader never sees half an entry)."""
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except (OSError, pickle.PicklingError) as exc:
            self.problems.append(f"could not write the cache ({path}: {exc})")
            return
        self.used.add(path)

    def sweep(self) -> None:
        """Remove the entries none of the last :data:`GENERATIONS` builds used (this one
        included), so the cache holds about one site's worth; mark the ones this build used."""
        if not self.folder.is_dir():
            return
        starts = [*self._builds(), self.opened][-GENERATIONS:]
        cutoff = min(starts)
        for path in self.folder.rglob("*.pickle"):
            try:
                if path in self.used:
                    os.utime(path)
                elif path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                continue
        try:
            (self.folder / BUILDS).write_text(json.dumps(starts), encoding="utf-8")
        except OSError as exc:
            self.problems.append(f"could not write the cache ({self.folder / BUILDS}: {exc})")

    def _builds(self) -> list[float]:
        """When the last builds that swept the cache started, oldest first."""
        try:
            found = json.loads((self.folder / BUILDS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [t for t in found if isinstance(t, float | int)] if isinstance(found, list) else []
