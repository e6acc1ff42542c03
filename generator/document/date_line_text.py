"""The text of one line of a policy, as the date-line rules read it: markup taken off
(block quotes, list markers, headings, emphasis, tags, links, entities), HTML comments,
fenced code and a YAML front matter set apart (:mod:`generator.document.date_lines` scans
with them; :mod:`generator.document.date_line_rules` reads what they leave)."""

from __future__ import annotations

import html
import re

DIGIT = re.compile(r"\d")
_FRONT_MATTER_START = re.compile(r"(---|\+\+\+)[ \t]*\r?\n")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.|\+\+\+)[ \t]*\r?$", re.MULTILINE)
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*\r?")
_BLOCK = re.compile(r"[ \t]{0,3}(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:>[ \t]?)*")
_ATX = re.compile(r"[ \t]*#{1,6}(?:[ \t]+|$)")
_FOOTNOTE = re.compile(r"\[\^[^\[\]]*\]")
_LINK = re.compile(r"!?\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])?")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_KRAMDOWN = re.compile(r"\{:[^{}\n]{0,200}\}|\{#[\w:.-]{1,100}\}")


def plain_text(text: str) -> str:
    """Inline markup removed: footnote marks, links (their text kept), HTML tags, Kramdown
    attribute lists and heading ids, entities, backslash escapes, emphasis and code marks;
    spaces collapsed."""
    text = _KRAMDOWN.sub(" ", text) if "{" in text else text
    text = _FOOTNOTE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _ESCAPE.sub("", text)
    text = text.replace("*", "").replace("_", "").replace("`", "").replace("~~", "")
    return " ".join(text.split())


def line_content(visible: str) -> tuple[str, bool]:
    """A line without its block markup (quote, list marker, ATX heading marks) and whether
    it is an ATX heading."""
    block = _BLOCK.match(visible)
    rest = visible[block.end() :] if block else visible
    atx = _ATX.match(rest)
    if atx is None:
        return rest, False
    rest = rest[atx.end() :].rstrip()
    closed = rest.rstrip("#")
    if closed != rest and (not closed or closed[-1] in " \t"):
        rest = closed.rstrip()
    return rest, True


def is_setext_underline(line: str) -> bool:
    return _SETEXT.fullmatch(line) is not None


def front_matter_lines(text: str) -> int:
    """The number of lines of a YAML front matter block at the top (0 when there is none)."""
    start = _FRONT_MATTER_START.match(text)
    if start is None:
        return 0
    end = _FRONT_MATTER_END.search(text, start.end())
    return 0 if end is None else text.count("\n", 0, end.start()) + 1


def uncomment(line: str, in_comment: bool) -> tuple[str, bool]:
    """The line without HTML comments, and whether a comment is still open at its end."""
    if not in_comment and "<!--" not in line:
        return line, False
    parts: list[str] = []
    position = 0
    while True:
        if in_comment:
            close = line.find("-->", position)
            if close < 0:
                return "".join(parts), True
            position, in_comment = close + 3, False
        else:
            opening = line.find("<!--", position)
            if opening < 0:
                parts.append(line[position:])
                return "".join(parts), False
            parts.append(line[position:opening])
            position, in_comment = opening + 4, True
