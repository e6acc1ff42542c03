"""Fonts for every script a site's PDFs are written in, or a message naming what to install.

A PDF whose language no installed font covers would print empty boxes where the text should
be. Before any PDF is laid out, each language of the site whose script needs fonts of its
own (Arabic, Hebrew, Devanagari, Thai, Chinese, Japanese, Korean…) is looked up in
fontconfig, the library WeasyPrint finds fonts with, by the language's orthography
(``:lang=ar``); a language none covers is a :class:`ConfigError` naming the font and the
package that brings it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass
from functools import cache

from generator.base.errors import ConfigError
from generator.base.languages import primary_subtag, script
from generator.config import SiteConfig

NOTO_CORE = "fonts-noto-core"
NOTO_CJK = "fonts-noto-cjk"


@dataclass(frozen=True, slots=True)
class ScriptFonts:
    """What a script needs: its name, a font family that covers it, the Debian package."""

    script: str
    """The script's name in messages ("Arabic")."""
    family: str
    """A font family that covers it, for systems without Debian's packages."""
    package: str
    """The Debian and Ubuntu package that installs such fonts."""


_ARABIC = ScriptFonts("Arabic", "Noto Naskh Arabic", NOTO_CORE)
_DEVANAGARI = ScriptFonts("Devanagari", "Noto Sans Devanagari", NOTO_CORE)
#: Languages whose script the usual Latin, Greek and Cyrillic fonts do not cover.
SCRIPTS: dict[str, ScriptFonts] = {
    "ar": _ARABIC,
    "fa": _ARABIC,
    "ur": _ARABIC,
    "ps": _ARABIC,
    "he": ScriptFonts("Hebrew", "Noto Sans Hebrew", NOTO_CORE),
    "yi": ScriptFonts("Hebrew", "Noto Sans Hebrew", NOTO_CORE),
    "hi": _DEVANAGARI,
    "mr": _DEVANAGARI,
    "ne": _DEVANAGARI,
    "bn": ScriptFonts("Bengali", "Noto Sans Bengali", NOTO_CORE),
    "ta": ScriptFonts("Tamil", "Noto Sans Tamil", NOTO_CORE),
    "th": ScriptFonts("Thai", "Noto Sans Thai", NOTO_CORE),
    "ka": ScriptFonts("Georgian", "Noto Sans Georgian", NOTO_CORE),
    "hy": ScriptFonts("Armenian", "Noto Sans Armenian", NOTO_CORE),
    "am": ScriptFonts("Ethiopic", "Noto Sans Ethiopic", NOTO_CORE),
    "zh": ScriptFonts("Chinese", "Noto Sans CJK", NOTO_CJK),
    "ja": ScriptFonts("Japanese", "Noto Sans CJK JP", NOTO_CJK),
    "ko": ScriptFonts("Korean", "Noto Sans CJK KR", NOTO_CJK),
}


def fontconfig_language(lang: str) -> str:
    """``lang`` as fontconfig names its orthographies: ``zh-tw`` for Traditional Chinese,
    ``zh-cn`` for Simplified, else the language alone."""
    language = primary_subtag(lang)
    if language == "zh":
        return "zh-tw" if script(lang) == "Hant" else "zh-cn"
    return language


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.c_void_p)]


@cache
def _fontconfig() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("fontconfig") or "libfontconfig.so.1"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.FcInitLoadConfigAndFonts.restype = ctypes.c_void_p
    lib.FcNameParse.restype = ctypes.c_void_p
    lib.FcNameParse.argtypes = [ctypes.c_char_p]
    lib.FcObjectSetCreate.restype = ctypes.c_void_p
    lib.FcObjectSetAdd.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.FcFontList.restype = ctypes.POINTER(_FontSet)
    lib.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    for destroy in ("FcFontSetDestroy", "FcPatternDestroy", "FcObjectSetDestroy"):
        getattr(lib, destroy).argtypes = [ctypes.c_void_p]
    return lib


@cache
def covered(fc_lang: str) -> bool | None:
    """Whether an installed font covers the orthography ``fc_lang``; None when fontconfig
    cannot be asked (then WeasyPrint could not run either)."""
    lib = _fontconfig()
    if lib is None:
        return None
    config = lib.FcInitLoadConfigAndFonts()
    pattern = lib.FcNameParse(f":lang={fc_lang}".encode("ascii"))
    objects = lib.FcObjectSetCreate()
    lib.FcObjectSetAdd(objects, b"family")
    found = lib.FcFontList(config, pattern, objects)
    count = found.contents.nfont if found else 0
    if found:
        lib.FcFontSetDestroy(found)
    lib.FcObjectSetDestroy(objects)
    lib.FcPatternDestroy(pattern)
    return count > 0


def require_fonts(config: SiteConfig) -> None:
    """A :class:`ConfigError` at ``pdf:`` for the first language of the site whose script
    no installed font covers, naming the font and the package to install."""
    for lang in config.language_codes:
        needs = SCRIPTS.get(primary_subtag(lang))
        if needs is None or covered(fontconfig_language(lang)) is not False:
            continue
        name = config.language(lang).name or lang
        raise ConfigError(
            f"'pdf: true': the PDFs in {name} ({lang}) need a font for the {needs.script} "
            "script, and none is installed; they would print empty boxes.",
            file=config.file,
            line=config.lines.get("pdf"),
            hint=f"On Debian or Ubuntu: apt-get install {needs.package}; elsewhere install "
            f"{needs.family}. Or set 'pdf: false'.",
        )
