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

from generator import __version__
from generator.config import DEFAULT_CONFIG_FILE
from generator.errors import PolicySiteError, UsageError
from generator.output import DEFAULT_LOCK_TIMEOUT

log = logging.getLogger("policy-site")

DESCRIPTION = """\
Publish your organisation's policies from the Markdown files kept in git.

Each policy is one Markdown file per language (for example policies/privacy/en.md)
with its effective date at the top:

    ---
    title: Privacy Policy
    effective: 2026-03-01
    ---

Commit a change with a new 'effective:' date and it becomes a new version; commit a
change that keeps the date and it is a correction of that version.
"""

EPILOG = """\
common tasks:
  policy-site build                      publish the site into ./site
  policy-site build --as-of 2026-03-01   show the site as it will look on that day
  policy-site check                      list problems before you merge an amendment
  policy-site diff privacy               show what your edit changes, as the public will see it

Run 'policy-site COMMAND --help' for the options of one command.
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write it as YYYY-MM-DD, for example 2026-03-01"
        ) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policy-site",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"policy-site {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(sub: argparse.ArgumentParser, as_of_help: str) -> None:
        sub.add_argument(
            "--config",
            type=Path,
            default=Path(DEFAULT_CONFIG_FILE),
            help="the site's configuration file (default: %(default)s)",
        )
        sub.add_argument("-v", "--verbose", action="store_true", help="say more about each step")
        sub.add_argument(
            "-q", "--quiet", action="store_true", help="say nothing unless something is wrong"
        )
        sub.add_argument(
            "--debug", action="store_true", help="on an error, show where in the code it happened"
        )
        sub.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help=as_of_help)

    build = commands.add_parser(
        "build",
        help="publish the site",
        description="Build the whole site: every policy, "
        "version, history and redline page, the feeds and the JSON index.",
    )
    common(build, "the day the site is built for (default: today in the site's timezone)")
    build.add_argument(
        "--output",
        type=Path,
        default=Path("site"),
        help="folder to write the site into, from the current folder (default: "
        "%(default)s); it is replaced only when the build succeeds",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="compute everything afresh (the cache in .policy-site-cache/ never changes "
        "the output, only how long a build takes)",
    )
    build.add_argument(
        "--lock-timeout",
        type=float,
        default=DEFAULT_LOCK_TIMEOUT,
        metavar="SECONDS",
        help="how long to wait for another build of the same folder (default: %(default)g)",
    )

    serve = commands.add_parser(
        "serve",
        help="preview the site while you edit",
        description="Build the site with your uncommitted edits as drafts (marked on every "
        "page), serve it on your computer, and rebuild it whenever a policy, the "
        "configuration or the theme changes. Stop with Ctrl-C.",
    )
    common(serve, "the day the preview is built for (default: today in the site's timezone)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to serve on (default: %(default)s)"
    )
    serve.add_argument(
        "--port",
        type=int,
        default=8000,
        help="port to serve on, 0 for any free one (default: %(default)s)",
    )

    check = commands.add_parser(
        "check",
        help="find problems before merging",
        description="Check every policy and language: effective dates, corrections, links, "
        "translations. Exit 0 when clean, 1 on errors.",
    )
    common(check, "the day to check for (default: today in the site's timezone)")
    check.add_argument(
        "--since",
        metavar="REV",
        help="judge the notice period only for commits after REV (e.g. origin/main)",
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="text for people, github for GitHub Actions annotations, json for tools",
    )

    diff = commands.add_parser(
        "diff",
        help="show what changed between two versions",
        description="Show a redline of one policy. OLD and NEW are effective dates "
        "(YYYY-MM-DD), commits, or 'working' for your uncommitted file. By default: the "
        "version in force → your working copy (or the latest commit).",
    )
    common(diff, "the day that decides which version is in force (default: today)")
    diff.add_argument("policy", nargs="?", help="the policy's name, e.g. privacy")
    diff.add_argument("old", nargs="?", help="effective date, commit, or 'working'")
    diff.add_argument("new", nargs="?", help="effective date, commit, or 'working'")
    diff.add_argument("--lang", help="language code (default: the site's default language)")
    diff.add_argument(
        "--since",
        metavar="REV",
        help="instead of one policy: every policy file changed after REV (e.g. origin/main), "
        "each with its redline (what a pull request changes)",
    )
    diff.add_argument(
        "--format",
        choices=["text", "markdown", "html", "json"],
        default="text",
        help="text for the terminal, markdown for a pull-request comment, "
        "html for a page fragment, json for tools",
    )

    new = commands.add_parser(
        "new",
        help="start a new policy site",
        description="Create a site repository: settings, a starter policy per language, "
        "GitHub workflows that check and publish it, and a README for legal staff.",
    )
    new.add_argument("directory", type=Path, help="folder to create (new or empty)")
    new.add_argument("--lang", default="en", help="codes, authoritative first (default: en)")
    new.add_argument("--title", default="Our Policies", help="the site's name")
    new.add_argument("--effective", type=_date, metavar="YYYY-MM-DD", help="default: today (UTC)")
    new.set_defaults(verbose=False, debug=False, quiet=False)
    return parser


def today(config_path: Path) -> dt.date:
    """Today in the site's timezone (UTC when the configuration cannot be read yet)."""
    from generator.config import load_config

    try:
        tz = load_config(config_path).tz
    except (PolicySiteError, zoneinfo.ZoneInfoNotFoundError):
        tz = zoneinfo.ZoneInfo("UTC")
    return dt.datetime.now(tz).date()


class TerminalReporter:
    """Says what the build does: a line per stage with its time (on a terminal, or with
    --verbose), warnings grouped once at the end; nothing but errors with --quiet."""

    def __init__(self, *, quiet: bool, verbose: bool) -> None:
        self.quiet = quiet
        self.stages = verbose or (sys.stderr.isatty() and not quiet)
        self.started = self.last = time.monotonic()

    def stage(self, name: str, detail: str) -> None:
        """One line: the stage, what it produced, how long it took."""
        now = time.monotonic()
        if self.stages:
            print(f"  {name:<9} {detail} ({now - self.last:.1f} s)", file=sys.stderr)
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
    reporter = TerminalReporter(quiet=args.quiet, verbose=args.verbose)
    site = build(
        args.config,
        output,
        as_of,
        lock_timeout=args.lock_timeout,
        reporter=reporter,
        cache=not args.no_cache,
    )
    pages = sum(len(lang.pages) for lang in site.languages)
    if not args.quiet:
        print(
            f"Built {pages} pages in {len(site.languages)} language(s) into "
            f"{output}/ (as of {as_of.isoformat()}) in {reporter.elapsed():.1f} s."
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
            clock=lambda: dt.datetime.now(dt.UTC),
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
        now=dt.datetime.now(dt.UTC),
        color=sys.stdout.isatty(),
    )
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _new(args: argparse.Namespace) -> int:
    from generator.commands.new import new_site

    effective = args.effective or dt.datetime.now(dt.UTC).date()
    made = new_site(args.directory, languages=args.lang, title=args.title, effective=effective)
    print(
        f"Created {len(made.files)} files in {args.directory}. Next: in that folder, run "
        "'git init -b main', 'git add -A', 'git commit -m \"Start the policy site\"', "
        "then 'policy-site build'. Its README.md explains the rest."
    )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build,
    "serve": _serve,
    "check": _check,
    "diff": _diff,
    "new": _new,
}
"""What each command runs, by name."""


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (a CI job cancelled) ends the run like Ctrl-C: staging folders are removed."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = _parser()
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
