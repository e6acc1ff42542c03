"""Pages of the previous build, reused when nothing they are made from has changed.

Rendering a page through the theme is most of a build's time, and after one amendment most
pages are what they were. Each page gets a fingerprint of everything its HTML is made from:
its prepared content and metadata, the language's MkDocs settings and navigation, the theme
files, and the versions of policy-site, MkDocs and mkdocs-material. The fingerprints of the
last build, with a hash of each file it wrote, are kept in the content cache; a page whose
fingerprint is unchanged, and whose file in the previous site still has that hash, is copied
from there instead of rendered. Pages in the navigation or in the search index are always
rendered (MkDocs builds those from the pages it renders). The result is the same bytes:
a test compares a rebuild that reuses pages with a build from nothing.
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
from generator.output.mkdocs_plugin import PreparedPage

MANIFEST = "pages.json"
"""The file, in the cache folder, that lists what the last build wrote."""


def _digest_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready data, every text as a string (Markup included)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return str(value) if isinstance(value, str) else value
    return repr(value)


def fingerprint(settings: Mapping[str, Any], shared: str, page: PreparedPage) -> str:
    """The fingerprint of one page: its language's settings (folders aside), what every
    page shares (``shared``: tools, theme), and the page's own content."""
    kept = {k: v for k, v in settings.items() if k not in ("docs_dir", "site_dir")}
    data = {
        "settings": _plain(kept),
        "shared": shared,
        "source": page.source,
        "body": str(page.body),
        "toc": [[t.id, str(t.name), t.level] for t in page.toc],
        "meta": _plain(page.meta),
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def written_file(source: str) -> str:
    """Where MkDocs writes the page of ``source`` (``privacy/index.md``), in its language."""
    return source.removesuffix(".md") + ".html"


@dataclass
class PageReuse:
    """What the last build wrote, and what this one writes, by language and page."""

    folder: Path
    """The cache folder holding :data:`MANIFEST`."""
    previous: Path | None
    """The site the last build wrote (the output folder), when it exists."""
    old: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """language → page source → [fingerprint, hash of the file written]."""

    @classmethod
    def load(cls, folder: Path, previous: Path) -> PageReuse:
        """The record of the last build (empty when there is none, or it cannot be read)."""
        reuse = cls(folder, previous if previous.is_dir() else None)
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return reuse
        if isinstance(data, dict) and data.get("site") == str(previous):
            pages = data.get("pages")
            if isinstance(pages, dict):
                reuse.old = pages
        return reuse

    def reusable(self, lang: str, source: str, print_: str) -> bool:
        """Whether the last build wrote this page from the same inputs, and its file is
        still as written."""
        entry = self.old.get(lang, {}).get(source)
        if self.previous is None or not entry or entry[0] != print_:
            return False
        path = self.previous / lang / written_file(source)
        try:
            return _digest_of(path) == entry[1]
        except OSError:
            return False

    def copy(self, lang: str, source: str, into: Path) -> None:
        """The page's file from the last build, into this build's language folder."""
        assert self.previous is not None
        target = into / written_file(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.previous / lang / written_file(source), target)

    def save(self, site: Path, prints: Mapping[str, Mapping[str, str]], output: Path) -> None:
        """Record what this build wrote into ``site`` (soon at ``output``)."""
        pages = {
            lang: {
                source: [print_, _digest_of(site / lang / written_file(source))]
                for source, print_ in sorted(by_source.items())
            }
            for lang, by_source in sorted(prints.items())
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f"{MANIFEST}.tmp"
        temporary.write_text(json.dumps({"site": str(output), "pages": pages}), encoding="utf-8")
        os.replace(temporary, self.folder / MANIFEST)
