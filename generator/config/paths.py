"""Reading repository paths as (policy, language), as ``source:`` configures it.

Part of stage 1: ``source.layout`` and ``source.include`` / ``source.exclude`` compiled to
regular expressions (:func:`layout_regex`, :func:`glob_regex`), and :class:`PathMatcher`,
which applies them with the site's languages to say which file holds which policy. Pure:
nothing here reads git or the disk.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.config.languages import LANGUAGE_CODE, language_code

if TYPE_CHECKING:
    from generator.config.settings import SiteConfig

_POLICY = r"(?P<policy>[^/.][^/]*?(?:/[^/.][^/]*?)*)"
#: ``{group}``: one folder, never part of the policy's id (so never of an address).
_GROUP = r"(?P<group>[^/.][^/]*?)"


def layout_regex(layout: str) -> re.Pattern[str]:
    """Regex matching a path relative to ``source.path``; groups ``policy``, ``lang`` and
    ``group``."""
    regex = ""
    parts = re.split(r"({policy}|{lang}|{group})", layout)
    for index, part in enumerate(parts):
        if part == "{policy}":
            regex += _POLICY
        elif part == "{group}":
            regex += _GROUP
        elif part == "{lang}":
            regex += f"(?P<lang>{_language(parts[index - 1][-1:], parts[index + 1][:1])})"
        else:
            regex += re.escape(part)
    return re.compile(regex + r"\Z")


def _language(before: str, after: str) -> str:
    """A language code whose subtags are never joined by the character that sets it apart
    from the policy's name: in ``{policy}_{lang}.md`` the code of ``terms_of_use_de.md`` is
    ``de``, in ``{lang}-{policy}.md`` that of ``EN-Terms-of-Service.md`` is ``EN``."""
    joins = "".join(sorted({"-", "_"} - {before, after}))
    if joins == "-_":
        return LANGUAGE_CODE.pattern
    subtags = f"(?:{re.escape(joins)}[A-Za-z0-9]{{2,8}})*" if joins else ""
    return f"[A-Za-z]{{2,3}}{subtags}"


def glob_regex(glob: str) -> re.Pattern[str]:
    """A glob as a regex on paths: ``*`` and ``?`` stay within a folder, ``**`` spans
    folders, a glob without ``/`` matches a file name in any folder, and one that starts
    with ``/`` matches from the top only."""
    anchored = glob.startswith("/")
    glob = glob.lstrip("/") if anchored else glob
    out = "" if anchored or "/" in glob.rstrip("/") else "(?:.*/)?"
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            out, index = out + "(?:.*/)?", index + 3
        elif glob.startswith("**", index):
            out, index = out + ".*", index + 2
        elif glob[index] == "*":
            out, index = out + "[^/]*", index + 1
        elif glob[index] == "?":
            out, index = out + "[^/]", index + 1
        else:
            out, index = out + re.escape(glob[index]), index + 1
    if glob.endswith("/"):
        out += ".*"
    return re.compile(out + r"\Z")


class PathMatcher:
    """Reads repository paths as (policy name, language), compiled once per configuration."""

    def __init__(self, config: SiteConfig) -> None:
        source = config.source
        folder = source.path.strip("/")
        self.prefix = folder + "/" if folder and folder != "." else ""
        self.layouts = [layout_regex(layout) for layout in source.layouts]
        self.include = [glob_regex(glob) for glob in source.include]
        self.exclude = [glob_regex(glob) for glob in source.exclude]
        self.default = config.languages.default
        self.languages = set(config.language_codes)
        self.archive = frozenset(source.archive)

    def language(self, found: re.Match[str]) -> str:
        """The language of a layout's match: the site's code for its ``{lang}`` in any case
        (``DE`` is ``de``), the default language without one."""
        written = found.groupdict().get("lang")
        if not written:
            return self.default
        return language_code(written, self.languages) or written

    def unarchived(self, path: str) -> str:
        """``path`` without its archive folder (``archive/terms.md`` is ``terms.md``)."""
        if not self.archive:
            return path
        return "/".join(part for part in path.split("/") if part not in self.archive)

    def archived(self, path: str) -> bool:
        """Whether ``path`` is in an archive folder (``source.archive``)."""
        return bool(self.archive) and any(part in self.archive for part in path.split("/")[:-1])

    def identify(self, path: str) -> tuple[str, str] | None:
        """(policy name, lang) for a repository path, or None when it is not a policy file;
        a file in an archive folder is read as if it were outside it."""
        found = self.match(path)
        return (found["policy"], self.language(found)) if found else None

    def folder_group(self, path: str) -> str:
        """The group a path's folder gives: the layout's ``{group}`` folder, else the first
        folder of a ``{policy}`` that spans folders; "" when the file is in no folder.
        ``path`` is from the configuration's folder, or from a folder above it (the
        repository's, when the configuration is in a subfolder)."""
        parts = path.split("/")
        found = next(
            (m for m in (self.match("/".join(parts[i:])) for i in range(len(parts))) if m), None
        )
        if found is None:
            return ""
        group = found.groupdict().get("group")
        if group:
            return group
        head, slash, _name = found["policy"].partition("/")
        return head if slash else ""

    def match(self, path: str) -> re.Match[str] | None:
        """The layout match that reads ``path``, or None when it is not a policy file."""
        if not path.startswith(self.prefix):
            return None
        rel = path[len(self.prefix) :]
        if self.include and not any(glob.match(rel) for glob in self.include):
            return None
        if any(glob.match(rel) for glob in self.exclude):
            return None
        rel = self.unarchived(rel)
        first: re.Match[str] | None = None
        for layout in self.layouts:
            match = layout.match(rel)
            if match is None:
                continue
            if self.language(match) in self.languages:
                return match
            first = first or match
        return first


def identify(path: str, config: SiteConfig) -> tuple[str, str] | None:
    """(policy, lang) for a repository path, or None when the path is not a policy file."""
    return PathMatcher(config).identify(path)
