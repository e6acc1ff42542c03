"""Part of stage 7: what one part makes, keeps and links (:class:`PartPlan`).

Each page of a part is planned from its spec (:mod:`generator.site.specs`) and its
fingerprint (:mod:`generator.site.inputs`): kept from the previous build (linked, never
made), made and rendered, or given to MkDocs unrendered (a page of another part that every
menu names, or that the search index holds: its title and the search entries an earlier
build made of it, kept in the content cache by fingerprint). The part's source files are
kept the same way, by their blob; MkDocs' own files of a language (search index, 404 page,
assets) by the language's frame and the pages its index is made of.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from generator.base import urls
from generator.base.cache import ContentStore
from generator.output.mkdocs_plugin import PreparedPage
from generator.output.page_reuse import KeptPage, PageReuse, written_file
from generator.output.writer import prepared_page
from generator.site import (
    OutputFile,
    PageSpec,
    page_for,
    policy_redirects,
    source_file,
    with_alternates,
)
from generator.site.context import SiteContext, source_sha256
from generator.site.inputs import fingerprint
from generator.site.page_addresses import Addresses, alternates
from generator.site.parts import Part
from generator.site.specs import core_specs, nav_title, policy_specs


@dataclass(frozen=True, slots=True)
class PartsRun:
    """Everything the workers share (inherited by fork)."""

    site: SiteContext
    """The site's inputs and what its pages share."""
    addresses: Addresses
    """Every language's page addresses."""
    offered: Addresses
    """The addresses a language selector offers (:func:`offered_addresses`)."""
    folder: Path
    """The site folder the parts write into."""
    work: Path
    """Scratch space."""
    shared: str
    """What every page is rendered with (tools, theme): part of each fingerprint."""
    reuse: PageReuse | None = None
    """The previous build's files, for those unchanged."""
    live_reload: bool = False
    """Pages reload themselves when ``serve`` rebuilds."""
    store: ContentStore | None = field(default=None)
    """The content cache the site's diffs (and kept pages' search entries) are kept in."""


def write_files(folder: Path, files: Iterable[OutputFile]) -> None:
    """Write each file under ``folder``."""
    for item in files:
        target = folder / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.content)


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


@dataclass
class PartPlan:
    """One part while its worker plans, makes and writes it."""

    run: PartsRun
    part: Part
    frame: str
    """The language's frame: what every one of its pages is made with."""
    render: dict[str, PreparedPage] = field(default_factory=dict)
    """What MkDocs is given, by source, in order: pages to render and pages it only needs."""
    kept: set[str] = field(default_factory=set)
    """Sources of the rendered pages the part keeps (the others are only for MkDocs)."""
    prints: dict[str, str] = field(default_factory=dict)
    """Fingerprint of each file it writes or keeps, by path from the site root."""
    index: dict[str, str] = field(default_factory=dict)
    """Fingerprint of each indexed page, by source: the pages the search index is made of."""
    reused: int = 0

    @property
    def lang(self) -> str:
        return self.part.lang

    def owns(self, spec: PageSpec) -> bool:
        """Whether the part keeps the page (its policy's, or its language's own)."""
        part = self.part
        return spec.policy in part.policies if spec.policy else part.owns_language

    def fingerprint(self, spec: PageSpec) -> str:
        site = self.run.site
        codes = site.config.language_codes
        return fingerprint(
            site, spec, self.frame, alternates(self.run.addresses, codes, spec.url, spec.policy)
        )

    def plan(self, spec: PageSpec) -> None:
        """Decide what becomes of one page: kept from the previous build, made and rendered,
        or given to MkDocs unrendered (only its title, for every page's menu)."""
        site, run, lang = self.run.site, self.run, self.lang
        owned = self.owns(spec)
        indexed = spec.in_search and self.part.owns_language
        if not owned and not indexed:
            if spec.in_nav:
                self.render[spec.source] = _unrendered(site, spec, ())
            return
        print_ = self.fingerprint(spec)
        if indexed:
            self.index[spec.source] = print_
        path = f"{lang}/{written_file(spec.source)}"
        if owned:
            self.prints[path] = print_
        entries = _kept_entries(run.store, print_) if indexed else ()
        if entries is not None and (not owned or (run.reuse and run.reuse.reusable(path, print_))):
            if owned:
                assert run.reuse is not None
                run.reuse.link(path, run.folder)
                self.reused += 1
            if spec.in_nav or indexed:
                self.render[spec.source] = _unrendered(site, spec, entries)
            return
        page = page_for(site, spec)
        page = with_alternates([page], run.offered, site.config.language_codes)[0]
        self.render[spec.source] = prepared_page(page, lang, site.config)
        if owned:
            self.kept.add(spec.source)


def _unrendered(
    site: SiteContext, spec: PageSpec, entries: tuple[dict[str, Any], ...]
) -> PreparedPage:
    """A page MkDocs needs but does not render: its title (every menu names it) and the
    search entries of the last build."""
    meta: dict[str, Any] = {"title": escape(nav_title(site, spec))} if spec.in_nav else {}
    return PreparedPage(spec.source, Markup(""), (), meta, search=entries)


def _kept_entries(store: ContentStore | None, print_: str) -> tuple[dict[str, Any], ...] | None:
    """The search entries an earlier build made of the page with this fingerprint."""
    found = store.load("pages", print_) if store is not None else None
    return found.search if isinstance(found, KeptPage) else None


def part_specs(site: SiteContext, part: Part) -> list[PageSpec]:
    """The pages of one part's MkDocs build: the language's core pages (its navigation and
    search index are made from them), then its own policies' pages."""
    lang = part.lang
    specs = core_specs(site, lang)
    core = {spec.source for spec in specs}
    for policy in site.policies:
        if policy in part.policies:
            specs += [
                s for s in policy_specs(site, policy, lang, main=False) if s.source not in core
            ]
    return specs


def language_print(state: PartPlan) -> str:
    """The fingerprint of MkDocs' own files of a language (search index, 404 page, assets):
    its frame, and the pages the search index is made of."""
    text = json.dumps([state.frame, sorted(state.index.items())], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def keep_search(
    store: ContentStore | None, state: PartPlan, indexed: Mapping[str, list[dict[str, Any]]]
) -> None:
    """Keep the search entries of each indexed page MkDocs rendered, under its fingerprint."""
    if store is None:
        return
    for source, print_ in state.index.items():
        page = state.render.get(source)
        if page is not None and page.rendered and source in indexed:
            store.save("pages", print_, KeptPage({}, tuple(indexed[source])))


def move_out(state: PartPlan, out: Path, language: str) -> None:
    """Move what the part keeps from MkDocs' folder ``out`` into the site folder: its own
    pages, and, for the part that owns the language, MkDocs' files of the language."""
    run, lang = state.run, state.lang
    into = run.folder / lang
    for source in state.kept:
        _move(out / written_file(source), into / written_file(source))
    if not state.part.owns_language:
        return
    pages = {written_file(source) for source in state.render}
    for path in sorted(p for p in out.rglob("*") if not p.is_dir()):
        name = path.relative_to(out).as_posix()
        if name in pages:
            continue  # a page another part keeps, rendered here for the search index
        _move(path, into / name)
        state.prints[f"{lang}/{name}"] = language


def policy_files(state: PartPlan, policy: str) -> None:
    """A policy's source files (kept when their text is the one the last build wrote) and
    the redirects of its earlier addresses."""
    run, lang = state.run, state.lang
    timeline = run.site.timelines[(policy, lang)]
    for version in timeline.versions:
        revision = version.edits[-1].revision
        path = urls.source(lang, policy, version.effective_date)
        print_ = f"source {revision.blob or source_sha256(version)}"
        state.prints[path] = print_
        if run.reuse is not None and run.reuse.reusable(path, print_):
            run.reuse.link(path, run.folder)
        else:
            write_files(run.folder, [source_file(version, lang)])
    write_files(run.folder, policy_redirects(run.site, policy, lang))
