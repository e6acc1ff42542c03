"""The site in memory: pages, files, and the values each template is given.

Every value a template reads is a field of one of these frozen dataclasses: templates never
receive dicts, so a misspelt field is an error when the page is built, not a blank on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from generator.base.urls import PageKind
from generator.versions import Status, Version


@dataclass(frozen=True, slots=True)
class OutputFile:
    """A file written as is (feeds, JSON, redirects), relative to the output root."""

    path: str
    """Path under the output folder."""
    content: bytes
    """Exact bytes to write."""
    owner: str = ""
    """The policy whose file it is ("" for the site's own): the one address check,
    :mod:`generator.site.addresses`, names it if another page or file claims the path."""


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One line of a page's table of contents."""

    id: str
    """Anchor on the page."""
    name: str
    """Text shown."""
    level: int
    """Heading level (2 = top)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page of one language's site."""

    url: str
    """Address inside the language folder, ending in "/" ("" for the language home)."""
    title: str
    """Page title (browser tab, navigation)."""
    body: Markup
    """Pre-rendered HTML of the page's content."""
    kind: PageKind
    """Which kind of page it is."""
    toc: tuple[TocEntry, ...] = ()
    """Table of contents shown beside the content."""
    in_nav: bool = False
    """Whether the page is listed in the navigation (version pages never are)."""
    policy: str = ""
    """The policy the page belongs to ("" for the language home)."""
    alternates: tuple[tuple[str, str], ...] = ()
    """(language, address from the site root) of this page in every language: the same
    page where that language has it, else the policy's page, else the language's home."""
    description: str = ""
    """Meta description."""
    in_search: bool = False
    """Whether the site's search indexes the page: the policies in force and announced
    changes only, so that a search never answers with superseded text."""

    @property
    def source(self) -> str:
        """The Markdown file name MkDocs builds this page from."""
        return f"{self.url}index.md" if self.url else "index.md"


@dataclass(frozen=True, slots=True)
class NavItem:
    """One entry of a language's navigation: a page, or a group's heading over its pages."""

    title: str
    """Text shown."""
    url: str = ""
    """The page's address inside the language folder ("" for the home; unused for a
    heading)."""
    children: tuple[NavItem, ...] = ()
    """For a group's heading, its policies' entries."""


@dataclass(frozen=True, slots=True)
class LanguageSite:
    """One language's MkDocs build."""

    lang: str
    """Language code (its folder)."""
    name: str
    """The language's own name."""
    rtl: bool
    """Written right to left."""
    pages: tuple[Page, ...]
    """Every page, in a stable order."""
    nav: tuple[NavItem, ...]
    """The navigation's entries, in order."""


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the writer writes."""

    languages: tuple[LanguageSite, ...]
    """One MkDocs build per language, the default first."""
    files: tuple[OutputFile, ...]
    """Files outside the MkDocs builds."""
    timestamp: int
    """Seconds since the epoch of the newest commit: MkDocs' SOURCE_DATE_EPOCH."""
    warnings: tuple[str, ...] = ()
    """What the build reports without failing (a ``group:`` naming no group, a PDF that could
    not be made), each naming the file or the version."""


# --- what templates are given ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    """A link shown on a page."""

    href: str
    """Relative address."""
    text: str
    """Link text."""
    lang: str = ""
    """Language of the target when it differs from the page's."""


@dataclass(frozen=True, slots=True)
class Notice:
    """A banner at the top of a page (mkdocs-material admonition)."""

    kind: str
    """Admonition kind: info, warning or success."""
    title: str
    """Its title line."""
    text: str
    """One or two sentences."""
    links: tuple[Link, ...] = ()
    """Links after the text."""
    summary: Markup | None = None
    """The plain-language summary of the version it announces (markdown-it-py's HTML)."""
    summary_lang: str = ""
    """The summary's language when it is not the page's."""


@dataclass(frozen=True, slots=True)
class HomeItem:
    """One policy on a language's home page."""

    href: str
    """Link to the policy (in another language when this one has no text)."""
    title: str
    """The policy's name."""
    lang: str = ""
    """The target's language when it is not the page's."""
    language_name: str = ""
    """That language's name, for the "not available" line."""
    current: dt.date | None = None
    """Effective date of the version in force (the authoritative language's when this
    translation lags)."""
    first: dt.date | None = None
    """Effective date of the first version (shown while none is in force)."""
    upcoming: dt.date | None = None
    """Effective date of the next announced version."""
    lagging: bool = False
    """The translation reflects an older version than the authoritative one."""
    withdrawn: dt.date | None = None
    """The day the policy was withdrawn, when it was."""
    amended: bool = False
    """The version in force amends an earlier one (its date is then "amended on …")."""

    @property
    def missing(self) -> bool:
        """The policy has no text in the page's language."""
        return bool(self.lang)


@dataclass(frozen=True, slots=True)
class HomeGroup:
    """One group of policies on a language's home page."""

    id: str
    """Anchor of its heading."""
    title: str
    """Its name ("" for the policies in no group, which get "Other policies")."""
    items: tuple[HomeItem, ...]
    """Its policies, in order."""
    changes: str
    """Link to its what's new page ("" for the policies in no group)."""
    feed: str
    """Link to its feed ("" for the policies in no group)."""


@dataclass(frozen=True, slots=True)
class CommitLine:
    """One commit of a version on the history page."""

    correction: bool
    """False for the commit that adopted the version."""
    role_text: str
    """"Adopted" or "Correction", translated."""
    short: str
    """Abbreviated sha."""
    href: str
    """Link to the commit in the repository's web view ("" without ``site.repo_url``)."""
    day: dt.date
    """Day it was committed, in the site's timezone."""
    message: str
    """The commit's title: a merged pull request's title, else the message's first line."""
    changes_href: str = ""
    """For a correction, the link to its page: what it changed."""
    request: str = ""
    """The pull (merge) request it merged, ``#930`` or ``!12`` ("" for a plain commit)."""
    request_href: str = ""
    """That request's page ("" when ``site.repo_url`` is not on GitHub or GitLab)."""

    @property
    def role(self) -> str:
        """CSS modifier: adopted or correction."""
        return "correction" if self.correction else "adopted"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One version on the history page."""

    version: Version
    """The version."""
    status: Status
    """Its status on the as-of day (``translation-outdated`` included)."""
    href: str
    """Link to its page."""
    links: tuple[Link, ...]
    """What changed, compare with the one in force, its PDF."""
    commits: tuple[CommitLine, ...]
    """The commit that adopted it, then its corrections."""
    first: bool
    """It is the policy's first version."""
    summary: Markup | None = None
    """Its plain-language summary (markdown-it-py's HTML), when it has one."""
    period: str = ""
    """When it applied or will apply, in words ("In force from … until …")."""
    counts: str = ""
    """What it changed, counted ("1 section changed and 1 section removed"), shown when it
    has no summary."""
    replaced: tuple[str, ...] = ()
    """A sentence for each published text of it that was replaced (accepted builds)."""


@dataclass(frozen=True, slots=True)
class SourceText:
    """What lets a reader verify a version's text: its file, hash and commits."""

    href: str
    """Link to the file (``source.md``)."""
    sha256: str
    """SHA-256 of the file's bytes, in hex."""
    adopted: CommitLine
    """The commit that adopted the version."""
    corrected: CommitLine | None
    """The last correction, whose file is the one published (None without corrections)."""
    pdf_href: str = ""
    """Link to the version's PDF ("" when the site publishes none)."""
    pdf_sha256: str = ""
    """SHA-256 of the PDF, in hex."""


@dataclass(frozen=True, slots=True)
class Picker:
    """A choice of pages: a select and a button where scripts run, else the links."""

    id: str
    """Prefix of the element ids."""
    label: str
    """The select's label."""
    button: str
    """The button's text."""
    links: tuple[Link, ...]
    """The choices: each option's text and the page it leads to."""


@dataclass(frozen=True, slots=True)
class SectionEntry:
    """One version that changed a section, on the section's history page."""

    version: Version
    """The version in which the change took effect."""
    status: Status
    """That version's status on the as-of day."""
    links: tuple[Link, ...]
    """The version's text at the section, and the version's changes page."""
    redline: Markup
    """The section's redline from the previous version (``render_section``)."""


@dataclass(frozen=True, slots=True)
class SectionItem:
    """One section on the version history's list of sections."""

    href: str
    """Link to the section's history page."""
    label: str
    """Its numbering and heading, as last shown."""
    removed: dt.date | None
    """The version that removed it (None while it is in the policy)."""


@dataclass(frozen=True, slots=True)
class FilterLink:
    """One choice of the what's new page's group filter: a link to that page or a filtered
    one (no script needed)."""

    href: str
    """The page that shows the choice."""
    text: str
    """Its name: "All policies" or a group's."""
    current: bool
    """It is the page shown."""


@dataclass(frozen=True, slots=True)
class WhatsNewEntry:
    """One amendment on the what's new page."""

    title: str
    """The policy's name."""
    href: str
    """Link to the policy's page."""
    group: Link | None
    """The policy's group, linking to the group's what's new page (None: no group)."""
    what: str
    """What happened and when ("Takes effect on 1 March 2026.")."""
    summary: Markup | None
    """The plain-language summary, links re-pointed for the page."""
    counts: str
    """The computed summary ("2 sections changed, 1 section added"), shown without one."""
    changes: Link
    """Link to what changed."""


@dataclass(frozen=True, slots=True)
class WhatsNewMonth:
    """The amendments under one heading: the upcoming ones, or one month's."""

    id: str
    """Anchor of the heading (``upcoming``, ``m2026-03``)."""
    heading: str
    """"Upcoming changes", or the month and year."""
    entries: tuple[WhatsNewEntry, ...]
    """Its amendments, in the page's order."""
