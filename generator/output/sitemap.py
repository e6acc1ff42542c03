"""Each language's ``sitemap.xml`` (and ``.gz``), from the site model.

Every page of the language is listed at its public address, with the addresses of its
versions in the other languages (``hreflang``, in the sitemap rather than each page's head:
mkdocs-material's script fetches a ``sitemap.xml`` beside every ``link[rel=alternate]``).
Without ``site.url`` addresses are not known, and the sitemap lists nothing; it still
exists, as the theme fetches it.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Sequence
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from generator.base.languages import language_tag
from generator.config import SiteConfig

Entry = tuple[str, tuple[tuple[str, str], ...]]
"""A page's address in its language folder, and its (language, address) alternates."""


def _address(url: str) -> str:
    """``url`` as sitemaps want it: non-ASCII characters percent-encoded."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%")


def sitemap(lang: str, pages: Sequence[Entry], config: SiteConfig, timestamp: int) -> bytes:
    """The sitemap of one language, every page last modified on the newest commit's day."""
    day = dt.datetime.fromtimestamp(timestamp, dt.UTC).date().isoformat()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    if config.site.url:
        for url, others in pages:
            lines += [
                "    <url>",
                f"         <loc>{escape(_address(config.public_url(lang + '/' + url)))}</loc>",
                f"         <lastmod>{day}</lastmod>",
            ]
            default = dict(others).get(config.languages.default)
            alternates = [*others, *([("x-default", default)] if default else [])]
            for code, target in alternates:
                lines.append(
                    f'         <xhtml:link rel="alternate" hreflang={quoteattr(language_tag(code))} '
                    f"href={quoteattr(_address(config.public_url(target)))}/>"
                )
            lines.append("    </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def compressed(data: bytes) -> bytes:
    """``sitemap.xml.gz``: the same bytes every time (no time stamp in the header)."""
    return gzip.compress(data, mtime=0)
