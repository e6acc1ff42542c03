"""Regional codes end to end, right-to-left languages, and texts of the configuration in
each language: one small site in en, pt-BR, zh-TW, es-419, fr-CA and ar, built once."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.base.errors import ConfigError
from generator.commands.build import build
from generator.config.loading import load_config
from generator.output import fonts
from generator.output.writer import material_language
from generator.render.i18n import Messages

from .conftest import Commit, attr, content, make_repo, one, policy, site_model, soup

AS_OF = dt.date(2024, 9, 1)
CONFIG = """\
site:
  title:
    en: Example Devices Policies
    pt: Políticas da Example Devices
    zh-Hant: Example Devices 政策
    es: Políticas de Example Devices
    ar: سياسات Example Devices
  description:
    en: Every policy of Example Devices Ltd., with its versions.
    pt-BR: Todas as políticas da Example Devices Ltd., com suas versões.
  url: https://policies.example.test/
  timezone: UTC
languages:
  default: en
  available:
    - {code: en, name: English, locale: en_GB}
    - {code: pt-BR, name: Português (Brasil)}
    - {code: zh-TW, name: 繁體中文}
    - {code: es-419, name: Español (Latinoamérica)}
    - {code: fr-CA, name: Français (Canada)}
    - {code: ar, name: العربية}
groups:
  your-data:
    title: {en: Your data, pt-BR: Seus dados, ar: بياناتك}
    policies: [privacy]
"""
TEXTS = {
    "en": ("Privacy Policy", "## Scope\n\nWe keep logs for 24 months.\n"),
    "pt-BR": ("Política de Privacidade", "## Escopo\n\nGuardamos registros por 24 meses.\n"),
    "zh-TW": ("隱私權政策", "## 範圍\n\n我們保存紀錄二十四個月。\n"),
    "es-419": ("Política de privacidad", "## Alcance\n\nConservamos registros por 24 meses.\n"),
    "fr-CA": (
        "Politique de confidentialité",
        "## Portée\n\nNous conservons les journaux 24 mois.\n",
    ),
    "ar": ("سياسة الخصوصية", "## النطاق\n\nنحتفظ بالسجلات لمدة 24 شهرًا.\n"),
}


def _files(first: bool) -> dict[str, str | None]:
    day = "2024-02-01" if first else "2024-08-01"
    files: dict[str, str | None] = {}
    for lang, (title, body) in TEXTS.items():
        text = body if first else body.replace("24", "12").replace("二十四", "十二")
        files[f"policies/privacy/{lang}.md"] = policy(day, text, title=title)
    return files


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    commits = [Commit("2024-01-10", _files(True)), Commit("2024-06-20", _files(False))]
    return make_repo(tmp_path_factory.mktemp("regional") / "repo", commits, CONFIG)


@pytest.fixture(scope="module")
def built(repo: Path) -> Path:
    out = repo.parent / "site"
    build(repo / "site_config.yml", out, AS_OF)
    return out


def test_html_lang_and_urls_carry_the_code_as_configured(built: Path) -> None:
    """/pt-BR/…, /zh-TW/…, /es-419/…: every page's <html lang> is the full code."""
    for lang in ("pt-BR", "zh-TW", "es-419", "fr-CA", "ar"):
        for page in ("", "privacy/", "privacy/history/", "privacy/2024-08-01/changes/"):
            html = soup(built / lang / page / "index.html")
            assert attr(one(html, "html"), "lang") == lang, (lang, page)


def test_hreflang_carries_the_full_code(built: Path) -> None:
    """The language selector and the sitemap name each language by its full code."""
    page = soup(built / "pt-BR/privacy/index.html")
    codes = {attr(a, "hreflang") for a in page.select("a.md-select__link")}
    assert codes == set(TEXTS)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(built / "zh-TW/sitemap.xml").getroot()
    links = {str(x.get("hreflang")) for x in root.findall("s:url/x:link", ns)}
    assert links == {*TEXTS, "x-default"}


def test_the_theme_speaks_its_nearest_language(built: Path) -> None:
    """mkdocs-material's own words: Brazilian for pt-BR, Traditional Chinese for zh-TW,
    Spanish for es-419, French for fr-CA, Arabic for ar."""
    skip = {
        lang: one(soup(built / lang / "privacy/index.html"), "a.md-skip").get_text(strip=True)
        for lang in TEXTS
    }
    assert skip["en"] == "Skip to content"
    assert skip["pt-BR"] == "Pular para conteúdo"
    assert skip["zh-TW"] == "跳轉到"
    assert skip["es-419"] == "Saltar a contenido"
    assert skip["fr-CA"] == "Aller au contenu"
    assert skip["ar"] == "انتقل إلى المحتوى"


@pytest.mark.parametrize(
    ("code", "theme"),
    [
        ("pt-BR", "pt-BR"),
        ("pt-PT", "pt"),
        ("zh-CN", "zh"),
        ("zh-TW", "zh-TW"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hans", "zh"),
        ("es-419", "es"),
        ("en-GB", "en"),
        ("fr-CA", "fr"),
        ("sw", "en"),
    ],
)
def test_nearest_theme_language(code: str, theme: str) -> None:
    """A code the theme has is used as it is; else its script or language; else English."""
    assert material_language(code) == theme


def test_dates_are_written_for_the_full_locale(built: Path) -> None:
    """Babel writes each regional locale's dates: pt-BR, zh-TW (Traditional), fr-CA."""
    dates = {
        lang: one(content(soup(built / lang / "privacy/index.html")), ".ps-effective").get_text()
        for lang in ("pt-BR", "zh-TW", "fr-CA", "en")
    }
    assert "1 de agosto de 2024" in dates["pt-BR"]
    assert "2024年8月1日" in dates["zh-TW"]
    assert "1 août 2024" in dates["fr-CA"]
    assert "1 August 2024" in dates["en"]


def test_catalogues_fall_back_for_regional_codes(built: Path) -> None:
    """es-419 pages show the Spanish catalogue's words (es.po), not English ones."""
    text = content(soup(built / "es-419/privacy/index.html")).get_text(" ", strip=True)
    assert Messages("es")("Effective date:") in text
    assert "Effective date" not in text


def test_arabic_pages_read_right_to_left(built: Path) -> None:
    """Every Arabic page is dir="rtl"; the redline's side-by-side heading puts "before"
    first in the reading order, which a right-to-left grid shows on the right."""
    for page in ("", "privacy/", "privacy/history/", "privacy/2024-08-01/changes/"):
        html = soup(built / "ar" / page / "index.html")
        assert attr(one(html, "body"), "dir") == "rtl", page
    head = one(content(soup(built / "ar/privacy/2024-08-01/changes/index.html")), ".ps-side-head")
    before, after = (span.get_text() for span in head.find_all("span"))
    words = Messages("ar")
    assert (before, after) == (words("Before"), words("After"))
    for lang in ("en", "pt-BR", "zh-TW"):
        assert attr(one(soup(built / lang / "privacy/index.html"), "body"), "dir") == "ltr"


def test_site_texts_are_translated_in_title_header_feeds_and_api(built: Path) -> None:
    """site.title per language in <title> and the header; pt-BR takes the pt text;
    fr-CA, which has none, the authoritative one; feeds and the API say the same."""
    expected = {
        "en": "Example Devices Policies",
        "pt-BR": "Políticas da Example Devices",
        "zh-TW": "Example Devices 政策",
        "es-419": "Políticas de Example Devices",
        "fr-CA": "Example Devices Policies",
        "ar": "سياسات Example Devices",
    }
    for lang, title in expected.items():
        home = soup(built / lang / "index.html")
        assert one(home, "title").get_text().endswith(title), lang
        assert title in one(home, ".md-header__topic").get_text(), lang
        feed = ElementTree.parse(built / lang / "feed.xml").getroot()
        atom = "{http://www.w3.org/2005/Atom}"
        assert feed.findtext(f"{atom}title") == title
        assert feed.findtext(f"{atom}author/{atom}name") == title
    api = json.loads((built / "api/policies.json").read_text(encoding="utf-8"))
    assert api["site"]["title"] == expected["en"]
    assert api["site"]["titles"] == expected
    described = soup(built / "pt-BR/index.html").find("meta", attrs={"name": "description"})
    assert described is not None
    assert "Todas as políticas" in attr(described, "content")
    described = soup(built / "ar/index.html").find("meta", attrs={"name": "description"})
    assert described is not None
    assert "Every policy" in attr(described, "content")


def test_group_titles_are_translated_with_fallback(built: Path) -> None:
    """The group's heading: its own text in pt-BR and ar, the authoritative one in zh-TW."""
    headings = {
        lang: one(content(soup(built / lang / "index.html")), "h2").get_text(strip=True)
        for lang in ("pt-BR", "ar", "zh-TW")
    }
    assert headings == {"pt-BR": "Seus dados", "ar": "بياناتك", "zh-TW": "Your data"}


def test_pdf_copies_are_right_to_left_with_the_translated_site_title(repo: Path) -> None:
    """A print copy in Arabic is dir="rtl" with the Arabic site title; pt-BR's is ltr."""
    from bs4 import BeautifulSoup

    from generator.history.repository import read_history
    from generator.site.context import SiteContext
    from generator.site.printed import print_job
    from generator.versions.timeline import build_timelines

    config = load_config(repo / "site_config.yml")
    site = SiteContext(config, build_timelines(read_history(config), config), AS_OF)
    for lang, direction, title in (
        ("ar", "rtl", "سياسات Example Devices"),
        ("pt-BR", "ltr", "Políticas da Example Devices"),
    ):
        version = site.timelines[("privacy", lang)].versions[-1]
        page = BeautifulSoup(print_job(site, version, lang).html, "html.parser")
        assert attr(one(page, "html"), "dir") == direction
        assert attr(one(page, "html"), "lang") == lang
        assert one(page, ".ps-print-site").get_text() == title


def test_a_single_value_is_every_language_text(tmp_path: Path) -> None:
    """site.title, a policy's and a group's title as one value apply in every language."""
    config = tmp_path / "site_config.yml"
    config.write_text(
        "site: {title: Acme Policies, description: One line.}\n"
        "languages: {default: en, available: [en, pt-BR]}\n"
        "policies: {privacy: {title: Privacy}}\n"
        "groups: {data: {title: Data}}\n",
        encoding="utf-8",
    )
    loaded = load_config(config)
    assert loaded.site_title("pt-BR") == "Acme Policies"
    assert loaded.site_description("pt-BR") == "One line."
    assert loaded.configured_title("privacy", "pt-BR") == "Privacy"
    assert loaded.groups["data"].title.get("pt-BR", "en") == "Data"


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        (
            "site:\n  title: {en: A, pt-br: B, de: C}\n",
            2,
            "'site.title' has a text for 'de', which is not one of the site's languages.",
        ),
        (
            "site:\n  title: {pt-BR: B}\n",
            2,
            "'site.title' has no text in the authoritative language 'en'.",
        ),
        (
            "site: {title: A}\npolicies:\n  privacy:\n    title:\n      en: Privacy\n      pt-RB: Privacidade\n",
            6,
            "'policies.privacy.title' has a text for 'pt-RB'",
        ),
        (
            "site: {title: A}\ngroups:\n  data:\n    title: [Data]\n",
            4,
            "'groups.data.title' must be a text, or a text per language",
        ),
    ],
)
def test_a_text_for_an_unknown_language_is_refused_at_its_line(
    tmp_path: Path, entry: str, line: int, message: str
) -> None:
    """A misspelt language code in a text per language, a site title without the
    authoritative language, a list instead of a text: a configuration error at the line."""
    config = tmp_path / "site_config.yml"
    config.write_text(
        entry + "languages: {default: en, available: [en, pt-BR]}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as raised:
        load_config(config)
    assert raised.value.line == line
    assert message in raised.value.message


def test_missing_fonts_for_a_script_name_the_package(
    monkeypatch: pytest.MonkeyPatch, repo: Path
) -> None:
    """pdf: true with a language whose script no installed font covers: a configuration
    error naming the script, the font and the package, before anything is built."""
    config = load_config(repo / "site_config.yml")
    monkeypatch.setattr(fonts, "covered", lambda lang: lang != "ar")
    with pytest.raises(ConfigError) as raised:
        fonts.require_fonts(config)
    assert "the PDFs in العربية (ar) need a font for the Arabic script" in raised.value.message
    assert raised.value.hint is not None
    assert "apt-get install fonts-noto-core" in raised.value.hint
    monkeypatch.setattr(fonts, "covered", lambda lang: lang != "zh-tw")
    with pytest.raises(ConfigError, match="Chinese script"):
        fonts.require_fonts(config)
    monkeypatch.setattr(fonts, "covered", lambda lang: True)
    fonts.require_fonts(config)


def test_fontconfig_knows_the_installed_fonts() -> None:
    """The fonts of this machine cover Arabic and Chinese (Debian's fonts-noto-core and
    fonts-noto-cjk), and no font covers a made-up orthography."""
    if fonts.covered("en") is None:
        pytest.skip("fontconfig is not installed")
    assert fonts.covered("ar") is True
    assert fonts.covered(fonts.fontconfig_language("zh-TW")) is True
    assert fonts.fontconfig_language("zh-TW") == "zh-tw"
    assert fonts.fontconfig_language("zh-CN") == "zh-cn"
    assert fonts.covered("qq-zz") is False


def test_model_pages_for_regional_codes(repo: Path) -> None:
    """The site model has a home page for each regional code, at the code as configured."""
    site = site_model(repo / "site_config.yml", AS_OF)
    assert [language.lang for language in site.languages] == list(TEXTS)


def test_a_code_written_with_an_underscore_is_tagged_in_bcp_47(tmp_path: Path) -> None:
    """A site language written zh_CN keeps its address /zh_CN/, while <html lang>, the
    selector's and sitemap's hreflang and the feed's xml:lang say zh-CN."""
    config = (
        "site: {title: Policies, url: 'https://p.example.test/', timezone: UTC}\n"
        "languages: {default: en, available: [en, {code: zh_CN, name: 简体中文}]}\n"
    )
    files: dict[str, str | None] = {
        "policies/privacy/en.md": policy("2024-02-01", "## Scope\n\nText.\n"),
        "policies/privacy/zh_CN.md": policy("2024-02-01", "## 范围\n\n文本。\n", title="隐私政策"),
    }
    repo = make_repo(tmp_path / "repo", [Commit("2024-01-10", files)], config)
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF)
    page = soup(out / "zh_CN/privacy/index.html")
    assert attr(one(page, "html"), "lang") == "zh-CN"
    assert {attr(a, "hreflang") for a in page.select("a.md-select__link")} == {"en", "zh-CN"}
    assert 'hreflang="zh-CN"' in (out / "en/sitemap.xml").read_text(encoding="utf-8")
    assert 'xml:lang="zh-CN"' in (out / "zh_CN/feed.xml").read_text(encoding="utf-8")


def test_check_names_languages_a_site_text_lacks(repo: Path) -> None:
    """site.title per language without fr-CA (which shows the English title), and a
    description in en and pt-BR only: check warns at their lines, naming each language."""
    from .test_check import problems

    found = [p for p in problems(repo, as_of="2024-09-01") if p.rule == "site-text-missing"]
    title = [p for p in found if p.message.startswith("'site.title'")]
    assert [p.message for p in title] == [
        "'site.title' has no text in French (Canada) (fr-CA); French (Canada) pages show "
        "'Example Devices Policies'."
    ]
    assert (title[0].file, title[0].line) == ("site_config.yml", 2)
    described = {
        match.group(1)
        for p in found
        if "description" in p.message and (match := re.search(r"\(([\w-]+)\);", p.message))
    }
    assert described == {"zh-TW", "es-419", "fr-CA", "ar"}
