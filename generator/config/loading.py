"""Stage 1: reading ``site_config.yml`` and validating it into a :class:`SiteConfig`.

:func:`load_config` parses the YAML into the schema of :mod:`generator.config.settings`
(with the short forms some keys allow), then checks the rules that span keys. Unknown keys,
wrong types, missing required keys and broken rules are :class:`ConfigError`\\ s naming the
file, the line and the key, with a "did you mean" hint for near misses.
"""

from __future__ import annotations

import difflib
import urllib.parse
import zoneinfo
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from generator.base.catalogues import catalogue_problems, folder_catalogues, read_catalogue
from generator.base.errors import ConfigError
from generator.config.settings import (
    DEFAULT_CONFIG_FILE,
    Language,
    SiteConfig,
    control_character,
    size_in_bytes,
)
from generator.config.source import (
    LANGUAGE_CODE,
    EffectiveDateSection,
    check_aliases,
    check_source,
    named_source,
)
from generator.config.texts import Texts
from generator.config.typed_yaml import YamlLoader
from generator.config.variables import jekyll_variables

#: The most versions for which every pair may be compared (4,950 pages per language).
MAX_ALL_PAIRS = 100


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


_NOT_CONFIG_FIELDS = frozenset({"root", "file", "lines", "jekyll"})
"""SiteConfig fields that are not keys of the file."""


class _Loader(YamlLoader):
    """The configuration's YAML, with the short forms some keys allow."""

    def dataclass(self, node: yaml.Node, cls: type, key: str) -> Any:
        """``- en`` for a language, ``effective_date: text`` for one date source."""
        if cls is Texts:
            if isinstance(node, yaml.ScalarNode):
                return Texts(everywhere=self.convert(node, str, key))
            if isinstance(node, yaml.MappingNode):
                return Texts.of(self.convert(node, dict[str, str], key))
            raise self.error(
                node, f"'{key}' must be a text, or a text per language such as {{en: …, fr: …}}."
            )
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
        if size_in_bytes(self.config.site.size_limit) is None:
            raise self.fail(
                ("site", "size_limit"),
                f"'site.size_limit' is '{self.config.site.size_limit}', which is not a size.",
                "Write it as 1 GB, 500 MB or 1 GiB.",
            )
        self.languages()
        self.catalogues()
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

    def catalogues(self) -> None:
        """The site's own catalogues read as they will be, so that a broken one stops the
        build here, naming its file and line, not halfway through."""
        config = self.config
        folder = config.catalogue_folder
        if not folder.is_dir():
            if self.node("languages", "catalogues") is not None:
                raise self.fail(
                    ("languages", "catalogues"),
                    f"the folder '{config.languages.catalogues}' of the site's own words "
                    "does not exist.",
                    "Create it with one catalogue per language (fr.po…), or remove the key.",
                )
            return
        shown = Path(config.file).parent / config.languages.catalogues
        for path in folder_catalogues(folder).values():
            where = str(shown / path.name)
            problems = catalogue_problems(read_catalogue(path, where))
            if problems:
                first = problems[0]
                raise ConfigError(
                    first.message,
                    file=where,
                    line=first.line,
                    hint="Each {placeholder} of the English text is kept as it is, and a "
                    "plural entry has one msgstr[n] per plural form of the language.",
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
        """Names shown on every page may hold no control characters (they break feeds); a
        text per language names only the site's languages, and the site's title has one
        in the authoritative language."""
        config = self.config
        texts: list[tuple[tuple[str, ...], Texts]] = [
            (("site", "title"), config.site.title),
            (("site", "description"), config.site.description),
        ]
        texts += [(("policies", p, "title"), e.title) for p, e in config.policies.items()]
        texts += [(("groups", g, "title"), e.title) for g, e in config.groups.items()]
        named: list[tuple[tuple[str, ...], str]] = [
            (("languages", "available"), lang.name) for lang in config.languages.available
        ]
        for path, found in texts:
            self.text_languages(path, found)
            named += [((*path, code), text) for code, text in found.by_language]
            named += [(path, found.everywhere)] if not found.by_language else []
        default = config.languages.default
        if config.site.title.by_language and not config.site.title.own(default):
            raise self.fail(
                ("site", "title"),
                f"'site.title' has no text in the authoritative language '{default}'.",
                f"Add '{default}: …' under 'site.title'; other languages without one show it.",
            )
        for path, text in named:
            bad = control_character(text)
            if bad:
                raise self.fail(
                    path,
                    f"'{'.'.join(path)}' holds an invisible control character ({bad}).",
                    "Retype the text; it was probably pasted from another program.",
                )

    def text_languages(self, path: tuple[str, ...], texts: Texts) -> None:
        codes = self.config.language_codes
        for code in texts.unknown(codes):
            close = difflib.get_close_matches(code, list(codes), n=1, cutoff=0.5)
            raise self.fail(
                (*path, code),
                f"'{'.'.join(path)}' has a text for '{code}', which is not one of the "
                "site's languages.",
                f"Did you mean '{close[0]}'?"
                if close
                else f"The site's languages are: {', '.join(codes)}.",
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
    for parent, key in (((), "pdf"), (("site",), "title"), (("site",), "description")):
        holder = checks.node(*parent)
        for name, _value in holder.value if isinstance(holder, yaml.MappingNode) else []:
            if name.value == key:
                lines[".".join((*parent, key))] = name.start_mark.line + 1
    for section in ("policies", "groups"):
        entries = checks.node(section)
        for key, value in entries.value if isinstance(entries, yaml.MappingNode) else []:
            lines[f"{section}.{key.value}"] = key.start_mark.line + 1
            for inner, _setting in value.value if isinstance(value, yaml.MappingNode) else []:
                lines[f"{section}.{key.value}.{inner.value}"] = inner.start_mark.line + 1
    config = replace(
        config,
        root=path.resolve().parent,
        file=shown,
        lines=lines,
        jekyll=jekyll_variables(path.resolve().parent),
    )
    checks.config = config
    checks.run()
    return config
