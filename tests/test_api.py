"""The machine-readable site: a small index, a file per policy and language, both described by
JSON Schemas, and every address in them one the site has."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]  # no stubs installed

from generator.commands.build import build

from .conftest import ROOT, Commit, policy

Factory = Callable[..., Path]
SCHEMAS = ROOT / "generator/schema"


def schema(name: str) -> dict[str, object]:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def addresses(value: object) -> Iterator[str]:
    """Every address of the site in a JSON value (the keys ending in ``url``)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("url") and isinstance(item, str) and item.startswith("https://"):
                yield item
            yield from addresses(item)
    elif isinstance(value, list):
        for item in value:
            yield from addresses(item)


def test_the_api_files_follow_their_schemas(example_site: Path) -> None:
    """The index and each policy's file validate, and the index holds no versions."""
    index = json.loads((example_site / "api/policies.json").read_text(encoding="utf-8"))
    jsonschema.validate(index, schema("api-index"))
    files = sorted(example_site.glob("api/*/*.json"))
    assert [f.relative_to(example_site).as_posix() for f in files] == [
        f"api/{lang}/{policy}.json"
        for lang in ("ar", "de", "en", "es", "zh")
        for policy in ("privacy", "terms")
    ]
    for path in files:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema("api-policy"))
    for entry in index["policies"]:
        for language in entry["languages"].values():
            assert "versions" not in language  # they are in the policy's own file


def test_every_address_in_the_api_is_a_file_of_the_site(example_site: Path) -> None:
    """No address of the index or of a policy's file leads to a 404."""
    base = "https://policies.example.com/"
    found = set()
    for path in [example_site / "api/policies.json", *example_site.glob("api/*/*.json")]:
        found |= set(addresses(json.loads(path.read_text(encoding="utf-8"))))
    assert found
    missing = []
    for address in sorted(found):
        assert address.startswith(base), address
        target = example_site / address.removeprefix(base)
        if not (target.is_file() or (target / "index.html").is_file()):
            missing.append(address)
    assert missing == []


def test_the_api_lists_only_the_languages_the_site_builds(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """A file in a language the site does not publish is in no API file."""
    repo = repo_factory(
        [
            Commit(
                "2025-11-01",
                {
                    "policies/privacy/en.md": policy("2026-01-01", "Text.\n"),
                    "policies/privacy/fr.md": policy("2026-01-01", "Texte.\n"),
                },
            )
        ]
    )
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, dt.date(2026, 11, 26))
    index = json.loads((out / "api/policies.json").read_text(encoding="utf-8"))
    assert list(index["policies"][0]["languages"]) == ["en"]
    assert sorted(p.relative_to(out).as_posix() for p in out.glob("api/**/*.json")) == [
        "api/en/privacy.json",
        "api/policies.json",
        "api/published.json",
    ]
    assert "/fr/" not in (out / "api/policies.json").read_text(encoding="utf-8")
