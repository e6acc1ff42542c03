"""The diff stage (``generator.diff``) and its command-line renderings (``generator.render``).

Fixture pairs live in ``tests/fixtures/diff/<case>/`` as ``old.md``, ``new.md`` and
``expected.json`` (section statuses with flags, word operations of changed blocks), read by
``tests/expected.py``, which also says how to regenerate them.
"""

from __future__ import annotations

import json
import random
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs installed
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.diff import (
    WORK_BOUND,
    Diff,
    Granularity,
    MetadataKind,
    OpKind,
    Status,
    diff_documents,
)
from generator.diff.tokens import tokenize
from generator.document import Block, Document, Section, parse_document
from generator.render import SCHEMA_PATH, format_json, format_markdown, format_text
from generator.render.i18n import Messages

from .diff_strategies import Style, edited, structures, styles, to_markdown
from .expected import FIXTURES, assert_expected, cases, read_case

CASES = cases("diff", "old.md")
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
ENGLISH = Messages.english()
SYMBOLS = {OpKind.EQUAL: "=", OpKind.INSERT: "+", OpKind.DELETE: "-"}


# -- helpers ---------------------------------------------------------------------------


def parse(text: str, path: str = "policy.md", lang: str = "en") -> Document:
    """A Document from Markdown text."""
    return parse_document(text, path=path, lang=lang)


def load_case(case: str) -> Diff:
    """The diff of one fixture pair."""
    lang = "zh" if case.startswith("chinese") else "en"
    old = parse(read_case("diff", case, "old.md"), f"{case}/old.md", lang)
    new = parse(read_case("diff", case, "new.md"), f"{case}/new.md", lang)
    return diff_documents(old, new)


def summarise(diff: Diff) -> dict[str, Any]:
    """What a fixture's expected.json records: statuses, flags and word operations."""
    sections = []
    blocks = []
    for change in diff.sections:
        label = change.section.label or "(preamble)"
        flags = [name for name in ("moved", "renamed", "renumbered") if getattr(change, name)]
        entry_: dict[str, Any] = {"section": label, "status": change.status.value, "flags": flags}
        if change.heading:
            entry_["heading_ops"] = [[SYMBOLS[op.kind], op.text, *op.tags] for op in change.heading]
        sections.append(entry_)
        for block in change.blocks:
            if block.status is Status.UNCHANGED:
                continue
            entry: dict[str, Any] = {"section": label, "status": block.status.value}
            if block.status is Status.CHANGED:
                entry["ops"] = [
                    [[SYMBOLS[op.kind], op.text, *op.tags] for op in cell] for cell in block.cells
                ]
            else:
                shown = block.new or block.old
                assert shown is not None
                entry["text"] = shown.text
            blocks.append(entry)
    return {
        "text_changed": diff.text_changed,
        "metadata": [[change.key, change.kind.value] for change in diff.metadata],
        "sections": sections,
        "blocks": blocks,
    }


def changed_ops(diff: Diff) -> list[tuple[str, str]]:
    """(op, text) of every insert and delete in the diff's changed blocks."""
    return [
        (op.kind.value, op.text)
        for change in diff.sections
        for block in change.blocks
        for cell in block.cells
        for op in cell
        if op.kind is not OpKind.EQUAL
    ]


def side_text(ops: Any, drop: OpKind) -> str:
    """The text the ops spell without the runs of kind ``drop``."""
    return "".join(op.text for op in ops if op.kind is not drop)


def assert_rebuilds(diff: Diff, old: Document, new: Document) -> None:
    """Every block's operations spell both texts; sections and blocks cover both versions."""
    assert [
        c.old for c in sorted((c for c in diff.sections if c.old), key=lambda c: c.old_index or 0)
    ] == list(old.sections)
    assert [c.new for c in diff.sections if c.new] == list(new.sections)
    for change in diff.sections:
        if change.old is not None:
            assert [b.old for b in change.blocks if b.old] == list(change.old.blocks)
        if change.new is not None:
            assert [b.new for b in change.blocks if b.new] == list(change.new.blocks)
        for block in change.blocks:
            if block.status is Status.CHANGED:
                assert block.old is not None
                assert block.new is not None
                old_text = " | ".join(side_text(c, OpKind.INSERT) for c in block.cells)
                new_text = " | ".join(side_text(c, OpKind.DELETE) for c in block.cells)
                assert old_text == block.old.text
                assert new_text == block.new.text


# -- fixtures --------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_fixture(case: str) -> None:
    """Each fixture pair's statuses, flags and word operations match expected.json."""
    summary = json.dumps(summarise(load_case(case)), ensure_ascii=False, indent=2) + "\n"
    assert_expected(FIXTURES / "diff" / case / "expected.json", summary)


def test_formatting_only_edits_are_no_change() -> None:
    """Reflow, `*`→`-`, `*em*`→`_em_`, setext→ATX, hard breaks, list renumbering: no change."""
    diff = load_case("formatting_only")
    assert not diff.text_changed
    assert all(change.is_quiet for change in diff.sections)


def test_number_change_touches_only_the_number() -> None:
    """24 → 12 deletes one token and inserts one token, nothing else."""
    assert changed_ops(load_case("number_changed")) == [("delete", " 24"), ("insert", " 12")]


def test_chinese_term_shows_only_changed_characters() -> None:
    """二十四个月 → 十二个月 marks characters of 二十四/十二 only, never 个月 or the rest."""
    ops = changed_ops(load_case("chinese_term_changed"))
    assert ops
    assert set("".join(text for _kind, text in ops)) <= set("二十四")


def test_link_text_change_keeps_the_link() -> None:
    """Every changed run of a link's text stays inside that link's <a> tag."""
    diff = load_case("link_text_changed")
    runs = [
        op
        for change in diff.sections
        for block in change.blocks
        for cell in block.cells
        for op in cell
        if op.kind is not OpKind.EQUAL
    ]
    assert runs
    assert all(op.tags == ('<a href="https://example.com/cookies">',) for op in runs)


def test_moved_section_is_flagged_alone() -> None:
    """Moving one section flags that section only, and nothing is removed or added."""
    diff = load_case("section_moved")
    assert [c.section.heading for c in diff.sections if c.moved] == ["Cookies"]
    assert diff.counts.sections_added == diff.counts.sections_removed == 0


def test_moved_and_edited_section_shows_both() -> None:
    """A section both moved and edited is one change: changed, with the moved flag."""
    diff = load_case("section_moved_edited")
    (cookies,) = [c for c in diff.sections if c.section.heading == "Cookies"]
    assert cookies.status is Status.CHANGED
    assert cookies.moved


def test_renamed_section_is_not_removed_and_added() -> None:
    """A heading change pairs the section by its content and flags it renamed."""
    diff = load_case("section_renamed")
    assert diff.counts.sections_added == diff.counts.sections_removed == 0
    assert diff.counts.sections_renamed == 1


def test_section_inserted_before_renumbers_without_moving() -> None:
    """Inserting section 2 renumbers the later sections but moves none."""
    diff = load_case("renumbered_only")
    assert diff.counts.sections_added == 1
    assert diff.counts.sections_renumbered == 2
    assert diff.counts.sections_moved == 0
    assert diff.counts.sections_changed == 0


def test_effective_date_alone_is_no_text_change() -> None:
    """A new effective date is a metadata change, and the summary says the text is the same."""
    diff = load_case("effective_date_only")
    assert not diff.text_changed
    assert not diff.is_empty
    assert [(m.key, m.kind) for m in diff.metadata] == [("effective", MetadataKind.CHANGED)]
    text = format_text(diff, ENGLISH, color=False)
    assert "No changes to the text." in text
    assert "Effective date changed from 1 January 2026 to 1 March 2026." in text


def test_entities_stay_entities() -> None:
    """Text that looks like markup stays escaped in every op's HTML."""
    diff = load_case("entities_kept")
    htmls = [op.html for c in diff.sections for b in c.blocks for cell in b.cells for op in cell]
    assert any("&lt;script&gt;" in html for html in htmls)
    assert not any("<script" in html for html in htmls)


def test_cjk_tokens_are_characters() -> None:
    """Han, kana and Hangul split per character; Latin words and digits stay whole."""
    tokens = tokenize("数据 データ 사용 keep 24")
    assert [t.strip() for t in tokens.texts] == [
        "数",
        "据",
        "デ",
        "ー",
        "タ",
        "사",
        "용",
        "keep",
        "24",
    ]


# -- properties ------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def document_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """Markdown of a structure and of an edit of it, each in some style."""
    parts = draw(structures())
    return (
        to_markdown(parts, draw(styles())),
        to_markdown(draw(edited(parts)), draw(styles()), "2026-03-01"),
    )


@PROPERTY_SETTINGS
@given(document_pairs())
def test_operations_rebuild_both_texts(pair: tuple[str, str]) -> None:
    """Applying every block's operations to the old text gives the new text, and back."""
    old, new = parse(pair[0]), parse(pair[1])
    assert_rebuilds(diff_documents(old, new), old, new)


@PROPERTY_SETTINGS
@given(structures(), styles())
def test_diff_with_itself_is_empty(parts: Any, style: Style) -> None:
    """diff(x, x) has no change at all."""
    text = to_markdown(parts, style)
    assert diff_documents(parse(text), parse(text)).is_empty


@PROPERTY_SETTINGS
@given(structures(), styles(), styles())
def test_formatting_only_rewrite_is_no_change(parts: Any, one: Style, other: Style) -> None:
    """The same text reflowed, with other list markers, emphasis and headings: no change."""
    diff = diff_documents(parse(to_markdown(parts, one)), parse(to_markdown(parts, other)))
    assert not diff.text_changed, summarise(diff)


@PROPERTY_SETTINGS
@given(document_pairs())
def test_diff_is_deterministic(pair: tuple[str, str]) -> None:
    """Two runs on freshly parsed inputs give equal diffs and byte-identical JSON."""
    first = diff_documents(parse(pair[0]), parse(pair[1]))
    second = diff_documents(parse(pair[0]), parse(pair[1]))
    assert first == second
    assert format_json(first) == format_json(second)


@settings(max_examples=25, deadline=None)
@given(document_pairs())
def test_json_validates_against_schema(pair: tuple[str, str]) -> None:
    """The JSON rendering of any diff validates against diff.schema.json."""
    document = json.loads(format_json(diff_documents(parse(pair[0]), parse(pair[1]))))
    jsonschema.validate(document, SCHEMA)


# -- bounded work ----------------------------------------------------------------------

VOCABULARY = (  # noqa: SIM905 (a sentence of words reads better than a list literal)
    "we you data keep share collect account service months law right access "
    "delete request third parties email name cookie device retain security"
).split()


def generated(seed: int, total_words: int, *, sentences: bool = True) -> list[list[str]]:
    """Sections of paragraphs of seeded random words."""
    rng = random.Random(seed)
    sections: list[list[str]] = []
    count = 0
    while count < total_words:
        paragraphs = []
        for _ in range(rng.randint(2, 5)):
            words_ = [rng.choice(VOCABULARY) for _ in range(rng.randint(40, 120))]
            count += len(words_)
            text = " ".join(words_)
            paragraphs.append(text.replace(" we ", ". We ") + "." if sentences else text)
        sections.append(paragraphs)
    return sections


def markdown_of(sections: list[list[str]], seed: int) -> str:
    """Markdown for generated sections, headings drawn with ``seed``."""
    rng = random.Random(seed)
    out = ["---\neffective: 2026-01-01\n---\n"]
    for number, paragraphs in enumerate(sections, start=1):
        heading = " ".join(rng.choice(VOCABULARY) for _ in range(3))
        out.append(f"## {number}. {heading} {rng.randrange(10**6)}\n")
        out.extend(f"{p}\n" for p in paragraphs)
    return "\n".join(out)


def one_block(text: str, path: str) -> Document:
    """A document of one section holding one paragraph (no Markdown parsing)."""
    block = Block(kind="paragraph", depth=0, cells=(text,), text=text, line=1)
    section = Section(
        id="terms",
        level=2,
        number="",
        heading="Terms",
        heading_html="Terms",
        blocks=(block,),
        line=1,
    )
    return Document(
        path=path, metadata={}, title="", effective_date=None, sections=(section,), html=Markup("")
    )


@pytest.fixture
def matcher_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Records the estimated cost of every SequenceMatcher the word diff builds."""
    from generator.diff import words as words_module

    sizes: list[int] = []
    original = words_module.SequenceMatcher  # type: ignore[attr-defined]

    def spy(junk: None, a: Any, b: Any, autojunk: bool = True) -> Any:
        assert autojunk is False
        sizes.append(words_module.alignment_cost(a, b))
        return original(junk, a, b, autojunk=autojunk)

    monkeypatch.setattr(words_module, "SequenceMatcher", spy)
    return sizes


def test_unrelated_50k_word_documents_complete(matcher_sizes: list[int]) -> None:
    """Two unrelated 50,000-word documents: every alignment stays under the work bound."""
    old = parse(markdown_of(generated(1, 50_000), seed=3))
    new = parse(markdown_of(generated(2, 50_000), seed=4))
    diff = diff_documents(old, new)
    assert max(matcher_sizes) <= WORK_BOUND
    assert diff.counts.sections_changed + diff.counts.sections_removed >= 1
    assert_rebuilds(diff, old, new)


def test_megabyte_paragraph_with_scattered_edits_is_exact(matcher_sizes: list[int]) -> None:
    """A 1 MB paragraph with 12 scattered word edits: exactly those 12 words change."""
    rng = random.Random(5)
    sentences = []
    size = 0
    while size < 1_000_000:
        sentence = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(6, 20))) + "."
        sentences.append(sentence.capitalize())
        size += len(sentence) + 1
    old_text = " ".join(sentences)
    tokens = old_text.split(" ")
    for position in rng.sample(range(len(tokens)), 12):
        tokens[position] = "CHANGED"
    old, new = one_block(old_text, "old.md"), one_block(" ".join(tokens), "new.md")
    diff = diff_documents(old, new)
    assert max(matcher_sizes) <= WORK_BOUND
    assert not diff.coarse
    assert diff.counts.words_inserted == diff.counts.words_deleted == 12
    assert_rebuilds(diff, old, new)


def test_huge_rewritten_block_falls_back_and_says_so(matcher_sizes: list[int]) -> None:
    """A rewritten block too long to compare word by word is coarse, flagged, and exact."""
    old_text = " ".join(generated(7, 40_000, sentences=False)[0] * 40)
    new_text = " ".join(generated(8, 40_000, sentences=False)[0] * 40)
    old, new = one_block(old_text, "old.md"), one_block(new_text, "new.md")
    diff = diff_documents(old, new)
    assert max(matcher_sizes, default=0) <= WORK_BOUND
    assert diff.coarse
    assert diff.coarse_blocks == ((0, 0),)
    assert diff.sections[0].blocks[0].granularity is not Granularity.WORD
    assert_rebuilds(diff, old, new)
    assert "sentence by sentence" in format_text(diff, ENGLISH, color=False)


# -- renderings ------------------------------------------------------------------------


def test_text_format_marks_changes_with_and_without_colour() -> None:
    """Plain text shows [-24-] [+12+]; colour adds ANSI codes, plain output has none."""
    diff = load_case("number_changed")
    plain = format_text(diff, ENGLISH, color=False)
    assert "[-24-]" in plain
    assert "[+12+]" in plain
    assert "\x1b" not in plain
    coloured = format_text(diff, ENGLISH, color=True)
    assert "\x1b[32m[+12+]\x1b[0m" in coloured
    assert "\x1b[31m[-24-]\x1b[0m" in coloured


def test_markdown_format_shows_changed_sections_only() -> None:
    """The pull-request comment lists changed sections with <ins>/<del>, not unchanged ones."""
    diff = load_case("section_moved_edited")
    text = format_markdown(diff, ENGLISH)
    assert "<ins>and your region</ins>" in text
    assert "Information we collect" not in text
    assert "Cookies" in text


def test_markdown_format_escapes_markdown_syntax() -> None:
    """Policy text with * and _ cannot turn into emphasis in the comment."""
    old = parse("---\neffective: 2026-01-01\n---\n## A\n\nPay 2 \\* 3 for snake\\_case.\n")
    new = parse("---\neffective: 2026-01-01\n---\n## A\n\nPay 2 \\* 4 for snake\\_case.\n")
    text = format_markdown(diff_documents(old, new), ENGLISH)
    assert "2 \\* <del>3</del>" in text
    assert "snake\\_case" in text


def test_json_format_is_stable_and_sorted() -> None:
    """format_json sorts every object's keys, keeps CJK text unescaped, validates against the
    schema, and gives the same bytes for a diff computed again."""
    text = format_json(load_case("section_moved_edited"))
    assert text == format_json(load_case("section_moved_edited"))

    def sorted_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _value in pairs]
        assert keys == sorted(keys)
        return dict(pairs)

    jsonschema.validate(json.loads(text, object_pairs_hook=sorted_keys), SCHEMA)
    chinese = format_json(load_case("chinese_term_changed"))
    assert "个月" in chinese
    assert "\\u" not in chinese


def test_schema_documents_every_field() -> None:
    """Every property in diff.schema.json has a description."""
    missing: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}.{name}")
            for key, sub in node.items():
                walk(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for index, sub in enumerate(node):
                walk(sub, f"{where}[{index}]")

    walk(SCHEMA, "$")
    assert missing == []


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(pytest.main([__file__, "-q"]))


def test_metadata_changes_are_exact_however_many_keys_change() -> None:
    """A new effective date plus many new keys: every key is reported, none is lost."""
    extra = "\n".join(f"key{n}: value {n}" for n in range(12))
    old = parse("---\ntitle: A\neffective: 2026-01-01\n---\n## A\n\nText.\n")
    new = parse(f"---\ntitle: A\neffective: 2026-03-01\n{extra}\n---\n## A\n\nText.\n")
    diff = diff_documents(old, new)
    assert [(m.key, m.kind) for m in diff.metadata] == sorted(
        [("effective", MetadataKind.CHANGED)] + [(f"key{n}", MetadataKind.ADDED) for n in range(12)]
    )
    assert not diff.text_changed
    assert not diff.is_empty
