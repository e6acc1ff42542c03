"""A publication record read back from JSON: the previous deployment's, untrusted.

The record comes from the live site (or a folder), so nothing in it is taken on trust:
every field is checked for its type and form (dates, SHA-256, commits, and address
segments that can name no file outside their folder) before a build uses it, and a record
that does not hold is refused with the field that is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from generator.base import urls
from generator.site.record import (
    FORMAT,
    Gone,
    PolicyAddresses,
    Published,
    Record,
    Replaced,
    Text,
)

T = TypeVar("T")

_SHA256 = re.compile(r"[0-9a-f]{64}")
_COMMIT = re.compile(r"[0-9a-f]{4,64}")
_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")


class MalformedRecordError(ValueError):
    """Where the record does not hold, and how."""


def _get(data: Any, key: str, where: str) -> Any:
    if not isinstance(data, dict):
        raise MalformedRecordError(f"{where or 'the record'} is not an object")
    if key not in data:
        raise MalformedRecordError(f"{where}.{key} is missing" if where else f"'{key}' is missing")
    return data[key]


def _string(value: Any, where: str, limit: int = 2000) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise MalformedRecordError(f"{where} is not a text of at most {limit} characters")
    return value


def _matching(value: Any, where: str, pattern: re.Pattern[str], what: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise MalformedRecordError(f"{where} is not {what}")
    return value


def _day(value: Any, where: str) -> dt.date:
    if isinstance(value, str) and urls.DATE_SEGMENT.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise MalformedRecordError(f"{where} is not a date (YYYY-MM-DD)")


def _segment(value: Any, where: str) -> str:
    """One address segment that stays in its folder."""
    if (
        not isinstance(value, str)
        or not value
        or value in (".", "..")
        or "/" in value
        or _CONTROL.search(value)
        or len(value.encode("utf-8")) > 255
    ):
        raise MalformedRecordError(f"{where} is not an address segment")
    return value


def _policy_id(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > 1000:
        raise MalformedRecordError(f"{where} is not a policy id")
    for part in value.split("/"):
        _segment(part, where)
    return value


def _list(value: Any, where: str, item: Callable[[Any, str], T]) -> list[T]:
    if not isinstance(value, list):
        raise MalformedRecordError(f"{where} is not a list")
    return [item(entry, f"{where}[{n}]") for n, entry in enumerate(value)]


def _text(data: Any, where: str) -> Text:
    return Text(
        sha256=_matching(_get(data, "sha256", where), f"{where}.sha256", _SHA256, "a SHA-256"),
        commit=_matching(_get(data, "commit", where), f"{where}.commit", _COMMIT, "a commit"),
        path=_string(_get(data, "path", where), f"{where}.path"),
        published=_day(_get(data, "published", where), f"{where}.published"),
    )


def _replaced(data: Any, where: str) -> Replaced:
    return Replaced(
        _text(data, where),
        _day(_get(data, "replaced_on", where), f"{where}.replaced_on"),
        _string(_get(data, "reason", where), f"{where}.reason"),
    )


def _version(data: Any, where: str) -> Published:
    policy = _policy_id(_get(data, "policy", where), f"{where}.policy")
    lang = _matching(_get(data, "lang", where), f"{where}.lang", _LANG, "a language code")
    day = _day(_get(data, "effective_date", where), f"{where}.effective_date")
    first = _day(_get(data, "first_published", where), f"{where}.first_published")
    text = _text(data, where)
    earlier = tuple(_list(_get(data, "earlier", where), f"{where}.earlier", _text))
    replaced = tuple(_list(_get(data, "replaced", where), f"{where}.replaced", _replaced))
    pages = tuple(_list(_get(data, "pages", where), f"{where}.pages", _segment))
    gone = _get(data, "withdrawn", where)
    postponed = _get(data, "postponed_to", where)
    return Published(
        policy,
        lang,
        day,
        first,
        text,
        earlier,
        replaced,
        pages,
        gone=None
        if gone is None
        else Gone(
            _day(_get(gone, "day", f"{where}.withdrawn"), f"{where}.withdrawn.day"),
            _string(_get(gone, "reason", f"{where}.withdrawn"), f"{where}.withdrawn.reason"),
        ),
        postponed_to=None if postponed is None else _day(postponed, f"{where}.postponed_to"),
    )


def _pair(value: Any, where: str) -> tuple[dt.date, dt.date]:
    if not isinstance(value, str) or value.count(urls.PAIR) != 1:
        raise MalformedRecordError(f"{where} is not a comparison (OLD...NEW)")
    old, new = value.split(urls.PAIR)
    return _day(old, where), _day(new, where)


def _addresses(data: Any) -> dict[tuple[str, str], PolicyAddresses]:
    if not isinstance(data, dict):
        raise MalformedRecordError("'addresses' is not an object")
    found = {}
    for lang, policies in data.items():
        _matching(lang, f"addresses.{lang}", _LANG, "a language code")
        if not isinstance(policies, dict):
            raise MalformedRecordError(f"addresses.{lang} is not an object")
        for policy, entry in policies.items():
            where = f"addresses.{lang}.{policy}"
            _policy_id(policy, where)
            found[(policy, lang)] = PolicyAddresses(
                frozenset(_list(_get(entry, "comparisons", where), f"{where}.comparisons", _pair)),
                frozenset(_list(_get(entry, "sections", where), f"{where}.sections", _segment)),
            )
    return found


def _groups(data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        raise MalformedRecordError("'groups' is not an object")
    return {
        _segment(slug, f"groups.{slug}"): _string(group, f"groups.{slug}", 1000)
        for slug, group in data.items()
    }


def parse_record(content: bytes) -> Record:
    """The record in ``content``; :class:`MalformedRecordError` says where it does not hold."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedRecordError(f"it is not JSON ({exc})") from None
    version = _get(data, "format", "")
    if version != FORMAT:
        raise MalformedRecordError(
            f"its format is {version!r}, and this policy-site reads format {FORMAT}"
        )
    versions = _list(_get(data, "versions", ""), "versions", _version)
    keys = [entry.key for entry in versions]
    if len(set(keys)) != len(keys):
        raise MalformedRecordError("it lists a version twice")
    return Record(
        as_of=_day(_get(data, "as_of", ""), "as_of"),
        versions=tuple(versions),
        addresses=_addresses(_get(data, "addresses", "")),
        groups=_groups(_get(data, "groups", "")),
    )
