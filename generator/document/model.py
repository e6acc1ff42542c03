"""What a parsed policy file is: front matter, sections of blocks, rendered HTML; and the
few facts of it that the stages after it need for every revision (:class:`DocumentFacts`)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generator.config import DateSourceKind


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of reading inside a section: a paragraph, a list item, a table row…"""

    kind: str
    """``paragraph``, ``list_item``, ``table_row``, ``code``, ``quote``, ``rule`` or ``html``
    (an author's HTML other than a table, cleaned)."""
    depth: int
    """Nesting depth: 0 at the section's top level, 1 for an item of a nested list…"""
    cells: tuple[str, ...]
    """Rendered inline HTML: one entry per table cell for ``table_row``, else one entry."""
    text: str
    """What a reader sees, as plain text with whitespace collapsed (cells joined by " | ")."""
    line: int
    """1-based line in the source file where the block starts."""
    marker: str = ""
    """List marker a reader sees: "1." for an ordered item, "" for bullets and other blocks."""
    header: bool = False
    """True for a table's header row."""
    cell_tags: tuple[str, ...] = ()
    """For a row of an HTML table, each cell's opening tag as cleaned (``<td colspan="2">``);
    empty for a Markdown table's row."""

    @property
    def html(self) -> str:
        """The inline HTML of a single-cell block (cells joined for a table row)."""
        return " | ".join(self.cells)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the blocks up to the next heading (of any level)."""

    id: str
    """Stable anchor id: the heading's slug without its numbering ("" for the preamble)."""
    level: int
    """Heading level 1–6; 0 for the preamble before the first heading."""
    number: str
    """The heading's numbering as written ("3.", "第三条"), "" when it has none."""
    heading: str
    """The heading's text without its numbering, as plain text."""
    heading_html: str
    """The heading's full inline HTML, numbering included."""
    blocks: tuple[Block, ...]
    """The section's own content, in order (sub-sections are separate sections)."""
    line: int
    """1-based source line of the heading (of the first block for the preamble)."""

    @property
    def label(self) -> str:
        """Numbering and heading as a reader sees them ("3. How we use information")."""
        return f"{self.number} {self.heading}".strip()


@dataclass(frozen=True, slots=True)
class Link:
    """A link in the policy text, kept for ``policy-site check``."""

    href: str
    """The link target as markdown-it-py normalised it."""
    line: int
    """1-based source line of the paragraph holding the link."""


@dataclass(frozen=True, slots=True)
class Document:
    """A policy file as read by the public: metadata, sections and rendered HTML."""

    path: str
    """Repository-relative path of the file this was read from."""
    metadata: Mapping[str, Any]
    """The front matter, as YAML parsed it."""
    title: str
    """Front matter ``title``, else the first level-1 heading, else ""."""
    effective_date: dt.date | None
    """From the front matter or a line of the text; None when taken from the commit date."""
    sections: tuple[Section, ...]
    """Every section in document order; the first may be the preamble (level 0)."""
    html: Markup
    """The body rendered by markdown-it-py (raw HTML cleaned), headings carrying their ids."""
    links: tuple[Link, ...] = field(default=())
    """Every link target in the body, for link checking."""
    duplicate_ids: tuple[tuple[str, int], ...] = field(default=())
    """(id, line) of headings whose id was already taken and got a suffix."""
    anchors: tuple[str, ...] = field(default=())
    """Every link target of the text on its page: each section's id and every id its author
    wrote (Kramdown's ``{: #id }``, HTML's ``id`` and ``<a name>``), made safe and unique."""
    unknown_variables: tuple[tuple[str, int], ...] = field(default=())
    """(key, line) of each ``{{ site.key }}`` no value fills in: it stays as written."""
    digest: str = ""
    """A hash of everything the document was read from (text, path, language, rule): two
    documents with the same digest are the same, so what is computed from them can be kept."""
    date_source: DateSourceKind = DateSourceKind.FRONT_MATTER
    """Which source of the effective-date chain gave the date: ``front_matter``, ``text``
    or ``commit_date``."""
    approximate: bool = False
    """The text gave only a month and a year: the date is the 1st of that month."""
    date_label: str = ""
    """For a date in the text, the label before it as written ("Last updated")."""
    date_line: int | None = None
    """1-based line of the file holding the date (None for the commit date). A date line of
    the text is metadata, like the front matter: it is not part of ``sections`` or ``html``."""
    date_marked: bool = False
    """The date in the text came from a date marker (``{: datetime="…" }``, ``<time
    datetime>``), not from the words around it."""
    damage: tuple[str, ...] = ()
    """For a past revision that could not be read as it is (it can no longer be fixed, so
    it is published as near as it can be): what was wrong, each in plain words with its
    line ("line 12 holds an invisible control character (U+009D), shown as �")."""
    undated: bool = False
    """A past revision whose effective date could not be read: it takes the date of the
    version in place before it (it is listed as a correction of that version)."""

    def facts(self) -> DocumentFacts:
        """What the versions and the site need of this text for every revision: small, kept
        for the whole run while the document itself is read again when a page needs it."""
        return DocumentFacts(
            path=self.path,
            metadata=self.metadata,
            title=self.title,
            effective_date=self.effective_date,
            digest=self.digest,
            reading=hashlib.sha256(
                repr(self.reading()).encode("utf-8", "surrogatepass")
            ).hexdigest(),
            date_source=self.date_source,
            approximate=self.approximate,
            date_label=self.date_label,
            date_line=self.date_line,
            date_marked=self.date_marked,
            damage=self.damage,
            undated=self.undated,
            hrefs=tuple(dict.fromkeys(link.href for link in self.links)),
        )

    def reading(self) -> tuple[object, ...]:
        """What a reader sees, apart from the date: title, headings and block texts with
        their inline markup, without source lines or layout. Two revisions that differ
        only in line breaks, markup style (``*``/``_``, ``-``/``*`` bullets, ATX/setext),
        list numbering or the date line read the same."""
        return (
            self.title,
            tuple(
                (
                    section.level,
                    section.number,
                    " ".join(section.heading.split()),
                    tuple(
                        (block.kind, tuple(" ".join(cell.split()) for cell in block.cells))
                        for block in section.blocks
                    ),
                )
                for section in self.sections
            ),
        )


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What is known of a parsed text without its sections or HTML (see
    :meth:`Document.facts`): the effective date and where it came from, the front matter,
    the title, and digests of the whole and of what a reader sees."""

    path: str
    """Repository-relative path of the file it was read from."""
    metadata: Mapping[str, Any]
    """The front matter, as YAML parsed it."""
    title: str
    """The document's title."""
    effective_date: dt.date | None
    """From the front matter or a line of the text; None when taken from the commit date."""
    digest: str
    """:attr:`Document.digest`: the same for the same text, path, language and rule."""
    reading: str
    """A digest of :meth:`Document.reading`: two texts that read the same have the same."""
    date_source: DateSourceKind = DateSourceKind.FRONT_MATTER
    """Which source of the effective-date chain gave the date."""
    approximate: bool = False
    """The text gave only a month and a year."""
    date_label: str = ""
    """For a date in the text, the label before it as written."""
    date_line: int | None = None
    """1-based line of the file holding the date (None for the commit date)."""
    date_marked: bool = False
    """The date came from a date marker, not from the words around it."""
    damage: tuple[str, ...] = ()
    """For a past revision published as near as it could be read: what was wrong."""
    undated: bool = False
    """A past revision whose effective date could not be read."""
    hrefs: tuple[str, ...] = ()
    """Every link target of the text, once each (where links to other policies lead)."""
