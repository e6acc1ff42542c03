"""The whole output of a small sample site, compared with the expected files in tests/golden/.

Each HTML page is reduced to what policy-site controls (title, language
selector, the page's content); feeds, the JSON index and the root redirect are compared
whole. ``tests/expected.py`` says how to regenerate them after an intended change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.commands.build import build
from generator.output.folder import MARKER

from .conftest import Commit, policy
from .expected import assert_expected_tree

GOLDEN = Path(__file__).parent / "golden" / "sample"
CONFIG = """\
site:
  title: Sample Policies
  url: https://policies.sample.test/
  repo_url: https://git.sample.test/policies
  timezone: Europe/Madrid
languages:
  default: en
  available:
    - {code: en, name: English, locale: en_GB}
    - {code: es, name: Español, locale: es_ES}
policies:
  privacy:
    title: {en: Privacy Notice, es: Aviso de privacidad}
"""

EN_1 = """\
We respect your privacy.

## 1. What we collect

- your name
- your email address

## 2. Retention

We keep logs for 24 months.

## 3. Contact

Write to privacy@sample.test.
"""
EN_2 = EN_1.replace("24 months", "12 months").replace(
    "## 3. Contact", "## 3. Your rights\n\nYou may ask for a copy of your data.\n\n## 4. Contact"
)
EN_3 = EN_2.replace("We respect your privacy.", "We respect and protect your privacy.")
ES_1 = """\
Respetamos su privacidad.

## 1. Qué recogemos

- su nombre
- su dirección de correo electrónico

## 2. Conservación

Conservamos los registros durante 24 meses.

## 3. Contacto

Escriba a privacy@sample.test.
"""


def sample_commits() -> list[Commit]:
    path, es = "policies/privacy/en.md", "policies/privacy/es.md"
    return [
        Commit(
            "2024-01-10",
            {path: policy("2024-02-01", EN_1.replace("respect", "respcet"))},
            "Publish the privacy notice",
        ),
        Commit("2024-01-12", {path: policy("2024-02-01", EN_1)}, "Fix a typo"),
        Commit(
            "2024-01-15",
            {es: policy("2024-02-01", ES_1, title="Aviso de privacidad")},
            "Spanish translation",
        ),
        Commit(
            "2024-05-01",
            {path: policy("2024-07-01", EN_2)},
            "Shorter log retention; right of access",
        ),
        Commit("2024-09-01", {path: policy("2025-01-01", EN_3)}, "Reword the introduction"),
    ]


def reduce_page(html: str) -> str:
    """The parts of a built page that policy-site is responsible for."""
    page = BeautifulSoup(html, "html.parser")
    parts = [f"<title>{page.title.get_text() if page.title else ''}</title>"]
    parts += [str(a) for a in page.select("a.md-select__link")]
    article = page.select_one("article.md-content__inner")
    parts.append(article.decode_contents().strip() if article else page.decode())
    return "\n".join(parts) + "\n"


def site_files(root: Path) -> dict[str, str]:
    """Every file policy-site writes itself, reduced for comparison (theme assets left out)."""
    files = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if (
            not path.is_file()
            or "/assets/" in f"/{rel}"
            or "/search/" in f"/{rel}"
            or rel == MARKER
        ):
            continue
        if rel.endswith("sitemap.xml.gz"):
            continue
        text = path.read_text(encoding="utf-8")
        files[rel] = reduce_page(text) if rel.endswith(".html") and rel != "index.html" else text
    return files


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import make_repo

    repo = make_repo(tmp_path_factory.mktemp("golden") / "repo", sample_commits(), CONFIG)
    out = repo.parent / "site"
    build(repo / "site_config.yml", out, dt.date(2024, 8, 1))
    return out


def test_sample_site_matches_the_expected_files(sample_site: Path) -> None:
    """Every page, feed and JSON file of the sample equals its expected copy in tests/golden/."""
    assert_expected_tree(GOLDEN, site_files(sample_site))


def test_repo_factory_is_deterministic(repo_factory: Callable[..., Path]) -> None:
    """The sample repository gets the same commit ids each time, so golden files can name them."""
    from .conftest import git

    one = repo_factory(sample_commits(), CONFIG)
    two = repo_factory(sample_commits(), CONFIG)
    assert git(one, "rev-parse", "HEAD") == git(two, "rev-parse", "HEAD")
