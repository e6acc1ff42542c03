"""Rule ``address-taken``: two files that would publish at one address, an id holding a
name the address layout uses, or an id another policy published under before; rule
``name-too-long``: a file whose name makes an address no file system would write.

The judgement is :func:`generator.site.addresses.address_problems`, the one ``build``
refuses to write by: ``check`` reports exactly what ``build`` would stop at.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.base.errors import NameTooLongError
from generator.check.context import CheckContext
from generator.check.model import Problem
from generator.site.addresses import address_problems


def check_addresses(ctx: CheckContext) -> Iterator[Problem]:
    """Every address two files would claim, as ``build`` judges it."""
    for error in address_problems(ctx.config, ctx.timelines, ctx.as_of, ctx.config_file):
        # The text format shows no commit column: the message names it, as build's does.
        came = f" (The file came in with commit {error.commit[:10]}.)" if error.commit else ""
        yield ctx.problem(
            "name-too-long" if isinstance(error, NameTooLongError) else "address-taken",
            error.message + came,
            file=error.file,
            commit=error.commit,
            hint=error.hint,
        )
