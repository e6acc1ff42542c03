"""The output folder: refused when it is not ours, written beside it, swapped in whole.

A build is written into a staging folder next to the output. Only when it is complete does
it replace the previous site, in one atomic step where the system allows it: on Linux the
two folders are exchanged with ``renameat2(RENAME_EXCHANGE)``, so at every instant the
output path holds a whole site, old or new. Elsewhere (or on a file system that refuses the
exchange) the old site is renamed aside and the new one renamed in; a build killed between
those two renames leaves the old site aside, and the next build puts it back first.

An output that is a symbolic link (to the folder a web server serves) stays a link: the new
site is written beside the folder it points to, as ``<name>.policy-site-*``, and a new link
is renamed over the old one, which is atomic; the folder it pointed to before is removed.

Every folder of the site is made 0755 and every file 0644, whatever the umask, so that a
web server running as its own user can read it.

A lock file beside the output makes a second build of the same folder wait; the folders a
killed build left behind (``.<name>.new-*``, ``.<name>.work-*``, ``.<name>.old-*``, and
for a link the ``<name>.policy-site-*`` folders it no longer points to) are removed by the
next build, which holds the lock while it does so.

The previous site, once swapped out, is renamed ``.<name>.trash-*`` (beside it) and
removed by a process of its own: the build does not wait for it, so a rebuild that keeps
most files costs what changed, not the size of the site. A removal that was stopped is
finished by the next build.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.base.errors import BuildError
from generator.config import SiteConfig

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: an exclusive lock file instead
    fcntl = None  # type: ignore[assignment]

MARKER = ".policy-site"
"""Written into every build; an output folder holding it may be replaced."""
DEFAULT_LOCK_TIMEOUT = 600.0
"""Seconds a build waits for another build of the same folder to finish."""
FAULT_VARIABLE = "POLICY_SITE_FAULT"
"""Names a step at which the process kills itself: how tests prove a kill is harmless."""
SWAP_VARIABLE = "POLICY_SITE_SWAP"
"""``rename`` forces the two-rename swap where the atomic exchange is available."""
_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
_REMOVING: list[subprocess.Popen[bytes]] = []
"""The processes removing previous sites, not waited for (see :func:`wait_for_removals`)."""


def fault_point(step: str) -> None:
    """Kill this process (SIGKILL: nothing is cleaned up) when the tests ask for ``step``."""
    if os.environ.get(FAULT_VARIABLE) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def check_output(output: Path, config: SiteConfig) -> None:
    """Refuse to replace a folder that is not a previous build of ours."""
    output = output.resolve()
    policies = (config.root / config.source.path).resolve()
    protected = {config.root.resolve(), policies}
    if output in protected or any(p.is_relative_to(output) for p in protected):
        raise BuildError(
            f"the output folder '{output}' holds the policies or the configuration; "
            "building there would delete them.",
            hint="Choose another folder, such as 'site'.",
        )
    # Policies kept at the top of the repository (source.path '.') may have the site beside
    # them; a folder that holds policy files is refused above or below (it is no build).
    if policies in output.parents and policies != config.root.resolve():
        raise BuildError(f"the output folder '{output}' is inside the policies folder.")
    check_replaceable(output)


def check_replaceable(output: Path) -> None:
    """Refuse to replace a folder that is neither empty nor a previous build of ours."""
    if output.exists() and (
        not output.is_dir() or (any(output.iterdir()) and not (output / MARKER).exists())
    ):
        raise BuildError(
            f"the output folder '{output}' already exists and is not a previous policy-site build.",
            hint="Empty it, delete it, or choose another folder with --output.",
        )


def os_error(exc: OSError, action: str, path: Path) -> BuildError:
    """An OS error as a message naming the path and what to do."""
    reason = exc.strerror or str(exc)
    hint = {
        errno.EACCES: "Check that you may write there, or choose another folder with --output.",
        errno.EPERM: "Check that you may write there, or choose another folder with --output.",
        errno.EROFS: "That file system is read-only: choose another folder with --output.",
        errno.ENOSPC: "Free some disk space and build again.",
        errno.ENOTDIR: "Part of that path is a file, not a folder: choose another --output.",
        errno.EEXIST: "Something is in the way there: remove it or choose another --output.",
    }.get(exc.errno or 0, "Check the folder and build again.")
    return BuildError(f"cannot {action} '{exc.filename or path}': {reason}.", hint=hint)


@dataclass(frozen=True, slots=True)
class Stage:
    """Where one build writes before the swap."""

    site: Path
    """The new site, complete before it replaces the output."""
    work: Path
    """Scratch space for the writer (removed after the build)."""


@contextlib.contextmanager
def staged(output: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[Stage]:
    """Fresh folders beside ``output`` to write the site into; the site replaces ``output``
    when the block succeeds, and both are removed whatever happens.

    An output that is a symbolic link stays one: the new site is written beside the
    folder it points to, and the link is swapped to it in one step (then the old folder
    is removed)."""
    output = output.absolute()
    linked = output.is_symlink()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, "create the folder", output.parent) from None
    with _locked(output, lock_timeout):
        _recover(output)
        beside = output.resolve().parent if linked else output.parent
        prefix = f"{output.name}{LINKED}" if linked else f".{output.name}.new-"
        try:
            site = Path(tempfile.mkdtemp(prefix=prefix, dir=beside))
            # Beside the site: the parts are renamed from one into the other.
            work = Path(tempfile.mkdtemp(prefix=f".{output.name}.work-", dir=beside))
        except OSError as exc:
            raise os_error(exc, "write beside the output folder", output.parent) from None
        try:
            yield Stage(site, work)
            (site / MARKER).write_text(
                "This folder is a policy-site build; it is replaced on each build.\n"
            )
            publishable(site)
            fault_point("staged")
            if linked:
                site = _swap_link(site, output)
            else:
                _swap(site, output)
        except OSError as exc:
            raise os_error(exc, "replace the site in", output) from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
            _discard(site, output)


def _discard(folder: Path, output: Path) -> None:
    """Remove ``folder`` (the previous site, after the swap; a failed build's, else) in a
    process of its own, once renamed out of the way beside it; here where no process can be
    started."""
    if not folder.exists():
        return
    try:
        trash = Path(tempfile.mkdtemp(prefix=f".{output.name}.trash-", dir=folder.parent))
        folder.rename(trash / "site")
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    _remove_later(trash)


def _remove_later(folder: Path) -> None:
    """Remove ``folder`` in a process of its own (here, where none can be started)."""
    _REMOVING[:] = [p for p in _REMOVING if p.poll() is None]
    try:
        _REMOVING.append(
            subprocess.Popen(
                [sys.executable, "-c", _REMOVE, str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def wait_for_removals() -> None:
    """Wait until the previous sites this process discarded are removed (for tests, and
    for callers that measure the disk)."""
    for process in _REMOVING:
        process.wait()
    _REMOVING.clear()


LINKED = ".policy-site-"
"""Between an output link's name and a random part: the folders the link points to."""


def publishable(folder: Path) -> None:
    """Folders 0755 and files 0644, whatever the umask or the temporary folder gave: a web
    server running as its own user must be able to read the site."""
    folder.chmod(0o755)
    for root, folders, files in os.walk(folder):
        for name in folders:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


def _swap_link(site: Path, output: Path) -> Path:
    """Point the link ``output`` at ``site`` in one step (a new link renamed over it);
    the folder it pointed to before, to be removed."""
    before = output.resolve()
    written = os.readlink(output)
    target = str(site) if os.path.isabs(written) else os.path.relpath(site, output.parent)
    link = output.with_name(f".{output.name}.link-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    os.symlink(target, link)
    fault_point("linked")
    os.replace(link, output)
    return before


@contextlib.contextmanager
def _locked(output: Path, timeout: float) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside ``output``; wait for another build up to ``timeout``."""
    path = output.with_name(f".{output.name}.lock")
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise os_error(exc, "create the lock file", path) from None
    deadline = time.monotonic() + timeout
    try:
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise BuildError(
                    f"another build of '{output}' is still running (it holds '{path}'); "
                    f"waited {timeout:g} seconds.",
                    hint="Wait for it to finish, or give more time with --lock-timeout.",
                )
            time.sleep(0.2)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _try_lock(handle: int) -> bool:
    if fcntl is None:  # pragma: no cover - no advisory locks: builds are not serialised
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _leftovers(output: Path, kind: str) -> list[Path]:
    return sorted(output.parent.glob(f".{output.name}.{kind}-*"))


def _recover(output: Path) -> None:
    """Undo what a killed build left: put an old site back if the output is missing, then
    remove every staging, scratch and old folder (the lock is held: none is in use), and
    the discarded sites whose removal may have been stopped."""
    old = _leftovers(output, "old")
    if not output.exists() and not output.is_symlink() and old:
        old[-1].rename(output)
    if output.is_symlink():
        for link in output.parent.glob(f".{output.name}.link-*"):
            link.unlink(missing_ok=True)
        live = output.resolve()
        for folder in sorted(live.parent.glob(f"{output.name}{LINKED}*")):
            if folder != live:
                shutil.rmtree(folder, ignore_errors=True)
        for folder in live.parent.glob(f".{output.name}.work-*"):
            shutil.rmtree(folder, ignore_errors=True)
        for folder in live.parent.glob(f".{output.name}.trash-*"):
            _remove_later(folder)
    for folder in [*_leftovers(output, "old"), *_leftovers(output, "new")]:
        shutil.rmtree(folder, ignore_errors=True)
    for folder in _leftovers(output, "work"):
        shutil.rmtree(folder, ignore_errors=True)
    for folder in _leftovers(output, "trash"):  # a removal that was stopped, or still going
        _remove_later(folder)


def _swap(staging: Path, output: Path) -> None:
    """Make ``staging`` the output; afterwards ``staging`` holds the previous site (if any)."""
    if not output.exists():
        staging.rename(output)
        return
    if os.environ.get(SWAP_VARIABLE) != "rename" and _exchange(staging, output):
        fault_point("exchanged")
        return
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    output.rename(old)
    fault_point("renamed-aside")
    try:
        staging.rename(output)
    except OSError:
        old.rename(output)
        raise
    old.rename(staging)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(one: Path, other: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2``); False where that is unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(other))
