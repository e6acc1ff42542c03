"""A revision's effective date, from the first source of the configured chain that gives one.

Sources (:class:`~generator.config.source.DateSourceKind`): a front-matter key; a line of the text
that states the date (:func:`generator.document.date_lines.find_date_line`: configured patterns
first, then a date marker such as ``{: datetime="2025-03-03" }``, then "Last updated: June 2025");
the date of the commit. A front-matter value or a date line
that cannot be read is an error, not a reason to try the next source: a wrong date is
worse than none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.base.dates import parse_human_date
from generator.base.errors import DocumentError
from generator.config import DateSource, DateSourceKind, EffectiveDateRule
from generator.document.date_lines import DateLine, DateLineError, find_date_line
from generator.document.front_matter import Header, front_matter_line, split_front_matter


@dataclass(frozen=True, slots=True)
class FoundDate:
    """Where a revision's effective date was found."""

    date: dt.date | None
    """The date; None when it is the date of the commit."""
    source: DateSourceKind
    """Which source gave it."""
    approximate: bool = False
    """Only month and year were written; the date is the 1st of that month."""
    label: str = ""
    """For a date in the text: the label before it, as written ("Last updated")."""
    line: int | None = None
    """1-based line of the file holding it (None for the commit date)."""
    date_line: DateLine | None = None
    """For a date in the text: the date line, in the body the date was found in."""
    marked: bool = False
    """For a date in the text: a date marker (``{: datetime="…" }``, ``<time datetime>``)
    gave it."""


def find_effective_date(
    text: str, header: Header, body: str, rule: EffectiveDateRule, path: str, lang: str
) -> FoundDate:
    """The date the first source of ``rule`` finds in a file's ``text`` (split into
    ``header``; ``body`` is its Markdown as cleaned). Raises :class:`DocumentError`."""
    for source in rule.sources:
        if source.kind is DateSourceKind.COMMIT_DATE:
            return FoundDate(None, DateSourceKind.COMMIT_DATE)
        if source.kind is DateSourceKind.FRONT_MATTER:
            found = _from_front_matter(text, header, source.key, path, lang, rule.numeric)
        else:
            found = _from_text(body, header.offset, source, path, lang, rule.numeric)
        if found is not None:
            return found
    raise _nothing_found(rule, path)


def _from_front_matter(
    text: str, header: Header, key: str, path: str, lang: str, numeric: str
) -> FoundDate | None:
    value = header.metadata.get(key)
    if value is None:
        return None
    line = front_matter_line(text, key)
    if isinstance(value, dt.datetime):
        return FoundDate(value.date(), DateSourceKind.FRONT_MATTER, line=line)
    if isinstance(value, dt.date):
        return FoundDate(value, DateSourceKind.FRONT_MATTER, line=line)
    parsed = parse_human_date(str(value), lang, numeric)
    if parsed is None:
        raise DocumentError(
            f"'{key}: {value}' is not a date.",
            file=path,
            line=line,
            hint="Write the date as YYYY-MM-DD, for example 2026-03-01.",
        )
    return FoundDate(parsed, DateSourceKind.FRONT_MATTER, line=line)


def _from_text(
    body: str, offset: int, source: DateSource, path: str, lang: str, numeric: str
) -> FoundDate | None:
    try:
        found = find_date_line(
            body, lang, source.patterns_for(lang), labels=source.labels, numeric=numeric
        )
    except DateLineError as exc:
        raise DocumentError(
            f"the effective date {exc.text!r} is not a date I can read ({exc.reason}).",
            file=path,
            line=exc.line + offset,
            hint=exc.hint,
        ) from None
    if found is None:
        return None
    return FoundDate(
        found.date,
        DateSourceKind.TEXT,
        approximate=found.approximate,
        label=found.label,
        line=found.line + offset,
        date_line=found,
        marked=found.marked,
    )


def _nothing_found(rule: EffectiveDateRule, path: str) -> DocumentError:
    keys = [s.key for s in rule.sources if s.kind is DateSourceKind.FRONT_MATTER]
    texts = [s for s in rule.sources if s.kind is DateSourceKind.TEXT]
    if keys and not texts:
        names = " or ".join(f"'{key}:'" for key in keys)
        return DocumentError(
            f"the front matter has no {names} date.",
            file=path,
            line=1,
            hint=f"Add a line such as '{keys[0]}: 2026-03-01' between the '---' lines.",
        )
    if texts and not keys and not texts[0].labels and len(texts) == 1:
        return DocumentError(
            "no effective date found in the text.",
            file=path,
            hint=f"The site expects a line matching the pattern {texts[0].patterns[0]!r}.",
        )
    where = "in the text" if not keys else "in the front matter or the text"
    ways = [f"'{keys[0]}: 2026-03-01' in the front matter"] if keys else []
    ways.append("a line such as 'Effective date: 1 March 2026'")
    return DocumentError(
        f"no effective date found {where}.",
        file=path,
        line=1,
        hint=f"Add {' or '.join(ways)}; or end 'source.effective_date' with commit_date "
        "to date such files by their commit.",
    )


def date_line(text: str, rule: EffectiveDateRule, lang: str = "en") -> int | None:
    """The line of ``text`` holding its effective date under ``rule``, or the line that
    should (1, the front matter, when the chain starts there); None when it cannot be told."""
    try:
        header: Header | None = split_front_matter(text, "")
    except DocumentError:
        header = None  # the front matter is broken, but its lines can still be found
    for source in rule.sources:
        if source.kind is DateSourceKind.COMMIT_DATE:
            break
        if source.kind is DateSourceKind.FRONT_MATTER:
            line = front_matter_line(text, source.key)
            if line > 1:  # line 1 is the opening '---': the key is there
                return line
            continue
        if header is None:
            break
        try:
            found = find_date_line(
                header.body,
                lang,
                source.patterns_for(lang),
                labels=source.labels,
                numeric=rule.numeric,
            )
        except DateLineError as exc:
            return exc.line + header.offset
        if found is not None:
            return found.line + header.offset
    first = rule.sources[0].kind if rule.sources else None
    return 1 if first is DateSourceKind.FRONT_MATTER else None
