"""Every catalogue of the package: complete, placeholders kept, the language's plural forms,
compiled without warnings; and how a language finds its catalogue.

The tests are parametrized over the files in ``generator/locales/``: a catalogue added
there is covered without a change here. ``en.po`` holds only date phrases (English
interface words are the message ids), and date phrases (``msgctxt "date-line"``) are not
interface words: they are left to the date tests.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from generator.base.catalogues import (
    DATE_LINE,
    PACKAGE_LOCALES,
    catalogue_problems,
    interface_messages,
    plural_locale,
    plural_rule,
    read_catalogue,
)
from generator.base.languages import fallbacks, language_code, nearest
from generator.render.i18n import Messages, used_messages, used_plurals

CATALOGUES = sorted(PACKAGE_LOCALES.glob("*.po"))
INTERFACE = [path for path in CATALOGUES if path.stem != "en"]
#: Phrases some catalogues do not translate yet: shown in English there, and reported by
#: ``check`` (``generator/locales/pending.txt`` says how the list is kept).
PENDING = frozenset(
    line
    for line in (PACKAGE_LOCALES / "pending.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
#: The catalogues that translate every phrase as it is added, pending ones included.
FIRST = ("es", "zh-Hans")


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def _singular(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple | list) else message.id)


def test_the_package_has_catalogues_to_test() -> None:
    """The parametrized tests below run on something: Spanish and Simplified Chinese at least."""
    names = {path.name for path in CATALOGUES}
    assert {"es.po", "zh-Hans.po"} <= names
    assert "zh.po" not in names  # Simplified Chinese is zh-Hans.po; zh and zh-CN fall back to it


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.stem)
def test_a_catalogue_is_named_and_headed_for_its_language(path: Path) -> None:
    """The file name is a language code, and the header says the same language and the
    plural rule Babel gives it."""
    assert language_code(path.stem) == path.stem, path.name
    catalog = _read(path)
    header = dict(catalog.mime_headers)
    assert header.get("Language", "").replace("_", "-") == path.stem
    rule = get_plural(plural_locale(path.stem))
    assert catalog.num_plurals == rule.num_plurals, path.name
    assert "".join(catalog.plural_expr.split()) == "".join(rule.plural_expr.split()), path.name


@pytest.mark.parametrize("path", INTERFACE, ids=lambda p: p.stem)
def test_a_catalogue_translates_every_word_of_the_site(path: Path) -> None:
    """No message the site uses is missing, empty or fuzzy (but those listed as pending,
    outside Spanish and Chinese), and none is left over from words the site no longer
    uses."""
    catalog = _read(path)
    entries = {_singular(m): m for m in interface_messages(catalog)}
    allowed = frozenset() if path.stem in FIRST else PENDING
    missing = sorted(used_messages() - set(entries) - allowed)
    assert missing == [], f"{path.name} lacks {len(missing)}: {missing[:5]}"
    unused = sorted(set(entries) - used_messages())
    assert unused == [], f"{path.name} has words the site no longer uses: {unused[:5]}"
    fuzzy = sorted(msgid for msgid, m in entries.items() if m.fuzzy)
    assert fuzzy == [], f"{path.name}: fuzzy entries {fuzzy[:5]}"
    for msgid, message in entries.items():
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        assert all(str(s).strip() for s in strings), (path.name, msgid)
    assert set(Messages(path.stem).missing(used_messages())) <= allowed


def test_pending_phrases_are_used_translated_first_and_still_pending() -> None:
    """Each pending phrase is one the site asks for, Spanish and Chinese translate it, and
    some catalogue still lacks it (else its line is to be removed)."""
    for msgid in sorted(PENDING):
        assert msgid in used_messages(), msgid
        for code in FIRST:
            assert msgid not in Messages(code).missing(frozenset({msgid})), (code, msgid)
        lacking = [p.stem for p in INTERFACE if Messages(p.stem).missing(frozenset({msgid}))]
        assert lacking, f"every catalogue translates {msgid!r}: remove it from pending.txt"


def test_check_reports_the_pending_phrases(tmp_path: Path) -> None:
    """A catalogue lacking pending phrases: their English is shown, and Messages names
    them as missing (what check's catalogue-missing reports)."""
    if not PENDING:
        pytest.skip("no phrase is pending")
    lacking = next(p.stem for p in INTERFACE if Messages(p.stem).missing(PENDING))
    words = Messages(lacking)
    msgid = sorted(words.missing(PENDING))[0]
    assert words.translate(msgid) == msgid


@pytest.mark.parametrize("path", INTERFACE, ids=lambda p: p.stem)
def test_a_catalogue_keeps_every_placeholder_and_plural_form(path: Path) -> None:
    """Each translation has exactly the English text's {placeholders} ({count} may be
    left out of a plural form), a plural entry where the site counts, and as many plural
    forms as the language has."""
    catalogue = read_catalogue(path)
    assert [p.message for p in catalogue_problems(catalogue)] == []
    forms, _which = plural_rule(path.stem)
    for message in interface_messages(catalogue.catalog):
        msgid = _singular(message)
        plural = isinstance(message.id, tuple | list)
        assert plural == (msgid in used_plurals()), (path.name, msgid)
        if plural:
            assert isinstance(message.string, tuple | list)
            assert len(message.string) == forms, (path.name, msgid)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.stem)
def test_a_catalogue_compiles_without_warnings(path: Path) -> None:
    """Babel's checks find nothing, and the catalogue compiles to a .mo file silently."""
    catalog = _read(path)
    for message in catalog:
        if message.id:
            assert catalog.check() is not None
            assert message.check(catalog) == [], (path.name, message.id)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = io.BytesIO()
        write_mo(out, catalog)
    assert out.getvalue()


def test_english_holds_only_date_phrases() -> None:
    """en.po, when present, has no interface entry: English words are the message ids."""
    path = PACKAGE_LOCALES / "en.po"
    if not path.exists():
        pytest.skip("no en.po yet: English has no date phrases of its own")
    catalog = _read(path)
    assert [m.id for m in catalog if m.id and m.context != DATE_LINE] == []


def test_date_phrases_are_not_interface_words(tmp_path: Path) -> None:
    """A date-line entry with the same msgid as an interface word is never shown as it (in
    a language the package has no catalogue for, so that only the site's could give it)."""
    (tmp_path / "sw.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: sw\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgctxt "date-line"\nmsgid "Version"\nmsgstr "Version\\nFassung"\n',
        encoding="utf-8",
    )
    words = Messages("sw", site=tmp_path)
    assert words("Version") == "Version"
    assert "Version" in words.missing(frozenset({"Version"}))
    assert catalogue_problems(read_catalogue(tmp_path / "sw.po")) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("pt-BR", ("pt-BR", "pt")),
        ("es-419", ("es-419", "es")),
        ("fr-CA", ("fr-CA", "fr")),
        ("en-GB", ("en-GB", "en")),
        ("zh", ("zh", "zh-Hans")),
        ("zh-CN", ("zh-CN", "zh-Hans", "zh")),
        ("zh-SG", ("zh-SG", "zh-Hans", "zh")),
        ("zh-TW", ("zh-TW", "zh-Hant", "zh")),
        ("zh-HK", ("zh-HK", "zh-Hant", "zh")),
        ("zh-MO", ("zh-MO", "zh-Hant", "zh")),
        ("zh-Hant", ("zh-Hant", "zh")),
        ("de", ("de",)),
    ],
)
def test_a_language_falls_back_from_region_to_script_to_language(
    code: str, expected: tuple[str, ...]
) -> None:
    """The exact code first, then the script for Chinese, then the primary subtag."""
    assert fallbacks(code) == expected


def test_regional_codes_read_the_nearest_catalogue() -> None:
    """zh-CN and zh-SG read zh-Hans.po; es-419 and es-ES read es.po; a code is matched
    without regard to case."""
    names = [p.stem for p in CATALOGUES]
    assert nearest("zh-CN", names) == "zh-Hans"
    assert nearest("zh-sg", names) == "zh-Hans"
    assert nearest("es-419", names) == "es"
    assert Messages("zh-CN")("Version history") == Messages("zh-Hans")("Version history")
    assert Messages("es-419")("Version history") == "Historial de versiones"
    assert Messages("es-ES").catalogues[0].path.name == "es.po"
    assert Messages("zh_Hans_CN").catalogues[0].path.name == "zh-Hans.po"


def test_every_plural_form_follows_the_language_rule(tmp_path: Path) -> None:
    """Polish takes form 0 for 1, 1 for 2–4 and 22–24, 2 for 5–21 and 25; Arabic six
    forms; Chinese one; English counts as before."""
    header = 'msgid ""\nmsgstr ""\n"Language: {code}\\n"\n"Plural-Forms: {forms}\\n"\n\n'
    entry = 'msgid "{count} section added"\nmsgid_plural "{count} sections added"\n'
    forms = {
        "pl": ["{count} sekcja dodana", "{count} sekcje dodane", "{count} sekcji dodanych"],
        "ar": [f"ar{n} {{count}}" for n in range(6)],
    }
    for code, strings in forms.items():
        rule = get_plural(code)
        text = header.format(code=code, forms=rule.plural_forms.replace('"', "")) + entry
        text += "".join(f'msgstr[{n}] "{s}"\n' for n, s in enumerate(strings))
        (tmp_path / f"{code}.po").write_text(text, encoding="utf-8")
    plural = "{count} section added", "{count} sections added"
    polish = Messages("pl", site=tmp_path)
    said = {n: polish.plural(*plural, n) for n in (1, 2, 4, 5, 12, 21, 22, 25, 0)}
    assert said[1] == "1 sekcja dodana"
    assert said[2] == "2 sekcje dodane"
    assert said[4] == "4 sekcje dodane"
    assert said[22] == "22 sekcje dodane"
    assert said[5] == "5 sekcji dodanych"
    assert said[12] == "12 sekcji dodanych"
    assert said[21] == "21 sekcji dodanych"
    assert said[25] == "25 sekcji dodanych"
    assert said[0] == "0 sekcji dodanych"
    arabic = Messages("ar", site=tmp_path)
    assert [arabic.plural(*plural, n) for n in (0, 1, 2, 3, 11, 100)] == [
        "ar0 0",
        "ar1 1",
        "ar2 2",
        "ar3 3",
        "ar4 11",
        "ar5 100",
    ]
    chinese = Messages("zh")
    assert chinese.plural(*plural, 3) == chinese.plural(*plural, 1).replace("1", "3")
    assert chinese.plural(*plural, 3) != "3 sections added"
    english = Messages.english()
    assert english.plural(*plural, 1) == "1 section added"
    assert english.plural(*plural, 0) == "0 sections added"
