"""PDFs of published versions: where they are, what they say, and that they never change."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf", reason="the test extra installs pypdf")
weasyprint = pytest.importorskip("weasyprint", reason="the pdf extra installs WeasyPrint")

from generator.base import urls  # noqa: E402
from generator.base.cache import FOLDER, ContentStore  # noqa: E402
from generator.commands.build import Options, build, build_with  # noqa: E402
from generator.config.loading import load_config  # noqa: E402
from generator.history.repository import read_history  # noqa: E402
from generator.output.pdf import PdfPrinter, pdf_bytes  # noqa: E402
from generator.site import build_site  # noqa: E402
from generator.site.printed import Printed, PrintJob  # noqa: E402
from generator.versions.timeline import build_timelines  # noqa: E402

from .conftest import MINIMAL_CONFIG, ROOT, Commit, attr, content, git, make_repo, one, policy, soup  # noqa: E402

AS_OF = dt.date(2024, 10, 1)

CONFIG = (
    MINIMAL_CONFIG
    + """\
    - {code: zh, name: 简体中文}
    - {code: ar, name: العربية}
pdf: true
"""
)

EN_FIRST = """\
We explain how we handle personal information.

## 1. Information we collect

We collect your name and e-mail address.

## 2. Your rights

You may ask for a copy of your information.
"""
EN_SECOND = EN_FIRST.replace("name and e-mail address", "name, e-mail address and badge number")
EN_THIRD = EN_SECOND + "\n## 3. Retention\n\nWe keep access logs for 12 months.\n"
ZH = "我们说明如何处理个人信息。\n\n## 我们收集的信息\n\n我们收集您的姓名和电子邮件地址。\n"
AR = "نوضح كيف نتعامل مع المعلومات الشخصية.\n\n## المعلومات التي نجمعها\n\nنجمع اسمك وبريدك الإلكتروني.\n"

COMMITS = [
    Commit(
        "2024-01-01",
        {
            "policies/privacy/en.md": policy("2024-02-01", EN_FIRST),
            "policies/privacy/zh.md": policy("2024-02-01", ZH, title="隐私政策"),
            "policies/privacy/ar.md": policy("2024-02-01", AR, title="سياسة الخصوصية"),
        },
        "First privacy policy",
    ),
    Commit("2024-06-01", {"policies/privacy/en.md": policy("2024-08-01", EN_SECOND)}),
    Commit(
        "2024-07-01",
        {"policies/privacy/en.md": policy("2024-08-01", EN_SECOND.replace("copy", "full copy"))},
        "Correct a word",
    ),
    Commit("2024-09-01", {"policies/privacy/en.md": policy("2025-03-01", EN_THIRD)}),
]

#: Every published version: (language, effective date).
PUBLISHED = {
    ("en", "2024-02-01"),
    ("en", "2024-08-01"),
    ("en", "2025-03-01"),
    ("zh", "2024-02-01"),
    ("ar", "2024-02-01"),
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site in English, Chinese and Arabic with PDFs on: a superseded version, one in force
    (corrected once) and an upcoming one in English; one version in each translation."""
    return make_repo(tmp_path_factory.mktemp("pdf") / "repo", COMMITS, CONFIG)


@pytest.fixture(scope="module")
def built(repo: Path) -> Path:
    """The site built once as of 1 October 2024."""
    out = repo.parent / "site"
    build(repo / "site_config.yml", out, AS_OF)
    return out


def _pdf(site: Path, lang: str, day: str) -> Path:
    return site / urls.pdf(lang, "privacy", day)


def _text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages)


def _fonts(path: Path) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def _outline_titles(items: Sequence[object]) -> list[str]:
    titles: list[str] = []
    for item in items:
        if isinstance(item, list):
            titles += _outline_titles(item)
        else:
            titles.append(str(item["/Title"]))  # type: ignore[index]
    return titles


def test_pdfs_exist_exactly_for_published_versions(built: Path) -> None:
    """Each version in each language has its PDF in its folder, named policy-date-lang.pdf,
    and there is no other PDF."""
    found = {p.relative_to(built).as_posix() for p in built.rglob("*.pdf")}
    assert found == {urls.pdf(lang, "privacy", day) for lang, day in PUBLISHED}
    assert "en/privacy/2024-08-01/privacy-2024-08-01-en.pdf" in found


def test_pdf_states_title_date_status_and_headings(built: Path) -> None:
    """The PDF's text holds the title, the effective date, the status as "in force from …
    until …", the version's headings (also as bookmarks) and the page numbers."""
    path = _pdf(built, "en", "2024-08-01")
    text = _text(path)
    assert "Privacy Policy" in text
    assert "Effective date: 1 August 2024" in text
    assert "In force from 1 August 2024 until 28 February 2025." in text
    assert "1. Information we collect" in text
    assert "name, e-mail address and badge number" in text
    assert "1 / 2" in text or "1 / 1" in text
    titles = _outline_titles(pypdf.PdfReader(path).outline)
    assert "1. Information we collect" in titles
    assert "2. Your rights" in titles
    assert "In force from 1 February 2024 until 31 July 2024." in _text(
        _pdf(built, "en", "2024-02-01")
    )
    assert "Takes effect on 1 March 2025." in _text(_pdf(built, "en", "2025-03-01"))


def test_pdf_carries_address_commits_and_source_hash(built: Path, repo: Path) -> None:
    """The last page names the version's address, the commits that made it and the SHA-256
    of its source file, which is the hash of the source.md published beside it."""
    text = _text(_pdf(built, "en", "2024-08-01"))
    source = built / urls.source("en", "privacy", "2024-08-01")
    assert hashlib.sha256(source.read_bytes()).hexdigest() in text
    assert "https://policies.test/en/privacy/2024-08-01/" in text
    commits = git(repo, "log", "--reverse", "--format=%H", "--", "policies/").split()
    adopted, corrected = commits[1], commits[2]
    assert f"{adopted} (1 June 2024)" in text
    assert f"{corrected} (1 July 2024)" in text


def test_pdf_is_tagged_with_language_title_and_embedded_fonts(built: Path) -> None:
    """PDF/UA-1: marked (tagged) content, the document's language and title, the title shown
    by viewers, and every font embedded."""
    reader = pypdf.PdfReader(_pdf(built, "zh", "2024-02-01"))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "zh"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert reader.metadata.title == "隐私政策 — 2024年2月1日"
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendants = font.get_object().get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font.get_object()
            descriptor = described["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_chinese_and_arabic_are_text_in_their_fonts(built: Path) -> None:
    """zh and ar PDFs hold their words as text (read back as characters, not boxes), set in
    CJK and Arabic fonts; the Arabic page runs right to left."""
    zh = _pdf(built, "zh", "2024-02-01")
    assert "我们收集的信息" in _text(zh)
    assert "我们收集您的姓名和电子邮件地址。" in _text(zh)
    assert any("CJK" in name for name in _fonts(zh))
    ar = _pdf(built, "ar", "2024-02-01")
    assert "المعلومات التي نجمعها" in _text(ar)
    assert "سياسة الخصوصية" in _text(ar)
    assert any("Arabic" in name for name in _fonts(ar))


def test_an_outdated_translations_pdf_gives_the_period_it_applied(built: Path) -> None:
    """The Chinese text of 1 February 2024, which the English version of 1 August 2024
    replaced: its PDF ends its period on 31 July 2024, as the English PDF does, and says
    the version in force is not yet translated."""
    english = " ".join(_text(_pdf(built, "en", "2024-02-01")).split())
    assert "In force from 1 February 2024 until 31 July 2024." in english
    chinese = "".join(_text(_pdf(built, "zh", "2024-02-01")).split())
    assert "自2024年2月1日起生效，至2024年7月31日止。" in chinese
    assert "本译文对应2024年2月1日版本。自2024年8月1日起生效的现行版本尚未翻译" in chinese


def test_api_lists_each_pdf_with_the_hash_of_its_file(built: Path) -> None:
    """Each policy's API file gives every version's pdf_url and the SHA-256 of the very file."""
    index = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(built.glob("api/*/*.json"))]
    entries = _versions(index)
    assert len(entries) == len(PUBLISHED)
    for entry in entries:
        path = built / entry["pdf_url"].removeprefix("https://policies.test/")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["pdf_sha256"]


def _versions(index: object) -> list[dict[str, str]]:
    """Every object of the index that has a pdf_url."""
    found: list[dict[str, str]] = []
    if isinstance(index, dict):
        if "pdf_url" in index:
            found.append(index)
        for value in index.values():
            found += _versions(value)
    elif isinstance(index, list):
        for value in index:
            found += _versions(value)
    return found


def test_version_page_and_history_link_to_the_pdf(built: Path) -> None:
    """The version page offers the PDF with its SHA-256; the history links every PDF."""
    page = content(soup(built / "en/privacy/2024-08-01/index.html"))
    link = one(page, "a[type='application/pdf']")
    assert attr(link, "href") == "privacy-2024-08-01-en.pdf"
    digest = hashlib.sha256(_pdf(built, "en", "2024-08-01").read_bytes()).hexdigest()
    assert digest in page.get_text()
    history = content(soup(built / "en/privacy/history/index.html"))
    hrefs = {attr(a, "href") for a in history.select("a") if a.get_text().startswith("PDF")}
    assert hrefs == {f"../{day}/privacy-{day}-en.pdf" for lang, day in PUBLISHED if lang == "en"}


def test_two_builds_give_identical_pdfs(built: Path, repo: Path) -> None:
    """A second build of the same commit, in another process without the cache, lays out
    every PDF again and gives the same bytes."""
    again = repo.parent / "again"
    command = ["build", "--config", str(repo / "site_config.yml"), "--output", str(again)]
    command += ["--as-of", AS_OF.isoformat(), "--no-cache", "--quiet"]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "generator.cli", *command], check=True, env=env)
    for lang, day in PUBLISHED:
        assert _pdf(again, lang, day).read_bytes() == _pdf(built, lang, day).read_bytes()


class _Stages:
    """Remembers what each stage of a build reported."""

    def __init__(self) -> None:
        self.details: dict[str, str] = {}
        self.warned: list[str] = []

    def stage(self, name: str, detail: str) -> None:
        self.details[name] = detail

    def warnings(self, messages: Sequence[str]) -> None:
        self.warned += messages

    def problem(self, message: str) -> None:
        self.warned.append(message)


def test_rebuild_makes_only_the_pdfs_that_changed(repo_factory: Callable[..., Path]) -> None:
    """With nothing new, a rebuild makes no PDF; after an amendment it makes the new
    version's and the one it ends (whose "until" date is now known)."""
    repo = repo_factory(COMMITS[:2], CONFIG)
    config = repo / "site_config.yml"
    first, second, third = _Stages(), _Stages(), _Stages()
    build_with(config, repo / "out", Options(AS_OF), first)
    assert first.details["pdfs"] == "4 made, 0 unchanged ones kept"
    build_with(config, repo / "out", Options(AS_OF), second)
    assert second.details["pdfs"] == "0 made, 4 unchanged ones kept"
    (repo / "policies/privacy/en.md").write_text(policy("2025-03-01", EN_THIRD), encoding="utf-8")
    git(repo, "commit", "-qam", "Keep logs for 12 months", date="2024-09-01")
    build_with(config, repo / "out", Options(AS_OF), third)
    assert third.details["pdfs"] == "2 made, 3 unchanged ones kept"


def test_previews_and_drafts_get_no_pdf(repo_factory: Callable[..., Path]) -> None:
    """serve's preview (drafts included) writes no PDF and links to none."""
    repo = repo_factory(COMMITS[:2], CONFIG)
    (repo / "policies/privacy/en.md").write_text(policy("2025-03-01", EN_THIRD), encoding="utf-8")
    out = repo / "preview"
    options = Options(AS_OF, drafts_at=dt.datetime(2024, 9, 2, tzinfo=dt.UTC), live_reload=True)
    build_with(repo / "site_config.yml", out, options, _Stages())
    assert (out / "en/privacy/2025-03-01/index.html").is_file()
    assert list(out.rglob("*.pdf")) == []
    page = soup(out / "en/privacy/2024-08-01/index.html")
    assert page.select("a[type='application/pdf']") == []


def test_a_pdf_that_cannot_be_laid_out_is_a_warning_naming_the_version(
    repo_factory: Callable[..., Path],
) -> None:
    """When WeasyPrint fails on one version, the build warns with that version's name, the
    site is published, and nothing links to the missing PDF."""
    repo = repo_factory(COMMITS[:2], CONFIG)
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    printer = PdfPrinter(ContentStore(repo / FOLDER), parallel=False)

    def nested_too_deep(jobs: Sequence[PrintJob]) -> Sequence[Printed]:
        # Five thousand nested blocks exhaust WeasyPrint's recursion, as no policy can.
        deep = "<div>" * 5000 + "x" + "</div>" * 5000
        return printer(
            [
                PrintJob(
                    j.path,
                    j.label,
                    j.lang,
                    j.html.replace("<main", deep + "<main"),
                    j.created,
                    j.modified,
                )
                if j.path.endswith("2024-02-01-en.pdf")
                else j
                for j in jobs
            ]
        )

    site = build_site(config, timelines, AS_OF, printer=nested_too_deep)
    assert len(site.warnings) == 1
    assert site.warnings[0].startswith("privacy, version of 2024-02-01 (en): its PDF could not")
    paths = {f.path for f in site.files}
    assert urls.pdf("en", "privacy", "2024-02-01") not in paths
    assert urls.pdf("en", "privacy", "2024-08-01") in paths
    index = [json.loads(f.content) for f in site.files if f.path.startswith("api/en/")]
    missing = [v for v in _versions(index) if v["pdf_url"] is None]
    assert len(missing) == 1
    assert missing[0]["pdf_sha256"] is None


def test_pdf_bytes_fetches_nothing(tmp_path: Path) -> None:
    """A stylesheet or image address in the document is never fetched, even a local file:
    the stylesheet would hide the heading, the image would be embedded."""
    (tmp_path / "hide.css").write_text("h1 { display: none }", encoding="utf-8")
    from PIL import Image

    Image.new("RGB", (4, 4), "red").save(tmp_path / "red.png")
    html = (
        f"<html lang=en><head><link rel=stylesheet href='{(tmp_path / 'hide.css').as_uri()}'>"
        f"</head><body><h1>Title</h1><img src='{(tmp_path / 'red.png').as_uri()}' alt=''>"
        "<p>Text</p></body></html>"
    )
    data = pdf_bytes(PrintJob("a.pdf", "a", "en", html, "", ""))
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    assert "Title" in page.extract_text()
    assert not page["/Resources"].get("/XObject")
    # WeasyPrint's own fetcher would have read both files.
    fetched = pypdf.PdfReader(io.BytesIO(weasyprint.HTML(string=html).write_pdf())).pages[0]
    assert "Title" not in fetched.extract_text()
    assert fetched["/Resources"].get("/XObject")


def test_pdf_true_without_the_extra_names_it(repo_factory: Callable[..., Path]) -> None:
    """Without WeasyPrint, pdf: true stops the build at its line, naming the extra to install."""
    repo = repo_factory(COMMITS[:1], CONFIG)
    script = (
        "import sys; sys.modules['weasyprint'] = None; from generator.cli import main; "
        "sys.exit(main(['build', '--config', sys.argv[1], '--output', sys.argv[2], "
        "'--as-of', '2024-10-01']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(repo / "site_config.yml"), str(repo / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "site_config.yml:11: 'pdf: true' needs WeasyPrint" in result.stderr
    assert "pip install 'policy-site[pdf]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (repo / "out").exists()


def test_a_long_paragraph_and_a_long_table_still_get_a_whole_pdf(
    repo_factory: Callable[..., Path],
) -> None:
    """A 100 KB paragraph and a 300-row table are laid out over as many pages as they need,
    with nothing cut: the last words of both are in the PDF."""
    paragraph = " ".join(f"clause{n}" for n in range(12_000)) + " end-of-paragraph."
    rows = "\n".join(f"| row {n} | kept for {n} days |" for n in range(300))
    body = f"{paragraph}\n\n## Retention\n\n| data | period |\n|---|---|\n{rows}\n"
    repo = repo_factory(
        [Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-02-01", body)})], CONFIG
    )
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    site = build_site(config, timelines, AS_OF, printer=PdfPrinter(None, parallel=False))
    assert site.warnings == ()
    (pdf,) = (f for f in site.files if f.path == urls.pdf("en", "privacy", "2024-02-01"))
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) > 10
    assert "end-of-paragraph." in text
    assert "row 299" in text
    assert "kept for 299 days" in text


def test_markup_in_a_policy_is_printed_as_text(repo_factory: Callable[..., Path]) -> None:
    """A title reaches the PDF as the characters written, never as markup; HTML in the text
    is cleaned as on the pages: emphasis stays emphasis, a script and its text go."""
    title = "Privacy </title><h1>Injected</h1>"
    body = "We <em>never</em> run <script>alert(1)</script>.\n\n## Scope\n\nText.\n"
    repo = repo_factory(
        [Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-02-01", body, title=title)})],
        CONFIG,
    )
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    site = build_site(config, timelines, AS_OF, printer=PdfPrinter(None, parallel=False))
    (pdf,) = (f for f in site.files if f.path.endswith(".pdf"))
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "We never run ." in text
    assert "alert" not in text
    assert "Privacy </title><h1>Injected</h1>" in text
    assert reader.metadata is not None
    assert reader.metadata.title == f"{title} — 1 February 2024"
    assert "Injected" not in _outline_titles(reader.outline)
