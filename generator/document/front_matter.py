"""The header of a policy file: its metadata, and the line of each key.

YAML between ``---`` lines (Jekyll, MkDocs…), or TOML between ``+++`` lines (Hugo).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

import yaml

from generator.base.days import impossible_day
from generator.base.errors import DocumentError


@dataclass(frozen=True, slots=True)
class Header:
    """A policy file split into its front matter and its Markdown body."""

    metadata: dict[str, Any]
    """The front matter as YAML or TOML read it ({} when the file has none)."""
    body: str
    """The Markdown after the front matter."""
    offset: int
    """Lines before the body, to turn body lines into file lines."""


def split_front_matter(text: str, path: str) -> Header:
    """Read the front matter of ``text``. Raises :class:`DocumentError` when it is broken."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    fence = lines[0].strip() if lines else ""
    if fence not in _CLOSINGS:
        return Header({}, text, 0)
    for end in range(1, len(lines)):
        if lines[end].strip() in _CLOSINGS[fence]:
            break
    else:
        raise DocumentError(
            "the front matter that starts on line 1 is never closed.",
            file=path,
            line=1,
            hint=f"Add a line with only '{fence}' after the last front-matter line.",
        )
    raw = "".join(lines[1:end])
    if fence == "+++":
        return Header(_toml(raw, path), "".join(lines[end + 1 :]), end + 1)
    try:
        # StrictLoader is YAML's SafeLoader, and refuses keys given twice.
        meta = yaml.load(raw, Loader=StrictLoader) if raw.strip() else {}
    except DuplicateKey as twice:
        raise DocumentError(
            f"the front matter gives '{twice.key}' twice, on lines {twice.first + 2} and "
            f"{twice.second + 2}; a reader of the first would believe the wrong value.",
            file=path,
            line=twice.second + 2,
            hint=f"Keep one '{twice.key}:' line and delete the other.",
        ) from None
    except ValueError:  # YAML read a date that does not exist (2026-02-30)
        line, written, why = _first_bad_date(lines[1:end])
        raise DocumentError(
            f"the front matter holds {written}, which is not a day of the calendar ({why})."
            if written
            else "the front matter holds a date that does not exist.",
            file=path,
            line=line + 1,
            hint="Check the day and the month, for example 2026-02-28.",
        ) from None
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct starts (an unclosed bracket…),
        # which is where the reader should look; the problem mark is where YAML gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise DocumentError(
            f"the front matter cannot be read ({problem}).",
            file=path,
            line=line,
            hint="Write each entry as 'key: value' on its own line.",
        ) from None
    if not isinstance(meta, dict):
        raise DocumentError(
            "the front matter must be a list of 'key: value' lines.", file=path, line=2
        )
    return Header(meta, "".join(lines[end + 1 :]), end + 1)


class DuplicateKey(yaml.YAMLError):
    """A mapping that gives one key twice (YAML would silently keep the last)."""

    def __init__(self, key: str, first: int, second: int) -> None:
        super().__init__(f"'{key}' is given twice")
        self.key = key
        self.first = first
        """0-based line of the first one, in the YAML read."""
        self.second = second
        """0-based line of the second one."""


class StrictLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """The mapping, after making sure no key repeats."""
        seen: dict[str, int] = {}
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                line = key_node.start_mark.line
                if key_node.value in seen:
                    raise DuplicateKey(str(key_node.value), seen[key_node.value], line)
                seen[key_node.value] = line
        return super().construct_mapping(node, deep=deep)


_CLOSINGS = {"---": ("---", "..."), "+++": ("+++",)}
"""The line that opens a front matter (YAML, TOML), and the lines that may close it."""


def _toml(raw: str, path: str) -> dict[str, Any]:
    """The TOML front matter ``raw`` as a dict. Raises :class:`DocumentError`."""
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+)", str(exc))
        problem = str(exc).split(" (at ")[0]
        if problem == "Cannot overwrite a value":  # tomllib's words for a key given twice
            raise DocumentError(
                "the front matter gives a key twice; a reader of the first would believe "
                "the wrong value.",
                file=path,
                line=int(found[1]) + 1 if found else 1,
                hint="Keep one of the two lines and delete the other.",
            ) from None
        raise DocumentError(
            f"the front matter cannot be read ({problem}).",
            file=path,
            line=int(found[1]) + 1 if found else 1,
            hint="Write each entry as 'key = value' on its own line, text in quotes.",
        ) from None


def _first_bad_date(lines: list[str]) -> tuple[int, str, str]:
    """The 1-based line (within ``lines``) of the first YYYY-MM-DD that is not a day of the
    calendar, that date as written and why; (1, "", "") when none is found."""
    for number, line in enumerate(lines, start=1):
        for match in re.finditer(r"\d{4}-\d{1,2}-\d{1,2}", line):
            why = impossible_day(match[0])
            if why:
                return number, match[0], why
    return 1, "", ""


def front_matter_line(text: str, key: str) -> int:
    """1-based line of ``key:`` (``key =`` in TOML) in the front matter; 1 (the opening
    line) when absent."""
    lines = text.removeprefix("\ufeff").splitlines()
    closings = _CLOSINGS.get(lines[0].strip() if lines else "", ())
    entry = re.compile(rf"\s*{re.escape(key)}\s*[:=]")
    for number, line in enumerate(lines[1:] if closings else [], start=2):
        if line.strip() in closings:
            break
        if entry.match(line):
            return number
    return 1
