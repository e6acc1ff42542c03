"""``policy-site words LANG``: the site's own catalogue for a language, ready to translate.

Writes ``locales/<LANG>.po`` (the folder ``languages.catalogues`` names) with an entry for
every phrase the language lacks (the package has no translation, nor the site's catalogue
yet), its ``msgstr`` empty, plural entries with as many forms as the language has; with
``every``, every phrase, each holding the translation shown today, so that any word can be
changed. Entries the file already has are kept as they are. Nothing else is touched.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from generator.base.catalogues import plural_locale, plural_rule, read_catalogue
from generator.base.errors import UsageError
from generator.base.languages import language_code
from generator.config import SiteConfig
from generator.render.i18n import Messages, used_messages, used_plurals, words_for

#: The date written in a new catalogue's header: a fixed one, so the file says nothing of
#: when it was made (git knows).
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class WordsWritten:
    """What :func:`write_words` did."""

    path: Path
    """The catalogue written."""
    added: int
    """Entries added."""
    kept: int
    """Entries the file had already."""
    untranslated: int
    """Phrases still without a translation in the language (the ones to fill in)."""


def _catalog(path: Path, lang: str) -> Catalog:
    if path.exists():
        return read_catalogue(path).catalog
    return Catalog(
        locale=plural_locale(lang),
        project="policy-site",
        creation_date=_EPOCH,
        revision_date=_EPOCH,
        fuzzy=False,
        header_comment=f"# The site's own words in {lang}: each msgstr is shown instead of "
        "the English msgid\n# (or policy-site's translation). See README.md, 'Your own words'.",
    )


def write_words(config: SiteConfig, lang: str, *, every: bool = False) -> WordsWritten:
    """Add to the site's catalogue for ``lang`` every phrase it lacks (with ``every``, every
    phrase, with today's translation); a :class:`UsageError` when ``lang`` is no code."""
    if language_code(lang) is None:
        raise UsageError(
            f"'{lang}' is not a language code.", hint="Use a code such as fr, pt-BR or zh-Hant."
        )
    path = config.catalogue_folder / f"{lang}.po"
    catalog = _catalog(path, lang)
    kept = sum(1 for message in catalog if message.id)
    words = words_for(config, lang)
    plurals = used_plurals()
    lacking = set(words.missing(used_messages()))
    added = 0
    for msgid in sorted(used_messages()):
        if catalog.get(msgid) is not None or not (every or msgid in lacking):
            continue
        key, string = _entry(msgid, plurals.get(msgid), words, lang, msgid in lacking)
        catalog.add(key, string)
        added += 1
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=True, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_clean_header(out.getvalue()))
    untranslated = len(Messages(lang, config.locale(lang), path.parent).missing(used_messages()))
    return WordsWritten(path, added, kept, untranslated)


def _entry(
    msgid: str, plural: str | None, words: Messages, lang: str, lacking: bool
) -> tuple[str | tuple[str, str], str | tuple[str, ...]]:
    forms, _ = plural_rule(lang)
    if plural is None:
        return msgid, "" if lacking else words.translate(msgid)
    found = (
        None
        if lacking
        else next((m for c in words.catalogues if (m := c.get(msgid)) is not None), None)
    )
    strings = (
        tuple(str(s) for s in found.string)
        if found is not None and isinstance(found.string, tuple | list)
        else ("",) * forms
    )
    return (msgid, plural), strings


def _clean_header(data: bytes) -> bytes:
    """Babel's header without the lines that would only ever hold placeholders."""
    dropped = (b'"Report-Msgid-Bugs-To:', b'"Last-Translator:', b'"Language-Team:')
    return b"\n".join(line for line in data.split(b"\n") if not line.startswith(dropped))
