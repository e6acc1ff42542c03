"""The problems as people and tools read them: text, GitHub workflow commands, JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace

from generator.base.visible import visible
from generator.check.model import RULES, Problem, Severity


def promote_warnings(problems: Iterable[Problem]) -> list[Problem]:
    """``--strict``: every warning becomes an error (notes stay notes)."""
    return [
        replace(p, severity=Severity.ERROR) if p.severity is Severity.WARNING else p
        for p in problems
    ]


def _shown(problem: Problem) -> Problem:
    """``problem`` with its file name, message and hint made visible: they may quote a
    file name or a commit message, which must not reach a terminal or a log raw (a
    message's own line breaks stay)."""
    return replace(
        problem,
        file=visible(problem.file) if problem.file else problem.file,
        message=visible(problem.message, keep="\n"),
        hint=visible(problem.hint, keep="\n") if problem.hint else problem.hint,
    )


def summary(problems: Iterable[Problem]) -> str:
    """ "2 errors, 1 warning" or "No problems found."."""
    problems = list(problems)
    counts = [(sum(p.severity is s for p in problems), s) for s in Severity]
    words = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    parts = [f"{n} {words[s]}{'s' if n != 1 else ''}" for n, s in counts if n]
    if not any(n for n, s in counts if s is not Severity.INFO):
        return "No problems found." + (f" ({parts[0]})" if parts else "")
    return ", ".join(parts) + "."


def format_text(problems: list[Problem]) -> str:
    """``file:line: error: message`` lines (hints indented below), then a summary."""
    lines = []
    for p in map(_shown, problems):
        where = p.file or ""
        if where and p.line:
            where += f":{p.line}"
        label = "note" if p.severity is Severity.INFO else p.severity.value
        lines.append(f"{where}: {label}: {p.message}" if where else f"{label}: {p.message}")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    lines.append(summary(problems))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands, so problems show on the pull request's files."""
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for p in map(_shown, problems):
        props = []
        if p.file:
            props.append(f"file={_escape_property(p.file)}")
            if p.line:
                props.append(f"line={p.line}")
        props.append(f"title={_escape_property(RULES[p.rule].title)}")
        body = p.message + (f"\n{p.hint}" if p.hint else "")
        lines.append(f"::{commands[p.severity]} {','.join(props)}::{_escape_data(body)}")
    lines.append(summary(problems))
    return "\n".join(lines) + "\n"


def format_json(problems: list[Problem]) -> str:
    """A sorted JSON list, one object per problem, keys sorted."""
    rows = [
        {
            "severity": p.severity.value,
            "rule": p.rule,
            "message": p.message,
            "file": p.file,
            "line": p.line,
            "commit": p.commit,
            "hint": p.hint,
        }
        for p in map(_shown, problems)
    ]
    return json.dumps(rows, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[list[Problem]], str]] = {
    "text": format_text,
    "github": format_github,
    "json": format_json,
}
"""Every output format of ``check``, by its ``--format`` name."""
