"""``policy-site check``: every problem in the policies, in words legal staff can act on.

:func:`check_site` is pure: it takes the configuration, the history, the timelines, the
as-of date and the commits under review, and returns :class:`Problem`\\ s. :func:`run_check`
is the edge around it: it reads the configuration and git, formats the problems and
returns the exit code (0 clean, 1 errors; a bad ``--since`` is a :class:`UsageError`).

Which commits are judged: with ``--since REV`` the commits in ``REV..HEAD`` (a pull
request); rules about history (backdating, reused dates, unreadable old files) are only
warnings for commits before ``REV``, which can no longer be changed. The notice-period
rule judges only commits in the range, or, without ``--since``, the amendments that have
not yet taken effect on the as-of date. Rules about the files as they are now (front
matter, links, duplicate ids, translations) always apply.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import json
import logging
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from babel import Locale, UnknownLocaleError

from generator.config import SiteConfig, load_config
from generator.document import Document, EffectiveDateRule, front_matter_line, parse_document
from generator.errors import DocumentError, PolicySiteError, UsageError
from generator.history import History, Revision, commits_since, path_in_repo, read_history
from generator.i18n import used_messages
from generator.versions import DocumentCache, Edit, Timeline, Version, build_timelines

log = logging.getLogger(__name__)


class Severity(enum.StrEnum):
    """How much a problem matters."""

    ERROR = "error"
    """Must be fixed before merging: ``check`` exits 1."""
    WARNING = "warning"
    """Should be looked at; an error with ``--strict``."""
    INFO = "info"
    """Worth knowing; never changes the exit code."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of problem ``check`` looks for."""

    id: str
    """Stable identifier, shown in JSON output (``backdated``)."""
    title: str
    """Short name, used as the title of a GitHub annotation."""
    severity: Severity
    """Default severity (history rules are softened for commits before ``--since``)."""


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("invalid-file", "Policy file cannot be read", Severity.ERROR),
        Rule("effective-date", "Missing or invalid effective date", Severity.ERROR),
        Rule("broken-history", "Unreadable file in history", Severity.WARNING),
        Rule("backdated", "Backdated amendment", Severity.ERROR),
        Rule("reused-date", "Effective date of an older version reused", Severity.ERROR),
        Rule("broken-link", "Broken link", Severity.ERROR),
        Rule("duplicate-section-id", "Two sections with the same heading", Severity.ERROR),
        Rule("short-notice", "Notice period too short", Severity.WARNING),
        Rule("superseded-correction", "Correction to a superseded version", Severity.WARNING),
        Rule("translation-lag", "Translation out of date", Severity.WARNING),
        Rule("translation-missing", "Translation missing", Severity.WARNING),
        Rule("translation-date", "Translation date matches no version", Severity.WARNING),
        Rule("translation-orphan", "Translation without an authoritative text", Severity.WARNING),
        Rule("unknown-language", "Language not published", Severity.WARNING),
        Rule("catalogue-missing", "Site words not translated", Severity.WARNING),
        Rule("translation-upcoming", "Upcoming version not yet translated", Severity.INFO),
        Rule("withdrawn", "Version withdrawn before it took effect", Severity.INFO),
    )
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing ``check`` found, located as precisely as it can be."""

    severity: Severity
    """error, warning or info."""
    rule: str
    """The :data:`RULES` id."""
    message: str
    """What is wrong, in plain language, as one sentence or two."""
    file: str | None = None
    """Repository-relative path of the file to look at."""
    line: int | None = None
    """1-based line in that file."""
    commit: str | None = None
    """Full sha of the commit concerned, for problems in history."""
    hint: str | None = None
    """What to do about it."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """File, line, severity (errors first), rule, message: a stable order."""
        rank = list(Severity).index(self.severity)
        return (self.file or "", self.line or 0, rank, self.rule, self.message)


# --- the checks ------------------------------------------------------------------------


def check_site(
    config: SiteConfig,
    history: History,
    timelines: Mapping[tuple[str, str], Timeline],
    as_of: dt.date,
    since_commits: frozenset[str] | None,
    *,
    cache: DocumentCache | None = None,
    config_file: str | None = None,
) -> list[Problem]:
    """Every problem in the site's policies, sorted by file and line.

    ``since_commits`` are the commits under review (``--since REV``), or None to review
    the whole history. ``cache`` lets the caller share parsed documents with the
    timelines it built; ``config_file`` is the configuration's repository-relative path.
    """
    checker = _Checker(
        config,
        history,
        timelines,
        as_of,
        since_commits,
        cache or DocumentCache(),
        config_file or Path(config.file).name,
    )
    checker.files()
    for timeline in timelines.values():
        checker.amendments(timeline)
        checker.links(timeline)
    checker.translations()
    checker.catalogues()
    return sorted(set(checker.problems), key=Problem.sort_key)


def readable_timelines(
    history: History, config: SiteConfig, cache: DocumentCache
) -> dict[tuple[str, str], Timeline]:
    """Timelines of every file from its readable revisions only.

    Unlike ``build_timelines`` this never raises: a broken newest revision is left out
    (``check`` reports it) so that every other rule can still run.
    """
    readable = [r for r in history.revisions if isinstance(_parse(cache, r, config), Document)]
    return build_timelines(readable, config, cache)


def _parse(
    cache: DocumentCache, revision: Revision, config: SiteConfig
) -> Document | DocumentError:
    try:
        return cache.parse(revision, config)
    except DocumentError as exc:
        return exc


def _date_line(text: str, config: SiteConfig) -> int | None:
    """The line holding the effective date in ``text`` (None when it cannot be told)."""
    rule = config.effective_rule
    if rule.pattern:
        match = re.search(rule.pattern, text, re.MULTILINE)
        return text.count("\n", 0, match.start()) + 1 if match else None
    if rule.front_matter:
        return front_matter_line(text, rule.front_matter)
    return None


def _day(moment: dt.datetime, config: SiteConfig) -> dt.date:
    return moment.astimezone(config.tz).date()


def _days(count: int) -> str:
    return f"{count} day" if abs(count) == 1 else f"{count} days"


class _Checker:
    """Holds what every rule needs and collects the problems."""

    def __init__(
        self,
        config: SiteConfig,
        history: History,
        timelines: Mapping[tuple[str, str], Timeline],
        as_of: dt.date,
        since: frozenset[str] | None,
        cache: DocumentCache,
        config_file: str,
    ) -> None:
        self.config = config
        self.history = history
        self.timelines = timelines
        self.as_of = as_of
        self.since = since
        self.cache = cache
        self.config_file = config_file
        self.problems: list[Problem] = []
        self.order = {(r.commit, r.policy, r.lang): n for n, r in enumerate(history.revisions)}
        self.newest: dict[tuple[str, str], Revision] = {}
        for revision in history.revisions:
            self.newest[(revision.policy, revision.lang)] = revision

    # -- helpers -----------------------------------------------------------------------

    def add(
        self,
        rule: str,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        commit: str | None = None,
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.problems.append(
            Problem(
                severity=severity or RULES[rule].severity,
                rule=rule,
                message=message,
                file=file,
                line=line,
                commit=commit or None,
                hint=hint,
            )
        )

    def judged(self, commit: str) -> bool:
        """True when ``commit`` is under review (in ``--since``, or no ``--since`` given)."""
        return self.since is None or commit in self.since

    def history_severity(self, commit: str) -> Severity:
        return Severity.ERROR if self.judged(commit) else Severity.WARNING

    def before_since(self, commit: str) -> str:
        return (
            ""
            if self.judged(commit)
            else (" This commit is older than the commits under review, so it is only a warning.")
        )

    def language_name(self, code: str) -> str:
        try:
            return str(Locale.parse(code.replace("-", "_")).english_name)
        except (UnknownLocaleError, ValueError):
            return self.config.language(code).name or code

    def policy_name(self, policy: str, lang: str | None = None) -> str:
        lang = lang or self.config.languages.default
        title = self.config.policy_title(policy, lang)
        if title:
            return title
        timeline = self.timelines.get((policy, lang))
        if timeline is not None and timeline.latest.document.title:
            return timeline.latest.document.title
        return policy

    # -- rules: the files as they are now, and old revisions that cannot be read ----------

    def files(self) -> None:
        """invalid-file / effective-date (newest revision), broken-history (older ones)."""
        for problem in self.history.skipped:
            self.unreadable_old(problem, problem.commit or "", problem.file or "")
        for revision in self.history.revisions:
            key = (revision.policy, revision.lang)
            result = _parse(self.cache, revision, self.config)
            if not isinstance(result, DocumentError):
                continue
            if revision is self.newest[key]:
                self.broken_newest(revision, result)
            else:
                timeline = self.timelines.get(key)
                self.unreadable_old(
                    result, revision.commit, timeline.path if timeline else revision.path
                )
        for (_policy, lang), newest in sorted(self.newest.items()):
            if lang not in self.config.language_codes:
                self.add(
                    "unknown-language",
                    f"this file is not published: its language '{lang}' is not listed in "
                    f"'languages.available' of {self.config_file}.",
                    file=newest.path,
                    hint=f"Add '{lang}' to 'languages.available', or rename the file.",
                )

    def broken_newest(self, revision: Revision, error: DocumentError) -> None:
        if error.line is not None and error.line == _date_line(revision.text, self.config):
            rule = "effective-date"
        else:
            # If the file parses once no date is asked for, the date is what is wrong.
            try:
                parse_document(
                    revision.text,
                    path=revision.path,
                    lang=revision.lang,
                    rule=EffectiveDateRule(front_matter=None, commit_date=True),
                )
                rule = "effective-date"
            except DocumentError:
                rule = "invalid-file"
        self.add(
            rule,
            f"{error.message} The site cannot be built until this is fixed (the file was "
            f"last changed in commit {revision.short}).",
            file=revision.path,
            line=error.line,
            commit=revision.commit,
            hint=error.hint,
        )

    def unreadable_old(self, error: PolicySiteError, commit: str, path: str) -> None:
        # Already skipped harmlessly, so an error only when it is among the reviewed commits.
        reviewed = self.since is not None and commit in self.since
        severity = Severity.ERROR if reviewed else Severity.WARNING
        self.add(
            "broken-history",
            f"the version of this file in commit {commit[:7]} cannot be read "
            f"({error.message.rstrip('.')}), so it is left out of the version history.",
            file=path,
            line=error.line if severity is Severity.ERROR else None,
            commit=commit,
            hint="Fix the file in a new commit. If the commit is already published and "
            f"cannot be changed, list it under 'source.ignore_commits' in {self.config_file}.",
            severity=severity,
        )

    # -- rules: amendments in history -------------------------------------------------

    def amendments(self, timeline: Timeline) -> None:
        """backdated, reused-date, superseded-correction, short-notice, withdrawn."""
        withdrawn_by: dict[tuple[str, str], list[dt.date]] = {}
        edits: list[tuple[dt.date, Edit]] = []
        for version in timeline.versions:
            edits += [(version.effective_date, edit) for edit in version.edits]
        for gone in timeline.withdrawn:
            edits += [(gone.effective_date, edit) for edit in gone.edits]
            key = (gone.replaced_by.commit, gone.replaced_by.path)
            withdrawn_by.setdefault(key, []).append(gone.effective_date)
            self.withdrawn(timeline, gone.effective_date, gone.edits, gone.replaced_by)
        edits.sort(
            key=lambda item: self.order.get(
                (item[1].revision.commit, timeline.policy, timeline.lang), -1
            )
        )

        active: dict[dt.date, Revision] = {}
        previous: dt.date | None = None
        for effective, edit in edits:
            revision = edit.revision
            for date in withdrawn_by.get((revision.commit, revision.path), []):
                active.pop(date, None)
            if previous is not None and previous not in active:
                previous = max(active) if active else None
            if previous is None:
                active.setdefault(effective, revision)
            elif effective == previous:
                self.superseded_correction(timeline, effective, revision, active)
            elif effective in active:
                self.reused_date(timeline, effective, revision, previous)
            else:
                latest = max(active)
                if effective < latest:
                    self.backdated(timeline, effective, revision, latest)
                else:
                    self.notice(timeline, effective, revision)
                active[effective] = revision
            previous = effective

    def backdated(
        self, timeline: Timeline, effective: dt.date, revision: Revision, latest: dt.date
    ) -> None:
        committed = _day(revision.committed, self.config)
        self.add(
            "backdated",
            f"commit {revision.short} (made on {committed}) gives this policy a new version "
            f"taking effect on {effective}, earlier than the version of {latest} that was "
            "already in place when it was committed. A new version cannot take effect "
            "before the one it follows." + self.before_since(revision.commit),
            file=timeline.path,
            line=_date_line(revision.text, self.config),
            commit=revision.commit,
            hint=f"If it corrects the {latest} version, keep 'effective: {latest}'; if it is "
            f"an amendment, give it a date after {latest}, at least "
            f"{_days(self.config.notice.min_days)} after the day you commit it.",
            severity=self.history_severity(revision.commit),
        )

    def reused_date(
        self, timeline: Timeline, effective: dt.date, revision: Revision, latest: dt.date
    ) -> None:
        self.add(
            "reused-date",
            f"commit {revision.short} sets the effective date back to {effective}, the date of "
            f"an older version, while the file's latest version was that of {latest}. This "
            f"would silently rewrite the {effective} version instead of amending the policy."
            + self.before_since(revision.commit),
            file=timeline.path,
            line=_date_line(revision.text, self.config),
            commit=revision.commit,
            hint=f"To correct the latest version keep 'effective: {latest}'; to amend the "
            "policy, choose a new date.",
            severity=self.history_severity(revision.commit),
        )

    def superseded_correction(
        self,
        timeline: Timeline,
        effective: dt.date,
        revision: Revision,
        active: Mapping[dt.date, Revision],
    ) -> None:
        committed = _day(revision.committed, self.config)
        later = sorted(d for d in active if effective < d <= committed)
        if not later or not self.judged(revision.commit):
            return
        self.add(
            "superseded-correction",
            f"commit {revision.short} corrects the version of {effective}, which had already "
            f"been replaced by the version of {later[-1]} when the correction was made on "
            f"{committed}.",
            file=timeline.path,
            line=_date_line(revision.text, self.config),
            commit=revision.commit,
            hint="Corrections should go to the version in force or an upcoming one.",
        )

    def notice(self, timeline: Timeline, effective: dt.date, revision: Revision) -> None:
        if self.since is not None:
            if revision.commit not in self.since:
                return
        elif effective <= self.as_of:
            return  # already in force: history is not re-judged
        committed = _day(revision.committed, self.config)
        days = (effective - committed).days
        minimum = self.config.notice.min_days
        if days >= minimum:
            return
        if days < 0:
            timing = f"{_days(-days)} before it was committed on {committed}"
        elif days == 0:
            timing = f"on the day it was committed ({committed})"
        else:
            timing = f"only {_days(days)} after it was committed on {committed}"
        self.add(
            "short-notice",
            f"the new version takes effect on {effective}, {timing}; the notice period is "
            f"{_days(minimum)} (commit {revision.short}).",
            file=timeline.path,
            line=_date_line(revision.text, self.config),
            commit=revision.commit,
            hint=f"Choose an effective date on or after {committed + dt.timedelta(days=minimum)}"
            f", or confirm with your legal team that shorter notice is acceptable.",
        )

    def withdrawn(
        self, timeline: Timeline, effective: dt.date, edits: tuple[Edit, ...], replaced_by: Revision
    ) -> None:
        if not self.judged(replaced_by.commit):
            return
        self.add(
            "withdrawn",
            f"the version that was to take effect on {effective} (commit "
            f"{edits[0].revision.short}) was replaced by commit {replaced_by.short} before that "
            "day, so it never takes effect; the site lists it as withdrawn.",
            file=timeline.path,
            line=_date_line(replaced_by.text, self.config),
            commit=replaced_by.commit,
        )

    # -- rules: links and section ids ------------------------------------------------

    def links(self, timeline: Timeline) -> None:
        """broken-link in every version in force or upcoming; duplicate-section-id."""
        newest = self.newest.get((timeline.policy, timeline.lang))
        newest_doc = _parse(self.cache, newest, self.config) if newest else None
        if isinstance(newest_doc, Document):
            for anchor, line in newest_doc.duplicate_ids:
                self.add(
                    "duplicate-section-id",
                    f"two sections have the heading that makes the link '#{anchor}'; the second "
                    "one only gets a numbered link, which changes whenever sections move.",
                    file=timeline.path,
                    line=line,
                    hint="Give each section a different heading.",
                )
        current = timeline.current(self.as_of)
        live = ([current] if current else []) + list(timeline.upcoming(self.as_of))
        for version in live:
            nxt = timeline.next(version)
            start = max(self.as_of, version.effective_date)
            end = nxt.effective_date if nxt else None
            which = (
                ""
                if version is timeline.latest
                else f" (in the version of {version.effective_date})"
            )
            for link in version.document.links:
                reason = self.link_problem(link.href, version, start, end)
                if reason is not None:
                    message, hint = reason
                    self.add(
                        "broken-link",
                        f"the link '{link.href}' {message}{which}.",
                        file=timeline.path,
                        line=link.line,
                        hint=hint,
                    )

    def link_problem(
        self, href: str, source: Version, start: dt.date, end: dt.date | None
    ) -> tuple[str, str | None] | None:
        """Why ``href`` in ``source`` leads nowhere (message, hint), or None when it works."""
        site = self.config.site.url
        if site and href.startswith(site):
            href = "/" + href[len(site) :]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None  # web and e-mail addresses are not checked
        fragment = unquote(parts.fragment)
        if not parts.path:
            if fragment and fragment not in {s.id for s in source.document.sections}:
                return self.no_section(fragment, source.document, "this policy")
            return None
        base = urlsplit(site).path if site else "/"
        base = base if base.endswith("/") else base + "/"
        page = f"{base}{source.lang}/{source.policy}/"
        target = posixpath.normpath(posixpath.join(page, unquote(parts.path)))
        shown = f"leads to {target}{'/' if not target.endswith('/') else ''}"
        if not (target + "/").startswith(base):
            return f"{shown}, which is outside this site", None
        segments = [s for s in target[len(base) :].split("/") if s]
        if segments and segments[-1] == "index.html":
            segments.pop()
        if not segments or segments == ["api", "policies.json"]:
            return None
        lang, rest = segments[0], segments[1:]
        if segments[-1].endswith(".md"):
            return f"{shown}, a Markdown file rather than a page of the site", (
                "Link to the policy's page instead, for example ../terms/ or ../terms/#section-id."
            )
        if lang not in self.config.language_codes:
            return f"{shown}, but there is no language '{lang}' on this site", (
                "Links between policies look like ../terms/ or ../terms/#section-id."
            )
        if rest in ([], ["feed.xml"]):
            return None
        for size in range(len(rest), 0, -1):
            policy = "/".join(rest[:size])
            timeline = self.timelines.get((policy, lang))
            if timeline is None:
                continue
            return self.policy_link(timeline, rest[size:], fragment, shown, start, end)
        known = sorted({p for p, _ in self.timelines})
        close = difflib.get_close_matches(rest[-1], known, n=1)
        return f"{shown}, but there is no such page", (
            f"Did you mean ../{close[0]}/?"
            if close
            else f"The policies are: {', '.join(known)}; link to them as ../<policy>/."
        )

    def policy_link(
        self,
        timeline: Timeline,
        rest: list[str],
        fragment: str,
        shown: str,
        start: dt.date,
        end: dt.date | None,
    ) -> tuple[str, str | None] | None:
        name = f"the {self.policy_name(timeline.policy, timeline.lang)}"
        if rest in (["history"], ["feed.xml"]):
            return None
        if not rest:
            if not fragment:
                return None
            targets = [
                v
                for v in timeline.versions
                if v is timeline.current(start)
                or (start < v.effective_date and (end is None or v.effective_date < end))
            ]
            if not targets:
                targets = [timeline.versions[0]]
            for shown_version in targets:
                if fragment not in {s.id for s in shown_version.document.sections}:
                    return self.no_section(
                        fragment,
                        shown_version.document,
                        f"{name} (its version of {shown_version.effective_date}, shown from "
                        f"{max(start, shown_version.effective_date)})",
                    )
            return None
        try:
            day = dt.date.fromisoformat(rest[0])
        except ValueError:
            return f"{shown}, but {name} has no such page", None
        version = timeline.find(day)
        if version is None:
            dates = ", ".join(v.slug for v in timeline.versions)
            return f"{shown}, but {name} has no version of {day}", f"Its versions are: {dates}."
        if rest[1:] in ([], ["since"]) or (rest[1:] == ["changes"] and timeline.previous(version)):
            if (
                rest[1:] == []
                and fragment
                and fragment not in {s.id for s in version.document.sections}
            ):
                return self.no_section(
                    fragment, version.document, f"{name} (version of {version.effective_date})"
                )
            return None
        return f"{shown}, but {name} has no such page", None

    def no_section(self, fragment: str, document: Document, where: str) -> tuple[str, str | None]:
        ids = [s.id for s in document.sections if s.id]
        close = difflib.get_close_matches(fragment, ids, n=1)
        hint = (
            f"Did you mean '#{close[0]}'?"
            if close
            else ("A section's link is its heading in lower case with hyphens, without its number.")
        )
        return f"points to a section '{fragment}' that {where} does not have", hint

    # -- rules: translations and the site's own words ---------------------------------

    def translations(self) -> None:
        """translation-lag, -missing, -upcoming, -date, -orphan."""
        default = self.config.languages.default
        default_name = self.language_name(default)
        policies = sorted({p for p, _ in self.timelines} | {p for p, _ in self.newest})
        for policy in policies:
            authority = self.timelines.get((policy, default))
            for lang in self.config.language_codes[1:]:
                translation = self.timelines.get((policy, lang))
                name = self.language_name(lang)
                if authority is None:
                    if translation is not None:
                        self.add(
                            "translation-orphan",
                            f"this {name} text has no {default_name} (authoritative) version "
                            f"at {self.config.policy_path(policy, default)}.",
                            file=translation.path,
                        )
                    continue
                if translation is None:
                    if "{lang}" in self.config.source.layout and (policy, lang) not in self.newest:
                        self.add(
                            "translation-missing",
                            f"the {self.policy_name(policy)} has no {name} translation; "
                            f"{name} readers are shown a page that sends them to the "
                            f"{default_name} text.",
                            file=self.config.policy_path(policy, lang),
                            hint=f"Add {self.config.policy_path(policy, lang)}, translated from "
                            f"{authority.path}.",
                        )
                    continue
                self.translation(authority, translation, name, default_name)

    def translation(
        self, authority: Timeline, translation: Timeline, name: str, default_name: str
    ) -> None:
        newest = self.newest.get((translation.policy, translation.lang))
        line = _date_line(newest.text, self.config) if newest else None
        in_force = authority.current(self.as_of)
        shown = translation.current(self.as_of)
        lags = shown is None or (in_force and shown.effective_date < in_force.effective_date)
        if in_force is not None and lags:
            reflects = f"the version of {shown.effective_date}" if shown else "no version in force"
            self.add(
                "translation-lag",
                f"the {name} translation reflects {reflects}, but the {default_name} version "
                f"in force on {self.as_of} is that of {in_force.effective_date}. {name} readers "
                f"see a notice that points them to the {default_name} text.",
                file=translation.path,
                line=line,
                hint=f"Translate the {in_force.effective_date} version of {authority.path} and "
                f"commit it with the same effective date.",
            )
        translated = {v.effective_date for v in translation.versions}
        for version in authority.upcoming(self.as_of):
            if version.effective_date not in translated:
                self.add(
                    "translation-upcoming",
                    f"the {default_name} version taking effect on {version.effective_date} has "
                    f"no {name} translation yet.",
                    file=translation.path,
                    line=line,
                )
        latest = translation.latest.effective_date
        if authority.find(latest) is None:
            self.add(
                "translation-date",
                f"this {name} translation takes effect on {latest}, but no {default_name} "
                f"version has that date.",
                file=translation.path,
                line=line,
                hint="A translation should use the effective date of the version it translates: "
                + ", ".join(v.slug for v in authority.versions)
                + ".",
            )

    def catalogues(self) -> None:
        """catalogue-missing: the site's own words (headings, labels) lack a translation."""
        used = used_messages()
        for lang in self.config.language_codes:
            missing = self.config.messages(lang).missing(used)
            if not missing:
                continue
            name = self.language_name(lang)
            examples = ", ".join(f"'{m}'" for m in missing[:2])
            count = (
                f"none of the site's own {len(used)} phrases has"
                if len(missing) == len(used)
                else f"{len(missing)} of the site's own {len(used)} phrases (such as "
                f"{examples}) have"
            )
            self.add(
                "catalogue-missing",
                f"{count} a {name} translation, so {name} pages show them in English.",
                file=self.config_file,
                hint=f"Add them to the catalogue generator/locales/{lang}.po.",
            )


# --- git helpers (the only git this module touches) ----------------------------------


# --- output ----------------------------------------------------------------------------


def promote_warnings(problems: Iterable[Problem]) -> list[Problem]:
    """``--strict``: every warning becomes an error (notes stay notes)."""
    return [
        replace(p, severity=Severity.ERROR) if p.severity is Severity.WARNING else p
        for p in problems
    ]


def summary(problems: Iterable[Problem]) -> str:
    """ "2 errors, 1 warning" or "No problems found."."""
    problems = list(problems)
    counts = [(sum(p.severity is s for p in problems), s) for s in Severity]
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    parts = [f"{n} {words[s]}{'s' if n != 1 else ''}" for n, s in counts if n]
    if not any(n for n, s in counts if s is not Severity.INFO):
        return "No problems found." + (f" ({parts[0]})" if parts else "")
    return ", ".join(parts) + "."


def format_text(problems: list[Problem]) -> str:
    """``file:line: error: message`` lines (hints indented below), then a summary."""
    lines = []
    for p in problems:
        where = p.file or ""
        if where and p.line:
            where += f":{p.line}"
        label = "note" if p.severity is Severity.INFO else p.severity.value
        lines.append(f"{where}: {label}: {p.message}" if where else f"{label}: {p.message}")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    lines.append(summary(problems))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands, so problems show on the pull request's files."""
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for p in problems:
        props = []
        if p.file:
            props.append(f"file={_escape_property(p.file)}")
            if p.line:
                props.append(f"line={p.line}")
        props.append(f"title={_escape_property(RULES[p.rule].title)}")
        body = p.message + (f"\n{p.hint}" if p.hint else "")
        lines.append(f"::{commands[p.severity]} {','.join(props)}::{_escape_data(body)}")
    lines.append(summary(problems))
    return "\n".join(lines) + "\n"


def format_json(problems: list[Problem]) -> str:
    """A sorted JSON list, one object per problem, keys sorted."""
    rows = [
        {
            "severity": p.severity.value,
            "rule": p.rule,
            "message": p.message,
            "file": p.file,
            "line": p.line,
            "commit": p.commit,
            "hint": p.hint,
        }
        for p in problems
    ]
    return json.dumps(rows, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


FORMATS = {"text": format_text, "github": format_github, "json": format_json}


def run_check(
    config_path: str | Path,
    *,
    since: str | None,
    strict: bool,
    fmt: str,
    as_of: dt.date,
    out: TextIO,
) -> int:
    """Run every check, write the problems in ``fmt`` to ``out``; 0 clean, 1 errors."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'; use text, github or json.")
    config = load_config(config_path)
    since_commits = commits_since(config, since) if since is not None else None
    history = read_history(config)
    cache = DocumentCache()
    timelines = readable_timelines(history, config, cache)
    problems = check_site(
        config,
        history,
        timelines,
        as_of,
        since_commits,
        cache=cache,
        config_file=path_in_repo(config, Path(config.file).name),
    )
    if strict:
        problems = promote_warnings(problems)
    out.write(FORMATS[fmt](problems))
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0
