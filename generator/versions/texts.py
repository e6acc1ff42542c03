"""Part of stage 4: how a text is parsed, and the keys its results are kept under.

A text is known by its blob (or, for a draft, by its text), its path and its language
(:func:`text_key`); in the content store, by that and the options that change what parsing
gives (:func:`store_key`). :func:`parse_text` is the strict read (refusing what cannot be
published), :func:`parse_past_text` the read of a past revision, which can no longer be
fixed (:func:`generator.document.past.parse_past`).
"""

from __future__ import annotations

from generator.base.cache import content_key
from generator.base.errors import DocumentError
from generator.config import SiteConfig
from generator.document import Document, DocumentFacts, parse_document, parse_past
from generator.history import Revision

Key = tuple[str, str, str]
"""A text's place in the cache: its blob (or its text, for a draft), path and language."""
Parsed = DocumentFacts | DocumentError
"""What parsing a text gave: its facts, or the error that refuses it."""


def text_key(revision: Revision) -> Key:
    return (revision.blob or content_key(revision.text), revision.path, revision.lang)


def store_key(key: Key, config: SiteConfig) -> str:
    """The document's key in the content store: its text, path, language and the options
    that change what parsing gives."""
    rule = config.effective_rule
    keep_tags = config.source.template_tags == "keep"
    variables = repr(sorted(config.variables.items()))
    blob, path, lang = key
    return content_key("document", blob, path, lang, repr(rule), str(keep_tags), variables)


def parse_text(text: str, path: str, lang: str, config: SiteConfig) -> Document | DocumentError:
    """The text's document, or the error that refuses it."""
    try:
        return parse_document(
            text,
            path=path,
            lang=lang,
            rule=config.effective_rule,
            keep_template_tags=config.source.template_tags == "keep",
            variables=config.variables,
        )
    except DocumentError as exc:
        return exc


def parse_past_text(text: str, path: str, lang: str, config: SiteConfig) -> Document:
    """The text's document as a past revision (never refused)."""
    return parse_past(
        text,
        path=path,
        lang=lang,
        rule=config.effective_rule,
        keep_template_tags=config.source.template_tags == "keep",
        variables=config.variables,
    )
