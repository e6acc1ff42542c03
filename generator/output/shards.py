"""Shards: one site built by many machines, then assembled.

``build --shard K/N`` writes the units of shard K (:mod:`generator.site.parts`) into a
folder of its own, with a manifest (:data:`MANIFEST`) naming the shard, what the site was
built from (the newest commit, a digest of the whole history, the configuration file's
digest, the as-of day, the versions of policy-site, MkDocs and the theme) and the SHA-256
of every file it wrote. ``assemble`` reads every part's manifest, refuses parts that do not
make exactly one site (a shard missing or given twice, a part of another build, a file
changed or missing since it was written, two parts holding one file) naming the part and
the problem, and only then copies the parts into a new folder that replaces the output
whole (:func:`generator.output.folder.staged`): a refused assembly leaves the previous site as it
was.

A manifest may have been edited by hand, so none of it is taken on trust: ``assemble``
never follows a symbolic link (a link in a part, even one whose target's hash the
manifest gives, is refused by name), copies only regular files, hashing the very bytes it
copies, and checks each part's units against the split every shard was built for (the
site's units with their sizes, from which each shard's share is worked out again), with
each unit's own page present.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.base import urls
from generator.base.errors import ShardError
from generator.output.folder import MARKER
from generator.site.parts import Unit, shard_units

MANIFEST = ".policy-site-shard.json"
"""The manifest's name, at the top of a shard's folder."""
_SAME = ("source", "history", "config", "as_of", "tools", "split")
"""Fields every shard of one site shares, with the words a message uses for each."""
_WORDS = {
    "source": "commit",
    "history": "history",
    "config": "configuration",
    "as_of": "as-of day",
    "tools": "policy-site, MkDocs or theme version",
    "split": "division of the site into units",
}


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a shard's folder holds and what it was built from."""

    shard: int
    """Its number, 1 to ``shards``."""
    shards: int
    """How many shards the site was split into."""
    source: str
    """The newest commit of the policies' history."""
    history: str
    """SHA-256 of every revision's commit, file and content (another history, another site)."""
    config: str
    """SHA-256 of the configuration file."""
    as_of: str
    """The day the site is built for."""
    tools: str
    """Digest of the versions of policy-site, MkDocs, mkdocs-material and the theme files."""
    units: tuple[str, ...]
    """The units it holds (``site``, ``en``, ``en/privacy``…)."""
    files: dict[str, str]
    """SHA-256 of every file it wrote, by path."""
    split: tuple[tuple[str, int], ...] = ()
    """Every unit of the site, with its pages: what the shards were cut from (the same in
    every shard's manifest)."""


def _digest(path: Path) -> str:
    return hashlib.sha256(_read(path)).hexdigest()


def _files(folder: Path) -> list[Path]:
    """Every file in ``folder`` (but the marker and the manifest), never following a link:
    a symbolic link, or anything that is neither a file nor a folder, is refused by name."""
    found = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        for name in sorted([*dirs, *names]):
            path = Path(top, name)
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                raise ShardError(
                    f"the part '{folder}' holds a symbolic link, "
                    f"'{path.relative_to(folder).as_posix()}': a shard holds only the files "
                    "its build wrote, and assemble never follows a link.",
                    hint="Assemble the folders 'policy-site build --shard K/N' wrote, as "
                    "they were written.",
                )
            if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                raise ShardError(
                    f"the part '{folder}' holds "
                    f"'{path.relative_to(folder).as_posix()}', which is not a file."
                )
            if stat.S_ISREG(mode) and not (top == str(folder) and name in (MARKER, MANIFEST)):
                found.append(path)
    return sorted(found)


def _read(path: Path) -> bytes:
    """The bytes of the regular file at ``path``, refusing a link put there since."""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(handle, "rb") as file:
        return file.read()


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Record the shard, and a hash of each file written into ``folder``, in its manifest."""
    files = {p.relative_to(folder).as_posix(): _digest(p) for p in _files(folder)}
    data = asdict(manifest) | {
        "files": files,
        "units": list(manifest.units),
        "split": [list(unit) for unit in manifest.split],
    }
    (folder / MANIFEST).write_text(json.dumps(data, sort_keys=True, indent=1), encoding="utf-8")


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the shard in ``folder``; :class:`ShardError` if it has none or it
    cannot be read."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise ShardError(f"the part '{folder}' does not exist or is not a folder.")
    try:
        data = json.loads(_read(path).decode("utf-8"))
        split = tuple((str(name), int(pages)) for name, pages in data["split"])
        manifest = Manifest(**{**data, "units": tuple(data["units"]), "split": split})
        valid = (
            isinstance(manifest.shard, int)
            and isinstance(manifest.shards, int)
            and 1 <= manifest.shard <= manifest.shards
            and isinstance(manifest.files, dict)
            and all(isinstance(d, str) for d in manifest.files.values())
        )
    except FileNotFoundError:
        raise ShardError(
            f"the part '{folder}' is not a shard: it has no {MANIFEST}.",
            hint="Give assemble the folders written by 'policy-site build --shard K/N'.",
        ) from None
    except OSError as exc:
        raise ShardError(
            f"the part '{folder}' is damaged: its {MANIFEST} cannot be read "
            f"({exc.strerror or exc}; a link is never followed)."
        ) from None
    except (ValueError, TypeError, KeyError) as exc:
        raise ShardError(
            f"the part '{folder}' is damaged: its {MANIFEST} cannot be read ({exc})."
        ) from None
    if not valid:
        raise ShardError(f"the part '{folder}' is damaged: its {MANIFEST} is not a shard's.")
    return manifest


def _check_files(folder: Path, manifest: Manifest) -> None:
    """Every file the shard wrote is there, unchanged, and nothing else is."""
    found = {p.relative_to(folder).as_posix(): p for p in _files(folder)}
    for name, digest in sorted(manifest.files.items()):
        path = found.pop(name, None)
        if path is None:
            raise ShardError(f"the part '{folder}' is damaged: '{name}' is missing.")
        if _digest(path) != digest:
            raise ShardError(
                f"the part '{folder}' is damaged: '{name}' was changed after it was built."
            )
    if found:
        raise ShardError(
            f"the part '{folder}' is damaged: '{min(found)}' was not written by its build."
        )


def _unit(name: str, pages: int) -> Unit:
    """The unit a manifest names ``site``, ``en`` or ``en/privacy``."""
    lang, _slash, policy = name.partition("/")
    return Unit("", "", pages) if name == "site" else Unit(lang, policy, pages)


def _own_file(unit: Unit) -> str:
    """The file every build of ``unit`` writes: the API index, a language's home page, or
    the policy's page."""
    if not unit.lang:
        return urls.API_INDEX
    address = urls.policy(unit.lang, unit.policy) if unit.policy else urls.home(unit.lang)
    return urls.page_file(address)


def _check_units(folder: Path, manifest: Manifest) -> None:
    """The part holds the units the split gives its shard, and each unit's own file."""
    units = [_unit(name, pages) for name, pages in manifest.split]
    if not (
        any(u.name == "site" for u in units)
        and any(u.lang and u.policy for u in units)
        and len({u.name for u in units}) == len(units)
    ):
        raise ShardError(
            f"the part '{folder}' is damaged: its {MANIFEST} does not list the units of a site."
        )
    share = [u.name for u in shard_units(units, manifest.shard, manifest.shards)]
    if list(manifest.units) != share:
        raise ShardError(
            f"the part '{folder}' is damaged: shard {manifest.shard} of {manifest.shards} "
            f"holds {', '.join(share)}, but this part lists "
            f"{', '.join(manifest.units) or 'nothing'}."
        )
    for unit in shard_units(units, manifest.shard, manifest.shards):
        if _own_file(unit) not in manifest.files:
            raise ShardError(
                f"the part '{folder}' is damaged: '{_own_file(unit)}' of its unit "
                f"'{unit.name}' is missing."
            )


def check_parts(parts: Sequence[Path]) -> list[tuple[Path, Manifest]]:
    """Every part's manifest, once they are known to make exactly one site."""
    read = [(folder, read_manifest(folder)) for folder in parts]
    first_folder, first = read[0]
    for folder, manifest in read[1:]:
        for name in ("shards", *_SAME):
            if getattr(manifest, name) != getattr(first, name):
                what = "number of shards" if name == "shards" else _WORDS[name]
                values = (
                    ""
                    if name == "split"
                    else f" ({getattr(manifest, name)} against {getattr(first, name)})"
                )
                raise ShardError(
                    f"the part '{folder}' is from another build than '{first_folder}': "
                    f"its {what} differs{values}.",
                    hint="Assemble the parts of one run of the workflow, all built from the "
                    "same commit and configuration with the same --as-of day.",
                )
    by_shard: dict[int, Path] = {}
    for folder, manifest in read:
        if manifest.shard in by_shard:
            raise ShardError(
                f"shard {manifest.shard} of {first.shards} is given twice: "
                f"'{by_shard[manifest.shard]}' and '{folder}'."
            )
        by_shard[manifest.shard] = folder
    missing = [str(k) for k in range(1, first.shards + 1) if k not in by_shard]
    if missing:
        raise ShardError(
            f"shard {', '.join(missing)} of {first.shards} is missing: "
            f"{len(read)} part(s) given, {first.shards} needed.",
            hint="Give assemble every shard's folder.",
        )
    owner: dict[str, Path] = {}
    for folder, manifest in read:
        for name in manifest.files:
            if name in owner:
                raise ShardError(f"'{name}' is in two parts: '{owner[name]}' and '{folder}'.")
            owner[name] = folder
        _check_units(folder, manifest)
        _check_files(folder, manifest)
    return read


def copy_parts(parts: Sequence[tuple[Path, Manifest]], into: Path) -> int:
    """Copy every part's files into ``into``, each read once (never through a link) and
    written only when its bytes have the hash the manifest gives; how many were copied."""
    copied = 0
    for folder, manifest in parts:
        for name, digest in sorted(manifest.files.items()):
            try:
                data = _read(folder / name)
            except OSError as exc:  # a link put there since the check (ELOOP), or gone
                raise ShardError(
                    f"the part '{folder}' is damaged: '{name}' cannot be read "
                    f"({exc.strerror or exc}; a link is never followed)."
                ) from None
            if hashlib.sha256(data).hexdigest() != digest:
                raise ShardError(
                    f"the part '{folder}' is damaged: '{name}' was changed after it was built."
                )
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            copied += 1
    return copied
