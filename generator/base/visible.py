"""Untrusted text made visible: the one function every output uses for text that cannot be
refused (commit messages, authors, file names, past revisions).

A control character cannot reach a page, a feed, the API or a terminal raw: it is shown as
its symbol (U+0007 as ``␇``, DEL as ``␡``) or, past ASCII, as ``�``, so a reader still sees
that something was there.
"""

from __future__ import annotations

import unicodedata


def visible(text: str) -> str:
    """``text`` with each control character shown as its symbol (U+0007 as ``␇``, DEL as
    ``␡``) or, past ASCII, as ``�``: it can reach no page raw, and a reader still sees
    that something was there."""
    out = []
    for ch in text:
        if unicodedata.category(ch) not in ("Cc", "Cs") and ch not in "\ufffe\uffff":
            out.append(ch)
        elif ord(ch) < 0x20:
            out.append(chr(0x2400 + ord(ch)))
        else:
            out.append("\u2421" if ch == "\x7f" else "\ufffd")
    return "".join(out)
