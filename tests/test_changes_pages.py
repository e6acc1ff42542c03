"""The example's changes pages name exactly what each amendment touched, as a reader expects."""

from __future__ import annotations

from pathlib import Path

from bs4 import Tag

from .conftest import content, one, soup


def changes(site: Path, date: str, kind: str = "changes") -> Tag:
    return content(soup(site / f"en/privacy/{date}/{kind}/index.html"))


def summary(page: Tag) -> dict[str, list[str]]:
    """Summary line (e.g. "1 section moved") → the section labels listed under it."""
    found = {}
    for item in page.select(".ps-summary .ps-counts > li"):
        label = item.find(string=True, recursive=False) or ""
        found[str(label).strip()] = [a.get_text(strip=True) for a in item.select("a")]
    return found


def inserted(tag: Tag) -> list[str]:
    return [
        ins.get_text(strip=True).removeprefix("inserted:") for ins in tag.select(".ps-inline ins")
    ]


def deleted(tag: Tag) -> list[str]:
    return [d.get_text(strip=True).removeprefix("deleted:") for d in tag.select(".ps-inline del")]


def section(page: Tag, anchor: str) -> Tag:
    found = page.select_one(f"section.ps-section#{anchor}")
    assert found is not None, anchor
    return found


def test_v2_adds_a_section_and_changes_one_number(example_site: Path) -> None:
    """1 Feb 2025: Biometric information added; retention 24 → 12 only; a list item added;
    and, compared with the 2024 version as first published, its typo correction."""
    page = changes(example_site, "2025-02-01")
    found = summary(page)
    assert found["1 section added"] == ["2. Biometric information"]
    assert found["3 sections changed"] == [
        "4. How we use information",
        "7. How long we keep information",
        "11. Changes to this policy",
    ]
    typo = section(page, "changes-to-this-policy")
    assert (deleted(typo), inserted(typo)) == (["recieve"], ["receive"])
    assert not any("removed" in line for line in found)
    retention = section(page, "how-long-we-keep-information")
    assert deleted(retention) == ["24"]
    assert inserted(retention) == ["12"]
    use = section(page, "how-we-use-information")
    assert any(text.startswith("develop and test new features") for text in inserted(use))


def test_v3_moved_section_is_moved_not_removed_and_added(example_site: Path) -> None:
    """1 Oct 2025: Cookies moved (and renumbered); one sentence reworded in a few words."""
    page = changes(example_site, "2025-10-01")
    found = summary(page)
    assert found["1 section moved"] == ["8. Cookies and similar technologies"]
    assert found["1 section changed"] == ["5. Sharing and international transfers"]
    assert not any("removed" in line or "added" in line for line in found)
    sharing = section(page, "sharing-and-international-transfers")
    assert deleted(sharing) == ["do not sell"]
    assert inserted(sharing) == ["never sell or rent", "to anyone"]


def test_v4_removed_section_and_changed_response_time(example_site: Path) -> None:
    """1 Jun 2026: Children removed; 30 days → one month in Your rights."""
    page = changes(example_site, "2026-06-01")
    found = summary(page)
    assert found["1 section removed"] == ["10. Children"]
    assert found["1 section changed"] == ["9. Your rights"]
    rights = section(page, "your-rights")
    assert deleted(rights) == ["30 days"]
    assert inserted(rights) == ["one month"]


def test_formatting_only_commit_is_no_correction(example_site: Path) -> None:
    """The reflow and list-marker commit is in no history: the version has no correction."""
    history = content(soup(example_site / "en/privacy/history/index.html"))
    assert history.select("#c2025-10-01 .ps-commit--correction") == []
    assert "reformat source text" not in history.get_text()


def test_unchanged_sections_fold_into_details(example_site: Path) -> None:
    """Unchanged sections are collapsed in <details> saying how many there are."""
    page = changes(example_site, "2026-06-01")
    summaries = [
        one(d, "summary").get_text(strip=True) for d in page.select("details.ps-unchanged")
    ]
    assert summaries
    assert all(
        s.endswith("unchanged sections") or s.endswith("unchanged section") for s in summaries
    )


def test_redline_is_accessible_without_colour(example_site: Path) -> None:
    """Every <ins>/<del> carries a visually hidden label for screen readers."""
    page = changes(example_site, "2025-02-01")
    for selector, label_text in (("ins", "inserted:"), ("del", "deleted:")):
        marks = page.select(selector)
        assert marks, f"the 2025-02-01 redline has no <{selector}>"
        for mark in marks:
            label = mark.select_one(".ps-sr")
            assert label is not None
            assert label.get_text(strip=True) == label_text


def test_since_page_of_upcoming_version_shows_what_will_change(example_site: Path) -> None:
    """The upcoming version's since/ page compares the version in force with it."""
    page = changes(example_site, "2028-01-15", "since")
    assert "What will change on 15 January 2028" in page.get_text()
    assert summary(page)["2 sections changed"] == [
        "5. Sharing and international transfers",
        "11. Contact us",
    ]


def test_first_version_has_no_changes_page(example_site: Path) -> None:
    """The first version says there is nothing earlier to compare with."""
    assert not (example_site / "en/privacy/2024-03-01/changes").exists()
    history = content(soup(example_site / "en/privacy/history/index.html"))
    first = history.select_one("#v2024-03-01")
    assert first is not None
    assert "there is no earlier text to compare with" in first.get_text()


def test_chinese_redline_is_character_level(example_site: Path) -> None:
    """zh 1 Oct 2025: the reworded sentence shows only the changed characters."""
    page = content(soup(example_site / "zh/privacy/2025-10-01/changes/index.html"))
    changed = [*inserted(page), *deleted(page)]
    assert changed
    assert all(len(text) <= 12 for text in changed), changed


def test_views_switch_without_javascript(example_site: Path) -> None:
    """Inline and side-by-side views are radio inputs with labels; no script needed."""
    page = changes(example_site, "2025-02-01")
    inline, side_by_side = page.select("input[type=radio]")
    assert "ps-view-inline" in inline["class"]
    assert inline.has_attr("checked")
    assert "ps-view-sbs" in side_by_side["class"]
    assert not side_by_side.has_attr("checked")
    assert inline["name"] == side_by_side["name"]
    for radio in (inline, side_by_side):
        assert page.select_one(f"label[for='{radio['id']}']") is not None
    # Both views are in the page; CSS shows the one whose radio is checked.
    changed = page.select("section.ps-changed")
    assert changed
    for section in changed:
        assert section.select_one(".ps-inline") is not None
        rows = section.select(".ps-sbs .ps-row")
        assert rows
        assert all(row.select_one(".ps-old") and row.select_one(".ps-new") for row in rows)
