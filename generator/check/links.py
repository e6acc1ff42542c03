"""Links in the versions in force or upcoming, and section ids.

Rules: ``broken-link``, ``duplicate-section-id``. A link is resolved from the policy's own
page with :func:`generator.base.urls.resolve`, the same layout the site is built with; whether a
comparison or a section's history exists is asked of the functions that build those pages.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from generator.base import urls
from generator.base.urls import API_INDEX, FEED, PDF_SUFFIX, SOURCE, PageKind, Target, resolve
from generator.check.context import CheckContext
from generator.check.model import Problem, Severity
from generator.document import Document
from generator.site.compare import comparisons, retired_comparisons
from generator.site.context import SiteContext
from generator.site.sections import section_ids
from generator.versions import Timeline, Version

Reason = tuple[str, str | None]
"""Why a link leads nowhere, and a hint."""


@dataclass(frozen=True, slots=True)
class _Span:
    """The version a link is in, and the days on which that version is shown."""

    version: Version
    start: dt.date
    end: dt.date | None


@dataclass
class _Published:
    """The comparisons and section histories the site has, computed only when a link
    points to one (a section's history needs the diffs of every version)."""

    ctx: CheckContext
    site: SiteContext | None = None
    pairs: dict[tuple[str, str], set[tuple[dt.date, dt.date]]] = field(default_factory=dict)

    def _site(self) -> SiteContext:
        if self.site is None:
            self.site = SiteContext(self.ctx.config, self.ctx.timelines, self.ctx.as_of)
        return self.site

    def comparisons(self, timeline: Timeline) -> set[tuple[dt.date, dt.date]]:
        """Every pair with an address: on offer, or once offered and now a redirect."""
        key = (timeline.policy, timeline.lang)
        if key not in self.pairs:
            limit, as_of = self.ctx.config.compare.all_pairs_up_to, self.ctx.as_of
            found = {
                (old.effective_date, new.effective_date)
                for old, new in comparisons(timeline, as_of, limit)
            }
            found.update(retired_comparisons(self._site(), timeline))
            self.pairs[key] = found
        return self.pairs[key]

    def sections(self, timeline: Timeline) -> Mapping[str, str]:
        """Every section id with a history address."""
        return section_ids(self._site(), timeline.policy, timeline.lang)


def check_links(ctx: CheckContext) -> Iterator[Problem]:
    """Duplicate section ids in each newest file; broken links in each live version."""
    published = _Published(ctx)
    for timeline in ctx.timelines.values():
        yield from _duplicate_ids(ctx, timeline)
        current = timeline.current(ctx.as_of)
        for version in ([current] if current else []) + list(timeline.upcoming(ctx.as_of)):
            following = timeline.next(version)
            span = _Span(
                version,
                max(ctx.as_of, version.effective_date),
                following.effective_date if following else None,
            )
            which = (
                ""
                if version is timeline.latest
                else f" (in the version of {version.effective_date})"
            )
            for link in version.document.links:
                reason = _link_problem(ctx, link.href, span, published)
                if reason is not None:
                    yield ctx.problem(
                        "broken-link",
                        f"the link '{link.href}' {reason[0]}{which}.",
                        file=timeline.path,
                        line=link.line,
                        hint=reason[1],
                    )


def _duplicate_ids(ctx: CheckContext, timeline: Timeline) -> Iterator[Problem]:
    """Headings that give the same link, in each file's newest text: errors in a file still
    published, one warning for a file deleted or not published (it cannot be fixed, or is
    not read by anyone)."""
    newest = ctx.newest.get((timeline.policy, timeline.lang))
    document = ctx.parse(newest) if newest else None
    if newest is None or not isinstance(document, Document) or not document.duplicate_ids:
        return
    if not ctx.is_current(newest):
        anchor, line = document.duplicate_ids[0]
        more = len(document.duplicate_ids) - 1
        yield ctx.problem(
            "duplicate-section-id",
            f"the last version of this file, no longer published, has two sections whose "
            f"heading makes the link '#{anchor}' (line {line})"
            + (f", and {more} more such headings" if more else "")
            + "; history cannot be changed, so this is only a warning.",
            file=timeline.path,
            commit=newest.commit,
            severity=Severity.WARNING,
        )
        return
    for anchor, line in document.duplicate_ids:
        yield ctx.problem(
            "duplicate-section-id",
            f"two sections have the heading that makes the link '#{anchor}'; the second "
            "one only gets a numbered link, which changes whenever sections move.",
            file=timeline.path,
            line=line,
            hint="Give each section a different heading.",
        )


def _link_problem(
    ctx: CheckContext, href: str, span: _Span, published: _Published
) -> Reason | None:
    """Why ``href`` in ``span.version`` leads nowhere, or None when it works."""
    source = span.version
    site = ctx.config.site.url
    if site and href.startswith(site):
        href = "/" + href[len(site) :]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None  # web and e-mail addresses are not checked
    fragment = unquote(parts.fragment)
    if not parts.path:
        return _section_problem(fragment, source.document, "this policy")
    if _FILE_LINK.fullmatch(href) and not href.startswith("/") and not _site_file(parts.path):
        return _file_problem(ctx, parts.path, source.document.path)
    base = urlsplit(site).path if site else "/"
    base = base if base.endswith("/") else base + "/"
    page = f"{base}{source.lang}/{source.policy}/"
    path = posixpath.normpath(posixpath.join(page, unquote(parts.path)))
    shown = f"leads to {path}{'/' if not path.endswith('/') else ''}"
    if not (path + "/").startswith(base):
        return f"{shown}, which is outside this site", None
    inside = path[len(base) :]
    # A former id (a renamed policy's) still works: the site redirects its addresses.
    former = {
        old: (policy, lang) for (policy, lang), t in ctx.timelines.items() for old in t.former_ids
    }
    target = resolve(inside, {policy for policy, _lang in ctx.timelines} | set(former))
    if inside.endswith(".md") and target.file != SOURCE:
        return f"{shown}, a Markdown file rather than a page of the site", (
            "Link to the policy's page instead, for example ../terms/ or ../terms/#section-id."
        )
    if target.file == API_INDEX or (target.kind is None and not target.lang):
        return None
    if target.lang not in ctx.config.language_codes:
        return f"{shown}, but there is no language '{target.lang}' on this site", (
            "Links between policies look like ../terms/ or ../terms/#section-id."
        )
    if target.kind in (PageKind.HOME, PageKind.WHATS_NEW) or (target.file and not target.policy):
        return None
    timeline = ctx.timelines.get((target.policy, target.lang))
    if timeline is None and target.policy in former:
        timeline = ctx.timelines.get((former[target.policy][0], target.lang))
    if timeline is None:
        return _no_policy(ctx, shown, target.unknown or target.policy)
    if target.kind in (PageKind.COMPARE_INDEX, PageKind.COMPARE, PageKind.SECTION_HISTORY):
        return _reader_page(ctx, timeline, target, shown, published)
    return _policy_link(ctx, timeline, target, fragment, shown, span)


_FILE_LINK = re.compile(r"[^:#?]*\.(?:md|markdown)(?:[?#].*)?", re.IGNORECASE)


def _site_file(path: str) -> bool:
    """Whether ``path`` names a file the site itself publishes (a version's source.md)."""
    return posixpath.basename(path) == SOURCE


def _file_problem(ctx: CheckContext, path: str, source: str) -> Reason:
    """A link to a Markdown file that holds no policy (links to policies' files were made
    links to their pages already)."""
    written = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(path)))
    files = sorted({t.path for t in ctx.timelines.values()} | {r.path for r in ctx.newest.values()})
    close = difflib.get_close_matches(written, files, n=1, cutoff=0.5)
    return f"leads to the file {written}, which is not a policy of this site", (
        f"Did you mean {posixpath.relpath(close[0], posixpath.dirname(source) or '.')}?"
        if close
        else "Link to another policy's file as it is in the repository (../terms/en.md), "
        "or to its page (../terms/)."
    )


def _reader_page(
    ctx: CheckContext, timeline: Timeline, target: Target, shown: str, published: _Published
) -> Reason | None:
    """A link to the comparisons, one comparison, or a section's history."""
    name = f"the {ctx.policy_name(timeline.policy, timeline.lang)}"
    if target.kind is PageKind.SECTION_HISTORY:
        known = published.sections(timeline)
        if target.section in known:
            return None
        close = difflib.get_close_matches(target.section, sorted(known), n=1)
        return f"{shown}, but {name} has no section '{target.section}'", (
            f"Did you mean /{urls.section_history(timeline.lang, timeline.policy, close[0])}?"
            if close
            else None
        )
    if len(timeline.versions) < 2:
        return f"{shown}, but {name} has only one version, so nothing to compare", None
    if target.kind is PageKind.COMPARE_INDEX:
        return None
    if (target.base, target.day) in published.comparisons(timeline):
        return None
    return (
        f"{shown}, but {name} has no comparison of the versions of {target.base} and {target.day}",
        f"The comparisons on offer are listed at /{urls.compare_index(timeline.lang, timeline.policy)}.",
    )


def _no_policy(ctx: CheckContext, shown: str, written: str) -> Reason:
    known = sorted({p for p, _ in ctx.timelines})
    close = difflib.get_close_matches(written.split("/")[-1], known, n=1)
    return f"{shown}, but there is no such page", (
        f"Did you mean ../{close[0]}/?"
        if close
        else f"The policies are: {', '.join(known)}; link to them as ../<policy>/."
    )


def _policy_link(
    ctx: CheckContext, timeline: Timeline, target: Target, fragment: str, shown: str, span: _Span
) -> Reason | None:
    name = f"the {ctx.policy_name(timeline.policy, timeline.lang)}"
    if target.kind is PageKind.HISTORY or target.file == FEED:
        return None
    if target.kind is PageKind.POLICY:
        return _policy_page_sections(timeline, fragment, name, span) if fragment else None
    if target.day is None:
        return f"{shown}, but {name} has no such page", None
    version = timeline.find(target.day)
    if version is None:
        dates = ", ".join(v.slug for v in timeline.versions)
        return f"{shown}, but {name} has no version of {target.day}", f"Its versions are: {dates}."
    if target.kind is PageKind.VERSION:
        where = f"{name} (version of {version.effective_date})"
        return _section_problem(fragment, version.document, where)
    if target.file == SOURCE or (target.file.endswith(PDF_SUFFIX) and ctx.config.pdf):
        return None
    if target.kind is PageKind.SINCE or (
        target.kind is PageKind.CHANGES and timeline.previous(version)
    ):
        return None
    if target.kind is PageKind.CORRECTION and any(
        urls.correction(timeline.lang, timeline.policy, version.slug, e.revision.commit)
        == urls.correction(timeline.lang, timeline.policy, version.slug, target.section)
        for e in version.corrections
    ):
        return None
    return f"{shown}, but {name} has no such page", None


def _policy_page_sections(
    timeline: Timeline, fragment: str, name: str, span: _Span
) -> Reason | None:
    """A ``#section`` on a policy's page must exist in every version shown there while the
    linking version is."""
    shown = [
        v
        for v in timeline.versions
        if v is timeline.current(span.start)
        or (span.start < v.effective_date and (span.end is None or v.effective_date < span.end))
    ] or [timeline.versions[0]]
    for version in shown:
        where = (
            f"{name} (its version of {version.effective_date}, shown from "
            f"{max(span.start, version.effective_date)})"
        )
        reason = _section_problem(fragment, version.document, where)
        if reason is not None:
            return reason
    return None


def _section_problem(fragment: str, document: Document, where: str) -> Reason | None:
    """Why ``#fragment`` has no target in ``document``: no section has that id, and no
    anchor its author wrote (``{: #id }``, ``<a id>``, ``<a name>``) has it."""
    if not fragment or fragment in {s.id for s in document.sections} | set(document.anchors):
        return None
    ids = [s.id for s in document.sections if s.id] + list(document.anchors)
    close = difflib.get_close_matches(fragment, ids, n=1)
    hint = (
        f"Did you mean '#{close[0]}'?"
        if close
        else "A section's link is its heading in lower case with hyphens, without its number."
    )
    return f"points to a section or anchor '{fragment}' that {where} does not have", hint
