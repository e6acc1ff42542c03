"""Template variables a policy may use as ``{{ site.key }}``: Jekyll's ``_config.yml``.

A repository published with Jekyll keeps values such as ``email_support`` in ``_config.yml``
beside its pages and writes ``[contact Support]({{ site.email_support }})`` in the text.
:func:`jekyll_variables` reads that file (from the configuration's folder) as Jekyll would
offer it: each key, nested ones joined with dots (``site.social.email``), each value a
scalar written as text. ``site.variables`` in ``site_config.yml`` adds to it and wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.base.errors import ConfigError

JEKYLL_CONFIG = "_config.yml"
"""Jekyll's configuration file, beside ``site_config.yml``."""


def _flattened(values: Mapping[Any, Any], prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            found.update(_flattened(value, name + "."))
        elif isinstance(value, bool):
            found[name] = "true" if value else "false"
        elif isinstance(value, str | int | float):
            found[name] = str(value)
    return found


def jekyll_variables(root: Path) -> dict[str, str]:
    """The scalar values of ``root/_config.yml`` by dotted key ({} when there is none).
    Raises :class:`ConfigError` naming the file and line when it cannot be read."""
    path = root / JEKYLL_CONFIG
    if not path.is_file():
        return {}
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"'{JEKYLL_CONFIG}' cannot be read ({exc}).", file=str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            f"'{JEKYLL_CONFIG}' cannot be read: {getattr(exc, 'problem', None) or 'not YAML'}.",
            file=JEKYLL_CONFIG,
            line=mark.line + 1 if mark is not None else None,
            hint="Its values fill in the texts' {{ site.key }}: fix the file, or remove it.",
        ) from None
    return _flattened(values) if isinstance(values, Mapping) else {}
