"""What every page builder needs: the timelines, the day, the site's words, the templates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from generator.base import urls
from generator.base.cache import ContentStore, content_key
from generator.base.urls import relative
from generator.base.visible import visible
from generator.config import SiteConfig
from generator.diff import Diff, DiffMemo, diff_documents
from generator.document import Document, DocumentFacts, markdown_engine
from generator.history import FileEvent, Revision, commit_title
from generator.render import render_changes
from generator.render.i18n import Messages, words_for
from generator.render.summary import SUMMARY_KEY, count_lines
from generator.site.groups import Grouping, grouping
from generator.site.links import rebase_links as rebase_links
from generator.site.model import OutputFile, TocEntry
from generator.site.record import RecordInput
from generator.site.records import Amendment, LineageSketch, SectionLineage
from generator.versions import Standing, Status, Timeline, Version, release_documents, standing

TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    trim_blocks=False,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)

Timelines = Mapping[tuple[str, str], Timeline]
"""Every file's timeline by (policy, language)."""


def policy_title(
    config: SiteConfig,
    timelines: Timelines,
    policy: str,
    lang: str,
    version: Version | None = None,
) -> str:
    """A policy's name in ``lang``, the one rule every page, feed and message uses:
    the configured title in that language, else the title of the text shown (``version``,
    or the latest), else the configured title in the default language, else its id."""
    configured = config.configured_title(policy, lang)
    if configured:
        return configured
    timeline = timelines.get((policy, lang))
    shown = version or (timeline.latest if timeline else None)
    if shown is not None and shown.facts.title:
        # A past version's title cannot be refused any more: shown visibly.
        return visible(shown.facts.title)
    fallback = config.configured_title(policy, config.languages.default)
    return fallback or policy.replace("-", " ").replace("/", " – ").capitalize()


# Summaries are a few sentences: headings would break the outline of the pages that show
# them, so a line starting with "#" stays text.
_SUMMARY_ENGINE = markdown_engine().disable(["heading", "lheading"])


def summary_of(document: Document | DocumentFacts) -> str | None:
    """The version's ``summary:`` when it is text with something in it, else None."""
    value = document.metadata.get(SUMMARY_KEY)
    return value if isinstance(value, str) and value.strip() else None


@functools.cache
def _summary_markup(text: str) -> Markup:
    # Trusted: the one Markdown engine, raw HTML escaped and unsafe links refused.
    return Markup(_SUMMARY_ENGINE.render(text))


def summary_html(
    version: Version, shown_at: str = "", public: Callable[[str], str] | None = None
) -> Markup | None:
    """``version``'s summary rendered by markdown-it-py, its relative links re-pointed for
    the page at ``shown_at`` (they are written, like the text's, from the policy's page), or
    made full addresses by ``public``; its links to sections lead to the version's page."""
    text = summary_of(version.facts)
    if text is None:
        return None
    html = _summary_markup(text)
    if not (shown_at or public):
        return html
    written_for = urls.policy(version.lang, version.policy)
    sections = urls.version(version.lang, version.policy, version.effective_date)
    return rebase_links(html, written_for, shown_at, public, sections)


def commit_title_fields(site: SiteContext, revision: FileEvent) -> dict[str, str]:
    """A commit line's ``message``, ``request`` and ``request_href``: a merged pull
    request's title and link (:mod:`generator.history.commit_titles`), else the subject."""
    body = revision.body if isinstance(revision, Revision) else ""
    title = commit_title(revision.message, body, site.config.site.repo_url)
    return {"message": title.text, "request": title.reference, "request_href": title.href}


def source_bytes(version: Version) -> bytes:
    """The version's file exactly as last corrected: its text was decoded as strict UTF-8,
    so encoding it again gives the committed bytes; a past revision that is not UTF-8 keeps
    the bytes it was committed with."""
    revision = version.edits[-1].revision
    return revision.raw if revision.raw is not None else revision.text.encode("utf-8")


def source_sha256(version: Version) -> str:
    """The SHA-256 of :func:`source_bytes`, in hex (worked out as the history was read)."""
    revision = version.edits[-1].revision
    return revision.sha256 or hashlib.sha256(source_bytes(version)).hexdigest()


@dataclass
class DiffCache:
    """Each diff computed once, each redline rendered once, each text tokenised once (and
    each pair of section texts aligned once), for the versions of one policy in one language; with a content store, rendered redlines
    are kept across builds.

    A pair of versions is shown on several pages (its changes page, a since/ page, a
    comparison, the section histories), and a text on many diffs: each is worked out the
    first time and reused after. Diffs only ever compare versions of the same file, so
    once a policy's pages in a language are made, :meth:`release` lets all of it go: what
    the cache holds is bounded by the largest policy file's history, not by the site.

    The store keeps redlines (text) rather than diffs: reading back a pickled diff, with
    copies of both texts' blocks, costs about as much as computing it again.
    """

    store: ContentStore | None = None
    """Redlines kept from earlier builds, by the digests of their two documents."""
    diffs: dict[tuple[str, str], Diff] = field(default_factory=dict)
    """Diffs by the digests of their two documents."""
    memo: DiffMemo = field(default_factory=DiffMemo)
    """What the diffs since the last :meth:`release` share: tokens, block alignments."""
    rendered: dict[tuple[str, str, str, str], Markup] = field(default_factory=dict)
    """Redlines by their documents' digests, language and id prefix."""

    def between(self, old: Document, new: Document) -> Diff:
        """The diff of ``old`` → ``new``, computed once."""
        key = (_identity(old), _identity(new))
        found = self.diffs.get(key)
        if found is None:
            found = self.diffs[key] = diff_documents(old, new, self.memo)
        return found

    def counts(self, old: Document, new: Document, words: Messages) -> tuple[str, ...]:
        """What ``old`` → ``new`` changed, counted ("2 sections changed", "1 section
        added") in ``words``' language (from the store when an earlier build counted it)."""
        key = ""
        if self.store is not None and old.digest and new.digest:
            key = content_key("counts", old.digest, new.digest, words.identity)
            found = self.store.load("counts", key)
            if isinstance(found, tuple) and all(isinstance(line, str) for line in found):
                return found
        lines = tuple(count_lines(self.between(old, new), words))
        if self.store is not None and key:
            self.store.save("counts", key, lines)
        return lines

    def numbers(self, old: Document, new: Document) -> dict[str, int]:
        """What ``old`` → ``new`` changed, as the diff's counts (sections added, removed,
        changed…, words inserted and deleted), from the store when an earlier build counted
        it."""
        key = ""
        if self.store is not None and old.digest and new.digest:
            key = content_key("numbers", old.digest, new.digest)
            found = self.store.load("numbers", key)
            if isinstance(found, dict) and all(isinstance(v, int) for v in found.values()):
                return found
        numbers = dataclasses.asdict(self.between(old, new).counts)
        if self.store is not None and key:
            self.store.save("numbers", key, numbers)
        return numbers

    def redline(self, old: Document, new: Document, words: Messages, id_prefix: str = "") -> Markup:
        """The HTML redline of ``old`` → ``new`` in ``words``' language, rendered once
        (or taken from the store when an earlier build rendered the same)."""
        memo = (_identity(old), _identity(new), words.identity, id_prefix)
        html = self.rendered.get(memo)
        if html is not None:
            return html
        key = ""
        if self.store is not None and old.digest and new.digest:
            key = content_key("redline", old.digest, new.digest, words.identity, id_prefix)
            found = self.store.load("redlines", key)
            if isinstance(found, str):
                # Rendered by render_changes, below, in an earlier build.
                html = self.rendered[memo] = Markup(found)
                return html
        html = self.rendered[memo] = render_changes(
            self.between(old, new), words, id_prefix=id_prefix
        )
        if self.store is not None and key:
            self.store.save("redlines", key, str(html))
        return html

    def release(self) -> None:
        """Forget every diff, redline and token, and the documents read back from disk: the
        pages that needed them are made."""
        self.diffs.clear()
        self.memo.clear()
        self.rendered.clear()
        release_documents()


def _identity(document: Document) -> str:
    """What a diff of ``document`` is kept under: its digest (two documents with one digest
    are the same), or, for one made by hand without, the object itself."""
    return document.digest or f"object {id(document)}"


@dataclass
class SiteContext:
    """The inputs of one build and what its pages share."""

    config: SiteConfig
    """The configuration."""
    timelines: Timelines
    """Every file's versions."""
    as_of: dt.date
    """The day the site is built for."""
    diffs: DiffCache = field(default_factory=DiffCache)
    """Diffs computed so far."""
    sections: dict[tuple[str, str], tuple[SectionLineage, ...]] = field(default_factory=dict)
    """Each (policy, language)'s sections followed through its versions, while its pages
    are made (:meth:`release` lets them go)."""
    sketches: dict[tuple[str, str], tuple[LineageSketch, ...]] = field(default_factory=dict)
    """Each (policy, language)'s sections, sketched: kept for the whole build."""
    pdfs: dict[str, str] = field(default_factory=dict)
    """The PDFs this build publishes: SHA-256 (hex) by address (``urls.pdf``)."""
    standings: dict[tuple[int, str], Standing] = field(default_factory=dict)
    """Each version's standing, by the id of the version (which the timelines keep alive)
    and the language it is shown in."""
    amendments: dict[tuple[str, str], tuple[Amendment, ...]] = field(default_factory=dict)
    """Each policy's amendments in each language, once worked out (see
    :func:`generator.site.amendments.policy_amendments`)."""
    record: RecordInput = field(default_factory=RecordInput)
    """The previous deployment's publication record, and the reason its findings were
    accepted (:mod:`generator.site.record_update`)."""
    change_counts: dict[tuple[str, str], dict[tuple[str, str], dict[str, int]]] = field(
        default_factory=dict
    )
    """Each policy's counts in each language, worked out with its amendments: by (version,
    "") what a version changed from the one before as first published, by (version,
    commit) what a correction changed (:func:`generator.site.amendments.change_counts`)."""

    def release(self) -> None:
        """Let go of what one policy's pages needed (diffs, redlines, lineages, documents
        read back from disk): the next policy's pages need none of it."""
        self.diffs.release()
        self.sections.clear()

    @property
    def default(self) -> str:
        """The authoritative language."""
        return self.config.languages.default

    @property
    def policies(self) -> list[str]:
        """Every policy id, in home-page order (configured order, then id)."""
        found = {policy for policy, _lang in self.timelines}
        order = {p: entry.order for p, entry in self.config.policies.items()}
        return sorted(found, key=lambda p: (order.get(p, 0), p))

    @functools.cached_property
    def grouping(self) -> Grouping:
        """Each policy's group, and the groups in order."""
        previous = self.record.previous
        return grouping(
            self.config, self.timelines, self.policies, previous.groups if previous else None
        )

    def group_title(self, group: str, lang: str) -> str:
        """The name of group ``group`` in ``lang``."""
        found = next((g for g in self.grouping.groups if g.id == group), None)
        return found.title(lang, self.default) if found else ""

    def pdf(self, version: Version, lang: str) -> tuple[str, str] | None:
        """``version``'s PDF in ``lang`` (address from the site root, SHA-256), if it has one."""
        address = urls.pdf(lang, version.policy, version.effective_date)
        digest = self.pdfs.get(address)
        return (address, digest) if digest is not None else None

    def standing(self, version: Version, lang: str) -> Standing:
        """``version``'s status and period on the as-of day, a translation judged against
        the authoritative language (:func:`generator.versions.standing`), worked out once."""
        key = (id(version), lang)
        found = self.standings.get(key)
        if found is None:
            timeline = self.timelines[(version.policy, lang)]
            authority = self.timelines.get((version.policy, self.default))
            found = self.standings[key] = standing(timeline, version, self.as_of, authority)
        return found

    def outdated(self, policy: str, lang: str) -> Version | None:
        """The authoritative version in force when ``lang``'s newest text of ``policy``
        translates an earlier one (None when the translation is up to date)."""
        timeline = self.timelines.get((policy, lang))
        reference = timeline.reference(self.as_of) if timeline else None
        return self.standing(reference, lang).in_force if reference else None

    def words(self, lang: str) -> Messages:
        """The site's words in ``lang``."""
        return words_for(self.config, lang)

    def title(self, policy: str, lang: str, version: Version | None = None) -> str:
        """See :func:`policy_title`."""
        return policy_title(self.config, self.timelines, policy, lang, version)

    def language_name(self, lang: str) -> str:
        """The language's own name, as configured."""
        return self.config.language(lang).name or lang

    def render(self, template: str, lang: str, **values: Any) -> Markup:
        """A page body from ``generator/templates/<template>`` (autoescaped: only values
        that are :class:`Markup` already reach the page as HTML)."""
        words = self.words(lang)
        status_words = {
            Status.IN_FORCE: words("In force"),
            Status.UPCOMING: words("Upcoming"),
            Status.SUPERSEDED: words("Superseded"),
            Status.WITHDRAWN: words("Withdrawn"),
            Status.TRANSLATION_OUTDATED: words("Outdated translation"),
            Status.DISCONTINUED: words("Translation discontinued"),
        }
        return Markup(
            TEMPLATES.get_template(template).render(
                words=words, status_words=status_words, lang=lang, **values
            )
        )


def redirect_file(
    site: SiteContext, from_url: str, to_url: str, fragment: str, lang: str, title: str
) -> OutputFile:
    """A small page at ``from_url`` that sends visitors on to ``to_url`` (``#fragment``):
    an address published once keeps leading somewhere when its page has gone."""
    target = relative(from_url, to_url) + (f"#{fragment}" if fragment else "")
    config = site.config
    html = TEMPLATES.get_template("redirect.html").render(
        lang=lang,
        title=title,
        target=target,
        canonical=config.public_url(to_url) if config.site.url else target,
        alternates=[],
    )
    return OutputFile(f"{from_url}index.html", html.encode("utf-8"))


def toc(document: Document) -> tuple[TocEntry, ...]:
    """The table of contents of a policy text: its level-2 and level-3 sections."""
    return tuple(
        TocEntry(section.id, section.label, section.level)
        for section in document.sections
        if section.level in (2, 3)
    )
