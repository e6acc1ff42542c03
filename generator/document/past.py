"""A past revision of a policy file, which can no longer be fixed: published as near to what
was committed as it can be, never refused and never dropped.

:func:`parse_past` parses a revision as :func:`~generator.document.parse.parse_document`
does; when that refuses it, it repairs what stands in the way, one step after another, and
says what it did (:attr:`~generator.document.model.Document.damage`):

1. Control characters (and NUL bytes) are shown as visible symbols (U+001E as ``␞``, U+009D
   as ``�``), as commit messages are (:func:`generator.base.visible.visible`); tabs and line
   endings stay.
2. A front matter that cannot be read is left out (its lines stay, empty, so that line
   numbers hold), except its title and effective date when each can be read on its own line.
3. An effective date that cannot be read, or none at all: the revision is undated and joins
   the version in place before it (:attr:`~generator.document.model.Document.undated`).
4. Failing all that, the text is shown as written, in a code block.

Only the text as it stands now in a published file may be refused
(:mod:`generator.versions.timeline` decides which revision that is).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from markupsafe import Markup, escape

from generator.base.dates import parse_human_date
from generator.base.errors import DocumentError
from generator.base.visible import visible
from generator.config import DateSource, DateSourceKind, EffectiveDateRule
from generator.document.front_matter import split_front_matter
from generator.document.model import Block, Document, Section
from generator.document.parse import parse_document

_KEEP = re.compile(r"(\r\n|\n|\r|\t)")
_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_SCALAR = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(?P<value>[^\n]*?)[ \t]*\r?")
_COMMIT_DATE = EffectiveDateRule((DateSource(DateSourceKind.COMMIT_DATE),))


def visible_text(text: str) -> str:
    """``text`` with every control character shown as a symbol, tabs and line endings kept."""
    return "".join(
        part if index % 2 else visible(part) for index, part in enumerate(_KEEP.split(text))
    )


def _first_changed(text: str, shown: str) -> tuple[int, str]:
    """The line and code point of the first character :func:`visible_text` replaced."""
    for position, (before, after) in enumerate(zip(text, shown, strict=False)):
        if before != after:
            return text.count("\n", 0, position) + 1, f"U+{ord(before):04X}"
    return 1, ""


def _front_matter_end(lines: list[str]) -> int | None:
    """The index of the line that closes a front matter opening the text; None when there
    is none, or it is never closed."""
    fence = lines[0].strip() if lines else ""
    if fence not in _FENCES:
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in _FENCES[fence]:
            return index
    return None


def _salvaged(value: str, key: str, date_key: str) -> str | None:
    """A front-matter value read on its own line, as YAML that cannot fail; None when it
    cannot be read safely (the date key's value must be a date)."""
    value = value.strip().strip("\"'").strip()
    if not value or value[0] in "[{|>&*!%@`":
        return None
    if key == date_key:
        day = parse_human_date(value)
        return day.isoformat() if day else None
    return json.dumps(value, ensure_ascii=False)


def _rebuilt_front_matter(text: str, date_key: str) -> tuple[str, bool] | None:
    """``text`` with its front matter replaced by one that YAML reads, holding only the
    title and the date key when each can be read on its line (line count kept); and
    whether anything was kept. None when the text has no front matter to replace."""
    lines = text.split("\n")
    end = _front_matter_end(lines)
    if end is None and (not lines or lines[0].strip() not in _FENCES):
        return None
    closing = end if end is not None else 0
    kept: list[str] = []
    for line in lines[1:closing]:
        match = _SCALAR.fullmatch(line)
        value = None
        if match and match["key"] in ("title", date_key):
            value = _salvaged(match["value"], match["key"], date_key)
        kept.append(f"{match['key']}: {value}" if match and value is not None else "")
    if end is None:  # never closed: only the opening line is in the way
        return "\n".join(["", *lines[1:]]), False
    block = ["---", *kept, "---"]
    return "\n".join(block + lines[end + 1 :]), any(kept)


def parse_past(
    text: str,
    *,
    path: str,
    lang: str = "en",
    rule: EffectiveDateRule | None = None,
    keep_template_tags: bool = False,
    variables: Mapping[str, str] | None = None,
) -> Document:
    """A past revision's :class:`Document`, repaired when it cannot be read as it is (see
    the module's steps); never raises :class:`DocumentError`."""
    rule = rule or EffectiveDateRule()

    def parse(source: str, chosen: EffectiveDateRule) -> Document:
        return parse_document(
            source,
            path=path,
            lang=lang,
            rule=chosen,
            keep_template_tags=keep_template_tags,
            variables=variables,
        )

    try:
        return parse(text, rule)
    except DocumentError:
        pass
    damage: list[str] = []
    shown = visible_text(text)
    if shown != text:
        line, code = _first_changed(text, shown)
        damage.append(
            f"line {line}: invisible control characters (the first, {code}) are shown as symbols"
        )
    shown = _front_matter_repaired(shown, path, rule, damage)
    found = _dated_or_not(shown, rule, parse, damage)
    if found is None:
        forced = _front_matter_repaired(shown, path, rule, damage, force=True)
        found = _dated_or_not(forced, rule, parse, damage) if forced != shown else None
    if found is not None:
        return found
    damage.append("the text cannot be read as Markdown with its front matter; shown as written")
    return _as_written(text, path, tuple(damage))


def _dated_or_not(
    text: str,
    rule: EffectiveDateRule,
    parse: Callable[[str, EffectiveDateRule], Document],
    damage: list[str],
) -> Document | None:
    """``text`` parsed with the site's rule, else undated (by the commit-date rule, the
    note why added); None when neither reads it."""
    try:
        return replace(parse(text, rule), damage=tuple(damage))
    except DocumentError as error:
        note = (
            f"the effective date cannot be read ({error.message.rstrip('.')}); the text joins "
            "the version in place before it"
        )
    try:
        document = parse(text, _COMMIT_DATE)
    except DocumentError:
        return None
    return replace(document, damage=(*damage, note), undated=True)


def _front_matter_repaired(
    text: str, path: str, rule: EffectiveDateRule, damage: list[str], *, force: bool = False
) -> str:
    r"""``text`` with a front matter YAML cannot read (or, when ``force``\ d, any front
    matter) replaced by :func:`_rebuilt_front_matter`, the repair noted in ``damage``."""
    try:
        split_front_matter(text, path)
        if force:
            raise DocumentError("the front matter holds values the site cannot use", line=1)
    except DocumentError as broken:
        key = next((s.key for s in rule.sources if s.kind is DateSourceKind.FRONT_MATTER), "")
        rebuilt = _rebuilt_front_matter(text, key or "effective")
        if rebuilt is not None:
            kept = ", all but the title and date it states" if rebuilt[1] else ""
            damage.append(
                f"line {broken.line or 1}: {broken.message.rstrip('.')}; the front matter is "
                f"left out{kept}"
            )
            return rebuilt[0]
    return text


def _as_written(text: str, path: str, damage: tuple[str, ...]) -> Document:
    """The whole text in one code block: what a revision nothing else can read becomes."""
    shown = visible_text(text)
    code = Block("code", 0, (str(escape(shown)),), " ".join(shown.split()), 1)
    return Document(
        path=path,
        metadata={},
        title="",
        effective_date=None,
        sections=(Section("", 0, "", "", "", (code,), 1),),
        html=Markup("<pre><code>{}</code></pre>\n").format(shown),
        date_source=DateSourceKind.COMMIT_DATE,
        damage=damage,
        undated=True,
    )
