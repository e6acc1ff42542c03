"""The command line's options: every command, its arguments and their help.

Only :mod:`generator.cli` uses this; it parses nothing else and prints nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from generator import __version__
from generator.config import DEFAULT_CONFIG_FILE
from generator.output import DEFAULT_LOCK_TIMEOUT

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


def _shard(text: str) -> tuple[int, int]:
    shard, _, shards = text.partition("/")
    if not (shard.isdigit() and shards.isdigit() and 1 <= int(shard) <= int(shards) <= 64):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a shard; write K/N with 1 ≤ K ≤ N ≤ 64, for example 2/4"
        )
    return int(shard), int(shards)


def _reason(text: str) -> str:
    """A reason readers will be shown: some words, at most 2,000 characters."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give the reason readers will be shown, in words")
    if len(text) > 2000:
        raise argparse.ArgumentTypeError("keep the reason under 2,000 characters")
    return text.strip()


def _talk(sub: argparse.ArgumentParser) -> None:
    """How much a command says: every command has these."""
    sub.add_argument("-v", "--verbose", action="store_true", help="say more about each step")
    sub.add_argument(
        "-q", "--quiet", action="store_true", help="say nothing unless something is wrong"
    )
    sub.add_argument(
        "--debug", action="store_true", help="on an error, show where in the code it happened"
    )


def _common(sub: argparse.ArgumentParser, as_of_help: str) -> None:
    """The options every command that reads a site has."""
    sub.add_argument(
        "--config",
        type=Path,
        default=Path(DEFAULT_CONFIG_FILE),
        help="the site's configuration file (default: %(default)s)",
    )
    _talk(sub)
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
    new.add_argument(
        "--pdf",
        action="store_true",
        help="publish every version as a PDF too (pdf: true; installs policy-site[pdf])",
    )
    _talk(new)

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
    _talk(init)
    words = commands.add_parser(
        "words",
        help="write the site's own catalogue of a language's words, ready to translate",
        description="Add to locales/LANG.po (the folder 'languages.catalogues' names) every "
        "phrase of the site that LANG has no translation for, to be translated there; "
        "entries it has already are kept. A language policy-site has no words for is "
        "added this way, without touching the package.",
    )
    words.add_argument("lang", metavar="LANG", help="the language code, e.g. fr, pt-BR, sw")
    words.add_argument(
        "--all",
        action="store_true",
        dest="every",
        help="every phrase, each with the translation shown today, to change any of them",
    )
    words.add_argument(
        "--config",
        type=Path,
        default=Path(DEFAULT_CONFIG_FILE),
        help="the site's configuration file (default: %(default)s)",
    )
    _talk(words)


def _add_record_options(build: argparse.ArgumentParser) -> None:
    """What a build compares with before writing, and how a change is accepted."""
    build.add_argument(
        "--previous",
        metavar="SOURCE",
        help="the previous deployment to compare with before writing: its address "
        "(https://…/), 'live' for the site's own site.url, the folder of an earlier build, "
        "or 'none' for a fresh start (default: the output folder)",
    )
    build.add_argument(
        "--accept-changed-history",
        dest="accept",
        type=_reason,
        metavar="REASON",
        help="go on although the history no longer gives a text the public was shown; "
        "REASON is published beside each replaced or withdrawn text",
    )


def _add_build_and_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The commands that make the site: for publishing, or as a preview while editing."""
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
        "--no-cache",
        action="store_true",
        help="compute everything afresh (the cache in .policy-site-cache/ never changes "
        "the output, only how long a build takes)",
    )
    build.add_argument(
        "--strict",
        action="store_true",
        help="stop, writing nothing, when a link leads nowhere or a template variable is "
        "unknown (by default these are warnings)",
    )
    build.add_argument(
        "--lock-timeout",
        type=float,
        default=DEFAULT_LOCK_TIMEOUT,
        metavar="SECONDS",
        help="how long to wait for another build of the same folder (default: %(default)g)",
    )
    build.add_argument(
        "--shard",
        type=_shard,
        metavar="K/N",
        help="build only part K of N of the site, into its own folder, for 'assemble' "
        "(for a CI matrix of N jobs)",
    )
    _add_record_options(build)
    serve = commands.add_parser(
        "serve",
        help="preview the site while you edit",
        description="Build the site with your uncommitted edits as drafts (marked on every "
        "page), serve it on your computer, and rebuild it whenever a policy, the "
        "configuration or the theme changes. Stop with Ctrl-C.",
    )
    _common(serve, "the day the preview is built for (default: today in the site's timezone)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to serve on (default: %(default)s)"
    )
    serve.add_argument(
        "--port",
        type=int,
        default=8000,
        help="port to serve on, 0 for any free one (default: %(default)s)",
    )


def _add_assemble(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The command that joins the shards of a site built by many machines."""
    assemble = commands.add_parser(
        "assemble",
        help="join the parts built with build --shard into one site",
        description="Join the folders written by 'build --shard K/N' (every K from 1 to N, "
        "all of one commit and configuration) into one site, which replaces the output "
        "only when every part is there, once, and unchanged.",
    )
    assemble.add_argument("parts", nargs="+", type=Path, metavar="PART", help="a shard's folder")
    assemble.add_argument(
        "--output",
        type=Path,
        default=Path("site"),
        help="folder to write the site into (default: %(default)s)",
    )
    assemble.add_argument(
        "--lock-timeout",
        type=float,
        default=DEFAULT_LOCK_TIMEOUT,
        metavar="SECONDS",
        help="how long to wait for another build of the same folder (default: %(default)g)",
    )
    _talk(assemble)


def parser() -> argparse.ArgumentParser:
    """The parser of ``policy-site`` and all its commands."""
    parser = argparse.ArgumentParser(
        prog="policy-site",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"policy-site {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_build_and_serve(commands)
    _add_assemble(commands)
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
    check.add_argument(
        "--previous",
        metavar="SOURCE",
        help="also report what the build would change or remove of a previous deployment "
        "(its address, 'live', or a folder), as build would refuse it",
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
