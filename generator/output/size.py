"""How big the written site is, and what takes the room: the host's limit is a real limit
(GitHub Pages, where ``publish.yml`` deploys, publishes at most 1 GB).

:func:`measure` adds up a written folder by kind of file (changes pages, comparisons, PDFs,
the search index…); ``build`` prints it, warns past ``site.size_limit``, and keeps it beside
the content cache (:func:`save_record`) so that ``policy-site check`` can say the same
without building (:func:`load_record`).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from generator.base import urls
from generator.base.urls import PageKind

RECORD = "site-size.json"
"""The last build's sizes, in the cache folder."""

_KIND_NAMES = {
    PageKind.HOME: "home pages",
    PageKind.POLICY: "policy pages",
    PageKind.HISTORY: "version histories",
    PageKind.VERSION: "version pages",
    PageKind.CHANGES: "changes pages",
    PageKind.SINCE: "since pages",
    PageKind.COMPARE_INDEX: "comparison tables",
    PageKind.COMPARE: "comparison pages",
    PageKind.SECTION_HISTORY: "section histories",
    PageKind.WHATS_NEW: "what's new pages",
}


@dataclass(frozen=True, slots=True)
class SiteSize:
    """A written site's size, in bytes, by kind of file."""

    total: int
    """Every file's bytes."""
    kinds: dict[str, int] = field(default_factory=dict)
    """Bytes per kind ("changes pages", "PDFs", "search index"…)."""
    as_of: str = ""
    """The day the site was built for (in a record)."""

    def largest(self, count: int = 3) -> list[tuple[str, int]]:
        """The kinds that take most room, largest first (then by name)."""
        return sorted(self.kinds.items(), key=lambda kind: (-kind[1], kind[0]))[:count]

    def describe(self) -> str:
        """``312 MB: comparison pages 120 MB (38%), changes pages 80 MB (26%)…``."""
        parts = [
            f"{name} {human(size)} ({round(100 * size / self.total) if self.total else 0}%)"
            for name, size in self.largest()
        ]
        return human(self.total) + (f": {', '.join(parts)}" if parts else "")


def human(size: int) -> str:
    """Bytes in words of 1,000: ``740 KB``, ``312 MB``, ``1.2 GB``."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{size} bytes"


def kind_of(path: str, policies: Collection[str]) -> str:
    """The kind of file at ``path`` (from the site root), in words."""
    name = path.rsplit("/", 1)[-1]
    if path.startswith("api/"):
        return "API files"
    if "/assets/" in f"/{path}":
        return "theme files"
    if "/search/" in f"/{path}":
        return "search index"
    if name.endswith(urls.PDF_SUFFIX):
        return "PDFs"
    if name == urls.SOURCE:
        return "source files"
    if name == urls.FEED:
        return "feeds"
    if name.startswith("sitemap"):
        return "sitemaps"
    if name != "index.html":
        return "other files"
    target = urls.resolve(path, policies)
    return _KIND_NAMES.get(target.kind, "redirects") if target.kind else "redirects"


def measure(folder: Path, policies: Collection[str]) -> SiteSize:
    """The size of every file under ``folder``, by kind."""
    kinds: Counter[str] = Counter()
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            size = path.lstat().st_size
            total += size
            kinds[kind_of(path.relative_to(folder).as_posix(), policies)] += size
    return SiteSize(total, dict(kinds))


def save_record(cache: Path, size: SiteSize, as_of: str) -> None:
    """Keep ``size`` in the cache folder for ``check``; a folder that cannot be written
    keeps nothing (the record only informs)."""
    record = {"as_of": as_of, "total": size.total, "kinds": dict(sorted(size.kinds.items()))}
    try:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / RECORD).write_text(json.dumps(record, sort_keys=True) + "\n", encoding="utf-8")
    except OSError:
        return


def load_record(cache: Path) -> SiteSize | None:
    """The last build's sizes, or None when there is no readable record."""
    try:
        record = json.loads((cache / RECORD).read_text(encoding="utf-8"))
        kinds = {str(k): int(v) for k, v in record["kinds"].items()}
        return SiteSize(int(record["total"]), kinds, str(record["as_of"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
