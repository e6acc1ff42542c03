"""Part of stage 4: the parse cache, each revision's text parsed once per blob.

:class:`DocumentCache` keeps parsed documents (and parse errors) by blob sha in memory and,
given a :class:`~generator.base.cache.ContentStore`, on disk across builds. A build parses
the texts that neither holds in forked workers first (:meth:`DocumentCache.prepare`), one
per core: parsing is the largest share of a cold build that no MkDocs part runs.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from generator.base.cache import ContentStore, content_key
from generator.base.errors import DocumentError
from generator.config import SiteConfig
from generator.document import Document, parse_document, parse_past
from generator.history import Revision


class DocumentCache:
    """Parsed documents keyed by blob sha: an amendment re-parses only what it touches.

    With a :class:`~generator.base.cache.ContentStore`, documents parsed by earlier builds are
    read from disk instead of parsed again.
    """

    def __init__(self, store: ContentStore | None = None) -> None:
        self._documents: dict[tuple[str, str, str], Document | DocumentError] = {}
        self._past: dict[tuple[str, str, str, str], Document] = {}
        self.store = store

    @property
    def known(self) -> int:
        """How many texts it knows (parsed, or refused)."""
        return len(self._documents)

    def prepare(self, revisions: Sequence[Revision], config: SiteConfig, workers: int) -> None:
        """Parse every text of ``revisions`` that is not known yet in ``workers`` forked
        processes (where the system can fork, and there are enough to be worth it), so
        that :meth:`parse` finds them; what is not prepared is parsed when asked for."""
        todo: dict[tuple[str, str, str], Revision] = {}
        for revision in revisions:
            key = _key(revision)
            if key not in self._documents and key not in todo:
                found = self._load(revision, config)
                if found is None:
                    todo[key] = revision
                else:
                    self._documents[key] = found
        if workers < 2 or len(todo) < PARALLEL_TEXTS:
            return
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        _PENDING[:] = [(revision, config) for revision in todo.values()]
        context = multiprocessing.get_context("fork")
        try:
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                chunk = max(1, len(todo) // (workers * 8))
                parsed = list(pool.map(_parse_pending, range(len(todo)), chunksize=chunk))
        except BrokenProcessPool:  # a worker was killed (out of memory…): parse here
            return
        finally:
            _PENDING.clear()
        for (key, revision), result in zip(todo.items(), parsed, strict=True):
            self._documents[key] = result
            self._save(revision, config, result)

    def parse(self, revision: Revision, config: SiteConfig) -> Document:
        """Parse ``revision`` (or return the cached result). Raises :class:`DocumentError`."""
        key = _key(revision)
        cached = self._documents.get(key)
        if cached is None:
            cached = self._stored(revision, config)
            self._documents[key] = cached
        if isinstance(cached, DocumentError):
            raise DocumentError(
                cached.message,
                file=cached.file,
                line=cached.line,
                commit=revision.commit or None,
                hint=cached.hint,
            )
        return cached

    def parse_past(self, revision: Revision, config: SiteConfig) -> Document:
        """``revision`` as a past revision, which can no longer be fixed: parsed, or repaired
        where it cannot be read as it is (:func:`generator.document.past.parse_past`);
        never raises."""
        try:
            return self.parse(revision, config)
        except DocumentError:
            pass
        key = (*_key(revision), "past")
        cached = self._past.get(key)
        if cached is None:
            found = self.store.load("past", _store_key(revision, config)) if self.store else None
            cached = found if isinstance(found, Document) else _parse_past(revision, config)
            if self.store is not None and found is None:
                self.store.save("past", _store_key(revision, config), cached)
            self._past[key] = cached
        return cached

    def _stored(self, revision: Revision, config: SiteConfig) -> Document | DocumentError:
        """From the content store if it has it, else parsed (and stored)."""
        found = self._load(revision, config)
        if found is None:
            found = _parse(revision, config)
            self._save(revision, config, found)
        return found

    def _load(self, revision: Revision, config: SiteConfig) -> Document | DocumentError | None:
        """The store's result for ``revision``, if it has one."""
        if self.store is None:
            return None
        found = self.store.load("documents", _store_key(revision, config))
        return found if isinstance(found, Document | DocumentError) else None

    def _save(
        self, revision: Revision, config: SiteConfig, result: Document | DocumentError
    ) -> None:
        if self.store is not None:
            self.store.save("documents", _store_key(revision, config), result)


PARALLEL_TEXTS = 16
"""Texts to parse below which workers cost more than they save."""
_PENDING: list[tuple[Revision, SiteConfig]] = []
"""What :meth:`DocumentCache.prepare` gives its workers (inherited by fork)."""


def _key(revision: Revision) -> tuple[str, str, str]:
    return (revision.blob or revision.text, revision.path, revision.lang)


def _store_key(revision: Revision, config: SiteConfig) -> str:
    """The document's key in the content store: its text, path, language and the options
    that change what parsing gives."""
    rule = config.effective_rule
    keep_tags = config.source.template_tags == "keep"
    text_id = revision.blob or content_key(revision.text)
    variables = repr(sorted(config.variables.items()))
    return content_key(
        "document", text_id, revision.path, revision.lang, repr(rule), str(keep_tags), variables
    )


def _parse(revision: Revision, config: SiteConfig) -> Document | DocumentError:
    """``revision``'s document, or the error that refuses it."""
    try:
        return parse_document(
            revision.text,
            path=revision.path,
            lang=revision.lang,
            rule=config.effective_rule,
            keep_template_tags=config.source.template_tags == "keep",
            variables=config.variables,
        )
    except DocumentError as exc:
        return exc


def _parse_past(revision: Revision, config: SiteConfig) -> Document:
    """``revision``'s document as a past revision (never refused)."""
    return parse_past(
        revision.text,
        path=revision.path,
        lang=revision.lang,
        rule=config.effective_rule,
        keep_template_tags=config.source.template_tags == "keep",
        variables=config.variables,
    )


def _parse_pending(index: int) -> Document | DocumentError:
    return _parse(*_PENDING[index])
