"""The ``source:`` section: which files are policies, and where each revision's date comes from.

Part of stage 1 (:mod:`generator.config.loading` loads it): the schema of ``source:`` as
dataclasses, the checks that span its keys, and the effective-date chain in the form
:mod:`generator.document` applies it (:mod:`generator.config.paths` reads repository paths
with it). Pure: nothing here reads git or the disk.

- ``layout`` is one pattern or a list; the first that matches a path wins. A match whose
  ``{lang}`` is not a published language gives way to a later pattern, so that
  ``Terms.of.use.md`` is not read as the policy "Terms.of" in the language "use".
- ``include`` / ``exclude`` are globs relative to ``path``: ``*`` stays within a folder,
  ``**`` spans folders, and a pattern without ``/`` matches a file name in any folder.
- ``effective_date`` is one source or a chain of them, tried in order for each revision of
  each file; the first that finds a date gives it.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from generator.base.errors import ConfigError
from generator.config.languages import LANGUAGE_CODE as LANGUAGE_CODE

#: What ``source.template_tags`` may be.
TEMPLATE_TAG_MODES = ("remove", "keep")

#: What ``source.numeric_dates`` may be: the order of day and month in "03/04/2026".
NUMERIC_ORDERS = ("day_first", "month_first")


@dataclass(frozen=True, slots=True)
class TextDates:
    """``text:`` in ``source.effective_date``: a line of the text states the date."""

    patterns: tuple[str, ...] | dict[str, tuple[str, ...]] = ()
    """Regular expressions tried on each line before the built-in labels, whose first group
    is the date: one list for every language, or a list per language code."""


@dataclass(frozen=True, slots=True)
class EffectiveDateSection:
    """One source of ``source.effective_date`` (exactly one key), or one entry of its list."""

    front_matter: str = ""
    """Front-matter key that holds the date (``effective`` when nothing is configured)."""
    text: bool | TextDates = False
    """A line of the text states the date ("Last updated: June 2025"): built-in labels in
    English, Spanish, French, German and Chinese, and the ``patterns`` given."""
    pattern: str = ""
    """Regular expression whose first group is the date in the text (only that pattern)."""
    commit_date: bool = False
    """Use the date of the commit (in the site's timezone)."""


@dataclass(frozen=True, slots=True)
class SourceSection:
    """``source:``: where the policies are in the repository."""

    path: str = "policies"
    """Folder, relative to the repository, holding the policy files."""
    layout: str | tuple[str, ...] = "{policy}/{lang}.md"
    """File layout under ``path``, or a list of layouts (the first that matches wins);
    ``{policy}`` may span folders; without ``{lang}`` a file is in the default language."""
    include: tuple[str, ...] = ()
    """Globs (relative to ``path``) a policy file must match; none: every file the layout
    matches."""
    exclude: tuple[str, ...] = ()
    """Globs (relative to ``path``) of files that are never policies (``README.md``,
    ``_drafts/**``); one starting with ``/`` matches from the top of ``path`` only
    (``/index.md``: the table of contents, not ``privacy/index.md``)."""
    effective_date: EffectiveDateSection | tuple[EffectiveDateSection, ...] = EffectiveDateSection()
    """Where each version's effective date comes from: one source, or a list tried in order."""
    template_tags: str = "remove"
    """Liquid/Jinja tags (``{% … %}``, ``{{ … }}``) are never run: ``remove`` them from the
    published text, or ``keep`` them as written."""
    ignore_commits: tuple[str, ...] = ()
    """Commits (full or abbreviated sha) whose policy files are skipped: for broken files in
    old history that cannot be fixed."""
    numeric_dates: str = ""
    """How a date written as numbers only (``03/04/2026``) is read: ``day_first`` or
    ``month_first``; unset, such a date is refused as ambiguous (German ``03.04.2026`` is
    day first anyway)."""
    archive: tuple[str, ...] = ()
    """Names of folders (``archive``, ``old``) whose files are earlier texts of the policies
    of the same name outside them: they join those policies' history, before it, and never
    take the place of a live file."""

    @property
    def layouts(self) -> tuple[str, ...]:
        """Every layout, in the order they are tried."""
        return (self.layout,) if isinstance(self.layout, str) else self.layout

    @property
    def has_lang(self) -> bool:
        """True when some layout places the language in the file name."""
        return any("{lang}" in layout for layout in self.layouts)

    def paths(self, policy: str, lang: str, default: str, group: str = "") -> tuple[str, ...]:
        """Where each layout puts ``policy`` in ``lang`` (one without ``{lang}`` only holds
        the ``default`` language), relative to the configuration's folder; ``group`` is the
        folder of a layout's ``{group}`` (left as written when not known)."""
        folder = self.path.strip("/")
        fits = [x for x in self.layouts if "{lang}" in x or lang == default] or [self.layouts[0]]
        found = (
            x.replace("{policy}", policy)
            .replace("{lang}", lang)
            .replace("{group}", group or "{group}")
            for x in fits
        )
        return tuple(f"{folder}/{x}" if folder and folder != "." else x for x in found)

    @property
    def date_chain(self) -> tuple[EffectiveDateSection, ...]:
        """``effective_date`` as a list."""
        chain = self.effective_date
        return (chain,) if isinstance(chain, EffectiveDateSection) else chain


# --- the chain, as documents apply it -------------------------------------------------


class DateSourceKind(enum.StrEnum):
    """Where one revision's effective date was found."""

    FRONT_MATTER = "front_matter"
    """A key of the front matter."""
    TEXT = "text"
    """A line of the text."""
    COMMIT_DATE = "commit_date"
    """The day of the commit that made the revision."""


@dataclass(frozen=True, slots=True)
class DateSource:
    """One step of the effective-date chain."""

    kind: DateSourceKind
    """Which kind of source."""
    key: str = "effective"
    """For ``front_matter``: the key."""
    patterns: tuple[str, ...] = ()
    """For ``text``: configured patterns for every language, tried first."""
    by_lang: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """For ``text``: (language code, patterns) for one language only."""
    labels: bool = True
    """For ``text``: the built-in labels count too (not for the single ``pattern`` form)."""

    def patterns_for(self, lang: str) -> tuple[str, ...]:
        """The patterns that apply to a text in ``lang`` (its own first)."""
        primary = lang.replace("_", "-").split("-")[0].lower()
        own = [p for code, ps in self.by_lang if code in (lang, primary) for p in ps]
        return (*own, *self.patterns)


@dataclass(frozen=True, slots=True)
class EffectiveDateRule:
    """Where a document's effective date comes from, as ``document`` applies it."""

    sources: tuple[DateSource, ...] = (DateSource(DateSourceKind.FRONT_MATTER),)
    """Tried in order; the first that finds a date gives it."""
    numeric: str = ""
    """``source.numeric_dates``: how a date written as numbers only is read ("" refuses it)."""

    @property
    def commit_date_last(self) -> bool:
        """True when the chain ends with the commit date, so it never fails to date a file."""
        return bool(self.sources) and self.sources[-1].kind is DateSourceKind.COMMIT_DATE


def date_rule(section: SourceSection) -> EffectiveDateRule:
    """The configured chain as :class:`EffectiveDateRule`."""
    sources: list[DateSource] = []
    for entry in section.date_chain:
        if entry.commit_date:
            sources.append(DateSource(DateSourceKind.COMMIT_DATE))
        elif entry.pattern:
            sources.append(DateSource(DateSourceKind.TEXT, patterns=(entry.pattern,), labels=False))
        elif entry.text:
            found = entry.text.patterns if isinstance(entry.text, TextDates) else ()
            if isinstance(found, dict):
                by_lang = tuple((code, tuple(ps)) for code, ps in sorted(found.items()))
                sources.append(DateSource(DateSourceKind.TEXT, by_lang=by_lang))
            else:
                sources.append(DateSource(DateSourceKind.TEXT, patterns=tuple(found)))
        else:
            sources.append(
                DateSource(DateSourceKind.FRONT_MATTER, entry.front_matter or "effective")
            )
    return EffectiveDateRule(tuple(sources), section.numeric_dates)


# --- checks ----------------------------------------------------------------------------

Fail = Callable[..., ConfigError]
"""Makes the error for a key path (its line), a message and an optional hint."""

_KEYS = ("front_matter", "text", "pattern", "commit_date")


def check_source(source: SourceSection, languages: Collection[str], fail: Fail) -> None:
    """Raise the first problem of ``source:``, at its line."""
    where = ("source", "layout")
    for index, layout in enumerate(source.layouts):
        at = (*where, index) if not isinstance(source.layout, str) else where
        _check_layout(layout, at, fail)
    if len(set(source.layouts)) != len(source.layouts):
        raise fail(where, "'source.layout' lists a layout twice.")
    for key in ("include", "exclude"):
        for index, glob in enumerate(getattr(source, key)):
            _check_glob(glob, source.path, ("source", key, index), fail)
    for index, folder in enumerate(source.archive):
        if not folder.strip() or "/" in folder or "\\" in folder or folder in (".", ".."):
            raise fail(
                ("source", "archive", index),
                f"'source.archive' holds '{folder}'; it lists names of folders, such as archive.",
            )
    _check_chain(source, languages, fail)
    if source.numeric_dates and source.numeric_dates not in NUMERIC_ORDERS:
        close = difflib.get_close_matches(source.numeric_dates, NUMERIC_ORDERS, n=1)
        raise fail(
            ("source", "numeric_dates"),
            f"'source.numeric_dates' is '{source.numeric_dates}'; it must be day_first "
            "(03/04/2026 is 3 April) or month_first (03/04/2026 is March 4).",
            f"Did you mean '{close[0]}'?" if close else None,
        )
    if source.template_tags not in TEMPLATE_TAG_MODES:
        close = difflib.get_close_matches(source.template_tags, TEMPLATE_TAG_MODES, n=1)
        raise fail(
            ("source", "template_tags"),
            f"'source.template_tags' is '{source.template_tags}'; it must be remove or keep.",
            f"Did you mean '{close[0]}'?" if close else None,
        )


def named_source(name: str, fail: Callable[..., ConfigError]) -> EffectiveDateSection:
    """A source named alone in the chain: ``- text``, ``- commit_date``, ``- front_matter``."""
    if name == "front_matter":
        return EffectiveDateSection(front_matter="effective")
    if name == "text":
        return EffectiveDateSection(text=True)
    if name == "commit_date":
        return EffectiveDateSection(commit_date=True)
    close = difflib.get_close_matches(name, _KEYS, n=1)
    raise fail(
        f"'{name}' is not a source of effective dates.",
        f"Did you mean '{close[0]}'?" if close else "Use front_matter, text or commit_date.",
    )


def check_aliases(aliases: Mapping[str, Sequence[str]], fail: Fail) -> None:
    """Raise when ``policies.<id>.aliases`` names the policy itself, or an id that is
    already another policy's or another alias."""
    owner: dict[str, str] = {}
    for policy, names in aliases.items():
        for index, alias in enumerate(names):
            taken = (
                policy if alias == policy else owner.get(alias, alias if alias in aliases else "")
            )
            if taken:
                raise fail(
                    ("policies", policy, "aliases", index),
                    f"'{alias}' cannot be a former id of '{policy}': it is already "
                    + (
                        "this policy's own id."
                        if taken == policy and alias == policy
                        else f"used by '{taken}'."
                    ),
                    "A former id leads to one policy only.",
                )
            owner[alias] = policy


def _check_layout(layout: str, at: tuple[str | int, ...], fail: Fail) -> None:
    unknown = sorted(set(re.findall(r"{(\w*)}", layout)) - {"policy", "lang", "group"})
    if unknown:
        close = difflib.get_close_matches(unknown[0], ["policy", "lang", "group"], cutoff=0.5)
        raise fail(
            at,
            f"'source.layout' uses {{{unknown[0]}}}; only {{policy}}, {{lang}} and {{group}} "
            "exist.",
            f"Did you mean {{{close[0]}}}?" if close else None,
        )
    if "{policy}" not in layout or not layout.endswith(".md"):
        raise fail(
            at,
            f"'source.layout' is '{layout}'; it must contain {{policy}} and end in .md.",
            'For example "{policy}/{lang}.md", "{policy}.{lang}.md" or "{policy}.md".',
        )
    if layout.count("{group}") > 1 or ("{group}" in layout and "{group}/" not in layout):
        raise fail(
            at,
            f"'source.layout' is '{layout}'; {{group}} names one folder, once.",
            'For example "{group}/{policy}/{lang}.md".',
        )
    if layout.startswith("/") or "{policy}{lang}" in layout or "{lang}{policy}" in layout:
        raise fail(
            at,
            f"'source.layout' is '{layout}'; it must be relative to 'source.path', with "
            "something between {policy} and {lang}.",
            'For example "{policy}.{lang}.md".',
        )


def _check_glob(glob: str, folder: str, at: tuple[str | int, ...], fail: Fail) -> None:
    name = f"'source.{at[1]}'"
    anchored = glob.startswith("/") and not glob.startswith("//")
    glob = glob[1:] if anchored else glob  # "/index.md": the one at the top of 'path' only
    suggestion = glob.replace("\\", "/").lstrip("/")
    prefix = folder.strip("/") + "/"
    if prefix != "./" and suggestion.startswith(prefix):
        suggestion = suggestion[len(prefix) :]
    if not glob.strip():
        raise fail(at, f"{name} holds an empty pattern.")
    if ".." in glob.split("/"):
        raise fail(at, f"{name} holds '{glob}', which leads outside 'source.path'.")
    if suggestion != glob:
        raise fail(
            at,
            f"{name} holds '{glob}'; patterns are relative to 'source.path' ('{folder}') "
            "and use '/'.",
            f"Did you mean '{suggestion}'?",
        )


def _check_chain(source: SourceSection, languages: Collection[str], fail: Fail) -> None:
    chain = source.date_chain
    listed = not isinstance(source.effective_date, EffectiveDateSection)
    if not chain:
        raise fail(("source", "effective_date"), "'source.effective_date' is an empty list.")
    for index, entry in enumerate(chain):
        at: tuple[str | int, ...] = ("source", "effective_date", *((index,) if listed else ()))
        chosen = [key for key in _KEYS if getattr(entry, key)]
        if len(chosen) > 1 or (listed and not chosen):
            raise fail(
                at,
                "each source of 'source.effective_date' must have only one of "
                f"front_matter, text, pattern, commit_date{'' if chosen else ' (it has none)'}.",
                "Write a list to try several in order, e.g. [front_matter, text, commit_date].",
            )
        if entry.commit_date and index < len(chain) - 1:
            raise fail(
                at,
                "'commit_date' dates every file, so the sources after it in "
                "'source.effective_date' would never be used.",
                "Put commit_date last.",
            )
        patterns: list[tuple[tuple[str | int, ...], str]] = []
        if entry.pattern:
            patterns.append(((*at, "pattern"), entry.pattern))
        if isinstance(entry.text, TextDates):
            patterns.extend(_text_patterns(entry.text, (*at, "text", "patterns"), languages, fail))
        for where, pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise fail(
                    where, f"'{pattern}' is not a valid regular expression ({exc})."
                ) from None


def _text_patterns(
    text: TextDates, at: tuple[str | int, ...], languages: Collection[str], fail: Fail
) -> list[tuple[tuple[str | int, ...], str]]:
    if not isinstance(text.patterns, dict):
        return [((*at, n), p) for n, p in enumerate(text.patterns)]
    found: list[tuple[tuple[str | int, ...], str]] = []
    for code, patterns in text.patterns.items():
        if code not in languages:
            close = difflib.get_close_matches(code, list(languages), n=1)
            raise fail(
                (*at, code),
                f"'{code}' in the effective-date patterns is not one of the site's languages.",
                f"Did you mean '{close[0]}'?"
                if close
                else f"The languages are: {', '.join(languages)}.",
            )
        found.extend(((*at, code, n), p) for n, p in enumerate(patterns))
    return found
