"""The ``policy-site`` command: the only place that reads the clock, prints, and exits.

Every :class:`PolicySiteError` becomes a one- or two-line message and an exit code:
0 success, 1 the check or build failed, 2 a usage or configuration error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import signal
import sys
import threading
import time
import traceback
import zoneinfo
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.base.errors import PolicySiteError, UsageError
from generator.base.words import counted
from generator.commands import arguments


def today(config_path: Path) -> dt.date:
    """Today in the site's timezone (UTC when the configuration cannot be read yet)."""
    from generator.config import load_config

    try:
        tz = load_config(config_path).tz
    except (PolicySiteError, zoneinfo.ZoneInfoNotFoundError):
        tz = zoneinfo.ZoneInfo("UTC")
    return dt.datetime.now(tz).date()


class TerminalReporter:
    """Says what the build does: a line per stage and part as it finishes, with its time
    and the seconds since the start, warnings grouped once at the end; nothing but errors
    with --quiet. With ``progress`` (build, assemble) the lines go to the standard output
    wherever it leads, flushed at once, so that a CI log shows a long build moving;
    otherwise (serve) to the terminal only, or with --verbose."""

    def __init__(self, *, quiet: bool, verbose: bool, progress: bool = False) -> None:
        self.quiet = quiet
        self.stream = sys.stdout if progress else sys.stderr
        self.stages = verbose or (not quiet and (progress or sys.stderr.isatty()))
        self.started = self.last = time.monotonic()

    def stage(self, name: str, detail: str) -> None:
        """One line: the stage, what it produced, how long it took, the time so far."""
        now = time.monotonic()
        if self.stages:
            print(
                f"  {name:<9} {detail} ({now - self.last:.1f} s, {now - self.started:.0f} s in all)",
                file=self.stream,
                flush=True,
            )
        self.last = now

    def warnings(self, messages: Sequence[str]) -> None:
        """Every warning once, under one heading."""
        if messages and not self.quiet:
            print(f"policy-site: {len(messages)} warning(s):", file=sys.stderr)
            for message in messages:
                print(f"  - {message}", file=sys.stderr)

    def problem(self, message: str) -> None:
        """A preview's build failed; it goes on with the previous one."""
        print(f"policy-site: {message}", file=sys.stderr)

    def elapsed(self) -> float:
        """Seconds since the command started."""
        return time.monotonic() - self.started


def _build(args: argparse.Namespace) -> int:
    from generator.commands.build import build

    as_of = args.as_of or today(args.config)
    output = args.output.absolute()
    reporter = TerminalReporter(quiet=args.quiet, verbose=args.verbose, progress=True)
    built = build(
        args.config,
        output,
        as_of,
        lock_timeout=args.lock_timeout,
        reporter=reporter,
        cache=not args.no_cache,
        shard=args.shard,
        strict=args.strict,
        previous=args.previous,
        accept=args.accept,
    )
    if not args.quiet:
        what = f"shard {args.shard[0]} of {args.shard[1]}: " if args.shard else ""
        print(
            f"Built {what}{counted(built.pages, 'page')} in "
            f"{counted(built.languages, 'language')} into "
            f"{output}/ (as of {as_of.isoformat()}) in {reporter.elapsed():.1f} s."
        )
    return 0


def _assemble(args: argparse.Namespace) -> int:
    from generator.commands.assemble import assemble

    output = args.output.absolute()
    reporter = TerminalReporter(quiet=args.quiet, verbose=args.verbose, progress=True)
    files = assemble(args.parts, output, lock_timeout=args.lock_timeout, reporter=reporter)
    if not args.quiet:
        print(
            f"Assembled {counted(len(args.parts), 'part')} ({counted(files, 'file')}) into "
            f"{output}/ in {reporter.elapsed():.1f} s."
        )
    return 0


def _serve(args: argparse.Namespace) -> int:
    from generator.commands.serve import serve

    stop = threading.Event()
    reporter = TerminalReporter(quiet=args.quiet, verbose=args.verbose)

    def ready(address: str) -> None:
        print(
            f"Serving the preview at {address} (drafts included). Press Ctrl-C to stop.", flush=True
        )

    try:
        serve(
            args.config,
            host=args.host,
            port=args.port,
            as_of=args.as_of or today(args.config),
            # Uncommitted edits are dated like commits: in this machine's own offset.
            clock=lambda: dt.datetime.now(dt.UTC).astimezone(),
            reporter=reporter,
            on_ready=ready,
            stop=stop,
        )
    except KeyboardInterrupt:
        stop.set()
        print("Stopped.", flush=True)
    return 0


def _check(args: argparse.Namespace) -> int:
    from generator.commands.check import run_check

    return run_check(
        args.config,
        since=args.since,
        strict=args.strict,
        previous=args.previous,
        fmt=args.format,
        as_of=args.as_of or today(args.config),
        out=sys.stdout,
    )


def _diff(args: argparse.Namespace) -> int:
    from generator.commands.diff import run_diff, run_diff_since

    if args.since is not None:
        if args.policy or args.old or args.new:
            raise UsageError("give either --since REV or a policy to compare, not both.")
        text = run_diff_since(args.config, args.since, fmt=args.format, color=sys.stdout.isatty())
        sys.stdout.write(text)
        return 0
    if args.policy is None:
        raise UsageError(
            "name the policy to compare, or give --since REV.",
            hint="For example: policy-site diff privacy, or policy-site diff --since origin/main.",
        )
    text = run_diff(
        args.config,
        args.policy,
        args.old,
        args.new,
        lang=args.lang,
        fmt=args.format,
        as_of=args.as_of or today(args.config),
        now=dt.datetime.now(dt.UTC).astimezone(),
        color=sys.stdout.isatty(),
    )
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _new(args: argparse.Namespace) -> int:
    from generator.commands.new import new_site

    effective = args.effective or dt.datetime.now(dt.UTC).date()
    made = new_site(
        args.directory, languages=args.lang, title=args.title, effective=effective, pdf=args.pdf
    )
    print(
        f"Created {len(made.files)} files in {args.directory}. Next: in that folder, run "
        "'git init -b main', 'git add -A', 'git commit -m \"Start the policy site\"', "
        "then 'policy-site build'. Its README.md explains the rest."
    )
    return 0


def _init(args: argparse.Namespace) -> int:
    from generator.commands.init import init_site

    made = init_site(args.path, force=args.force)
    found = made.inspection
    dated = ", ".join(
        f"{found.dated[kind]} from {words}"
        + (f" ({found.marked} by a date marker)" if kind == "text" and found.marked else "")
        for kind, words in (
            ("front_matter", "the front matter"),
            ("text", "a date line"),
            ("commit_date", "commit dates"),
        )
        if found.dated.get(kind)
    )
    print(
        f"Wrote {made.path}: {counted(len(found.policies), 'policy', 'policies')} in "
        f"{counted(len(found.languages), 'language')} ({', '.join(found.languages)}) under "
        f"'{found.folder}', layout "
        f"{' or '.join(found.layouts)}; effective dates: {dated or 'none'}."
    )
    for path in found.unreadable_dates:
        print(f"  {path}: its effective date cannot be read; fix it before building.")
    print("Next: check the guesses in it, then run 'policy-site build'.")
    return 0


def _words(args: argparse.Namespace) -> int:
    from generator.commands.words import write_words
    from generator.config import load_config

    made = write_words(load_config(args.config), args.lang, every=args.every)
    left = (
        f"{counted(made.untranslated, 'phrase')} to translate there"
        if made.untranslated
        else "every phrase is translated"
    )
    print(f"Wrote {made.path}: {counted(made.added, 'entry', 'entries')} added; {left}.")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build,
    "assemble": _assemble,
    "serve": _serve,
    "check": _check,
    "diff": _diff,
    "new": _new,
    "init": _init,
    "words": _words,
}
"""What each command runs, by name."""


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (a CI job cancelled) ends the run like Ctrl-C: staging folders are removed."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = arguments.parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR if args.quiet else logging.WARNING,
        format="%(levelname)s: %(message)s",
    )
    if not args.verbose:
        # MkDocs reports each page it builds; keep its routine messages out of the way.
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return COMMANDS[args.command](args)
    except PolicySiteError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"policy-site: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        if args.debug:
            traceback.print_exc()
        where = f" '{exc.filename}'" if exc.filename else ""
        print(
            f"policy-site: cannot use{where}: {exc.strerror or exc}. Check that the file or "
            "folder exists and that you may read and write it (--debug shows details).",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("policy-site: interrupted; nothing was changed.", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
