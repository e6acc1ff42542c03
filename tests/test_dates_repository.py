"""Dates as a repository states them, in real git repositories: each form of date line and
date marker in ten languages, translations that state the original's date, ``init`` and
its date markers, and a generated repository of twenty languages."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from babel.dates import format_date

from generator.base.date_phrases import EFFECTIVE_BEFORE, own_phrases
from generator.check import check_site, readable_timelines
from generator.commands.init import init_site
from generator.config.loading import load_config
from generator.history.repository import read_history
from generator.site import Site
from generator.versions import DocumentCache
from generator.versions.timeline import build_timelines

from .conftest import Commit, model_page, site_model

Factory = Callable[..., Path]
D = dt.date
TEN = ("en", "cs", "de", "es", "fr", "it", "ja", "nl", "pl", "pt-BR", "zh-CN")


def site_config(codes: tuple[str, ...]) -> str:
    """A site in ``codes`` (the first authoritative) whose dates come from the text."""
    languages = "\n".join(f"    - {{code: {code}, name: {code}}}" for code in codes)
    return (
        "site:\n  title: Example Devices\n  url: https://policies.test/\n  timezone: UTC\n"
        f"languages:\n  default: {codes[0]}\n  available:\n{languages}\n"
        "source:\n  effective_date: [text, commit_date]\n"
    )


def long(day: dt.date, lang: str) -> str:
    """``day`` as the language writes it in full (CLDR's long form)."""
    return format_date(day, "long", locale=lang.replace("-", "_"))


#: How each language writes "Effective date", "Version 3.0, effective" before a date.
LABEL = {
    "en": "Effective date:", "cs": "Účinné od", "de": "Datum des Inkrafttretens:",
    "es": "Fecha de entrada en vigor:", "fr": "Date d'effet :",
    "it": "Data di entrata in vigore:", "ja": "施行日：", "nl": "Ingangsdatum:",
    "pl": "Obowiązuje od", "pt-BR": "Data de vigência:", "zh-CN": "生效日期：",
}  # fmt: skip
VERSION = {
    "en": "Version 3.0, effective", "cs": "Verze 3.0, účinné od", "de": "Version 3.0, gültig ab",
    "es": "Versión 3.0, en vigor desde el", "fr": "Version 3.0, en vigueur à compter du",
    "it": "Versione 3.0, in vigore dal", "ja": "バージョン 3.0、施行日：",
    "nl": "Versie 3.0, ingangsdatum", "pl": "Wersja 3.0, obowiązuje od",
    "pt-BR": "Versão 3.0, em vigor desde", "zh-CN": "版本 3.0，生效日期：",
}  # fmt: skip
#: The dates each form states, and the days the commits were made (never the same).
BARE, LABELLED, VERSIONED, MARKED = D(2017, 7, 31), D(2018, 3, 3), D(2019, 7, 7), D(2020, 9, 1)


def text(lang: str, line: str, words: str) -> str:
    return f"# Policy ({lang})\n\n{line}\n\n## Scope\n\n{words}\n"


def four_forms(lang: str) -> list[tuple[str, str]]:
    """(commit day, text) of one file: a bare date under the title, a label, a version
    before the label, and a date marker whose day the words do not give."""
    return [
        ("2017-08-18", text(lang, long(BARE, lang), "One.")),
        ("2018-03-20", text(lang, f"{LABEL[lang]} {long(LABELLED, lang)}", "Two.")),
        ("2019-07-28", text(lang, f"{VERSION[lang]} {long(VERSIONED, lang)}", "Three.")),
        (
            "2020-09-14",
            text(
                lang,
                f"{LABEL[lang]} {long(MARKED - dt.timedelta(days=3), lang)}\n"
                f'{{: datetime="{MARKED.isoformat()}" }}',
                "Four.",
            ),
        ),
    ]


def test_every_form_dates_a_repository_in_ten_languages(repo_factory: Factory) -> None:
    """A bare date under the title, a label, a version before the label and a date marker
    date every version of every translation, not the commits; the translations reflect the
    original, so no page says 'not up to date' and check gives no translation-lag."""
    commits = [
        Commit(
            day,
            {f"policies/privacy/{lang}.md": four_forms(lang)[n][1] for lang in TEN},
            f"Version {n + 1}",
        )
        for n, (day, _text) in enumerate(four_forms("en"))
    ]
    repo = repo_factory(commits, site_config(TEN))
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    timelines = build_timelines(history, config)
    for lang in TEN:
        versions = timelines[("privacy", lang)].versions
        assert [v.effective_date for v in versions] == [BARE, LABELLED, VERSIONED, MARKED], lang
        assert versions[-1].document.date_marked
    site = site_model(repo / "site_config.yml", D(2021, 1, 1))
    for lang in TEN[1:]:
        page = model_page(site, lang, "privacy/").get_text()
        assert "not up to date" not in page
    problems = check_site(config, history, timelines, D(2021, 1, 1), None, cache=DocumentCache())
    assert "translation-lag" not in {p.rule for p in problems}


def test_a_translation_that_really_lags_says_so(repo_factory: Factory) -> None:
    """A translation whose text states an older date than the original's is bannered and
    warned about; the one that states the same date is not."""
    codes = ("en", "fr", "de")
    en, fr, de = (f"policies/terms/{code}.md" for code in codes)
    repo = repo_factory(
        [
            Commit(
                "2024-01-05",
                {
                    en: text("en", "Effective date: 1 February 2024", "One."),
                    fr: text("fr", "Date d'effet : 1er février 2024", "Un."),
                    de: text("de", "Gültig ab 1. Februar 2024", "Eins."),
                },
            ),
            Commit(
                "2024-05-02",
                {
                    en: text("en", "Effective date: 1 June 2024", "Two."),
                    de: text("de", "Gültig ab dem 1. Juni 2024", "Zwei."),
                },
            ),
        ],
        site_config(codes),
    )
    site = site_model(repo / "site_config.yml", D(2024, 7, 1))
    assert model_page(site, "fr", "terms/").select(".admonition.warning")
    assert not model_page(site, "de", "terms/").select(".admonition.warning")
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    cache = DocumentCache()
    timelines = readable_timelines(history, config, cache)
    lag = [p for p in check_site(config, history, timelines, D(2024, 7, 1), None, cache=cache)
           if p.rule == "translation-lag"]  # fmt: skip
    assert [p.file for p in lag] == [fr]


# --- init and date markers -------------------------------------------------------------------


def test_init_counts_date_markers_and_reads_them_first(repo_factory: Factory) -> None:
    """Jekyll pages with a publication ``date:``, two with a date marker in their text: init
    counts the marked files and writes a chain that reads the text first, so the markers
    date them, and the third keeps its ``date:``."""
    page = (
        "---\nlayout: page\ntitle: {title}\ndate: {published}\n---\n"
        'Effective {words}\n{{: datetime="{day}" }}\n\n## Scope\n\n{body}\n'
    )
    files = {
        "privacy.md": ("Privacy Policy", "2025-02-20", "March 3, 2025", "2025-03-03"),
        "terms.md": ("Terms of Service", "2025-02-21", "March 3, 2025", "2025-03-04"),
    }
    repo = repo_factory(
        [
            Commit(
                "2025-02-25",
                {
                    f"legal/{name}": page.format(
                        title=t, published=p, words=w, day=d, body=f"All about {name}."
                    )
                    for name, (t, p, w, d) in files.items()
                }
                | {
                    "legal/cookies.md": "---\ntitle: Cookies\ndate: 2025-01-10\n---\n## Use\n\nNone.\n"
                },
            ),
        ],
        "",
    )
    (repo / "site_config.yml").unlink()
    init_site(repo)
    written = (repo / "site_config.yml").read_text(encoding="utf-8")
    config = load_config(repo / "site_config.yml")
    kinds = [source.kind.value for source in config.effective_rule.sources]
    assert kinds[:2] == ["text", "front_matter"]
    assert "(2 by a date marker)" in written
    timelines = build_timelines(read_history(config), config)
    found = sorted(t.versions[0].slug for t in timelines.values())
    assert found == ["2025-01-10", "2025-03-03", "2025-03-04"]


# --- a generated repository of twenty languages ------------------------------------------------

TWENTY = (
    "en", "cs", "da", "de", "el", "es", "fi", "fr", "hu", "it",
    "ja", "ko", "nl", "pl", "pt-BR", "ro", "ru", "sv", "tr", "zh-CN",
)  # fmt: skip


def _marked(lang: str, day: dt.date, words_day: dt.date, n: int) -> str:
    """A translated date line (the language's own label, the day as it writes it) and, on
    the next line, the date marker that states ``day``."""
    label = own_phrases(lang, EFFECTIVE_BEFORE)[0]
    return (
        f"# Policy {n}\n\n{label}: {long(words_day, lang)}\n"
        f'{{: datetime="{day.isoformat()}" }}\n\n## Section\n\nText {n} in {lang}.\n'
    )


def _api(site: Site, path: str = "api/policies.json") -> dict[str, Any]:
    (found,) = (f for f in site.files if f.path == path)
    data: dict[str, Any] = json.loads(found.content)
    return data


def test_twenty_languages_every_version_is_dated_by_its_marker(repo_factory: Factory) -> None:
    """On a generated repository of 20 languages where every file carries a date marker and
    a translated date line, every version's date in the API equals its marker, however far
    from it the commit and (for one version) the words are."""
    marks = [D(2023, 3, 3), D(2024, 1, 15), D(2025, 6, 30)]
    commits = []
    for n, day in enumerate(marks):
        # The commits come days or weeks before the day; the last version's words differ.
        words_day = day - dt.timedelta(days=2) if n == 2 else day
        files = {
            f"policies/{policy}/{lang}.md": _marked(lang, day, words_day, n)
            for policy in ("privacy", "terms")
            for lang in TWENTY
        }
        commits.append(Commit((day - dt.timedelta(days=9 + 7 * n)).isoformat(), files, f"v{n}"))
    repo = repo_factory(commits, site_config(TWENTY))
    site = site_model(repo / "site_config.yml", D(2025, 12, 1))
    found = {
        (entry["id"], lang): [
            v["effective_date"] for v in _api(site, f"api/{lang}/{entry['id']}.json")["versions"]
        ]
        for entry in _api(site)["policies"]
        for lang in entry["languages"]
    }
    assert len(found) == 40
    assert set(map(tuple, found.values())) == {tuple(day.isoformat() for day in marks)}
