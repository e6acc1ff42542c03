"""What ``check`` reports: rules, their severities, and the problems found."""

from __future__ import annotations

import enum
from dataclasses import dataclass


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


#: Every rule, in the order the README lists them.
RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("invalid-file", "Policy file cannot be read", Severity.ERROR),
        Rule("effective-date", "Missing or invalid effective date", Severity.ERROR),
        Rule("broken-history", "Unreadable file in history", Severity.WARNING),
        Rule("backdated", "Backdated amendment", Severity.ERROR),
        Rule("reused-date", "Effective date of an older version reused", Severity.ERROR),
        Rule("broken-link", "Broken link", Severity.ERROR),
        Rule("unknown-variable", "Template variable without a value", Severity.ERROR),
        Rule("duplicate-section-id", "Two sections with the same heading", Severity.ERROR),
        Rule("address-taken", "An address that belongs to another page", Severity.ERROR),
        Rule("unknown-group", "Group that does not exist", Severity.ERROR),
        Rule("published-changed", "A published text would change", Severity.ERROR),
        Rule("published-gone", "A published version would be lost", Severity.ERROR),
        Rule("short-notice", "Notice period too short", Severity.WARNING),
        Rule("summary-missing", "New version without a plain-language summary", Severity.WARNING),
        Rule("superseded-correction", "Correction to a superseded version", Severity.WARNING),
        Rule("translation-lag", "Translation out of date", Severity.WARNING),
        Rule("translation-missing", "Translation missing", Severity.WARNING),
        Rule("translation-date", "Translation date matches no version", Severity.WARNING),
        Rule("translation-orphan", "Translation without an authoritative text", Severity.WARNING),
        Rule("unknown-language", "Language not published", Severity.WARNING),
        Rule("unknown-policy", "Settings for a policy that does not exist", Severity.WARNING),
        Rule("template-tags", "Template tags in a policy", Severity.WARNING),
        Rule("site-size", "A site larger than the host publishes", Severity.WARNING),
        Rule("empty-policy", "Policy without text", Severity.WARNING),
        Rule("same-policy-twice", "Two files hold the same policy", Severity.WARNING),
        Rule("group-title-missing", "Group without a title in a language", Severity.WARNING),
        Rule("group-address", "Group published under another address", Severity.WARNING),
        Rule("catalogue-missing", "Site words not translated", Severity.WARNING),
        Rule("catalogue-unused", "Translation of no site word", Severity.WARNING),
        Rule("site-text-missing", "Site title without a text in a language", Severity.WARNING),
        Rule("translation-upcoming", "Upcoming version not yet translated", Severity.INFO),
        Rule("withdrawn", "Version withdrawn before it took effect", Severity.INFO),
        Rule("policy-withdrawn", "Policy withdrawn", Severity.INFO),
        Rule("policy-readded", "Withdrawn policy published again", Severity.INFO),
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
