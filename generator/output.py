"""The output folder: refused when it is not ours, written beside it, swapped in whole.

A build is written into a staging folder next to the output; only when it is complete does
it replace the previous site, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from generator.config import SiteConfig
from generator.errors import BuildError

MARKER = ".policy-site"
"""Written into every build; an output folder holding it may be replaced."""


def check_output(output: Path, config: SiteConfig) -> None:
    """Refuse to replace a folder that is not a previous build of ours."""
    output = output.resolve()
    policies = (config.root / config.source.path).resolve()
    protected = {config.root.resolve(), policies}
    if output in protected or any(p.is_relative_to(output) for p in protected):
        raise BuildError(
            f"the output folder '{output}' holds the policies or the configuration; "
            "building there would delete them.",
            hint="Choose another folder, such as 'site'.",
        )
    if policies in output.parents:
        raise BuildError(f"the output folder '{output}' is inside the policies folder.")
    if output.exists() and (
        not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())
    ):
        raise BuildError(
            f"the output folder '{output}' already exists and is not a previous policy-site build.",
            hint="Empty it, delete it, or choose another folder with --output.",
        )


@contextlib.contextmanager
def staged(output: Path) -> Iterator[Path]:
    """A fresh folder beside ``output`` to write the site into; it replaces ``output``
    when the block succeeds and is removed when it fails."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        yield staging
        (staging / MARKER).write_text(
            "This folder is a policy-site build; it is replaced on each build.\n"
        )
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, output: Path) -> None:
    """Replace ``output`` by ``staging``; the old site stays whole until the last rename."""
    if not output.exists():
        staging.rename(output)
        return
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    output.rename(old)
    try:
        staging.rename(output)
    except OSError:
        old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)
