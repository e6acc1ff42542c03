"""``policy-site new DIR``: a site repository that checks, builds and publishes as it is.

The files come from the templates in ``generator/scaffold/`` (package data), the one source
of truth for them: this repository's own ``.github/workflows/`` are copies that
``tests/test_workflows.py`` keeps identical, apart from the install line. Gather, then
write: :func:`scaffold_files` returns the text of every file and touches nothing;
:func:`new_site` checks the folder, then writes them. Nothing here prints or reads the clock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from generator import __version__
from generator.base.errors import UsageError
from generator.base.visible import hidden_character_words
from generator.config import LANGUAGE_CODE, control_character

#: The site's name when ``--title`` is not given.
DEFAULT_TITLE = "Our Policies"

#: The starter policy: its folder under ``policies/``, which is its address on the site.
STARTER_POLICY = "privacy"

#: The workflows, by file name in ``.github/workflows/`` (and in ``scaffold/workflows/``).
WORKFLOWS = ("check.yml", "publish.yml")

#: The install step as the workflow templates write it: the one line that differs between
#: a new site (which pins the version that made it) and this repository (which installs
#: itself).
TEMPLATE_INSTALL = "run: pip install policy-site"

#: Each language's name in itself, for the language menu; Babel names the others.
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "zh": "简体中文",
}

_SCAFFOLD = "scaffold"

#: Text that YAML reads as itself without quotes, in a flow mapping too: it starts with a
#: letter and has no ``:``, ``#``, ``,``, brackets or trailing space.
_PLAIN = re.compile(r"[^\W\d_](?:[\w .()-]*[\w.)])?")

#: Characters a YAML stream may not hold as they are (or reads as line breaks), escaped
#: inside a double-quoted scalar; JSON leaves them alone.
_YAML_ESCAPE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


@dataclass(frozen=True, slots=True)
class NewSite:
    """What :func:`new_site` made."""

    directory: Path
    """The site's folder, as given."""
    files: tuple[Path, ...]
    """Every file written, relative to ``directory``."""
    languages: tuple[str, ...]
    """The site's language codes, the authoritative one first."""


def install_line(version: str = __version__, *, pdf: bool = False) -> str:
    """The install step of a new site's workflows: policy-site at ``version`` exactly, so the
    nightly build never changes the site by itself; the README says how to upgrade. With
    ``pdf``, the ``pdf`` extra too (WeasyPrint)."""
    if pdf:
        return f"run: pip install 'policy-site[pdf]=={version}'"
    return f"run: pip install policy-site=={version}"


def template(name: str) -> str:
    """The text of the template ``name`` (a path under ``generator/scaffold/``)."""
    return _resource(name).read_text(encoding="utf-8")


def workflow_template(name: str) -> str:
    """A workflow exactly as ``generator/scaffold/workflows/`` holds it."""
    return template(f"workflows/{name}")


def parse_languages(languages: str | Sequence[str]) -> tuple[str, ...]:
    """Language codes from ``en,fr`` (or a sequence), checked; raises :class:`UsageError`."""
    items = languages.split(",") if isinstance(languages, str) else list(languages)
    codes = tuple(code.strip() for code in items if code.strip())
    if not codes:
        raise UsageError(
            "no language given.",
            hint="List language codes separated by commas, the authoritative one first: "
            "--lang en,fr.",
        )
    seen: set[str] = set()
    for code in codes:
        if not LANGUAGE_CODE.fullmatch(code):
            raise UsageError(
                f"'{code}' is not a language code.",
                hint="Use codes such as en, fr, zh or pt-BR, separated by commas: --lang en,fr.",
            )
        if code.lower() in seen:
            raise UsageError(f"the language '{code}' is listed twice in --lang.")
        seen.add(code.lower())
    return codes


def scaffold_files(
    *,
    languages: Sequence[str],
    title: str,
    effective: dt.date,
    version: str = __version__,
    pdf: bool = False,
) -> dict[str, str]:
    """Every file of a new site, by path relative to its folder (``/``-separated), in the
    order they are written. ``languages`` must already be checked (:func:`parse_languages`);
    ``pdf`` publishes every version as a PDF too."""
    out = {
        "site_config.yml": _site_config(languages, title, pdf=pdf),
        "README.md": string.Template(template("README.md")).substitute(
            title=title,
            default=languages[0],
            default_name=language_name(languages[0]),
            version=version,
        ),
        ".gitignore": template("gitignore"),
    }
    for name in WORKFLOWS:
        text = workflow_template(name)
        out[f".github/workflows/{name}"] = text.replace(
            TEMPLATE_INSTALL, install_line(version, pdf=pdf)
        )
    for code in languages:
        out[f"policies/{STARTER_POLICY}/{code}.md"] = _starter_policy(code, effective)
    return out


def new_site(
    directory: Path,
    *,
    languages: str | Sequence[str] = ("en",),
    title: str = DEFAULT_TITLE,
    effective: dt.date,
    pdf: bool = False,
) -> NewSite:
    """Create ``directory`` (or fill it, if it is empty) with a new site repository.

    ``languages``: codes, the authoritative one first, as a sequence or as ``"en,fr"``.
    ``effective``: the starter policies' effective date. ``pdf``: publish every version as
    a PDF too (``pdf: true``, and the workflows install the ``pdf`` extra). Raises :class:`UsageError` for a
    bad language code, an empty title, or a folder that is a file or not empty; nothing is
    written then.
    """
    codes = parse_languages(languages)
    title = " ".join(title.split())
    if not title:
        raise UsageError(
            "the site needs a title.", hint='Give one with --title "Example Policies".'
        )
    if control_character(title):
        raise UsageError(f"the title holds {hidden_character_words(control_character(title))}.")
    contents = scaffold_files(languages=codes, title=title, effective=effective, pdf=pdf)
    _check_folder(directory)
    written: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in contents.items():
            target = directory / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
            written.append(Path(name))
    except OSError as exc:
        raise UsageError(
            f"cannot write into '{directory}' ({exc.strerror or exc}).",
            hint="Choose a folder you can write to.",
        ) from None
    return NewSite(directory, tuple(written), codes)


def language_name(code: str) -> str:
    """``code``'s name in the language itself (Babel's, capitalised), or the code."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name()
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    return name[:1].upper() + name[1:] if name else code


# --- pieces --------------------------------------------------------------------------


def _resource(name: str) -> Traversable:
    node = files("generator").joinpath(_SCAFFOLD)
    for part in name.split("/"):
        node = node.joinpath(part)
    return node


def _yaml(text: str) -> str:
    """``text`` as a YAML scalar that reads back as this exact string: plain when that is
    safe, else double-quoted (a JSON string is one), so ``no`` stays a code, not false."""
    if _PLAIN.fullmatch(text) and yaml.safe_load(text) == text:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _translated(code: str) -> bool:
    return _resource(f"policies/{STARTER_POLICY}/{code}.md").is_file()


def _site_config(languages: Sequence[str], title: str, *, pdf: bool = False) -> str:
    available = "\n".join(
        f"    - {{code: {_yaml(code)}, name: {_yaml(language_name(code))}}}" for code in languages
    )
    titles = ", ".join(
        f"{_yaml(code)}: {_yaml(_front_matter_title(code))}"
        for code in languages
        if _translated(code)
    )
    entry = [f"  # The policy in policies/{STARTER_POLICY}/.", f"  {STARTER_POLICY}:"]
    if titles:
        entry += ["    # Its name in each language.", f"    title: {{{titles}}}"]
    entry += ["    # Its place in the list.", "    order: 1"]
    return string.Template(template("site_config.yml")).substitute(
        title=_yaml(title),
        default=_yaml(languages[0]),
        available=available,
        policies="\n".join(entry),
        pdf="true" if pdf else "false",
    )


def _front_matter_title(code: str) -> str:
    found = re.search(r"^title: (.+)$", _policy_template(code), re.MULTILINE)
    assert found is not None, f"the {code} starter policy has no title"
    return found.group(1).strip()


def _policy_template(code: str) -> str:
    return template(f"policies/{STARTER_POLICY}/{code if _translated(code) else 'en'}.md")


def _starter_policy(code: str, effective: dt.date) -> str:
    text = string.Template(_policy_template(code)).substitute(effective=effective.isoformat())
    if _translated(code):
        return text
    head, sep, body = text.partition("---\n\n")
    note = (
        f"> This is the English example text. Replace it with the policy in "
        f"{language_name(code)} (`{code}`), with the effective date of the version it "
        "translates.\n\n"
    )
    return head + sep + note + body


def _check_folder(directory: Path) -> None:
    try:
        if directory.exists() and not directory.is_dir():
            raise UsageError(
                f"'{directory}' is a file, not a folder.",
                hint="Give the path of a new or empty folder.",
            )
        if directory.is_dir() and any(directory.iterdir()):
            raise UsageError(
                f"'{directory}' is not empty.",
                hint="Give a new or empty folder, for example 'policy-site new my-policies'; "
                "nothing was written.",
            )
    except OSError as exc:
        raise UsageError(f"cannot read '{directory}' ({exc.strerror or exc}).") from None
