"""Every id of a policy's text, handed out once: the sections' first, then the authors' own.

A section's id comes from its heading (without its numbering), as it always has: the
addresses of its history page depend on it. The ids authors wrote (Kramdown's
``{: #use }`` and ``{#use}``, HTML's ``id`` and ``<a name>``) are then kept as link
targets, each made safe and unique as section ids are: one the theme or the page uses
(``__drawer``, ``ps-…``) is renamed ``section-…``, and one already taken gets a number.
A heading's or block's written id becomes an empty ``<a id>`` just before it, so the
heading keeps its section id.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it.token import Token

from generator.document.clean import WrittenAnchor
from generator.document.headings import SectionIds, own_id, slugify, split_numbering
from generator.document.raw_html import WRITTEN_IDS

_OPENING = re.compile(r"<[a-z][a-z0-9]*\s[^>]*>")
_ID_VALUE = re.compile(r'(\s(?:id|name)=")([^"]*)(")')
_SAFE = re.compile(r"[^\s\"'<>&#%/\\?`]{1,100}")


def inline_text(token: Token) -> str:
    """The plain text of an inline token: its words, without markup or HTML tags."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


@dataclass
class Ids:
    """The ids of one text, as :func:`assign_ids` handed them out."""

    duplicates: list[tuple[str, int]] = field(default_factory=list)
    """(id, 0-based line) of headings whose id was taken and got a number."""
    anchors: list[str] = field(default_factory=list)
    """Every id on the page from the text: sections' and authors'."""


def assign_ids(tokens: list[Token], written: Sequence[WrittenAnchor]) -> Ids:
    """Give each heading of ``tokens`` its section id (``id`` attribute), then keep each
    id an author wrote, made safe and unique; ``tokens`` is changed in place."""
    taken = SectionIds()
    found = Ids()
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            _number, heading = split_numbering(inline_text(tokens[index + 1]))
            base = own_id(slugify(heading))
            section_id, renamed = taken.claim(base)
            token.attrSet("id", section_id)
            found.anchors.append(section_id)
            if renamed:
                found.duplicates.append((base, token.map[0] if token.map else 0))
    blocks = [t for t in tokens if t.map and t.type != "inline" and t.nesting >= 0]
    for anchor in written:
        target = _target(blocks, anchor)
        if target is not None:
            target.meta.setdefault(WRITTEN_IDS, []).append(anchor.name)
    out: list[Token] = []
    heading = ""  # the id of the heading whose text comes next
    for token in tokens:
        for name in token.meta.pop(WRITTEN_IDS, ()):
            if _safe(name) == token.attrGet("id"):
                continue  # the heading's own id, written out
            chosen = _claim(taken, name)
            if chosen:
                found.anchors.append(chosen)
                out.append(_anchor(chosen, token))
        if token.type == "html_block":
            token.content = _rewrite(token.content, taken, found)
        elif token.type == "inline":
            for child in token.children or ():
                if child.type == "html_inline":
                    child.content = _rewrite(child.content, taken, found, heading)
        heading = str(token.attrGet("id") or "") if token.type == "heading_open" else ""
        out.append(token)
    tokens[:] = out
    return found


def _safe(name: str) -> str:
    """``name`` as an id: as written when it is a plain word (:data:`_SAFE`), else slugged;
    never one the theme or the page uses; "" when nothing is left."""
    name = name.strip()
    if not name:
        return ""
    return own_id(name if _SAFE.fullmatch(name) else slugify(name)[:100])


def _claim(taken: SectionIds, name: str) -> str:
    """``name`` made safe (:func:`_safe`) and unique."""
    safe = _safe(name)
    return taken.claim(safe)[0] if safe else ""


def _target(blocks: list[Token], anchor: WrittenAnchor) -> Token | None:
    """Of ``blocks`` (every token that opens or is a block), the one ``anchor`` names
    (see :class:`WrittenAnchor`), or None."""
    line = anchor.line
    if anchor.place == "in":
        covering = [t for t in blocks if t.map and t.map[0] <= line < t.map[1]]
        headings = [t for t in covering if t.type == "heading_open"]
        chosen = headings or covering
        return chosen[-1] if chosen else None
    if anchor.place == "after":
        ending = next((t for t in blocks if t.map and t.map[1] == line), None)
        if ending is not None:
            return ending
        started = [t for t in blocks if t.map and t.map[0] < line]
        return started[-1] if started else None
    return next((t for t in blocks if t.map and t.map[0] >= line), None)


def _anchor(name: str, before: Token) -> Token:
    token = Token("html_block", "", 0)
    token.content = f'<a id="{html.escape(name)}"></a>\n'
    token.map, token.block = before.map, True
    return token


def _rewrite(cleaned: str, taken: SectionIds, found: Ids, heading: str = "") -> str:
    """Cleaned HTML with each ``id`` and ``name`` made safe and unique (an element's id
    and name, when the same, stay the same); inside a heading, one that is the heading's
    own id goes (the heading has it)."""
    if "id=" not in cleaned and "name=" not in cleaned:
        return cleaned

    def tag(match: re.Match[str]) -> str:
        chosen: dict[str, str] = {}

        def value(found_value: re.Match[str]) -> str:
            written = html.unescape(found_value.group(2))
            if written not in chosen:
                own = heading and _safe(written) == heading
                chosen[written] = "" if own else _claim(taken, written)
                if chosen[written]:
                    found.anchors.append(chosen[written])
            if not chosen[written]:
                return ""
            return f"{found_value.group(1)}{html.escape(chosen[written])}{found_value.group(3)}"

        return _ID_VALUE.sub(value, match.group(0))

    return _OPENING.sub(tag, cleaned)
