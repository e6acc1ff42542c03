"""Text as Atom (XML) holds it: escaped character data and attributes, UTC time stamps."""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape, quoteattr

# Characters XML 1.0 cannot hold at all, even escaped; a feed with one is not XML.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text as XML character data: escaped, and what XML cannot hold left out."""
    return escape(_NOT_XML.sub("", text))


def xml_attr(text: str) -> str:
    """Text as a quoted XML attribute value."""
    return quoteattr(_NOT_XML.sub("", text))


def xml_stamp(moment: dt.datetime) -> str:
    """A moment as an Atom date-time, in UTC."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
