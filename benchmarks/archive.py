"""Write a long archive of many services' terms, as a project that tracks them keeps it.

Run from the repository root::

    python benchmarks/archive.py /tmp/archive                 # 260 documents, ~10,400 commits
    python benchmarks/archive.py /tmp/archive2 --history 2    # the same documents, twice the history
    python benchmarks/archive.py /tmp/tiny -D 6 -R 5 -C 9 -K 4  # a few seconds

or import it: ``generate_archive(path, ArchiveShape(...), seed=1)``.

This is the repository a new user points ``policy-site init`` at, unlike
``benchmarks/generate.py``'s site repository: no ``site_config.yml`` and no front matter.
It holds D documents (``<Service>/<Document>.md``, one language, English) with, on average,
R distinct revisions each of about K kilobytes and C commits each, so C × D commits in all
(more than the revisions: a tracked page often flips between two states, and every flip is
a commit of a text seen before). Most documents state their date in a line of the text
("Last updated: March 4, 2024", "Effective date: 4 March 2024"); a revision that keeps the
line corrects its version, one that changes it is a new version. The rest state no date,
so each commit that changes what a reader sees, on a new day, is a version dated by the
commit. Some commits only reflow the text; a few services are renamed (their folder
moved) and a few documents are deleted.

The texts are invented from ``generate.py``'s word lists for fictional services; they are
amended with its editor (sentences reworded, numbers changed, sections added, removed,
moved and renamed). Everything is seeded: the same arguments give the same commits. All
blobs and commits go through one ``git fast-import``; each text is rendered once (blocks
an amendment does not touch are reused), and a flip back names the blob already written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import (  # noqa: E402 (after the path: run from a checkout)
    DEFAULT_AS_OF,
    BlockCache,
    Policy,
    Style,
    Writer,
    git_env,
    pick_languages,
    render_body,
)

WORD_BYTES = 6.6
"""Bytes per word of the English text, markup included (measured on the generator's text)."""
_COMMITTER = ("Archive Bot", "archive-bot@example-devices.test")
_SYLLABLES = ("bri lane cor vel ta mo nex ira pal quo sen tra vio lum ber dax fen gal hor ",
              "jun kel mar nor ost pen ria sol tor uva wex yar zel")  # fmt: skip
_SUFFIXES = ("", "", " Cloud", " Pay", " Maps", " Mail", " Health", " Play", " Drive", " Labs")
_DOCUMENTS = (
    "Terms of Service",
    "Privacy Policy",
    "Cookie Policy",
    "Acceptable Use Policy",
    "Community Guidelines",
    "Developer Terms",
    "Data Processing Agreement",
    "Subscription Terms",
    "Refund Policy",
    "Copyright Policy",
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class ArchiveShape:
    """The size of an archive: documents, and per document on average the distinct
    revisions, the commits and the kilobytes of each revision."""

    documents: int = 260
    revisions: int = 18
    commits: int = 40
    kilobytes: float = 62.0

    def longer(self, factor: float) -> ArchiveShape:
        """The same documents with a history ``factor`` times as long."""
        return replace(
            self,
            revisions=max(1, round(self.revisions * factor)),
            commits=max(1, round(self.commits * factor)),
        )

    @property
    def label(self) -> str:
        """``D=260 R=18 C=40 K=62``."""
        return f"D={self.documents} R={self.revisions} C={self.commits} K={self.kilobytes:g}"


@dataclass(frozen=True)
class Written:
    """What :func:`generate_archive` wrote."""

    path: Path
    commits: int
    """Commits on ``main``."""
    revisions: int
    """Distinct texts (blobs) of documents."""
    text_bytes: int
    """Their total size."""
    documents: int


@dataclass(frozen=True, order=True)
class _Event:
    """One commit of one document: when, and the blob (a mark) it leaves at which path."""

    time: int
    order: tuple[int, int]
    path: str = field(compare=False)
    mark: int = field(compare=False)
    message: str = field(compare=False)
    deleted: str = field(default="", compare=False)
    """A path the commit deletes (a rename deletes the old one; a deletion has no mark)."""


class _Blobs:
    """Blobs written to fast-import as they are made, each named by a mark."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.next = 1
        self.count = 0
        self.size = 0

    def add(self, data: bytes) -> int:
        mark = self.next
        self.next += 1
        self.count += 1
        self.size += len(data)
        self.stream.write(b"blob\nmark :%d\ndata %d\n%s\n" % (mark, len(data), data))
        return mark


def _service_name(rng: random.Random) -> str:
    syllables = _SYLLABLES[0].split() + _SYLLABLES[1].split()
    name = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()
    return name + rng.choice(_SUFFIXES)


def _services(count: int, seed: int) -> list[tuple[str, str]]:
    """(service, document) of each document: a few documents per service, names unique."""
    rng = random.Random(f"archive/{seed}/services")
    found: list[tuple[str, str]] = []
    taken: set[str] = set()
    while len(found) < count:
        service = _service_name(rng)
        if service in taken:
            continue
        taken.add(service)
        kinds = rng.sample(_DOCUMENTS, rng.randint(1, 4))
        found += [(service, kind) for kind in kinds[: count - len(found)]]
    return found


def _date_line(form: int, day: dt.date) -> str:
    if form == 0:
        return f"Last updated: {_MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"Effective date: {day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass
class _Document:
    """One document while its history is written."""

    index: int
    service: str
    kind: str
    writer: Writer
    policy: Policy
    style: Style
    form: int
    """Its date line's form, or -1 when it states no date."""
    cache: BlockCache = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"{self.service}/{self.kind}.md"

    def text(self, day: dt.date | None) -> bytes:
        lines = [f"# {self.service} {self.kind}\n"]
        if self.form >= 0 and day is not None:
            lines.append(_date_line(self.form, day) + "\n")
        lang = _ENGLISH[0]
        return "\n".join([*lines, *render_body(self.policy, lang, self.style, self.cache)]).encode()


_ENGLISH = pick_languages(1)


def _spread(total: int, count: int, rng: random.Random, low: float = 0.4) -> list[int]:
    """``count`` positive numbers of about ``total / count`` each (from ``low`` to ``2 - low``
    times it), adding up to ``total``."""
    weights = [rng.uniform(low, 2 - low) for _ in range(count)]
    scale = total / sum(weights)
    counts = [max(1, round(w * scale)) for w in weights]
    for _ in range(abs(total - sum(counts))):
        step = 1 if total > sum(counts) else -1
        candidates = [i for i in range(count) if counts[i] + step >= 1]
        counts[rng.choice(candidates)] += step
    return counts


def _times(commits: int, window: tuple[int, int], rng: random.Random) -> list[int]:
    """When each of a document's commits is made: from a day in the first two fifths of the
    window to its end, at least a day apart (so a document dated by its commits gets a
    version for each)."""
    start, end = window
    first = rng.randint(start, start + (end - start) * 2 // 5)
    gaps = sorted(rng.uniform(0, 1) for _ in range(commits - 1))
    times = [first] + [first + int(g * (end - first)) for g in gaps]
    for n in range(1, len(times)):
        times[n] = max(times[n], times[n - 1] + 86_400 + rng.randint(0, 3_600))
    return times


def _kinds(revisions: int, dated: bool, rng: random.Random) -> list[str]:
    """What each distinct revision is: about one in three a new version for a dated
    document (the others correct it: a word, or the layout), every one for an undated one."""
    return ["version"] + [
        "version" if not dated or rng.random() < 0.34 else "correction"
        for _ in range(revisions - 1)
    ]


def _document_events(
    doc: _Document,
    kinds: list[str],
    flips: dict[int, int],
    window: tuple[int, int],
    rng: random.Random,
    blobs: _Blobs,
) -> Iterator[_Event]:
    """Every commit of one document, oldest first: one per revision of ``kinds``, and after
    the n-th, ``flips[n]`` commits that bring back the text before it, then it, in turn."""
    times = iter(_times(len(kinds) + sum(flips.values()), window, rng))
    day: dt.date | None = None
    marks: list[int] = []
    order = 0
    for n, kind in enumerate(kinds):
        now = next(times)
        observed = dt.datetime.fromtimestamp(now, tz=dt.UTC).date()
        if kind == "version":
            if n:
                doc.policy, _notes = doc.writer.amend(doc.policy, rng.randint(2, 6))
            stated = observed - dt.timedelta(days=rng.randint(0, 20))
            day = max(day + dt.timedelta(days=1), stated) if day else stated
            message = f"Record the new version of {doc.service}'s {doc.kind}"
        elif rng.random() < 0.3:
            widths = [w for w in (0, 72, 80, 100) if w != doc.style.width]
            doc.style = replace(doc.style, width=rng.choice(widths))
            message = f"Record {doc.service}'s {doc.kind}: only its layout changed"
        else:
            doc.policy, _note = doc.writer.correct(doc.policy)
            message = f"Record a change to {doc.service}'s {doc.kind}"
        marks.append(blobs.add(doc.text(day)))
        yield _Event(now, (doc.index, order), doc.path, marks[-1], message)
        order += 1
        for flip in range(flips.get(n, 0)):
            mark = marks[-2] if flip % 2 == 0 else marks[-1]
            message = f"Record a change to {doc.service}'s {doc.kind}"
            yield _Event(next(times), (doc.index, order), doc.path, mark, message)
            order += 1


def _archive_events(shape: ArchiveShape, seed: int, as_of: dt.date, blobs: _Blobs) -> list[_Event]:
    """Every commit of the archive, in time order (texts written to ``blobs`` on the way)."""
    rng = random.Random(f"archive/{seed}")
    end = int(dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC).timestamp()) - 10 * 86_400
    window = (end - 10 * 365 * 86_400, end)
    names = _services(shape.documents, seed)
    revisions = _spread(shape.revisions * shape.documents, shape.documents, rng)
    streams = [random.Random(f"archive/{seed}/{n}") for n in range(shape.documents)]
    forms = [-1 if r.random() < 0.15 else r.randrange(2) for r in streams]
    kinds = [
        _kinds(count, form >= 0, r)
        for count, form, r in zip(revisions, forms, streams, strict=True)
    ]
    # A flip goes back to the text before a correction (a version's texts, never across
    # versions): the commits beyond the revisions are spread over the corrections.
    corrections = [
        (d, n) for d, found in enumerate(kinds) for n, k in enumerate(found) if k == "correction"
    ]
    flips: list[dict[int, int]] = [{} for _ in kinds]
    extra = max(0, (shape.commits - shape.revisions) * shape.documents)
    for _ in range(extra if corrections else 0):
        d, n = rng.choice(corrections)
        flips[d][n] = flips[d].get(n, 0) + 1
    events: list[_Event] = []
    for index, (service, kind) in enumerate(names):
        doc_rng = streams[index]
        size = shape.kilobytes * math.exp(doc_rng.gauss(0, 0.5) - 0.125)
        size = min(max(size, shape.kilobytes / 4), shape.kilobytes * 4)
        writer = Writer(doc_rng, max(60, int(size * 1024 / WORD_BYTES)))
        policy = writer.policy(index, 1)
        doc = _Document(index, service, kind, writer, policy, Style(width=80), forms[index])
        found = list(_document_events(doc, kinds[index], flips[index], window, doc_rng, blobs))
        events += _renamed_or_deleted(found, doc, index, doc_rng)
        doc.cache.clear()
    return sorted(events)


def _renamed_or_deleted(
    events: list[_Event], doc: _Document, index: int, rng: random.Random
) -> list[_Event]:
    """About one document in fifty moves to a renamed service's folder half-way through its
    history; about one in a hundred is deleted after its last commit."""
    roll = rng.random()
    if roll < 0.02 and len(events) >= 2:
        half = len(events) // 2
        old, new = doc.path, f"{doc.service} Group/{doc.kind}.md"
        moved = [replace(e, path=new) for e in events[half:]]
        renaming = replace(
            events[half - 1],
            time=events[half - 1].time + 60,
            order=(index, 10**6),
            path=new,
            message=f"Record {doc.service}'s new name",
            deleted=old,
        )
        return [*events[:half], renaming, *moved]
    if roll > 0.99:
        last = events[-1]
        gone = _Event(
            last.time + 86_400,
            (index, 10**6 + 1),
            "",
            0,
            f"Record that {doc.service}'s {doc.kind} is gone",
            deleted=last.path,
        )
        return [*events, gone]
    return events


def _commit(event: _Event, mark: int, parent: int | None) -> bytes:
    message = event.message.encode()
    name, email = _COMMITTER
    parts = [
        b"commit refs/heads/main\nmark :%d\n" % mark,
        f"author {name} <{email}> {event.time} +0000\n".encode(),
        f"committer {name} <{email}> {event.time} +0000\n".encode(),
        b"data %d\n%s\n" % (len(message), message),
    ]
    if parent is not None:
        parts.append(b"from :%d\n" % parent)
    if event.deleted:
        parts.append(f'D "{event.deleted}"\n'.encode())
    if event.mark:
        parts.append(f'M 100644 :{event.mark} "{event.path}"\n'.encode())
    parts.append(b"\n")
    return b"".join(parts)


README = """# An archive of terms

Each folder is a service; each file one of its documents, as it was recorded each time it
changed. The texts are invented for the benchmarks of policy-site.
"""


def generate_archive(
    path: str | Path,
    shape: ArchiveShape = ArchiveShape(),
    seed: int = 1,
    as_of: dt.date = DEFAULT_AS_OF,
) -> Written:
    """Write the archive at ``path`` (a new or empty folder)."""
    path = Path(path)
    if path.exists() and any(path.iterdir()):
        raise FileExistsError(f"'{path}' is not empty")
    path.mkdir(parents=True, exist_ok=True)
    env = git_env()
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], env=env, check=True)
    command = ["git", "fast-import", "--quiet", "--date-format=raw", "--done"]
    with subprocess.Popen(command, cwd=path, env=env, stdin=subprocess.PIPE) as process:
        assert process.stdin is not None
        blobs = _Blobs(process.stdin)
        readme = blobs.add(README.encode())
        events = _archive_events(shape, seed, as_of, blobs)
        text_bytes, revisions = blobs.size - len(README), blobs.count - 1
        first = replace(
            events[0],
            time=events[0].time - 86_400,
            path="README.md",
            mark=readme,
            message="Start the archive",
        )
        mark, parent = blobs.next, None
        for event in [first, *events]:
            process.stdin.write(_commit(event, mark, parent))
            parent, mark = mark, mark + 1
        process.stdin.write(b"done\n")
        process.stdin.close()
        if process.wait() != 0:
            raise RuntimeError("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=path, env=env, check=True)
    return Written(path, len(events) + 1, revisions, text_bytes, shape.documents)


def add_shape_arguments(parser: argparse.ArgumentParser) -> None:
    """The archive's size options (shared with ``archive_bench.py``)."""
    base = ArchiveShape()
    parser.add_argument(
        "-D", "--documents", type=int, default=base.documents, help=f"documents ({base.documents})"
    )
    parser.add_argument(
        "-R",
        "--revisions",
        type=int,
        default=base.revisions,
        help=f"distinct revisions per document, on average ({base.revisions})",
    )
    parser.add_argument(
        "-C",
        "--commits",
        type=int,
        default=base.commits,
        help=f"commits per document, on average ({base.commits})",
    )
    parser.add_argument(
        "-K",
        "--kilobytes",
        type=float,
        default=base.kilobytes,
        help=f"kilobytes of a revision, on average ({base.kilobytes:g})",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")


def shape_from(args: argparse.Namespace) -> ArchiveShape:
    """The shape the options give."""
    return ArchiveShape(args.documents, args.revisions, args.commits, args.kilobytes)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: write the archive and say what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="new or empty folder for the repository")
    add_shape_arguments(parser)
    parser.add_argument(
        "--history",
        type=float,
        default=1.0,
        help="a history this many times as long, same documents (1)",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    written = generate_archive(args.path, shape_from(args).longer(args.history), args.seed)
    took = time.perf_counter() - start
    print(
        f"Wrote {written.commits:,} commits of {written.documents:,} documents, "
        f"{written.revisions:,} distinct revisions of {written.text_bytes / written.revisions / 1024:.1f} KB "
        f"on average ({written.text_bytes / 1024**2:,.0f} MB of text), to {args.path} in {took:.1f} s."
    )


if __name__ == "__main__":
    main()
