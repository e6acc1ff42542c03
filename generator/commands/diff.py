"""``policy-site diff``: a redline of one policy between two versions, commits or the working copy.

What legal staff run before they open a pull request, and what CI posts as a pull-request
comment (``--format markdown``): the same diff the public will see on the changes page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.base.errors import UsageError
from generator.config import SiteConfig, load_config
from generator.diff import Diff, diff_documents
from generator.document import Document
from generator.history import (
    Revision,
    commit_title,
    commits_since,
    identify,
    read_history,
    read_working_copy,
)
from generator.render import format_json, format_markdown, format_text, render_changes
from generator.render.i18n import Messages, words_for
from generator.render.markdown import markdown_text
from generator.versions import DocumentCache, Timeline, Version, build_timeline
from generator.versions.policy_links import policy_links

WORKING = "working"


@dataclass(frozen=True, slots=True)
class Side:
    """One side of the comparison: what the user named, and the text it resolves to."""

    label: str
    """How the side is described to the user ("version of 2026-06-01", "commit abc1234")."""
    document: Document
    """Its text, parsed."""


def _same(a: Revision, b: Revision) -> bool:
    return a is b or bool(a.commit and a.commit == b.commit and a.path == b.path)


def revision_label(timeline: Timeline, revision: Revision, words: Messages) -> str:
    """A revision named by the version it made or corrected: "Version of 15 January 2028
    (commit e5166cd)", or "(uncommitted)" for the working copy."""
    version = next(
        (v for v in timeline.versions if any(e.revision is revision for e in v.edits)), None
    )
    which = f"commit {revision.short}" if revision.commit else words("uncommitted")
    if version is None:
        return which
    return f"{words('Version of {date}', date=words.date(version.effective_date))} ({which})"


def _resolve(
    name: str,
    timeline: Timeline,
    revisions: list[Revision],
    working: tuple[Revision, Timeline] | None,
    cache: DocumentCache,
    config: SiteConfig,
) -> Side:
    words = words_for(config, timeline.lang)
    if name == WORKING:
        if working is None:
            raise UsageError(f"there is no working copy of '{timeline.path}'.")
        return Side(revision_label(working[1], working[0], words), cache.parse(working[0], config))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", name):
        version = timeline.find(dt.date.fromisoformat(name))
        if version is None:
            dates = ", ".join(v.slug for v in timeline.versions)
            raise UsageError(
                f"'{timeline.path}' has no version effective on {name}.",
                hint=f"Its versions take effect on: {dates}.",
            )
        label = words("Version of {date}", date=words.date(version.effective_date))
        return Side(label, version.document)
    if re.fullmatch(r"[0-9a-fA-F]{4,40}", name):
        matches = [r for r in revisions if r.commit.startswith(name.lower())]
        if matches:
            label = revision_label(timeline, matches[-1], words)
            return Side(label, cache.parse(matches[-1], config))
        raise UsageError(
            f"no commit starting with '{name}' changed '{timeline.path}'.",
            hint="Name a commit that edited this file, an effective date (YYYY-MM-DD) or 'working'.",
        )
    raise UsageError(
        f"'{name}' is not an effective date, a commit or 'working'.",
        hint="Write a date as YYYY-MM-DD, for example 2026-03-01.",
    )


def _as_first_published(before: Side, old: str, after: Side, timeline: Timeline) -> Side:
    """An older version compared with another version from its text as first published (as
    its changes, since and compare pages are: its corrections are changes too); compared
    with a correction of itself, from its text as last corrected."""
    version = timeline.find(dt.date.fromisoformat(old)) if _DATE.fullmatch(old) else None
    if version is None or version.as_published is version.document:
        return before
    same = after.document.effective_date == version.effective_date
    if same or any(edit.document is after.document for edit in version.edits):
        return before
    return Side(f"{before.label} as first published", version.as_published)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _named(
    name: str, lang: str | None, config: SiteConfig, names: dict[str, str]
) -> tuple[str, str]:
    """The policy id and language ``name`` gives: a policy's id, the ``{policy}`` part of
    its file name as written ("Terms of Service"), or the path of one of its files (whose
    language it is, unless ``lang`` is given)."""
    by_name = {written: policy for policy, written in names.items()}
    default = lang or config.languages.default
    if name in names:
        return name, default
    if name in by_name:
        return by_name[name], default
    try:
        path = (Path.cwd() / name).resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return name, default  # outside the site: no policy of it
    found = identify(path, config)
    if found is None or found[0] not in by_name:
        return name, default
    if lang is not None and lang != found[1]:
        raise UsageError(f"'{name}' is the policy's file in '{found[1]}', not in '{lang}'.")
    return by_name[found[0]], found[1]


def _empty(path: str) -> Document:
    """No text at all: what a new policy file is compared with."""
    return Document(
        path=path, metadata={}, title="", effective_date=None, sections=(), html=Markup("")
    )


def _title_line(revision: Revision, config: SiteConfig, fmt: str) -> str:
    """One commit under review, by the title the history will show (a merged pull
    request's, linked), as a line of a list."""
    title = commit_title(revision.message, revision.body, config.site.repo_url)
    if fmt != "markdown":
        request = f" ({title.reference})" if title.reference else ""
        return f"- {revision.short} {' '.join(title.text.split())}{request}\n"
    request = ""
    if title.reference:
        request = f" ([{title.reference}]({title.href}))" if title.href else f" ({title.reference})"
    return f"- `{revision.short}` {markdown_text(title.text)}{request}\n"


def _base_text(
    revisions: list[Revision],
    base: list[Revision],
    config: SiteConfig,
    cache: DocumentCache,
    words: Messages,
) -> tuple[Document, str]:
    """What the commits under review are compared with, and how it is named (by its
    version's date): when they make a new version, the version before it as first
    published (its changes page shows the same, corrections included); when they correct a
    version, its text just before."""
    if not base:
        return _empty(revisions[-1].path), "new file"
    timeline = build_timeline(revisions, config, cache)
    newest = next((v for v in timeline.versions if revisions[-1] in _revisions(v)), None)
    previous = timeline.previous(newest) if newest is not None else None
    just_before = cache.parse(base[-1], config), revision_label(timeline, base[-1], words)
    if newest is None or base[-1] in _revisions(newest) or previous is None:
        return just_before
    if not previous.corrections:
        return just_before
    label = revision_label(timeline, previous.adopted, words)
    return previous.as_published, f"{label} as first published"


def _revisions(version: Version) -> list[Revision]:
    return [edit.revision for edit in version.edits]


def run_diff_since(config_path: Path, since: str, *, fmt: str, color: bool) -> str:
    """The redline of every policy file changed in ``since..HEAD``, each under its heading:
    what a pull request changes, as the public will see it."""
    if fmt not in ("text", "markdown"):
        raise UsageError("with --since, use --format text or --format markdown.")
    config = load_config(config_path)
    under_review = commits_since(config, since)
    history = read_history(config)
    cache = DocumentCache()
    parts: list[str] = []
    by_file: dict[tuple[str, str], list[Revision]] = {}
    for revision in history.revisions:
        by_file.setdefault((revision.policy, revision.lang), []).append(revision)
    for (_policy, lang), revisions in sorted(by_file.items()):
        if not any(r.commit in under_review for r in revisions):
            continue
        base = [r for r in revisions if r.commit not in under_review]
        new = revisions[-1]
        words = words_for(config, lang)
        before, was = _base_text(revisions, base, config, cache, words)
        diff = diff_documents(before, cache.parse(new, config))
        timeline = build_timeline(revisions, config, cache)
        heading = f"{new.path}: {was} → {revision_label(timeline, new, words)}"
        titles = "".join(_title_line(r, config, fmt) for r in revisions if r.commit in under_review)
        parts.append(
            f"### {heading}\n\n{titles}\n{format_markdown(diff, words)}"
            if fmt == "markdown"
            else f"{heading}\n{titles}\n{format_text(diff, words, color)}"
        )
    for removal in history.removals:
        if removal.commit in under_review:
            parts.append(
                f"{'### ' if fmt == 'markdown' else ''}{removal.path}: deleted in commit "
                f"{removal.short}; the policy will be listed as withdrawn.\n"
            )
    if not parts:
        return f"No policy file changed since {since}.\n"
    return "\n".join(parts)


def _published_language(lang: str, config: SiteConfig) -> None:
    """Raise :class:`UsageError` when ``lang`` is not one of the site's languages."""
    if lang not in config.language_codes:
        raise UsageError(
            f"'{lang}' is not one of the site's languages ({', '.join(config.language_codes)})."
        )


def _default_old(
    timeline: Timeline, working: Revision | None, revisions: list[Revision], as_of: dt.date
) -> str:
    """The version compared when none is named: the one in force, or, when nothing is
    newer than it, the one before it."""
    current = timeline.current(as_of)
    if current is None or (working is None and current.edits[-1].revision == revisions[-1]):
        # Nothing newer than the version in force: compare it with the one before.
        current = timeline.previous(current) if current else None
    if current is None:
        raise UsageError(
            "there is only one version, so there is nothing to compare it with.",
            hint="Name two versions or commits: policy-site diff POLICY OLD NEW.",
        )
    return current.slug


def run_diff(
    config_path: Path,
    policy: str,
    old: str | None,
    new: str | None,
    *,
    lang: str | None,
    fmt: str,
    as_of: dt.date,
    now: dt.datetime,
    color: bool,
) -> str:
    """The redline between ``old`` and ``new`` of ``policy`` (its id, its file name as
    written, or its file's path) in ``fmt``."""
    config = load_config(config_path)
    history = read_history(config)
    policy, lang = _named(policy, lang, config, history.names)
    _published_language(lang, config)
    revisions = [r for r in history.revisions if r.policy == policy and r.lang == lang]
    working = read_working_copy(config, policy, lang, now, history.names.get(policy))
    if not revisions and working is None:
        known = sorted({r.policy for r in history.revisions})
        raise UsageError(
            f"there is no policy '{policy}' in '{lang}'.",
            hint=f"Policies: {', '.join(known)}." if known else None,
        )
    cache = DocumentCache()
    if working is not None and revisions and working.text == revisions[-1].text:
        working = None  # nothing uncommitted: compare with the latest commit instead
    all_revisions = [*revisions, *([working] if working else [])]
    links = policy_links(history, config)
    timeline = build_timeline(all_revisions, config, cache, links=links)
    if old is None:
        old = _default_old(timeline, working, revisions, as_of)
    if new is None:
        new = WORKING if working is not None else revisions[-1].commit
    committed = build_timeline(revisions, config, cache, links=links) if revisions else timeline
    draft = (working, timeline) if working is not None else None
    before = _resolve(old, committed, revisions, draft, cache, config)
    after = _resolve(new, committed, revisions, draft, cache, config)
    before = _as_first_published(before, old, after, committed)
    diff = diff_documents(before.document, after.document)
    return _formatted(
        diff, f"{timeline.path}: {before.label} → {after.label}", fmt, color, config, lang
    )


def _formatted(
    diff: Diff, heading: str, fmt: str, color: bool, config: SiteConfig, lang: str
) -> str:
    """The diff in ``fmt``; text and Markdown under ``heading``, which names both sides."""
    words = words_for(config, lang)
    if fmt == "json":
        return format_json(diff)
    if fmt == "html":
        return render_changes(diff, words)
    if fmt == "markdown":
        return f"### {heading}\n\n{format_markdown(diff, words)}"
    return f"{heading}\n\n{format_text(diff, words, color)}"
