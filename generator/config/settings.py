"""Stage 1: ``site_config.yml`` → a validated, typed :class:`SiteConfig`.

The schema is the dataclasses below: each field's type, default and docstring are the
reference (the README's configuration table lists the same). Unknown keys, wrong types and
missing required keys are :class:`ConfigError`\\ s naming the file, the line and the key,
with a "did you mean" hint for near misses.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import urllib.parse
import zoneinfo
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from generator.base.errors import ConfigError
from generator.config.source import LANGUAGE_CODE as LANGUAGE_CODE
from generator.config.source import EffectiveDateRule as EffectiveDateRule
from generator.config.source import EffectiveDateSection as EffectiveDateSection
from generator.config.source import SourceSection as SourceSection
from generator.config.source import TextDates as TextDates
from generator.config.source import check_aliases, check_source, date_rule, named_source
from generator.config.typed_yaml import YamlLoader

DEFAULT_CONFIG_FILE = "site_config.yml"
#: The most versions for which every pair may be compared (4,950 pages per language).
MAX_ALL_PAIRS = 100


def control_character(text: str) -> str:
    """The first control character in ``text`` as U+XXXX, or "" when it has none.

    Tabs and line breaks count too: a name or title is one line.
    """
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in ("\ufffe", "\uffff"):
            return f"U+{ord(ch):04X}"
    return ""


def url_problem(value: str) -> str:
    """Why ``value`` cannot be the site's public address or its repository's, or ""."""
    if any(ch.isspace() or ch in "\"'<>\\`" for ch in value) or control_character(value):
        return "holds spaces, quotes or other characters an address cannot have"
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https"):
        return "does not start with https:// or http://"
    if not parts.hostname:
        return "has no host name"
    if parts.query or parts.fragment or parts.username or parts.password:
        return "has a query, fragment or password, which an address here cannot have"
    return ""


@dataclass(frozen=True, slots=True)
class SiteSection:
    """``site:``: what the site is called and where it lives."""

    title: str
    """The site's name, shown in the header and the browser tab. Required."""
    url: str = ""
    """Public address, e.g. https://policies.example.com/ (canonical links, feeds, hreflang)."""
    repo_url: str = ""
    """Web address of the git repository; when set, commits link to ``<repo_url>/commit/<sha>``."""
    timezone: str = "UTC"
    """IANA timezone in which effective dates start at 00:00 (e.g. Europe/Dublin)."""
    description: str = ""
    """One sentence shown on the home pages and in search results."""
    theme: str = "theme"
    """Folder (from the configuration's folder) of your own theme files, laid over
    policy-site's: ``assets/extra.css``, ``assets/logo.svg`` or ``.png``, template partials."""


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


@dataclass(frozen=True, slots=True)
class PolicySection:
    """One entry of ``policies:`` (optional: every policy file is published anyway)."""

    title: dict[str, str] = field(default_factory=dict)
    """The policy's name per language; falls back to the document's own title."""
    order: int = 0
    """Position on the home page (lower first; then by name)."""
    aliases: tuple[str, ...] = ()
    """Former ids of the policy whose history git cannot connect to it (a file deleted, and
    one with another name added later): their revisions join this policy's history, and
    their addresses lead to it."""


@dataclass(frozen=True, slots=True)
class GroupSection:
    """One entry of ``groups:``: a heading of the home page, the navigation and the feeds."""

    title: dict[str, str] = field(default_factory=dict)
    """The group's name per language; a language without one shows the authoritative
    language's (``check`` warns), and without that the id."""
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
    (``policies.<id>.aliases``) in the file, and of ``pdf``, for messages about them."""

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
        """The title ``policies.<policy>.title`` gives in ``lang`` exactly, if any."""
        entry = self.policies.get(policy)
        return entry.title.get(lang) if entry is not None else None


# --- loading -------------------------------------------------------------------------

_NOT_CONFIG_FIELDS = frozenset({"root", "file", "lines"})
"""SiteConfig fields that are not keys of the file."""


class _Loader(YamlLoader):
    """The configuration's YAML, with the short forms some keys allow."""

    def dataclass(self, node: yaml.Node, cls: type, key: str) -> Any:
        """``- en`` for a language, ``effective_date: text`` for one date source."""
        if cls is Language and isinstance(node, yaml.ScalarNode):
            return Language(code=str(node.value), name=str(node.value))
        if cls is EffectiveDateSection and isinstance(node, yaml.ScalarNode) and node.value:
            return named_source(str(node.value), lambda *why: self.error(node, *why))
        return super().dataclass(node, cls, key)


class _Checks:
    """Rules that span keys; each error names the line of the key concerned."""

    def __init__(self, config: SiteConfig, loader: _Loader, root: yaml.Node) -> None:
        self.config = config
        self.loader = loader
        self.root = root

    def node(self, *path: str | int) -> yaml.Node | None:
        """The YAML node at ``path`` (keys, and positions in lists), or None when absent."""
        node: yaml.Node | None = self.root
        for part in path:
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                node = node.value[part] if part < len(node.value) else None
            elif isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == part), None)
            else:
                return None
        return node

    def fail(
        self, path: tuple[str | int, ...], message: str, hint: str | None = None
    ) -> ConfigError:
        """An error at the line of the key at ``path`` (or of its nearest parent)."""
        for end in range(len(path), -1, -1):
            node = self.node(*path[:end])
            if node is not None:
                return self.loader.error(node, message, hint)
        return self.loader.error(None, message, hint)

    def run(self) -> None:
        self.timezone()
        self.languages()
        self.source()
        self.urls()
        self.texts()
        if self.config.notice.min_days < 0:
            raise self.fail(("notice", "min_days"), "'notice.min_days' cannot be negative.")
        if not 0 <= self.config.compare.all_pairs_up_to <= MAX_ALL_PAIRS:
            raise self.fail(
                ("compare", "all_pairs_up_to"),
                f"'compare.all_pairs_up_to' must be between 0 and {MAX_ALL_PAIRS}.",
                "Every pair of n versions is n × (n - 1) / 2 pages per language: 105 for 15.",
            )

    def timezone(self) -> None:
        try:
            zoneinfo.ZoneInfo(self.config.site.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise self.fail(
                ("site", "timezone"),
                f"'site.timezone' is '{self.config.site.timezone}', which is not a known timezone.",
                "Use a name such as Europe/Dublin or America/New_York.",
            ) from None

    def languages(self) -> None:
        codes = [lang.code for lang in self.config.languages.available]
        where = ("languages", "available")
        for code in codes:
            if not LANGUAGE_CODE.fullmatch(code):
                raise self.fail(
                    where,
                    f"'{code}' is not a language code.",
                    "Use codes such as en, zh, es or pt-BR.",
                )
        if len(set(codes)) != len(codes):
            raise self.fail(where, "a language is listed twice.")
        if self.config.languages.default not in codes:
            raise self.fail(
                ("languages", "default"),
                f"the default language '{self.config.languages.default}' is not in "
                "'languages.available'.",
                f"Add it there, or choose one of: {', '.join(codes)}.",
            )

    def source(self) -> None:
        check_source(self.config.source, self.config.language_codes, self.fail)
        check_aliases({p: e.aliases for p, e in self.config.policies.items()}, self.fail)

    def urls(self) -> None:
        for key in ("url", "repo_url"):
            value = getattr(self.config.site, key)
            problem = url_problem(value) if value else None
            if problem:
                raise self.fail(
                    ("site", key),
                    f"'site.{key}' is {value!r}, which {problem}.",
                    "Write the full web address, such as https://policies.example.com/.",
                )

    def texts(self) -> None:
        """Names shown on every page may hold no control characters (they break feeds)."""
        config = self.config
        named: list[tuple[tuple[str, ...], str]] = [
            (("site", "title"), config.site.title),
            (("site", "description"), config.site.description),
        ]
        named += [(("languages", "available"), lang.name) for lang in config.languages.available]
        for policy, entry in config.policies.items():
            named += [(("policies", policy, "title", lang), t) for lang, t in entry.title.items()]
        for group, found in config.groups.items():
            named += [(("groups", group, "title", lang), t) for lang, t in found.title.items()]
        for path, text in named:
            bad = control_character(text)
            if bad:
                raise self.fail(
                    path,
                    f"'{'.'.join(path)}' holds an invisible control character ({bad}).",
                    "Retype the text; it was probably pasted from another program.",
                )


def load_config(path: str | Path = DEFAULT_CONFIG_FILE) -> SiteConfig:
    """Read and validate ``site_config.yml``. Raises :class:`ConfigError`."""
    path = Path(path)
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"there is no configuration file '{shown}'.",
            hint="Run the command in the folder that holds site_config.yml, or pass --config.",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"'{shown}' cannot be read ({exc}).") from None
    loader = _Loader(shown, _NOT_CONFIG_FIELDS)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise ConfigError(
            f"the file cannot be read: {problem}.",
            file=shown,
            line=mark.line + 1 if mark is not None else None,
            hint="Check the indentation and that every 'key: value' has a space after the colon.",
        ) from None
    if root is None:
        raise ConfigError(f"'{shown}' is empty.", file=shown, hint="See the README for an example.")
    config: SiteConfig = loader.dataclass(root, SiteConfig, "")
    checks = _Checks(config, loader, root)
    lines: dict[str, int] = {}
    pdf = checks.node("pdf")
    if pdf is not None:
        lines["pdf"] = pdf.start_mark.line + 1
    for section in ("policies", "groups"):
        entries = checks.node(section)
        for key, value in entries.value if isinstance(entries, yaml.MappingNode) else []:
            lines[f"{section}.{key.value}"] = key.start_mark.line + 1
            for inner, _setting in value.value if isinstance(value, yaml.MappingNode) else []:
                lines[f"{section}.{key.value}.{inner.value}"] = inner.start_mark.line + 1
    config = replace(config, root=path.resolve().parent, file=shown, lines=lines)
    checks.config = config
    checks.run()
    return config
