"""Part of stage 4: the parse cache, each revision's text parsed once per blob.

:class:`DocumentCache` parses each text once. Without a content store it keeps every parsed
document in memory (small sites, tests). With a :class:`~generator.base.cache.ContentStore`
it keeps in memory only each text's :class:`~generator.document.DocumentFacts` (its date,
front matter, title and digests: what the versions need of every revision) and the
documents a page is being made from, until :func:`release_documents`; the documents
themselves are on disk, by blob, and read back (or parsed again from the text git holds)
when a page needs them. So a history of any length costs memory for its largest texts,
not for all of them.

Texts are parsed while the history pass reads them (:meth:`DocumentCache.reading` gives it
a :data:`~generator.history.TextSink`), in forked workers, one per core, which write each
document to the store themselves and send back its facts: parsing is the largest share of
a cold build that no MkDocs part runs, and the texts are never all held at once.
"""

from __future__ import annotations

import collections
import multiprocessing
import weakref
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

from generator.base.cache import ContentStore, content_key
from generator.base.errors import DocumentError
from generator.config import SiteConfig
from generator.document import Document, DocumentFacts
from generator.history import Revision
from generator.versions.edit_log import DocumentSource
from generator.versions.texts import (
    Key,
    Parsed,
    parse_past_text,
    parse_text,
    store_key,
    text_key,
)

PARALLEL_TEXTS = 16
"""Texts to parse below which workers cost more than they save."""
LOADED = 64
"""Documents held in memory at most when they are kept on disk (those of the policy whose
pages are being made, read back as needed beyond that)."""
IN_FLIGHT = 4
"""Texts handed to each worker ahead of its answers (what the parse holds in memory)."""

_CACHES: weakref.WeakSet[DocumentCache] = weakref.WeakSet()


def release_documents() -> None:
    """Let every cache forget the documents it read back from disk (the pages that needed
    them are made); what has no store keeps its own."""
    for cache in list(_CACHES):
        cache.release()


class DocumentCache:
    """Parsed documents keyed by blob sha: an amendment re-parses only what it touches.

    With a :class:`~generator.base.cache.ContentStore`, documents parsed by earlier builds are
    read from disk instead of parsed again, and the documents of this build are kept there
    rather than in memory.
    """

    def __init__(self, store: ContentStore | None = None) -> None:
        self.store = store
        self._parsed: dict[Key, Parsed] = {}
        self._past: dict[Key, DocumentFacts] = {}
        self._transformed: dict[str, DocumentFacts] = {}
        """The facts of each text read as a past revision (repaired where the strict read
        refused it)."""
        self._documents: collections.OrderedDict[Key, Document] = collections.OrderedDict()
        self.config: SiteConfig | None = None
        """The configuration the texts are parsed with (to parse one again)."""
        _CACHES.add(self)

    @property
    def known(self) -> int:
        """How many texts it knows (parsed, or refused)."""
        return len(self._parsed)

    @property
    def loaded(self) -> int:
        """How many documents it holds in memory now."""
        return len(self._documents)

    # -- facts ------------------------------------------------------------------------

    def facts(self, revision: Revision, config: SiteConfig) -> DocumentFacts:
        """What ``revision``'s text is (parsed when not known yet). Raises
        :class:`DocumentError`, naming the revision's commit, when it cannot be read."""
        key = text_key(revision)
        found = self._parsed.get(key)
        if found is None:
            self.config = config
            found = self._known(key, revision.path, revision.lang, config)
            if found is None:
                found = self._parse_here(key, revision.text, revision.path, revision.lang, config)
        if isinstance(found, DocumentError):
            raise DocumentError(
                found.message,
                file=found.file,
                line=found.line,
                commit=revision.commit or None,
                hint=found.hint,
            )
        return found

    def parse(self, revision: Revision, config: SiteConfig) -> Document:
        """``revision``'s whole document. Raises :class:`DocumentError`."""
        self.facts(revision, config)
        return self.document(revision)

    def facts_past(self, revision: Revision, config: SiteConfig) -> DocumentFacts:
        """``revision`` as a past revision, which can no longer be fixed: its facts as read,
        or as repaired where it cannot be read as it is
        (:func:`generator.document.past.parse_past`); never raises."""
        try:
            return self.facts(revision, config)
        except DocumentError:
            pass
        key = text_key(revision)
        found = self._past.get(key)
        if found is None:
            document = self._past_document(key, revision, config)
            found = self._past[key] = document.facts()
        return found

    def parse_past(self, revision: Revision, config: SiteConfig) -> Document:
        """``revision``'s whole document as a past revision (see :meth:`facts_past`)."""
        self.facts_past(revision, config)
        return self.document(revision)

    def document(self, revision: Revision) -> Document:
        """The document of a revision whose facts are known: held, read back from the
        store, or parsed again from the text git holds (repaired, for a past revision the
        strict read refuses)."""
        key = text_key(revision)
        found = self._documents.get(key)
        if found is not None:
            self._documents.move_to_end(key)
            return found
        config = self.config
        assert config is not None, "the facts of a revision are known before its document"
        if isinstance(self._parsed.get(key), DocumentError):
            return self._past_document(key, revision, config)
        if self.store is not None:
            stored = self.store.load("documents", store_key(key, config))
            if isinstance(stored, Document):
                return self._hold(key, stored)
        parsed = parse_text(revision.text, revision.path, revision.lang, config)
        if isinstance(parsed, DocumentError):
            raise parsed
        self._save(key, config, parsed)
        return self._hold(key, parsed)

    def transformed(self, revision: Revision, how: str, source: DocumentSource) -> DocumentFacts:
        """The facts of ``revision``'s document as ``source`` gives it (its links leading
        elsewhere: ``how`` says where, for the key), kept in the store."""
        config = self.config
        assert config is not None
        key = content_key("transformed", store_key(text_key(revision), config), how)
        found = self._transformed.get(key)
        if found is None and self.store is not None:
            stored = self.store.load("facts", key)
            found = stored if isinstance(stored, DocumentFacts) else None
        if found is None:
            found = source.document(revision).facts()
            if self.store is not None:
                self.store.save("facts", key, found)
        self._transformed[key] = found
        return found

    def _past_document(self, key: Key, revision: Revision, config: SiteConfig) -> Document:
        """The repaired document of a past revision the strict read refuses."""
        found = self._documents.get(key)
        if found is not None:
            return found
        stored = self.store.load("past", store_key(key, config)) if self.store else None
        if isinstance(stored, Document):
            return self._hold(key, stored)
        document = parse_past_text(revision.text, revision.path, revision.lang, config)
        if self.store is not None:
            self.store.save("past", store_key(key, config), document)
        return self._hold(key, document)

    def release(self) -> None:
        """Forget the documents read back from disk (kept when there is no store)."""
        if self.store is not None:
            self._documents.clear()

    # -- reading while the history pass goes on --------------------------------------

    @contextmanager
    def reading(self, config: SiteConfig, workers: int) -> Iterator[_Reading]:
        """A sink for the history pass (``read_history(config, texts=...)``): each text it is
        told that this cache does not know is parsed, in ``workers`` forked processes
        where that is worth it; all are known when the block ends."""
        self.config = config
        reading = _Reading(self, config, workers)
        try:
            yield reading
            reading.finish()
        finally:
            reading.stop()

    def prepare(self, revisions: Sequence[Revision], config: SiteConfig, workers: int) -> None:
        """Know every text of ``revisions`` (those not known yet are read again from git and
        parsed, in ``workers`` processes where that is worth it)."""
        uses: dict[str, dict[tuple[str, str], None]] = {}
        texts: dict[str, Revision] = {}
        for revision in revisions:
            key = text_key(revision)
            if key not in self._parsed:
                uses.setdefault(key[0], {})[(revision.path, revision.lang)] = None
                texts.setdefault(key[0], revision)
        if not uses:
            return
        with self.reading(config, workers) as reading:
            reading.expect({blob: tuple(found) for blob, found in uses.items()})
            for blob in reading.wanted:
                reading.take(blob, texts[blob].text)

    # -- inside ------------------------------------------------------------------------

    def _known(self, key: Key, path: str, lang: str, config: SiteConfig) -> Parsed | None:
        """What the store says of a text, if it has it."""
        if self.store is None:
            return None
        found = self.store.load("facts", store_key(key, config))
        if isinstance(found, DocumentFacts | DocumentError):
            self.store.mark("documents", store_key(key, config))
            self._parsed[key] = found
            return found
        return None

    def _parse_here(self, key: Key, text: str, path: str, lang: str, config: SiteConfig) -> Parsed:
        parsed = parse_text(text, path, lang, config)
        if isinstance(parsed, Document):
            self._save(key, config, parsed)
            self._hold(key, parsed)
            return self._take(key, config, parsed.facts())
        return self._take(key, config, parsed)

    def _take(self, key: Key, config: SiteConfig, parsed: Parsed) -> Parsed:
        """Know ``parsed`` for ``key`` (and keep it in the store)."""
        self._parsed[key] = parsed
        if self.store is not None:
            self.store.save("facts", store_key(key, config), parsed)
        return parsed

    def _save(self, key: Key, config: SiteConfig, document: Document) -> None:
        if self.store is not None:
            self.store.save("documents", store_key(key, config), document)

    def _hold(self, key: Key, document: Document) -> Document:
        self._documents[key] = document
        if self.store is not None and len(self._documents) > LOADED:
            self._documents.popitem(last=False)
        return document


@dataclass
class _Reading:
    """The parse of the texts the history pass tells it (a
    :data:`~generator.history.TextSink`)."""

    cache: DocumentCache
    config: SiteConfig
    workers: int
    wanted: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """The texts to parse: blob → every (path, language) that has it."""
    pool: ProcessPoolExecutor | None = None
    pending: collections.deque[tuple[Key, Future[Parsed | Document]]] = field(
        default_factory=collections.deque
    )

    def expect(self, uses: Mapping[str, Sequence[tuple[str, str]]]) -> None:
        """Told every text the pass will read, before it reads any: learn which ones the
        cache (or its store) knows, and start the workers when enough are left to parse."""
        cache, config = self.cache, self.config
        for blob, found in uses.items():
            missing = tuple(
                (path, lang)
                for path, lang in found
                if (blob, path, lang) not in cache._parsed
                and cache._known((blob, path, lang), path, lang, config) is None
            )
            if missing:
                self.wanted[blob] = missing
        if self.workers >= 2 and len(self.wanted) >= PARALLEL_TEXTS and _can_fork():
            _CONFIG[:] = [(config, cache.store)]
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork")
            )
            # Start the workers now, before the pass starts the thread that feeds git.
            list(self.pool.map(_ready, range(self.workers)))

    def take(self, blob: str, text: str) -> None:
        """One text read by the pass: parse it where it is wanted."""
        for path, lang in self.wanted.get(blob, ()):
            key = (blob, path, lang)
            if key in self.cache._parsed:
                continue
            if self.pool is None:
                self.cache._parse_here(key, text, path, lang, self.config)
                continue
            try:
                self.pending.append((key, self.pool.submit(_parse_in_worker, key, text)))
            except BrokenProcessPool:  # a worker was killed (out of memory…): parse here
                self.pool = None
                self.cache._parse_here(key, text, path, lang, self.config)
            while len(self.pending) > IN_FLIGHT * self.workers:
                self._collect()

    def _collect(self) -> None:
        key, future = self.pending.popleft()
        try:
            result = future.result()
        except BrokenProcessPool:
            self.pool = None
            result = None
        cache = self.cache
        if isinstance(result, Document):  # without a store, the worker sends the document
            cache._hold(key, result)
            cache._take(key, self.config, result.facts())
        elif result is not None:
            if cache.store is not None:
                cache.store.mark("documents", store_key(key, self.config))
            cache._take(key, self.config, result)

    def finish(self) -> None:
        """Wait for every text handed out (those never told are parsed when asked for)."""
        while self.pending:
            self._collect()

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        _CONFIG.clear()


_CONFIG: list[tuple[SiteConfig, ContentStore | None]] = []
"""What the parse workers parse with (inherited by fork)."""


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _ready(_index: int) -> int:
    return 0


def _parse_in_worker(key: Key, text: str) -> Parsed | Document:
    """In a worker: parse one text; with a store, keep the document there and send back
    its facts (else the document itself)."""
    config, store = _CONFIG[0]
    _blob, path, lang = key
    parsed = parse_text(text, path, lang, config)
    if isinstance(parsed, DocumentError) or store is None:
        return parsed
    store.save("documents", store_key(key, config), parsed)
    return parsed.facts()
