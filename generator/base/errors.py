"""One error tree for the whole pipeline.

Every stage raises a subclass of :class:`PolicySiteError`; only ``cli`` turns one into a
message and an exit code. Each error knows where the problem is (file, line, commit) and
can carry a hint that tells a non-programmer what to do about it.
"""

from __future__ import annotations


class PolicySiteError(Exception):
    """A problem the user can fix, described in plain language."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        commit: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.commit = commit
        self.hint = hint

    def location(self) -> str:
        """``file:line`` (and the commit) as a prefix for messages, or an empty string."""
        where = self.file or ""
        if where and self.line:
            where += f":{self.line}"
        if self.commit:
            where += f" (commit {self.commit[:10]})" if where else f"commit {self.commit[:10]}"
        return where

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" {self.hint}"
        return text


class ConfigError(PolicySiteError):
    """``site_config.yml`` is missing, unreadable or does not follow the schema."""

    exit_code = 2


class UsageError(PolicySiteError):
    """The command line asks for something that cannot be done."""

    exit_code = 2


class HistoryError(PolicySiteError):
    """The git repository cannot be read as the policies' history."""


class DocumentError(PolicySiteError):
    """A policy file cannot be read: bad front matter, no effective date…"""


class BuildError(PolicySiteError):
    """The site could not be written."""


class AddressError(PolicySiteError):
    """Two files would be published at one address, or a file would take addresses that
    belong to another policy (``file`` is the newer one, ``other`` the one it would replace)."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        commit: str | None = None,
        other: str = "",
        hint: str | None = None,
    ) -> None:
        super().__init__(message, file=file, commit=commit, hint=hint)
        self.other = other
        """The file whose addresses this one would take ("" when no file has them yet)."""


class ShardError(BuildError):
    """The parts given to ``assemble`` do not make exactly one site."""


class RecordError(PolicySiteError):
    """The previous deployment's publication record cannot be read, or this build would
    change or remove what that record says the public was shown."""
