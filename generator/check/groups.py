"""Groups of policies: a ``group:`` that names no group, a group without a name in a language.

Rules: ``unknown-group`` (the newest text of a file names a group that ``groups:`` of the
configuration does not have: the policy is listed as if it had no ``group:``) and
``group-title-missing`` (a configured group has no title in a published language: the
authoritative language's is shown); a ``groups.<id>.policies`` entry that names no policy
is an ``unknown-policy`` warning, as a misspelt ``policies.<id>`` is.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.check.context import CheckContext
from generator.check.model import Problem
from generator.document import front_matter_line
from generator.site.context import SiteContext
from generator.site.groups import GROUP_KEY


def _unknown_groups(ctx: CheckContext) -> Iterator[Problem]:
    known = ctx.config.groups
    for (_policy, lang), timeline in sorted(ctx.timelines.items()):
        if lang not in ctx.config.language_codes:
            continue
        revision = timeline.latest.edits[-1].revision
        named = timeline.latest.facts.metadata.get(GROUP_KEY)
        if not isinstance(named, str) or not named.strip() or named.strip() in known:
            continue
        choices = ", ".join(sorted(known)) or "none yet"
        yield ctx.problem(
            "unknown-group",
            f"'group: {named.strip()}' names no group of {ctx.config_file} (groups there: "
            f"{choices}); the policy is listed as if it had no group.",
            file=timeline.path,
            line=front_matter_line(revision.text, GROUP_KEY) or None,
            commit=revision.commit,
            hint=f"Use one of the ids under 'groups:' in {ctx.config_file}, or add the group "
            "there with its title in each language.",
        )


def _missing_titles(ctx: CheckContext) -> Iterator[Problem]:
    site = SiteContext(ctx.config, ctx.timelines, ctx.as_of)
    default = ctx.config.languages.default
    for group in site.grouping.groups:
        entry = ctx.config.groups.get(group.id)
        if entry is None:
            continue
        shown = group.title(default, default)
        for lang in ctx.config.language_codes:
            if entry.title.own(lang):
                continue
            yield ctx.problem(
                "group-title-missing",
                f"the group '{group.id}' has no title in {ctx.language_name(lang)} ({lang}); "
                f"pages in that language show '{shown}'.",
                file=ctx.config_file,
                line=ctx.config.lines.get(f"groups.{group.id}.title")
                or ctx.config.lines.get(f"groups.{group.id}"),
                hint=f"Add '{lang}: …' under 'groups.{group.id}.title'.",
            )


def _listed_unknown(ctx: CheckContext) -> Iterator[Problem]:
    """``groups.<id>.policies`` entries that name no policy: they place nothing."""
    known = sorted({policy for policy, _lang in ctx.newest})
    for group, entry in sorted(ctx.config.groups.items()):
        for policy in entry.policies:
            if policy in known:
                continue
            close = difflib.get_close_matches(policy, known, n=1)
            yield ctx.problem(
                "unknown-policy",
                f"'groups.{group}.policies' names '{policy}', which is no policy's id, so it "
                "places nothing in the group.",
                file=ctx.config_file,
                line=ctx.config.lines.get(f"groups.{group}.policies")
                or ctx.config.lines.get(f"groups.{group}"),
                hint=f"Did you mean '{close[0]}'?"
                if close
                else f"The policies are: {', '.join(known) or 'none yet'}.",
            )


def check_groups(ctx: CheckContext) -> Iterator[Problem]:
    """Unknown ``group:`` values, group titles missing in a language, and policies listed
    in a group that do not exist."""
    yield from _unknown_groups(ctx)
    yield from _missing_titles(ctx)
    yield from _listed_unknown(ctx)
