"""``policy-site init [PATH]``: a configuration for a repository that already keeps its
policies in git, as they are: no history rewrite, no rules written by hand.

Gather, then write: :func:`inspect_repository` reads the committed files and their history
(through :mod:`generator.history.repository`, read-only) and says what it found: the folder, the
layout and languages of the file names, which source dates each file, every document and
its title. :func:`config_text` (in :mod:`generator.commands.init_text`) writes that as a
commented ``site_config.yml``; :func:`init_site` checks it loads, then writes it. Nothing
here prints or reads the clock.
"""

from __future__ import annotations

import posixpath
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.base.errors import PolicySiteError, UsageError
from generator.commands.init_dates import Dating
from generator.commands.init_layouts import (
    INDEX_LAYOUT,
    archive_aliases,
    archive_folders,
    index_files,
    language_layout,
    split,
    translation_aliases,
)
from generator.commands.init_text import config_text
from generator.commands.inspection import FoundPolicy, Inspection
from generator.config import (
    DEFAULT_CONFIG_FILE,
    DateSource,
    DateSourceKind,
    EffectiveDateRule,
    EffectiveDateSection,
    Language,
    LanguagesSection,
    PathMatcher,
    SiteConfig,
    SiteSection,
    SourceSection,
    glob_regex,
    load_config,
)
from generator.config.settings import PolicySection
from generator.config.texts import Texts
from generator.document import parse_document, template_tags
from generator.history import History, Revision, read_history, tracked_files

#: File names (without extension, any case) that are about the repository, not policies.
NOT_POLICIES = frozenset(
    {"readme", "changelog", "contributing", "license", "licence", "code_of_conduct", "index"}
)
#: A few frequent words per language, to guess the language of a site with one.
_COMMON_WORDS = {
    "en": {"the", "and", "of", "to", "you", "we", "your"},
    "es": {"el", "la", "los", "de", "que", "y", "usted"},
    "fr": {"le", "la", "les", "et", "des", "vous", "nous"},
    "de": {"der", "die", "das", "und", "sie", "wir", "ihre"},
}
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Initialised:
    """What :func:`init_site` did."""

    path: Path
    """The configuration file written."""
    inspection: Inspection
    """What it describes."""


def init_site(folder: Path, *, force: bool = False) -> Initialised:
    """Inspect the repository at ``folder`` and write its ``site_config.yml`` there.

    Raises :class:`UsageError` when a configuration exists (unless ``force``) or when no
    Markdown file is committed; nothing is written then.
    """
    target = folder / DEFAULT_CONFIG_FILE
    if target.exists() and not force:
        raise UsageError(
            f"'{target}' already exists; nothing was written.",
            hint="Edit it, or run 'policy-site init --force' to replace it with a new one.",
        )
    found = inspect_repository(folder)
    text = config_text(found)
    with tempfile.TemporaryDirectory() as scratch:  # what is written must load as it is
        trial = Path(scratch) / DEFAULT_CONFIG_FILE
        trial.write_text(text, encoding="utf-8")
        load_config(trial)
    try:
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise UsageError(f"cannot write '{target}' ({exc.strerror or exc}).") from None
    return Initialised(target, found)


@dataclass
class _Names:
    """What the file names say: the folder, layouts, languages and files left out."""

    base: str
    relative: list[str]
    layouts: tuple[str, ...]
    exclude: list[str]
    archive: tuple[str, ...]
    langs: list[str]
    counts: Counter[str]


def _names(folder: Path) -> _Names:
    """Read the committed Markdown files' names (see :mod:`.init_layouts`)."""
    markdown = [p for p in tracked_files(folder) if p.endswith(".md") and not _hidden(p)]
    excluded = _excluded(markdown)
    candidates = [p for p in markdown if not _is_excluded(p, excluded)]
    # A folder's index.md is that folder's policy: the policies are in the folder above.
    base = _common_folder([p.removesuffix("/index.md") for p in candidates])
    relative = [p[len(base) + 1 :] if base else p for p in candidates]
    exclude = list(_relative_globs(excluded, base, markdown))
    if "index.md" in relative and len(relative) > 1:  # the table of contents at the top
        relative.remove("index.md")
        exclude.append("/index.md")
    if not relative:
        raise UsageError(
            f"no Markdown (.md) file is committed under '{folder}'.",
            hint="Run 'policy-site init' in the repository that holds the policies.",
        )
    archive = archive_folders(relative)
    named = ["/".join(x for x in p.split("/") if x not in archive) for p in relative]
    plain = [p for p in named if not p.endswith("/index.md")]
    layout, langs = language_layout(plain)
    layouts: tuple[str, ...] = (INDEX_LAYOUT,) if index_files(named) else ()
    if layout != "{policy}.md":
        layouts += (layout,)
    if plain and (layout == "{policy}.md" or not all(split(layout, p) for p in plain)):
        layouts += ("{policy}.md",)
    counts = Counter(langs)
    unnamed = sum(1 for p in named if not (langs and split(layout, p)))
    # Files without a code beside files with one (terms.md, terms_de.md) are in another
    # language: English, unless the codes name it (inspect_repository reads the text).
    default = max(sorted(counts), key=lambda c: (counts[c], c == "en")) if counts else "en"
    default = "en" if unnamed and langs and "en" not in counts else default
    counts[default] += unnamed
    return _Names(base, named, layouts or ("{policy}.md",), exclude, archive, langs, counts)


def inspect_repository(folder: Path) -> Inspection:
    """What the repository at ``folder`` holds, and the configuration that publishes it."""
    names = _names(folder)
    config = _config(folder, names, _ordered(names.counts))
    history = read_history(config)
    newest = _current(history)
    if not names.langs:  # no language in the file names: the site's one language, from the text
        counts = Counter({_guess_language([r.text for r in newest]): len(newest)})
        if _ordered(counts) != config.language_codes:
            names.counts = counts
            config = _config(folder, names, _ordered(counts))
            history = read_history(config)
    aliases = _joined_names(history, config, names)
    if aliases or len(names.exclude) > len(config.source.exclude):
        config = _config(folder, names, config.language_codes, aliases)
        history = read_history(config)
    newest = _current(history)
    dating = Dating(history, newest)
    return Inspection(
        title=_site_title(folder),
        folder=names.base or ".",
        layouts=names.layouts,
        exclude=tuple(names.exclude),
        languages=config.language_codes,
        files_per_language=dict(names.counts),
        language_guessed=not names.langs,
        chain=dating.chain,
        dated=dating.dated,
        dated_revisions=dating.dated_revisions,
        unreadable_dates=dating.unreadable,
        numeric_dates=dating.numeric,
        marked=dating.marked,
        marked_revisions=dating.marked_revisions,
        numeric_guessed=dating.numeric_guessed,
        tagged=tuple(sorted(r.path for r in newest if template_tags(r.text))),
        policies=_policies(history, names.base),
        layout_files={
            x: sum(1 for p in names.relative if _first(names.layouts, p) == x)
            for x in names.layouts
        },
        archive=names.archive,
        aliases={policy: tuple(found) for policy, found in aliases.items()},
    )


def _joined_names(history: History, config: SiteConfig, names: _Names) -> dict[str, list[str]]:
    """Aliases that join translations with translated names, and archived texts with
    other names, to their documents; archived texts that match none are left out (added
    to ``names.exclude``)."""
    aliases: dict[str, list[str]] = {}
    if len(config.language_codes) > 1:
        aliases = translation_aliases(history, config.languages.default)
    matcher = PathMatcher(config)
    prefix = names.base + "/" if names.base else ""
    live = {r.policy for r in history.revisions if not matcher.archived(r.path[len(prefix) :])}
    archived = {r.policy for r in history.revisions} - live
    found, unmatched = archive_aliases(history, archived)
    for policy, more in found.items():
        aliases.setdefault(policy, []).extend(more)
    for revision in history.revisions:
        glob = revision.path[len(prefix) :]
        if revision.policy in unmatched and glob not in names.exclude:
            names.exclude.append(glob)
    return {policy: sorted(set(more)) for policy, more in sorted(aliases.items())}


def _current(history: History) -> list[Revision]:
    """The newest revision of each file that is still there (not deleted since)."""
    newest = {(r.policy, r.lang): r for r in history.revisions}
    for removal in history.removals:
        found = newest.get((removal.policy, removal.lang))
        if found is not None and removal.sequence > found.sequence:
            del newest[(removal.policy, removal.lang)]
    return list(newest.values())


def _ordered(counts: Counter[str]) -> tuple[str, ...]:
    """Language codes, most files first (English first among equals)."""
    return tuple(sorted(counts, key=lambda c: (-counts[c], c != "en", c)))


# --- the files ---------------------------------------------------------------------------


def _hidden(path: str) -> bool:
    return any(part.startswith(".") for part in path.split("/"))


def _excluded(markdown: list[str]) -> list[str]:
    """Globs (from the repository folder) for Markdown files that are not policies: files
    about the repository, and Jekyll's folders (``_drafts``, ``_includes``…)."""
    globs: set[str] = set()
    for path in markdown:
        parts = path.split("/")
        underscore = next((i for i, part in enumerate(parts[:-1]) if part.startswith("_")), None)
        if underscore is not None:
            globs.add("/".join(parts[: underscore + 1]) + "/**")
        elif parts[-1][:-3].lower() in NOT_POLICIES - {"index"}:
            globs.add(parts[-1])
    return sorted(globs)


def _is_excluded(path: str, globs: list[str]) -> bool:
    name = path.rsplit("/", 1)[-1]
    return any(name == g or (g.endswith("/**") and path.startswith(g[:-2])) for g in globs)


def _relative_globs(globs: list[str], base: str, paths: list[str]) -> tuple[str, ...]:
    """The globs as ``source.exclude`` writes them: relative to the policies folder, and
    only those that match a file there."""
    prefix = base + "/" if base else ""
    inside = [p[len(prefix) :] for p in paths if p.startswith(prefix)]
    relative = (
        g if "/" not in g else g[len(prefix) :]
        for g in globs
        if g.startswith(prefix) or "/" not in g
    )
    return tuple(g for g in relative if any(glob_regex(g).match(p) for p in inside))


def _common_folder(paths: list[str]) -> str:
    folders = [posixpath.dirname(p) for p in paths]
    return posixpath.commonpath(folders) if all(folders) else ""


def _first(layouts: tuple[str, ...], path: str) -> str:
    """The layout that gives ``path`` its policy (the last one, ``{policy}.md``, takes all)."""
    for layout in layouts[:-1]:
        if layout == INDEX_LAYOUT and path.endswith("/index.md"):
            return layout
        if layout != INDEX_LAYOUT and split(layout, path):
            return layout
    return layouts[-1]


def _config(
    folder: Path,
    names: _Names,
    languages: tuple[str, ...],
    aliases: dict[str, list[str]] | None = None,
) -> SiteConfig:
    """A configuration to read the history with."""
    source = SourceSection(
        path=names.base or ".",
        layout=names.layouts,
        exclude=tuple(names.exclude),
        effective_date=EffectiveDateSection(commit_date=True),
        archive=names.archive,
    )
    available = tuple(Language(code, code) for code in languages)
    return SiteConfig(
        site=SiteSection(Texts(everywhere="inspection")),
        languages=LanguagesSection(languages[0], available),
        source=source,
        policies={p: PolicySection(aliases=tuple(a)) for p, a in (aliases or {}).items()},
        root=folder.resolve(),
    )


def _guess_language(texts: list[str]) -> str:
    """The language whose frequent words the texts use most (English when unsure)."""
    scores: Counter[str] = Counter()
    for text in texts:
        words = re.findall(r"[^\W\d_]+", text.lower())
        for lang, common in _COMMON_WORDS.items():
            scores[lang] += sum(1 for word in words if word in common)
        scores["zh"] += 2 * len(_CJK.findall(text))
    best = max(sorted(scores), key=lambda lang: (scores[lang], lang == "en"), default="en")
    return best if scores[best] else "en"


def _site_title(folder: Path) -> str:
    words = re.split(r"[-_\s]+", folder.resolve().name)
    title = " ".join(w[:1].upper() + w[1:] for w in words if w) or "Our"
    return title if "polic" in title.lower() else f"{title} Policies"


# --- titles ------------------------------------------------------------------------------


def _policies(history: History, base: str) -> tuple[FoundPolicy, ...]:
    """Every document, with its title in each language from its text as it is now."""
    rule = EffectiveDateRule((DateSource(DateSourceKind.COMMIT_DATE),))
    revisions = Counter(r.policy for r in history.revisions)
    titles: dict[str, dict[str, str]] = {}
    paths: dict[str, list[str]] = {}
    for (policy, lang), revision in sorted(
        {(r.policy, r.lang): r for r in history.revisions}.items()
    ):
        try:
            title = parse_document(revision.text, path=revision.path, lang=lang, rule=rule).title
        except PolicySiteError:
            title = ""
        titles.setdefault(policy, {}).update({lang: title} if title else {})
        paths.setdefault(policy, []).append(
            revision.path[len(base) + 1 :] if base else revision.path
        )
    return tuple(
        FoundPolicy(policy, tuple(paths[policy]), titles[policy], revisions[policy])
        for policy in sorted(paths)
    )
