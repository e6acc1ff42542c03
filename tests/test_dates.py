"""Date lines: the effective date written in a policy's own text, in every supported form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.dates import format_date
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.base.catalogues import PACKAGE_LOCALES as LOCALES
from generator.base.date_phrases import CONCEPTS, EFFECTIVE_BEFORE, own_phrases
from generator.base.dates import format_long_date, parse_human_date
from generator.document import date_line_rules, date_lines
from generator.document.date_lines import DateLine, DateLineError, find_date_line, strip_date_line

FIXTURES = Path(__file__).parent / "fixtures" / "dates"
D = dt.date

# --- English date lines ---------------------------------------------------------------

POSITIVE = [
    # (text, date, approximate, label)
    ("Effective date: February 1, 2024", D(2024, 2, 1), False, "Effective date"),
    ("Effective Date: 1 February 2024", D(2024, 2, 1), False, "Effective Date"),
    ("EFFECTIVE DATE: FEBRUARY 1, 2024", D(2024, 2, 1), False, "EFFECTIVE DATE"),
    ("Effective date - 2024-02-01", D(2024, 2, 1), False, "Effective date"),
    ("Effective date — 2024/02/01", D(2024, 2, 1), False, "Effective date"),
    ("Effective as of February 1, 2024", D(2024, 2, 1), False, "Effective as of"),
    ("Effective: Feb. 1, 2024", D(2024, 2, 1), False, "Effective"),
    ("Effective February 7th 2024", D(2024, 2, 7), False, "Effective"),
    ("Effective from 1st of February 2024", D(2024, 2, 1), False, "Effective from"),
    ("Effective on the 1st of February, 2024.", D(2024, 2, 1), False, "Effective on"),
    ("Last updated: June 2025", D(2025, 6, 1), True, "Last updated"),
    ("Last updated on Sept 3, 2024", D(2024, 9, 3), False, "Last updated on"),
    ("Last Updated: Thursday, February 1, 2024", D(2024, 2, 1), False, "Last Updated"),
    ("Last modified: 2024-02-01", D(2024, 2, 1), False, "Last modified"),
    ("Last revised on Feb 1st, 2024", D(2024, 2, 1), False, "Last revised on"),
    ("Last amended 3 September 2024", D(2024, 9, 3), False, "Last amended"),
    ("Updated on 1 Feb 2024", D(2024, 2, 1), False, "Updated on"),
    ("Updated: 2025-06", D(2025, 6, 1), True, "Updated"),
    ("Revised: February 2024", D(2024, 2, 1), True, "Revised"),
    ("Version effective date: 2024-02-01", D(2024, 2, 1), False, "Version effective date"),
    ("Date of last revision: 1 February 2024", D(2024, 2, 1), False, "Date of last revision"),
    ("Revision date: 2024.02.01", D(2024, 2, 1), False, "Revision date"),
    ("In effect since May 1, 2024", D(2024, 5, 1), False, "In effect since"),
    ("Effective date: 2024年2月1日", D(2024, 2, 1), False, "Effective date"),
    # markup around the label and the date
    ("**Effective Date:** February 1, 2024", D(2024, 2, 1), False, "Effective Date"),
    ("_Last updated_: June 2025", D(2025, 6, 1), True, "Last updated"),
    ("*Last updated: June 2025*", D(2025, 6, 1), True, "Last updated"),
    ("> Effective date: Feb. 1, 2024", D(2024, 2, 1), False, "Effective date"),
    ("> > **Effective date**: 2024-02-01", D(2024, 2, 1), False, "Effective date"),
    ("- **Last updated:** 2024-02-01", D(2024, 2, 1), False, "Last updated"),
    ("1. Effective date: 2024-02-01", D(2024, 2, 1), False, "Effective date"),
    ("<small>Last updated: Sept 3, 2024</small>", D(2024, 9, 3), False, "Last updated"),
    (
        '<p class="date">Effective date: <time datetime="2024-02-01">1 February 2024</time></p>',
        D(2024, 2, 1),
        False,
        "Effective date",
    ),
    ("Last updated: February 1, 2024<br>", D(2024, 2, 1), False, "Last updated"),
    ("Effective date:&nbsp;February&nbsp;1,&nbsp;2024", D(2024, 2, 1), False, "Effective date"),
    ("Effective date:\u00a0February\u00a01, 2024", D(2024, 2, 1), False, "Effective date"),
    ("Effective date: [February 1, 2024](changes.md)", D(2024, 2, 1), False, "Effective date"),
    (
        "Effective date: 1 February 2024 <!-- was January -->",
        D(2024, 2, 1),
        False,
        "Effective date",
    ),
    ("Effective date: `2024-02-01`", D(2024, 2, 1), False, "Effective date"),
    ("Last updated: June 2025[^1]", D(2025, 6, 1), True, "Last updated"),
    # headings: the label may follow a title
    ("## Last updated: June 2025", D(2025, 6, 1), True, "Last updated"),
    ("# Privacy Policy — Last updated June 2025", D(2025, 6, 1), True, "Last updated"),
    ("# Privacy Policy—Last updated June 2025 #", D(2025, 6, 1), True, "Last updated"),
    ("## Terms of Service (Effective March 1, 2024)", D(2024, 3, 1), False, "Effective"),
    # short companions: a title or version before, versions or other dates after
    ("Privacy Policy | Last updated: June 2025", D(2025, 6, 1), True, "Last updated"),
    ("Version 3 | Effective 1 March 2024", D(2024, 3, 1), False, "Effective"),
    ("Effective 1 March 2024 · v3.1", D(2024, 3, 1), False, "Effective"),
    (
        "Effective date: March 1, 2024 | Last updated: February 1, 2024",
        D(2024, 3, 1),
        False,
        "Effective date",
    ),
    # one-sentence lines
    ("These terms are effective as of February 1, 2024.", D(2024, 2, 1), False, "effective as of"),
    (
        "This Privacy Policy was last updated on the 1st of February 2024.",
        D(2024, 2, 1),
        False,
        "last updated on",
    ),
    ("These Terms take effect on 1 March 2026.", D(2026, 3, 1), False, "take effect on"),
    ("This policy came into force on 1 March 2026.", D(2026, 3, 1), False, "came into force on"),
    (
        "The amended Terms will be effective from March 1, 2026.",
        D(2026, 3, 1),
        False,
        "effective from",
    ),
    ("The effective date of this policy is 1 March 2024.", D(2024, 3, 1), False, "effective date"),
    (
        "The “Effective Date” of these Terms is February 1, 2024.",
        D(2024, 2, 1),
        False,
        "Effective Date",
    ),
]


@pytest.mark.parametrize(
    ("text", "day", "approximate", "label"), POSITIVE, ids=lambda v: str(v)[:40]
)
def test_english_date_lines(text: str, day: dt.date, approximate: bool, label: str) -> None:
    """Each labelled line, in each markup and date form, gives its day, precision and label."""
    found = find_date_line(text)
    assert found is not None
    assert (found.date, found.approximate, found.label) == (day, approximate, label)
    assert (found.line, found.start, found.end) == (1, 0, len(text))


NEGATIVE = [
    # defined terms and passing mentions
    '"Effective Date" means the date on which you first accept these Terms.',
    "“Effective Date” means February 1, 2024.",
    "The “Effective Date” of this Agreement is the date you first use the Service.",
    "Effective Date means the date these Terms are posted.",
    "Until the effective date of March 1, 2024 the old terms apply.",
    "The old terms apply until the effective date of March 1, 2024.",
    "The previous version was effective from 1 January 2023.",
    "Effective January 1, 2024, we no longer sell personal data.",
    "These terms are effective as of February 1, 2024, and replace the terms of 1 March 2023.",
    "The changes described below take effect on March 1, 2026 for new accounts.",
    "In 2024 we updated our cookie banner.",
    "See our price list (updated March 2024).",
    "Updated March 2024 — added section 4",
    "Fees — we updated them on 1 March 2024 after a review of costs and market prices",
    # a label followed by something that is not a date
    "Last updated: {{ page.date }}",
    "Last updated: {{ page.last_modified_at | date: '%B %d, %Y' }}",
    "Effective date: TBD",
    "Effective date: [DATE]",
    "Effective date: Spring 2025",
    "Effective date: 2024",
    "Effective date: 30 days after posting, 2024",
    "Effective date: see Section 12.",
    "Effective immediately.",
    "Effective from 2024-01-01 to 2024-12-31",
    "Updated 3 times in 2024",
    "Updated: version 2",
    "Revised 2 March 2024 and 5 May 2024",
    "Last updated: June 2025 (draft)",
    "Effective dates: 2024-02-01",
    # places that are not date lines
    "| Effective date | 2024-02-01 |",
    "Effective date | 2024-02-01",
    "<!-- Effective date: 2024-02-01 -->",
    "<!--\nEffective date: 2024-02-01\n-->",
    "```\nEffective date: 2024-02-01\n```",
    "~~~~md\nEffective date: 2024-02-01\n~~~~",
    "---\nupdated: 2024-02-01\n---\nBody text.",
    "Effective date:\nFebruary 1, 2024",
    "Our Cookie Notice was updated in June 2025.",
    "# " + "A long title " * 15 + "— Last updated June 2025",
    "",
]


@pytest.mark.parametrize("text", NEGATIVE, ids=lambda v: v[:40])
def test_false_friends_are_not_date_lines(text: str) -> None:
    """Defined terms, passing mentions, non-dates, tables, comments and code are no date line."""
    assert find_date_line(text) is None


@pytest.mark.parametrize(
    ("text", "written", "reason"),
    [
        ("Effective date: 03/04/2026", "03/04/2026", "ambiguous"),
        ("Last updated: 25/12/2025", "25/12/2025", "ambiguous"),
        ("Last updated: 12/25/2025.", "12/25/2025", "ambiguous"),
        ("Updated: 01.02.2024", "01.02.2024", "ambiguous"),
        ("Effective date: 1/2/24", "1/2/24", "ambiguous"),
        ("Effective date: February 30, 2024", "February 30, 2024", "no such day"),
        ("**Effective date:** 2024-13-01", "2024-13-01", "no such day"),
        ("This policy was last updated on February 30, 2024.", "February 30, 2024", "no such day"),
    ],
)
def test_unreadable_dates_after_a_label_are_reported(text: str, written: str, reason: str) -> None:
    """A label followed by a date one cannot read safely raises, naming the line and the text."""
    with pytest.raises(DateLineError, match=reason) as caught:
        find_date_line("Intro\n\n" + text)
    assert (caught.value.line, caught.value.text, caught.value.pattern) == (3, written, None)
    assert "2026-03-17" in caught.value.hint


@pytest.mark.parametrize(
    ("text", "numeric", "expected"),
    [
        ("Effective date: 03/04/2026", "day_first", D(2026, 4, 3)),
        ("Effective date: 03/04/2026", "month_first", D(2026, 3, 4)),
        ("Last updated: 25.12.2025", "day_first", D(2025, 12, 25)),
        ("Last updated: 1-2-24", "month_first", D(2024, 1, 2)),
        ("**Effective Date:** Monday, 02/01/99", "month_first", D(1999, 2, 1)),
    ],
)
def test_numbers_only_dates_read_in_the_configured_order(
    text: str, numeric: str, expected: dt.date
) -> None:
    """With ``source.numeric_dates``, "03/04/2026" reads in that order (years of two digits
    are 2000–2069 or 1970–1999), in date lines and front-matter values alike."""
    found = find_date_line("Intro\n\n" + text, numeric=numeric)
    assert found is not None
    assert (found.date, found.line) == (expected, 3)
    assert parse_human_date(text.split(": ")[-1], "en", numeric) == expected


def test_a_numbers_only_date_the_order_cannot_read_is_no_such_day() -> None:
    """25/12/2025 read month first is no day; unset, the hint names the setting."""
    with pytest.raises(DateLineError, match="no such day"):
        find_date_line("Effective date: 25/12/2025\n", numeric="month_first")
    with pytest.raises(DateLineError, match="ambiguous") as caught:
        find_date_line("Effective date: 25/12/2025\n")
    assert "'source.numeric_dates: day_first'" in caught.value.hint
    assert parse_human_date("01/02/2024", "en") is None
    assert parse_human_date("01.02.2024", "de") == D(2024, 2, 1)


def test_the_first_unreadable_date_line_is_reported_even_if_a_later_one_reads() -> None:
    """The first date line decides: a later, readable one does not hide a typo above it."""
    with pytest.raises(DateLineError):
        find_date_line("Effective date: 03/04/2026\n\nLast updated: 2026-04-03\n")


# --- where in the text -------------------------------------------------------------------


def test_the_first_date_line_wins_and_positions_are_exact() -> None:
    """Line number and offsets are those of the first date line; CRLF endings are not in it."""
    text = "# Terms\r\n\r\nLast updated: 2025-06-01\r\nEffective date: 2025-07-01\r\n"
    found = find_date_line(text)
    assert found == DateLine(D(2025, 6, 1), False, "Last updated", 3, 11, 35, lead="Last updated")
    assert text[found.start : found.end] == "Last updated: 2025-06-01"


@pytest.mark.parametrize(
    ("name", "day", "line", "label"),
    [
        ("bottom.md", D(2025, 10, 15), 28, "Last updated"),
        ("heading.md", D(2026, 3, 1), 1, "Effective"),
        ("front-matter.md", D(2025, 6, 1), 5, "Last updated"),
    ],
)
def test_whole_documents(name: str, day: dt.date, line: int, label: str) -> None:
    """In whole policies the date line is found at the top, in a heading, or far down at the end."""
    found = find_date_line((FIXTURES / name).read_text(encoding="utf-8"))
    assert found is not None
    assert (found.date, found.line, found.label) == (day, line, label)


def test_a_date_line_far_down_is_found() -> None:
    """A "Last updated" line after thousands of lines of text is still found."""
    body = "\n".join(f"Paragraph {n} of the policy text." for n in range(5000))
    found = find_date_line(body + "\n\nLast updated: 1 March 2026\n")
    assert found is not None
    assert (found.date, found.line) == (D(2026, 3, 1), 5002)


def test_setext_heading_with_a_title_and_a_date() -> None:
    """An underlined heading may hold a title before the date, like an ATX heading."""
    found = find_date_line("Privacy Policy — Effective 1 March 2024\n===\n")
    assert found is not None
    assert found.date == D(2024, 3, 1)
    assert find_date_line("Privacy Policy — Effective 1 March 2024 and onwards\n===\n") is None


def test_required_labels_are_built_in() -> None:
    """The label phrasings every policy team expects are all in the English catalogue."""
    for label in (
        "Effective date",
        "Effective as of",
        "Effective",
        "Last updated",
        "Last modified",
        "Updated on",
    ):
        found = find_date_line(f"{label}: 2024-02-01")
        assert found is not None
        assert found.label == label
    for concept in CONCEPTS:
        english = own_phrases("en", concept)
        assert len(english) == len(set(english))


# --- configured patterns ----------------------------------------------------------------


def test_patterns_come_before_built_in_labels_anywhere_in_the_text() -> None:
    """A configured pattern's line wins over an earlier built-in date line."""
    text = "Last updated: 2025-01-01\n\nVersion date: 2025-02-01\n"
    found = find_date_line(text, patterns=[r"Version date:\s*(.+)"])
    assert found is not None
    assert (found.date, found.line, found.label) == (D(2025, 2, 1), 3, "Version date")
    assert find_date_line(text, patterns=[r"Nothing here:\s*(.+)"]) == find_date_line(text)


def test_pattern_without_group_and_with_markup() -> None:
    """Without a group the whole match is the date; markup is removed before matching again."""
    found = find_date_line(
        "Hello\n\n**In force from:** 1 March 2026\n", patterns=[r"\d+ March \d{4}"]
    )
    assert found is not None
    assert (found.date, found.label, found.line) == (D(2026, 3, 1), "", 3)
    found = find_date_line("**In force from:** 1 March 2026", patterns=[r"^In force from: (.+)$"])
    assert found is not None
    assert (found.date, found.label) == (D(2026, 3, 1), "In force from")


def test_patterns_read_longer_texts_and_months() -> None:
    """A pattern's group may hold more than the date (read as before) or just a month."""
    found = find_date_line(
        "Effective date: March 17, 2026 (the Effective Date)", patterns=[r"Effective date:\s*(.+)"]
    )
    assert found is not None
    assert found.date == D(2026, 3, 17)
    found = find_date_line("Valid from: June 2025", patterns=[r"Valid from:\s*(.+)"])
    assert found is not None
    assert (found.date, found.approximate) == (D(2025, 6, 1), True)


def test_pattern_may_match_inside_a_comment() -> None:
    """A site may hide its date in an HTML comment and point a pattern at it."""
    found = find_date_line("Text\n<!-- effective: 2026-03-01 -->\n", patterns=[r"effective: (\S+)"])
    assert found is not None
    assert found.date == D(2026, 3, 1)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Intro\nEffective date: soon\n", "soon"),
        ("Intro\nEffective date: 03/04/2026\n", "03/04/2026"),
        ("Intro\nEffective date: {{ page.date }}\n", "{{ page.date }}"),
    ],
)
def test_a_pattern_matching_a_non_date_raises(text: str, written: str) -> None:
    """A configured pattern that matches text that is not a date is an error, not "no date"."""
    with pytest.raises(DateLineError) as caught:
        find_date_line(text, patterns=[r"Effective date:\s*(.+)"])
    assert (caught.value.line, caught.value.text) == (2, written)
    assert caught.value.pattern == r"Effective date:\s*(.+)"
    assert isinstance(caught.value, ValueError)


def test_error_text_is_kept_short() -> None:
    """A pattern that swallows a huge line reports a shortened text."""
    with pytest.raises(DateLineError) as caught:
        find_date_line("Effective date: " + "word " * 100_000, patterns=[r"Effective date:\s*(.+)"])
    assert len(caught.value.text) == 200
    assert len(str(caught.value)) < 400


# --- other languages ----------------------------------------------------------------------

LANGUAGES = [
    ("es", "Fecha de entrada en vigor: 17 de marzo de 2026", D(2026, 3, 17), False),
    ("es", "Última actualización: 1 de febrero de 2024", D(2024, 2, 1), False),
    ("es", "ULTIMA ACTUALIZACION: febrero de 2024", D(2024, 2, 1), True),
    ("es", "Vigente desde el 1.º de febrero de 2024", D(2024, 2, 1), False),
    ("es", "Actualizado el 3 de setiembre de 2024", D(2024, 9, 3), False),
    ("es", "En vigor a partir del 1 de julio de 2025", D(2025, 7, 1), False),
    ("es", "**Fecha de vigencia:** 1 sept 2024", D(2024, 9, 1), False),
    ("es-MX", "Effective date: February 1, 2024", D(2024, 2, 1), False),
    ("fr", "Date d'entrée en vigueur : 1er février 2024", D(2024, 2, 1), False),
    ("fr", "Date d’entrée en vigueur : 1 févr. 2024", D(2024, 2, 1), False),
    ("fr", "Dernière mise à jour\u00a0: 3 septembre 2024", D(2024, 9, 3), False),
    ("fr", "Mis à jour le 3 septembre 2024", D(2024, 9, 3), False),
    ("fr", "En vigueur à compter du 1er février 2024", D(2024, 2, 1), False),
    ("fr", "En vigueur depuis le 1er juillet 2025", D(2025, 7, 1), False),
    ("fr", "Dernière mise à jour : juin 2025", D(2025, 6, 1), True),
    ("fr-CA", "Dernière mise à jour : jeudi 1 février 2024", D(2024, 2, 1), False),
    ("de", "Stand: 1. Februar 2024", D(2024, 2, 1), False),
    ("de", "Stand: Februar 2024", D(2024, 2, 1), True),
    ("de", "Stand vom 1. Jänner 2025", D(2025, 1, 1), False),
    ("de", "Zuletzt aktualisiert: 01.02.2024", D(2024, 2, 1), False),
    ("de", "Zuletzt geändert am 3. Sept. 2024", D(2024, 9, 3), False),
    ("de", "Gültig ab dem 1. März 2024", D(2024, 3, 1), False),
    ("de-AT", "Datum des Inkrafttretens: Donnerstag, 1. Februar 2024", D(2024, 2, 1), False),
    ("zh", "生效日期：2026年3月17日", D(2026, 3, 17), False),
    ("zh", "更新日期：2026年3月17日", D(2026, 3, 17), False),
    ("zh", "最后更新于 2026年3月17日", D(2026, 3, 17), False),
    ("zh", "最後更新：2026年3月17日", D(2026, 3, 17), False),
    ("zh", "**生效日期：**2026-03-17", D(2026, 3, 17), False),
    ("zh", "本隐私政策更新日期：2026年3月", D(2026, 3, 1), True),
    ("zh", "本政策自2026年3月17日起生效。", D(2026, 3, 17), False),
    ("zh-Hans", "生效日期：2026年3月17日星期二", D(2026, 3, 17), False),
]


@pytest.mark.parametrize(
    ("lang", "text", "day", "approximate"), LANGUAGES, ids=lambda v: str(v)[:30]
)
def test_other_languages(lang: str, text: str, day: dt.date, approximate: bool) -> None:
    """Spanish, French, German and Chinese labels and dates, chosen by the primary subtag."""
    found = find_date_line(text, lang)
    assert found is not None
    assert (found.date, found.approximate) == (day, approximate)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Stand: 1. Februar 2024"),
        ("fr", "Stand: 1. Februar 2024"),
        ("de", "Stand der Technik 2024"),
        ("de", "Stand: 2024"),
        ("es", "“Fecha de entrada en vigor” significa el día en que usted acepta."),
        ("zh", "生效日期：以本政策公布之日为准"),
        ("zh", "| 生效日期 | 2026年3月17日 |"),
    ],
)
def test_other_languages_false_friends(lang: str, text: str) -> None:
    """A label of another language is not used, and non-dates after labels do not match."""
    assert find_date_line(text, lang) is None


def test_numeric_german_dates_only_in_german() -> None:
    """01.02.2024 is day first in German text; elsewhere the order is ambiguous."""
    found = find_date_line("Updated: 01.02.2024", "de")
    assert found is not None
    assert found.date == D(2024, 2, 1)
    with pytest.raises(DateLineError):
        find_date_line("Updated: 01.02.2024", "fr")


def test_language_labels_have_no_duplicates() -> None:
    """Each catalogue's date phrases are free of repeats, and every language has labels."""
    for path in sorted(LOCALES.glob("*.po")):
        code = path.stem
        for concept in CONCEPTS:
            phrases = own_phrases(code, concept)
            assert len(phrases) == len({p.lower() for p in phrases}), (code, concept)
        assert own_phrases(code, EFFECTIVE_BEFORE), code


# --- properties --------------------------------------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


FORMATS: dict[str, Callable[[dt.date], str]] = {
    "iso": lambda d: d.isoformat(),
    "slashed-iso": lambda d: f"{d.year}/{d.month}/{d.day}",
    "month-day-year": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "ordinal-no-comma": lambda d: f"{MONTHS[d.month - 1]} {_ordinal(d.day)} {d.year}",
    "day-month-year": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "abbreviated": lambda d: f"{MONTHS[d.month - 1][:3]}. {d.day}, {d.year}",
    "ordinal-of": lambda d: f"{_ordinal(d.day)} of {MONTHS[d.month - 1]} {d.year}",
    "weekday": lambda d: f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}",
    "cjk": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "month-only": lambda d: f"{MONTHS[d.month - 1]} {d.year}",
}

days = st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31))


@settings(derandomize=True, max_examples=200)
@given(days, st.sampled_from(sorted(FORMATS)))
def test_every_format_reads_back(day: dt.date, form: str) -> None:
    """For any day and any supported English form, "Effective date: <day>" gives that day."""
    found = find_date_line(f"Effective date: {FORMATS[form](day)}")
    assert found is not None
    approximate = form == "month-only"
    assert found.date == (day.replace(day=1) if approximate else day)
    assert found.approximate is approximate


LABELS = {"en": "Effective date", "es": "Fecha de entrada en vigor", "fr": "Date d'entrée en vigueur", "de": "Stand", "zh": "生效日期"}  # fmt: skip


@settings(derandomize=True, max_examples=200)
@given(days, st.sampled_from(sorted(LABELS)), st.sampled_from(["medium", "long", "full"]))
def test_babel_dates_read_back_in_each_language(day: dt.date, lang: str, width: str) -> None:
    """A date written by Babel in a language's medium, long or full form is read back."""
    found = find_date_line(f"{LABELS[lang]}: {format_date(day, width, locale=lang)}", lang)
    assert found is not None
    assert found.date == day


# --- bounded work ------------------------------------------------------------------------


def test_one_megabyte_without_a_date_line_examines_few_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On 1 MB texts with no date line, only short lines holding a digit are examined, once each."""
    examined: list[str] = []
    real = date_line_rules.examine

    def counting(text: str, heading: bool, lang: str, numeric: str) -> object:
        examined.append(text)
        return real(text, heading, lang, numeric)

    monkeypatch.setattr(date_lines, "examine", counting)
    prose = (
        "Words without any figures, repeated to fill a megabyte of policy text. " * 12 + "\n"
    ) * 1200
    assert len(prose) > 1_000_000
    assert find_date_line(prose) is None
    assert examined == []

    numbers = (
        "Effective date: 12 | 12 | 12 | 12 | 12 | 12 | 12 | 12 | 12 | 12 | 12 | 12 | not a date\n"
    )
    assert find_date_line(numbers * (1_000_000 // len(numbers) + 1)) is None
    assert len(examined) == 1_000_000 // len(numbers) + 1

    examined.clear()
    for huge in (
        "Effective date: " + "1 " * 500_000,
        "<" * 1_000_000,
        "[" * 1_000_000,
        "<!--" + "-" * 1_000_000,
    ):
        assert find_date_line(huge) is None
    assert examined == []


def test_a_pattern_capturing_a_huge_word_returns() -> None:
    """Reading a megabyte captured by a pattern stays linear (no backtracking inside words)."""
    with pytest.raises(DateLineError, match="not a date"):
        find_date_line("Effective date: " + "a" * 1_000_000, patterns=[r"Effective date: (.+)"])
    assert parse_human_date("a" * 1_000_000) is None


# --- strip_date_line ---------------------------------------------------------------------


def test_strip_blanks_the_date_line_and_keeps_line_numbers() -> None:
    """The date line becomes empty; every other line stays where it was."""
    text = "# Terms\r\n\r\n*Last updated: June 2025*\r\n\r\nBody.\r\n"
    found = find_date_line(text)
    assert found is not None
    stripped = strip_date_line(text, found)
    assert stripped == "# Terms\r\n\r\n\r\n\r\nBody.\r\n"
    assert stripped.count("\n") == text.count("\n")


def test_strip_makes_a_date_only_change_vanish() -> None:
    """Two revisions that differ only in their date line are equal once it is stripped."""
    old = "Intro.\n\nEffective date: 1 March 2024\n\nText.\n"
    new = "Intro.\n\n**Effective date:** 2026-03-01\n\nText.\n"
    old_line, new_line = find_date_line(old), find_date_line(new)
    assert old_line is not None
    assert new_line is not None
    assert strip_date_line(old, old_line) == strip_date_line(new, new_line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Privacy Policy — Last updated June 2025\nBody\n", "# Privacy Policy\nBody\n"),
        ("## Terms (Effective March 1, 2024)\n", "## Terms\n"),
        ("## Last updated: June 2025\n", "\n"),
        ("Terms — Effective 1 March 2024\n===\n", "Terms\n===\n"),
        ("Privacy Policy | Last updated: June 2025\n", "\n"),
    ],
)
def test_strip_keeps_a_heading_title(text: str, expected: str) -> None:
    """In a heading that holds a title before the date, the title stays (title edits still show)."""
    found = find_date_line(text)
    assert found is not None
    assert strip_date_line(text, found) == expected


def test_strip_refuses_a_line_of_another_text() -> None:
    """A DateLine whose offsets are not a whole line of the text is refused."""
    found = find_date_line("Intro\nLast updated: June 2025\n")
    assert found is not None
    with pytest.raises(ValueError, match="not a line"):
        strip_date_line("Last updated: June 2025", found)


# --- parse_human_date and format_long_date stay as they were ------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("March 17, 2026", "en", D(2026, 3, 17)),
        ("Sept. 3, 2025", "en", D(2025, 9, 3)),
        ("17 de marzo de 2026", "es", D(2026, 3, 17)),
        ("2026年3月17日", "zh", D(2026, 3, 17)),
        ("March 17, 2026 (the Effective Date)", "en", D(2026, 3, 17)),
        ("1st of March 2026", "en", D(2026, 3, 1)),
        ("17. März 2026", "de", D(2026, 3, 17)),
        ("1er février 2024", "fr", D(2024, 2, 1)),
        ("17.03.2026", "de", D(2026, 3, 17)),
        ("17.03.2026", "en", None),
        ("03/04/2026", "en", None),
        ("25/12/2025", "en", None),
        ("June 2025", "en", None),
        ("February 30, 2026", "en", None),
    ],
)
def test_parse_human_date(text: str, lang: str, expected: dt.date | None) -> None:
    """Earlier forms read as before, a few more are read; months alone and numeric orders are not."""
    assert parse_human_date(text, lang) == expected


def test_format_long_date_is_unchanged() -> None:
    """Long dates are still written per locale by Babel."""
    assert format_long_date(D(2026, 3, 1), "en_IE") == "1 March 2026"
    assert format_long_date(D(2026, 3, 1), "zh") == "2026年3月1日"
    assert format_long_date(D(2026, 3, 1), "es") == "1 de marzo de 2026"
