"""The one allow-list for the HTML that authors write in their policies, applied with nh3.

Raw HTML in a policy (a table whose cells hold lists, a ``<span>`` in a heading, an
``<a id>`` target) is parsed and cleaned, never passed through as written and never shown
as source code. What survives is :data:`TAGS` with the attributes of :data:`ATTRIBUTES`;
links keep only ``http``, ``https``, ``mailto`` and relative addresses. Everything else is
gone: scripts, styles, frames, forms, images, event handlers, ``class`` and ``style``
attributes, ``javascript:`` and ``data:`` addresses; the text inside ``script``, ``style``
and the like goes with them.

Markdown's own output (markdown-it-py's) is not cleaned here: it is made by the one engine
and holds no author's markup. Ids are kept as written; :mod:`generator.document.anchors`
then makes them unique and safe, as section ids are.
"""

from __future__ import annotations

import re

import nh3

TAGS = frozenset(
    {
        # tables and their parts
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
        # lists
        "ul", "ol", "li", "dl", "dt", "dd",
        # text and its structure
        "span", "div", "p", "br", "sup", "sub", "abbr", "details", "summary",
        "b", "strong", "i", "em", "u", "s", "del", "ins", "small", "mark", "code", "pre",
        "blockquote", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        # links and their targets
        "a",
    }
)  # fmt: skip
"""Elements an author's HTML may hold."""

_EVERYWHERE = {"id"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _EVERYWHERE,
    "a": {"href", "name", "title"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "details": {"open"},
}
"""Attributes each element may keep (``*``: every element)."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes a link may have; an address without one (relative) is kept too."""

DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "svg",
     "math", "select", "title", "xmp", "noembed", "noframes", "plaintext"}
)  # fmt: skip
"""Elements whose content goes with them (nh3 keeps the text of other dropped ones)."""

VOID = frozenset({"br", "col", "hr", "wbr"})
"""Allowed elements that have no closing tag."""

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


def clean(html: str) -> str:
    """``html`` (a fragment, any markup) with only what the allow-list keeps, well nested."""
    if "<" not in html and "&" not in html:
        return html
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def clean_tag(fragment: str) -> tuple[str, str, bool]:
    """One tag of inline HTML (``<span class="x">``, ``</span>``, ``<br>``) as
    (cleaned tag, element name, is a closing tag); the cleaned tag is "" when the element is
    not allowed. The caller keeps the tags of a paragraph well nested."""
    found = _TAG.match(fragment)
    if found is None:  # a comment, a declaration, a processing instruction
        return "", "", False
    closing, name = bool(found.group(1)), found.group(2).lower()
    if name not in TAGS:
        return "", name, closing
    if closing:
        return ("" if name in VOID else f"</{name}>"), name, True
    if name in VOID:
        whole = clean(fragment)
        return (whole if whole.startswith(f"<{name}") else ""), name, False
    end = f"</{name}>"
    whole = clean(fragment + end)
    if not whole.startswith(f"<{name}") or not whole.endswith(end):
        return "", name, False  # an element that cannot stand here (a cell outside a table)
    return whole[: -len(end)], name, False
