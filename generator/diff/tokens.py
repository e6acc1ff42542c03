"""Split a block's inline HTML into comparable tokens, keeping the markup around each one.

A token is a word, one punctuation character, one CJK character (Han, kana, Hangul), or a
void element (``<img>``); the whitespace before it travels with it as a one-space lead, so
reflowed lines compare equal and whitespace never matches on its own. Tags are not tokens:
each token carries the stack of opening tags around it, which renderers re-emit, so markup
survives any diff. The comparison key ignores emphasis but not link targets.
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from dataclasses import dataclass, field

_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    "\U00020000-\U0003ffff"
)


def _mark_ranges() -> str:
    """Combining marks (categories Mn, Mc, Me) of the BMP, as a regex class body.

    Python's ``\\w`` leaves them out, which would split Hindi or vocalised Arabic words.
    """
    ranges: list[str] = []
    start = -1
    for code in range(0x300, min(sys.maxunicode, 0xFFFF) + 2):
        is_mark = code <= 0xFFFF and unicodedata.category(chr(code))[0] == "M"
        if is_mark and start < 0:
            start = code
        elif not is_mark and start >= 0:
            ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = -1
    return "".join(ranges)


_MARKS = _mark_ranges()
#: whitespace | one CJK character | a word (letters, digits, combining marks) | anything else
_TOKEN = re.compile(rf"(\s+)|([{_CJK}])|((?:[^\W{_CJK}]|[{_MARKS}])+)|(.)", re.DOTALL)
_TAG = re.compile(r"<(?:[^>\"]|\"[^\"]*\")*>")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")
_ID_ATTR = re.compile(r'\s+(?:id|name)="[^"]*"')
_HREF = re.compile(r'href="([^"]*)"')
_ALT = re.compile(r'alt="([^"]*)"')
_ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_VOID = frozenset({"br", "img", "hr", "wbr", "input", "col"})
#: Elements that stand side by side inside a cell (the items of a list in a table's cell):
#: each carries its place among its siblings, so that two items never merge into one.
_SIBLINGS = frozenset(
    {"li", "p", "div", "tr", "td", "th", "dt", "dd", "ul", "ol", "dl", "table", "thead", "tbody",
     "tfoot", "caption", "blockquote", "pre", "details", "summary", "h1", "h2", "h3", "h4", "h5",
     "h6"}
)  # fmt: skip
_PLACE = "\x00"
"""Sets an element's place among its siblings apart from its tag (never in HTML)."""
#: Token texts that end a sentence (for the coarser fallback on very long blocks).
SENTENCE_ENDS = frozenset({".", "!", "?", "。", "！", "？", "؟", "।", "…"})


@dataclass(slots=True)
class Tokens:
    """The tokens of one cell, as parallel lists (cheap for blocks of a megabyte)."""

    keys: list[str] = field(default_factory=list)
    """What is compared: lead space, text, and the enclosing link target if any."""
    texts: list[str] = field(default_factory=list)
    """Plain text with its lead (" " or "")."""
    htmls: list[str] = field(default_factory=list)
    """Escaped HTML with its lead whitespace (which may hold ``<br />``)."""
    tags: list[tuple[str, ...]] = field(default_factory=list)
    """Opening tags around the token, outermost first."""
    words: list[bool] = field(default_factory=list)
    """True for a word or CJK character, False for punctuation and void elements."""

    def __len__(self) -> int:
        return len(self.keys)


def _link_suffix(stack: tuple[str, ...]) -> str:
    for tag in reversed(stack):
        if tag.startswith("<a "):
            match = _HREF.search(tag)
            return "\x00" + (match.group(1) if match else "")
    return ""


def _opened(stack: tuple[str, ...], places: list[int], tag: str, name: str) -> tuple[str, ...]:
    """The tag stack once ``tag`` opens (without its ids; with its place among its
    siblings for :data:`_SIBLINGS`); ``places`` grows by the new depth."""
    opening = _ID_ATTR.sub("", tag)
    if name in _SIBLINGS:
        places[-1] += 1
        opening += f"{_PLACE}{places[-1]}"
    places.append(0)
    return (*stack, opening)


def tokenize(cell_html: str) -> Tokens:
    """Tokens of one cell of markdown-it inline HTML (escaped text, well-nested tags)."""
    out = Tokens()
    keys, texts, htmls, tags, words = out.keys, out.texts, out.htmls, out.tags, out.words
    stack: tuple[str, ...] = ()
    suffix = ""
    pending = ""  # whitespace (and <br />) seen since the last token
    esc = _ESCAPE

    def add(key: str, text: str, markup: str, is_word: bool) -> None:
        nonlocal pending
        if pending and keys:
            keys.append(" " + key)
            texts.append(" " + text)
            htmls.append(pending + markup)
        else:
            keys.append(key)
            texts.append(text)
            htmls.append(markup)
        tags.append(stack)
        words.append(is_word)
        pending = ""

    def feed(segment: str) -> None:
        nonlocal pending
        plain = html.unescape(segment) if "&" in segment else segment
        for match in _TOKEN.finditer(plain):
            space, cjk, word, other = match.groups()
            if space is not None:
                pending += space
            elif other is not None:
                add(other + suffix, other, esc.get(other, other), False)
            else:
                token = cjk or word
                add(token + suffix, token, token, True)

    position = 0
    places: list[int] = [0]  # elements opened so far at each depth, for _SIBLINGS
    for tag_match in _TAG.finditer(cell_html):
        feed(cell_html[position : tag_match.start()])
        position = tag_match.end()
        tag = tag_match.group()
        name = tag_name(tag)
        if tag.startswith("</"):
            for depth in range(len(stack) - 1, -1, -1):
                if tag_name(stack[depth]) == name:
                    stack = stack[:depth]
                    del places[depth + 1 :]
                    suffix = _link_suffix(stack)
                    break
        elif name == "br":
            pending += tag
        elif name in _VOID or tag.endswith("/>") or not name:
            alt = _ALT.search(tag)
            add("\x01" + tag, html.unescape(alt.group(1)) if alt else "", tag, False)
        else:
            stack = _opened(stack, places, tag, name)
            suffix = _link_suffix(stack)
    feed(cell_html[position:])
    return out


class TokenCache:
    """The tokens of each distinct cell text, computed once while the cache is kept.

    Keyed by the text itself: the key is the very string the document's block already holds,
    so the cache adds only the tokens. Whoever keeps it decides its scope (the site keeps one
    per policy and language: versions of one file share most of their text, other files
    share almost none). Tokens are shared between diffs, so nothing may change them.
    """

    __slots__ = ("_joined", "_tokens", "computed")

    def __init__(self) -> None:
        self._tokens: dict[str, Tokens] = {}
        self._joined: dict[str, str] = {}
        self.computed = 0
        """How many texts were tokenised (each distinct text once)."""

    def tokens(self, cell_html: str) -> Tokens:
        """The tokens of ``cell_html`` (:func:`tokenize`, computed once)."""
        found = self._tokens.get(cell_html)
        if found is None:
            found = self._tokens[cell_html] = tokenize(cell_html)
            self.computed += 1
        return found

    def key(self, cell_html: str) -> str:
        """The cell's comparison keys joined into one string, to compare whole cells."""
        found = self._joined.get(cell_html)
        if found is None:
            found = self._joined[cell_html] = "".join(self.tokens(cell_html).keys)
        return found

    def clear(self) -> None:
        """Forget every text (when no diff that follows can need them)."""
        self._tokens.clear()
        self._joined.clear()

    def __len__(self) -> int:
        return len(self._tokens)


def plain_tokens(text: str) -> list[str]:
    """The tokens of plain text, without whitespace."""
    return [match.group() for match in _TOKEN.finditer(text) if match.group(1) is None]


def count_words(text: str) -> int:
    """Words in plain text, counting each CJK character as one."""
    return sum(1 for match in _TOKEN.finditer(text) if match.group(2) or match.group(3))


def tag_name(tag: str) -> str:
    """``a`` for ``<a href="…">`` or ``</a>``; "" for anything else."""
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


def opening_tag(entry: str) -> str:
    """The HTML of an entry of a token's tag stack (without its place among siblings)."""
    return entry.partition(_PLACE)[0]


def closing_tag(opening: str) -> str:
    """``</a>`` for ``<a href="…">``."""
    name = tag_name(opening)
    return f"</{name}>" if name else ""
