"""Random Markdown and front matter through every stage a reader's page passes: parsing,
the diff, its renderings, and page rendering. Whatever the input, the result is a document
or a DocumentError, and no page holds an element or attribute that could run script.

Bounded and derandomised: the same examples on every run, few enough to stay quick.
"""

from __future__ import annotations

import datetime as dt

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.base.errors import DocumentError
from generator.config.settings import SiteConfig, SiteSection
from generator.config.texts import Texts
from generator.diff import diff_documents
from generator.document import Document, parse_document
from generator.history.repository import Revision
from generator.render import format_json, format_markdown, format_text, render_changes
from generator.render.i18n import Messages
from generator.site import build_site
from generator.versions.edit_log import Edit
from generator.versions.timeline import Timeline, Version

PROFILE = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
#: Pieces that Markdown, HTML and the site's own syntax give meaning to.
FRAGMENTS = (
    "# ",
    "## ",
    "### ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "| a | b |\n| --- | --- |\n",
    "```\n",
    "---\n",
    "[link](",
    ")",
    "](javascript:alert(1))",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "&amp;",
    "&lt;",
    "**",
    "_",
    "`",
    "\\",
    "\n",
    "\n\n",
    "\t",
    "  ",
    "[^1]",
    "[^1]: note\n",
    "<!-- c -->",
    "{{ x }}",
    "{% y %}",
    "Effective date: March 1, 2026",
    "个月",
    "数据",
    "\u202e",
    "\x07",
    "\u00a0",
    "é",
)
#: Random text without control characters (they are refused, so random text holding them
#: would rarely get past parsing): FRAGMENTS brings one in now and then.
printable = st.characters(exclude_categories=("Cc", "Cs"))
markdown = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(printable, max_size=12)), max_size=40
).map("".join)
#: Front matter values: a control character there is refused like one in the text, which
#: the body's FRAGMENTS already try, so these fragments are the printable ones.
PRINTABLE_FRAGMENTS = [fragment for fragment in FRAGMENTS if fragment.isprintable()]
scalars = st.one_of(
    st.text(printable, max_size=20),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates(),
    st.sampled_from(PRINTABLE_FRAGMENTS),
)
#: A title is text: any other value is refused (tests/test_document.py checks that message),
#: and random titles that were refused half the time would leave too few examples to render.
titles = st.one_of(st.text(printable, max_size=20), st.sampled_from(PRINTABLE_FRAGMENTS))
front_matter = st.dictionaries(
    st.sampled_from(["effective", "summary", "note", "tags"]),
    st.one_of(scalars, st.lists(scalars, max_size=3)),
    max_size=4,
).flatmap(lambda meta: st.one_of(st.just(meta), titles.map(lambda title: {**meta, "title": title})))
CONFIG = SiteConfig(
    site=SiteSection(title=Texts(everywhere="Random <b>Policies</b>"), url="https://p.test/")
)
ENGLISH = Messages.english()
#: One entry per example tried, True when both texts got through parsing.
PARSED: list[bool] = []


def compose(meta: dict[str, object], body: str) -> str:
    """A policy file: YAML front matter with a valid effective date (most of what is tried
    must get past parsing) and the body."""
    meta = {**meta, "effective": dt.date(2024, 1, 1)}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body


def parse(text: str) -> Document | None:
    """The document, or None when the input is refused with a DocumentError."""
    try:
        return parse_document(text, path="policies/p/en.md")
    except DocumentError:
        return None


def version(document: Document, day: dt.date, n: int) -> Version:
    revision = Revision(
        "p",
        "en",
        "policies/p/en.md",
        f"{n:040x}",
        dt.datetime(2020, 1, n + 1, tzinfo=dt.UTC),
        "A",
        "m",
        f"{n:040x}",
        n,
        content="",
    )
    return Version("p", "en", day, (Edit.holding(revision, document),))


def assert_inert(html: str) -> None:
    """No element or attribute of ``html`` could run script."""
    page = BeautifulSoup(html, "html.parser")
    assert page.find(["script", "iframe", "object", "embed", "svg"]) is None
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (tag.name, name)
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert not text.strip().lower().startswith(("javascript:", "vbscript:")), text


@PROFILE
@given(front_matter, markdown, front_matter, markdown)
def test_any_two_texts_parse_diff_and_render_safely(
    meta_a: dict[str, object], body_a: str, meta_b: dict[str, object], body_b: str
) -> None:
    """Parsing gives a document or a DocumentError; the diff of two documents renders as
    text, Markdown, JSON and HTML; every page built from them is inert."""
    old, new = parse(compose(meta_a, body_a)), parse(compose(meta_b, body_b))
    for document in (old, new):
        if document is not None:
            assert isinstance(document.html, Markup)
            assert_inert(document.html)
    PARSED.append(old is not None and new is not None)
    if old is None or new is None:
        return  # refused with a message (a control character in a title…)
    diff = diff_documents(old, new)
    assert isinstance(render_changes(diff, ENGLISH), Markup)
    assert_inert(render_changes(diff, ENGLISH))
    format_text(diff, ENGLISH, color=False)
    format_markdown(diff, ENGLISH)
    format_json(diff)
    assert diff_documents(old, old).is_empty
    first, second = version(old, dt.date(2024, 1, 1), 1), version(new, dt.date(2024, 6, 1), 2)
    timeline = Timeline("p", "en", "policies/p/en.md", (first, second))
    site = build_site(CONFIG, {("p", "en"): timeline}, dt.date(2024, 3, 1))
    for page in site.languages[0].pages:
        assert_inert(page.body)


def test_most_random_texts_reach_page_rendering() -> None:
    """The property above is not vacuous: most of its examples get through parsing. Counted
    as a share of the examples tried, so that another Hypothesis release, which may draw
    other examples or a different number of them, does not change what is asserted."""
    PARSED.clear()
    test_any_two_texts_parse_diff_and_render_safely()
    assert len(PARSED) >= 20
    assert sum(PARSED) >= len(PARSED) / 2, f"{sum(PARSED)} of {len(PARSED)} examples parsed"
