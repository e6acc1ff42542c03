"""Stage 3: one revision's Markdown → a :class:`Document` (front matter, sections, HTML).

Policy text is parsed and rendered by markdown-it-py only (:mod:`.parse`); the front matter
and the effective date are read in :mod:`.front_matter`; headings become stable section ids
in :mod:`.headings`.
"""

from generator.config import EffectiveDateRule
from generator.document.front_matter import Header, date_line, front_matter_line, split_front_matter
from generator.document.headings import slugify, split_numbering
from generator.document.model import Block, Document, Link, Section
from generator.document.parse import markdown_engine, parse_document

__all__ = [
    "Block",
    "Document",
    "EffectiveDateRule",
    "Header",
    "Link",
    "Section",
    "date_line",
    "front_matter_line",
    "markdown_engine",
    "parse_document",
    "slugify",
    "split_front_matter",
    "split_numbering",
]
