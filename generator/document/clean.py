"""What a reader never sees, taken out of the Markdown before it is parsed: HTML comments,
Liquid/Jinja template tags (``{% … %}``, ``{{ … }}``, ``{# … #}``), which are never run, and
Kramdown's markup for Jekyll sites (attribute lists ``{: .class}``, ``{:target="_blank"}``,
heading ids ``{#id}``, the ``* TOC`` / ``{:toc}`` marker, ``{::comment}`` blocks), which
only styled the old site; the ids they give (``{: #use }``, ``{#use}``) are kept as
link targets (:class:`WrittenAnchor`) of the block they name. Lines of raw HTML that only
laid out a page go too (lines that only open or close a ``<div>``, ``<center>``,
``<span>``…, and empty anchors ``<a name="x"></a>`` on a line of their own), their ids kept
the same way; every other piece of HTML is cleaned by :mod:`generator.document.raw_html`.

Line numbers are kept (what is removed leaves its line breaks), so every message about the
text still names the right line. A comment inside a fenced code block or a code span is
code, and stays. Template tags are removed everywhere, as Jekyll would have run them
everywhere: ``{% comment %}…{% endcomment %}`` goes whole, ``{% raw %}…{% endraw %}``
keeps what it holds, as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
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


SITE_VARIABLE = re.compile(r"\{\{-?[ \t]*site\.([A-Za-z0-9_][\w.-]{0,200})[ \t]*-?\}\}")
"""``{{ site.key }}``: a value of Jekyll's ``_config.yml`` (or ``site.variables``)."""


def fill_variables(text: str, variables: Mapping[str, str]) -> tuple[str, list[tuple[str, int]]]:
    """``text`` with each ``{{ site.key }}`` that ``variables`` has filled in (a value's
    line breaks become spaces, so lines keep their numbers), and (key, 1-based line) of
    each it has not, which stays as written."""
    if "{{" not in text:
        return text, []
    unknown: list[tuple[str, int]] = []
    counted = [0, 1]  # position, line there

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in variables:
            return " ".join(variables[name].splitlines())
        counted[1] += text.count("\n", counted[0], match.start())
        counted[0] = match.start()
        unknown.append((name, counted[1]))
        return match.group(0)

    return SITE_VARIABLE.sub(one, text), unknown


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each tag to remove, and of each comment block, whole; a
    ``{{ site.key }}`` left unfilled is not one (it stays, as written, and ``check`` names
    it)."""
    mode, opened = "", 0
    for match in _TAG.finditer(text):
        name = match["name"] or ""
        if SITE_VARIABLE.fullmatch(match.group()):
            continue
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
    r"|^[ \t]{0,3}\#{1,6}[ \t][^\n]*?(?P<id>[ \t]*\{\#[\w:.-]+\})[ \t]*$"
    r"|^[ \t]{0,3}[^\s#>][^\n]*?(?P<setext>[ \t]*\{\#[\w:.-]+\})[ \t]*"
    r"(?=\r?\n[ \t]{0,3}(?:=+|-+)[ \t]*\r?$)",
    re.MULTILINE,
)
_BLOCK_END = re.compile(r"\{:/(?:comment|nomarkdown)?\}")
_WRITTEN_ID = re.compile(r"(?:^|[\s{:])\#([\w:.-]{1,200})")


@dataclass(frozen=True, slots=True)
class WrittenAnchor:
    """A link target an author wrote outside the text's own HTML: a Kramdown id
    (``{: #use }``, ``{#use}``) or an empty ``<a id="use"></a>`` on a line of its own."""

    line: int
    """0-based line of the text where it was written."""
    name: str
    """The id as written."""
    place: str
    """Which block it names: ``in`` (the one on its line: a heading with ``{#id}``),
    ``after`` (a Kramdown list on the line after a block names that block) or ``before``
    (on a line of its own after a blank line, or an empty anchor: the block that follows)."""


def _place(text: str, code: _Code, start: int, end: int) -> tuple[int, str]:
    """The 0-based line of ``text[start:end]`` and how it names its block (see
    :class:`WrittenAnchor`)."""
    line = bisect.bisect_left(code.breaks, start)
    line_start = code.breaks[line - 1] + 1 if line else 0
    line_end = code.breaks[line] if line < len(code.breaks) else len(text)
    if (text[line_start:start] + text[end:line_end]).strip():
        return line, "in"
    previous_start = code.breaks[line - 2] + 1 if line >= 2 else 0
    previous = text[previous_start : line_start - 1] if line else ""
    return line, ("after" if previous.strip() else "before")


def read_kramdown(text: str) -> tuple[str, list[WrittenAnchor]]:
    """``text`` without Kramdown's attribute lists, heading ids, TOC marker and extension
    blocks (see the module's rules), line breaks kept, with the ids they gave; what is in
    code stays. An extension block never closed loses only its opening marker."""
    if "{:" not in text and "{#" not in text:
        return text, []
    code = _Code(text)
    anchors: list[WrittenAnchor] = []

    def spans() -> Iterator[tuple[int, int]]:
        covered, closings = 0, True
        for match in _KRAMDOWN.finditer(text):
            group = "id" if match["id"] else "setext" if match["setext"] else ""
            start, end = match.span(group) if group else match.span()
            if start < covered or code.covers(match.start()):
                continue
            if match["block"] and closings:
                closing = _BLOCK_END.search(text, end)
                closings = closing is not None  # none now means none later either
                end = closing.end() if closing else end
            written = _WRITTEN_ID.search(text, start, end) if not match["block"] else None
            if written:
                line, place = _place(text, code, start, end)
                anchors.append(WrittenAnchor(line, written.group(1), place))
            covered = end
            yield start, end

    return _cut(text, spans()), anchors


def strip_kramdown(text: str) -> str:
    """:func:`read_kramdown`'s text alone."""
    return read_kramdown(text)[0]


_LAYOUT_HTML = re.compile(
    r"^[ \t]{0,3}(?:(?:</?(?:div|center|span|p|section|article|font)\b[^<>\n]*>"
    r"|<a\s+(?:name|id)\s*=\s*(?:\"[^\"\n<>]*\"|'[^'\n<>]*'|[\w.:-]+)\s*>\s*</a\s*>)[ \t]*)+\r?$",
    re.IGNORECASE | re.MULTILINE,
)
_LAYOUT_ID = re.compile(
    r"<[a-z]+\s[^<>]*?\b(?:name|id)\s*=\s*(?:\"([^\"\n<>]*)\"|'([^'\n<>]*)'|([\w.:-]+))",
    re.IGNORECASE,
)


def read_layout_html(text: str) -> tuple[str, list[WrittenAnchor]]:
    """``text`` without the lines of HTML that only laid out a page (see the module's
    rules), with the ids those lines gave (for the block that follows). Line breaks kept;
    what is in code stays."""
    if "<" not in text:
        return text, []
    code = _Code(text)
    pieces: list[str] = []
    anchors: list[WrittenAnchor] = []
    position = 0
    for match in _LAYOUT_HTML.finditer(text):
        if code.covers(match.start()):
            continue
        line = bisect.bisect_left(code.breaks, match.start())
        for found in _LAYOUT_ID.finditer(match.group(0)):
            name = next(group for group in found.groups() if group is not None)
            anchors.append(WrittenAnchor(line, name, "before"))
        pieces.append(text[position : match.start()])
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces), anchors


def strip_layout_html(text: str) -> str:
    """:func:`read_layout_html`'s text alone."""
    return read_layout_html(text)[0]
