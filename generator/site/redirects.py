"""Pages at the addresses a policy had before its file was renamed or moved.

A policy's id comes from its file's newest path, so a rename changes its addresses. Every
page published under a former id (the policy, its history, each version with its changes
and since pages, comparisons, section histories) gets a small page that sends the reader
on: a refresh, a canonical link, a visible link, and ``noindex``. The former feed and
source files get the files themselves, as feed readers and checksums follow no such page.
An address the site already has is left alone (``generator.site.addresses`` refuses a
site in which two policies claim one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from generator.base import urls
from generator.site.context import TEMPLATES, SiteContext
from generator.site.model import OutputFile
from generator.site.page_addresses import policy_addresses


def _moves(site: SiteContext, lang: str, old: str, new: str) -> Iterator[tuple[str, str]]:
    """(former address, address today) of each page of the policy ``new`` in a language."""
    for url in policy_addresses(site, new, lang):
        yield urls.policy(lang, old) + url.removeprefix(f"{new}/"), f"{lang}/{url}"


def _copies(files: Sequence[OutputFile], lang: str, old: str, new: str) -> Iterator[OutputFile]:
    """The policy's feed and source files at the former id: feed readers and checksums
    follow no redirect page."""
    folder = urls.policy(lang, new)
    for file in files:
        rest = file.path.removeprefix(folder)
        if rest != file.path and (
            rest == urls.FEED or re.fullmatch(rf"[0-9-]{{10}}/{re.escape(urls.SOURCE)}", rest)
        ):
            yield OutputFile(urls.policy(lang, old) + rest, file.content, new)


def redirect_files(
    site: SiteContext, pages: Iterable[str], files: Sequence[OutputFile]
) -> list[OutputFile]:
    """A page at each former address of each policy, and its feed and source files at
    the former ones.

    ``pages`` is every page's address from the site root, ``files`` every other file."""
    published = set(site.config.language_codes)
    taken = set(pages)
    taken |= {file.path for file in files}
    made: list[OutputFile] = []
    for (policy, lang), timeline in sorted(site.timelines.items()):
        if lang not in published:
            continue
        title = site.title(policy, lang)
        for old in timeline.former_ids:
            for before, now in _moves(site, lang, old, policy):
                if before in taken:
                    continue
                taken.add(before)
                made.append(
                    OutputFile(
                        urls.page_file(before), _page(site, lang, title, before, now), policy
                    )
                )
            for copy in _copies(files, lang, old, policy):
                if copy.path not in taken:
                    taken.add(copy.path)
                    made.append(copy)
    return made


def _page(site: SiteContext, lang: str, title: str, before: str, now: str) -> bytes:
    html = TEMPLATES.get_template("redirect.html").render(
        lang=lang,
        title=title,
        target=urls.relative(before, now),
        canonical=site.config.public_url(now),
        alternates=[],
    )
    return html.encode("utf-8")
