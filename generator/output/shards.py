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
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.base.errors import ShardError
from generator.output.folder import MARKER

MANIFEST = ".policy-site-shard.json"
"""The manifest's name, at the top of a shard's folder."""
_SAME = ("source", "history", "config", "as_of", "tools")
"""Fields every shard of one site shares, with the words a message uses for each."""
_WORDS = {
    "source": "commit",
    "history": "history",
    "config": "configuration",
    "as_of": "as-of day",
    "tools": "policy-site, MkDocs or theme version",
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


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in (MARKER, MANIFEST))


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Record the shard, and a hash of each file written into ``folder``, in its manifest."""
    files = {p.relative_to(folder).as_posix(): _digest(p) for p in _files(folder)}
    data = asdict(manifest) | {"files": files, "units": list(manifest.units)}
    (folder / MANIFEST).write_text(json.dumps(data, sort_keys=True, indent=1), encoding="utf-8")


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the shard in ``folder``; :class:`ShardError` if it has none or it
    cannot be read."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise ShardError(f"the part '{folder}' does not exist or is not a folder.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(**{**data, "units": tuple(data["units"])})
        valid = (
            isinstance(manifest.shard, int)
            and isinstance(manifest.shards, int)
            and 1 <= manifest.shard <= manifest.shards
            and isinstance(manifest.files, dict)
        )
    except FileNotFoundError:
        raise ShardError(
            f"the part '{folder}' is not a shard: it has no {MANIFEST}.",
            hint="Give assemble the folders written by 'policy-site build --shard K/N'.",
        ) from None
    except (OSError, ValueError, TypeError, KeyError) as exc:
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


def check_parts(parts: Sequence[Path]) -> list[tuple[Path, Manifest]]:
    """Every part's manifest, once they are known to make exactly one site."""
    read = [(folder, read_manifest(folder)) for folder in parts]
    first_folder, first = read[0]
    for folder, manifest in read[1:]:
        for name in ("shards", *_SAME):
            if getattr(manifest, name) != getattr(first, name):
                what = "number of shards" if name == "shards" else _WORDS[name]
                raise ShardError(
                    f"the part '{folder}' is from another build than '{first_folder}': "
                    f"its {what} differs ({getattr(manifest, name)} against "
                    f"{getattr(first, name)}).",
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
        _check_files(folder, manifest)
    return read


def copy_parts(parts: Sequence[tuple[Path, Manifest]], into: Path) -> int:
    """Copy every part's files into ``into``; how many files were copied."""
    copied = 0
    for folder, manifest in parts:
        for name in sorted(manifest.files):
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / name, target)
            copied += 1
    return copied
