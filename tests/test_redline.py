"""The HTML redline (``generator.render.html``) and its stylesheet (``theme/assets/redline.css``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.diff import Diff, diff_documents
from generator.document import parse_document
from generator.render import render_changes
from generator.render.i18n import Messages, used_messages

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
CSS = (Path(__file__).parent.parent / "theme" / "assets" / "redline.css").read_text("utf-8")
ENGLISH = Messages.english()
VOID = {"br", "img", "input", "hr", "wbr", "meta", "link"}


def case(name: str) -> Diff:
    """The diff of one fixture pair."""
    folder = FIXTURES / name
    old = parse_document((folder / "old.md").read_text("utf-8"), path="old.md")
    new = parse_document((folder / "new.md").read_text("utf-8"), path="new.md")
    return diff_documents(old, new)


def one(soup: Tag, selector: str) -> Tag:
    """The one element ``selector`` finds (fails when there is none)."""
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


def policy(*sections: tuple[str, str], effective: str = "2026-01-01") -> str:
    """Markdown of (heading, body) sections."""
    body = "\n".join(f"## {heading}\n\n{text}\n" for heading, text in sections)
    return f"---\ntitle: Policy\neffective: {effective}\n---\n\n{body}"


class _Balance(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        """Self-closing tags open nothing."""

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1:] == [tag], f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def assert_balanced(fragment: str) -> None:
    """Every element of ``fragment`` is closed, in order."""
    checker = _Balance()
    checker.feed(fragment)
    checker.close()
    assert checker.stack == []


ALL_CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "old.md").exists())


@pytest.mark.parametrize("name", ALL_CASES)
def test_every_fixture_renders_balanced_html(name: str) -> None:
    """The redline of every fixture pair is well nested and has no duplicate ids."""
    fragment = render_changes(case(name), ENGLISH)
    assert_balanced(fragment)
    ids = [tag["id"] for tag in BeautifulSoup(fragment, "html.parser").find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_ins_and_del_carry_hidden_labels() -> None:
    """Each <ins>/<del> starts with a visually hidden "inserted:"/"deleted:" label."""
    soup = BeautifulSoup(render_changes(case("number_changed"), ENGLISH), "html.parser")
    marks = soup.find_all(["ins", "del"])
    assert {m.name for m in marks} == {"ins", "del"}
    for mark in marks:
        label = mark.find("span", class_="ps-sr")
        assert label is not None
        assert mark.contents[0] is label
        assert label.get_text() == ("inserted: " if mark.name == "ins" else "deleted: ")


def test_unchanged_sections_fold_into_details_with_their_count() -> None:
    """Runs of unchanged sections fold into <details> saying how many, with their text."""
    old = policy(
        ("A", "Alpha."), ("B", "Beta."), ("C", "Gamma."), ("D", "Delta one."), ("E", "Epsilon.")
    )
    new = policy(
        ("A", "Alpha."), ("B", "Beta."), ("C", "Gamma."), ("D", "Delta two."), ("E", "Epsilon.")
    )
    diff = diff_documents(parse_document(old, path="a"), parse_document(new, path="b"))
    soup = BeautifulSoup(render_changes(diff, ENGLISH), "html.parser")
    folded = soup.find_all("details", class_="ps-unchanged")
    assert [one(d, "summary").get_text() for d in folded] == [
        "3 unchanged sections",
        "1 unchanged section",
    ]
    assert [len(d.find_all("section")) for d in folded] == [3, 1]
    assert "Gamma." in folded[0].get_text()


def test_summary_links_point_to_sections_on_the_page() -> None:
    """Every summary link targets an id that exists, with the prefix applied to all ids."""
    for name in ("section_moved_edited", "renumbered_only", "section_removed"):
        fragment = render_changes(case(name), ENGLISH, id_prefix="chg-")
        soup = BeautifulSoup(fragment, "html.parser")
        ids = {tag["id"] for tag in soup.find_all(id=True)}
        links = [a["href"][1:] for a in soup.select(".ps-summary a[href^='#']")]
        assert links
        assert set(links) <= ids
        assert all(str(i).startswith("chg-") for i in ids)


def test_no_change_in_text_is_said_in_words() -> None:
    """A new effective date alone: "No changes to the text" and the dates in words."""
    text = BeautifulSoup(
        render_changes(case("effective_date_only"), ENGLISH), "html.parser"
    ).get_text()
    assert "No changes to the text." in text
    assert "Effective date changed from 1 January 2026 to 1 March 2026." in text


def test_status_badges_are_words() -> None:
    """Sections say their status in words: Changed, Moved, Renamed, Renumbered, Added."""
    text = BeautifulSoup(
        render_changes(case("section_moved_edited"), ENGLISH), "html.parser"
    ).get_text()
    assert "Changed" in text
    assert "Moved" in text
    text = BeautifulSoup(render_changes(case("renumbered_only"), ENGLISH), "html.parser").get_text()
    assert "Renumbered from 2 to 3" in text
    assert "Added" in text
    text = BeautifulSoup(render_changes(case("section_renamed"), ENGLISH), "html.parser").get_text()
    assert "Renamed from “Information we collect”" in text


def test_views_switch_without_javascript() -> None:
    """Two radio inputs with labels switch the views; the fragment has no script at all."""
    fragment = render_changes(case("sentence_reworded"), ENGLISH)
    soup = BeautifulSoup(fragment, "html.parser")
    radios = soup.find_all("input", type="radio")
    assert len(radios) == 2
    assert len({r["name"] for r in radios}) == 1
    assert {label["for"] for label in soup.find_all("label")} == {r["id"] for r in radios}
    assert soup.select(".ps-inline")
    assert soup.select(".ps-sbs .ps-old")
    assert soup.select(".ps-sbs .ps-new")
    assert soup.find("script") is None
    assert not re.search(r"\son[a-z]+=", fragment)
    assert ".ps-view-sbs:checked ~ .ps-redline .ps-sbs" in CSS


def test_side_by_side_shows_each_side_once() -> None:
    """The old column has only deletions, the new column only insertions."""
    soup = BeautifulSoup(render_changes(case("number_changed"), ENGLISH), "html.parser")
    old, new = one(soup, ".ps-old"), one(soup, ".ps-new")
    assert old.find("del")
    assert not old.find("ins")
    assert new.find("ins")
    assert not new.find("del")


def test_link_stays_a_link_around_the_change() -> None:
    """A change of link text is marked inside the one <a>, which keeps its href."""
    soup = BeautifulSoup(render_changes(case("link_text_changed"), ENGLISH), "html.parser")
    link = one(soup, ".ps-inline a")
    assert link["href"] == "https://example.com/cookies"
    assert one(link, "ins").get_text() == "inserted: and tracking"


def test_escaped_text_never_becomes_markup() -> None:
    """ "<script>" typed in the policy is shown as text, never as an element."""
    fragment = render_changes(case("entities_kept"), ENGLISH)
    assert "&lt;script&gt;" in fragment
    assert BeautifulSoup(fragment, "html.parser").find("script") is None


def test_table_rows_stay_in_a_table() -> None:
    """A changed table row renders as a row of cells, the change inside its cell."""
    soup = BeautifulSoup(render_changes(case("table_row_changed"), ENGLISH), "html.parser")
    row = one(soup, ".ps-inline tr.ps-block-changed")
    assert [td.get_text() for td in row.find_all("td")] == [
        "Payment records",
        "deleted: 7inserted: 10 years",
    ]


def test_every_visible_word_is_a_message() -> None:
    """The words the redline uses are collected by the message extractor."""
    found = used_messages()
    for msgid in (
        "inserted:",
        "deleted:",
        "Summary of changes",
        "No changes to the text.",
        "Inline",
        "Side by side",
        "{count} unchanged section",
        "Changed",
    ):
        assert msgid in found


# -- stylesheet ------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(fg: str, bg: str) -> float:
    high, low = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", [":root", '[data-md-color-scheme="slate"]'])
def test_colours_have_enough_contrast(scheme: str) -> None:
    """Inserted, deleted and note colours reach 4.5:1 in the light and dark schemes."""
    block = re.search(re.escape(scheme) + r"\s*\{([^}]*)\}", CSS)
    assert block is not None
    values = dict(re.findall(r"--ps-([a-z-]+):\s*(#[0-9a-fA-F]{6})", block.group(1)))
    for kind in ("ins", "del", "note"):
        assert _contrast(values[f"{kind}-fg"], values[f"{kind}-bg"]) >= 4.5, kind


def _rules(css: str) -> list[tuple[str, str, str]]:
    """(media query or "", selector, declarations) of every rule in ``css``."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    found: list[tuple[str, str, str]] = []
    position = 0
    media = ""
    depth_end = -1
    for match in re.finditer(r"([^{}]+)\{|\}", css):
        if match.start() < position:
            continue
        if match.group(0) == "}":
            if match.start() > depth_end >= 0:
                media, depth_end = "", -1
            continue
        head = match.group(1).strip()
        if head.startswith("@media"):
            media = head
            level, index = 1, match.end()
            while level:
                level += {"{": 1, "}": -1}.get(css[index], 0)
                index += 1
            depth_end = index - 1
            continue
        end = css.index("}", match.end())
        found.append((media, head, css[match.end() : end]))
        position = end + 1
    return found


@pytest.mark.parametrize(("element", "decoration"), [("ins", "underline"), ("del", "line-through")])
def test_css_never_relies_on_colour_alone(element: str, decoration: str) -> None:
    """ins is underlined and del struck through, and no rule (print included) takes it away."""
    marks = [
        (media, declarations)
        for media, selector, declarations in _rules(CSS)
        if re.search(rf"(^|[\s,]){element}\b|\.ps-{element}\b", selector)
        and "text-decoration" in declarations
    ]
    assert any(not media and decoration in declarations for media, declarations in marks)
    assert all(decoration in declarations for _media, declarations in marks)


def test_css_uses_logical_properties_for_rtl() -> None:
    """No left/right properties, so the layout mirrors under dir="rtl"."""
    assert not re.search(
        r"(margin|padding|border)-(left|right)|text-align:\s*(left|right)"
        r"|\b(left|right)\s*:",
        CSS,
    )


def seen(tag: Tag) -> str:
    """A tag's text as it is seen: without the words only screen readers get."""
    copy = BeautifulSoup(str(tag), "html.parser")
    for hidden in copy.select(".ps-sr"):
        hidden.decompose()
    return " ".join(copy.get_text(" ").split())


def test_a_new_number_is_a_quiet_note_not_a_change() -> None:
    """A section added before two others renumbers them: their headings show the new number
    with a note "2 → 3" (a screen reader hears "Renumbered from 2 to 3"), no digit is struck
    through, they fold with the unchanged sections, and no count names them as changed."""
    soup = BeautifulSoup(render_changes(case("renumbered_only"), ENGLISH), "html.parser")
    retention = one(soup, "section#retention")
    heading = one(retention, ".ps-heading")
    assert seen(heading) == "3. Retention 2 → 3"
    assert heading.find(["ins", "del"]) is None
    assert one(heading, ".ps-number-note .ps-sr").get_text() == "Renumbered from 2 to 3"
    assert retention.find_parent("details", class_="ps-unchanged") is not None
    line = one(soup, ".ps-summary__line").get_text()
    assert line.startswith("1 section added ·")
    assert "renumbered" not in line
    quiet = one(soup, ".ps-summary__sections li.ps-quiet")
    assert seen(quiet) == "2 sections renumbered 3. Retention 2 → 3 4. Contact 3 → 4"


def test_a_renamed_and_renumbered_heading_marks_only_its_words() -> None:
    """ "2. Retention" becoming "3. Keeping data": the words change, the number does not run
    together ("23."), the note says 2 → 3."""
    old = policy(("1. Scope", "All."), ("2. Retention", "We keep data for two years."))
    new = policy(
        ("1. Scope", "All."),
        ("2. Children", "Not for children."),
        ("3. Keeping data", "We keep data for two years."),
    )
    diff = diff_documents(parse_document(old, path="a"), parse_document(new, path="b"))
    soup = BeautifulSoup(render_changes(diff, ENGLISH), "html.parser")
    heading = one(soup, "section#keeping-data .ps-heading")
    assert one(heading, ".ps-number").get_text() == "3."
    assert [d.get_text() for d in heading.select("del")] == ["deleted: Retention"]
    assert [i.get_text() for i in heading.select("ins")] == ["inserted: Keeping data"]
    assert "2 → 3" in seen(heading)


def test_a_removed_section_is_its_heading_and_its_text_folded() -> None:
    """A removed section's heading is not struck through and says "Removed"; its text is
    in a fold, struck through inside, the same in both views."""
    soup = BeautifulSoup(render_changes(case("section_removed"), ENGLISH), "html.parser")
    section = one(soup, "section.ps-section.ps-removed")
    heading = one(section, ".ps-heading")
    assert heading.find("del") is None
    assert one(heading, ".ps-badge").get_text() == "Removed"
    fold = one(section, "details.ps-removed-text")
    assert one(fold, "summary").get_text() == "Show the removed text"
    assert fold.select("del.ps-del")
    assert section.select(".ps-inline, .ps-sbs") == []


def test_unchanged_paragraphs_before_a_change_fold_away() -> None:
    """In a changed section, the unchanged paragraphs before the change fold (saying how
    many); the paragraph after it stays as context; a lone paragraph never folds."""
    lines = [f"Paragraph {n} of the rules." for n in range(1, 7)]
    old = policy(("Rules", "\n\n".join([*lines, "We keep logs for 24 months.", "After."])))
    new = policy(("Rules", "\n\n".join([*lines, "We keep logs for 12 months.", "After."])))
    diff = diff_documents(parse_document(old, path="a"), parse_document(new, path="b"))
    soup = BeautifulSoup(render_changes(diff, ENGLISH), "html.parser")
    inline = one(soup, "section.ps-changed .ps-inline")
    fold = one(inline, "details.ps-context")
    assert one(fold, "summary").get_text() == "6 unchanged paragraphs"
    assert len(fold.select("p.ps-block")) == 6
    shown = [seen(p) for p in inline.select(":scope > p.ps-block")]
    assert shown == ["We keep logs for 24 12 months.", "After."]
    assert one(soup, "section.ps-changed .ps-sbs details.ps-context")


def test_no_view_switch_when_no_words_changed() -> None:
    """A diff whose sections only moved, or that changed only the front matter, has nothing
    to show side by side: no Inline / Side by side switch; one that changed words has it."""
    for name, switch in [("effective_date_only", 0), ("section_moved", 0), ("section_added", 2)]:
        soup = BeautifulSoup(render_changes(case(name), ENGLISH), "html.parser")
        assert len(soup.select("input.ps-view-input")) == switch, name


def test_paper_leaves_out_unchanged_sections_saying_how_many() -> None:
    """Each fold of unchanged sections has a line, for paper only, saying how many were
    left out; the stylesheet hides the fold and shows that line when printing."""
    soup = BeautifulSoup(render_changes(case("section_added"), ENGLISH), "html.parser")
    lines = [p.get_text() for p in soup.select("p.ps-print-only.ps-left-out")]
    assert lines
    assert all(re.fullmatch(r"\d+ unchanged sections? (is|are) not printed\.", t) for t in lines)
    printing = CSS[CSS.index("@media print") :]
    assert ".ps-unchanged" in printing
    assert ".ps-print-only { display: block; }" in printing


def test_every_block_keeps_its_place() -> None:
    """Changed, added, removed and unchanged blocks have the same edge width and padding
    (only the edge's colour and style differ): a change never shifts its text sideways."""
    block = re.search(r"\.ps-block \{([^}]*)\}", CSS)
    assert block is not None
    assert "padding-inline-start" in block.group(1)
    assert "border-inline-start: 0.2em solid transparent" in block.group(1)
    for status in ("added", "removed", "changed"):
        rule = re.search(rf"\.ps-block-{status} \{{([^}}]*)\}}", CSS)
        assert rule is not None
        assert "padding" not in rule.group(1)
        assert re.search(r"border-inline-start(?!-(color|style))", rule.group(1)) is None


def test_a_diff_that_changes_no_words_is_only_its_summary() -> None:
    """A new effective date alone (or a correction of the front matter only): the summary
    says "No changes to the text" and what did change; no switch, no folded text, no box."""
    soup = BeautifulSoup(render_changes(case("effective_date_only"), ENGLISH), "html.parser")
    assert seen(one(soup, ".ps-summary__line")) == (
        "No changes to the text. · Effective date changed from 1 January 2026 to 1 March 2026."
    )
    assert soup.select(".ps-redline, details, input, section.ps-section") == []
