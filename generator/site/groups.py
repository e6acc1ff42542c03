"""Which group each policy belongs to, and the groups in the order pages list them.

A policy's group comes, first found, from ``group:`` in the front matter of its newest text
(the authoritative language's, when it has one), from a ``groups.<id>.policies`` list of
the configuration, or from its folder (the layout's ``{group}``, or the first folder of a
``{policy}`` that spans folders). A group never changes an address: ``{group}`` is not part
of a policy's id, and ``group:`` and ``groups:`` are not read from paths at all.

Pure: a function of the configuration and the timelines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.base.segments import short_slug
from generator.base.urls import slug, unique
from generator.base.visible import visible
from generator.config import PathMatcher, SiteConfig
from generator.config.texts import Texts
from generator.document import front_matter_line
from generator.versions import Timeline, Version

GROUP_KEY = "group"
"""The front-matter key naming a policy's group."""


@dataclass(frozen=True, slots=True)
class Group:
    """One group of policies, as pages list it."""

    id: str
    """The id: a key of ``groups:``, a front matter's ``group:``, or a folder's name (shown
    visibly: a folder's name may hold any character)."""
    slug: str
    """Its address segment (``urls.group_changes``, ``urls.group_feed``)."""
    titles: Texts
    """Its name per language, as configured (may lack languages)."""
    order: int
    """Configured position (lower first, then by id; groups ``groups:`` does not list come
    after those it does)."""
    policies: tuple[str, ...]
    """Its policies, in home-page order."""

    def title(self, lang: str, default: str) -> str:
        """The name in ``lang``, else in the authoritative language, else from its id."""
        return (
            self.titles.get(lang, default)
            or self.id.replace("-", " ").replace("_", " ").capitalize()
        )


@dataclass(frozen=True, slots=True)
class UnknownGroup:
    """A ``group:`` in front matter that names no group of the configuration."""

    policy: str
    """The policy whose file says it."""
    lang: str
    """The file's language."""
    path: str
    """The file (its newest path)."""
    line: int | None
    """The line of ``group:`` in it."""
    group: str
    """What it names."""
    commit: str
    """The commit of that text."""


@dataclass(frozen=True, slots=True)
class Grouping:
    """Every policy's group, and the groups in order."""

    of: Mapping[str, str]
    """Each policy id with its group's id ("" for a policy in no group)."""
    groups: tuple[Group, ...]
    """The groups that hold a policy, in order; empty when no policy is in a group."""
    unknown: tuple[UnknownGroup, ...] = ()
    """Front-matter groups that name no configured group (ignored: the policy falls back
    to the configuration's lists and its folder)."""
    former: tuple[str, ...] = ()
    """Slugs of the folder groups that policy files were in earlier and no group has now:
    their addresses lead on to the whole site's (a policy moved out of the last one)."""

    def group(self, policy: str) -> Group | None:
        """The group of ``policy``, if it has one."""
        wanted = self.of.get(policy, "")
        return next((g for g in self.groups if g.id == wanted), None) if wanted else None


def _newest(timelines: Mapping[tuple[str, str], Timeline], policy: str, default: str) -> Version:
    """The newest text of ``policy``: in the authoritative language when it has one."""
    found = [t for (p, _lang), t in sorted(timelines.items()) if p == policy]
    own = [t for t in found if t.lang == default]
    return (own or found)[0].latest


def _front_matter_group(version: Version) -> str:
    value = version.facts.metadata.get(GROUP_KEY)
    return value.strip() if isinstance(value, str) else ""


def grouping(
    config: SiteConfig,
    timelines: Mapping[tuple[str, str], Timeline],
    order: list[str],
    published: Mapping[str, str] | None = None,
) -> Grouping:
    """Each policy's group; ``order`` is every policy id in home-page order; ``published``
    maps each group address (slug) earlier deployments published to its group's id."""
    default = config.languages.default
    listed = {p: g for g, entry in sorted(config.groups.items()) for p in entry.policies}
    matcher = PathMatcher(config)
    of: dict[str, str] = {}
    unknown: list[UnknownGroup] = []
    for policy in order:
        newest = _newest(timelines, policy, default)
        named = _front_matter_group(newest)
        if named and named not in config.groups:
            revision = newest.edits[-1].revision
            line = front_matter_line(revision.text, GROUP_KEY)
            unknown.append(
                UnknownGroup(
                    policy, newest.lang, revision.path, line or None, named, revision.commit
                )
            )
            named = ""
        folder = visible(matcher.folder_group(newest.edits[-1].revision.path))
        of[policy] = named or listed.get(policy) or folder
    mains = _main_policies(of, order)
    of.update(mains)
    published = published or {}
    ordered = [*(p for p in order if p in mains), *(p for p in order if p not in mains)]
    groups = _groups(config, of, ordered, published)
    # A group of the record that is gone (renamed or removed): its addresses lead on.
    now = {group.slug for group in groups}
    gone = {address for address, group in published.items() if address not in now}
    former = tuple(sorted({*_former(timelines, matcher, groups), *gone}))
    return Grouping(of, groups, tuple(unknown), former)


def _main_policies(of: Mapping[str, str], order: list[str]) -> dict[str, str]:
    """Each policy in no group whose id is a folder of other policies (``privacy``, from
    ``privacy/index.md``, beside ``privacy/cookies.md``): that group's main policy."""
    folders = {slug(group, "group"): group for group in of.values() if group}
    return {
        policy: folders[policy]
        for policy in order
        if not of.get(policy) and "/" not in policy and policy in folders
    }


def _former(
    timelines: Mapping[tuple[str, str], Timeline], matcher: PathMatcher, groups: tuple[Group, ...]
) -> tuple[str, ...]:
    folders = {
        visible(matcher.folder_group(edit.revision.path))
        for timeline in timelines.values()
        for version in timeline.versions
        for edit in version.edits
    }
    now = {group.slug for group in groups} | {group.id for group in groups}
    return tuple(sorted({short_slug(f, "group") for f in folders if f and f not in now} - now))


def _groups(
    config: SiteConfig, of: Mapping[str, str], order: list[str], published: Mapping[str, str]
) -> tuple[Group, ...]:
    ids = {group for group in of.values() if group}
    # A slug once published belongs to its group, here or not: another group gets another.
    taken = set(published)
    owned = {group: address for address, group in sorted(published.items(), reverse=True)}
    groups = []
    # Configured groups in their order, then the folders no entry names, by name.
    for group in sorted(
        ids, key=lambda g: (0, config.groups[g].order, g) if g in config.groups else (1, 0, g)
    ):
        entry = config.groups.get(group)
        groups.append(
            Group(
                id=group,
                slug=owned[group] if group in owned else unique(short_slug(group, "group"), taken),
                titles=entry.title if entry else Texts(),
                order=entry.order if entry else 0,
                policies=tuple(p for p in order if of.get(p) == group),
            )
        )
    return tuple(groups)
