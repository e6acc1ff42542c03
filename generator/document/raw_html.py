"""The HTML an author wrote in a policy, as markdown-it-py hands it over: cleaned, never run.

A rule of the one Markdown engine (:func:`use_raw_html`), run after inline parsing: each
HTML block is cleaned whole with the allow-list of :mod:`generator.document.sanitize`, and
each tag of inline HTML one by one, the tags of a paragraph kept well nested (a closing
tag with nothing to close goes, what is left open is closed at the paragraph's end). A
block that is one HTML heading (``<h2 id="use">Use of data</h2>``) becomes a heading of
the text, with its inline HTML cleaned the same way, so that it starts a section and can
give the document its title.
"""

from __future__ import annotations

import html as html_lib
import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from generator.document.sanitize import DROPPED_WITH_CONTENT, VOID, clean, clean_tag

WRITTEN_IDS = "ps_written_ids"
"""``Token.meta`` key: the ids an author gave a heading or block (to be made safe)."""

_HEADING = re.compile(r"\s*<(h[1-6])(\s[^<>]*)?>(?P<inner>.*?)</\1\s*>\s*", re.I | re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
_TAGS = re.compile(r"<[^>]*>")
_TEXT_ONLY = frozenset({"text", "softbreak", "hardbreak", "code_inline"})


def use_raw_html(md: MarkdownIt) -> None:
    """Clean every piece of raw HTML the engine parses (see the module's rules)."""
    md.core.ruler.push("ps_raw_html", _raw_html)


def _raw_html(state: StateCore) -> None:
    tokens: list[Token] = []
    for token in state.tokens:
        if token.type == "html_block":
            heading = _html_heading(token, state)
            if heading is not None:
                tokens.extend(heading)
                continue
            cleaned = clean(token.content)
            if not holds_anything(cleaned):
                continue
            token.content = cleaned.rstrip("\n") + "\n"
        elif token.type == "inline" and any(c.type == "html_inline" for c in token.children or ()):
            token.children = balanced(token.children or [])
        tokens.append(token)
    state.tokens = tokens


def holds_anything(cleaned: str) -> bool:
    """Whether cleaned HTML shows something or holds a link target: text, a rule, an id."""
    if not cleaned.strip():
        return False
    if re.search(r'<hr|\s(?:id|name)="', cleaned):
        return True
    return bool(html_lib.unescape(_TAGS.sub("", cleaned)).strip())


def balanced(children: list[Token]) -> list[Token]:
    """Inline tokens with each HTML tag cleaned and the tags well nested; the text inside
    an element dropped with its content (``<script>…</script>``) goes too, but an opening
    tag never closed in the paragraph takes nothing with it."""
    tags = [clean_tag(c.content) if c.type == "html_inline" else None for c in children]
    last_closing = {t[1]: i for i, t in enumerate(tags) if t is not None and t[2]}
    out: list[Token] = []
    stack: list[str] = []
    skipping = ""
    for index, (child, found) in enumerate(zip(children, tags, strict=True)):
        if found is None:
            if not (skipping and child.type in _TEXT_ONLY):
                out.append(child)
            continue
        tag, name, closing = found
        if skipping:
            skipping = "" if closing and name == skipping else skipping
            continue
        if not tag:
            dropped = name in DROPPED_WITH_CONTENT and not closing
            skipping = name if dropped and last_closing.get(name, -1) > index else ""
            continue
        if closing:
            if name in stack:
                while stack:
                    top = stack.pop()
                    out.append(_html(f"</{top}>"))
                    if top == name:
                        break
            continue
        if name not in VOID:
            stack.append(name)
        out.append(_html(tag))
    out.extend(_html(f"</{name}>") for name in reversed(stack))
    return out


def _html(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _html_heading(token: Token, state: StateCore) -> list[Token] | None:
    """A block that is one HTML heading, as heading tokens; None for any other block."""
    found = _HEADING.fullmatch(token.content)
    if found is None or re.search(r"<h[1-6]\b", found["inner"], re.I):
        return None
    tag = found.group(1).lower()
    opening = Token("heading_open", tag, 1)
    opening.map, opening.markup, opening.block = token.map, "html", True
    written = _ID.search(clean(f"<{tag}{found.group(2) or ''}></{tag}>"))
    if written:
        opening.meta[WRITTEN_IDS] = [html_lib.unescape(written.group(1))]
    inline = Token("inline", "", 0)
    inline.map, inline.block = token.map, True
    inline.content = " ".join(found["inner"].split())
    children: list[Token] = []
    state.md.inline.parse(inline.content, state.md, state.env, children)
    inline.children = balanced(children)
    closing = Token("heading_close", tag, -1)
    closing.markup, closing.block = "html", True
    return [opening, inline, closing]
