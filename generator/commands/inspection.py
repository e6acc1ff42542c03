"""What ``policy-site init`` found in a repository: the documents, layouts, languages and
dates (:func:`generator.commands.init.inspect_repository` fills it in,
:mod:`generator.commands.init_text` writes it as a commented ``site_config.yml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.config import EffectiveDateSection


@dataclass(frozen=True, slots=True)
class FoundPolicy:
    """A document the inspection found."""

    id: str
    """Its policy id (its address)."""
    paths: tuple[str, ...]
    """Its files as they are now, relative to the policies folder (each language)."""
    titles: dict[str, str]
    """Its title per language, from the text as it is now."""
    revisions: int
    """How many commits changed it (every language)."""


@dataclass(frozen=True, slots=True)
class Inspection:
    """What :func:`inspect_repository` found."""

    title: str
    """The site's name, guessed from the folder's."""
    folder: str
    """``source.path``: the folder holding every policy file."""
    layouts: tuple[str, ...]
    """``source.layout``: the patterns, in the order they are tried."""
    exclude: tuple[str, ...]
    """``source.exclude``: Markdown files that are not policies."""
    languages: tuple[str, ...]
    """Language codes, the default (most files) first."""
    files_per_language: dict[str, int]
    """How many files each language has."""
    language_guessed: bool
    """No file name gives a language: the one language was guessed from the text."""
    chain: tuple[EffectiveDateSection, ...]
    """``source.effective_date``."""
    dated: dict[str, int]
    """How many files, as they are now, each source of the chain dates (by source kind)."""
    dated_revisions: dict[str, int]
    """The same for every revision in the history."""
    unreadable_dates: tuple[str, ...]
    """Files, as they are now, whose date cannot be read (the build stops at them)."""
    tagged: tuple[str, ...]
    """Files whose text holds template tags."""
    policies: tuple[FoundPolicy, ...]
    """Every document, by id."""
    layout_files: dict[str, int] = field(default_factory=dict)
    """How many files each layout matches."""
    numeric_dates: str = ""
    """``source.numeric_dates``: the order in which dates written as numbers read."""
    marked: int = 0
    """Files, as they are now, whose date a date marker gives (``{: datetime="…" }``)."""
    marked_revisions: int = 0
    """The same for every revision in the history."""
    numeric_guessed: bool = False
    """Every such date reads both ways: the order is the language's usual one."""
    archive: tuple[str, ...] = ()
    """``source.archive``: folders of earlier texts of live policies."""
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each document with the ids of the files joined to it: translations whose names are
    translated, archived texts under another name."""
