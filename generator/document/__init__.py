"""Stage 3: one revision's Markdown → a :class:`Document` (front matter, sections, HTML).

Policy text is parsed and rendered by markdown-it-py only (:mod:`.parse`), after what a
reader never sees is taken out (:mod:`.clean`); the front matter is read in
:mod:`.front_matter`, the effective date by the configured chain in :mod:`.effective`;
headings become stable section ids in :mod:`.headings`.
"""

from generator.config import EffectiveDateRule
from generator.document.clean import TemplateTag, template_tags
from generator.document.effective import FoundDate, date_line
from generator.document.front_matter import Header, front_matter_line, split_front_matter
from generator.document.headings import slugify, split_numbering
from generator.document.model import Block, Document, DocumentFacts, Link, Section
from generator.document.parse import markdown_engine, parse_document
from generator.document.past import parse_past, visible_text

__all__ = [
    "Block",
    "Document",
    "DocumentFacts",
    "EffectiveDateRule",
    "FoundDate",
    "Header",
    "Link",
    "Section",
    "TemplateTag",
    "date_line",
    "front_matter_line",
    "markdown_engine",
    "parse_document",
    "parse_past",
    "slugify",
    "split_front_matter",
    "split_numbering",
    "template_tags",
    "visible_text",
]
