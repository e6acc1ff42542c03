"""Typed YAML: nodes read into dataclasses, every problem an error naming the line.

The schema is the dataclasses themselves (their fields' types and defaults): unknown keys
get a "did you mean", wrong types and missing required keys name the key.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import MISSING, fields
from typing import Any

import yaml

from generator.base.errors import ConfigError


class YamlLoader:
    """Turns YAML nodes into typed dataclasses, with the line of every problem.

    Subclasses may read a short scalar form of a dataclass by overriding
    :meth:`dataclass`."""

    def __init__(self, file: str, not_keys: frozenset[str] = frozenset()) -> None:
        self.file = file
        self.not_keys = not_keys
        """Dataclass fields that are not keys of the file."""

    def error(self, node: yaml.Node | None, message: str, hint: str | None = None) -> ConfigError:
        """An error at ``node``'s line."""
        line = node.start_mark.line + 1 if node is not None else None
        return ConfigError(message, file=self.file, line=line, hint=hint)

    def once(self, seen: dict[str, yaml.Node], name: str, node: yaml.Node, full: str) -> None:
        """Remember the key ``name`` of a mapping; a second one is an error naming both lines
        (YAML itself would silently keep the last)."""
        first = seen.setdefault(name, node)
        if first is not node:
            raise self.error(
                node,
                f"'{full}' is given twice, on lines {first.start_mark.line + 1} and "
                f"{node.start_mark.line + 1}; only one can apply.",
                "Keep one of them and delete the other.",
            )

    def convert(self, node: yaml.Node, kind: Any, key: str) -> Any:
        """``node`` read as ``kind`` (a dataclass, tuple, dict, str, bool or int)."""
        origin = typing.get_origin(kind)
        if origin in (types.UnionType, typing.Union):
            options = [a for a in typing.get_args(kind) if a is not type(None)]
            return self.convert(node, _option_for(node, options), key)
        if isinstance(kind, type) and hasattr(kind, "__dataclass_fields__"):
            return self.dataclass(node, kind, key)
        if origin is tuple:
            (item_kind, _) = typing.get_args(kind)
            if not isinstance(node, yaml.SequenceNode):
                raise self.error(node, f"'{key}' must be a list.")
            return tuple(
                self.convert(item, item_kind, f"{key}[{n}]") for n, item in enumerate(node.value)
            )
        if origin is dict:
            _, value_kind = typing.get_args(kind)
            if not isinstance(node, yaml.MappingNode):
                raise self.error(node, f"'{key}' must be a mapping of 'name: value' entries.")
            out: dict[str, Any] = {}
            lines: dict[str, yaml.Node] = {}
            for key_node, value_node in node.value:
                name = str(key_node.value)
                self.once(lines, name, key_node, f"{key}.{name}")
                out[name] = self.convert(value_node, value_kind, f"{key}.{name}")
            return out
        if not isinstance(node, yaml.ScalarNode):
            raise self.error(node, f"'{key}' must be a single value, not a list or mapping.")
        value = yaml.SafeLoader("").construct_object(node, deep=True)
        if kind is str:
            if value is None or isinstance(value, bool | list | dict):
                raise self.error(node, f"'{key}' must be text.")
            return str(value)
        if kind is bool:
            if not isinstance(value, bool):
                raise self.error(node, f"'{key}' must be true or false.")
            return value
        if kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.error(node, f"'{key}' must be a whole number.")
            return value
        raise self.error(node, f"'{key}' has a type this version cannot read.")  # pragma: no cover

    def dataclass(self, node: yaml.Node, cls: type, key: str) -> Any:
        """A mapping node as an instance of ``cls``: unknown keys, repeated keys and missing
        required keys are errors with a "did you mean"."""
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
            node = yaml.MappingNode("tag:yaml.org,2002:map", [], node.start_mark, node.end_mark)
        if not isinstance(node, yaml.MappingNode):
            where = f"'{key}'" if key else "the file"
            raise self.error(node, f"{where} must be a mapping of 'key: value' entries.")
        hints = typing.get_type_hints(cls)
        known = {f.name: f for f in fields(cls) if f.name not in self.not_keys}
        values: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            full = f"{key}.{name}" if key else name
            if name not in known:
                close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
                hint = (
                    f"Did you mean '{close[0]}'?"
                    if close
                    else (f"Known keys here: {', '.join(sorted(known))}.")
                )
                raise self.error(key_node, f"unknown key '{full}'.", hint)
            self.once(seen, name, key_node, full)
            values[name] = self.convert(value_node, hints[name], full)
        for name, spec in known.items():
            if name not in values and spec.default is MISSING and spec.default_factory is MISSING:
                full = f"{key}.{name}" if key else name
                raise self.error(node, f"the required key '{full}' is missing.")
        return cls(**values)


def _option_for(node: yaml.Node, options: list[Any]) -> Any:
    """The type of a union (``str | tuple[str, ...]``) that the node's shape asks for."""

    def shape(option: Any) -> str:
        origin = typing.get_origin(option)
        if origin is tuple:
            return "list"
        if origin is dict:
            return "mapping"
        return "dataclass" if hasattr(option, "__dataclass_fields__") else "scalar"

    if isinstance(node, yaml.SequenceNode):
        wanted: tuple[str, ...] = ("list",)
    elif isinstance(node, yaml.MappingNode):
        wanted = ("mapping", "dataclass")
    else:
        wanted = ("scalar", "dataclass")
    return next((o for o in options if shape(o) in wanted), options[0])
