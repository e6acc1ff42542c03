"""Stage 1: reading ``site_config.yml`` and validating it into a :class:`SiteConfig`.

:func:`load_config` parses the YAML into the schema of :mod:`generator.config.settings`
(with the short forms some keys allow), then checks the rules that span keys. Unknown keys,
wrong types, missing required keys and broken rules are :class:`ConfigError`\\ s naming the
file, the line and the key, with a "did you mean" hint for near misses.
"""

from __future__ import annotations

import urllib.parse
import zoneinfo
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

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
