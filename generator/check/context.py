"""What every rule family reads, and the helpers they share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError

from generator.base.errors import DocumentError
from generator.base.words import counted
from generator.check.model import RULES, Problem, Severity
from generator.config import SiteConfig
from generator.document import Document, date_line
from generator.history import History, Revision
from generator.site import policy_title
from generator.site.record import Record
from generator.versions import DocumentCache, Timeline, current_revisions


def days(count: int) -> str:
    """ "1 day", "3 days"."""
    return counted(count, "day")


@dataclass
class CheckContext:
    """The inputs of one ``check`` run."""

    config: SiteConfig
    """The configuration."""
    history: History
    """Every revision, readable or not."""
    timelines: Mapping[tuple[str, str], Timeline]
    """Timelines of the readable revisions."""
    as_of: dt.date
    """The day to judge by."""
    since: frozenset[str] | None
    """Commits under review (``--since``), or None to review the whole history."""
    cache: DocumentCache
    """Parsed documents, shared with the timelines."""
    config_file: str
    """The configuration's repository-relative path, for messages."""
    newest: dict[tuple[str, str], Revision] = field(default_factory=dict)
    """Each file's newest revision (readable or not)."""
    previous: Record | None = None
    """The previous deployment's publication record (``check --previous``)."""
    previous_source: str = ""
    """Where it was read, for messages."""
    current: frozenset[Revision] = frozenset()
    """The text as it stands now of each file still there in a published language: the
    only revisions that can still be fixed (every other one is history)."""

    def __post_init__(self) -> None:
        for revision in self.history.revisions:
            self.newest[(revision.policy, revision.lang)] = revision
        self.current = current_revisions(self.history, self.config)

    def is_current(self, revision: Revision) -> bool:
        """True when ``revision`` is a file's text as it stands now (it can be fixed)."""
        return revision in self.current

    def deleted(self, key: tuple[str, str]) -> bool:
        """True when the file of (policy, language) ``key`` was deleted after its last revision."""
        newest = self.newest.get(key)
        return newest is not None and any(
            r.sequence > newest.sequence for r in self.history.removals if (r.policy, r.lang) == key
        )

    def problem(
        self,
        rule: str,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        commit: str | None = None,
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> Problem:
        """A :class:`Problem` of ``rule`` (at the rule's own severity unless given)."""
        return Problem(
            severity=severity or RULES[rule].severity,
            rule=rule,
            message=message,
            file=file,
            line=line,
            commit=commit or None,
            hint=hint,
        )

    def parse(self, revision: Revision) -> Document | DocumentError:
        """``revision`` parsed, or the reason it cannot be."""
        try:
            return self.cache.parse(revision, self.config)
        except DocumentError as exc:
            return exc

    def date_line(self, revision: Revision) -> int | None:
        """The line holding (or that should hold) ``revision``'s effective date; None when
        it cannot be told, or the date is the commit's."""
        parsed = self.parse(revision)
        if isinstance(parsed, Document):
            return parsed.date_line
        return date_line(revision.text, self.config.effective_rule, revision.lang)

    def judged(self, commit: str) -> bool:
        """True when ``commit`` is under review (in ``--since``, or no ``--since`` given)."""
        return self.since is None or commit in self.since

    def editable(self, revision: Revision) -> bool:
        """True when what ``revision`` did can still be undone: its commit is under review
        (``--since``), or, reviewing the whole history, it is a file's current text."""
        if self.since is not None:
            return revision.commit in self.since
        return self.is_current(revision)

    def history_severity(self, revision: Revision) -> Severity:
        """An error for what can still be undone; only a warning for history."""
        return Severity.ERROR if self.editable(revision) else Severity.WARNING

    def before_since(self, revision: Revision) -> str:
        """The sentence that explains why a history problem is only a warning."""
        if self.editable(revision):
            return ""
        if self.since is not None:
            return " This commit is older than the commits under review, so it is only a warning."
        return " This version is no longer the file's text and history cannot be changed, so it is only a warning."

    def language_name(self, code: str) -> str:
        """The language's English name (messages are in English), else its configured one."""
        try:
            return str(Locale.parse(code.replace("-", "_")).english_name)
        except (UnknownLocaleError, ValueError):
            return self.config.language(code).name or code

    def policy_name(self, policy: str, lang: str | None = None) -> str:
        """The policy's title, as the site shows it."""
        lang = lang or self.config.languages.default
        return policy_title(self.config, self.timelines, policy, lang)
