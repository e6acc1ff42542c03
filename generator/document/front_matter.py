"""The YAML header of a policy file, and the effective date a rule finds in a file."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from generator.config import EffectiveDateRule
from generator.dates import parse_human_date
from generator.errors import DocumentError


@dataclass(frozen=True, slots=True)
class Header:
    """A policy file split into its front matter and its Markdown body."""

    metadata: dict[str, Any]
    """The front matter as YAML read it ({} when the file has none)."""
    body: str
    """The Markdown after the front matter."""
    offset: int
    """Lines before the body, to turn body lines into file lines."""


def split_front_matter(text: str, path: str) -> Header:
    """Read the front matter of ``text``. Raises :class:`DocumentError` when it is broken."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return Header({}, text, 0)
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise DocumentError(
            "the front matter that starts on line 1 is never closed.",
            file=path,
            line=1,
            hint="Add a line with only '---' after the last front-matter line.",
        )
    raw = "".join(lines[1:end])
    try:
        meta = yaml.safe_load(raw) if raw.strip() else {}
    except ValueError as exc:  # YAML read a date that does not exist (2026-02-30)
        raise DocumentError(
            f"the front matter holds a date that does not exist ({exc}).",
            file=path,
            line=_first_bad_date_line(lines[1:end]) + 1,
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


def _first_bad_date_line(lines: list[str]) -> int:
    """1-based line (within ``lines``) of the first YYYY-MM-DD that is not a real date."""
    for number, line in enumerate(lines, start=1):
        for match in re.finditer(r"(\d{4})-(\d{1,2})-(\d{1,2})", line):
            try:
                dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return number
    return 1


def front_matter_line(text: str, key: str) -> int:
    """1-based line of ``key:`` in the front matter; 1 (the opening '---') when absent."""
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        if line.lstrip().startswith(f"{key}:"):
            return number
    return 1


def date_line(text: str, rule: EffectiveDateRule) -> int | None:
    """The line of ``text`` holding its effective date under ``rule`` (None: cannot tell)."""
    if rule.pattern:
        match = re.search(rule.pattern, text, re.MULTILINE)
        return text.count("\n", 0, match.start()) + 1 if match else None
    if rule.front_matter:
        return front_matter_line(text, rule.front_matter)
    return None


def effective_date(
    text: str, header: Header, rule: EffectiveDateRule, path: str, lang: str
) -> dt.date | None:
    """The date ``rule`` finds in a file's ``text`` (split into ``header``); None when it is
    the commit's. Raises :class:`DocumentError`."""
    if rule.commit_date:
        return None
    if rule.pattern:
        return _pattern_date(header, rule.pattern, path, lang)
    key = rule.front_matter or "effective"
    value = header.metadata.get(key)
    if value is None:
        raise DocumentError(
            f"the front matter has no '{key}:' date.",
            file=path,
            line=1,
            hint=f"Add a line such as '{key}: 2026-03-01' between the '---' lines.",
        )
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed = parse_human_date(str(value), lang)
    if parsed is None:
        raise DocumentError(
            f"'{key}: {value}' is not a date.",
            file=path,
            line=front_matter_line(text, key),
            hint="Write the date as YYYY-MM-DD, for example 2026-03-01.",
        )
    return parsed


def _pattern_date(header: Header, pattern: str, path: str, lang: str) -> dt.date:
    body, offset = header.body, header.offset
    match = re.search(pattern, body, re.MULTILINE)
    if not match:
        raise DocumentError(
            "no effective date found in the text.",
            file=path,
            hint=f"The site expects a line matching the pattern {pattern!r}.",
        )
    line = body.count("\n", 0, match.start()) + 1 + offset
    written = match.group(1) if match.groups() else match.group(0)
    parsed = parse_human_date(written, lang)
    if parsed is None:
        raise DocumentError(
            f"the effective date {written.strip()!r} is not a date I can read.",
            file=path,
            line=line,
            hint="Write it like 2026-03-17 or March 17, 2026.",
        )
    return parsed
