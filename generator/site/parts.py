"""The site in parts: which pages each MkDocs build gets, and which shard builds what.

A :class:`Unit` is the smallest piece of the site: one policy in one language (its pages and
files), one language's own files (its home page, search index, sitemap, 404 page and theme
files), or the files made for the whole site (feeds, the JSON index, the root page and the
redirects from former addresses). A :class:`Part` is some units of one language given to
one MkDocs build, in a worker process of its own: its pages are built, written and dropped
before they can add up, so a build's memory follows its largest part, not the site.

MkDocs makes a language's navigation and search index from its *core* pages (the home
page and each policy's page), so every part of a language renders them; only the part
holding the language's own unit keeps the home page and the files MkDocs writes once per
language, and only the part holding a policy keeps that policy's page. Every other page
depends on its own content alone (the same fact lets a rebuild reuse unchanged pages), so
however the units are grouped, each file comes out the same.

``build --shard K/N`` builds the units of shard K: the units, heaviest first, each go to the
shard with the fewest pages so far (the lowest number on a tie). The site-wide files are
made from the timelines and the site's addresses (:mod:`generator.site.addresses`), small
summaries every shard has, never from the pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.site.context import SiteContext
from generator.site.page_addresses import language_addresses

PART_PAGES = 1500
"""Pages a part holds at most (a policy with more is a part of its own)."""
MIN_PART_PAGES = 300
"""Pages below which a language is not cut further to keep every core busy: each part pays
for a MkDocs build of its own and renders the language's core pages again."""


@dataclass(frozen=True, slots=True)
class Unit:
    """The smallest piece of the site: what a shard is given."""

    lang: str
    """Its language ("" for the site-wide files)."""
    policy: str
    """Its policy ("" for the language's own files, or the site-wide files)."""
    pages: int
    """How many pages it has: its weight when shards are balanced."""

    @property
    def name(self) -> str:
        """How messages and shard manifests name it: ``en/privacy``, ``en`` or ``site``."""
        if not self.lang:
            return "site"
        return f"{self.lang}/{self.policy}" if self.policy else self.lang


@dataclass(frozen=True, slots=True)
class Part:
    """Units of one language given to one MkDocs build."""

    lang: str
    """The language."""
    units: tuple[Unit, ...]
    """Its units, in the site's order."""

    @property
    def pages(self) -> int:
        """How many pages its units have."""
        return sum(unit.pages for unit in self.units)

    @property
    def owns_language(self) -> bool:
        """Whether it keeps the language's own files (home page, search index, sitemap…)."""
        return any(not unit.policy for unit in self.units)

    @property
    def policies(self) -> frozenset[str]:
        """The policies whose pages and files it keeps."""
        return frozenset(unit.policy for unit in self.units if unit.policy)

    @property
    def name(self) -> str:
        """Its units' names, for progress lines."""
        first, last = self.units[0].name, self.units[-1].name
        return first if first == last else f"{first} … {last}"


def site_units(site: SiteContext) -> list[Unit]:
    """Every unit of the site, in the site's order: the site-wide files, then each language's
    own files followed by its policies."""
    units = [Unit("", "", 1 + len(site.timelines))]
    for lang in site.config.language_codes:
        policies = [p for p in site.policies if (p, lang) in site.timelines]
        # One list of the language's addresses gives every unit's size ("" for its own pages).
        pages = Counter(policy for _url, policy in language_addresses(site, lang))
        units.append(Unit(lang, "", pages[""]))
        units += [Unit(lang, p, pages[p]) for p in policies]
    return units


def shard_units(units: Sequence[Unit], shard: int, shards: int) -> list[Unit]:
    """The units shard ``shard`` (1 to ``shards``) builds, in the site's order."""
    load = [0] * shards
    chosen: set[int] = set()
    heaviest = sorted(range(len(units)), key=lambda n: (-units[n].pages, n))
    for index in heaviest:
        lightest = min(range(shards), key=lambda k: (load[k], k))
        load[lightest] += units[index].pages
        if lightest == shard - 1:
            chosen.add(index)
    return [unit for n, unit in enumerate(units) if n in chosen]


def group_parts(units: Sequence[Unit], limit: int = PART_PAGES, workers: int = 1) -> list[Part]:
    """The language units as parts (in the site's order); the site-wide unit belongs to no
    part. A language of ``T`` pages is cut into ``ceil(T / limit)`` parts of about equal size
    (a part waits for the largest one), and the largest parts into more until the site has
    a multiple of ``workers`` parts to run, as long as each keeps :data:`MIN_PART_PAGES`."""
    languages: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.lang:
            languages.setdefault(unit.lang, []).append(unit)
    total = {lang: sum(u.pages for u in found) for lang, found in languages.items()}
    counts = {lang: -(-pages // limit) for lang, pages in total.items()}
    # Parts run ``workers`` at a time: three equal parts on two cores take two rounds, four
    # take two rounds of shorter ones.
    while languages and sum(counts.values()) % workers:
        lang = max(total, key=lambda code: total[code] / counts[code])
        if total[lang] / (counts[lang] + 1) < MIN_PART_PAGES:
            break
        counts[lang] += 1
    return [
        Part(lang, batch)
        for lang, found in languages.items()
        for batch in _even(found, counts[lang], limit)
    ]


def _even(units: list[Unit], count: int, limit: int) -> list[tuple[Unit, ...]]:
    """``units`` cut, in order, into about ``count`` runs of about equal pages, none over
    ``limit`` unless one unit is."""
    total = sum(unit.pages for unit in units)
    runs: list[tuple[Unit, ...]] = []
    batch: list[Unit] = []
    size = done = 0
    for unit in units:
        # The run ends where it is nearest its share: before a unit that would carry it
        # more than halfway past.
        target = total * (len(runs) + 1) / count
        if batch and (size + unit.pages > limit or done + unit.pages / 2 > target):
            runs.append(tuple(batch))
            batch, size = [], 0
        batch.append(unit)
        size += unit.pages
        done += unit.pages
    if batch:
        runs.append(tuple(batch))
    return runs
