"""Any two versions compared: which pairs have a page, those pages, and the page to pick one.

Which pairs: every pair (older → newer) while a policy has at most
``compare.all_pairs_up_to`` versions, n × (n − 1) / 2 pages per language (105 for 15).
Above that, each version is compared with the two before it and with the first version,
and every version with the one in force: fewer than 4 × n pages, so the count grows
linearly (with the last version in force: 54 for 16 versions, 70 for 20, 150 for 40).

Addresses are permanent, yet the pairs offered change: with the version in force, and when
a policy passes the threshold. A pair an earlier deployment published (its publication
record lists it) and no longer offered keeps its address as a redirect file of about
0.4 KB to the comparisons page, at the row of its older version. Only pairs really
published get one: a first deployment writes none, and the files never outnumber the
pairs the deployments offered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.base import urls
from generator.base.urls import PageKind, relative
from generator.site.changes import redline_page
from generator.site.context import SiteContext, redirect_file
from generator.site.model import Link, OutputFile, Page
from generator.site.pickers import CompareRow, PairLink, PairPickers
from generator.versions import Timeline, Version

Pair = tuple[dt.date, dt.date]
"""A comparison: the older version's effective date, then the newer's."""


def offered_pairs(dates: Sequence[dt.date], in_force: dt.date | None, limit: int) -> set[Pair]:
    """The pairs offered among versions of ``dates`` (sorted), ``in_force`` in force: see
    the module's docstring."""
    count = len(dates)
    if count <= limit:
        return {(dates[i], dates[j]) for j in range(count) for i in range(j)}
    pairs = {(dates[i], dates[j]) for j in range(1, count) for i in {j - 1, j - 2, 0} if i >= 0}
    if in_force is not None:
        pairs |= {(min(d, in_force), max(d, in_force)) for d in dates if d != in_force}
    return pairs


def comparisons(
    timeline: Timeline, as_of: dt.date, limit: int
) -> tuple[tuple[Version, Version], ...]:
    """The pairs of versions that have a comparison page on ``as_of``, in date order."""
    reference = timeline.reference(as_of)
    dates = [v.effective_date for v in timeline.versions]
    pairs = offered_pairs(dates, reference.effective_date if reference else None, limit)
    by_date = {v.effective_date: v for v in timeline.versions}
    return tuple((by_date[old], by_date[new]) for old, new in sorted(pairs))


def retired_comparisons(site: SiteContext, timeline: Timeline) -> tuple[Pair, ...]:
    """Pairs the previous deployments published (as their publication record says) that are
    not offered on the as-of day: their addresses become redirects. A first deployment has
    none: an address never published is not invented."""
    previous = site.record.previous
    if previous is None:
        return ()
    published = previous.of(timeline.policy, timeline.lang).comparisons
    current = {
        (old.effective_date, new.effective_date)
        for old, new in comparisons(timeline, site.as_of, _limit(site))
    }
    return tuple(sorted(published - current))


def _limit(site: SiteContext) -> int:
    return site.config.compare.all_pairs_up_to


def compare_pages(site: SiteContext, policy: str, lang: str) -> list[Page]:
    """The comparisons page and one page per pair on offer (none for a single version)."""
    timeline = site.timelines[(policy, lang)]
    if len(timeline.versions) < 2:
        return []
    pairs = comparisons(timeline, site.as_of, _limit(site))
    return [compare_index_page(site, timeline, pairs)] + [
        compare_page(site, old, new, lang) for old, new in pairs
    ]


def compare_redirects(site: SiteContext, policy: str, lang: str) -> list[OutputFile]:
    """A redirect for every comparison no longer on offer, to its row of the choices."""
    timeline = site.timelines[(policy, lang)]
    title = site.words(lang)("{policy}: compare versions", policy=site.title(policy, lang))
    # With fewer than two versions left there are no choices: the history lists the rest.
    many = len(timeline.versions) >= 2
    index = urls.compare_index(lang, policy) if many else urls.history(lang, policy)
    return [
        redirect_file(
            site,
            urls.compare(lang, policy, old, new),
            index,
            f"from-{old}" if many and timeline.find(old) else "",
            lang,
            title,
        )
        for old, new in retired_comparisons(site, timeline)
    ]


def compare_index_page(
    site: SiteContext, timeline: Timeline, pairs: Sequence[tuple[Version, Version]]
) -> Page:
    """``compare/``: a table of every pair on offer, and two pickers where scripts run."""
    policy, lang = timeline.policy, timeline.lang
    words = site.words(lang)
    here = urls.compare_index(lang, policy)
    heading = words("{policy}: compare versions", policy=site.title(policy, lang))
    rows: dict[dt.date, list[PairLink]] = {}
    for old, new in pairs:
        href = relative(here, urls.compare(lang, policy, old.effective_date, new.effective_date))
        rows.setdefault(old.effective_date, []).append(
            PairLink(href, old.effective_date, new.effective_date)
        )
    count = len(timeline.versions)
    if count <= _limit(site):
        intro = words("Choose any two versions to see what changed between them.")
    else:
        intro = words(
            "This policy has {count} versions: each can be compared with the two before it, "
            "with the first version and with the version in force. Other changes can be "
            "read in steps.",
            count=count,
        )
    body = site.render(
        "compare_index.html",
        lang,
        heading=heading,
        intro=intro,
        links=[
            Link(
                relative(here, urls.policy(lang, policy)),
                words("Read the latest translation")
                if site.outdated(policy, lang)
                else words("Read the current text"),
            ),
            Link(relative(here, urls.history(lang, policy)), words("Version history")),
        ],
        notices=[],
        rows=[CompareRow(old, tuple(links)) for old, links in sorted(rows.items())],
        olds=sorted(rows),
        news=sorted({new.effective_date for _old, new in pairs}),
        default=(pairs[-1][0].effective_date, pairs[-1][1].effective_date),
    )
    return Page(
        url=here.split("/", 1)[1],
        title=heading,
        body=body,
        kind=PageKind.COMPARE_INDEX,
        policy=policy,
    )


def _pair_pickers(
    site: SiteContext, old: Version, new: Version, lang: str, here: str
) -> PairPickers | None:
    timeline = site.timelines[(new.policy, lang)]
    links = tuple(
        PairLink(
            relative(here, urls.compare(lang, new.policy, a.effective_date, b.effective_date)),
            a.effective_date,
            b.effective_date,
        )
        for a, b in comparisons(timeline, site.as_of, _limit(site))
    )
    shown = (old.effective_date, new.effective_date)
    others = [link for link in links if (link.old, link.new) != shown]
    if not others:
        return None  # this is the only comparison on offer
    return PairPickers(
        old=shown[0],
        new=shown[1],
        olds=tuple(sorted({link.old for link in links})),
        news=tuple(sorted({link.new for link in links})),
        pairs=links,
        from_old=tuple(link for link in others if link.old == shown[0]),
        to_new=tuple(link for link in others if link.new == shown[1]),
    )


def compare_page(site: SiteContext, old: Version, new: Version, lang: str) -> Page:
    """``compare/<old>...<new>/``: the redline from one version to a later one."""
    words = site.words(lang)
    policy = new.policy
    here = urls.compare(lang, policy, old.effective_date, new.effective_date)
    old_date, new_date = words.date(old.effective_date), words.date(new.effective_date)
    heading = words("What changed from {old} to {new}", old=old_date, new=new_date)
    links = [
        Link(relative(here, urls.compare_index(lang, policy)), words("Compare other versions")),
        Link(relative(here, urls.history(lang, policy)), words("Version history")),
    ]
    intro = words(
        "Changes from the version of {old} to the version of {new}.", old=old_date, new=new_date
    )
    return redline_page(
        site,
        (old, new),
        lang,
        PageKind.COMPARE,
        here,
        heading,
        intro,
        links,
        pickers=_pair_pickers(site, old, new, lang, here),
    )
