"""The benchmark's data: the shapes measured, what one shape gives, and the row providers'
interface (:data:`RowProvider`: see ``ROW_PROVIDERS`` in ``run.py``)."""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.measure import Process

if TYPE_CHECKING:  # the modules that measure these read this one
    from benchmarks.pdf_bench import StageAndFloor
    from benchmarks.scale import Languages, Sharded


@dataclass(frozen=True)
class Shape:
    """The size of one synthetic repository."""

    policies: int
    languages: int
    versions: int
    words: int

    @property
    def label(self) -> str:
        """``P=20 L=3 V=15 W=3000``."""
        return f"P={self.policies} L={self.languages} V={self.versions} W={self.words}"


#: The shapes each ``--scale`` measures; the first one also gets the single rows.
SCALES = {
    "quick": (Shape(2, 2, 3, 200), Shape(3, 1, 4, 150)),
    "default": (
        Shape(20, 3, 15, 3000),
        Shape(10, 2, 10, 2000),
        Shape(50, 1, 30, 1500),
        Shape(5, 3, 40, 4000),
    ),
    "large": (Shape(50, 3, 40, 3000),),
}


@dataclass(frozen=True)
class ShapeResult:
    """Everything measured on one shape."""

    shape: Shape
    repo: Path
    """The generated repository (reset to its base commit)."""
    pages: int
    """``index.html`` files of the cold build."""
    comparisons: int
    """Of them, ``compare/<old>...<new>/`` pages."""
    cold: list[Process]
    bare: list[Process]
    no_pairs: list[Process]
    """Cold builds with ``compare.all_pairs_up_to: 0``."""
    rebuild: list[Process]
    """Builds after one amendment, into the cold build's folder, cache kept."""
    no_change: list[Process]
    """Builds with nothing new, into the cold build's folder, cache kept."""
    summary: str
    """One line on the repository."""
    languages: Languages | None = None
    """Cold builds of the shape with 3 and 10 languages (once; None when skipped)."""
    shards: Sharded | None = None
    """The shape as 4 shards, from an empty and from a warm cache (once)."""
    pdf: StageAndFloor | None = None
    """The PDF stage of a cold build against WeasyPrint alone (once)."""

    @property
    def cold_s(self) -> float:
        """Median seconds of the cold build."""
        return statistics.median(p.seconds for p in self.cold)

    @property
    def bare_s(self) -> float:
        """Median seconds of the bare mkdocs-material build."""
        return statistics.median(p.seconds for p in self.bare)


@dataclass(frozen=True)
class Context:
    """What a row provider may read: the options, a scratch folder, every shape measured."""

    args: argparse.Namespace
    work: Path
    """A folder of its own for the provider's files (removed after the run unless --keep)."""
    shapes: tuple[ShapeResult, ...]

    @property
    def first(self) -> ShapeResult:
        """The first shape, which the single rows are measured on."""
        return self.shapes[0]


Row = tuple[str, str, str, str, str, str]
"""measurement, policy-site, baseline, ratio, target, met."""
RowProvider = Callable[[Context], list[Row]]
"""Measures something more and returns its rows of the second table."""
