"""Stage 6: timelines + as-of date → the whole :class:`Site` in memory (every page and file).

Pure: nothing here reads git, the clock or the disk (templates aside). ``build`` writes what
this returns. Every link between pages is relative, so the site works under any base path.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import jinja2

from generator import feeds
from generator.config import SiteConfig
from generator.diff import Diff, diff_documents
from generator.document import Document
from generator.feeds import OutputFile
from generator.i18n import Messages, is_rtl
from generator.redline import render_changes
from generator.versions import Status, Timeline, Version

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    trim_blocks=False,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


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
    body: str
    """Pre-rendered HTML of the page's content."""
    kind: str
    """home, policy, history, version, changes or since."""
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

    @property
    def source(self) -> str:
        """The Markdown file name MkDocs builds this page from."""
        return f"{self.url}index.md" if self.url else "index.md"


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
    nav: tuple[tuple[str, str], ...]
    """(title, url) of the navigation entries."""


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the writer writes."""

    languages: tuple[LanguageSite, ...]
    """One MkDocs build per language, the default first."""
    files: tuple[OutputFile, ...]
    """Files outside the MkDocs builds."""
    timestamp: int
    """Seconds since the epoch of the newest commit: MkDocs' SOURCE_DATE_EPOCH."""


@dataclass(frozen=True, slots=True)
class Link:
    """A link shown on a page."""

    href: str
    text: str
    lang: str = ""


@dataclass(frozen=True, slots=True)
class Notice:
    """A banner at the top of a page (mkdocs-material admonition)."""

    kind: str
    title: str
    text: str
    links: tuple[Link, ...] = ()


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two directory-style addresses from the site root."""
    rel = posixpath.relpath("/" + to_url, "/" + (from_url or "."))
    if rel == ".":
        return "./"
    return rel + ("/" if to_url.endswith("/") and not rel.endswith("/") else "")


_LINK = re.compile(r'(href|src)="([^"]*)"')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def rebase_links(html: str, written_for: str, shown_at: str) -> str:
    """Re-point the policy text's relative links when it is shown on another page.

    Links in a policy are written as seen from the policy's own page (``../terms/`` from
    ``/en/privacy/``); a version page one level deeper needs ``../../terms/``.
    """
    if written_for == shown_at:
        return html

    def fix(match: re.Match[str]) -> str:
        url = match.group(2)
        if not url or url.startswith(("#", "/")) or _SCHEME.match(url):
            return match.group(0)
        cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
        path, tail = url[:cut], url[cut:]
        target = posixpath.normpath(posixpath.join("/" + written_for, path)).lstrip("/")
        if path.endswith("/") or path in (".", ""):
            target += "/"
        return f'{match.group(1)}="{relative(shown_at, target)}{tail}"'

    return _LINK.sub(fix, html)


@dataclass
class _DiffCache:
    """Diffs by their two documents (each parsed once per blob), so none is computed twice."""

    diffs: dict[tuple[int, int], Diff] = field(default_factory=dict)

    def between(self, old: Document, new: Document) -> Diff:
        key = (id(old), id(new))
        found = self.diffs.get(key)
        if found is None:
            found = self.diffs[key] = diff_documents(old, new)
        return found


class _Builder:
    """Builds the pages of every language; one instance per build."""

    def __init__(
        self, config: SiteConfig, timelines: Mapping[tuple[str, str], Timeline], as_of: dt.date
    ) -> None:
        self.config = config
        self.timelines = timelines
        self.as_of = as_of
        self.default = config.languages.default
        self.diffs = _DiffCache()
        policies = {policy for policy, _ in timelines}
        self.policies = sorted(
            policies,
            key=lambda p: (config.policies[p].order if p in config.policies else 0, p),
        )

    # --- helpers -------------------------------------------------------------------

    def words(self, lang: str) -> Messages:
        return self.config.messages(lang)

    def title(self, policy: str, lang: str, version: Version | None = None) -> str:
        """Configured title in ``lang``, else the document's own, else the default language's."""
        entry = self.config.policies.get(policy)
        if entry is not None and lang in entry.title:
            return entry.title[lang]
        timeline = self.timelines.get((policy, lang))
        shown = version or (timeline.latest if timeline else None)
        if shown is not None and shown.document.title:
            return shown.document.title
        configured = self.config.policy_title(policy, lang)
        return configured or policy.replace("-", " ").replace("/", " – ").capitalize()

    def url(self, lang: str, policy: str, *rest: str) -> str:
        """Address from the site root: "en/privacy/2026-01-01/changes/"."""
        parts = [lang, policy, *rest]
        return "/".join(p.strip("/") for p in parts if p) + "/"

    def render(self, template: str, lang: str, **values: Any) -> str:
        words = self.words(lang)
        status_words = {
            Status.IN_FORCE: words("In force"),
            Status.UPCOMING: words("Upcoming"),
            Status.SUPERSEDED: words("Superseded"),
        }
        return _TEMPLATES.get_template(template).render(
            words=words, status_words=status_words, lang=lang, **values
        )

    def toc(self, document: Document) -> tuple[TocEntry, ...]:
        return tuple(
            TocEntry(section.id, section.label, section.level)
            for section in document.sections
            if section.level in (2, 3)
        )

    # --- notices --------------------------------------------------------------------

    def lag_notice(self, policy: str, lang: str, here: str, shown: Version | None) -> Notice | None:
        """Tell readers of a translation that the authoritative text is newer."""
        if lang == self.default:
            return None
        authority = self.timelines.get((policy, self.default))
        if authority is None:
            return None
        in_force = authority.current(self.as_of)
        if in_force is None or (
            shown is not None and shown.effective_date >= in_force.effective_date
        ):
            return None
        words = self.words(lang)
        default_name = self.config.language(self.default).name or self.default
        if shown is None:
            text = words(
                "The version in force since {new} is not yet translated; the authoritative "
                "text is in {language}.",
                new=words.date(in_force.effective_date),
                language=default_name,
            )
        else:
            text = words(
                "This translation reflects the version of {old}. The version in force since {new} "
                "is not yet translated; the authoritative text is in {language}.",
                old=words.date(shown.effective_date),
                new=words.date(in_force.effective_date),
                language=default_name,
            )
        links = [
            Link(
                relative(here, self.url(self.default, policy)),
                words("Read the version in force ({language})", language=default_name),
                self.default,
            )
        ]
        if authority.previous(in_force) is not None:
            links.append(
                Link(
                    relative(here, self.url(self.default, policy, in_force.slug, "changes")),
                    words("What changed ({language})", language=default_name),
                    self.default,
                )
            )
        return Notice("warning", words("This translation is not up to date"), text, tuple(links))

    def upcoming_notices(self, policy: str, lang: str, here: str, shown: Version) -> list[Notice]:
        """One banner per announced amendment other than the one ``shown``, in this
        language or, when it is not translated yet, the authoritative one."""
        words = self.words(lang)
        timeline = self.timelines[(policy, lang)]
        notices = []
        own = {v.effective_date for v in timeline.upcoming(self.as_of)}
        authority = self.timelines.get((policy, self.default), timeline)
        dates = sorted(own | {v.effective_date for v in authority.upcoming(self.as_of)})
        for day in dates:
            if day == shown.effective_date:
                continue
            source_lang = lang if day in own else self.default
            link_lang = "" if source_lang == lang else source_lang
            source = self.timelines[(policy, source_lang)]
            version = source.find(day)
            assert version is not None
            links = [
                Link(
                    relative(here, self.url(source_lang, policy, version.slug)),
                    words("Read the new version"),
                    link_lang,
                )
            ]
            if source.previous(version) is not None:
                links.append(
                    Link(
                        relative(here, self.url(source_lang, policy, version.slug, "changes")),
                        words("See what will change"),
                        link_lang,
                    )
                )
            text = words("A new version takes effect on {date}.", date=words.date(day))
            if source_lang != lang:
                text += words.space + words("It is not yet translated.")
            notices.append(Notice("info", words("Upcoming change"), text, tuple(links)))
        return notices

    # --- pages -----------------------------------------------------------------------

    def home(self, lang: str) -> Page:
        items = []
        for policy in self.policies:
            timeline = self.timelines.get((policy, lang))
            if timeline is None:
                authority = self.timelines.get((policy, self.default))
                if authority is None:
                    continue
                items.append(
                    {
                        "href": relative(f"{lang}/", self.url(self.default, policy)),
                        "title": self.title(policy, lang),
                        "lang": self.default,
                        "missing": True,
                        "language_name": self.config.language(self.default).name or self.default,
                        "current": None,
                        "first": None,
                        "upcoming": None,
                        "lagging": False,
                    }
                )
                continue
            current = timeline.current(self.as_of)
            upcoming = timeline.upcoming(self.as_of)
            items.append(
                {
                    "href": relative(f"{lang}/", self.url(lang, policy)),
                    "title": self.title(policy, lang),
                    "lang": "",
                    "missing": False,
                    "language_name": "",
                    "current": current.effective_date if current else None,
                    "first": timeline.versions[0].effective_date,
                    "upcoming": upcoming[0].effective_date if upcoming else None,
                    "lagging": self.lag_notice(policy, lang, f"{lang}/", current) is not None,
                }
            )
        body = self.render(
            "home.html",
            lang,
            title=self.config.site.title,
            description=self.config.site.description,
            policies=items,
        )
        return Page(
            url="",
            title=self.config.site.title,
            body=body,
            kind="home",
            in_nav=True,
            policy="",
            description=self.config.site.description,
        )

    def policy_page(self, policy: str, lang: str, version: Version, *, is_home: bool) -> Page:
        """The policy in force (``is_home``) or one version's own page."""
        words = self.words(lang)
        timeline = self.timelines[(policy, lang)]
        status = timeline.status(version, self.as_of)
        here = self.url(lang, policy) if is_home else self.url(lang, policy, version.slug)
        title = self.title(policy, lang, version)
        notices: list[Notice] = []
        # Only the translation's own version in force can lag; older ones say they were
        # replaced, and that does not depend on the authoritative language.
        lag = self.lag_notice(policy, lang, here, version) if status == Status.IN_FORCE else None
        if lag is not None:
            notices.append(lag)
        current = timeline.current(self.as_of)
        if not is_home:
            if status == Status.SUPERSEDED:
                successor = timeline.next(version)
                assert successor is not None
                notices.append(
                    Notice(
                        "warning",
                        words("This version is no longer in force"),
                        words(
                            "It was replaced by the version of {date}.",
                            date=words.date(successor.effective_date),
                        ),
                        (
                            Link(
                                relative(here, self.url(lang, policy)),
                                words("Read the version in force"),
                            ),
                        )
                        if current
                        else (),
                    )
                )
            elif status == Status.UPCOMING:
                notices.append(
                    Notice(
                        "info",
                        words("This version is not in force yet"),
                        words(
                            "It takes effect on {date}.", date=words.date(version.effective_date)
                        ),
                    )
                )
            else:
                notices.append(
                    Notice(
                        "success",
                        words("This is the version in force"),
                        words("In force since {date}.", date=words.date(version.effective_date)),
                    )
                )
        else:
            if current is None:
                notices.append(
                    Notice(
                        "info",
                        words("Not in force yet"),
                        words(
                            "This policy takes effect on {date}.",
                            date=words.date(version.effective_date),
                        ),
                    )
                )
            notices.extend(self.upcoming_notices(policy, lang, here, version))
        links = [Link(relative(here, self.url(lang, policy, "history")), words("Version history"))]
        if timeline.previous(version) is not None:
            links.append(
                Link(
                    relative(here, self.url(lang, policy, version.slug, "changes")),
                    words("What changed in this version"),
                )
            )
        if status != Status.IN_FORCE and current is not None:
            links.append(
                Link(
                    relative(here, self.url(lang, policy, version.slug, "since")),
                    words("Compare with the version in force"),
                )
            )
        if is_home:
            links.append(
                Link(
                    relative(here, self.url(lang, policy, version.slug)),
                    words("Permanent link to this version"),
                )
            )
        links.append(Link(relative(here, self.url(lang, policy) + "feed.xml"), words("Feed")))
        body = self.render(
            "version.html",
            lang,
            title=title,
            version=version,
            status=status,
            links=links,
            notices=notices,
            document_html=rebase_links(version.document.html, self.url(lang, policy), here),
        )
        return Page(
            url=here.split("/", 1)[1],
            title=title if is_home else f"{title} — {words.date(version.effective_date)}",
            body=body,
            kind="policy" if is_home else "version",
            toc=self.toc(version.document),
            in_nav=is_home,
            policy=policy,
        )

    def history_page(self, policy: str, lang: str) -> Page:
        words = self.words(lang)
        timeline = self.timelines[(policy, lang)]
        here = self.url(lang, policy, "history")
        current = timeline.current(self.as_of)
        entries = []
        for version in reversed(timeline.versions):
            status = timeline.status(version, self.as_of)
            links = [
                Link(
                    relative(here, self.url(lang, policy, version.slug)), words("Read this version")
                )
            ]
            if timeline.previous(version) is not None:
                links.append(
                    Link(
                        relative(here, self.url(lang, policy, version.slug, "changes")),
                        words("What changed in this version"),
                    )
                )
            if current is not None and version is not current:
                links.append(
                    Link(
                        relative(here, self.url(lang, policy, version.slug, "since")),
                        words("Compare with the version in force"),
                    )
                )
            commits = []
            for index, edit in enumerate(version.edits):
                revision = edit.revision
                redline = None
                if index:
                    diff = self.diffs.between(version.edits[index - 1].document, edit.document)
                    redline = rebase_links(
                        render_changes(diff, words, id_prefix=f"c{revision.short}-"),
                        self.url(lang, policy),
                        here,
                    )
                commits.append(
                    {
                        "role": "correction" if index else "adopted",
                        "role_text": words("Correction") if index else words("Adopted"),
                        "short": revision.short,
                        "href": f"{self.config.site.repo_url.rstrip('/')}/commit/{revision.commit}"
                        if self.config.site.repo_url
                        else "",
                        "day": revision.committed.astimezone(self.config.tz).date(),
                        "message": revision.message,
                        "redline": redline,
                    }
                )
            entries.append(
                {
                    "version": version,
                    "status": status,
                    "links": links,
                    "commits": commits,
                    "first": timeline.previous(version) is None,
                    "href": relative(here, self.url(lang, policy, version.slug)),
                }
            )
        title = words("{policy}: version history", policy=self.title(policy, lang))
        notices = []
        lag = self.lag_notice(policy, lang, here, current)
        if lag is not None:
            notices.append(lag)
        body = self.render(
            "history.html",
            lang,
            title=title,
            entries=entries,
            notices=notices,
            withdrawn=timeline.withdrawn,
        )
        return Page(
            url=here.split("/", 1)[1],
            title=title,
            body=body,
            kind="history",
            toc=tuple(
                TocEntry(f"h{v.slug}", words.date(v.effective_date), 2)
                for v in reversed(timeline.versions)
            ),
            policy=policy,
        )

    def changes_page(
        self, policy: str, lang: str, old: Version, new: Version, *, kind: str
    ) -> Page:
        """previous → version (``changes``) or version ↔ in force (``since``)."""
        words = self.words(lang)
        timeline = self.timelines[(policy, lang)]
        subject = (
            new if kind == "changes" else (old if new is timeline.current(self.as_of) else new)
        )
        here = self.url(lang, policy, subject.slug, kind)
        title = self.title(policy, lang, new)
        diff = self.diffs.between(old.document, new.document)
        if kind == "changes":
            heading = words("What changed on {date}", date=words.date(new.effective_date))
            intro = words(
                "Changes from the version of {old} to the version of {new}.",
                old=words.date(old.effective_date),
                new=words.date(new.effective_date),
            )
        elif new.effective_date > self.as_of:
            heading = words("What will change on {date}", date=words.date(new.effective_date))
            intro = words(
                "Changes from the version in force (since {old}) to the version that "
                "takes effect on {new}.",
                old=words.date(old.effective_date),
                new=words.date(new.effective_date),
            )
        else:
            heading = words("What changed since {date}", date=words.date(old.effective_date))
            intro = words(
                "Changes from the version of {old} to the version in force (since {new}).",
                old=words.date(old.effective_date),
                new=words.date(new.effective_date),
            )
        links = [
            Link(
                relative(here, self.url(lang, policy, old.slug)),
                words("Version of {date}", date=words.date(old.effective_date)),
            ),
            Link(
                relative(here, self.url(lang, policy, new.slug)),
                words("Version of {date}", date=words.date(new.effective_date)),
            ),
            Link(relative(here, self.url(lang, policy, "history")), words("Version history")),
        ]
        body = self.render(
            "changes.html",
            lang,
            heading=heading,
            intro=intro,
            links=links,
            notices=[],
            redline=rebase_links(render_changes(diff, words), self.url(lang, policy), here),
        )
        return Page(
            url=here.split("/", 1)[1],
            title=f"{title} — {heading}",
            body=body,
            kind=kind,
            policy=policy,
        )

    def language(self, lang: str) -> LanguageSite:
        words = self.words(lang)
        pages = [self.home(lang)]
        nav = [(words("Home"), "")]
        for policy in self.policies:
            timeline = self.timelines.get((policy, lang))
            if timeline is None:
                continue
            current = timeline.current(self.as_of) or timeline.versions[0]
            pages.append(self.policy_page(policy, lang, current, is_home=True))
            nav.append((self.title(policy, lang), f"{policy}/"))
            pages.append(self.history_page(policy, lang))
            in_force = timeline.current(self.as_of)
            for version in timeline.versions:
                pages.append(self.policy_page(policy, lang, version, is_home=False))
                previous = timeline.previous(version)
                if previous is not None:
                    pages.append(self.changes_page(policy, lang, previous, version, kind="changes"))
                if in_force is not None and version is not in_force:
                    old, new = (
                        (in_force, version)
                        if version.effective_date > in_force.effective_date
                        else (version, in_force)
                    )
                    pages.append(self.changes_page(policy, lang, old, new, kind="since"))
        return LanguageSite(
            lang=lang,
            name=self.config.language(lang).name or lang,
            rtl=is_rtl(lang),
            pages=tuple(pages),
            nav=tuple(nav),
        )


def build_site(
    config: SiteConfig,
    timelines: Mapping[tuple[str, str], Timeline],
    as_of: dt.date,
) -> Site:
    """The whole site for ``as_of``: pages per language, feeds, JSON index, root redirect."""
    builder = _Builder(config, timelines, as_of)
    languages = _with_alternates([builder.language(lang) for lang in config.language_codes])
    newest = max(
        (e.revision.committed for t in timelines.values() for v in t.versions for e in v.edits),
        default=dt.datetime(1980, 1, 1, tzinfo=dt.UTC),
    )
    files = [
        _root_redirect(config),
        *feeds.atom_feeds(config, timelines, builder.title),
        feeds.api_index(config, timelines, as_of, builder.title),
    ]
    return Site(
        tuple(languages), tuple(sorted(files, key=lambda f: f.path)), int(newest.timestamp())
    )


def _with_alternates(languages: list[LanguageSite]) -> list[LanguageSite]:
    """Fill each page's alternates from the pages every language really has."""
    urls = {site.lang: {page.url for page in site.pages} for site in languages}

    def counterpart(lang: str, page: Page) -> str:
        for candidate in (page.url, f"{page.policy}/" if page.policy else ""):
            if candidate in urls[lang]:
                return f"{lang}/{candidate}"
        return f"{lang}/"

    return [
        replace(
            site,
            pages=tuple(
                replace(
                    page, alternates=tuple((s.lang, counterpart(s.lang, page)) for s in languages)
                )
                for page in site.pages
            ),
        )
        for site in languages
    ]


def _root_redirect(config: SiteConfig) -> OutputFile:
    default = config.languages.default

    def address(code: str) -> str:
        return config.public_url(f"{code}/") if config.site.url else f"{code}/"

    html = _TEMPLATES.get_template("redirect.html").render(
        lang=default,
        title=config.site.title,
        target=f"{default}/",
        canonical=address(default),
        alternates=[{"lang": code, "href": address(code)} for code in config.language_codes]
        + [{"lang": "x-default", "href": address(default)}],
    )
    return OutputFile("index.html", html.encode("utf-8"))
