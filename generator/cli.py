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
import traceback
import zoneinfo
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import __version__
from generator.config import DEFAULT_CONFIG_FILE
from generator.errors import PolicySiteError
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
  policy-site init                       write site_config.yml for an existing repository

Run 'policy-site COMMAND --help' for the options of one command.
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write it as YYYY-MM-DD, for example 2026-03-01"
        ) from None


def _common(sub: argparse.ArgumentParser, as_of_help: str) -> None:
    """The options every command that reads a site has."""
    sub.add_argument(
        "--config",
        type=Path,
        default=Path(DEFAULT_CONFIG_FILE),
        help="the site's configuration file (default: %(default)s)",
    )
    sub.add_argument("-v", "--verbose", action="store_true", help="say more about each step")
    sub.add_argument(
        "--debug", action="store_true", help="on an error, show where in the code it happened"
    )
    sub.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help=as_of_help)


def _add_diff(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``policy-site diff``."""
    diff = commands.add_parser(
        "diff",
        help="show what changed between two versions",
        description="Show a redline of one policy. OLD and NEW are effective dates "
        "(YYYY-MM-DD), commits, or 'working' for your uncommitted file. By default: the "
        "version in force → your working copy (or the latest commit).",
    )
    _common(diff, "the day that decides which version is in force (default: today)")
    diff.add_argument("policy", help="the policy's name, e.g. privacy")
    diff.add_argument("old", nargs="?", help="effective date, commit, or 'working'")
    diff.add_argument("new", nargs="?", help="effective date, commit, or 'working'")
    diff.add_argument("--lang", help="language code (default: the site's default language)")
    diff.add_argument(
        "--format",
        choices=["text", "markdown", "html", "json"],
        default="text",
        help="text for the terminal, markdown for a pull-request comment, "
        "html for a page fragment, json for tools",
    )


def _add_new_and_init(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The commands that start a site: a new repository, or one that exists."""
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
    new.set_defaults(verbose=False, debug=False)

    init = commands.add_parser(
        "init",
        help="publish an existing repository of policies",
        description="Inspect a repository that already keeps its policies in git (read "
        "only) and write a commented site_config.yml for it: the folder and file layout, "
        "the languages, where each file's effective date comes from, and every document.",
    )
    init.add_argument(
        "path", nargs="?", type=Path, default=Path("."), help="the folder (default: here)"
    )
    init.add_argument("--force", action="store_true", help="replace an existing site_config.yml")
    init.add_argument(
        "--debug", action="store_true", help="on an error, show where in the code it happened"
    )
    init.set_defaults(verbose=False)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policy-site",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"policy-site {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="publish the site",
        description="Build the whole site: every policy, "
        "version, history and redline page, the feeds and the JSON index.",
    )
    _common(build, "the day the site is built for (default: today in the site's timezone)")
    build.add_argument(
        "--output",
        type=Path,
        default=Path("site"),
        help="folder to write the site into, from the current folder (default: "
        "%(default)s); it is replaced only when the build succeeds",
    )
    build.add_argument(
        "--lock-timeout",
        type=float,
        default=DEFAULT_LOCK_TIMEOUT,
        metavar="SECONDS",
        help="how long to wait for another build of the same folder (default: %(default)g)",
    )

    check = commands.add_parser(
        "check",
        help="find problems before merging",
        description="Check every policy and language: effective dates, corrections, links, "
        "translations. Exit 0 when clean, 1 on errors.",
    )
    _common(check, "the day to check for (default: today in the site's timezone)")
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

    _add_diff(commands)
    _add_new_and_init(commands)
    return parser


def today(config_path: Path) -> dt.date:
    """Today in the site's timezone (UTC when the configuration cannot be read yet)."""
    from generator.config import load_config

    try:
        tz = load_config(config_path).tz
    except (PolicySiteError, zoneinfo.ZoneInfoNotFoundError):
        tz = zoneinfo.ZoneInfo("UTC")
    return dt.datetime.now(tz).date()


def _build(args: argparse.Namespace) -> int:
    from generator.commands.build import build

    as_of = args.as_of or today(args.config)
    output = args.output.absolute()
    site = build(args.config, output, as_of, lock_timeout=args.lock_timeout)
    pages = sum(len(lang.pages) for lang in site.languages)
    print(
        f"Built {pages} pages in {len(site.languages)} language(s) into "
        f"{output}/ (as of {as_of.isoformat()})."
    )
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
    from generator.commands.diff import run_diff

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


def _init(args: argparse.Namespace) -> int:
    from generator.commands.init import init_site

    made = init_site(args.path, force=args.force)
    found = made.inspection
    dated = ", ".join(
        f"{found.dated[kind]} from {words}"
        for kind, words in (
            ("front_matter", "the front matter"),
            ("text", "a date line"),
            ("commit_date", "commit dates"),
        )
        if found.dated.get(kind)
    )
    print(
        f"Wrote {made.path}: {len(found.policies)} policies in {len(found.languages)} "
        f"language(s) ({', '.join(found.languages)}) under '{found.folder}', layout "
        f"{' or '.join(found.layouts)}; effective dates: {dated or 'none'}."
    )
    for path in found.unreadable_dates:
        print(f"  {path}: its effective date cannot be read; fix it before building.")
    print("Next: check the guesses in it, then run 'policy-site build'.")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build,
    "check": _check,
    "diff": _diff,
    "new": _new,
    "init": _init,
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
        level=logging.INFO if args.verbose else logging.WARNING,
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
