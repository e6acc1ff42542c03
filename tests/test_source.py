"""The ``source:`` section: layouts, include/exclude, the effective-date chain, aliases, and
the documents they make: each choice read per file, each mistake named at its line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.base.errors import ConfigError, DocumentError
from generator.check import check_site, readable_timelines
from generator.check.model import Problem, Severity
from generator.config import identify
from generator.config.loading import load_config
from generator.config.source import DateSource, DateSourceKind, EffectiveDateRule
from generator.diff import diff_documents
from generator.document import parse_document, template_tags
from generator.document.clean import (
    remove_template_tags,
    strip_comments,
    strip_kramdown,
    strip_layout_html,
)
from generator.document.effective import date_line
from generator.document.front_matter import front_matter_line
from generator.history.drafts import read_working_copy
from generator.history.repository import read_history
from generator.versions.parse_cache import DocumentCache
from generator.versions.timeline import build_timelines
from tests.conftest import MINIMAL_CONFIG, Commit, policy, site_model

Factory = Callable[..., Path]


def config_of(tmp_path: Path, source: str, extra: str = "") -> Path:
    path = tmp_path / "site_config.yml"
    path.write_text(MINIMAL_CONFIG + extra + "source:\n" + source, encoding="utf-8")
    return path


def test_layouts_are_tried_in_order_and_globs_filter(tmp_path: Path) -> None:
    """The first layout that matches wins; a {lang} that is no site language gives way to a
    later layout; include and exclude are globs relative to source.path."""
    config = load_config(
        config_of(
            tmp_path,
            "  path: docs\n"
            "  layout: ['{policy}.{lang}.md', '{policy}.md']\n"
            "  exclude: [README.md, '_drafts/**', 'archive/*.md']\n",
            "    - {code: es, name: Español}\n",
        )
    )
    assert identify("docs/privacy.es.md", config) == ("privacy", "es")
    assert identify("docs/Terms.of.use.md", config) == ("Terms.of.use", "en")
    assert identify("docs/hr/Leave v1.2.md", config) == ("hr/Leave v1.2", "en")
    assert identify("docs/README.md", config) is None
    assert identify("docs/hr/README.md", config) is None
    assert identify("docs/_drafts/a/b.md", config) is None
    assert identify("docs/archive/old.md", config) is None
    assert identify("docs/archive/2020/old.md", config) == ("archive/2020/old", "en")
    only = load_config(config_of(tmp_path, "  layout: '{policy}.md'\n  include: ['legal/**']\n"))
    assert identify("policies/legal/terms.md", only) == ("legal/terms", "en")
    assert identify("policies/notes.md", only) is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("  effective_date: {front_matter: valid}\n", [("front_matter", "valid", ())]),
        ("  effective_date: {commit_date: true}\n", [("commit_date", "effective", ())]),
        (
            "  effective_date: [text, commit_date]\n",
            [("text", "effective", ()), ("commit_date", "effective", ())],
        ),
        (
            "  effective_date:\n    - front_matter\n    - text: {patterns: ['Valid from: (.+)']}\n",
            [("front_matter", "effective", ()), ("text", "effective", ("Valid from: (.+)",))],
        ),
    ],
)
def test_effective_date_forms(tmp_path: Path, source: str, expected: list[object]) -> None:
    """One source, or a list of sources named alone or with their settings."""
    rule = load_config(config_of(tmp_path, source)).effective_rule
    assert [(s.kind.value, s.key, s.patterns) for s in rule.sources] == expected


@pytest.mark.parametrize(
    ("source", "line", "expected"),
    [
        ("  layout: '{polciy}/{lang}.md'\n", 10, "Did you mean {policy}?"),
        (
            "  layout: ['{policy}.md', '{policy}/{lang}.txt']\n",
            10,
            "must contain {policy} and end in .md",
        ),
        ("  layout:\n    - '{policy}.md'\n    - '{policy}/{lan}.md'\n", 12, "Did you mean {lang}?"),
        (
            "  exclude:\n    - README.md\n    - policies/_drafts/**\n",
            12,
            "Did you mean '_drafts/**'?",
        ),
        ("  include: ['//legal/**']\n", 10, "Did you mean 'legal/**'?"),
        ("  effective_date: [commit_date, text]\n", 10, "Put commit_date last."),
        ("  effective_date: [front_matter, txt]\n", 10, "Did you mean 'text'?"),
        (
            "  effective_date:\n    - text\n    - {text: true, commit_date: true}\n",
            12,
            "only one of",
        ),
        (
            "  effective_date:\n    - text:\n        patterns:\n          fr: ['(.+)']\n",
            13,
            "not one of the site's languages",
        ),
        (
            "  effective_date:\n    - text:\n        patterns: ['ok (.+)', 'bad (']\n",
            12,
            "not a valid regular expression",
        ),
        ("  template_tags: kepe\n", 10, "Did you mean 'keep'?"),
    ],
)
def test_source_mistakes_name_their_line(
    tmp_path: Path, source: str, line: int, expected: str
) -> None:
    """Every mistake in source: is one message at its line, with a hint where one helps."""
    with pytest.raises(ConfigError) as caught:
        load_config(config_of(tmp_path, source))
    assert caught.value.line == line
    assert expected in f"{caught.value.message} {caught.value.hint}"


def test_an_alias_cannot_name_two_policies(tmp_path: Path) -> None:
    """A former id leads to one policy only."""
    path = tmp_path / "site_config.yml"
    path.write_text(
        MINIMAL_CONFIG + "policies:\n  terms: {aliases: [tos]}\n  legal: {aliases: [tos]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == 11
    assert "'tos' cannot be a former id of 'legal': it is already used by 'terms'." in str(
        caught.value
    )


def test_numeric_dates_is_one_of_two_orders(tmp_path: Path) -> None:
    """A misspelt order is named at its line, with the one meant."""
    with pytest.raises(ConfigError) as caught:
        load_config(config_of(tmp_path, "  numeric_dates: day-first\n"))
    assert "'source.numeric_dates' is 'day-first'; it must be day_first" in str(caught.value)
    assert "Did you mean 'day_first'?" in str(caught.value)
    assert caught.value.line == MINIMAL_CONFIG.count("\n") + 2


def test_numeric_dates_date_each_version(repo_factory: Factory) -> None:
    """A site that writes dates day first publishes 01/02/2024 as 1 February."""
    text = "# Terms\n\nEffective date: 01/02/2024\n\nText.\n"
    repo = repo_factory(
        [Commit("2024-01-01", {"policies/terms/en.md": text})],
        MINIMAL_CONFIG + "source:\n  effective_date: text\n  numeric_dates: day_first\n",
    )
    config = load_config(repo / "site_config.yml")
    (timeline,) = build_timelines(read_history(config), config).values()
    assert [v.slug for v in timeline.versions] == ["2024-02-01"]


CHAIN = "  effective_date: [front_matter, text, commit_date]\n"


def test_the_chain_is_read_per_file_first_source_first(repo_factory: Factory) -> None:
    """Front matter before a date line before the commit; each file on its own."""
    both = policy("2025-05-05", "Effective date: 1 June 2025\n\nText.\n")
    line = "# Rules\n\nEffective date: 1 June 2025\n\nText.\n"
    bare = "# Notes\n\nText.\n"
    repo = repo_factory(
        [
            Commit(
                "2025-07-07",
                {"policies/a/en.md": both, "policies/b/en.md": line, "policies/c/en.md": bare},
            )
        ],
        MINIMAL_CONFIG + "source:\n" + CHAIN,
    )
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    found = {
        p: (t.versions[0].slug, t.versions[0].document.date_source)
        for (p, _l), t in timelines.items()
    }
    assert found == {
        "a": ("2025-05-05", "front_matter"),
        "b": ("2025-06-01", "text"),
        "c": ("2025-07-07", "commit_date"),
    }


def test_the_default_still_asks_for_front_matter() -> None:
    """Without a configured chain, a file with no 'effective:' is an error, never dated by
    its commit or a date line."""
    with pytest.raises(DocumentError, match="the front matter has no 'effective:' date"):
        parse_document("# Terms\n\nEffective date: 1 June 2025\n", path="t.md")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: T\neffective: soon\n---\nText.\n", 3),
        ("# T\n\nIntro.\n\nEffective date: 03/04/2026\n", 5),
        ("# T\n\nNo date at all.\n", 1),
    ],
    ids=["front-matter", "date-line", "none"],
)
def test_effective_date_problems_point_at_the_line_of_their_source(
    repo_factory: Factory, text: str, line: int
) -> None:
    """check's effective-date rule names the front-matter key, the date line, or line 1."""
    repo = repo_factory(
        [Commit("2026-01-05", {"policies/terms/en.md": text})],
        MINIMAL_CONFIG + "source:\n  effective_date: [front_matter, text]\n",
    )
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    cache = DocumentCache()
    found = check_site(
        config,
        history,
        readable_timelines(history, config, cache),
        dt.date(2026, 2, 1),
        None,
        cache=cache,
    )
    (problem,) = [p for p in found if p.rule == "effective-date"]
    assert (problem.file, problem.line) == ("policies/terms/en.md", line)


def test_aliases_join_histories_git_cannot_connect(repo_factory: Factory) -> None:
    """A file deleted, and one with another name added later: with an alias, one timeline,
    not withdrawn, and the former id's addresses lead to it."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/tos/en.md": policy("2024-02-01", "Old terms.\n")}),
            Commit("2024-06-01", {"policies/tos/en.md": None}, "Retire the old file"),
            Commit("2024-06-02", {"policies/terms/en.md": policy("2024-07-01", "New terms.\n")}),
        ],
        MINIMAL_CONFIG + "policies:\n  terms:\n    aliases: [tos]\n",
    )
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    (timeline,) = timelines.values()
    assert [v.slug for v in timeline.versions] == ["2024-02-01", "2024-07-01"]
    assert (timeline.policy, timeline.withdrawal, timeline.former_ids) == ("terms", None, ("tos",))
    files = {f.path for f in site_model(repo / "site_config.yml", dt.date(2025, 1, 1)).files}
    assert {"en/tos/index.html", "en/tos/2024-02-01/index.html", "en/tos/feed.xml"} <= files


def problems_of(repo: Path, rule: str) -> list[Problem]:
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    cache = DocumentCache()
    found = check_site(
        config,
        history,
        readable_timelines(history, config, cache),
        dt.date(2026, 2, 1),
        None,
        cache=cache,
    )
    return [p for p in found if p.rule == rule]


def test_an_alias_to_a_file_deleted_only_later_is_a_move(repo_factory: Factory) -> None:
    """The new file added first, the old one deleted later (and edited in between): the new
    file is published from its first commit, the deletion withdraws nothing, and the
    overlap is named with both files and the commit."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/tos/en.md": policy("2024-02-01", "Old terms.\n")}),
            Commit("2024-06-02", {"policies/terms/en.md": policy("2024-07-01", "New terms.\n")}),
            Commit("2024-06-03", {"policies/tos/en.md": policy("2024-02-01", "Old, edited.\n")}),
            Commit("2024-06-04", {"policies/tos/en.md": None}, "Retire the old file"),
        ],
        MINIMAL_CONFIG + "policies:\n  terms:\n    aliases: [tos]\n",
    )
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    (timeline,) = build_timelines(history, config).values()
    assert [v.slug for v in timeline.versions] == ["2024-02-01", "2024-07-01"]
    assert "New terms." in timeline.versions[-1].document.html
    assert timeline.withdrawal is None
    (overlap,) = problems_of(repo, "same-policy-twice")
    commit = history.revisions[1].commit
    assert (overlap.file, overlap.commit, overlap.severity) == (
        "policies/tos/en.md",
        commit,
        Severity.WARNING,
    )
    assert "only the newer one, policies/terms/en.md, is published" in overlap.message
    assert "source.exclude" in (overlap.hint or "")


def test_two_layouts_matching_at_once_publish_the_newer_file(repo_factory: Factory) -> None:
    """Two files that read as the same policy and language: the one added last is
    published while both exist; when it goes, the other's text takes over in that commit."""
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/privacy/en.md": policy("2024-02-01", "Folder.\n")}),
            Commit("2024-03-01", {"policies/privacy.en.md": policy("2024-04-01", "Flat.\n")}),
            Commit("2024-03-02", {"policies/privacy/en.md": policy("2024-02-01", "Folder 2.\n")}),
            Commit("2024-05-01", {"policies/privacy.en.md": None}, "Remove the flat copy"),
        ],
        MINIMAL_CONFIG + "source:\n  layout: ['{policy}/{lang}.md', '{policy}.{lang}.md']\n",
    )
    config = load_config(repo / "site_config.yml")
    history = read_history(config)
    texts = [(r.path, r.text.split("---\n")[-1].strip()) for r in history.revisions]
    assert texts == [
        ("policies/privacy/en.md", "Folder."),
        ("policies/privacy.en.md", "Flat."),
        ("policies/privacy/en.md", "Folder 2."),
    ]
    assert history.revisions[-1].message == "Remove the flat copy"
    assert history.removals == ()
    (overlap,) = problems_of(repo, "same-policy-twice")
    assert overlap.file == "policies/privacy/en.md"


def test_an_alias_that_joins_nothing_is_named(repo_factory: Factory) -> None:
    """A misspelt former id joins no file: check says so at the policy's line."""
    repo = repo_factory(
        [Commit("2024-01-01", {"policies/terms/en.md": policy("2024-02-01", "Terms.\n")})],
        MINIMAL_CONFIG + "policies:\n  terms:\n    aliases: [tso]\n",
    )
    (problem,) = problems_of(repo, "unknown-policy")
    assert problem.message == (
        "'policies.terms.aliases' names 'tso', but no policy file ever had that id, "
        "so it joins nothing."
    )
    assert (problem.file, problem.line) == ("site_config.yml", 11)


def test_setext_titles_jekyll_keys_and_several_level_one_headings() -> None:
    """Without front matter the first heading names the document, setext or ATX; unknown
    front-matter keys are kept as metadata."""
    rule = EffectiveDateRule((DateSource(DateSourceKind.COMMIT_DATE),))
    setext = parse_document("Cookie Notice\n=============\n\nText.\n", path="c.md", rule=rule)
    assert (setext.title, [s.level for s in setext.sections]) == ("Cookie Notice", [0])
    several = parse_document("# Terms\n\nA.\n\n# Annex\n\nB.\n", path="t.md", rule=rule)
    assert (several.title, [s.heading for s in several.sections]) == ("Terms", ["Terms", "Annex"])
    jekyll = parse_document(
        "---\nlayout: page\npermalink: /x/\nsidebar: {nav: legal}\n---\n# X\n",
        path="x.md",
        rule=rule,
    )
    assert dict(jekyll.metadata) == {
        "layout": "page",
        "permalink": "/x/",
        "sidebar": {"nav": "legal"},
    }


HUGO = """+++
title = "Privacy Policy"
date = 2024-03-01
draft = false

[params]
summary = "Logs are kept for 12 months."
+++

Effective date: 1 April 2024

## Data

We keep data.
"""


def test_hugo_toml_front_matter_is_read_like_yaml() -> None:
    """+++ … +++ is TOML: its title and dates count, its tables are metadata, and the
    front-matter key is found at its line."""
    rule = EffectiveDateRule((DateSource(DateSourceKind.FRONT_MATTER, "date"),))
    document = parse_document(HUGO, path="p.md", rule=rule)
    assert (document.title, document.effective_date) == ("Privacy Policy", dt.date(2024, 3, 1))
    assert document.metadata["params"] == {"summary": "Logs are kept for 12 months."}
    assert [s.heading for s in document.sections] == ["", "Data"]
    assert front_matter_line(HUGO, "date") == 3
    assert date_line(HUGO, rule) == 3
    text_first = EffectiveDateRule((DateSource(DateSourceKind.TEXT),))
    by_text = parse_document(HUGO, path="p.md", rule=text_first)
    assert (by_text.effective_date, by_text.date_line) == (dt.date(2024, 4, 1), 10)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('+++\ntitle = "T"\nowner = Legal\n+++\n', 3, "the front matter cannot be read"),
        ('+++\ntitle = "T"\n', 1, "the front matter that starts on line 1 is never closed."),
    ],
)
def test_broken_toml_front_matter_names_its_line(text: str, line: int, message: str) -> None:
    """A TOML mistake is named at its line of the file, with how to write it."""
    rule = EffectiveDateRule((DateSource(DateSourceKind.COMMIT_DATE),))
    with pytest.raises(DocumentError) as caught:
        parse_document(text, path="p.md", rule=rule)
    assert (caught.value.file, caught.value.line) == ("p.md", line)
    assert message in caught.value.message
    assert "'+++'" in str(caught.value) or "key = value" in str(caught.value)


def test_comments_go_but_not_from_code_and_lines_stay() -> None:
    """Comments vanish, keeping line breaks; in a code block or a code span they are code."""
    text = "A <!-- one -->B\n<!--\ntwo\n-->\n`<!-- span -->`\n```\n<!-- fenced -->\n```\n<!-- open"
    assert strip_comments(text) == (
        "A B\n\n\n\n`<!-- span -->`\n```\n<!-- fenced -->\n```\n<!-- open"
    )


KRAMDOWN = """# Privacy {#privacy}

* TOC
{:toc}

## Who we are {#who}
{: .no_toc}

Read [our terms](/terms){:target="_blank"}, *now*{: .loud}.

{::comment}
hidden
{:/comment}
{::options parse_block_html="true" /}

`{: .span}` and:

```
# shell {#kept}
{:toc}
```
"""


def test_kramdown_markup_goes_but_not_from_code_and_lines_stay() -> None:
    """Attribute lists, heading ids, the TOC marker and extension blocks only styled a
    Jekyll site: they go, keeping line breaks; in code they are code."""
    assert strip_kramdown(KRAMDOWN) == (
        "# Privacy\n\n\n\n\n## Who we are\n\n\n"
        "Read [our terms](/terms), *now*.\n\n\n\n\n\n\n"
        "`{: .span}` and:\n\n```\n# shell {#kept}\n{:toc}\n```\n"
    )


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("{::comment}" * 20_000, ""),
        ("{::comment}" * 20_000 + "{:/comment}kept", "kept"),
        ("{:" * 50_000, "{:" * 50_000),
        ("{::options " * 20_000, "{::options " * 20_000),
        ("x{: .a}" * 50_000, "x" * 50_000),
        ("`{: .a}" * 50_000, "`{: .a}`" * 25_000),
    ],
    ids=["unclosed", "closed-late", "never-closed-lists", "options", "one-line", "code-spans"],
)
def test_kramdown_markup_on_hostile_text_is_one_pass(text: str, left: str) -> None:
    """Unclosed blocks, attribute lists that never close and one long line of matches are
    read in one pass over the text (each of these took minutes when every match rescanned
    the line or the rest of the text)."""
    assert strip_kramdown(text) == left


def test_comments_and_layout_html_on_one_long_line_are_one_pass() -> None:
    """50,000 comments or line breaks on one line: each is judged code or not without
    rescanning the line."""
    assert strip_comments("a<!-- b -->`" * 50_000) == "a`a<!-- b -->`" * 25_000
    assert strip_layout_html("<div>" * 50_000 + "\na") == "\na"


def test_a_jekyll_page_reads_as_its_text() -> None:
    """Parsed, the Kramdown page has its headings and text, and none of the markup."""
    rule = EffectiveDateRule((DateSource(DateSourceKind.COMMIT_DATE),))
    document = parse_document(KRAMDOWN, path="p.md", rule=rule)
    assert (document.title, [s.heading for s in document.sections]) == (
        "Privacy",
        ["Who we are"],
    )
    text, code = document.html.split("<pre>")
    assert "TOC" not in text
    assert "{" not in text.replace("<code>{: .span}</code>", "")
    assert "# shell {#kept}\n{:toc}" in code
    assert '<a href="/terms">our terms</a>, <em>now</em>.' in document.html
    assert "<code>{: .span}</code>" in document.html
    assert [link.line for link in document.links] == [9]


def test_layout_html_goes_and_other_tags_are_cleaned() -> None:
    """Lines that only lay out a page (an anchor, wrapper lines) go, CRLF files too; other
    HTML is cleaned (an image and its handler go, ``<br>`` and ``<sub>`` stay), an anchor
    in a heading that repeats the heading's id goes, and what is in code stays."""
    text = (
        '<a name="top"></a>\r\n\r\n<DIV align="center">\r\n\r\n**Terms**<br/>Now.\r\n'
        "\r\n</div>\r\n\r\n## Use <a id='use'></a>\r\n\r\n"
        "H<sub>2</sub>O <img src=x onerror=alert(1)> `<br>`\r\n"
    )
    assert strip_layout_html(text) == (
        "\n\r\n\n\r\n**Terms**<br/>Now.\r\n\r\n\n\r\n## Use <a id='use'></a>\r\n\r\n"
        "H<sub>2</sub>O <img src=x onerror=alert(1)> `<br>`\r\n"
    )
    rule = EffectiveDateRule((DateSource(DateSourceKind.COMMIT_DATE),))
    document = parse_document(text, path="p.md", rule=rule)
    html = document.html
    assert "<p><strong>Terms</strong><br>Now.</p>" in html
    assert '<h2 id="use">Use <a></a></h2>' in html
    assert "H<sub>2</sub>O  <code>&lt;br&gt;</code>" in html
    assert "div" not in html
    assert "img" not in html
    assert document.anchors == ("use", "top")


def test_template_tags_go_except_raw_and_comment_blocks_go_whole() -> None:
    """Tags are removed; a comment block goes with its content; raw content stays as written."""
    text = (
        "Hi {{ user.name }}.\n{% if x %}\nShown.\n{% endif %}\n"
        "{% comment %}\nhidden\n{% endcomment %}\n{% raw %}{{ literal }}{% endraw %}\n"
    )
    assert remove_template_tags(text) == "Hi .\n\nShown.\n\n\n\n\n{{ literal }}\n"
    assert [(t.line, t.text) for t in template_tags(text)] == [
        (1, "{{ user.name }}"),
        (2, "{% if x %}"),
        (4, "{% endif %}"),
        (5, "{% comment %} hidden {% endcomment %}"),
        (8, "{% raw %}"),
        (8, "{% endraw %}"),
    ]


def test_list_layouts_find_working_copies_and_missing_translations(
    repo_factory: Factory,
) -> None:
    """With several layouts, the uncommitted file is found under the one that fits, and a
    policy without its Spanish file is reported."""
    repo = repo_factory(
        [Commit("2025-01-01", {"policies/terms.md": policy("2025-02-01", "Text.\n")})],
        MINIMAL_CONFIG
        + "    - {code: es, name: Español}\n"
        + "source:\n  layout: ['{policy}.{lang}.md', '{policy}.md']\n",
    )
    (repo / "policies/terms.md").write_text(policy("2025-02-01", "Edited.\n"), encoding="utf-8")
    config = load_config(repo / "site_config.yml")
    now = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    working = read_working_copy(config, "terms", "en", now)
    assert working is not None
    assert working.path == "policies/terms.md"
    history = read_history(config)
    cache = DocumentCache()
    found = check_site(
        config, history, readable_timelines(history, config, cache), now.date(), None, cache=cache
    )
    (missing,) = [p for p in found if p.rule == "translation-missing"]
    assert missing.file == "policies/terms.es.md"


TEXT_FIRST = EffectiveDateRule((DateSource(DateSourceKind.TEXT),))


def test_a_date_in_the_title_heading_leaves_the_title() -> None:
    """ "# Privacy Policy — Last updated June 2025": the title stays, the date is metadata,
    and a new date there alone changes no text."""
    old = parse_document(
        "# Privacy Policy — Last updated June 2025\n\nWe keep little.\n",
        path="p.md",
        rule=TEXT_FIRST,
    )
    new = parse_document(
        "# Privacy Policy — Last updated July 2025\n\nWe keep little.\n",
        path="p.md",
        rule=TEXT_FIRST,
    )
    assert (old.title, old.effective_date, old.approximate) == (
        "Privacy Policy",
        dt.date(2025, 6, 1),
        True,
    )
    assert old.reading() == new.reading()
    assert diff_documents(old, new).text_changed is False


def test_patterns_per_language_come_before_the_built_in_labels() -> None:
    """A Spanish pattern applies to Spanish texts only, and wins over a built-in label."""
    rule = EffectiveDateRule(
        (DateSource(DateSourceKind.TEXT, by_lang=(("es", ("^Vigente desde el (.+)$",)),)),)
    )
    text = "Última actualización: 1 de enero de 2024\n\nVigente desde el 1 de marzo de 2024\n"
    spanish = parse_document(text, path="p.es.md", lang="es", rule=rule)
    assert (spanish.effective_date, spanish.date_line, spanish.date_label) == (
        dt.date(2024, 3, 1),
        3,
        "Vigente desde el",
    )
    mexican = parse_document(text, path="p.es-MX.md", lang="es-MX", rule=rule)
    assert mexican.effective_date == dt.date(2024, 3, 1)
    english = parse_document(
        "Last updated: 1 January 2024\n\nVigente desde el 1 de marzo de 2024\n",
        path="p.md",
        rule=rule,
    )
    assert english.effective_date == dt.date(2024, 1, 1)


def test_a_rename_in_one_language_keeps_that_language_s_addresses(repo_factory: Factory) -> None:
    """English moves to a new name while Spanish keeps the old one: the English addresses of
    the old name lead to the new policy; the Spanish policy keeps its own."""
    text = policy("2024-02-01", "Text.\n")
    repo = repo_factory(
        [
            Commit("2024-01-01", {"policies/privacy/en.md": text, "policies/privacy/es.md": text}),
            Commit(
                "2024-03-01",
                {},
                "Rename",
                renames={"policies/privacy/en.md": "policies/data-privacy/en.md"},
            ),
        ],
        MINIMAL_CONFIG + "    - {code: es, name: Español}\n",
    )
    config = load_config(repo / "site_config.yml")
    timelines = build_timelines(read_history(config), config)
    assert timelines[("data-privacy", "en")].former_ids == ("privacy",)
    files = {f.path for f in site_model(repo / "site_config.yml", dt.date(2025, 1, 1)).files}
    assert "en/privacy/index.html" in files
    assert "es/privacy/index.html" not in files  # a page of the site, not a redirect
