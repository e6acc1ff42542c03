"""One owner per address: what the site will write, and who may write it, judged before
anything is written.

A published address belongs to one policy for good. Three things could give it to another:
an id that holds a folder of the address layout (``privacy/2024-01-01`` would be written
where the privacy policy's version is), a new file that takes the id a renamed or
withdrawn policy published under, and, generally, any two outputs that land on one path.
:func:`address_problems` judges all three; ``build`` raises the first problem before it
writes, ``check`` lists them all: one judgement, two callers.

To add a kind of address (PDFs, a group's feed, a part of a sharded build), yield a
:class:`Claim` for it from :func:`claims` (or from a function it calls), with the
:class:`Owner` that publishes it: ``check`` then sees it too. Nothing else needs to change:
a second owner of any claimed address is an error naming both files and the commit of the
newer one. ``build`` also runs :func:`collisions` over :func:`planned_claims`, every page
it will write (the addresses are known before the site is built in parts), and tests over
:func:`site_claims`, every page and file of a whole model (give an :class:`OutputFile` its
``owner``), so an output the claims forgot cannot silently replace another either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from generator.base import urls
from generator.base.errors import AddressError
from generator.config import SiteConfig
from generator.site.context import SiteContext
from generator.site.model import Site
from generator.site.page_addresses import language_addresses
from generator.versions import Timeline

Timelines = Mapping[tuple[str, str], Timeline]


@dataclass(frozen=True, slots=True)
class Owner:
    """Who publishes an address: a policy file in one language, or the site itself."""

    policy: str
    """Policy id ("" for the site's own pages and files)."""
    lang: str
    """Language code ("" for files of the whole site)."""
    file: str
    """The file that publishes it (a policy file, or the configuration)."""
    commit: str
    """The commit that first published it ("" for the site's own)."""
    sequence: int
    """Position of that commit in the history: the higher of two owners is the newer."""
    former: str = ""
    """For a redirect left at a former address: the id the policy had there."""

    def describe(self) -> str:
        """The owner in words: "the policy 'tos' (policies/tos/en.md)"."""
        if not self.policy:
            return f"the site itself ({self.file})"
        text = f"the policy '{self.policy}' ({self.file})"
        return f"{text}, which was published as '{self.former}' before" if self.former else text


@dataclass(frozen=True, slots=True)
class Claim:
    """One address of the site and its owner."""

    address: str
    """Path from the site root, as :mod:`generator.base.urls` writes it."""
    owner: Owner
    """Who publishes it."""


def address_problems(
    config: SiteConfig, timelines: Timelines, as_of: dt.date, config_file: str = ""
) -> list[AddressError]:
    """Every address two owners would write, every id that holds a reserved name, and every
    id a policy takes from another that published under it; oldest first."""
    found = reserved_ids(timelines, config.language_codes)
    found += reused_ids(timelines, config_file or config.file)
    named = {frozenset((e.file, e.other)) for e in found}
    for error in collisions(claims(config, timelines, as_of, config_file)):
        if frozenset((error.file, error.other)) not in named:
            named.add(frozenset((error.file, error.other)))
            found.append(error)
    return found


def _owner(timeline: Timeline, former: str = "") -> Owner:
    first = timeline.log[0].revision if timeline.log else timeline.versions[0].adopted
    return Owner(
        timeline.policy, timeline.lang, timeline.path, first.commit, first.sequence, former
    )


def claims(
    config: SiteConfig, timelines: Timelines, as_of: dt.date, config_file: str = ""
) -> Iterator[Claim]:
    """Every address the site writes, with its owner: the site's own files, then each
    policy's pages, files and the redirects at its former addresses."""
    site = Owner("", "", config_file or config.file, "", -1)
    yield Claim("index.html", site)
    yield Claim(urls.API_INDEX, site)
    for lang in config.language_codes:
        yield Claim(urls.home(lang), site)
        yield Claim(urls.feed(lang), site)
        yield Claim(urls.whats_new(lang), site)
    for (policy, lang), timeline in sorted(timelines.items()):
        if lang not in config.language_codes or not timeline.versions:
            continue
        owner = _owner(timeline)
        yield Claim(urls.api_policy(lang, policy), site)
        yield from _policy_claims(timeline, policy, owner, as_of)
        if config.pdf:
            for version in timeline.versions:
                if not version.is_draft:
                    yield Claim(urls.pdf(lang, policy, version.effective_date), owner)
        for old in timeline.former_ids:
            yield Claim(urls.api_policy(lang, old), site)
            yield from _policy_claims(timeline, old, _owner(timeline, old), as_of)


def site_claims(site: Site, timelines: Timelines, config_file: str) -> Iterator[Claim]:
    """Every page and file of the built ``site`` (the model the writer writes), each owned
    by the policy that made it: what :func:`claims` foresaw, and anything added since."""
    owners = {key: _owner(t) for key, t in timelines.items() if t.log or t.versions}
    itself = Owner("", "", config_file, "", -1)
    for language in site.languages:
        for page in language.pages:
            owner = owners.get((page.policy, language.lang), itself)
            yield Claim(urls.page_file(f"{language.lang}/{page.url}"), owner)
    for file in site.files:
        lang = file.path.split("/", 1)[0]
        yield Claim(file.path, owners.get((file.owner, lang), itself))


def planned_claims(site: SiteContext, config_file: str) -> Iterator[Claim]:
    """Every page the build will write, from the addresses known before any is built (see
    :mod:`generator.site.page_addresses`), each owned by the policy that makes it."""
    owners = {key: _owner(t) for key, t in site.timelines.items() if t.log or t.versions}
    itself = Owner("", "", config_file, "", -1)
    for lang in site.config.language_codes:
        for url, policy in language_addresses(site, lang):
            owner = owners.get((policy, lang), itself)
            yield Claim(urls.page_file(f"{lang}/{url}"), owner)


def _policy_claims(
    timeline: Timeline, policy: str, owner: Owner, as_of: dt.date
) -> Iterator[Claim]:
    """The addresses of one policy's pages under ``policy`` (its id, or a former one)."""
    lang = timeline.lang
    for address in (
        urls.policy(lang, policy),
        urls.history(lang, policy),
        urls.compare_index(lang, policy),
        urls.feed(lang, policy),
    ):
        yield Claim(address, owner)
    since = timeline.reference(as_of) is not None
    for version in timeline.versions:
        day = version.effective_date
        yield Claim(urls.version(lang, policy, day), owner)
        yield Claim(urls.source(lang, policy, day), owner)
        if timeline.previous(version) is not None:
            yield Claim(urls.changes(lang, policy, day), owner)
        if since:
            yield Claim(urls.since(lang, policy, day), owner)


def collisions(claimed: Iterable[Claim]) -> list[AddressError]:
    """One error per pair of owners that claim one address, naming the first address they
    share, both files and the commit of the newer owner; oldest pair first."""
    first: dict[str, Owner] = {}
    shared: dict[tuple[Owner, Owner], str] = {}
    for claim in claimed:
        # A page is claimed by its address (en/privacy/) or its file (en/privacy/index.html).
        address = claim.address.removesuffix("index.html")
        held = first.setdefault(address, claim.owner)
        if (held.policy, held.lang) == (claim.owner.policy, claim.owner.lang):
            continue
        older, newer = sorted((held, claim.owner), key=lambda o: (o.sequence, o.file))
        shared[(older, newer)] = min(shared.get((older, newer), address), address)
    return [
        AddressError(
            f"this file would be published at /{address}, which {older.describe()} "
            "publishes already: one of them would silently replace the other.",
            file=newer.file,
            commit=newer.commit or None,
            other=older.file,
            hint="Rename this file (or its folder), so that each policy has addresses of its own.",
        )
        for (older, newer), address in sorted(
            shared.items(), key=lambda item: (item[0][1].sequence, item[1])
        )
    ]


def reserved_ids(timelines: Timelines, languages: Collection[str]) -> list[AddressError]:
    """An error for each policy file whose id holds a name the address layout uses."""
    found = []
    for (policy, _lang), timeline in sorted(timelines.items()):
        segment = urls.reserved_segment(policy, languages)
        if segment is None or not timeline.versions:
            continue
        owner = _owner(timeline)
        parts = policy.split("/")
        prefix = "/".join(parts[: parts.index(segment)])
        other = timelines.get((prefix, timeline.lang))
        whose = (
            f"; its pages would replace those of the policy '{prefix}' ({other.path})"
            if other is not None
            else ""
        )
        found.append(
            AddressError(
                f"this file's policy id '{policy}' holds '{segment}', a name the site's "
                f"addresses use{whose}.",
                file=owner.file,
                commit=owner.commit or None,
                other=other.path if other is not None else "",
                hint="Rename the file or its folder: no part of a policy's name may be a "
                "date, a language code or one of: "
                + ", ".join(sorted(name for name in urls.RESERVED if "." not in name))
                + ".",
            )
        )
    return found


def reused_ids(timelines: Timelines, config_file: str) -> list[AddressError]:
    """An error for each policy file that takes an id another policy published under, in
    its language, before it was renamed or moved (a withdrawn policy keeps its id, and a
    file added again at its path continues it)."""
    formerly = {
        (old, lang): timeline
        for (_policy, lang), timeline in sorted(timelines.items())
        for old in timeline.former_ids
    }
    found = []
    for (policy, lang), timeline in sorted(timelines.items()):
        earlier = formerly.get((policy, lang))
        if earlier is None or earlier.policy == policy or not timeline.versions:
            continue
        owner = _owner(timeline)
        found.append(
            AddressError(
                f"this file would take the id '{policy}', under which the policy "
                f"'{earlier.policy}' ({earlier.path}) was published before it was renamed; "
                "its addresses stay with that policy for good.",
                file=owner.file,
                commit=owner.commit or None,
                other=earlier.path,
                hint=f"If this is the same policy, list '{policy}' under 'policies."
                f"{earlier.policy}.aliases' in {config_file}; otherwise give the file "
                "another name.",
            )
        )
    return found
