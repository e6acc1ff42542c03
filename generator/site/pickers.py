"""What the comparison pages offer to pick: every pair on offer, and the way to another pair."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PairLink:
    """One comparison on offer: the version of ``old`` → that of ``new``."""

    href: str
    """Link to the comparison."""
    old: dt.date
    """The older version's effective date."""
    new: dt.date
    """The newer version's effective date."""


@dataclass(frozen=True, slots=True)
class CompareRow:
    """The comparisons that start from one version: a row of the comparisons table."""

    old: dt.date
    """The version compared from."""
    pairs: tuple[PairLink, ...]
    """Every later version it can be compared with, oldest first."""


@dataclass(frozen=True, slots=True)
class PairPickers:
    """On a comparison's page: the way to another pair. Without scripts, the comparisons that
    share one of this page's two versions, as links; with them, two selects over every pair."""

    old: dt.date
    """The older version of the pair shown."""
    new: dt.date
    """The newer version of the pair shown."""
    olds: tuple[dt.date, ...]
    """Every version a comparison starts from (the first select's choices)."""
    news: tuple[dt.date, ...]
    """Every version a comparison ends at (the second select's choices)."""
    pairs: tuple[PairLink, ...]
    """Every comparison on offer (what the script reads)."""
    from_old: tuple[PairLink, ...]
    """The other comparisons from the older version."""
    to_new: tuple[PairLink, ...]
    """The other comparisons to the newer version."""
