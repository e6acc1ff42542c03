"""What a build tells whoever runs it: each stage as it finishes, and the warnings once.

The command line prints it (``cli.py``); ``serve`` and tests may pass their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Reporter(Protocol):
    """Hears what the build is doing."""

    def stage(self, name: str, detail: str) -> None:
        """A stage finished: its name and what it produced ("57 pages")."""

    def warnings(self, messages: Sequence[str]) -> None:
        """The problems that did not stop the build, all at once."""

    def problem(self, message: str) -> None:
        """A problem that stopped one build of a preview (the preview goes on)."""


class Silent:
    """A :class:`Reporter` that says nothing."""

    def stage(self, name: str, detail: str) -> None:
        """Ignore the stage."""

    def warnings(self, messages: Sequence[str]) -> None:
        """Ignore the warnings."""

    def problem(self, message: str) -> None:
        """Ignore the problem."""
