"""Every blob a history needs, read through one ``git cat-file --batch`` process.

The requests are written from a thread while the answers are read, so git streams the
objects back without waiting for each question in turn: reading a few hundred revisions
costs about what git itself takes to find them. The answers are handed on one at a time
(:func:`stream_blobs`): a history of any length is read holding one text at once.

:class:`TextReader` reads one blob again when a later stage needs its text (a page's source
file, a rule of ``check``): one persistent ``cat-file --batch`` per process, started on
first use (a worker forked from the build starts its own), so no text has to be held for
the whole run.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from generator.base.errors import HistoryError


def read_blobs(workdir: Path, ids: Iterable[str]) -> dict[str, bytes | None]:
    """The content of each blob in ``ids`` (hex), or None where git has no such blob."""
    return dict(stream_blobs(workdir, ids))


def stream_blobs(workdir: Path, ids: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """Each blob of ``ids`` (once each, in order) with its content, or None where git has
    no such blob, as git sends it back."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return
    process = subprocess.Popen(
        ["git", "cat-file", "--batch"],
        cwd=workdir,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    requests = "".join(f"{oid}\n" for oid in wanted).encode("ascii")
    writer = threading.Thread(target=_send, args=(process.stdin, requests), daemon=True)
    writer.start()
    done = False
    try:
        for oid in wanted:
            yield oid, _answer(process.stdout, oid)
        done = True
    finally:
        if not done:  # an error, or the caller stopped reading: release the writer and git
            process.kill()
        writer.join()
        process.stdout.close()
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        status = process.wait()
    if status != 0:
        raise HistoryError(f"git could not read the policies' texts: {stderr.strip()}")


def _send(pipe: IO[bytes], requests: bytes) -> None:
    """Write every request, then close git's input so that it ends after the last answer."""
    try:
        pipe.write(requests)
        pipe.close()
    except (BrokenPipeError, ValueError):  # git stopped early: its status and message say why
        pass


def _answer(stream: IO[bytes], oid: str) -> bytes | None:
    """Read git's answer about ``oid``: ``<oid> <type> <size>`` and the content, or
    ``<oid> missing``."""
    header = stream.readline().decode("ascii", errors="replace").split()
    if len(header) == 2 and header[1] == "missing":
        return None
    if len(header) != 3 or header[0] != oid:
        raise HistoryError(f"git gave an unexpected answer for object {oid}: {' '.join(header)}")
    data = stream.read(int(header[2]) + 1)
    return data[:-1] if header[1] == "blob" else None


class TextReader:
    """Blobs read again from git when they are needed, one at a time; texts that are not in
    git (uncommitted drafts) are held here instead."""

    def __init__(self, workdir: Path | None) -> None:
        self.workdir = workdir
        self.held: dict[str, bytes] = {}
        """Contents known without git, by id (drafts, texts given by hand)."""
        self._process: subprocess.Popen[bytes] | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def hold(self, key: str, data: bytes) -> None:
        """Keep ``data`` for ``key`` (a content that git does not have)."""
        self.held[key] = data

    def read(self, oid: str) -> bytes:
        """The content of blob ``oid``. Raises :class:`HistoryError` when git has none."""
        found = self.held.get(oid)
        if found is not None:
            return found
        with self._lock:
            process = self._git()
            assert process.stdin is not None
            assert process.stdout is not None
            try:
                process.stdin.write(f"{oid}\n".encode("ascii"))
                process.stdin.flush()
                data = _answer(process.stdout, oid)
            except (OSError, HistoryError):
                self.close()
                raise HistoryError(f"git could not read the text of object {oid}.") from None
        if data is None:
            raise HistoryError(f"git has no copy of object {oid} (the repository is incomplete).")
        return data

    def _git(self) -> subprocess.Popen[bytes]:
        """This process's ``cat-file --batch`` (a forked worker starts its own)."""
        if self._process is None or self._pid != os.getpid() or self._process.poll() is not None:
            if self.workdir is None:
                raise HistoryError("this text is not kept in git.")
            self._process = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.workdir,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            self._pid = os.getpid()
        return self._process

    def close(self) -> None:
        """End this process's ``cat-file`` (a later read starts another)."""
        process, self._process = self._process, None
        if process is None or self._pid != os.getpid():
            return
        if process.stdin is not None:
            process.stdin.close()
        if process.stdout is not None:
            process.stdout.close()
        process.wait()

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without its process (the receiver starts its own)."""
        return {"workdir": self.workdir, "held": self.held}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["workdir"])  # type: ignore[misc]
        self.held = state["held"]

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # at interpreter exit, pipes may be gone already
            self.close()
