"""What each page is made from, as a fingerprint: a rebuild makes only the pages whose
inputs changed.

A page's fingerprint hashes the facts its builder reads, never the page itself, so an
unchanged page is neither made nor rendered: the versions it shows (each revision's
commit, date, author, message, path, blob and the digest of its parsed text), their status
on the as-of day and their standing (period, the authoritative version a translation
reflects, the one in force when it lags), the neighbours, amendments and comparisons it
links to, the titles it prints, the addresses its language selector leads to, and the
*frame* every page of a language shares (the configuration, the site's words: every
catalogue read, the site's own first; MkDocs' settings and navigation, with the footer's
and the not-found page's words; the theme and the tools' versions: :func:`frame`). The
facts are listed per kind of page, beside what the builders of that kind read; a test
builds sample sites over every commit of their history and several as-of days and checks
that two pages with one fingerprint are the same page, so a builder that starts reading
something new without saying so here is caught.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from generator.base.urls import PageKind
from generator.site.compare import comparisons
from generator.site.context import SiteContext
from generator.site.pages import home_item
from generator.site.record_pages import replacements
from generator.site.sections import section_sketches
from generator.site.specs import PageSpec
from generator.versions import Edit, Timeline, Version

Facts = list[Any]
"""JSON-ready facts (strings, numbers, lists)."""


def _digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def frame(config_repr: str, words_identity: str, settings: Mapping[str, Any], shared: str) -> str:
    """What every page of one language is made with: the configuration, the language's
    words, its MkDocs settings (navigation included, folders aside) and the theme and
    tools (``shared``)."""
    kept = {k: v for k, v in settings.items() if k not in ("docs_dir", "site_dir")}
    return _digest([config_repr, words_identity, kept, shared])


def _edit(edit: Edit) -> Facts:
    revision = edit.revision
    return [
        revision.commit,
        revision.committed.isoformat(),
        revision.author,
        revision.message,
        revision.body,
        revision.path,
        revision.blob,
        edit.facts.digest,
    ]


def _version(site: SiteContext, timeline: Timeline, version: Version | None) -> Facts:
    """Everything about one version: its date, status and every revision that made it."""
    if version is None:
        return []
    status = timeline.status(version, site.as_of)
    return [
        version.slug,
        str(status),
        [_edit(edit) for edit in version.edits],
        _standing_of(site, timeline, version),
    ]


def _standing_of(site: SiteContext, timeline: Timeline, version: Version) -> Facts:
    """How the version stands, told the same way everywhere: its status and period, the
    authoritative version it translates and, when it lags, the one in force instead."""
    found = site.standing(version, timeline.lang)
    return [
        str(found.status),
        found.start.isoformat(),
        found.end.isoformat() if found.end else "",
        found.translates.slug if found.translates else "",
        found.in_force.slug if found.in_force else "",
    ]


def _timeline(site: SiteContext, timeline: Timeline) -> Facts:
    """The whole file: every version, withdrawn version, deletion and former id."""
    withdrawn = [
        [w.effective_date.isoformat(), [_edit(e) for e in w.edits]] for w in timeline.withdrawn
    ]
    removals = [
        [w.day.isoformat(), w.removal.commit, w.removal.author, w.removal.message]
        for w in timeline.withdrawals
    ]
    return [
        timeline.path,
        [_version(site, timeline, v) for v in timeline.versions],
        withdrawn,
        removals,
        list(timeline.former_ids),
    ]


def _standing(site: SiteContext, timeline: Timeline) -> Facts:
    """Where the file stands on the as-of day: the version compared with, the one in
    force, the withdrawal, and the authoritative language's version in force (which a
    translation's banner names)."""
    reference = timeline.reference(site.as_of)
    current = timeline.current(site.as_of)
    gone = timeline.withdrawal_as_of(site.as_of)
    authority = site.timelines.get((timeline.policy, site.default))
    lead = authority.current(site.as_of) if authority else None
    outdated = site.outdated(timeline.policy, timeline.lang)
    return [
        reference.slug if reference else "",
        current.slug if current else "",
        gone.day.isoformat() if gone else "",
        lead.slug if lead else "",
        bool(authority and lead and authority.previous(lead)),
        outdated.slug if outdated else "",
        [v.slug for v in timeline.versions if v.is_draft],
    ]


def _pdfs(site: SiteContext, versions: list[Version], lang: str) -> Facts:
    return [site.pdf(version, lang) or "" for version in versions]


def _replaced(site: SiteContext, timeline: Timeline, versions: list[Version]) -> Facts:
    """The texts published at these versions' addresses that the history no longer holds
    (from the previous deployment's record)."""
    return [repr(replacements(site, timeline, version)) for version in versions]


def _neighbours(site: SiteContext, timeline: Timeline, version: Version) -> Facts:
    """The versions on either side of ``version`` (a page names them and their dates)."""
    previous, following = timeline.previous(version), timeline.next(version)
    return [_version(site, timeline, previous)[:2], _version(site, timeline, following)[:2]]


def _section_ids(site: SiteContext, policy: str, lang: str) -> Facts:
    """Each section's history page: its id, other ids, label, and the versions that show
    and change it (by date)."""
    return [
        [x.id, list(x.aliases), [list(a) for a in x.appearances], [list(t) for t in x.steps]]
        for x in section_sketches(site, policy, lang)
    ]


def _version_page(site: SiteContext, spec: PageSpec, timeline: Timeline) -> Facts:
    version = _find(timeline, spec)[0]
    lang = spec.lang
    main = spec.kind is PageKind.POLICY
    found = [
        _version(site, timeline, version),
        _neighbours(site, timeline, version),
        _standing(site, timeline),
        len(timeline.versions) > 1,  # the link to the comparisons
        _pdfs(site, [version], lang),
        site.title(spec.policy, lang, version),
        _replaced(site, timeline, [version]),
    ]
    if main:
        # The policy's page lists every earlier version, announces every upcoming one (its
        # own, or the authoritative language's) and links each section's history.
        authority = site.timelines.get((spec.policy, site.default), timeline)
        found += [
            [v.slug for v in timeline.versions],
            [_version(site, authority, v) for v in authority.upcoming(site.as_of)],
            [_version(site, timeline, v) for v in timeline.upcoming(site.as_of)],
            _section_ids(site, spec.policy, lang),
        ]
    return found


def _redline_page(site: SiteContext, spec: PageSpec, timeline: Timeline) -> Facts:
    shown = _find(timeline, spec)
    reference = timeline.reference(site.as_of)
    found: Facts = [_version(site, timeline, v) for v in shown]
    found += [site.title(spec.policy, spec.lang, v) for v in (*shown, reference) if v]
    if spec.kind is PageKind.SINCE:
        found += [_version(site, timeline, reference), _standing(site, timeline)]
    else:
        found.append(_standing(site, timeline)[-1])  # the drafts
    if spec.kind is PageKind.CHANGES:
        # The amendments before and after (a version's changes page pages through them).
        found.append([_amendment(timeline, v) for v in _around(timeline, shown[-1])])
    if spec.kind is PageKind.COMPARE:
        # The pickers offer every other comparison.
        limit = site.config.compare.all_pairs_up_to
        found.append([[a.slug, b.slug] for a, b in comparisons(timeline, site.as_of, limit)])
    return found


def _around(timeline: Timeline, version: Version) -> list[Version | None]:
    return [timeline.previous(version), timeline.next(version)]


def _amendment(timeline: Timeline, version: Version | None) -> str:
    """An amendment's changes page (its version's slug), if it has one."""
    return version.slug if version and timeline.previous(version) else ""


def _correction_page(site: SiteContext, spec: PageSpec, timeline: Timeline) -> Facts:
    """A correction's page shows the redline of one correction of a version, named by its
    commit and dates."""
    (version,) = _find(timeline, spec)
    return [
        _version(site, timeline, version),
        spec.commit,
        site.title(spec.policy, spec.lang, version),
        _standing(site, timeline)[-1],  # the drafts
    ]


def _find(timeline: Timeline, spec: PageSpec) -> list[Version]:
    found = [timeline.find(day) for day in spec.dates]
    return [v for v in found if v is not None]


def _section_page(site: SiteContext, spec: PageSpec, timeline: Timeline) -> Facts:
    """A section's history shows the versions that changed it (each pair's redline of the
    section, their status), the version it first appeared in and the one that removed it,
    its labels, and whether the version compared with has it."""
    sketch = next(x for x in section_sketches(site, spec.policy, spec.lang) if x.id == spec.section)
    reference = timeline.reference(site.as_of)
    shown = reference.slug if reference else ""

    def version(day: str) -> Facts:
        return _version(site, timeline, timeline.find(dt.date.fromisoformat(day)))

    return [
        [[anchor, version(before), version(day)] for before, day, anchor in sketch.steps],
        sketch.appearances[0][0],
        sorted({label for _day, _id, label in sketch.appearances}),
        sketch.label,
        [section for day, section, _label in sketch.appearances if day == shown],
        sketch.removed,
        site.title(spec.policy, spec.lang),
        _standing(site, timeline)[5],  # whether the translation lags
    ]


def _whole_policy(site: SiteContext, spec: PageSpec, timeline: Timeline) -> Facts:
    """The history and the comparisons' index show the whole file."""
    found = [
        _timeline(site, timeline),
        _standing(site, timeline),
        site.title(spec.policy, spec.lang),
        _pdfs(site, list(timeline.versions), spec.lang),
    ]
    if spec.kind is PageKind.HISTORY:
        found.append(_replaced(site, timeline, list(timeline.versions)))
        found.append(_section_ids(site, spec.policy, spec.lang))
    else:
        limit = site.config.compare.all_pairs_up_to
        found.append([[a.slug, b.slug] for a, b in comparisons(timeline, site.as_of, limit)])
    return found


def _home(site: SiteContext, spec: PageSpec) -> Facts:
    items = [home_item(site, policy, spec.lang) for policy in site.policies]
    return [repr(items), repr(site.grouping)]


def _whats_new(site: SiteContext, spec: PageSpec) -> Facts:
    from generator.site.amendments import amendments  # the records, worked out once

    return [spec.group, repr(amendments(site, spec.lang)), repr(site.grouping)]


_POLICY_FACTS: dict[PageKind, Callable[[SiteContext, PageSpec, Timeline], Facts]] = {
    PageKind.POLICY: _version_page,
    PageKind.VERSION: _version_page,
    PageKind.CHANGES: _redline_page,
    PageKind.CORRECTION: _correction_page,
    PageKind.SINCE: _redline_page,
    PageKind.COMPARE: _redline_page,
    PageKind.SECTION_HISTORY: _section_page,
    PageKind.HISTORY: _whole_policy,
    PageKind.COMPARE_INDEX: _whole_policy,
}


def page_inputs(site: SiteContext, spec: PageSpec) -> Facts:
    """The facts the page of ``spec`` is made from, besides its language's frame."""
    if spec.kind is PageKind.HOME:
        return _home(site, spec)
    if spec.kind is PageKind.WHATS_NEW:
        return _whats_new(site, spec)
    timeline = site.timelines[(spec.policy, spec.lang)]
    return _POLICY_FACTS[spec.kind](site, spec, timeline)


def fingerprint(
    site: SiteContext, spec: PageSpec, language_frame: str, alternates: tuple[tuple[str, str], ...]
) -> str:
    """The fingerprint of the page of ``spec``: its kind, address, language selector, its
    language's frame and its own facts."""
    facts = [str(spec.kind), spec.lang, spec.url, spec.in_nav, spec.in_search]
    return _digest([language_frame, facts, [list(a) for a in alternates], page_inputs(site, spec)])
