"""Pages at the addresses a policy had before its file was renamed or moved.

A policy's id comes from its file's newest path, so a rename changes its addresses. Every
address published under a former id (the policy, its history, each version with its
changes and since pages) gets a small page that sends the reader on: a refresh, a
canonical link, a visible link, and ``noindex``. The former feed address gets the feed
itself, as feed readers do not follow such pages. A former id that is a policy's id today,
and an address the site already has, are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from generator import urls
from generator.site.context import TEMPLATES, SiteContext
from generator.site.model import OutputFile
from generator.versions import Timeline


def _moves(
    timeline: Timeline, old: str, new: str, lang: str, since: bool
) -> Iterator[tuple[str, str]]:
    """(former address, address today) of each page of the policy."""
    yield urls.policy(lang, old), urls.policy(lang, new)
    yield urls.history(lang, old), urls.history(lang, new)
    for version in timeline.versions:
        day = version.effective_date
        yield urls.version(lang, old, day), urls.version(lang, new, day)
        if timeline.previous(version) is not None:
            yield urls.changes(lang, old, day), urls.changes(lang, new, day)
        if since:
            yield urls.since(lang, old, day), urls.since(lang, new, day)


def redirect_files(
    site: SiteContext, pages: Iterable[str], files: Sequence[OutputFile]
) -> list[OutputFile]:
    """A page at each former address of each policy, and its feed at the former feed's.

    ``pages`` is every page's address from the site root, ``files`` every other file."""
    published = set(site.config.language_codes)
    taken = set(pages)
    taken |= {file.path for file in files}
    feeds = {file.path: file.content for file in files}
    made: list[OutputFile] = []
    for (policy, lang), timeline in sorted(site.timelines.items()):
        if lang not in published:
            continue
        title = site.title(policy, lang)
        since = timeline.reference(site.as_of) is not None
        for old in timeline.former_ids:
            for before, now in _moves(timeline, old, policy, lang, since):
                if before in taken:
                    continue
                taken.add(before)
                made.append(
                    OutputFile(urls.page_file(before), _page(site, lang, title, before, now))
                )
            feed = feeds.get(urls.feed(lang, policy))
            if feed is not None and urls.feed(lang, old) not in taken:
                taken.add(urls.feed(lang, old))
                made.append(OutputFile(urls.feed(lang, old), feed))
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
