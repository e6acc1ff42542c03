"""Documents as their authors wrote them: HTML tables and headings, anchors written as
Kramdown ids or ``<a id>``, built from real repositories and read back from the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from generator.commands.build import build
from generator.document import parse_document
from generator.document.sanitize import ATTRIBUTES, TAGS

from .conftest import Commit, attr, content, one, policy, soup
from .test_check import problems

Factory = Callable[..., Path]
AS_OF = dt.date(2026, 11, 26)
EN = "policies/privacy/en.md"

LAWFUL_BASES = """\
We rely on these lawful bases.

<table>
  <thead>
    <tr><th>Purpose</th><th>Lawful basis</th></tr>
  </thead>
  <tbody>
    <tr>
      <td>Running your account</td>
      <td><ul><li>Contract</li><li>Legal obligation</li></ul></td>
    </tr>
    <tr>
      <td colspan="2" class="note" style="color:red">Devices we service on site</td>
    </tr>
  </tbody>
</table>

## Sharing {: #share }

See [the bases](#bases) and [who receives data](#share).
"""


def lawful_bases(second: str = "Legal obligation") -> str:
    """The privacy notice of Example Devices Ltd. with its lawful bases as an HTML table."""
    body = "<a id='bases'></a>\n\n## Lawful bases\n\n" + LAWFUL_BASES
    return policy("2026-01-01", body.replace("Legal obligation", second))


def built(repo: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build(repo / "site_config.yml", out, AS_OF)
    return out


def test_an_html_table_with_a_list_in_a_cell_is_published_as_a_table(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """The table keeps its rows, its spanning cell and the list in a cell; its class and
    style do not survive."""
    repo = repo_factory([Commit("2025-11-01", {EN: lawful_bases()})])
    page = content(soup(built(repo, tmp_path) / "en/privacy/index.html"))
    table = one(page, "table")
    assert [th.get_text() for th in table.select("thead th")] == ["Purpose", "Lawful basis"]
    assert [li.get_text() for li in table.select("td ul li")] == ["Contract", "Legal obligation"]
    spanning = one(table, "td[colspan]")
    assert (attr(spanning, "colspan"), spanning.get("class"), spanning.get("style")) == (
        "2",
        None,
        None,
    )
    assert "&lt;table" not in str(page)
    assert "<tr>" not in page.get_text()


def test_an_html_table_is_redlined_cell_by_cell(repo_factory: Factory, tmp_path: Path) -> None:
    """An amendment to one item of a list in a cell marks that item only: the other cells
    and the other item are unchanged, and the list stays two items."""
    repo = repo_factory(
        [
            Commit("2025-11-01", {EN: lawful_bases()}),
            Commit(
                "2025-12-01",
                {EN: lawful_bases("Legitimate interest").replace("2026-01-01", "2026-02-01")},
            ),
        ]
    )
    page = soup(built(repo, tmp_path) / "en/privacy/2026-02-01/changes/index.html")
    inline = one(page, ".ps-inline")
    row = one(inline, "tr.ps-block-changed")
    cells = row.find_all("td")
    assert next(c.get_text() for c in cells) == "Running your account"
    assert cells[0].find("ins") is None
    assert cells[0].find("del") is None
    items = cells[1].find_all("li")
    assert len(items) == 2
    assert items[0].find("ins") is None
    assert items[0].get_text() == "Contract"
    assert "Legal" in one(items[1], "del").get_text()
    assert "Legitimate" in one(items[1], "ins").get_text()
    assert not inline.select("tr.ps-block-added, tr.ps-block-removed")


def test_a_heading_in_html_is_plain_text_everywhere(repo_factory: Factory, tmp_path: Path) -> None:
    """A heading holding a <span> gives the document its title as text, on the home page,
    in the navigation and in <title>; its tags are never shown."""
    text = '<h1><span class="product">Example Hub</span> Privacy Notice</h1>\n\n## Scope\n\nText.\n'
    repo = repo_factory([Commit("2025-11-01", {EN: "---\neffective: 2026-01-01\n---\n" + text})])
    out = built(repo, tmp_path)
    home = soup(out / "en/index.html")
    assert "Example Hub Privacy Notice" in content(home).get_text()
    page = soup(out / "en/privacy/index.html")
    assert one(page, "title").get_text().startswith("Example Hub Privacy Notice")
    for found in (home, page):
        assert "span" not in found.get_text()
        assert "&lt;span" not in str(found)


def test_a_setext_or_html_heading_names_a_document() -> None:
    """Without a title in the front matter, a heading underlined with dashes, or written in
    HTML, opening the text is its title."""
    setext = "Terms of Service\n---\n\nThese terms apply.\n\n### Accounts\n\nText.\n"
    html = "<h2 id='terms'>Terms of <em>Service</em></h2>\n\nThese terms apply.\n"
    for text in (setext, html):
        document = parse_document("---\neffective: 2026-01-01\n---\n" + text, path="t.md")
        assert document.title == "Terms of Service"
        assert "Terms of" not in document.html


def test_every_hostile_html_payload_is_gone() -> None:
    """Scripts, styles, frames, forms, images, event handlers, javascript: and data:
    addresses, class and style attributes: none survives cleaning, in any form."""
    payloads = [
        "<script>alert(1)</script>",
        "<style>body{display:none}</style>",
        "<iframe src='https://evil.test/'></iframe>",
        "<form action='https://evil.test/'><input name=q></form>",
        "<img src=x onerror=alert(2)>",
        "<svg onload=alert(3)></svg>",
        "<math><mtext><script>alert(4)</script></mtext></math>",
        "<object data='x'></object><embed src='x'>",
        "<a href='javascript:alert(5)'>a</a>",
        "<a href=' JaVaScRiPt:alert(6)'>b</a>",
        "<a href='jav&#x09;ascript:alert(7)'>c</a>",
        "<a href='data:text/html,<script>alert(8)</script>'>d</a>",
        "<a href='vbscript:msgbox(9)'>e</a>",
        "<span onclick='alert(10)' class='md-header' style='position:fixed'>f</span>",
        "<div onmouseover='alert(11)'>g</div>",
        "<details open ontoggle='alert(12)'><summary>h</summary></details>",
        "<meta http-equiv='refresh' content='0;url=https://evil.test/'>",
        "<base href='https://evil.test/'><link rel=stylesheet href='https://evil.test/x.css'>",
        "<noscript><p title='</noscript><img src=x onerror=alert(13)>'></noscript>",
        "<table><tr><td background='javascript:alert(14)'>i</td></tr></table>",
    ]
    for where in ("inline {} text", "{}"):
        body = "\n\n".join(where.format(p) for p in payloads) + "\n"
        html = str(parse_document(policy("2026-01-01", body), path="p.md").html)
        lowered = html.lower()
        for bad in (
            "<script", "<style", "<iframe", "<form", "<input", "<img", "<svg", "<math",
            "<object", "<embed", "<meta", "<base", "<link", "<noscript", "javascript:",
            "vbscript:", "data:", "onerror", "onload", "onclick", "onmouseover", "ontoggle",
            "class=", "style=", "background=", "alert(",
        ):  # fmt: skip
            assert bad not in lowered, (where, bad, html)


def test_the_allow_list_holds_what_the_documents_need() -> None:
    """Tables with spanning cells, lists, span, div, br, sup, sub, abbr, details and links
    with their targets are allowed; no attribute can carry style, class or a handler."""
    assert {"table", "td", "th", "ul", "ol", "li", "span", "div", "br", "sup", "sub"} <= TAGS
    assert {"abbr", "details", "summary", "a"} <= TAGS
    assert {"colspan", "rowspan"} <= ATTRIBUTES["td"]
    assert {"href", "name"} <= ATTRIBUTES["a"]
    assert "id" in ATTRIBUTES["*"]
    names = {name for allowed in ATTRIBUTES.values() for name in allowed}
    assert not {n for n in names if n in ("class", "style") or n.startswith("on")}


def test_kramdown_and_html_anchors_are_link_targets(repo_factory: Factory, tmp_path: Path) -> None:
    """``{: #share }`` on a heading and ``<a id='bases'>`` before one are ids on the page,
    the heading keeps its section id, and check finds both #links' targets."""
    repo = repo_factory([Commit("2025-11-01", {EN: lawful_bases()})])
    page = content(soup(built(repo, tmp_path) / "en/privacy/index.html"))
    assert page.select_one("#bases") is not None
    assert page.select_one("#share") is not None
    assert page.select_one("h2#sharing") is not None
    assert [p for p in problems(repo) if p.rule == "broken-link"] == []
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_a_link_to_a_missing_anchor_is_a_check_error_at_its_line(repo_factory: Factory) -> None:
    """A #link whose target no section and no anchor has is named with file and line."""
    text = lawful_bases() + "\nAnd [nowhere](#sharring).\n"
    repo = repo_factory([Commit("2025-11-01", {EN: text})])
    (found,) = [p for p in problems(repo) if p.rule == "broken-link"]
    assert (found.file, found.line) == (EN, text.count("\n"))
    assert "'sharring'" in found.message
    assert found.hint == "Did you mean '#sharing'?"


def test_written_ids_are_made_unique_and_never_the_themes() -> None:
    """An id the theme uses becomes section-…, one written twice gets a number, and a
    section's id never gives way to an author's."""
    body = (
        "<a id='__drawer'></a>\n\n## Scope\n\nText <a id='scope'></a> and <a name='x'></a>"
        " and <span id='x'>y</span>.\n"
    )
    document = parse_document(policy("2026-01-01", body), path="p.md")
    assert document.sections[-1].id == "scope"
    assert list(document.anchors) == ["scope", "section-drawer", "scope-2", "x", "x-2"]
