"""Word operations back to inline HTML, the markup re-nested around the changes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from generator.diff.model import OpKind, WordOp
from generator.diff.tokens import closing_tag, opening_tag

_LEAD = re.compile(r"^(?:\s|<br\s*/?>)+")
ALL_KINDS = frozenset(OpKind)


def inline_html(
    ops: Iterable[WordOp],
    mark: Callable[[OpKind, str], str],
    *,
    kinds: frozenset[OpKind] = ALL_KINDS,
) -> str:
    """Well-nested HTML for ``ops`` (those of ``kinds``), each inserted or deleted run
    passed through ``mark`` (which wraps it in ``<ins>``/``<del>``, say).

    Tags are opened and closed as the runs' tag stacks change, so a changed word inside a
    link stays inside that link; the whitespace before a change stays outside the mark.
    """
    out: list[str] = []
    open_tags: tuple[str, ...] = ()
    for op in ops:
        if op.kind not in kinds:
            continue
        lead = _LEAD.match(op.html)
        body = op.html[lead.end() :] if lead else op.html
        if op.tags != open_tags:
            common = 0
            limit = min(len(open_tags), len(op.tags))
            while common < limit and open_tags[common] == op.tags[common]:
                common += 1
            out.extend(closing_tag(tag) for tag in reversed(open_tags[common:]))
            if lead:  # the space before a link or emphasis is not part of it
                out.append(lead.group())
                lead = None
            out.extend(opening_tag(tag) for tag in op.tags[common:])
            open_tags = op.tags
        if lead:
            out.append(lead.group())
        if op.kind is OpKind.EQUAL:
            out.append(body)
        elif body:
            out.append(mark(op.kind, body))
    out.extend(closing_tag(tag) for tag in reversed(open_tags))
    return "".join(out)
