"""Date lines in every language, from each catalogue's date phrases and CLDR's dates: labels,
weekdays inside, 年月日 with spaces, ordinal days, a version before the label, words after
the date, sentences, a bare date under the title, date markers, and the false friends."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.dates import format_date

from generator.base.catalogues import PACKAGE_LOCALES as LOCALES
from generator.base.date_phrases import (
    EFFECTIVE_BEFORE,
    date_phrases,
    own_phrases,
    phrase_pattern,
)
from generator.base.languages import fallbacks
from generator.document.date_lines import DateLineError, find_date_line, strip_date_line

D = dt.date
#: The languages each form is shown in (at least ten, with the issue's own examples).
TEN = ("cs", "de", "es", "fr", "it", "ja", "nl", "pl", "pt-BR", "zh-CN")


@pytest.mark.parametrize(
    ("lang", "codes"),
    [
        ("pt-BR", ("pt-BR", "pt")),
        ("pt_br", ("pt-BR", "pt")),
        ("zh-CN", ("zh-CN", "zh-Hans", "zh")),
        ("zh", ("zh", "zh-Hans")),
        ("zh-TW", ("zh-TW", "zh-Hant", "zh")),
        ("zh-Hant-HK", ("zh-Hant-HK", "zh-Hant", "zh")),
        ("es-419", ("es-419", "es")),
        ("fr-CA", ("fr-CA", "fr")),
        ("en", ("en",)),
    ],
)
def test_catalogue_lookup_falls_back(lang: str, codes: tuple[str, ...]) -> None:
    """A language's catalogue: its exact code, then its Chinese script, then its primary subtag."""
    assert fallbacks(lang) == codes


def test_phrases_fall_back_and_english_is_always_tried() -> None:
    """pt-BR, zh-CN and es-419 find phrases through the fallback; English phrases follow every
    language's own, and a phrase matches whatever its case, spaces, apostrophe or accents."""
    assert own_phrases("es-419", EFFECTIVE_BEFORE) == own_phrases("es", EFFECTIVE_BEFORE)
    assert "生效日期" in own_phrases("zh-CN", EFFECTIVE_BEFORE)
    assert own_phrases("pt-BR", EFFECTIVE_BEFORE)
    before = date_phrases("de").before
    assert before.index("Datum des Inkrafttretens") < before.index("Effective date")
    pattern = re.compile(phrase_pattern("Date d'effet :"), re.IGNORECASE)
    assert pattern.fullmatch("DATE D’EFFET")
    assert pattern.fullmatch("date  d'effet")
    assert re.compile(phrase_pattern("Última actualización"), re.IGNORECASE).fullmatch(
        "ULTIMA ACTUALIZACION"
    )


def test_every_catalogue_gives_labels() -> None:
    """Every language with a catalogue has phrases for an effective date."""
    codes = sorted(path.stem for path in LOCALES.glob("*.po"))
    assert len(codes) >= 20
    assert all(own_phrases(code, EFFECTIVE_BEFORE) for code in codes)


# --- each form, in each of the ten languages (and more) ----------------------------------

LABELLED = [
    ("cs", "Účinné od 17. prosince 2025", D(2025, 12, 17)),
    ("de", "Datum des Inkrafttretens: 3. März 2025", D(2025, 3, 3)),
    ("es", "Fecha de entrada en vigor: 3 de marzo de 2025", D(2025, 3, 3)),
    ("fr", "Date d'effet : 3 mars 2025", D(2025, 3, 3)),
    ("it", "Data di entrata in vigore: 3 marzo 2025", D(2025, 3, 3)),
    ("ja", "施行日：2025年3月3日", D(2025, 3, 3)),
    ("nl", "Laatst bijgewerkt op 3 maart 2025", D(2025, 3, 3)),
    ("pl", "Obowiązuje od 3 marca 2025 r.", D(2025, 3, 3)),
    ("pt-BR", "Última atualização: 3 de março de 2025", D(2025, 3, 3)),
    ("zh-CN", "生效日期：2025年3月3日", D(2025, 3, 3)),
    ("ru", "Дата вступления в силу: 3 марта 2025 г.", D(2025, 3, 3)),
    ("hu", "Hatályos: 2025. március 3.", D(2025, 3, 3)),
    ("ko", "시행일: 2025년 3월 3일", D(2025, 3, 3)),
    ("sv", "Gäller från och med den 3 mars 2025", D(2025, 3, 3)),
    ("el", "Ισχύει από τις 3 Μαρτίου 2025", D(2025, 3, 3)),
]

WEEKDAY_INSIDE = [
    ("cs", "Účinné od středa 17. prosince 2025", D(2025, 12, 17)),
    ("de", "Gültig ab Montag, 3. März 2025", D(2025, 3, 3)),
    ("es", "Fecha de entrada en vigor: lunes, 3 de marzo de 2025", D(2025, 3, 3)),
    ("fr", "Date d'effet : lundi 3 mars 2025", D(2025, 3, 3)),
    ("it", "In vigore dal lunedì 3 marzo 2025", D(2025, 3, 3)),
    ("ja", "施行日：2025年3月3日月曜日", D(2025, 3, 3)),
    ("nl", "Ingangsdatum: maandag 3 maart 2025", D(2025, 3, 3)),
    ("pl", "Data wejścia w życie: poniedziałek, 3 marca 2025", D(2025, 3, 3)),
    ("pt-BR", "Data de vigência: segunda-feira, 3 de março de 2025", D(2025, 3, 3)),
    ("zh-CN", "生效日期：2025年3月3日星期一", D(2025, 3, 3)),
]

SPACED_CJK = [
    ("zh-CN", "生效日期：2025 年 3 月 3 日", D(2025, 3, 3)),
    ("zh-TW", "生效日期：2025 年 3 月 3 日", D(2025, 3, 3)),
    ("ja", "施行日：2025 年 3 月 3 日", D(2025, 3, 3)),
    ("ko", "시행일: 2025년3월3일", D(2025, 3, 3)),
]

ORDINAL_DAYS = [
    ("en", "Effective date: March 1st, 2025", D(2025, 3, 1)),
    ("fr", "Date d'entrée en vigueur : 1er mars 2025", D(2025, 3, 1)),
    ("es", "Vigente desde el 1.º de marzo de 2025", D(2025, 3, 1)),
    ("it", "In vigore dal 1° marzo 2025", D(2025, 3, 1)),
    ("pt-BR", "Em vigor desde 1º de março de 2025", D(2025, 3, 1)),
    ("de", "Stand: 1. März 2025", D(2025, 3, 1)),
    ("cs", "Platnost od 1. března 2025", D(2025, 3, 1)),
    ("pl", "Ostatnia aktualizacja: 1 marca 2025 r.", D(2025, 3, 1)),
    ("nl", "Geldig vanaf 1 maart 2025", D(2025, 3, 1)),
    ("ja", "最終更新日：2025年3月1日", D(2025, 3, 1)),
    ("zh-CN", "更新日期：2025年3月1日", D(2025, 3, 1)),
]

VERSION_FIRST = [
    ("en", "Version 3.0, effective July 7, 2020", D(2020, 7, 7)),
    ("en", "Version 1.2, Effective November 1, 2023", D(2023, 11, 1)),
    ("cs", "Verze 3.0, účinné od 7. července 2020", D(2020, 7, 7)),
    ("de", "Version 3.0, gültig ab 7. Juli 2020", D(2020, 7, 7)),
    ("es", "Versión 3.0, en vigor desde el 7 de julio de 2020", D(2020, 7, 7)),
    ("fr", "Version 3.0, en vigueur à compter du 7 juillet 2020", D(2020, 7, 7)),
    ("it", "Versione 3.0, in vigore dal 7 luglio 2020", D(2020, 7, 7)),
    ("ja", "バージョン 3.0、施行日：2020年7月7日", D(2020, 7, 7)),
    ("nl", "Versie 3.0, ingangsdatum 7 juli 2020", D(2020, 7, 7)),
    ("pl", "Wersja 3.0, obowiązuje od 7 lipca 2020", D(2020, 7, 7)),
    ("pt-BR", "Versão 3.0, em vigor desde 7 de julho de 2020", D(2020, 7, 7)),
    ("zh-CN", "版本 3.0，生效日期：2020年7月7日", D(2020, 7, 7)),
]

WORDS_AFTER = [
    ("zh-CN", "2025 年 3 月 3 日生效", D(2025, 3, 3)),
    ("zh-CN", "本政策自2026年3月17日起生效。", D(2026, 3, 17)),
    ("zh-TW", "本政策自 2025 年 3 月 3 日起施行。", D(2025, 3, 3)),
    ("ja", "2025年3月3日から施行", D(2025, 3, 3)),
    ("ja", "本規約は、2025年3月3日から施行します。", D(2025, 3, 3)),
    ("ko", "2025년 3월 3일부터 시행", D(2025, 3, 3)),
    ("de", "Diese Richtlinie tritt am 1. März 2024 in Kraft.", D(2024, 3, 1)),
    ("fi", "Voimassa 3.3.2025 alkaen", D(2025, 3, 3)),
    ("tr", "3 Mart 2025 tarihinden itibaren geçerlidir.", D(2025, 3, 3)),
    ("hu", "2025. március 3. napjától hatályos", D(2025, 3, 3)),
]

SENTENCES = [
    ("en", "These terms are effective as of February 1, 2024.", D(2024, 2, 1)),
    ("cs", "Tyto podmínky nabývají účinnosti dne 1. března 2025.", D(2025, 3, 1)),
    ("de", "Diese Nutzungsbedingungen gelten ab dem 1. März 2025.", D(2025, 3, 1)),
    ("es", "Estas condiciones entran en vigor el 1 de marzo de 2025.", D(2025, 3, 1)),
    ("fr", "Les présentes conditions entrent en vigueur le 1er mars 2025.", D(2025, 3, 1)),
    ("it", "Le presenti condizioni entrano in vigore il 1° marzo 2025.", D(2025, 3, 1)),
    ("nl", "Deze voorwaarden treden in werking op 1 maart 2025.", D(2025, 3, 1)),
    ("pl", "Niniejszy regulamin wchodzi w życie z dniem 1 marca 2025 r.", D(2025, 3, 1)),
    ("pt-BR", "Estes termos entram em vigor em 1º de março de 2025.", D(2025, 3, 1)),
    ("zh-CN", "本政策自2025年3月1日起生效。", D(2025, 3, 1)),
    ("ja", "この規約は2025年3月1日から施行します。", D(2025, 3, 1)),
]

FORMS = [
    *(("label", *case) for case in LABELLED),
    *(("weekday", *case) for case in WEEKDAY_INSIDE),
    *(("spaced", *case) for case in SPACED_CJK),
    *(("ordinal", *case) for case in ORDINAL_DAYS),
    *(("version", *case) for case in VERSION_FIRST),
    *(("after", *case) for case in WORDS_AFTER),
    *(("sentence", *case) for case in SENTENCES),
]


@pytest.mark.parametrize(("form", "lang", "text", "day"), FORMS, ids=lambda v: str(v)[:24])
def test_each_form_in_each_language(form: str, lang: str, text: str, day: dt.date) -> None:
    """Each form of date line gives its day in each language, as a line of a longer text."""
    found = find_date_line(f"# Policy\n\nIntroduction.\n\n{text}\n\nMore text.\n", lang)
    assert found is not None, form
    assert (found.date, found.line, found.marked) == (day, 5, False)
    assert found.label


def test_each_form_is_seen_in_ten_languages() -> None:
    """The tables cover each form in the ten languages the issue names, at least (the
    年月日 forms and the words after a date in the languages that write them)."""
    for table in (LABELLED, WEEKDAY_INSIDE, ORDINAL_DAYS, VERSION_FIRST, SENTENCES):
        assert set(TEN) <= {lang for lang, _text, _day in table}
    assert set(TEN) <= {lang for lang, _line in MARKED}
    assert len({lang for lang, _text, _day in WORDS_AFTER}) >= 7


@pytest.mark.parametrize("lang", TEN)
@pytest.mark.parametrize("width", ["long", "full"])
def test_a_bare_date_under_the_title_in_each_language(lang: str, width: str) -> None:
    """A date alone on the line right under the title (as CLDR writes it) is the date."""
    day = D(2017, 7, 31)
    written = format_date(day, width, locale=lang.replace("-", "_"))
    text = f"# Privacy\n\n*{written}*\n\n## Scope\n\nWe collect what we need.\n"
    found = find_date_line(text, lang)
    assert found is not None
    assert (found.date, found.line, found.label) == (day, 3, "")
    assert strip_date_line(text, found).startswith("# Privacy\n\n\n\n## Scope")


def test_a_bare_date_counts_only_under_the_opening_heading() -> None:
    """A date alone elsewhere (after other text, or under a later heading) is no date line."""
    assert find_date_line("Intro.\n\n# Privacy\n\nJuly 31, 2017\n") is None
    assert find_date_line("# Privacy\n\nIntro.\n\nJuly 31, 2017\n") is None
    assert find_date_line("# Privacy\n\n## Scope\n\nJuly 31, 2017\n") is None
    found = find_date_line("Privacy\n=======\n\nJuly 31, 2017\n")
    assert found is not None
    assert found.line == 4


# --- date markers ------------------------------------------------------------------------

MARKED = [
    ("cs", "Účinné od 17. prosince 2025"),
    ("de", "Gültig ab 3. März 2025"),
    ("es", "Fecha de entrada en vigor: 3 de marzo de 2025"),
    ("fr", "Date d'effet : lundi 3 mars 2025"),
    ("it", "In vigore dal 3 marzo 2025"),
    ("ja", "施行日：2025年3月3日"),
    ("nl", "Ingangsdatum: 3 maart 2025"),
    ("pl", "Obowiązuje od 3 marca 2025"),
    ("pt-BR", "Data de vigência: 3 de março de 2025"),
    ("zh-CN", "2025 年 3 月 3 日生效"),
    ("en", "Effective March 3, 2025"),
]


@pytest.mark.parametrize(("lang", "line"), MARKED)
@pytest.mark.parametrize("where", ["same line", "next line", "time element"])
def test_a_date_marker_wins_over_the_words(lang: str, line: str, where: str) -> None:
    """A Kramdown datetime attribute list on the date line or the line after it, or a
    <time datetime>, gives the date even where the words say another day."""
    marker = '{: datetime="2025-03-04" }'
    if where == "same line":
        text = f"{line} {marker}"
    elif where == "next line":
        text = f"{line}\n{marker}"
    else:
        text = f'<time datetime="2025-03-04">{line}</time>'
    found = find_date_line(f"# Policy\n\nIntro.\n\n{text}\n\nText.\n", lang)
    assert found is not None
    assert (found.date, found.line, found.marked) == (D(2025, 3, 4), 5, True)


def test_the_first_marker_wins_over_earlier_date_lines() -> None:
    """A marked line far down wins over an unmarked date line (and an unreadable one) above."""
    text = (
        "Last updated: June 2020\n\nEffective date: 03/04/2026\n\n"
        + "Text.\n\n" * 50
        + 'Effective March 3, 2025\n{: .date datetime="2025-03-03" }\n'
    )
    found = find_date_line(text)
    assert found is not None
    assert (found.date, found.line, found.label) == (D(2025, 3, 3), 105, "Effective")


def test_a_marker_on_a_heading_or_a_long_line() -> None:
    """A marked heading without a date in its words keeps its text; a marker on a long
    paragraph is not a date line; a marker after a blank line marks nothing."""
    text = '## Privacy Policy {: datetime="2025-03-03" }\n\nText.\n'
    found = find_date_line(text)
    assert found is not None
    assert found.date == D(2025, 3, 3)
    assert strip_date_line(text, found) == text
    long = " ".join(["word"] * 30)
    assert find_date_line(f'{long} {{: datetime="2025-03-03" }}\n') is None
    assert find_date_line('Effective soon\n\n{: datetime="2025-03-03" }\n') is None


def test_an_unreadable_marker_is_refused_with_its_line() -> None:
    """A marker whose value is no real day written YYYY-MM-DD is an error naming its line."""
    with pytest.raises(DateLineError, match="no such day") as caught:
        find_date_line('Intro\n\nEffective soon\n{: datetime="2025-02-30" }\n')
    assert caught.value.line == 4
    with pytest.raises(DateLineError, match="YYYY-MM-DD") as caught:
        find_date_line('Effective March 3, 2025 {: datetime="March 3" }\n')
    assert 'datetime="2026-03-17"' in caught.value.hint


# --- false friends -------------------------------------------------------------------------

FALSE_FRIENDS = [
    ("en", "The Request Effective Date means the date on which we receive your request."),
    ("en", "The Request Effective Date is 1 March 2024 for requests made before then."),
    ("en", "This Agreement is effective for a term of twelve months from 1 March 2024 onwards."),
    ("en", "The previous version was effective from 1 January 2023."),
    ("en", "Our Cookie Notice was updated in June 2025."),
    ("cs", "„Datum účinnosti“ znamená den, kdy přijmete tyto podmínky."),
    ("de", "„Datum des Inkrafttretens“ bezeichnet den Tag, an dem Sie zustimmen."),
    ("de", "Die frühere Fassung gilt ab dem 1. März 2024."),
    ("es", "La versión anterior entró en vigor el 1 de enero de 2023."),
    ("fr", "Le contrat est conclu pour une durée d'un an à compter du 1er mars 2024 et plus."),
    ("fr", "La version précédente est entrée en vigueur le 1er janvier 2023."),
    ("it", "La «Data di entrata in vigore» indica il giorno in cui accetti."),
    ("nl", "De vorige voorwaarden treden in werking op 1 maart 2024."),
    ("pl", "Poprzednia wersja wchodzi w życie z dniem 1 marca 2024 r."),
    ("pt-BR", "A versão anterior entrou em vigor em 1º de janeiro de 2023."),
    ("ja", "旧規約は2023年1月1日から施行"),
    ("zh-CN", "原政策于2023年1月1日生效"),
    ("zh-CN", "| 生效日期 | 2026年3月17日 |"),
]


@pytest.mark.parametrize(("lang", "text"), FALSE_FRIENDS, ids=lambda v: str(v)[:30])
def test_false_friends_in_each_language(lang: str, text: str) -> None:
    """Definitions, contract terms, earlier versions and table cells are no date lines."""
    assert find_date_line(text, lang) is None
