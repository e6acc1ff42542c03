"""What a reader never sees, taken out of the Markdown before it is parsed: HTML comments,
Liquid/Jinja template tags (``{% … %}``, ``{{ … }}``, ``{# … #}``), which are never run, and
Kramdown's markup for Jekyll sites (attribute lists ``{: .class}``, ``{:target="_blank"}``,
heading ids ``{#id}``, the ``* TOC`` / ``{:toc}`` marker, ``{::comment}`` blocks), which
only styled the old site. Of raw HTML, which is never run, the tags that hold no text of
their own go too (empty anchors ``<a name="x"></a>``, ``<br>``, lines that only open or close
a ``<div>``, ``<center>``, ``<span>``…); every other tag stays, shown as written.

Line numbers are kept (what is removed leaves its line breaks), so every message about the
text still names the right line. A comment inside a fenced code block or a code span is
code, and stays. Template tags are removed everywhere, as Jekyll would have run them
everywhere: ``{% comment %}…{% endcomment %}`` goes whole, ``{% raw %}…{% endraw %}``
keeps what it holds, as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

_TAG = re.compile(
    r"\{%-?\s*(?P<name>\w*)[^\n]{0,300}?-?%\}|\{\{.{0,300}?\}\}|\{#.{0,300}?#\}", re.DOTALL
)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class TemplateTag:
    """A template tag in a policy's text."""

    line: int
    """1-based line, in the text given, where it starts."""
    text: str
    """The tag as written (shortened past 60 characters)."""


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each tag to remove, and of each comment block, whole."""
    mode, opened = "", 0
    for match in _TAG.finditer(text):
        name = match["name"] or ""
        if mode == "raw" and name != "endraw":
            continue
        if mode == "comment":
            if name == "endcomment":
                yield opened, match.end()
                mode = ""
            continue
        if name == "comment":
            mode, opened = "comment", match.start()
            continue
        mode = "raw" if name == "raw" else ""
        yield match.start(), match.end()
    if mode == "comment":
        yield opened, opened + len("{% comment %}")


def _cut(text: str, spans: Iterator[tuple[int, int]]) -> str:
    """``text`` without the spans, each replaced by the line breaks it held."""
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        if start < position:
            continue
        pieces += [text[position:start], "\n" * text.count("\n", start, end)]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def remove_template_tags(text: str) -> str:
    """``text`` without template tags (see the module's rules), line breaks kept."""
    if "{" not in text:
        return text
    return _cut(text, _spans(text))


def template_tags(text: str) -> list[TemplateTag]:
    """Every template tag :func:`remove_template_tags` would remove, in order."""
    if "{" not in text:
        return []
    found = []
    for start, end in _spans(text):
        written = " ".join(text[start:end].split())
        shown = written if len(written) <= 60 else written[:59] + "…"
        found.append(TemplateTag(text.count("\n", 0, start) + 1, shown))
    return found


def _fences(text: str) -> list[int]:
    """Offsets where fenced code blocks start and end, alternately (an open one runs on)."""
    bounds: list[int] = []
    fence = ""
    position = 0
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if match and not fence:
            fence = match[1]
            bounds.append(position)
        elif (
            match
            and match[1][0] == fence[0]
            and len(match[1]) >= len(fence)
            and not line[match.end() :].strip()
        ):
            fence = ""
            bounds.append(position + len(line))
        position += len(line)
    return bounds


class _Code:
    """Where a text holds code: fenced code blocks, and code spans (an odd number of
    backticks before a place on its line). Each question costs a few bisections, so asking
    about every match of a long text stays linear."""

    def __init__(self, text: str) -> None:
        self.fences = _fences(text)
        self.ticks = [match.start() for match in re.finditer("`", text)]
        self.breaks = [match.start() for match in re.finditer("\n", text)]

    def covers(self, start: int) -> bool:
        """Whether ``start`` is in a fenced code block or a code span."""
        if bisect.bisect_right(self.fences, start) % 2 == 1:
            return True
        before = bisect.bisect_left(self.breaks, start)
        line_start = self.breaks[before - 1] + 1 if before else 0
        ticks = bisect.bisect_left(self.ticks, start) - bisect.bisect_left(self.ticks, line_start)
        return ticks % 2 == 1


def strip_comments(text: str) -> str:
    """``text`` without HTML comments, line breaks kept; comments in code stay."""
    if "<!--" not in text:
        return text
    code = _Code(text)

    def spans() -> Iterator[tuple[int, int]]:
        position = 0
        while (start := text.find("<!--", position)) >= 0:
            if code.covers(start):
                position = start + 4
                continue
            end = text.find("-->", start + 4)
            if end < 0:
                return  # never closed: the reader sees it as written
            yield start, end + 3
            position = end + 3

    return _cut(text, spans())


_KRAMDOWN = re.compile(
    r"(?P<block>\{::(?:comment|nomarkdown)\})"
    r"|\{::\w{1,40}[^}\n]{0,200}/\}"
    r"|^[ \t]{0,3}(?:[*+-]|1\.)[ \t]+TOC[ \t]*\n[ \t]{0,3}\{:\s*toc\s*\}"
    r"|\{:(?![:/])[^}\n]{0,200}\}"
    r"|^[ \t]{0,3}\#{1,6}[ \t][^\n]*?(?P<id>[ \t]*\{\#[\w:.-]+\})[ \t]*$",
    re.MULTILINE,
)
_BLOCK_END = re.compile(r"\{:/(?:comment|nomarkdown)?\}")


def strip_kramdown(text: str) -> str:
    """``text`` without Kramdown's attribute lists, heading ids, TOC marker and extension
    blocks (see the module's rules), line breaks kept; what is in code stays. An extension
    block never closed loses only its opening marker."""
    if "{:" not in text and "{#" not in text:
        return text
    code = _Code(text)

    def spans() -> Iterator[tuple[int, int]]:
        covered, closings = 0, True
        for match in _KRAMDOWN.finditer(text):
            start, end = match.span("id") if match["id"] else match.span()
            if start < covered or code.covers(match.start()):
                continue
            if match["block"] and closings:
                closing = _BLOCK_END.search(text, end)
                closings = closing is not None  # none now means none later either
                end = closing.end() if closing else end
            covered = end
            yield start, end

    return _cut(text, spans())


_LAYOUT_HTML = re.compile(
    r"<a\s+(?:name|id)\s*=\s*(?:\"[^\"\n<>]*\"|'[^'\n<>]*'|[\w.:-]+)\s*>\s*</a\s*>"
    r"|<br\s*/?>"
    r"|^[ \t]{0,3}(?:</?(?:div|center|span|p|section|article|font)\b[^<>\n]*>[ \t]*)+\r?$",
    re.IGNORECASE | re.MULTILINE,
)


def strip_layout_html(text: str) -> str:
    """``text`` without the HTML tags that only laid out a page (see the module's rules);
    a ``<br>`` becomes a space. Line breaks kept; what is in code stays."""
    if "<" not in text:
        return text
    code = _Code(text)
    pieces: list[str] = []
    position = 0
    for match in _LAYOUT_HTML.finditer(text):
        if code.covers(match.start()):
            continue
        space = " " if match[0][:3].lower() == "<br" else ""
        pieces += [text[position : match.start()], space]
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)
