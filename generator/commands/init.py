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
from dataclasses import dataclass, replace
from pathlib import Path

from babel import Locale, UnknownLocaleError

from generator.base.errors import ConfigError, PolicySiteError, UsageError
from generator.base.visible import visible
from generator.commands.init_dates import Dating
from generator.commands.init_files import (
    LINK,
    LeftOut,
    not_text,
    refuse_unwritable_names,
    relative_to,
)
from generator.commands.init_text import config_text
from generator.commands.inspection import FoundPolicy, Inspection
from generator.config import (
    DEFAULT_CONFIG_FILE,
    LANGUAGE_CODE,
    DateSource,
    DateSourceKind,
    EffectiveDateRule,
    EffectiveDateSection,
    Language,
    LanguagesSection,
    SiteConfig,
    SiteSection,
    SourceSection,
    glob_regex,
    load_config,
)
from generator.document import parse_document, template_tags
from generator.history import History, Revision, committed_links, read_history, tracked_files

#: File names (without extension, any case) that are about the repository, not policies.
NOT_POLICIES = frozenset(
    {"readme", "changelog", "contributing", "license", "licence", "code_of_conduct", "index"}
)
#: The layouts that place a language in a file name, tried in this order.
LANGUAGE_LAYOUTS = ("{policy}/{lang}.md", "{lang}/{policy}.md", "{policy}.{lang}.md")
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
        try:
            load_config(trial)
        except ConfigError as exc:  # named as the file it would have been; none is written
            exc.file = str(target)
            exc.hint = f"{exc.hint or ''} Nothing was written.".strip()
            raise
    try:
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise UsageError(f"cannot write '{target}' ({exc.strerror or exc}).") from None
    return Initialised(target, found)


def inspect_repository(folder: Path) -> Inspection:
    """What the repository at ``folder`` holds, and the configuration that publishes it."""
    markdown = [p for p in tracked_files(folder) if p.endswith(".md") and not _hidden(p)]
    refuse_unwritable_names(markdown)
    excluded = _excluded(markdown)
    candidates = [p for p in markdown if not _is_excluded(p, excluded)]
    if not candidates:
        raise UsageError(
            f"no Markdown (.md) file is committed under '{folder}'.",
            hint="Run 'policy-site init' in the repository that holds the policies.",
        )
    base = _common_folder(candidates)
    relative = [p[len(base) + 1 :] if base else p for p in candidates]
    layout, langs = _language_layout(relative)
    fallback = layout != "{policy}.md" and not all(_split(layout, p) for p in relative)
    layouts = (layout, "{policy}.md") if fallback else (layout,)
    links = [LeftOut(p, LINK) for p in committed_links(folder) if p.endswith(".md")]
    refuse_unwritable_names(link.path for link in links)
    exclude = (*_relative_globs(excluded, base, markdown), *relative_to(base, links))
    counts = Counter(langs)
    default = max(sorted(counts), key=lambda c: (counts[c], c == "en")) if counts else "en"
    counts[default] += sum(1 for p in relative if not _split(layout, p))
    config, history, newest, exclude, left_out = _read_text_files(
        _config(folder, base, layouts, exclude, _ordered(counts)), base, exclude, links
    )
    if not langs:  # no language in the file names: the site's one language, from the text
        counts = Counter({_guess_language([r.text for r in newest]): len(newest)})
        if _ordered(counts) != config.language_codes:
            config = _config(folder, base, layouts, exclude, _ordered(counts))
            history = read_history(config)
            newest = _current(history)
    dating = Dating(history, newest)
    return Inspection(
        title=_site_title(folder),
        folder=base or ".",
        layouts=layouts,
        exclude=exclude,
        languages=_ordered(counts),
        files_per_language=dict(counts),
        language_guessed=not langs,
        chain=dating.chain,
        dated=dating.dated,
        dated_revisions=dating.dated_revisions,
        unreadable_dates=dating.unreadable,
        numeric_dates=dating.numeric,
        marked=dating.marked,
        marked_revisions=dating.marked_revisions,
        numeric_guessed=dating.numeric_guessed,
        tagged=tuple(sorted(r.path for r in newest if template_tags(r.text))),
        policies=_policies(history, base),
        layout_files={x: sum(1 for p in relative if _first(layouts, p) == x) for x in layouts},
        left_out=tuple((item.path, item.reason) for item in left_out),
    )


def _read_text_files(
    config: SiteConfig, base: str, exclude: tuple[str, ...], links: list[LeftOut]
) -> tuple[SiteConfig, History, list[Revision], tuple[str, ...], list[LeftOut]]:
    """The history read with ``config``, again without the files that are not text when
    there are some: the configuration, history, files as they are now, the exclude globs
    and what was left out (``links`` first). Raises :class:`UsageError` when nothing is
    left."""
    history = read_history(config)
    newest = _current(history)
    left_out = [*links, *not_text(history, newest, base)]
    if len(left_out) > len(links):
        exclude = (*exclude, *relative_to(base, left_out[len(links) :]))
        config = replace(config, source=replace(config.source, exclude=exclude))
        history = read_history(config)
        newest = _current(history)
    if not newest:
        raise _nothing_found(config.root, left_out)
    return config, history, newest, exclude, left_out


def _nothing_found(folder: Path, left_out: list[LeftOut]) -> UsageError:
    """The error when every Markdown file committed is a link or not text."""
    by_reason: dict[str, list[str]] = {}
    for item in left_out:
        by_reason.setdefault(item.reason, []).append(visible(item.path))
    named = "; ".join(
        f"{' and '.join(paths)} {'are' if len(paths) > 1 else 'is'} {reason}"
        for reason, paths in by_reason.items()
    )
    return UsageError(
        f"no policy was found in '{folder.resolve()}': {named}, and those are all the "
        "Markdown files committed there; nothing was written.",
        hint="Commit each policy as a Markdown text file (saved as UTF-8), then run "
        "'policy-site init' again.",
    )


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
        elif parts[-1][:-3].lower() in NOT_POLICIES:
            globs.add(parts[-1])
    return sorted(globs)


def _is_excluded(path: str, globs: list[str]) -> bool:
    name = path.rsplit("/", 1)[-1]
    return any(name == g or path.startswith(g[:-2]) for g in globs)


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


def _is_language(code: str) -> bool:
    """A code that names a language: two lower-case letters, then optional subtags
    (``en``, ``pt-BR``, ``zh-Hans``), known to Babel."""
    if not LANGUAGE_CODE.fullmatch(code) or not re.fullmatch(r"[a-z]{2}(?:[-_].+)?", code):
        return False
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _split(layout: str, path: str) -> tuple[str, str] | None:
    """(policy, lang) by one of :data:`LANGUAGE_LAYOUTS`, or None."""
    stem, ext = path[:-3], path[-3:]
    if ext != ".md":
        return None
    if layout == "{policy}/{lang}.md" and "/" in stem:
        policy, _slash, lang = stem.rpartition("/")
    elif layout == "{lang}/{policy}.md" and "/" in stem:
        lang, _slash, policy = stem.partition("/")
    elif layout == "{policy}.{lang}.md" and "." in stem:
        policy, _dot, lang = stem.rpartition(".")
    else:
        return None
    return (policy, lang) if policy and _is_language(lang) else None


def _language_layout(paths: list[str]) -> tuple[str, list[str]]:
    """The layout that places languages in these file names, and the languages; when none
    fits, ``{policy}.md`` and no language. A layout fits when some document is in two
    languages, or every file follows it in the same one."""
    best: tuple[int, str, list[str]] = (0, "{policy}.md", [])
    for layout in LANGUAGE_LAYOUTS:
        split = [found for p in paths if (found := _split(layout, p)) is not None]
        by_policy: dict[str, set[str]] = {}
        for policy, lang in split:
            by_policy.setdefault(policy, set()).add(lang)
        langs = [lang for _policy, lang in split]
        several = any(len(found) > 1 for found in by_policy.values())
        whole = len(split) == len(paths) and len(set(langs)) == 1
        if (several or whole) and len(split) > best[0]:
            best = (len(split), layout, langs)
    return best[1], best[2]


def _first(layouts: tuple[str, ...], path: str) -> str:
    """The layout that gives ``path`` its policy (the last one, ``{policy}.md``, takes all)."""
    return next((x for x in layouts[:-1] if _split(x, path)), layouts[-1])


def _config(
    folder: Path,
    base: str,
    layouts: tuple[str, ...],
    exclude: tuple[str, ...],
    languages: tuple[str, ...],
) -> SiteConfig:
    """A configuration to read the history with."""
    source = SourceSection(
        path=base or ".",
        layout=layouts,
        exclude=exclude,
        effective_date=EffectiveDateSection(commit_date=True),
    )
    available = tuple(Language(code, code) for code in languages)
    return SiteConfig(
        site=SiteSection("inspection"),
        languages=LanguagesSection(languages[0], available),
        source=source,
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
