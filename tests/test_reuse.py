"""One build works each thing out once: a text's tokens, a pair's diff, a pair's redline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from markupsafe import Markup

from benchmarks.generate import DEFAULT_AS_OF, generate
from generator.commands.build import build
from generator.config.loading import load_config
from generator.diff import Diff, DiffMemo, Status, diff_documents
from generator.diff import tokens as token_module
from generator.document import Document, parse_document
from generator.history.repository import read_history
from generator.render import render_changes
from generator.render.i18n import Messages
from generator.site.context import DiffCache
from generator.versions.timeline import Timeline, build_timelines

from .conftest import AS_OF, ROOT, Commit, policy, site_model
from .test_cache import tree

Factory = Callable[..., Path]
VERSIONS = 7


def text(name: str, n: int) -> str:
    """Version ``n`` of policy ``name``: one paragraph edited per version, the rest kept."""
    return f"""\
The {name} policy of Example Devices.

## Scope

This {name} policy covers our services and *our* [website](https://example.test/).

## Retention

We keep {name} records for {100 + n} days, then delete them.

## Requests

- Write to {name}@example.test.
- We answer {name} requests within {30 - n % 3} days.

## Contact

Our {name} office is in Dublin.
"""


def commits(names: tuple[str, ...]) -> list[Commit]:
    """``VERSIONS`` monthly versions of every policy in ``names``, and one correction each."""
    found = []
    for n in range(VERSIONS):
        month = f"2023-{n + 1:02d}"
        files = {
            f"policies/{name}/en.md": policy(f"{month}-20", text(name, n), title=name.title())
            for name in names
        }
        found.append(Commit(f"{month}-01", files, f"Version {n + 1}"))
    corrected = {
        f"policies/{name}/en.md": policy(
            f"2023-{VERSIONS:02d}-20",
            text(name, VERSIONS - 1).replace("Dublin", "Cork"),
            title=name.title(),
        )
        for name in names
    }
    found.append(Commit(f"2023-{VERSIONS:02d}-05", corrected, "Correct the office"))
    return found


def timelines_of(repo: Path) -> list[Timeline]:
    """Every file's timeline in ``repo``."""
    config = load_config(repo / "site_config.yml")
    return list(build_timelines(read_history(config), config).values())


def distinct_texts(timeline: Timeline) -> set[str]:
    """Every cell and heading (as inline HTML) of every text of one file's history."""
    found: set[str] = set()
    for version in timeline.versions:
        for edit in version.edits:
            for section in edit.document.sections:
                found.add(section.heading_html)
                found.update(cell for block in section.blocks for cell in block.cells)
    return found


def test_each_text_is_tokenised_once_per_policy(
    repo_factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Across every page of two policies, no cell or heading text is tokenised more than twice:
    once to learn the section histories' addresses (before any page is made), once for the
    pages, however many pages show it."""
    repo = repo_factory(commits(("privacy", "terms")))
    seen: list[str] = []
    original = token_module.tokenize

    def counting(cell_html: str) -> token_module.Tokens:
        seen.append(cell_html)
        return original(cell_html)

    monkeypatch.setattr(token_module, "tokenize", counting)
    site = site_model(repo / "site_config.yml", AS_OF)
    assert sum(len(language.pages) for language in site.languages) > 2 * VERSIONS * 3
    repeated = [cell for cell, count in Counter(seen).items() if count > 2]
    assert repeated == []
    # Bounded by the size of the texts, not by the number of pages that show them.
    timelines = timelines_of(repo)
    texts = set().union(*(distinct_texts(t) for t in timelines))
    assert set(seen) <= texts
    assert len(seen) > 2 * VERSIONS  # every version's edited paragraph, at least


def test_without_reuse_the_same_texts_are_tokenised_many_times(
    repo_factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counting above can fail: one diff per pair re-tokenises the texts they share."""
    repo = repo_factory(commits(("privacy",)))
    seen: Counter[str] = Counter()
    original = token_module.tokenize

    def counting(cell_html: str) -> token_module.Tokens:
        seen[cell_html] += 1
        return original(cell_html)

    monkeypatch.setattr(token_module, "tokenize", counting)
    monkeypatch.setattr(DiffCache, "between", lambda _self, old, new: diff_documents(old, new))
    site_model(repo / "site_config.yml", AS_OF)
    assert max(seen.values()) >= VERSIONS


def test_each_pair_is_rendered_once(repo_factory: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pair shown on its changes, since and compare pages is rendered as a redline once."""
    repo = repo_factory(commits(("privacy",)))
    seen: list[tuple[int, str, str]] = []
    diffs: list[Diff] = []  # kept, so that no two diffs ever share an id

    def counting(diff: Diff, words: Messages, *, id_prefix: str = "") -> Markup:
        diffs.append(diff)
        seen.append((id(diff), words.identity, id_prefix))
        return render_changes(diff, words, id_prefix=id_prefix)

    monkeypatch.setattr("generator.site.context.render_changes", counting)
    site = site_model(repo / "site_config.yml", AS_OF)
    redline_pages = [
        page
        for language in site.languages
        for page in language.pages
        if 'class="ps-changes"' in page.body
    ]
    assert len(redline_pages) > len(set(seen))  # pairs shown on more than one page
    assert len(seen) == len(set(seen))
    # Consecutive pairs, pairs with the version in force, every other pair, and the correction
    # (the version in force as first published against its text now: its since/ page and its
    # correction's page show the same pair).
    pairs = VERSIONS * (VERSIONS - 1) // 2
    assert len(seen) == pairs + 1


def test_what_the_cache_holds_is_one_policy_at_a_time(
    repo_factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When one policy's addresses or pages are made, the tokens held are that policy's texts only."""
    repo = repo_factory(commits(("privacy", "terms", "cookies")))
    held: list[int] = []
    original = DiffCache.release

    def measured(self: DiffCache) -> None:
        held.append(len(self.memo.tokens))
        original(self)
        assert (
            len(self.memo.tokens)
            == len(self.memo.outcomes)
            == len(self.diffs)
            == len(self.rendered)
            == 0
        )

    monkeypatch.setattr(DiffCache, "release", measured)
    site_model(repo / "site_config.yml", AS_OF)
    timelines = timelines_of(repo)
    per_policy = [len(distinct_texts(t)) for t in timelines]
    assert len(held) == 6  # each policy: once for its addresses, once for its pages
    assert 0 < max(held) <= max(per_policy) < sum(per_policy)


def shifting(n: int) -> str:
    """Version ``n``: the requests section alternates between two texts while the
    paragraphs above it grow, so the same texts stand on other lines."""
    extra = "".join(f"Paragraph {k} of the scope.\n\n" for k in range(n))
    days = 30 if n % 2 else 20
    return f"""\
## Scope

{extra}This policy covers our services.

## Requests

- Write to us at privacy@example.test.
- We answer requests within {days} days, *in writing*.
- A [form](https://example.test/form) helps.
"""


def test_a_shared_memo_gives_the_same_diff() -> None:
    """diff_documents with what earlier diffs worked out equals the diff computed alone,
    block lines included, though one alignment serves several pairs of versions."""
    texts = [policy(f"2023-0{n + 1}-20", shifting(n)) for n in range(6)]
    documents: list[Document] = [parse_document(t, path="privacy/en.md") for t in texts]
    shared = DiffMemo()
    diffs = 0
    for old in documents:
        for new in documents:
            alone = diff_documents(old, new)
            assert diff_documents(old, new, shared) == alone
            diffs += any(
                change.new
                and change.new.heading == "Requests"
                and change.blocks
                and change.status is not Status.UNCHANGED
                for change in alone.sections
            )
    assert 0 < shared.tokens.computed == len(shared.tokens)
    # Two texts of the requests section, so two alignments (one each way) serve every pair.
    requests = [key for key in shared.outcomes if key[0][0][0] == "list_item"]
    assert diffs == 18
    assert len(requests) == 2


def test_reuse_gives_a_byte_identical_example_site(
    example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example site built with every diff, redline and token computed afresh, no cache:
    byte for byte the site built with reuse."""

    def fresh_diff(_self: DiffCache, old: Document, new: Document) -> Diff:
        return diff_documents(old, new)

    def fresh_redline(
        self: DiffCache, old: Document, new: Document, words: Messages, id_prefix: str = ""
    ) -> Markup:
        return render_changes(diff_documents(old, new), words, id_prefix=id_prefix)

    monkeypatch.setattr(DiffCache, "between", fresh_diff)
    monkeypatch.setattr(DiffCache, "redline", fresh_redline)
    build(ROOT / "site_config.yml", tmp_path / "fresh", AS_OF, cache=False)
    assert tree(tmp_path / "fresh") == tree(example_site)


def test_reuse_gives_a_byte_identical_synthetic_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A benchmark repository (sections added, removed, moved and renamed, corrections,
    reformatting, an upcoming version, Chinese): reuse and no reuse write the same bytes."""
    repo = generate(tmp_path / "repo", policies=2, languages=3, versions=5, words=300, seed=7)
    config = repo / "site_config.yml"
    build(config, tmp_path / "reused", DEFAULT_AS_OF, cache=False)
    monkeypatch.setattr(DiffCache, "between", lambda _self, old, new: diff_documents(old, new))
    monkeypatch.setattr(
        DiffCache,
        "redline",
        lambda _self, old, new, words, id_prefix="": render_changes(
            diff_documents(old, new), words, id_prefix=id_prefix
        ),
    )
    build(config, tmp_path / "fresh", DEFAULT_AS_OF, cache=False)
    assert tree(tmp_path / "fresh") == tree(tmp_path / "reused")
