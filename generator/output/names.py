"""Names the output's file system would refuse, found before anything is written.

Headings and group ids give addresses of a bounded length (:mod:`generator.base.segments`),
and ``build`` refuses a policy file whose addresses hold a name longer than file systems
commonly allow (:func:`generator.site.addresses.long_names`). The file system the site is
written to may allow less: eCryptfs takes names of at most 143 bytes, and every system
bounds a whole path (4,096 bytes on Linux), which a deep folder of policies with long names
and a long ``--output`` could pass. :func:`check_names` asks the output's file system for
its limits and refuses, naming the policy file and its commit, any page or file it would
not write, before the build begins: never a half-written site or MkDocs' "File name too
long" without a file to fix.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from generator.base.errors import NameTooLongError
from generator.base.segments import NAME_MAX_BYTES
from generator.site.addresses import Claim

WORK_PREFIX = "/.{name}.work-XXXXXXXX/part-00/out/"
"""What the writer puts between the output's parent folder and an address: the longest
path a page is written to is this, then the address, then ``index.html``."""
DEFAULT_PATH_MAX = 4096
"""A whole path's limit where the file system does not say (Linux's)."""


def _limit(folder: Path, name: str, default: int) -> int:
    """The file system's limit ``name`` (``PC_NAME_MAX``…) at ``folder``, or ``default``."""
    try:
        return int(os.pathconf(folder, name))
    except (OSError, ValueError, AttributeError):  # unknown there, or not on this system
        return default


def _existing(path: Path) -> Path:
    """``path``, or the nearest folder above it that exists (the output may not yet)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_names(output: Path, claimed: Iterable[Claim]) -> None:
    """Raise :class:`NameTooLongError` naming the policy file (and its commit) of the first
    address whose folder or file name, or whose whole path under ``output``, the output's
    file system would refuse."""
    where = _existing(output.absolute().parent)
    name_max = _limit(where, "PC_NAME_MAX", NAME_MAX_BYTES)
    path_max = _limit(where, "PC_PATH_MAX", DEFAULT_PATH_MAX)
    prefix = len(os.fsencode(str(where))) + len(WORK_PREFIX.format(name=output.name).encode())
    for claim in claimed:
        address = claim.address + ("index.html" if claim.address.endswith("/") else "")
        names = address.split("/")
        longest = max(names, key=lambda s: len(s.encode("utf-8")))
        too_long = ""
        if len(longest.encode("utf-8")) > name_max:
            too_long = (
                f"a name of {len(longest.encode('utf-8'))} bytes ('{longest[:40]}…'), longer "
                f"than the {name_max} bytes the file system at '{where}' allows"
            )
        elif prefix + len(address.encode("utf-8")) >= path_max:
            too_long = (
                f"a path of {prefix + len(address.encode('utf-8'))} bytes, longer than the "
                f"{path_max} bytes the file system at '{where}' allows"
            )
        if too_long:
            owner = claim.owner
            raise NameTooLongError(
                f"the page /{claim.address} would be written under {too_long}; nothing was "
                "written.",
                file=owner.file,
                commit=owner.commit or None,
                hint="Give the file (or its folder) a shorter name, or build into a folder "
                "with a shorter path (--output) on another file system.",
            )
