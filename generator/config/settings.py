"""Stage 1: the schema of ``site_config.yml``, the typed :class:`SiteConfig`.

The schema is the dataclasses below: each field's type, default and docstring are the
reference (the README's configuration table lists the same).
:func:`generator.config.loading.load_config` reads the file into them; unknown keys, wrong
types and missing required keys are :class:`ConfigError`\\ s naming the file, the line and
the key, with a "did you mean" hint for near misses.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from generator.config.source import LANGUAGE_CODE as LANGUAGE_CODE
from generator.config.source import EffectiveDateRule as EffectiveDateRule
from generator.config.source import EffectiveDateSection as EffectiveDateSection
from generator.config.source import SourceSection as SourceSection
from generator.config.source import TextDates as TextDates
from generator.config.source import date_rule
from generator.config.texts import Texts

DEFAULT_CONFIG_FILE = "site_config.yml"


def control_character(text: str) -> str:
    """The first control character in ``text`` as U+XXXX, or "" when it has none.

    Tabs and line breaks count too: a name or title is one line.
    """
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in ("\ufffe", "\uffff"):
            return f"U+{ord(ch):04X}"
    return ""


@dataclass(frozen=True, slots=True)
class SiteSection:
    """``site:``: what the site is called and where it lives."""

    title: Texts
    """The site's name, shown in the header and the browser tab: one value, or one per
    language (``{en: Our Policies, de: Unsere Richtlinien}``). Required."""
    url: str = ""
    """Public address, e.g. https://policies.example.com/ (canonical links, feeds, hreflang)."""
    repo_url: str = ""
    """Web address of the git repository; when set, commits link to ``<repo_url>/commit/<sha>``."""
    timezone: str = "UTC"
    """IANA timezone in which effective dates start at 00:00 (e.g. Europe/Dublin)."""
    description: Texts = field(default_factory=Texts)
    """One sentence shown on the home pages and in search results (one value, or one per
    language)."""
    theme: str = "theme"
    """Folder (from the configuration's folder) of your own theme files, laid over
    policy-site's: ``assets/extra.css``, ``assets/logo.svg`` or ``.png``, template partials."""
    variables: dict[str, str] = field(default_factory=dict)
    """Values for ``{{ site.key }}`` in the texts, added to (and winning over) those of
    Jekyll's ``_config.yml`` beside this file."""
    size_limit: str = "1 GB"
    """The most the host publishes (GitHub Pages: 1 GB): ``build`` and ``check`` warn when
    the site grows past it, naming what takes most room. ``500 MB``, ``2 GB``, ``1 GiB``."""


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B|bytes)?\s*", re.IGNORECASE)
_UNITS = {"b": 1, "bytes": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12}
_UNITS |= {"kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


def size_in_bytes(text: str) -> int | None:
    """``1 GB`` (10⁹ bytes), ``500 MB``, ``1 GiB`` (2³⁰) or a number of bytes; None when
    ``text`` is none of these."""
    found = _SIZE.fullmatch(text)
    if found is None:
        return None
    return int(float(found.group(1)) * _UNITS[(found.group(2) or "b").lower()])


@dataclass(frozen=True, slots=True)
class Language:
    """One entry of ``languages.available``."""

    code: str
    """Language code used in URLs and file names (en, zh, es, pt-BR…)."""
    name: str = ""
    """The language's name in itself, shown in the language selector (English, 简体中文…)."""
    locale: str = ""
    """Babel locale for dates (en_IE writes "1 March 2026"); defaults to the code."""


@dataclass(frozen=True, slots=True)
class LanguagesSection:
    """``languages:``: which languages the site has and which one is authoritative."""

    default: str = "en"
    """The authoritative language: translations are compared with it; ``/`` leads to it."""
    available: tuple[Language, ...] = (Language("en", "English"),)
    """Every language published, in selector order."""
    catalogues: str = "locales"
    """Folder (from the configuration's folder) of the site's own words: one gettext
    catalogue per language, ``<code>.po``, whose entries override or add to policy-site's
    (for a language it has, or one it lacks)."""


@dataclass(frozen=True, slots=True)
class PolicySection:
    """One entry of ``policies:`` (optional: every policy file is published anyway)."""

    title: Texts = field(default_factory=Texts)
    """The policy's name per language (or one for all); falls back to the document's own
    title."""
    order: int = 0
    """Position on the home page (lower first; then by name)."""
    aliases: tuple[str, ...] = ()
    """Former ids of the policy whose history git cannot connect to it (a file deleted, and
    one with another name added later): their revisions join this policy's history, and
    their addresses lead to it."""


@dataclass(frozen=True, slots=True)
class GroupSection:
    """One entry of ``groups:``: a heading of the home page, the navigation and the feeds."""

    title: Texts = field(default_factory=Texts)
    """The group's name per language (or one for all); a language without one shows the
    authoritative language's (``check`` warns), and without that the id."""
    order: int = 0
    """Position among the groups (lower first; then by id)."""
    policies: tuple[str, ...] = ()
    """Policy ids in the group (a ``group:`` in front matter wins; then this; then folders)."""


@dataclass(frozen=True, slots=True)
class NoticeSection:
    """``notice:``: rules ``policy-site check`` applies to amendments."""

    min_days: int = 30
    """An amendment should be committed at least this many days before it takes effect."""


@dataclass(frozen=True, slots=True)
class CompareSection:
    """``compare:``: which pairs of versions get a comparison page."""

    all_pairs_up_to: int = 15
    """Every pair of versions has a page while a policy has at most this many versions;
    above it, each version is compared with the two before it, the first and the one in
    force, so pages grow linearly (at most four per version)."""


@dataclass(frozen=True, slots=True)
class CheckSection:
    """``check:``: rules of ``policy-site check`` that a site may turn off."""

    require_summary: bool = True
    """Warn (``summary-missing``) when a new version in the authoritative language has no
    ``summary:`` in its front matter."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The whole validated configuration."""

    site: SiteSection
    """See :class:`SiteSection`."""
    languages: LanguagesSection = LanguagesSection()
    """See :class:`LanguagesSection`."""
    source: SourceSection = field(default_factory=SourceSection)
    """See :class:`SourceSection`."""
    policies: dict[str, PolicySection] = field(default_factory=dict)
    """Per-policy settings keyed by policy id (the ``{policy}`` part of the layout)."""
    groups: dict[str, GroupSection] = field(default_factory=dict)
    """Groups of policies keyed by id (a folder's name, or the ``group:`` of front matter)."""
    notice: NoticeSection = NoticeSection()
    """See :class:`NoticeSection`."""
    compare: CompareSection = CompareSection()
    """See :class:`CompareSection`."""
    check: CheckSection = CheckSection()
    """See :class:`CheckSection`."""
    pdf: bool = False
    """Publish every version in every language as a tagged PDF beside its page (needs the
    ``pdf`` extra: ``pip install 'policy-site[pdf]'``)."""
    root: Path = Path(".")
    """Folder holding the configuration file (not a key: the repository is found from it)."""
    file: str = DEFAULT_CONFIG_FILE
    """The configuration file's path as given (for messages)."""
    lines: dict[str, int] = field(default_factory=dict)
    """Line of each ``policies.<id>`` and ``groups.<id>`` entry and of its keys
    (``policies.<id>.aliases``) in the file, and of ``pdf``, ``site.title`` and
    ``site.description``, for messages about them."""
    jekyll: dict[str, str] = field(default_factory=dict)
    """The values of Jekyll's ``_config.yml`` beside the file (not a key)."""

    @property
    def size_limit(self) -> int:
        """``site.size_limit`` in bytes."""
        return size_in_bytes(self.site.size_limit) or 10**9

    @property
    def variables(self) -> dict[str, str]:
        """What ``{{ site.key }}`` is filled in with: ``_config.yml``, then
        ``site.variables``."""
        return {**self.jekyll, **self.site.variables}

    @property
    def language_codes(self) -> tuple[str, ...]:
        """Codes of every published language, the default first."""
        codes = [lang.code for lang in self.languages.available]
        return (self.languages.default, *[c for c in codes if c != self.languages.default])

    def language(self, code: str) -> Language:
        """The :class:`Language` entry for ``code``."""
        for lang in self.languages.available:
            if lang.code == code:
                return lang
        return Language(code, code)

    def locale(self, code: str) -> str:
        """Babel locale for dates in language ``code``."""
        return self.language(code).locale or code.replace("-", "_")

    @property
    def catalogue_folder(self) -> Path:
        """The folder of the site's own catalogues (``languages.catalogues``)."""
        return self.root / self.languages.catalogues

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        """The site's timezone."""
        return zoneinfo.ZoneInfo(self.site.timezone)

    @property
    def effective_rule(self) -> EffectiveDateRule:
        """The effective-date chain that ``document`` applies."""
        return date_rule(self.source)

    def local_day(self, moment: dt.datetime) -> dt.date:
        """The day ``moment`` falls on in the site's timezone."""
        return moment.astimezone(self.tz).date()

    def public_url(self, path: str) -> str:
        """``path`` (from the site root) at the public address; "/path" without site.url."""
        base = self.site.url.rstrip("/")
        return f"{base}/{path}" if base else f"/{path}"

    def policy_path(self, policy: str, lang: str) -> str:
        """Where the first layout that fits puts ``policy`` in ``lang``, relative to the
        configuration's folder."""
        return self.source.paths(policy, lang, self.languages.default)[0]

    def configured_title(self, policy: str, lang: str) -> str | None:
        """The title ``policies.<policy>.title`` gives for ``lang`` (its own, the nearest
        language's, or the one for all), if any."""
        entry = self.policies.get(policy)
        return (entry.title.own(lang) or None) if entry is not None else None

    def site_title(self, lang: str) -> str:
        """``site.title`` in ``lang``."""
        return self.site.title.get(lang, self.languages.default)

    def site_description(self, lang: str) -> str:
        """``site.description`` in ``lang`` ("" when there is none)."""
        return self.site.description.get(lang, self.languages.default)
