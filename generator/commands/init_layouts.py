"""The layouts ``policy-site init`` recognises in a repository's file names, and the files it
joins into one policy: translations whose names are translated too, earlier texts kept in
an archive folder.

- A language in the name: ``{policy}/{lang}.md``, ``{lang}/{policy}.md``,
  ``{policy}.{lang}.md``, ``{lang}-{policy}.md`` (``DE-Geschäftsbedingungen.md``) and
  ``{policy}_{lang}.md`` (``terms_de.md``), the code read by one function,
  :func:`generator.config.languages.language_code`.
- ``{policy}/index.md`` at any depth: a folder per policy, as GitHub Pages and Jekyll
  suggest; the ``index.md`` at the top is the table of contents (excluded with ``/index.md``).
- Translated names: each file of another language is matched with a document of the
  authoritative language by git history (the commits that changed both), then by position
  (the order in which the files first appeared), and becomes an alias of its id.
- ``archive/`` (``archived/``, ``old/``, ``previous/``): files that are earlier texts of live
  policies, joined to their history (``source.archive``; an alias when the name differs).

Pure: every function reads paths and revisions it is given.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from generator.config.languages import language_code
from generator.history import History

LANGUAGE_LAYOUTS = (
    "{policy}/{lang}.md",
    "{lang}/{group}/{policy}.md",
    "{lang}/{policy}.md",
    "{policy}.{lang}.md",
    "{lang}-{policy}.md",
    "{policy}_{lang}.md",
)
"""The layouts that place a language in a file name, tried in this order (the one with
``{group}`` only where every file is at that depth and no name is in two groups)."""
INDEX_LAYOUT = "{policy}/index.md"
"""A folder per policy, its text in ``index.md``."""
ARCHIVE_FOLDERS = ("archive", "archived", "old", "previous")
"""Names of folders that keep earlier texts of live policies."""
_LOWER = re.compile(r"[a-z]{2}(?:[-_].+)?")
_LETTERS = re.compile(r"[A-Za-z]{2}")
_EDITION = re.compile(
    r"[-_ ]*(?:v(?:ersion)?[-_ ]?\d[\d.]*|\d{4}(?:[-_.]\d{1,2}){0,2}|old|archived?|previous)$",
    re.IGNORECASE,
)


def split(layout: str, path: str) -> tuple[str, str] | None:
    """(policy, lang) of ``path`` by one of :data:`LANGUAGE_LAYOUTS`, or None; the code as
    a language is written (``DE`` is ``de``)."""
    stem, ext = path[:-3], path[-3:]
    folder, slash, name = stem.rpartition("/")
    prefix = folder + slash
    if ext != ".md":
        return None
    if layout == "{policy}/{lang}.md" and "/" in stem:
        policy, lang = folder, name
    elif layout == "{lang}/{group}/{policy}.md" and stem.count("/") == 2:
        lang, _group, policy = stem.split("/")
    elif layout == "{lang}/{policy}.md" and "/" in stem:
        lang, _slash, policy = stem.partition("/")
    elif layout == "{policy}.{lang}.md" and "." in stem:
        policy, _dot, lang = stem.rpartition(".")
    elif layout == "{lang}-{policy}.md" and "-" in name and not folder:
        lang, _dash, policy = name.partition("-")
        return _named(policy, lang, _LETTERS)
    elif layout == "{policy}_{lang}.md" and "_" in name:
        policy, _bar, lang = name.rpartition("_")
        found = _named(policy, lang, _LETTERS)
        return (prefix + found[0], found[1]) if found else None
    else:
        return None
    return _named(policy, lang, _LOWER)


def _named(policy: str, lang: str, shape: re.Pattern[str]) -> tuple[str, str] | None:
    code = language_code(lang) if shape.fullmatch(lang) else None
    return (policy, code.lower() if len(lang) == 2 else code) if policy and code else None


def language_layout(paths: Sequence[str]) -> tuple[str, list[str]]:
    """The layout that places languages in these file names, and the languages; when none
    fits, ``{policy}.md`` and no language. A layout fits when some document is in two
    languages, when every file follows it in one language, or when every file follows it
    in several (names translated too: ``EN-Terms.md``, ``DE-AGB.md``)."""
    best: tuple[int, str, list[str]] = (0, "{policy}.md", [])
    for layout in LANGUAGE_LAYOUTS:
        found = [hit for p in paths if (hit := split(layout, p)) is not None]
        by_policy: dict[str, set[str]] = {}
        for policy, lang in found:
            by_policy.setdefault(policy, set()).add(lang)
        langs = [lang for _policy, lang in found]
        if "{group}" in layout and len(set(found)) < len(found):
            continue  # one name in two groups: the folders must stay in the name
        # A file without a code beside one with it (terms.md, terms_de.md) is one document.
        beside = any(f"{policy}.md" in paths for policy in by_policy)
        several = beside or any(len(hit) > 1 for hit in by_policy.values())
        every = len(found) == len(paths)
        fits = several or (every and len(set(langs)) == 1) or (every and len(set(langs)) > 1)
        if fits and len(found) > best[0]:
            best = (len(found), layout, langs)
    return best[1], best[2]


def index_files(paths: Iterable[str]) -> bool:
    """Whether some policy is a folder's ``index.md``."""
    return any(p.endswith("/index.md") for p in paths)


def archive_folders(paths: Iterable[str]) -> tuple[str, ...]:
    """The archive folders among the folders of ``paths`` (as written)."""
    found = {
        part for path in paths for part in path.split("/")[:-1] if part.lower() in ARCHIVE_FOLDERS
    }
    return tuple(sorted(found))


def _files_by_policy(history: History) -> dict[tuple[str, str], set[str]]:
    commits: dict[tuple[str, str], set[str]] = {}
    for revision in history.revisions:
        commits.setdefault((revision.policy, revision.lang), set()).add(revision.commit)
    return commits


def translation_aliases(history: History, default: str) -> dict[str, list[str]]:
    """For each document of the authoritative language, the ids its translations have
    when their names are translated too: matched by the commits that changed both (most
    first), then by the order in which the files appeared."""
    commits = _files_by_policy(history)
    first: dict[tuple[str, str], int] = {}
    for revision in history.revisions:
        first.setdefault((revision.policy, revision.lang), revision.sequence)
    own = sorted((p for p, lang in commits if lang == default), key=lambda p: first[(p, default)])
    aliases: dict[str, list[str]] = {}
    for lang in sorted({lang for _p, lang in commits if lang != default}):
        others = [p for p, code in commits if code == lang and p not in own]
        free = [p for p in own if (p, lang) not in commits]
        scored = sorted(
            (
                (-len(commits[(o, lang)] & commits[(p, default)]), first[(o, lang)], o, p)
                for o in others
                for p in free
            ),
        )
        taken: set[str] = set()
        matched: dict[str, str] = {}
        for score, _at, other, mine in scored:
            if score < 0 and other not in matched and mine not in taken:
                matched[other] = mine
                taken.add(mine)
        rest = sorted((o for o in others if o not in matched), key=lambda o: first[(o, lang)])
        left = [p for p in free if p not in taken]
        if len(rest) == len(left):  # by position, when nothing else tells them apart
            matched.update(zip(rest, left, strict=True))
        for other, mine in matched.items():
            aliases.setdefault(mine, []).append(other)
    return {policy: sorted(found) for policy, found in sorted(aliases.items())}


def archive_aliases(
    history: History, archived: Iterable[str]
) -> tuple[dict[str, list[str]], list[str]]:
    """For the policies whose files are all in archive folders (``archived``: their ids),
    the live policy each is an earlier text of, by its name without an edition ("terms-2019"
    is "terms"); and the ids that match none."""
    live = {r.policy for r in history.revisions} - set(archived)
    aliases: dict[str, list[str]] = {}
    unmatched: list[str] = []
    for policy in sorted(set(archived)):
        base = _EDITION.sub("", policy)
        close = Counter(p for p in live if p == base or p.rsplit("/", 1)[-1] == base)
        if len(close) == 1:
            aliases.setdefault(next(iter(close)), []).append(policy)
        else:
            unmatched.append(policy)
    return aliases, unmatched
