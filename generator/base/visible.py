"""Untrusted text made visible: the one function every output uses for text that cannot be
refused (commit messages, authors, file names, titles of past revisions).

A control character cannot reach a page, a feed, the API, a PDF or a terminal raw: it is
shown as its symbol (U+0007 as ``␇``, DEL as ``␡``) or, past ASCII, as ``�``, so a reader
still sees that something was there. A character that changes the direction of the text
(a bidirectional embedding, override or isolate, U+202A–U+202E and U+2066–U+2069) is shown
as ``�`` too: it would make a reader see the words around it in another order than the one
written ("Trojan Source"). The marks that only place neutral characters (U+200E, U+200F,
U+061C) are ordinary parts of right-to-left text and are kept.

Text that *can* be refused (the current text of a policy file, the configuration) is
refused instead, at its file and line: :func:`hidden_character` finds what to refuse and
:func:`hidden_character_words` says what it is.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Left-to-right and right-to-left embeddings (U+202A, U+202B), the pop (U+202C), the
overrides (U+202D, U+202E), the isolates (U+2066–U+2068) and their pop (U+2069)."""
BIDI_PATTERN = "\u202a-\u202e\u2066-\u2069"
""":data:`BIDI_CONTROLS` as the inside of a regular expression's character class."""


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff"


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with each control character shown as its symbol (U+0007 as ``␇``, DEL as
    ``␡``) or, past ASCII, as ``�``, and each character that changes the direction of the
    text as ``�``: it can reach no page or terminal raw, and a reader still sees that
    something was there. The characters of ``keep`` (``"\\n"`` for a message of several
    lines) stay as they are."""
    out = []
    for ch in text:
        if ch in keep or not (_is_control(ch) or ch in BIDI_CONTROLS):
            out.append(ch)
        elif ord(ch) < 0x20:
            out.append(chr(0x2400 + ord(ch)))
        else:
            out.append("\u2421" if ch == "\x7f" else "\ufffd")
    return "".join(out)


def hidden_character(text: str) -> str:
    """The first character of ``text`` that :func:`visible` would change, as ``U+XXXX``;
    "" when there is none. Tabs and line breaks count: a name or a title is one line."""
    for ch in text:
        if _is_control(ch) or ch in BIDI_CONTROLS:
            return f"U+{ord(ch):04X}"
    return ""


def hidden_character_words(code: str) -> str:
    """What the character ``code`` (``U+XXXX``, from :func:`hidden_character`) is and why
    it matters, in a reader's words: "an invisible control character (U+0007), which would
    be published as it is", or for U+202E "an invisible character that changes the
    direction of the text (U+202E), which would show readers the words around it in
    another order than the one written"."""
    if chr(int(code[2:], 16)) in BIDI_CONTROLS:
        return (
            f"an invisible character that changes the direction of the text ({code}), which "
            "would show readers the words around it in another order than the one written"
        )
    return f"an invisible control character ({code}), which would be published as it is"
