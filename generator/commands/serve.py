"""``policy-site serve``: a local preview that rebuilds itself, drafts included.

The site is built (with the uncommitted edits as drafts, clearly marked) into a temporary
folder and served on 127.0.0.1. watchdog (already MkDocs' own watcher) reports changes to
the policies, the configuration, the site's theme and git itself (a commit turns a draft
into a version); each change rebuilds the site, and open pages reload through a small
event stream. ``build`` never includes drafts; only this preview does.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import http.server
import ipaddress
import shutil
import socket
import tempfile
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any, ClassVar

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.base.errors import PolicySiteError, UsageError
from generator.commands.build import Options, Reporter, build_with
from generator.config import SiteConfig, load_config

EVENTS_PATH = "/.policy-site/events"
"""Where open pages listen for "rebuilt, reload" (the live reload script in the theme)."""
QUIET_SECONDS = 0.3
"""How long changes must pause before a rebuild starts (an editor saves several files)."""


@dataclass
class Preview:
    """The state the server, the watcher and the rebuilds share."""

    config_path: Path
    """The configuration file."""
    output: Path
    """Where the preview is built."""
    as_of: dt.date
    """The day the preview is built for."""
    clock: Callable[[], dt.datetime]
    """Now (for the drafts' dates): the command line passes the wall clock in."""
    reporter: Reporter
    """Hears each build and each error."""
    generation: int = 0
    """How many builds succeeded; open pages reload when it grows."""
    changed: threading.Condition = field(default_factory=threading.Condition)
    """Notified after each successful build."""
    reported: tuple[str, bytes] | None = None
    """The last problem reported, with the configuration as it was then."""

    def rebuild(self) -> bool:
        """Build the preview once; a problem is reported and the previous preview stays.

        The same problem with the same configuration is reported once: changes that do not
        touch it (git's own files, an editor's swap file) rebuild without repeating it."""
        try:
            options = Options(self.as_of, drafts_at=self.clock(), live_reload=True)
            build_with(self.config_path, self.output, options, self.reporter)
        except PolicySiteError as exc:
            problem = (str(exc), self._configuration())
            if problem != self.reported:
                self.reported = problem
                self.reporter.problem(problem[0])
            return False
        self.reported = None
        with self.changed:
            self.generation += 1
            self.changed.notify_all()
        return True

    def _configuration(self) -> bytes:
        """The configuration file's bytes (empty when it cannot be read)."""
        try:
            return self.config_path.read_bytes()
        except OSError:
            return b""

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """The generation once it is past ``seen`` (or after ``timeout`` seconds)."""
        with self.changed:
            self.changed.wait_for(lambda: self.generation > seen, timeout=timeout)
            return self.generation


class _Files(http.server.SimpleHTTPRequestHandler):
    """Serves a folder's files, without a log line per request; text says its charset (the
    site is UTF-8), and a request for a path no file can have is answered 400."""

    extensions_map: ClassVar[dict[str, str]] = {  # type: ignore[misc]
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".md": "text/markdown; charset=utf-8",
        ".xml": "application/xml; charset=utf-8",
        ".json": "application/json; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".svg": "image/svg+xml; charset=utf-8",
    }

    allowed: ClassVar[frozenset[str]] = frozenset({"localhost", "127.0.0.1"})
    """The host names a request may give: the preview's own address and ``localhost``."""
    any_address: ClassVar[bool] = False
    """Listening on every address (0.0.0.0, ::): any address written as numbers is ours."""

    def host_allowed(self) -> bool:
        """Whether the request's ``Host:`` names this preview. A web page elsewhere could
        otherwise reach it under a name of its own that it points at this computer (DNS
        rebinding) and read the drafts; a name cannot be pointed at a number."""
        given = (self.headers.get("Host") or "").strip().lower()
        if given.startswith("["):
            name = given[1 : given.find("]")] if "]" in given else ""
        else:
            name = given.rpartition(":")[0] if ":" in given else given
        if name in self.allowed:
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return self.any_address

    def send_head(self) -> Any:
        """The file's headers; 403 when the request names another host; 400 for a path
        holding a NUL or another control character (the file system would refuse it with
        an error, not an answer)."""
        if not self.host_allowed():
            self.send_error(HTTPStatus.FORBIDDEN, "This preview answers only at its own address")
            return None
        try:
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path, errors="strict")
            if not any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path):
                return super().send_head()
        except (ValueError, OSError):  # not UTF-8, or a name the file system refuses
            pass
        self.send_error(HTTPStatus.BAD_REQUEST, "No page has such an address")
        return None

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not worth a line each."""


class _Handler(_Files):
    """Serves the preview's files, and the event stream that makes open pages reload."""

    preview: Preview

    def do_GET(self) -> None:
        """Files as they are; the event stream at :data:`EVENTS_PATH`."""
        if self.path != EVENTS_PATH or not self.host_allowed():
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.preview.generation
        try:
            while True:
                now = self.preview.wait_for_change(seen, timeout=15)
                self.wfile.write(b"data: reload\n\n" if now > seen else b": still here\n\n")
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            return


class _Changes(FileSystemEventHandler):
    """Collects file events; a background thread rebuilds once they pause."""

    def __init__(self, ignored: tuple[Path, ...]) -> None:
        self.ignored = ignored
        self.pending = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Note the change unless it is in a folder that does not matter."""
        path = Path(str(event.src_path))
        if any(path.is_relative_to(folder) for folder in self.ignored):
            return
        self.pending.set()


def watched(config: SiteConfig, config_path: Path) -> tuple[list[Path], tuple[Path, ...]]:
    """The folders to watch, and the ones inside them to ignore."""
    root = config.root
    folders = [config_path.resolve().parent, (root / config.source.path).resolve()]
    theme = (root / config.site.theme).resolve()
    if theme.is_dir():
        folders.append(theme)
    git = root / ".git"
    ignored = (git / "objects", git / "logs", root / "site", root / ".policy-site-cache")
    unique = sorted({folder for folder in folders if folder.is_dir()})
    # A folder inside another one is watched with it.
    top = [f for f in unique if not any(f != o and f.is_relative_to(o) for o in unique)]
    return top, tuple(p.resolve() for p in ignored)


def _listen(host: str, port: int, handler: Any) -> http.server.ThreadingHTTPServer:
    """A server listening on ``host:port``; a :class:`UsageError` saying why it cannot."""
    try:
        return http.server.ThreadingHTTPServer((host, port), handler)
    except socket.gaierror:
        raise UsageError(
            f"'{host}' is not an address or a host name this computer can find.",
            hint="Leave out --host to serve on 127.0.0.1.",
        ) from None
    except OSError as exc:
        reasons = {
            errno.EADDRINUSE: (
                f"port {port} on {host} is in use already: another preview, or another "
                "program, is serving there.",
                f"Stop it, or choose another port: policy-site serve --port {port + 1} "
                "(or --port 0 for any free one).",
            ),
            errno.EACCES: (
                f"this computer does not let policy-site listen on port {port}: ports below "
                "1024 need administrator rights.",
                "Choose a port such as 8000 (--port 8000).",
            ),
            errno.EADDRNOTAVAIL: (
                f"'{host}' is not an address of this computer.",
                "Leave out --host to serve on 127.0.0.1.",
            ),
        }
        message, hint = reasons.get(
            exc.errno or 0,
            (f"cannot listen on {host}, port {port}: {exc.strerror or exc}.", None),
        )
        raise UsageError(message, hint=hint) from None


@contextmanager
def serving(
    directory: Path, host: str = "127.0.0.1", port: int = 0, preview: Preview | None = None
) -> Iterator[str]:
    """``directory`` served on ``host:port`` (0: a free port), with the live-reload events
    of ``preview`` if given; yields its address."""
    base: type[_Files] = _Files if preview is None else _Handler
    names = {"localhost", host.strip("[]").lower()}
    wildcard = host.strip("[]") in ("", "0.0.0.0", "::")
    if wildcard:
        names.add(socket.gethostname().lower())
    fields: dict[str, Any] = {"allowed": frozenset(names), "any_address": wildcard}
    if preview is not None:
        fields["preview"] = preview
    handler = functools.partial(type("_Serving", (base,), fields), directory=str(directory))
    httpd = _listen(host, port, handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def serve(
    config_path: Path,
    *,
    host: str,
    port: int,
    as_of: dt.date,
    clock: Callable[[], dt.datetime],
    reporter: Reporter,
    on_ready: Callable[[str], None],
    stop: threading.Event,
) -> None:
    """Build, serve and rebuild on every change until ``stop`` is set (Ctrl-C)."""
    config = load_config(config_path)
    folder = Path(tempfile.mkdtemp(prefix="policy-site-serve-"))
    preview = Preview(config_path, folder / "site", as_of, clock, reporter)
    try:
        # The address first: a port in use is said before a whole build is waited for.
        with serving(preview.output, host, port, preview) as address:
            if not preview.rebuild():
                raise PolicySiteError(
                    "the preview could not be built; fix the problem above first."
                )
            folders, ignored = watched(config, config_path)
            changes = _Changes(ignored)
            observer = Observer()
            for watched_folder in folders:
                observer.schedule(changes, str(watched_folder), recursive=True)
            observer.start()
            try:
                on_ready(address)
                while not stop.is_set():
                    if changes.pending.wait(timeout=0.2) and not stop.wait(QUIET_SECONDS):
                        changes.pending.clear()
                        preview.rebuild()
            finally:
                observer.stop()
                observer.join()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
