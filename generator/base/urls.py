"""The permanent URL layout: every address the site publishes, defined once.

Addresses are paths from the site root without a leading slash, directory-style pages
ending in "/" (``en/privacy/2026-01-01/changes/``). Pages link to each other with
:func:`relative`, so the site works under any base path. ``check`` validates links with
:func:`resolve`, the inverse of the functions below, so it approves exactly what is built.
"""

from __future__ import annotations

import datetime as dt
import enum
import posixpath
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

API_INDEX = "api/policies.json"
"""The machine-readable index of every policy, language and version."""
FEED = "feed.xml"
"""The Atom feed's file name, in a language folder and in each policy's folder."""
SOURCE = "source.md"
"""A version's source text (the file's exact bytes), in the version's folder."""
PDF_SUFFIX = ".pdf"
"""A version's PDF, in the version's folder, is named ``<policy>-<date>-<lang>.pdf``."""
COMPARE = "compare"
"""The folder of a policy's comparisons of two versions."""
PAIR = "..."
"""What joins the two dates of a comparison: ``compare/2024-03-01...2025-02-01/``."""
CORRECTIONS = "corrections"
"""A version's folder of corrections: ``2026-01-01/corrections/<commit>/`` is what one
correction changed (the first 12 hex digits of its commit name it for good)."""
CORRECTION_DIGITS = 12
"""How many hex digits of a correction's commit its address holds."""
DRAFT = "draft"
"""The segment of an uncommitted correction (``serve`` only)."""
WHATS_NEW = "changes"
"""A language's folder of every amendment across policies (``en/changes/``), which holds
one page and one feed per group (``en/changes/<group>/``). No policy may have this id."""

RESERVED: frozenset[str] = frozenset(
    {
        "history",
        "compare",
        "changes",
        "since",
        SOURCE,
        FEED,
        API_INDEX.split("/", 1)[0],
        # What MkDocs and mkdocs-material write into each language's folder.
        "assets",
        "search",
        "404.html",
        "sitemap.xml",
        "sitemap.xml.gz",
        "index.html",
        "index.md",
    }
)
"""Address segments the layout uses, which no policy id may hold as one of its folders
(besides dates, :data:`DATE_SEGMENT`, and the site's language codes): a policy
``privacy/history`` would be written where the privacy policy's history is."""


class PageKind(enum.StrEnum):
    """Every kind of page the site has."""

    HOME = "home"
    """A language's list of policies: ``<lang>/``."""
    POLICY = "policy"
    """The version in force: ``<lang>/<policy>/``."""
    HISTORY = "history"
    """Every version, with its commits: ``<lang>/<policy>/history/``."""
    VERSION = "version"
    """One version's text: ``<lang>/<policy>/<date>/``."""
    CHANGES = "changes"
    """Previous version → this one: ``<lang>/<policy>/<date>/changes/``."""
    SINCE = "since"
    """This version ↔ the one in force: ``<lang>/<policy>/<date>/since/``."""
    COMPARE_INDEX = "compare_index"
    """Every comparison of two versions on offer: ``<lang>/<policy>/compare/``."""
    COMPARE = "compare"
    """One version → a later one: ``<lang>/<policy>/compare/<old>...<new>/``."""
    CORRECTION = "correction"
    """What one correction changed in a version:
    ``<lang>/<policy>/<date>/corrections/<commit>/``."""
    SECTION_HISTORY = "section_history"
    """Every version that changed one section: ``<lang>/<policy>/history/<section-id>/``."""
    WHATS_NEW = "whats_new"
    """Every amendment across policies, by month: ``<lang>/changes/``, or one group's:
    ``<lang>/changes/<group>/``."""


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CORRECTION = re.compile(rf"[0-9a-f]{{{CORRECTION_DIGITS}}}|{DRAFT}")
DATE_SEGMENT = _DAY
"""A version's folder (``YYYY-MM-DD``): no segment of a policy id may look like one."""


def reserved_segment(policy_id: str, languages: Collection[str]) -> str | None:
    """The first segment of ``policy_id`` that the address layout uses (a date, a page's
    folder, a file the site writes, a language code), or None when the id is free to use.

    This is the one place that says which names are reserved: an id holding one of them
    would give the policy addresses that belong to another page."""
    for segment in policy_id.split("/"):
        if segment in RESERVED or segment in languages or _DAY.fullmatch(segment):
            return segment
    return None


def slug(text: str, fallback: str) -> str:
    """``text`` as one safe address segment: lower-case letters and digits of any script,
    words joined by hyphens; ``fallback`` when nothing is left."""
    text = unicodedata.normalize("NFKC", text).lower()
    out: list[str] = []
    for ch in text:
        category = unicodedata.category(ch)
        if category[0] in "LN" or ch in "-_":
            out.append(ch)
        elif ch.isspace() or category[0] in "PSZ":
            out.append("-")
    return re.sub(r"-{2,}", "-", "".join(out)).strip("-") or fallback


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… the first not ``taken``; it is taken from then on."""
    candidate, suffix = base, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    taken.add(candidate)
    return candidate


def _date(day: dt.date | str) -> str:
    return day.isoformat() if isinstance(day, dt.date) else day


def home(lang: str) -> str:
    """``en/``."""
    return f"{lang}/"


def policy(lang: str, policy_id: str) -> str:
    """``en/privacy/``."""
    return f"{lang}/{policy_id}/"


def history(lang: str, policy_id: str) -> str:
    """``en/privacy/history/``."""
    return f"{policy(lang, policy_id)}history/"


def version(lang: str, policy_id: str, day: dt.date | str) -> str:
    """``en/privacy/2026-01-01/``."""
    return f"{policy(lang, policy_id)}{_date(day)}/"


def changes(lang: str, policy_id: str, day: dt.date | str) -> str:
    """``en/privacy/2026-01-01/changes/``: the previous version → this one."""
    return f"{version(lang, policy_id, day)}changes/"


def since(lang: str, policy_id: str, day: dt.date | str) -> str:
    """``en/privacy/2026-01-01/since/``: this version compared with the one in force."""
    return f"{version(lang, policy_id, day)}since/"


def correction(lang: str, policy_id: str, day: dt.date | str, commit: str) -> str:
    """``en/privacy/2026-01-01/corrections/0123456789ab/``: what the correction made by
    ``commit`` (a full or abbreviated sha; "" for an uncommitted one) changed."""
    segment = commit[:CORRECTION_DIGITS] if commit else DRAFT
    return f"{version(lang, policy_id, day)}{CORRECTIONS}/{segment}/"


def compare_index(lang: str, policy_id: str) -> str:
    """``en/privacy/compare/``: the comparisons on offer, and the pickers."""
    return f"{policy(lang, policy_id)}{COMPARE}/"


def compare(lang: str, policy_id: str, old: dt.date | str, new: dt.date | str) -> str:
    """``en/privacy/compare/2024-03-01...2025-02-01/``: the version of ``old`` → that of ``new``."""
    return f"{compare_index(lang, policy_id)}{_date(old)}{PAIR}{_date(new)}/"


def section_history(lang: str, policy_id: str, section_id: str) -> str:
    """``en/privacy/history/your-rights/``: every version that changed one section."""
    return f"{history(lang, policy_id)}{section_id}/"


def source(lang: str, policy_id: str, day: dt.date | str) -> str:
    """``en/privacy/2026-01-01/source.md``: the version's text exactly as committed."""
    return f"{version(lang, policy_id, day)}{SOURCE}"


def pdf_name(lang: str, policy_id: str, day: dt.date | str) -> str:
    """``privacy-2026-01-01-en.pdf``: the name a PDF keeps when saved or attached (a policy
    id that spans folders joins its parts with hyphens)."""
    return f"{policy_id.replace('/', '-')}-{_date(day)}-{lang}{PDF_SUFFIX}"


def pdf(lang: str, policy_id: str, day: dt.date | str) -> str:
    """``en/privacy/2026-01-01/privacy-2026-01-01-en.pdf``: the version as a PDF."""
    return f"{version(lang, policy_id, day)}{pdf_name(lang, policy_id, day)}"


def api_policy(lang: str, policy_id: str) -> str:
    """``api/en/privacy.json``: one policy's versions, comparisons and sections in one
    language (``api/policies.json`` is the index that leads to it)."""
    return f"{API_INDEX.split('/', 1)[0]}/{lang}/{policy_id}.json"


def feed(lang: str, policy_id: str = "") -> str:
    """``en/feed.xml`` (every policy) or ``en/privacy/feed.xml``."""
    return f"{policy(lang, policy_id) if policy_id else home(lang)}{FEED}"


def whats_new(lang: str, group: str = "") -> str:
    """``en/changes/`` (every amendment) or ``en/changes/<group>/`` (one group's); ``group``
    is the group's slug."""
    return f"{home(lang)}{WHATS_NEW}/" + (f"{group}/" if group else "")


def group_feed(lang: str, group: str) -> str:
    """``en/changes/<group>/feed.xml``: the Atom feed of one group's amendments."""
    return f"{whats_new(lang, group)}{FEED}"


def page_file(address: str) -> str:
    """The file a directory-style address is served from: ``en/privacy/index.html``."""
    return f"{address}index.html"


def page(
    kind: PageKind,
    lang: str,
    policy_id: str = "",
    day: dt.date | str = "",
    *,
    base: dt.date | str = "",
    section: str = "",
) -> str:
    """The address of a page of ``kind``: ``day`` is the version (for a comparison, the
    newer one), ``base`` a comparison's older version, ``section`` a section's id (for the
    what's new page, a group's slug or ""; for a correction, its commit)."""
    if kind is PageKind.CORRECTION:
        return correction(lang, policy_id, day, section)
    if kind is PageKind.WHATS_NEW:
        return whats_new(lang, section)
    if kind is PageKind.COMPARE_INDEX:
        return compare_index(lang, policy_id)
    if kind is PageKind.COMPARE:
        return compare(lang, policy_id, base, day)
    if kind is PageKind.SECTION_HISTORY:
        return section_history(lang, policy_id, section)
    if kind is PageKind.HOME:
        return home(lang)
    if kind is PageKind.POLICY:
        return policy(lang, policy_id)
    if kind is PageKind.HISTORY:
        return history(lang, policy_id)
    if kind is PageKind.VERSION:
        return version(lang, policy_id, day)
    if kind is PageKind.CHANGES:
        return changes(lang, policy_id, day)
    return since(lang, policy_id, day)


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two directory-style addresses from the site root."""
    rel = posixpath.relpath("/" + to_url, "/" + (from_url or "."))
    if rel == ".":
        return "./"
    return rel + ("/" if to_url.endswith("/") and not rel.endswith("/") else "")


@dataclass(frozen=True, slots=True)
class Target:
    """What an address of the site names, as :func:`resolve` reads it."""

    kind: PageKind | None
    """The page's kind; None for a file (feed, API index) or an address that names nothing."""
    lang: str = ""
    """The language folder ("" for the API index)."""
    policy: str = ""
    """The policy id ("" for a language home or the API index)."""
    day: dt.date | None = None
    """The version's effective date, for version, changes, since and source addresses (for
    a comparison, the newer version's)."""
    file: str = ""
    """``feed.xml``, ``source.md``, a version's PDF or the API index's path, for files."""
    base: dt.date | None = None
    """A comparison's older version."""
    section: str = ""
    """A section history's section id; a correction's commit (its address segment)."""
    group: str = ""
    """The group (its slug) of a what's new page or group feed."""
    unknown: str = ""
    """What could not be read: a policy id nobody has, or a segment after a known policy."""


def resolve(path: str, policies: Collection[str]) -> Target:
    """Read ``path`` (from the site root, "/" separated) as the layout above defines it.

    ``policies`` are the known policy ids; an id may span folders, so the longest known
    id wins. The result says what the address would be; whether that version or page
    exists is for the caller to judge.
    """
    segments = [s for s in path.split("/") if s and s != "index.html"]
    if "/".join(segments) == API_INDEX:
        return Target(None, file=API_INDEX)
    if not segments:
        return Target(None)
    lang, rest = segments[0], segments[1:]
    if not rest:
        return Target(PageKind.HOME, lang)
    if rest == [FEED]:
        return Target(None, lang, file=FEED)
    if rest[0] == WHATS_NEW:
        return _resolve_whats_new(lang, rest[1:])
    for size in range(len(rest), 0, -1):
        policy_id = "/".join(rest[:size])
        if policy_id in policies:
            return _resolve_in_policy(lang, policy_id, rest[size:])
    return Target(None, lang, unknown="/".join(rest))


def _resolve_whats_new(lang: str, rest: list[str]) -> Target:
    if len(rest) <= 1:
        return Target(PageKind.WHATS_NEW, lang, group=rest[0] if rest else "")
    if len(rest) == 2 and rest[1] == FEED:
        return Target(None, lang, file=FEED, group=rest[0])
    return Target(None, lang, unknown="/".join([WHATS_NEW, *rest]))


def _resolve_in_policy(lang: str, policy_id: str, rest: list[str]) -> Target:
    if not rest:
        return Target(PageKind.POLICY, lang, policy_id)
    if rest == ["history"]:
        return Target(PageKind.HISTORY, lang, policy_id)
    if len(rest) == 2 and rest[0] == "history":
        return Target(PageKind.SECTION_HISTORY, lang, policy_id, section=rest[1])
    if rest == [FEED]:
        return Target(None, lang, policy_id, file=FEED)
    if rest[0] == COMPARE:
        return _resolve_comparison(lang, policy_id, rest)
    day = _parse_day(rest[0])
    if day is None:
        return Target(None, lang, policy_id, unknown="/".join(rest))
    if len(rest) == 1:
        return Target(PageKind.VERSION, lang, policy_id, day)
    if rest[1:] == ["changes"]:
        return Target(PageKind.CHANGES, lang, policy_id, day)
    if rest[1:] == ["since"]:
        return Target(PageKind.SINCE, lang, policy_id, day)
    if rest[1:] == [SOURCE]:
        return Target(None, lang, policy_id, day, file=SOURCE)
    if len(rest) == 3 and rest[1] == CORRECTIONS and _CORRECTION.fullmatch(rest[2]):
        return Target(PageKind.CORRECTION, lang, policy_id, day, section=rest[2])
    if rest[1:] == [pdf_name(lang, policy_id, day)]:
        return Target(None, lang, policy_id, day, file=rest[1])
    return Target(None, lang, policy_id, day, unknown="/".join(rest))


def _resolve_comparison(lang: str, policy_id: str, rest: list[str]) -> Target:
    if len(rest) == 1:
        return Target(PageKind.COMPARE_INDEX, lang, policy_id)
    old, _, new = rest[1].partition(PAIR)
    base, day = _parse_day(old), _parse_day(new)
    if len(rest) == 2 and base is not None and day is not None:
        return Target(PageKind.COMPARE, lang, policy_id, day, base=base)
    return Target(None, lang, policy_id, unknown="/".join(rest))


def _parse_day(segment: str) -> dt.date | None:
    """The date a version segment names (exactly YYYY-MM-DD), or None."""
    if not _DAY.fullmatch(segment):
        return None
    try:
        return dt.date.fromisoformat(segment)
    except ValueError:
        return None
