"""Every blob a history needs, read through one ``git cat-file --batch`` process.

The requests are written from a thread while the answers are read, so git streams the
objects back without waiting for each question in turn: reading a few hundred revisions
costs about what git itself takes to find them.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from generator.base.errors import HistoryError


def read_blobs(workdir: Path, ids: Iterable[str]) -> dict[str, bytes | None]:
    """The content of each blob in ``ids`` (hex), or None where git has no such blob."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
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
    try:
        found = {oid: _answer(process.stdout, oid) for oid in wanted}
    except BaseException:
        process.kill()  # so that the writer, blocked on a full pipe, is released
        raise
    finally:
        writer.join()
        process.stdout.close()
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        status = process.wait()
    if status != 0:
        raise HistoryError(f"git could not read the policies' texts: {stderr.strip()}")
    return found


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
