"""The previous deployment's publication record, read before a build writes anything.

``build --previous SOURCE`` names where: the live site (``https://…/``, or ``live`` for the
configuration's own ``site.url``), the folder of an earlier build, or ``none`` for a
deliberate fresh start; without it, the output folder when it holds an earlier build.
Only ``https`` is fetched (and ``http`` from this machine's loopback addresses, for tests
and previews), within a bounded size and time, following redirects only on the same host.
A record that answers 404 is a first deployment, and the build says so; any other failure
stops the build with what to do, as the build cannot tell what the public was shown.
"""

from __future__ import annotations

import ipaddress
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlsplit

from generator.base.errors import RecordError
from generator.config import SiteConfig
from generator.output.folder import MARKER
from generator.site.record import PATH, Record
from generator.site.record_reading import MalformedRecordError, parse_record

NONE = "none"
"""``--previous none``: compare with nothing (a deliberate fresh start)."""
LIVE = "live"
"""``--previous live``: the site at the configuration's ``site.url``."""
MAX_BYTES = 128 * 1024 * 1024
"""The largest record read (a site of 100,000 versions has a record of about 70 MB)."""
TIMEOUT = 60.0
"""Seconds a fetch of the live record may take in all."""
_HINT = (
    "Check the address (or folder) given with --previous and build again; for a deliberate "
    "fresh start with no record, build with --previous none."
)


@dataclass(frozen=True, slots=True)
class Previous:
    """What the build compares with."""

    record: Record | None
    """The previous deployment's record (None: nothing to compare with)."""
    source: str
    """Where it was read, as the messages name it."""
    note: str
    """What was found, in a sentence the build prints."""


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _allowed(url: str) -> bool:
    parts = urlsplit(url)
    host = parts.hostname or ""
    return bool(host) and (parts.scheme == "https" or (parts.scheme == "http" and _loopback(host)))


class _SameHost(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the same host, by an allowed scheme, a few times."""

    max_redirections = 5

    def __init__(self, host: str) -> None:
        self.host = host

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).hostname != self.host or not _allowed(newurl):
            raise RecordError(
                f"the live site's publication record at {req.full_url} redirects to another "
                f"host ({newurl}), which is not followed.",
                hint=_HINT,
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _read(response: IO[bytes], address: str, deadline: float) -> bytes:
    chunks, size = [], 0
    while chunk := response.read(1024 * 1024):
        size += len(chunk)
        if size > MAX_BYTES:
            raise RecordError(
                f"the publication record at {address} is larger than "
                f"{MAX_BYTES // (1024 * 1024)} MB, which no record of a site should be.",
                hint=_HINT,
            )
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str) -> bytes | None:
    """The record at the site ``url`` (its bytes), or None when it answers 404."""
    base = url if url.endswith("/") else url + "/"
    address = urljoin(base, PATH)
    if not _allowed(address):
        raise RecordError(
            f"the previous deployment '{url}' is not an https address (http is read only "
            "from this machine's own addresses).",
            hint=_HINT,
        )
    opener = urllib.request.build_opener(_SameHost(urlsplit(address).hostname or ""))
    request = urllib.request.Request(address, headers={"User-Agent": "policy-site"})
    deadline = time.monotonic() + TIMEOUT
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return _read(response, address, deadline)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        problem = f"answers {exc.code} {exc.reason}"
    except TimeoutError:
        problem = f"did not answer within {TIMEOUT:g} seconds"
    except urllib.error.URLError as exc:
        problem = f"cannot be reached ({exc.reason})"
    except OSError as exc:
        problem = f"cannot be read ({exc.strerror or exc})"
    raise RecordError(f"the publication record at {address} {problem}.", hint=_HINT)


def _parsed(content: bytes, where: str) -> Record:
    try:
        return parse_record(content)
    except MalformedRecordError as exc:
        raise RecordError(
            f"the publication record at {where} cannot be read: {exc}.", hint=_HINT
        ) from None


def _from_url(url: str) -> Previous:
    content = fetch(url)
    address = urljoin(url if url.endswith("/") else url + "/", PATH)
    if content is None:
        return Previous(
            None, address, f"{address} answers 404: a first deployment, which starts the record"
        )
    record = _parsed(content, address)
    return Previous(record, address, f"{address}, written on {record.as_of.isoformat()}")


def _from_folder(folder: Path, given: bool) -> Previous:
    path = folder / PATH
    if path.is_file():
        record = _parsed(path.read_bytes(), str(path))
        return Previous(record, str(path), f"{path}, written on {record.as_of.isoformat()}")
    if given and not folder.is_dir():
        raise RecordError(f"the previous deployment '{folder}' is no folder.", hint=_HINT)
    if given and not (folder / MARKER).is_file():
        raise RecordError(
            f"the previous deployment '{folder}' is not a policy-site build.", hint=_HINT
        )
    if (folder / MARKER).is_file():
        note = f"the earlier build in {folder} has no publication record: this build starts it"
    else:
        note = f"no earlier build in {folder}: this build starts the record"
    return Previous(None, str(folder), note)


def read_previous(source: str | None, output: Path, config: SiteConfig) -> Previous:
    """The record to compare with: from ``source`` (``--previous``), else the output's."""
    if source is None:
        return _from_folder(output, given=False)
    if source == NONE:
        return Previous(
            None, NONE, "--previous none: compared with nothing, this build starts the record"
        )
    if source == LIVE:
        if not config.site.url:
            return Previous(
                None,
                LIVE,
                "site.url is not set, so there is no live site to compare with: this build "
                "starts the record (set site.url once the site is published)",
            )
        return _from_url(config.site.url)
    if "://" in source:
        return _from_url(source)
    return _from_folder(Path(source).absolute(), given=True)
