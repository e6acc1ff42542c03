"""Address segments of a bounded length: what a heading or a group id becomes in an address.

A heading can be a paragraph long ("14. Limitation of liability, including…", 266
characters), and a group id is whatever a folder or the configuration calls it; as a
folder of the site (``history/<section-id>/``, ``changes/<group>/``) either could be longer
than a file system allows one name (255 bytes on most, 143 on eCryptfs). A slug longer
than :data:`MAX_SLUG_BYTES` bytes of UTF-8 (in any script: a Chinese character takes
three) is cut at a word where it can be, and ends with a short hash of the whole slug.

The cut address is stable (the same heading gives it in every build), and unique: two
headings that begin alike get different hashes, and an address never depends on the other
headings of the page, so adding a heading changes no other section's address.
"""

from __future__ import annotations

import hashlib

from generator.base.urls import slug

MAX_SLUG_BYTES = 100
"""The longest slug (in bytes of UTF-8) kept whole."""
HASH_LENGTH = 8
"""Hexadecimal digits of the hash that ends a cut slug."""
NAME_MAX_BYTES = 255
"""The longest name (one folder or file, in bytes) that file systems commonly allow."""


def bounded(segment: str, limit: int = MAX_SLUG_BYTES) -> str:
    """``segment`` when its UTF-8 takes at most ``limit`` bytes; else its start, cut after
    a whole word where one ends in the last third, then ``-`` and the first
    :data:`HASH_LENGTH` hexadecimal digits of the SHA-256 of the whole ``segment``."""
    data = segment.encode("utf-8")
    if len(data) <= limit:
        return segment
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    room = limit - HASH_LENGTH - 1
    # Never in the middle of a character: drop the bytes of one cut in two.
    cut = data[:room].decode("utf-8", errors="ignore")
    word = cut.rfind("-")
    if word >= len(cut) * 2 // 3:
        cut = cut[:word]
    return f"{cut.rstrip('-_')}-{digest}"


def short_slug(text: str, fallback: str) -> str:
    """:func:`generator.base.urls.slug` of ``text``, :func:`bounded`."""
    return bounded(slug(text, fallback))


def is_shortened(text: str, fallback: str) -> bool:
    """Whether the address :func:`short_slug` gives ``text`` had to be cut."""
    return short_slug(text, fallback) != slug(text, fallback)
