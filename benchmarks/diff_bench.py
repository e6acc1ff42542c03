"""How fast is the diff stage, against word-level difflib and the ``redlines`` package?

Run from the repository root::

    python benchmarks/diff_bench.py            # full run (about a minute)
    python benchmarks/diff_bench.py --quick    # fewer repeats, smaller pathological cases

It generates (seeded, so every run compares the same texts) two ~20,000-word versions of a
policy-like document that differ by scattered word changes, a moved section and an added
paragraph, and times, each the median of several runs:

- ours: ``diff_documents`` on the parsed documents (parsing is timed separately);
- difflib: ``SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes()``;
- redlines: ``Redlines(old_text, new_text).output_markdown`` on the same plain text.

Then the pathological cases: two unrelated 50,000-word documents, and one 1 MB paragraph
with scattered edits; it prints that each completed, how long it took and whether any
block fell back to a coarser comparison.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from markupsafe import Markup

from generator.diff import Diff, diff_documents
from generator.document import Block, Document, Section, parse_document

VOCABULARY = (  # noqa: SIM905 (a sentence of words reads better than a list literal)
    "we you your our data personal information service services account use used collect "
    "collected process processing share shared third parties partners law legal basis "
    "consent request requests right rights access delete deletion correct retain retention "
    "period months years security measures protect transfer transfers country countries "
    "cookie cookies device devices email contact address name payment order orders product "
    "products purpose purposes necessary provide improve support customer customers may "
    "will must not only when where which that this these those with without for from to "
    "of in on by as at or and the a an any all each every other such including include"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(8, 22))]
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] = str(rng.randint(2, 60))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def policy_sections(seed: int, words: int) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) of a policy-like document of about ``words`` words."""
    rng = random.Random(seed)
    sections: list[tuple[str, list[str]]] = []
    total = 0
    number = 0
    while total < words:
        number += 1
        heading = " ".join(rng.choice(VOCABULARY) for _ in range(3)).capitalize()
        paragraphs = [_paragraph(rng, rng.randint(2, 6)) for _ in range(rng.randint(2, 6))]
        total += sum(len(p.split()) for p in paragraphs)
        sections.append((f"{heading} {number}", paragraphs))
    return sections


def to_markdown(sections: list[tuple[str, list[str]]], effective: str) -> str:
    """The document as Markdown with front matter."""
    parts = [f"---\ntitle: Privacy Policy\neffective: {effective}\n---\n"]
    for index, (heading, paragraphs) in enumerate(sections, start=1):
        parts.append(f"## {index}. {heading}\n")
        parts.extend(f"{paragraph}\n" for paragraph in paragraphs)
    return "\n".join(parts)


def edited(
    sections: list[tuple[str, list[str]]],
    seed: int,
    changes: int,
) -> list[tuple[str, list[str]]]:
    """A copy with ``changes`` scattered word changes, a moved section, an added paragraph."""
    rng = random.Random(seed)
    out = [(heading, list(paragraphs)) for heading, paragraphs in sections]
    for _ in range(changes):
        _heading, paragraphs = out[rng.randrange(len(out))]
        index = rng.randrange(len(paragraphs))
        tokens = paragraphs[index].split(" ")
        tokens[rng.randrange(len(tokens))] = rng.choice(VOCABULARY)
        paragraphs[index] = " ".join(tokens)
    moved = out.pop(len(out) // 3)
    out.insert(2 * len(out) // 3, moved)
    out[len(out) // 2][1].insert(1, _paragraph(rng, 3))
    return out


def plain_text(sections: list[tuple[str, list[str]]]) -> str:
    """The text without Markdown, for difflib and redlines."""
    return "\n\n".join(f"{h}\n\n" + "\n\n".join(ps) for h, ps in sections)


def median_time(function: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` calls, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _huge_paragraph_documents(size: int) -> tuple[Document, Document]:
    """Two one-paragraph documents of about ``size`` bytes, a few words apart."""
    rng = random.Random(7)
    sentences: list[str] = []
    length = 0
    while length < size:
        sentences.append(_sentence(rng))
        length += len(sentences[-1]) + 1
    old_text = " ".join(sentences)
    words = old_text.split(" ")
    for _ in range(12):
        words[rng.randrange(len(words))] = "CHANGED"
    new_text = " ".join(words)

    def document(text: str, path: str) -> Document:
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
            path=path,
            metadata={},
            title="",
            effective_date=None,
            sections=(section,),
            html=Markup(""),
        )

    return document(old_text, "old.md"), document(new_text, "new.md")


@dataclass(frozen=True)
class Comparison:
    """Median seconds of each method on the main case, and what ours found."""

    old_words: int
    new_words: int
    sections: int
    repeats: int
    ours: float
    """``diff_documents`` on the parsed documents."""
    parsing: float
    """Parsing both documents (not part of ``ours``)."""
    difflib: float
    """Word-level ``SequenceMatcher(autojunk=False).get_opcodes()``."""
    redlines: float
    """``Redlines(old, new).output_markdown`` (median of half as many runs)."""
    found: Diff


def compare(words: int, repeats: int) -> Comparison:
    """Time ours, difflib and redlines on two seeded versions of about ``words`` words."""
    old_sections = policy_sections(seed=1, words=words)
    new_sections = edited(old_sections, seed=2, changes=40)
    old_md = to_markdown(old_sections, "2026-01-01")
    new_md = to_markdown(new_sections, "2026-03-01")
    old_plain, new_plain = plain_text(old_sections), plain_text(new_sections)
    old_words, new_words = old_plain.split(), new_plain.split()

    def parse_both() -> tuple[Document, Document]:
        return parse_document(old_md, path="old.md"), parse_document(new_md, path="new.md")

    old_doc, new_doc = parse_both()

    def run_difflib() -> object:
        return SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes()

    def run_redlines() -> object:
        from redlines import Redlines  # only the benchmark needs it

        return Redlines(old_plain, new_plain).output_markdown

    return Comparison(
        old_words=len(old_words),
        new_words=len(new_words),
        sections=len(old_sections),
        repeats=repeats,
        ours=median_time(lambda: diff_documents(old_doc, new_doc), repeats),
        parsing=median_time(parse_both, repeats),
        difflib=median_time(run_difflib, repeats),
        redlines=median_time(run_redlines, max(1, repeats // 2)),
        found=diff_documents(old_doc, new_doc),
    )


def main() -> None:
    """Run the comparison and the pathological cases; print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller cases")
    parser.add_argument("--words", type=int, default=20_000, help="size of the main case")
    args = parser.parse_args()
    repeats = 3 if args.quick else 5

    comparison = compare(args.words, repeats)
    ours, parsing, difflib_time, redlines_time = (
        comparison.ours,
        comparison.parsing,
        comparison.difflib,
        comparison.redlines,
    )
    check = comparison.found
    print(
        f"Main case: {comparison.old_words:,} → {comparison.new_words:,} words, "
        f"{comparison.sections} sections; median of {repeats} runs"
    )
    print(
        f"  ours found: {check.counts.sections_changed} sections changed, "
        f"{check.counts.sections_moved} moved, {check.counts.words_inserted} words "
        f"inserted, {check.counts.words_deleted} deleted"
    )
    print()
    print(f"  {'method':<34}{'seconds':>10}")
    print(f"  {'ours: diff_documents':<34}{ours:>10.4f}")
    print(f"  {'ours: parsing both documents':<34}{parsing:>10.4f}")
    print(f"  {'difflib word SequenceMatcher':<34}{difflib_time:>10.4f}")
    print(f"  {'redlines':<34}{redlines_time:>10.4f}")
    print()
    print(f"  ours / difflib  = {ours / difflib_time:.3f}  (must be under 2)")
    print(f"  ours / redlines = {ours / redlines_time:.3f}  (must be under 1)")
    print(f"  ours incl. parsing / difflib = {(ours + parsing) / difflib_time:.3f}")
    print()

    print("Pathological cases (one run each):")
    size = 20_000 if args.quick else 50_000
    unrelated_a = parse_document(
        to_markdown(policy_sections(seed=11, words=size), "2026-01-01"), path="a.md"
    )
    unrelated_b = parse_document(
        to_markdown(policy_sections(seed=12, words=size), "2026-01-01"), path="b.md"
    )
    start = time.perf_counter()
    result = diff_documents(unrelated_a, unrelated_b)
    took = time.perf_counter() - start
    print(
        f"  two unrelated {size:,}-word documents: completed in {took:.2f} s "
        f"(coarse: {result.coarse}, sections added {result.counts.sections_added}, "
        f"removed {result.counts.sections_removed}, changed {result.counts.sections_changed})"
    )
    megabyte = 250_000 if args.quick else 1_000_000
    huge_old, huge_new = _huge_paragraph_documents(megabyte)
    start = time.perf_counter()
    result = diff_documents(huge_old, huge_new)
    took = time.perf_counter() - start
    print(
        f"  one {megabyte / 1e6:.2f} MB paragraph, 12 scattered edits: completed in {took:.2f} s "
        f"(coarse: {result.coarse}, words inserted {result.counts.words_inserted}, "
        f"deleted {result.counts.words_deleted})"
    )


if __name__ == "__main__":
    main()
