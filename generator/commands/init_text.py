"""The ``site_config.yml`` that ``policy-site init`` writes: what it found, as settings with
comments that say why (how many files each setting concerns, what was guessed).

Every string is written as a YAML double-quoted scalar when it is not a plain word, so a
title such as ``Terms: 2024`` or a code such as ``no`` reads back as itself.
"""

from __future__ import annotations

import json
import re

from generator.base.words import counted
from generator.commands.inspection import Inspection
from generator.commands.new import language_name
from generator.config import EffectiveDateSection

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_RESERVED = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})
_COMMENT_AT = 40


def _q(text: str) -> str:
    """``text`` as a YAML scalar."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def _line(text: str, comment: str = "") -> str:
    """A line of YAML with its comment aligned."""
    if not comment:
        return text
    return f"{text.ljust(_COMMENT_AT - 1)} # {comment}"


def _source_comment(entry: EffectiveDateSection, found: Inspection) -> str:
    if entry.front_matter:
        kind, how = "front_matter", f"'{entry.front_matter}:' in the front matter"
    elif entry.text and found.marked_revisions:
        kind, how = "text", 'a date marker such as {: datetime="2025-03-03" } or a date line'
        now, before = found.dated.get(kind, 0), found.dated_revisions.get(kind, 0)
        return (
            f"{how}: dates {counted(now, 'file')} as they are now ({found.marked} by a date "
            f"marker), {counted(before, 'revision')} in all ({found.marked_revisions} by a marker)"
        )
    elif entry.text:
        kind, how = "text", "a line such as 'Effective date: …' or 'Last updated: …'"
    else:
        kind, how = "commit_date", "the date of the commit, when the text states none"
    now, before = found.dated.get(kind, 0), found.dated_revisions.get(kind, 0)
    return (
        f"{how}: dates {counted(now, 'file')} as they are now, {counted(before, 'revision')} in all"
    )


def _site(found: Inspection) -> list[str]:
    return [
        "site:",
        _line(f"  title: {_q(found.title)}", "guessed from the folder's name"),
        '  description: ""',
        _line('  url: ""', "the public address, e.g. https://policies.example.com/"),
        _line('  repo_url: ""', "set it to link each version to its commits"),
        _line("  timezone: UTC", "effective dates start at 00:00 in this timezone"),
    ]


def _languages(found: Inspection) -> list[str]:
    why = "guessed from the text" if found.language_guessed else "from the file names"
    lines = ["languages:", _line(f"  default: {_q(found.languages[0])}", why), "  available:"]
    for code in found.languages:
        entry = f"    - {{code: {_q(code)}, name: {_q(language_name(code))}}}"
        lines.append(_line(entry, counted(found.files_per_language.get(code, 0), "file")))
    return lines


def _source(found: Inspection) -> list[str]:
    lines = ["source:", _line(f"  path: {_q(found.folder)}", "the folder holding every policy")]
    lines.append("  # A file's name (its {policy} part) is its address; the first pattern that")
    lines.append("  # matches a file wins.")
    lines.append("  layout:")
    for layout in found.layouts:
        lines.append(
            _line(f"    - {_q(layout)}", counted(found.layout_files.get(layout, 0), "file"))
        )
    if found.exclude:
        lines.append(_line("  exclude:", "Markdown files that are not policies"))
        lines += [f"    - {_q(glob)}" for glob in found.exclude]
    if found.archive:
        lines.append(_line("  archive:", "folders of earlier texts, joined to the live policies"))
        lines += [f"    - {_q(folder)}" for folder in found.archive]
    lines.append("  # Where each version's date comes from, tried in this order for every file.")
    lines.append("  effective_date:")
    for entry in found.chain:
        if entry.front_matter:
            text = f"    - front_matter: {_q(entry.front_matter)}"
        else:
            text = "    - text" if entry.text else "    - commit_date"
        lines.append(_line(text, _source_comment(entry, found)))
    if found.numeric_dates:
        example = "3 April" if found.numeric_dates == "day_first" else "March 4"
        how = (
            f"every such date reads both ways: the usual order in '{found.languages[0]}', check it"
            if found.numeric_guessed
            else "the only order that reads every such date"
        )
        lines.append(
            _line(f"  numeric_dates: {found.numeric_dates}", f"03/04/2026 is {example}: {how}")
        )
    for path in found.unreadable_dates:
        lines.append(f"  # {path}: its date cannot be read; the build stops until it is fixed.")
    count = len(found.tagged)
    tags = (
        f"{counted(count, 'file')} hold{'s' if count == 1 else ''} some" if count else "none found"
    )
    lines.append(_line("  template_tags: remove", f"Liquid/Jinja tags are never run ({tags})"))
    return lines


def _policies(found: Inspection) -> list[str]:
    joined = bool(found.aliases)
    lines = [
        "# Every document found, with its title. Uncomment to name or order them; a policy",
        "# that git cannot connect with an older file can list that file's id as an alias.",
        "policies:" if joined else "# policies:",
    ]
    for order, policy in enumerate(found.policies, start=1):
        where = ", ".join(policy.paths)
        revisions = f"{policy.revisions} revision" + ("s" if policy.revisions != 1 else "")
        aliases = found.aliases.get(policy.id, ())
        key = f"  {_q(policy.id)}:" if aliases else f"#   {_q(policy.id)}:"
        lines.append(_line(key, f"{where}; {revisions}"))
        if aliases:
            names = ", ".join(_q(alias) for alias in aliases)
            lines.append(
                _line(f"    aliases: [{names}]", "the same document: translated names, archive")
            )
        if policy.titles:
            titles = ", ".join(f"{_q(c)}: {_q(t)}" for c, t in sorted(policy.titles.items()))
            lines.append(f"#     title: {{{titles}}}")
        lines.append(f"#     order: {order}")
    return lines


def _groups(found: Inspection) -> list[str]:
    """The folders that hold policies, proposed as groups (they are groups already: a policy
    whose name spans folders is in the group of its first folder; a layout's ``{group}``
    names the folder after the language's)."""
    folders: dict[str, list[str]] = {}
    grouped = found.layouts[0] == "{lang}/{group}/{policy}.md"
    for policy in found.policies:
        head, slash, _rest = policy.id.partition("/")
        if grouped:
            head, slash = policy.paths[0].split("/")[1], "/"
        if slash:
            folders.setdefault(head, []).append(policy.id)
    if not folders:
        return []
    lines = [
        "# The folders that hold policies are their groups on the home page, in the navigation",
        "# and the feeds. Name them in each language and order them here; a policy's 'group:'",
        "# front matter, or a 'policies:' list under a group, places it elsewhere. A group",
        "# never changes an address.",
        "groups:",
    ]
    for order, (folder, ids) in enumerate(sorted(folders.items()), start=1):
        count = counted(len(ids), "policy", "policies")
        lines.append(_line(f"  {_q(folder)}:", f"{count}: {', '.join(ids)}"))
        title = folder.replace("-", " ").replace("_", " ").strip() or folder
        lines.append(
            f"    title: {{{_q(found.languages[0])}: {_q(title[:1].upper() + title[1:])}}}"
        )
        lines.append(f"    order: {order}")
    return lines


def config_text(found: Inspection) -> str:
    """The commented configuration that publishes what ``found`` describes."""
    lines = [
        "# policy-site configuration, written by 'policy-site init' from the files committed",
        "# here (see README.md, 'Configuration reference'). Check what it guessed, then run",
        "# 'policy-site build'.",
        *_site(found),
        *_languages(found),
        *_source(found),
        *_policies(found),
        *_groups(found),
        "notice:",
        _line("  min_days: 30", "check: notice an amendment should give before it applies"),
    ]
    return "\n".join(lines) + "\n"
