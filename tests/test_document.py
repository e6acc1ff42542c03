"""Stage 3: a revision's Markdown becomes a Document: front matter, sections, blocks, safe HTML."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from generator.base.dates import parse_human_date
from generator.base.errors import DocumentError
from generator.config.source import DateSource, DateSourceKind
from generator.document import EffectiveDateRule, parse_document, slugify, split_numbering

from .conftest import attr, one, policy


def parse(body: str, effective: str | None = "2026-03-01", **kw: object) -> object:
    return parse_document(policy(effective, body), path="policies/privacy/en.md", **kw)  # type: ignore[arg-type]


def test_list_right_after_a_paragraph_line_is_a_list() -> None:
    """CommonMark: a bullet list directly after a paragraph line (no blank line) is a <ul>."""
    doc = parse("We collect:\n- your name\n- your email\n")
    soup = BeautifulSoup(doc.html, "html.parser")  # type: ignore[attr-defined]
    assert [li.get_text() for li in soup.select("ul > li")] == ["your name", "your email"]
    assert one(soup, "p").get_text() == "We collect:"


def test_raw_html_is_cleaned_never_run() -> None:
    """Raw HTML in a policy is cleaned: a script and its text go, an event handler goes,
    allowed elements (bold, a block) stay as elements."""
    doc = parse('Hello <script>alert(1)</script> <b onclick="x">bold</b>\n\n<div>block</div>\n')
    soup = BeautifulSoup(doc.html, "html.parser")  # type: ignore[attr-defined]
    assert soup.find("script") is None
    assert "alert" not in soup.get_text()
    assert one(soup, "b").attrs == {}
    assert one(soup, "div").get_text() == "block"


def test_dangerous_links_are_not_links() -> None:
    """javascript: and vbscript: links are refused by markdown-it's link validation."""
    doc = parse("[a](javascript:alert(1)) [b](vbscript:x) [c](https://example.com/ok)\n")
    soup = BeautifulSoup(doc.html, "html.parser")  # type: ignore[attr-defined]
    assert [a["href"] for a in soup.find_all("a")] == ["https://example.com/ok"]


def test_sections_have_stable_ids_without_numbering() -> None:
    """A heading's id ignores its number, so renumbering never breaks a link."""
    doc = parse("Intro.\n\n## 3. How we use information\n\nText.\n\n### 3.1 Analytics\n\nMore.\n")
    sections = doc.sections  # type: ignore[attr-defined]
    assert [(s.id, s.level, s.number, s.heading) for s in sections] == [
        ("", 0, "", ""),
        ("how-we-use-information", 2, "3.", "How we use information"),
        ("analytics", 3, "3.1", "Analytics"),
    ]
    soup = BeautifulSoup(doc.html, "html.parser")  # type: ignore[attr-defined]
    assert attr(one(soup, "h2"), "id") == "how-we-use-information"


def test_duplicate_headings_get_unique_ids_and_are_reported() -> None:
    """Two headings with the same text get distinct ids, and the clash is recorded with its line."""
    doc = parse("## Contact\n\nA\n\n## Contact\n\nB\n")
    assert [s.id for s in doc.sections] == ["contact", "contact-2"]  # type: ignore[attr-defined]
    assert doc.duplicate_ids == (("contact", 9),)  # type: ignore[attr-defined]


def test_blocks_are_paragraphs_items_and_rows() -> None:
    """Blocks are what a reader sees: paragraphs, list items (nested deeper), table rows."""
    doc = parse(
        "## Data\n\nWe keep:\n\n- logs\n  1. access\n  2. audit\n- backups\n\n"
        "| Data | Period |\n|---|---|\n| Logs | *24* months |\n"
    )
    blocks = doc.sections[0].blocks  # type: ignore[attr-defined]
    assert [(b.kind, b.depth, b.text, b.marker) for b in blocks] == [
        ("paragraph", 0, "We keep:", ""),
        ("list_item", 0, "logs", ""),
        ("list_item", 1, "access", "1."),
        ("list_item", 1, "audit", "2."),
        ("list_item", 0, "backups", ""),
        ("table_row", 0, "Data | Period", ""),
        ("table_row", 0, "Logs | 24 months", ""),
    ]
    assert blocks[-1].cells == ("Logs", "<em>24</em> months")
    assert blocks[-2].header
    assert not blocks[-1].header


def test_reflowed_text_gives_the_same_blocks() -> None:
    """Line breaks inside a paragraph are not part of what a reader sees."""
    one = parse("## A\n\nThe quick brown fox jumps over the lazy dog.\n")
    two = parse("## A\n\nThe quick brown\nfox jumps over\nthe lazy dog.\n")
    assert [b.text for b in one.sections[0].blocks] == [b.text for b in two.sections[0].blocks]  # type: ignore[attr-defined]


def test_title_from_front_matter_or_first_heading() -> None:
    """The title comes from front matter; else a leading level-1 heading, which is not a section."""
    assert parse("Body.\n").title == "Privacy Policy"  # type: ignore[attr-defined]
    doc = parse_document(
        "---\neffective: 2026-01-01\n---\n# Cookie Policy\n\n## Use\n\nText\n", path="x.md"
    )
    assert doc.title == "Cookie Policy"
    assert [s.heading for s in doc.sections] == ["Use"]


def test_effective_date_from_front_matter() -> None:
    """`effective:` is read as a calendar date."""
    assert parse("Body.\n", "2026-03-17").effective_date == dt.date(2026, 3, 17)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("---\ntitle: P\n---\nBody\n", "the front matter has no 'effective:' date.", 1),
        (
            "---\ntitle: P\neffective: someday\n---\nBody\n",
            "'effective: someday' is not a date.",
            3,
        ),
        ("---\ntitle: P\neffective: [2026\n---\nBody\n", "the front matter cannot be read", 3),
        ("---\ntitle: P\neffective: 2026-01-01\nBody\n", "never closed", 1),
        ("---\n- a\n- b\n---\nBody\n", "must be a list of 'key: value' lines", 2),
        ("---\neffective: 2026-01-01\ntitle: 118954\n---\nBody\n", "'title:' in the", 3),
        ("---\neffective: 2026-01-01\ntitle: true\n---\nBody\n", "must be text", 3),
        ("---\neffective: 2026-01-01\ntitle: 2020-06-18\n---\nBody\n", "must be text", 3),
    ],
)
def test_bad_front_matter_names_file_and_line(text: str, message: str, line: int) -> None:
    """Every front-matter problem is a DocumentError with the file and the line."""
    with pytest.raises(DocumentError) as caught:
        parse_document(text, path="policies/privacy/en.md")
    assert message in caught.value.message
    assert caught.value.file == "policies/privacy/en.md"
    assert caught.value.line == line


def test_effective_date_from_a_pattern_in_the_text() -> None:
    """With a pattern rule, the date is read from the text in the language's own words."""
    pattern = r"(?:Effective date|Fecha de entrada en vigor):\s*(.+)"
    rule = EffectiveDateRule((DateSource(DateSourceKind.TEXT, patterns=(pattern,), labels=False),))
    doc = parse_document("Effective date: March 17, 2026\n\n## A\n\nText\n", path="a.md", rule=rule)
    assert doc.effective_date == dt.date(2026, 3, 17)
    doc = parse_document(
        "Fecha de entrada en vigor: 17 de marzo de 2026\n", path="b.md", lang="es", rule=rule
    )
    assert doc.effective_date == dt.date(2026, 3, 17)
    with pytest.raises(DocumentError, match="no effective date found"):
        parse_document("No date here\n", path="c.md", rule=rule)
    with pytest.raises(DocumentError) as caught:
        parse_document("Intro\n\nEffective date: soon\n", path="d.md", rule=rule)
    assert caught.value.line == 3


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("2026-03-17", "en", dt.date(2026, 3, 17)),
        ("March 17, 2026", "en", dt.date(2026, 3, 17)),
        ("17 March 2026", "en", dt.date(2026, 3, 17)),
        ("Sept. 3, 2025", "en", dt.date(2025, 9, 3)),
        ("17 de marzo de 2026", "es", dt.date(2026, 3, 17)),
        ("2026年3月17日", "zh", dt.date(2026, 3, 17)),
        ("03/04/2026", "en", None),
        ("February 30, 2026", "en", None),
    ],
)
def test_human_dates(text: str, lang: str, expected: dt.date | None) -> None:
    """Dates as legal teams write them are read; ambiguous or impossible ones are refused."""
    assert parse_human_date(text, lang) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("3. How we use information", ("3.", "How we use information")),
        ("3.2 Retention", ("3.2", "Retention")),
        ("IV. Cookies", ("IV.", "Cookies")),
        ("Section 4: Contact", ("Section 4:", "Contact")),
        ("第三条 信息的使用", ("第三条", "信息的使用")),
        ("三、信息的使用", ("三、", "信息的使用")),
        ("2024 in review", ("", "2024 in review")),
        ("Contact", ("", "Contact")),
    ],
)
def test_numbering_is_split_from_the_heading(heading: str, expected: tuple[str, str]) -> None:
    """Common numbering styles are recognised; a heading that is only text keeps it all."""
    assert split_numbering(heading) == expected


def test_slugs_keep_letters_of_any_script() -> None:
    """Slugs are lower case with hyphens; CJK and accented letters survive."""
    assert slugify("How we use information") == "how-we-use-information"
    assert slugify("信息的使用") == "信息的使用"
    assert slugify("Protección de datos") == "protección-de-datos"
    assert slugify("!!!") == "section"
