"""What the publication record adds to the site: every address it lists keeps answering.

- A version withdrawn from the record (it left the history, and the build was accepted)
  gets a page at its address saying when and why, with the SHA-256 it was published
  with, linking to the history: never a 404. The text itself stays, at its ``source.md``
  and on that page, carried from deployment to deployment (each time checked against
  the SHA-256 the record names).
- A postponed version's address leads to its new date; its ``source.md`` keeps the text
  published there.
- Any other published address this build would not write (a version's ``changes/`` or
  ``since/`` page, a vanished policy's own pages) leads to the nearest page there is.
- Accepted replacements are said on the version page, its history row, the API and the
  feeds (the sentences come from here).

Pure: the record, the site context and the addresses this build writes in; files out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from generator.base import urls
from generator.base.visible import visible
from generator.site.context import TEMPLATES, SiteContext, redirect_file
from generator.site.model import Notice, OutputFile
from generator.site.record import Published, Record, Replaced
from generator.site.record_findings import Located, by_id, locate
from generator.site.record_update import version_entry
from generator.versions import Timeline, Version


def replacements(site: SiteContext, timeline: Timeline, version: Version) -> tuple[Replaced, ...]:
    """The texts once published at ``version``'s address that the history no longer
    holds (none without a previous record)."""
    if site.record.previous is None or version.is_draft:
        return ()
    return version_entry(site, timeline, version).replaced


def replaced_sentences(site: SiteContext, lang: str, replaced: Iterable[Replaced]) -> list[str]:
    """One sentence per replaced text, in ``lang``."""
    words = site.words(lang)
    return [
        words(
            "The text published on {day} (SHA-256 {sha256}) was replaced on {replaced}: {reason}",
            day=words.date(gone.text.published),
            sha256=gone.text.sha256,
            replaced=words.date(gone.day),
            reason=visible(gone.reason),
        )
        for gone in replaced
    ]


def replaced_notice(site: SiteContext, timeline: Timeline, version: Version) -> Notice | None:
    """The version page's banner when a text published there was replaced."""
    sentences = replaced_sentences(site, timeline.lang, replacements(site, timeline, version))
    if not sentences:
        return None
    words = site.words(timeline.lang)
    return Notice("warning", words("A published text was replaced"), words.space.join(sentences))


def replaced_json(site: SiteContext, timeline: Timeline, version: Version) -> list[dict[str, Any]]:
    """The API's ``replaced`` list of a version."""
    return [
        {
            "sha256": gone.text.sha256,
            "commit": gone.text.commit,
            "published": gone.text.published.isoformat(),
            "replaced_on": gone.day.isoformat(),
            "reason": visible(gone.reason),
        }
        for gone in replacements(site, timeline, version)
    ]


def _withdrawn_page(site: SiteContext, entry: Published, text: bytes | None) -> OutputFile:
    """The page at a withdrawn version's address; with the ``text`` it was published with,
    when the previous deployment still served it, shown and linked as its source file."""
    lang = entry.lang
    words = site.words(lang)
    gone = entry.gone
    assert gone is not None
    title = words(
        "{policy}: version of {date}",
        policy=site.title(entry.policy, lang),
        date=words.date(entry.effective_date),
    )
    said = words(
        "The version of {date} was published on {day}. It was withdrawn from the record on "
        "{withdrawn}: {reason}",
        date=words.date(entry.effective_date),
        day=words.date(entry.first_published),
        withdrawn=words.date(gone.day),
        reason=visible(gone.reason),
    )
    html = TEMPLATES.get_template("withdrawn.html").render(
        lang=lang,
        title=title,
        heading=words("Withdrawn from the record"),
        text=said,
        sha256=words("SHA-256 of the text published: {sha256}", sha256=entry.text.sha256),
        published=None
        if text is None
        else "\n".join(map(visible, text.decode("utf-8", "replace").splitlines())),
        source=urls.SOURCE,
        source_text=words("Download the source file"),
        history=urls.relative(entry.url, urls.history(lang, entry.policy)),
        history_text=words("Version history"),
        canonical=site.config.public_url(entry.url),
    )
    return OutputFile(urls.page_file(entry.url), html.encode("utf-8"))


class _Writer:
    """The files made for the record's addresses, each only where nothing else is."""

    def __init__(self, site: SiteContext, pages: Iterable[str], files: Sequence[OutputFile]):
        self.site = site
        self.taken = {*pages, *(file.path for file in files)}
        self.made: list[OutputFile] = []

    def has(self, address: str) -> bool:
        return address in self.taken or urls.page_file(address) in self.taken

    def add(self, file: OutputFile) -> None:
        if file.path not in self.taken and file.path.removesuffix("index.html") not in self.taken:
            self.taken.add(file.path)
            self.made.append(file)

    def redirect(self, lang: str, from_url: str, to_url: str) -> None:
        if not self.has(from_url):
            title = self.site.words(lang)("Version history")
            self.add(redirect_file(self.site, from_url, to_url, "", lang, title))

    def entry(self, entry: Published, found: Located | None) -> None:
        lang, page = entry.lang, entry.url
        if entry.gone is not None and found is None:
            text = self.site.record.withdrawn_texts.get(entry.key)
            if not self.has(page):
                self.add(_withdrawn_page(self.site, entry, text))
            if text is not None:
                self.add(OutputFile(urls.source(lang, entry.policy, entry.effective_date), text))
        elif found is not None and found.postponed is not None and entry.postponed_to:
            policy = found.timeline.policy
            self.redirect(lang, page, urls.version(lang, policy, entry.postponed_to))
            text = found.postponed.edits[-1].revision.text.encode("utf-8")
            self.add(OutputFile(urls.source(lang, entry.policy, entry.effective_date), text))
        for sub in entry.pages:
            if not sub.endswith((urls.SOURCE, urls.PDF_SUFFIX)):
                self.redirect(lang, f"{page}{sub}/", page)


def record_files(
    site: SiteContext, record: Record, pages: Iterable[str], files: Sequence[OutputFile]
) -> list[OutputFile]:
    """The pages and files that keep the record's addresses answering, where this build
    writes nothing else (``pages`` from the site root, ``files`` every other file)."""
    writer = _Writer(site, pages, files)
    ids = by_id(site.timelines)
    codes = set(site.config.language_codes)
    newest: dict[tuple[str, str], Published] = {}
    for entry in record.versions:
        if entry.lang in codes:
            writer.entry(entry, locate(ids, entry))
            newest[(entry.policy, entry.lang)] = entry
    # A policy the history no longer holds at all: its own pages lead to its newest version.
    for (policy, lang), entry in sorted(newest.items()):
        if (policy, lang) not in ids:
            writer.redirect(lang, urls.policy(lang, policy), entry.url)
            writer.redirect(lang, urls.history(lang, policy), entry.url)
    return sorted(writer.made, key=lambda file: file.path)
