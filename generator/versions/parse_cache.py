"""Part of stage 4: the parse cache, each revision's text parsed once per blob.

:class:`DocumentCache` keeps parsed documents (and parse errors) by blob sha in memory and,
given a :class:`~generator.base.cache.ContentStore`, on disk across builds.
"""

from __future__ import annotations

from generator.base.cache import ContentStore, content_key
from generator.base.errors import DocumentError
from generator.config import SiteConfig
from generator.document import Document, parse_document
from generator.history import Revision


class DocumentCache:
    """Parsed documents keyed by blob sha: an amendment re-parses only what it touches.

    With a :class:`~generator.base.cache.ContentStore`, documents parsed by earlier builds are
    read from disk instead of parsed again.
    """

    def __init__(self, store: ContentStore | None = None) -> None:
        self._documents: dict[tuple[str, str, str], Document | DocumentError] = {}
        self.store = store

    def parse(self, revision: Revision, config: SiteConfig) -> Document:
        """Parse ``revision`` (or return the cached result). Raises :class:`DocumentError`."""
        key = (revision.blob or revision.text, revision.path, revision.lang)
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

    def _stored(self, revision: Revision, config: SiteConfig) -> Document | DocumentError:
        """From the content store if it has it, else parsed (and stored)."""
        rule = config.effective_rule
        keep_tags = config.source.template_tags == "keep"
        text_id = revision.blob or content_key(revision.text)
        key = content_key(
            "document", text_id, revision.path, revision.lang, repr(rule), str(keep_tags)
        )
        if self.store is not None:
            found = self.store.load("documents", key)
            if isinstance(found, Document | DocumentError):
                return found
        try:
            result: Document | DocumentError = parse_document(
                revision.text,
                path=revision.path,
                lang=revision.lang,
                rule=rule,
                keep_template_tags=keep_tags,
            )
        except DocumentError as exc:
            result = exc
        if self.store is not None:
            self.store.save("documents", key, result)
        return result
