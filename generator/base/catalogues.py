"""The catalogues of the site's words: gettext ``.po`` files read with Babel.

One catalogue per language, named by its code (``de.po``, ``pt-BR.po``, ``zh-Hans.po``),
in the package's ``generator/locales/`` and, for a site's own words, in the site's
``locales/`` folder. :func:`chain` lists the catalogues a language reads, the site's
first, each folder by :func:`generator.base.languages.fallbacks` (``pt-BR.po``, then
``pt.po``). Entries with a context (``msgctxt "date-line"``: the phrases written next to
an effective date) are not interface words, and the interface never reads them.

:func:`catalogue_problems` says what is wrong with a catalogue in words for the people
who write one: a placeholder lost or added, the wrong number of plural forms.
"""

from __future__ import annotations

import gettext
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po

from generator.base.errors import ConfigError
from generator.base.languages import babel_locale, fallbacks, language_code

PACKAGE_LOCALES = Path(__file__).resolve().parent.parent / "locales"
"""The package's catalogues."""
DATE_LINE = "date-line"
"""The context of the entries that hold date phrases, not interface words."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Catalogue:
    """One ``.po`` file, read."""

    code: str
    """The language it is for: its file name without ``.po``."""
    path: Path
    """The file."""
    digest: str
    """SHA-256 of its bytes (a part of cache keys)."""
    catalog: Catalog
    """Its entries, as Babel reads them."""

    def get(self, msgid: str) -> Message | None:
        """The interface entry for ``msgid`` when it is translated (not fuzzy, not empty)."""
        message = self.catalog.get(msgid)
        if message is None or message.fuzzy or message.context:
            return None
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        return message if all(strings) else None


def folder_catalogues(folder: Path) -> dict[str, Path]:
    """The ``.po`` files of ``folder`` by their code in lower case (none when it is absent)."""
    if not folder.is_dir():
        return {}
    return {path.stem.lower(): path for path in sorted(folder.glob("*.po")) if path.is_file()}


@cache
def _read(path: Path, digest: str) -> Catalog:
    """``path`` read once per content (``digest``)."""
    with path.open("rb") as handle:
        return read_po(handle, abort_invalid=True)


def read_catalogue(path: Path, shown: str = "") -> Catalogue:
    """The catalogue at ``path``; a :class:`ConfigError` naming ``shown`` (or the path) and
    the line when it is not a ``.po`` file Babel can read."""
    where = shown or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"the catalogue cannot be read ({exc.strerror or exc}).", file=where
        ) from None
    digest = hashlib.sha256(data).hexdigest()
    try:
        catalog = _read(path, digest)
    except PoFileError as exc:
        line = getattr(exc, "lineno", None)  # Babel counts lines from 0
        what = str(exc).split(" on ")[0]
        raise ConfigError(
            f"the catalogue cannot be read: {what[:1].lower() + what[1:]}.",
            file=where,
            line=line + 1 if isinstance(line, int) else None,
            hint="Each entry is a msgid line and a msgstr line in double quotes; see the "
            "README, 'Your own words'.",
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(
            f"the catalogue cannot be read ({exc}).",
            file=where,
            hint="Save it as UTF-8 text.",
        ) from None
    return Catalogue(path.stem, path, digest, catalog)


def _stamp(path: Path) -> tuple[int, int] | None:
    """When ``path`` last changed, and its size (None when it is not there)."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


@cache
def _listing(folder: Path, stamp: tuple[int, int] | None) -> dict[str, Path]:
    return folder_catalogues(folder)


@cache
def _loaded(path: Path, stamp: tuple[int, int] | None) -> Catalogue:
    return read_catalogue(path)


def _folder_chain(folder: Path, lang: str) -> list[Catalogue]:
    """The catalogues of ``folder`` that ``lang`` reads, each read again only when its file
    changed (``serve`` rebuilds as a site's words are edited)."""
    files = _listing(folder, _stamp(folder))
    paths = [files[code.lower()] for code in fallbacks(lang) if code.lower() in files]
    return [_loaded(path, _stamp(path)) for path in paths if _stamp(path) is not None]


@cache
def _package_chain(lang: str) -> tuple[Catalogue, ...]:
    return tuple(_folder_chain(PACKAGE_LOCALES, lang))


def chain(lang: str, site_folder: Path | None = None) -> tuple[Catalogue, ...]:
    """Every catalogue ``lang`` reads, the first that has a word wins: the site's own
    (``site_folder``) for each fallback code, then the package's for each."""
    site = _folder_chain(site_folder, lang) if site_folder is not None else []
    return (*site, *_package_chain(lang))


#: Catalogues whose language CLDR files under another locale: ``pt.po`` is European
#: Portuguese, and CLDR's ``pt`` is Brazilian (0 and 1 are singular there, 1 only in pt_PT).
_PLURAL_LOCALES = {"pt": "pt_PT"}


def plural_locale(code: str) -> str:
    """The Babel locale whose plural rule the catalogue ``code`` follows."""
    return _PLURAL_LOCALES.get(code.lower(), babel_locale(code))


@cache
def plural_rule(code: str) -> tuple[int, Callable[[int], int]]:
    """How many plural forms the language ``code`` has, and which one a count takes
    (CLDR's rules through Babel: Polish 1, 2–4, 5+; Arabic six; Chinese one)."""
    try:
        rule = get_plural(plural_locale(code))
    except (ValueError, LookupError):
        rule = get_plural("en")
    return rule.num_plurals, gettext.c2py(rule.plural_expr)


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of ``text``."""
    return set(_PLACEHOLDER.findall(text))


@dataclass(frozen=True, slots=True)
class CatalogueProblem:
    """Something wrong with one entry of a catalogue."""

    line: int | None
    """The entry's line in the file."""
    msgid: str
    """The English text of the entry."""
    message: str
    """What is wrong, in plain words."""


def interface_messages(catalog: Catalog) -> Iterator[Message]:
    """The entries of ``catalog`` that are interface words (not the header, not date
    phrases)."""
    for message in catalog:
        if message.id and not message.context:
            yield message


def catalogue_problems(catalogue: Catalogue) -> list[CatalogueProblem]:
    """Placeholders lost or added, plural forms missing or extra, an unknown language:
    what would show a reader a wrong or broken text."""
    problems: list[CatalogueProblem] = []
    if language_code(catalogue.code) is None:
        problems.append(
            CatalogueProblem(
                None,
                "",
                f"'{catalogue.path.name}' is not named after a language code (such as "
                "fr.po, pt-BR.po or zh-Hant.po).",
            )
        )
        return problems
    forms, _which = plural_rule(catalogue.code)
    for message in interface_messages(catalogue.catalog):
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        english = set().union(*(placeholders(str(i)) for i in ids))
        shown = str(ids[0])
        filled = [s for s in strings if s]
        # Babel pads missing forms with "": count those written.
        if len(ids) > 1 and filled and (len(filled) != forms or len(strings) != forms):
            problems.append(
                CatalogueProblem(
                    message.lineno,
                    shown,
                    f"'{shown}' has {len(filled)} plural forms; this language has {forms}.",
                )
            )
        for string in (str(s) for s in strings if s):
            extra = placeholders(string) - english
            lost = english - placeholders(string) - ({"count"} if len(ids) > 1 else set())
            if extra or lost:
                which = ", ".join(f"{{{p}}}" for p in sorted(extra or lost))
                how = "has" if extra else "lacks"
                problems.append(
                    CatalogueProblem(
                        message.lineno,
                        shown,
                        f"the translation of '{shown}' {how} {which}, unlike the English.",
                    )
                )
    return problems
