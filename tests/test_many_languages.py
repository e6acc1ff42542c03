"""A site in twelve languages (regional codes and right to left among them): no English
word of ours on any page of a language whose catalogue the package has.

Each page's visible text (and each feed's) is scanned for the English catalogue's phrases.
A language whose catalogue the package does not have yet is skipped, saying so: the test
covers each catalogue as it is added to ``generator/locales/``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from generator.base.catalogues import PACKAGE_LOCALES, interface_messages
from generator.base.languages import nearest
from generator.commands.build import build
from generator.render.i18n import Messages, used_messages

from .conftest import Commit, make_repo, policy, soup

AS_OF = dt.date(2024, 10, 1)
#: Each language: its name, the policy's title, its text, and the reworded sentence of
#: the second version (the third, upcoming, adds a sentence).
LANGUAGES: dict[str, tuple[str, str, str, str]] = {
    "en": (
        "English",
        "Privacy Policy",
        "We keep access logs for 24 months.",
        "We keep access logs for 12 months.",
    ),
    "de": (
        "Deutsch",
        "Datenschutzerklärung",
        "Wir speichern Zugriffsprotokolle 24 Monate lang.",
        "Wir speichern Zugriffsprotokolle 12 Monate lang.",
    ),
    "fr": (
        "Français",
        "Politique de confidentialité",
        "Nous conservons les journaux d'accès pendant 24 mois.",
        "Nous conservons les journaux d'accès pendant 12 mois.",
    ),
    "it": (
        "Italiano",
        "Informativa sulla privacy",
        "Conserviamo i registri di accesso per 24 mesi.",
        "Conserviamo i registri di accesso per 12 mesi.",
    ),
    "pl": (
        "Polski",
        "Polityka prywatności",
        "Przechowujemy dzienniki dostępu przez 24 miesiące.",
        "Przechowujemy dzienniki dostępu przez 12 miesięcy.",
    ),
    "pt-BR": (
        "Português (Brasil)",
        "Política de Privacidade",
        "Guardamos os registros de acesso por 24 meses.",
        "Guardamos os registros de acesso por 12 meses.",
    ),
    "es-419": (
        "Español (Latinoamérica)",
        "Política de privacidad",
        "Conservamos los registros de acceso durante 24 meses.",
        "Conservamos los registros de acceso durante 12 meses.",
    ),
    "zh-CN": (
        "简体中文",
        "隐私政策",
        "我们将访问日志保存二十四个月。",
        "我们将访问日志保存十二个月。",
    ),
    "zh-TW": (
        "繁體中文",
        "隱私權政策",
        "我們將存取紀錄保存二十四個月。",
        "我們將存取紀錄保存十二個月。",
    ),
    "ja": (
        "日本語",
        "プライバシーポリシー",
        "アクセスログは24か月間保存します。",
        "アクセスログは12か月間保存します。",
    ),
    "ru": (
        "Русский",
        "Политика конфиденциальности",
        "Мы храним журналы доступа 24 месяца.",
        "Мы храним журналы доступа 12 месяцев.",
    ),
    "ar": (
        "العربية",
        "سياسة الخصوصية",
        "نحتفظ بسجلات الوصول لمدة 24 شهرًا.",
        "نحتفظ بسجلات الوصول لمدة 12 شهرًا.",
    ),
}
HEADINGS = {
    "en": "Retention", "de": "Speicherdauer", "fr": "Conservation", "it": "Conservazione",
    "pl": "Okres przechowywania", "pt-BR": "Retenção", "es-419": "Conservación",
    "zh-CN": "保存期限", "zh-TW": "保存期限", "ja": "保存期間", "ru": "Срок хранения",
    "ar": "مدة الاحتفاظ",
}  # fmt: skip
ADDED = {
    "en": "You may ask us to delete them.", "de": "Sie können deren Löschung verlangen.",
    "fr": "Vous pouvez en demander la suppression.", "it": "Può chiederne la cancellazione.",
    "pl": "Mogą Państwo zażądać ich usunięcia.", "pt-BR": "Você pode pedir que sejam excluídos.",
    "es-419": "Puede solicitar que los eliminemos.", "zh-CN": "您可以要求我们删除这些日志。",
    "zh-TW": "您可以要求我們刪除這些紀錄。", "ja": "削除を求めることができます。",
    "ru": "Вы можете потребовать их удаления.", "ar": "يمكنك أن تطلب منا حذفها.",
}  # fmt: skip

CONFIG_HEAD = """\
site:
  title: Example Devices
  url: https://policies.example.test/
  timezone: UTC
languages:
  default: en
  available:
"""


def _text(lang: str, version: int) -> str:
    _name, _title, first, second = LANGUAGES[lang]
    body = f"## {HEADINGS[lang]}\n\n{first if version == 1 else second}\n"
    return body + (f"\n{ADDED[lang]}\n" if version == 3 else "")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three versions of a privacy policy in every language (German lags one behind), and
    terms of use in English only, built as of a day between the second and the third."""
    config = CONFIG_HEAD + "".join(
        f'    - {{code: {code}, name: "{name}"}}\n' for code, (name, *_rest) in LANGUAGES.items()
    )
    commits = []
    for number, (committed, effective) in enumerate(
        [("2024-01-05", "2024-02-01"), ("2024-06-03", "2024-08-01"), ("2024-09-02", "2025-01-01")],
        start=1,
    ):
        files: dict[str, str | None] = {
            f"policies/privacy/{lang}.md": policy(effective, _text(lang, number), title=title)
            for lang, (_name, title, *_texts) in LANGUAGES.items()
            if not (lang == "de" and number == 2)
        }
        if number == 1:
            files["policies/terms/en.md"] = policy(effective, "## Use\n\nBe kind.\n", title="Terms")
        commits.append(Commit(committed, files, message=f"Policy text, round {number}"))
    repo = make_repo(tmp_path_factory.mktemp("many") / "repo", commits, config)
    out = repo.parent / "site"
    build(repo / "site_config.yml", out, AS_OF)
    return out


def _phrases(lang: str = "en") -> list[re.Pattern[str]]:
    """The fixed parts of every English message (placeholders cut out), as whole words;
    for another language, without those its own translations use too (French writes
    "version", Italian "Feed", every language "SHA-256")."""
    found = set()
    for msgid in used_messages():
        for part in re.split(r"\{\w+\}", msgid):
            part = part.strip(" .:;,()“”\"'")
            if len(part) > 3:
                found.add(part)
    patterns = [re.compile(rf"(?<!\w){re.escape(part)}(?!\w)") for part in sorted(found)]
    if lang == "en":
        return patterns
    words = Messages(lang)
    own = "\n".join(
        str(string)
        for catalogue in words.catalogues
        for message in interface_messages(catalogue.catalog)
        for string in (
            message.string if isinstance(message.string, tuple | list) else [message.string]
        )
    )
    return [pattern for pattern in patterns if not pattern.search(own)]


def _visible(path: Path) -> str:
    """A page's visible text without the commit messages (written in English by their
    authors) and what a script or style holds."""
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in page.select("script, style, .ps-commit, .ps-commit-message"):
        hidden.decompose()
    return page.get_text("\n", strip=True)


def _catalogued(lang: str) -> bool:
    return nearest(lang, [path.stem for path in PACKAGE_LOCALES.glob("*.po")]) is not None


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_no_english_word_of_ours_on_any_page(built: Path, lang: str) -> None:
    """Every page of the language (home, policy, versions, history, changes, since,
    comparisons, section histories, what's new, 404) and its feeds: no English phrase of
    the site's catalogue."""
    if not _catalogued(lang):
        pytest.skip(f"the package has no catalogue for {lang} yet")
    pages = sorted((built / lang).rglob("*.html"))
    assert len(pages) > 10
    phrases = _phrases(lang)
    assert len(phrases) > 100
    found = []
    for page in pages:
        text = _visible(page)
        found += [
            (page.relative_to(built).as_posix(), p.pattern) for p in phrases if p.search(text)
        ]
    for feed in sorted((built / lang).rglob("feed.xml")):
        root = ElementTree.parse(feed).getroot()
        text = "\n".join(
            (node.text or "") for node in root.iter() if not node.tag.endswith("}name")
        )
        text = re.sub(r"<[^>]+>", " ", text)
        found += [
            (feed.relative_to(built).as_posix(), p.pattern) for p in phrases if p.search(text)
        ]
    assert found == [], found[:10]


def test_the_scan_finds_english_words_where_they_are(built: Path) -> None:
    """The English pages hold the phrases the scan looks for (the scan can fail)."""
    text = _visible(built / "en/privacy/history/index.html")
    assert any(p.search(text) for p in _phrases())


def test_every_page_kind_is_there_in_each_language(built: Path) -> None:
    """Each language has the pages the scan must cover: changes, since, compare and a
    section's history; its home lists the policy it has no translation of."""
    for lang in LANGUAGES:
        folder = built / lang
        assert (folder / "privacy/2024-08-01/changes/index.html").is_file() or lang == "de"
        assert (folder / "privacy/2024-02-01/since/index.html").is_file()
        assert list((folder / "privacy/compare").glob("*/index.html"))
        assert list((folder / "privacy/history").glob("*/index.html"))
        assert "Terms" in soup(folder / "index.html").get_text(), lang  # listed, in English
        page = soup(folder / "privacy/index.html")
        assert page.html is not None
        assert page.html["lang"] == lang
