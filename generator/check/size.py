"""The size of the site the last ``build`` wrote, against what the host publishes.

Rule: ``site-size``. ``check`` builds nothing, so it judges the sizes the last build kept
beside the content cache (:mod:`generator.output.size`); without a build there is nothing
to judge.
"""

from __future__ import annotations

from generator.check.model import RULES, Problem
from generator.config import SiteConfig
from generator.output.size import SiteSize, human


def size_problem(size: SiteSize | None, config: SiteConfig, config_file: str) -> Problem | None:
    """A ``site-size`` warning when the last build was past ``site.size_limit``."""
    if size is None or size.total <= config.size_limit:
        return None
    return Problem(
        severity=RULES["site-size"].severity,
        rule="site-size",
        message=f"the site built as of {size.as_of} is {size.describe()}; that is more than "
        f"'site.size_limit' ({human(config.size_limit)}), which the host may refuse to publish.",
        file=config_file,
        line=None,
        commit=None,
        hint="Fewer comparisons ('compare.all_pairs_up_to'), languages or PDFs make it "
        "smaller; a host that publishes more is set with 'site.size_limit'.",
    )
