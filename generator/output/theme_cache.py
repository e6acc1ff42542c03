"""What every MkDocs build of the site does the same way, done once: the theme's templates
compiled, and the list of the theme's files.

Each part is a MkDocs build of its own, and MkDocs compiles the theme's templates and
walks its folders (thousands of files, icons among them) for every build: about a second
a part. The compiled templates are kept in the content cache (Jinja's bytecode, checked
against each template's source, written atomically so that parts running at once never
read half of one), and the list of theme files once per theme and tool versions. Neither
changes what is written: a template compiles to the same code, and the list is the one
MkDocs would make.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket


class AtomicBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates in a folder, each file written whole (a reader never sees
    half of one) and one that cannot be read ignored (the template is compiled again)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load_bytecode(self, bucket: Bucket) -> None:
        """The compiled template, when this folder has it for the same source."""
        try:
            data = (self.folder / bucket.key).read_bytes()
            bucket.bytecode_from_string(data)
        except (OSError, ValueError, EOFError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the compiled template (nothing, when the folder cannot be written)."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(bucket.bytecode_to_string())
            os.replace(temporary, self.folder / bucket.key)


def cached_environment(
    make: Callable[[], jinja2.Environment], folder: Path, key: str
) -> Callable[[], jinja2.Environment]:
    """A replacement for a MkDocs theme's ``get_env``: the environment ``make`` gives, with
    its compiled templates kept in ``folder``, and its list of templates read from there
    (under ``key``: the theme's folders and the tools' versions) once made."""

    def environment() -> jinja2.Environment:
        env = make()
        env.bytecode_cache = AtomicBytecodeCache(folder / "bytecode")
        listing = folder / f"templates-{key}.pickle"
        original = env.list_templates

        def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
            # MkDocs filters the list by its settings, which ``key`` covers.
            name = getattr(filter_func, "__qualname__", "") if filter_func else ""
            path = listing.with_name(f"{listing.stem}-{_safe(name)}{listing.suffix}")
            return _listed(path, lambda: original(extensions, filter_func))

        env.list_templates = list_templates  # type: ignore[method-assign]
        return env

    return environment


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name)


def _listed(path: Path, make: Callable[[], list[str]]) -> list[str]:
    """The list kept at ``path``, else ``make``'s (kept there for the next build)."""
    try:
        with path.open("rb") as stream:
            found = pickle.load(stream)
        if isinstance(found, list) and all(isinstance(n, str) for n in found):
            return found
    except (OSError, ValueError, EOFError, pickle.UnpicklingError):
        pass
    names = sorted(make())
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(names, stream)
        os.replace(temporary, path)
    return names
