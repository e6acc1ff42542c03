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

import datetime as dt
import hashlib
import ipaddress
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlsplit

from generator.base import urls
from generator.base.errors import RecordError
from generator.config import SiteConfig
from generator.output.folder import MARKER
from generator.site.record import PATH, Published, Record
from generator.site.record_findings import Finding, FindingKind
from generator.site.record_reading import MalformedRecordError, parse_record

NONE = "none"
"""``--previous none``: compare with nothing (a deliberate fresh start)."""
LIVE = "live"
"""``--previous live``: the site at the configuration's ``site.url``."""
MAX_BYTES = 128 * 1024 * 1024
"""The largest record read (a site of 100,000 versions has a record of about 70 MB)."""
MAX_TEXT_BYTES = 16 * 1024 * 1024
"""The largest published text read back (a policy file is far smaller)."""
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
    base: str = ""
    """The deployment's root: its address (ending in ``/``) or its folder ("" for none)."""


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


def _read(response: IO[bytes], address: str, deadline: float, limit: int, what: str) -> bytes:
    chunks, size = [], 0
    while chunk := response.read(1024 * 1024):
        size += len(chunk)
        if size > limit:
            raise RecordError(
                f"{what} at {address} is larger than {limit // (1024 * 1024)} MB, which no "
                f"{what.removeprefix('the ').removeprefix('a ')} of a site should be.",
                hint=_HINT,
            )
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


def _base(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _get(address: str, limit: int, what: str) -> bytes | None:
    """The bytes at ``address`` (at most ``limit``), or None when it answers 404."""
    opener = urllib.request.build_opener(_SameHost(urlsplit(address).hostname or ""))
    request = urllib.request.Request(address, headers={"User-Agent": "policy-site"})
    deadline = time.monotonic() + TIMEOUT
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return _read(response, address, deadline, limit, what)
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
    raise RecordError(f"{what} at {address} {problem}.", hint=_HINT)


def fetch(url: str) -> bytes | None:
    """The record at the site ``url`` (its bytes), or None when it answers 404."""
    address = urljoin(_base(url), PATH)
    if not _allowed(address):
        raise RecordError(
            f"the previous deployment '{url}' is not an https address (http is read only "
            "from this machine's own addresses).",
            hint=_HINT,
        )
    return _get(address, MAX_BYTES, "the publication record")


def published_text(previous: Previous, entry: Published) -> bytes | None:
    """The text ``entry``'s version was published with, as the previous deployment serves
    it at its ``source.md``; None when it does not serve it, or serves another text than
    the one the record names (its SHA-256 differs)."""
    address = urls.source(entry.lang, entry.policy, entry.effective_date)
    if "://" in previous.base:
        content = _get(urljoin(previous.base, address), MAX_TEXT_BYTES, "a published text")
    else:
        path = Path(previous.base, address)
        content = path.read_bytes() if previous.base and path.is_file() else None
    if content is None or hashlib.sha256(content).hexdigest() != entry.text.sha256:
        return None
    return content


def withdrawn_texts(
    previous: Previous, found: Iterable[Finding]
) -> dict[tuple[str, str, dt.date], bytes]:
    """The published texts of the versions the record withdraws (those already withdrawn,
    and those this build ``found`` gone from the history) that the previous deployment
    still serves, by :attr:`Published.key`."""
    lost = {finding.entry.key for finding in found if finding.kind is FindingKind.GONE}
    versions = previous.record.versions if previous.record is not None else ()
    texts = {
        entry.key: published_text(previous, entry)
        for entry in versions
        if entry.gone is not None or entry.key in lost
    }
    return {key: text for key, text in texts.items() if text is not None}


def _parsed(content: bytes, where: str) -> Record:
    try:
        return parse_record(content)
    except MalformedRecordError as exc:
        raise RecordError(
            f"the publication record at {where} cannot be read: {exc}.", hint=_HINT
        ) from None


def _from_url(url: str) -> Previous:
    content = fetch(url)
    address = urljoin(_base(url), PATH)
    if content is None:
        return Previous(
            None, address, f"{address} answers 404: a first deployment, which starts the record"
        )
    record = _parsed(content, address)
    note = f"{address}, written on {record.as_of.isoformat()}"
    return Previous(record, address, note, _base(url))


def _from_folder(folder: Path, given: bool) -> Previous:
    path = folder / PATH
    if path.is_file():
        record = _parsed(path.read_bytes(), str(path))
        note = f"{path}, written on {record.as_of.isoformat()}"
        return Previous(record, str(path), note, str(folder))
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
