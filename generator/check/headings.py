"""Headings too long for their link.

Rule: ``long-heading``. A section's link address, and the folder of its history page, come
from its heading; a heading whose address would pass
:data:`generator.base.segments.MAX_SLUG_BYTES` bytes gets a shortened one, its first words
and a short code (:func:`generator.base.segments.bounded`). The site works either way; the
warning says that a heading readers take in at a glance serves them better in the table of
contents, the page's title and every link. Judged on each file as it is now.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.base.segments import is_shortened
from generator.check.context import CheckContext
from generator.check.model import Problem
from generator.document import Document

LONG_HEADING_WORDS = 12
"""A heading readers take in at a glance: the hint suggests about this many words."""


def check_headings(ctx: CheckContext) -> Iterator[Problem]:
    """Each heading of each file as it is now whose link address had to be shortened."""
    for _key, revision in sorted(ctx.newest.items()):
        document = ctx.parse(revision)
        if not isinstance(document, Document):
            continue
        for section in document.sections:
            if not section.heading or not is_shortened(section.heading, "section"):
                continue
            written = f"{section.number} {section.heading}" if section.number else section.heading
            yield ctx.problem(
                "long-heading",
                f"this heading is {len(written)} characters long, so its link "
                f"address is shortened to its first words and a code: '#{section.id}'.",
                file=revision.path,
                line=section.line,
                commit=revision.commit,
                hint=f"Keep a heading to about {LONG_HEADING_WORDS} words and put the rest in "
                "the section's first sentence: readers see the heading in the table of "
                "contents and in every link to it.",
            )
