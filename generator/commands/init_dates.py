"""Where ``policy-site init`` finds each file's effective date: the front-matter key most
files use, a date marker or a date line, or the commit; and the order of dates written as
numbers only. A date marker (``{: datetime="2025-03-03" }``, ``<time datetime>``) is the
strongest evidence a text gives: when files carry them, the text is read before a
front-matter key that does not name the effective date (``date:``, ``last_modified_at:``)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter

from generator.base.dates import AMBIGUOUS, locale_numeric_order, parse_human_date
from generator.base.errors import DocumentError
from generator.config import NUMERIC_ORDERS, EffectiveDateSection
from generator.document import split_front_matter
from generator.document.date_lines import DateLineError, find_date_line
from generator.history import History, Revision

#: Front-matter keys that may hold an effective date, in order of preference.
DATE_KEYS = ("effective", "effective_date", "last_updated", "last_modified_at", "updated", "date")
#: Keys that name the effective date itself: they come before the text's date markers.
EFFECTIVE_KEYS = ("effective", "effective_date")


class Dating:
    """Which source dates each file: the chain, and how many files each source dates."""

    def __init__(self, history: History, newest: list[Revision]) -> None:
        keys = Counter(key for r in newest for key in _date_keys(r.text, r.lang))
        self.key = max(DATE_KEYS, key=lambda k: (keys[k], k == "effective")) if keys else ""
        self.numeric = ""
        kinds = [self.kind(r.text, r.lang) for r in history.revisions]
        ambiguous = [r for r, k in zip(history.revisions, kinds, strict=True) if k == "unreadable"]
        self.numeric, self.numeric_guessed = _numeric_order(ambiguous)
        if self.numeric:
            kinds = [self.kind(r.text, r.lang) for r in history.revisions]
        now = [self.kind(r.text, r.lang) for r in newest]
        self.marked = now.count("marker")
        """Files, as they are now, whose date a date marker gives."""
        self.marked_revisions = kinds.count("marker")
        """The same for every revision."""
        kinds = ["text" if k == "marker" else k for k in kinds]
        now = ["text" if k == "marker" else k for k in now]
        self.chain = self._chain(kinds)
        self.dated = dict(Counter(k for k in now if k != "unreadable"))
        self.dated_revisions = dict(Counter(k for k in kinds if k != "unreadable"))
        self.unreadable = tuple(
            sorted(r.path for r, k in zip(newest, now, strict=True) if k == "unreadable")
        )

    def _chain(self, kinds: list[str]) -> tuple[EffectiveDateSection, ...]:
        """The sources that date ``kinds``, in order: a front-matter key, the text (first
        when date markers are found and the key does not name the effective date), the
        commit."""
        chain = []
        if "front_matter" in kinds:
            chain.append(EffectiveDateSection(front_matter=self.key))
        if "text" in kinds:
            text = EffectiveDateSection(text=True)
            markers_first = self.marked_revisions and self.key not in EFFECTIVE_KEYS
            if markers_first:
                chain.insert(0, text)
            else:
                chain.append(text)
        if "commit_date" in kinds or "unreadable" in kinds or not chain:
            chain.append(EffectiveDateSection(commit_date=True))
        return tuple(chain)

    def kind(self, text: str, lang: str) -> str:
        """The source that dates ``text``: front_matter, marker (a date marker in the text),
        text, commit_date, or unreadable."""
        try:
            header = split_front_matter(text, "")
        except DocumentError:
            return "unreadable"
        if (
            self.key
            and header.metadata.get(self.key) is not None
            and not self._marked(header.body, lang)
        ):
            readable = _readable(header.metadata[self.key], lang, self.numeric)
            return "front_matter" if readable else "unreadable"
        try:
            found = find_date_line(header.body, lang, numeric=self.numeric)
        except DateLineError:
            return "unreadable"
        if found is None:
            return "commit_date"
        return "marker" if found.marked else "text"

    def _marked(self, body: str, lang: str) -> bool:
        """True when the text's date comes from a date marker, which wins over a
        front-matter key that does not name the effective date."""
        if self.key in EFFECTIVE_KEYS:
            return False
        try:
            found = find_date_line(body, lang, numeric=self.numeric)
        except DateLineError:
            return False
        return found is not None and found.marked


def _readable(value: object, lang: str, numeric: str = "") -> bool:
    """True when a front-matter value is a date."""
    return isinstance(value, dt.date) or parse_human_date(str(value), lang, numeric) is not None


def _numeric_order(revisions: list[Revision]) -> tuple[str, bool]:
    """The order (``day_first`` or ``month_first``) in which every date line of
    ``revisions`` written as numbers only reads, and True when each reads both ways, so the
    order was taken from their language; "" when there is none, or no one order reads all."""
    fits: Counter[str] = Counter()
    ambiguous: list[Revision] = []
    for revision in revisions:
        try:
            body = split_front_matter(revision.text, "").body
        except DocumentError:
            continue
        if not _numbers_only(body, revision.lang):
            continue
        ambiguous.append(revision)
        for order in NUMERIC_ORDERS:
            with contextlib.suppress(DateLineError):
                find_date_line(body, revision.lang, numeric=order)
                fits[order] += 1
    orders = [order for order in NUMERIC_ORDERS if ambiguous and fits[order] == len(ambiguous)]
    if len(orders) == 2:
        return locale_numeric_order(ambiguous[0].lang), True
    return (orders[0], False) if orders else ("", False)


def _numbers_only(body: str, lang: str) -> bool:
    """True when the date line of ``body`` is refused for its numbers-only date."""
    try:
        find_date_line(body, lang)
    except DateLineError as refused:
        return refused.reason == AMBIGUOUS
    return False


def _date_keys(text: str, lang: str) -> list[str]:
    """The keys of :data:`DATE_KEYS` whose front-matter value is a date."""
    try:
        metadata = split_front_matter(text, "").metadata
    except DocumentError:
        return []
    return [k for k in DATE_KEYS if metadata.get(k) is not None and _readable(metadata[k], lang)]
