"""Date markers: the effective date a text marks for machines, the strongest evidence it
gives. A Kramdown attribute list with a ``datetime`` attribute on a date line or on the line
after it (``Effective March 3, 2025`` then ``{: datetime="2025-03-03" }``), or an HTML
``<time datetime="2025-03-03">``; :mod:`generator.document.date_lines` finds the lines they
mark, and their date wins over the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.base.dates import Reading, UnsafeDateError, real_date

_VALUE = r"""\bdatetime\s*=\s*(?:"(?P<dq>[^"\n]{0,60})"|'(?P<sq>[^'\n]{0,60})'|(?P<bare>[^\s"'}>]{1,60}))"""
_IAL = re.compile(r"\{:(?![:/])[^{}\n]{0,200}?" + _VALUE + r"[^{}\n]{0,200}\}")
_TIME = re.compile(r"<time\b[^<>\n]{0,200}?" + _VALUE + r"[^<>\n]{0,200}>", re.IGNORECASE)
_ONLY_IAL = re.compile(r"[ \t]{0,3}\{:[^{}\n]*\}[ \t]*\r?")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")

NOT_ISO = "a date marker's date must be written YYYY-MM-DD"
"""Why a marker's value is refused when it is not such a date."""


@dataclass(frozen=True, slots=True)
class Marker:
    """A date marker in one line."""

    written: str
    """The marker's value as written (``2025-03-03``)."""
    kramdown: bool
    """True for an attribute list, False for a ``<time>`` element."""
    alone: bool
    """True when the attribute list is the whole line: it marks the line before."""

    def reading(self) -> Reading:
        """The marker's date. Raises :class:`UnsafeDateError` when it is not a real day
        written ``YYYY-MM-DD`` (or a month, ``YYYY-MM``)."""
        value = self.written.strip()
        day = _DAY.fullmatch(value)
        if day:
            found = real_date(*day.groups())
            if found is None:
                raise UnsafeDateError("there is no such day", value)
            return Reading(found, False)
        month = _MONTH.fullmatch(value)
        if month and 1 <= int(month[2]) <= 12:
            found = real_date(month[1], month[2], 1)
            if found is not None:
                return Reading(found, True)
        raise UnsafeDateError(NOT_ISO, value)


def find_marker(line: str) -> Marker | None:
    """The first date marker of ``line`` (an attribute list first, then a ``<time>``)."""
    if "datetime" not in line:
        return None
    for pattern, kramdown in ((_IAL, True), (_TIME, False)):
        match = pattern.search(line)
        if match is not None:
            written = next(v for v in (match["dq"], match["sq"], match["bare"]) if v is not None)
            alone = kramdown and _ONLY_IAL.fullmatch(line) is not None
            return Marker(written, kramdown, alone)
    return None
