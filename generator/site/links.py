"""The policy text's relative links re-pointed when it is shown on another page, or made
full addresses for what is read away from the site (feeds)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from markupsafe import Markup

from generator.base.urls import relative

_LINK = re.compile(r'(href|src)="([^"]*)"')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def rebase_links(
    html: Markup,
    written_for: str,
    shown_at: str,
    public: Callable[[str], str] | None = None,
    anchors: str | None = None,
) -> Markup:
    """Re-point the policy text's relative links when it is shown on another page, or,
    with ``public``, make them full addresses (for feeds, read away from the site).

    Links in a policy are written as seen from the policy's own page (``../terms/`` from
    ``/en/privacy/``); a version page one level deeper needs ``../../terms/``. A link to a
    section (``#retention``) stays as written, unless ``anchors`` names the page that holds
    the sections.
    """
    if anchors == shown_at and public is None:
        anchors = None  # the sections are on this page
    if written_for == shown_at and anchors is None and public is None:
        return html

    def fix(match: re.Match[str]) -> str:
        url = match.group(2)
        if not url or url.startswith("/") or _SCHEME.match(url):
            return match.group(0)
        if url.startswith("#"):
            if anchors is None:
                return match.group(0)
            page = public(anchors) if public is not None else relative(shown_at, anchors)
            return f'{match.group(1)}="{page}{url}"'
        cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
        path, tail = url[:cut], url[cut:]
        target = posixpath.normpath(posixpath.join("/" + written_for, path)).lstrip("/")
        if path.endswith("/") or path in (".", ""):
            target += "/"
        moved = public(target) if public is not None else relative(shown_at, target)
        return f'{match.group(1)}="{moved}{tail}"'

    return Markup(_LINK.sub(fix, html))
