"""Hypothesis strategies for the diff: policy-like documents and edits of them.

A document is generated as a small structure (sections of paragraphs and list items made
of words) and written to Markdown by :func:`to_markdown`, whose ``style`` picks the
formatting (line width, bullet, emphasis marker, ATX or setext headings, ordered-list
numbering). Two styles of one structure differ in formatting only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from hypothesis import strategies as st

WORDS = (  # noqa: SIM905 (a sentence of words reads better than a list literal)
    "we you data keep collect share months years account service partners law right "
    "delete access email name policy cookies 12 24 2026 数据 保存 个月 账户 사용자 データ"
).split()
PUNCTUATION = (",", ";", ":", ".", "!", "?", "&", "<", ">", "(", ")", '"', "'", "。", "、")


@dataclass(frozen=True)
class Item:
    """A paragraph (``kind="p"``), bullet or ordered list item, as words."""

    kind: str
    words: tuple[str, ...]
    emphasis: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Part:
    """A section: heading words and items."""

    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Style:
    """How to write a structure: formatting that must not count as change."""

    width: int = 1000
    bullet: str = "-"
    emphasis: str = "*"
    setext: bool = False
    ordered_ones: bool = False
    trailing_spaces: bool = False


def _word() -> st.SearchStrategy[str]:
    plain = st.sampled_from(WORDS)
    punctuated = st.tuples(
        st.sampled_from([w for w in WORDS if w.isascii() and w.isalpha()]),
        st.sampled_from(PUNCTUATION),
    ).map("".join)
    return st.one_of(plain, plain, plain, punctuated)


@st.composite
def items(draw: st.DrawFn) -> Item:
    """One paragraph or list item; it starts with a letter so it never reads as a list."""
    kind = draw(st.sampled_from(["p", "p", "ul", "ol"]))
    first = draw(st.sampled_from([w for w in WORDS if w.isalpha()]))
    rest = draw(st.lists(_word(), min_size=0, max_size=25))
    words = (first, *rest)
    emphasis = draw(st.frozensets(st.integers(0, len(words) - 1), max_size=2))
    emphasis = frozenset(i for i in emphasis if words[i].isalpha())
    return Item(kind, words, emphasis)


@st.composite
def structures(draw: st.DrawFn, max_sections: int = 5) -> tuple[Part, ...]:
    """A document: sections with unique headings, each with one to four items."""
    count = draw(st.integers(1, max_sections))
    names = draw(
        st.lists(
            st.sampled_from(
                [
                    "Scope",
                    "Data we collect",
                    "Sharing",
                    "Retention",
                    "Your rights",
                    "Contact",
                    "Cookies",
                    "Children",
                    "Security",
                    "Changes",
                    "数据保存",
                    "联系我们",
                ]
            ),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    return tuple(
        Part(name, tuple(draw(st.lists(items(), min_size=1, max_size=4)))) for name in names
    )


def _wrap(words: list[str], width: int, indent: str) -> str:
    lines: list[str] = []
    line: list[str] = []
    for word in words:
        if line and len(" ".join([*line, word])) > width:
            lines.append(" ".join(line))
            line = []
        line.append(word)
    lines.append(" ".join(line))
    return ("\n" + indent).join(lines)


def to_markdown(
    parts: tuple[Part, ...],
    style: Style = Style(),
    effective: str = "2026-01-01",
) -> str:
    """The structure as Markdown with front matter, written in ``style``."""
    out = [f"---\ntitle: Policy\neffective: {effective}\n---\n"]
    for index, part in enumerate(parts, start=1):
        if style.setext:  # "1. Scope" on its own line would start a list: escape the dot
            out.append(f"{index}\\. {part.heading}\n{'-' * 10}\n")
        else:
            out.append(f"## {index}. {part.heading}\n")
        number = 0
        for item in part.items:
            words = [
                f"{style.emphasis}{w}{style.emphasis}" if i in item.emphasis else w
                for i, w in enumerate(item.words)
            ]
            if item.kind == "p":
                text = _wrap(words, style.width, "")
                if style.trailing_spaces:
                    text = text.replace("\n", "  \n")  # a hard break: still no change
                out.append(text + "\n")
                number = 0
            elif item.kind == "ul":
                out.append(f"{style.bullet} {_wrap(words, style.width, '  ')}\n")
            else:
                number = 1 if style.ordered_ones else number + 1
                out.append(f"{number}. {_wrap(words, style.width, '   ')}\n")
    return "\n".join(out)


@st.composite
def styles(draw: st.DrawFn) -> Style:
    """Any formatting style."""
    return Style(
        width=draw(st.integers(12, 120)),
        bullet=draw(st.sampled_from(["-", "*", "+"])),
        emphasis=draw(st.sampled_from(["*", "_"])),
        setext=draw(st.booleans()),
        ordered_ones=draw(st.booleans()),
        trailing_spaces=draw(st.booleans()),
    )


@st.composite
def edited(draw: st.DrawFn, parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """The structure after a few random edits: words changed, items and sections added,
    removed or moved."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    out = list(parts)
    for _ in range(draw(st.integers(0, 4))):
        action = rng.choice(
            ["word", "word", "word", "item+", "item-", "move", "section+", "section-"]
        )
        index = rng.randrange(len(out))
        part = out[index]
        chosen = list(part.items)
        if action == "word":
            at = rng.randrange(len(chosen))
            words = list(chosen[at].words)
            position = rng.randrange(len(words))
            words[position] = rng.choice([w for w in WORDS if w.isalpha()])
            chosen[at] = replace(chosen[at], words=tuple(words))
        elif action == "item+":
            chosen.insert(
                rng.randrange(len(chosen) + 1),
                Item("p", tuple(rng.choice(WORDS[:10]) for _ in range(6))),
            )
        elif action == "item-" and len(chosen) > 1:
            chosen.pop(rng.randrange(len(chosen)))
        elif action == "move" and len(out) > 1:
            out.insert(rng.randrange(len(out)), out.pop(index))
            continue
        elif action == "section+":
            taken = {p.heading for p in out}
            name = next((n for n in ("Appendix", "Glossary", "Annex") if n not in taken), None)
            if name:
                out.insert(index, Part(name, (Item("p", ("new", "terms", "apply")),)))
            continue
        elif action == "section-" and len(out) > 1:
            out.pop(index)
            continue
        out[index] = replace(part, items=tuple(chosen))
    return tuple(out)
