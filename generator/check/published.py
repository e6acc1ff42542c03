"""published-changed, published-gone, group-address: what a build would do to what the
public was shown.

With ``check --previous SOURCE`` the previous deployment's publication record is compared
with the history exactly as ``build`` compares it (:mod:`generator.site.record_findings`),
so a pull request that rewrites history shows the findings before it is merged. A group
that must take another address, because its own is published and belongs to another
group, is a warning with or without a record.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.base import urls
from generator.check.context import CheckContext
from generator.check.model import Problem
from generator.site.context import SiteContext
from generator.site.record import RecordInput
from generator.site.record_findings import ACCEPT_OPTION, FindingKind, findings

_HINT = (
    "Restore the history as it was (push the earlier commits back); if the change is "
    f'intended, publish it with build {ACCEPT_OPTION} "REASON", and readers are told why.'
)


def _findings(ctx: CheckContext) -> Iterator[Problem]:
    for found in findings(ctx.previous, ctx.timelines, ctx.config):
        rule = "published-changed" if found.kind is FindingKind.CHANGED else "published-gone"
        yield ctx.problem(
            rule,
            f"{found.message()} (publication record: {ctx.previous_source})",
            file=found.file or None,
            commit=found.now.commit if found.now else found.text.commit,
            hint=_HINT,
        )


def _group_addresses(ctx: CheckContext) -> Iterator[Problem]:
    site = SiteContext(ctx.config, ctx.timelines, ctx.as_of, record=RecordInput(ctx.previous))
    published = ctx.previous.groups if ctx.previous else {}
    by_slug = {group.slug: group.id for group in site.grouping.groups}
    lang = ctx.config.languages.default
    for group in site.grouping.groups:
        wanted = urls.slug(group.id, "group")
        if group.slug == wanted:
            continue
        owner = published.get(wanted) or by_slug.get(wanted, "")
        yield ctx.problem(
            "group-address",
            f"the group '{group.id}' is published at /{urls.whats_new(lang, group.slug)} "
            f"(and its feed beside it), as /{urls.whats_new(lang, wanted)} belongs to the "
            f"group '{owner}'.",
            file=ctx.config_file if group.id in ctx.config.groups else None,
            line=ctx.config.lines.get(f"groups.{group.id}"),
            hint="Addresses of groups are permanent: to keep this one, give the group "
            "another id (its title may stay).",
        )


def check_published(ctx: CheckContext) -> Iterator[Problem]:
    """The record's findings, then the groups that take another address."""
    yield from _findings(ctx)
    yield from _group_addresses(ctx)
