"""The folders are the pipeline: no module reaches a later stage, none forms a circle, none grows too big."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "generator"

# The stages in pipeline order: a module may import its own stage and earlier ones only.
# ``base`` is what every stage stands on; ``check`` and ``commands`` use the whole pipeline.
STAGES = (
    "base",
    "config",
    "history",
    "document",
    "versions",
    "diff",
    "render",
    "site",
    "output",
    "check",
    "commands",
    "cli",
)
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    """``generator/site/feeds.py`` → ``generator.site.feeds`` (a package is its ``__init__``)."""
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str) -> set[str]:
    """The generator modules that ``name`` imports (type-checking imports too)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: imported(name) for name in MODULES}


def stage(name: str) -> int:
    """The position of a module's stage; the package root (``__version__``) comes first."""
    parts = name.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 else -1


def test_every_module_belongs_to_a_stage() -> None:
    """Every module of generator/ sits in one of the stage folders (or is cli.py)."""
    strays = [name for name in MODULES if name != "generator" and name.split(".")[1] not in STAGES]
    assert strays == []


def test_no_module_imports_a_later_stage() -> None:
    """Imports run down the pipeline only: a stage never reaches forward."""
    forward = [
        f"{name} imports {other}"
        for name, others in GRAPH.items()
        for other in sorted(others)
        if stage(other) > stage(name)
    ]
    assert forward == []


def cycles(graph: dict[str, set[str]]) -> Iterator[list[str]]:
    """Each circle of imports, as the modules on it (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(name: str) -> Iterator[list[str]]:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for other in sorted(graph[name]):
            if other not in index:
                yield from visit(other)
                low[name] = min(low[name], low[other])
            elif other in on_stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == name:
                    break
            if len(component) > 1:
                yield sorted(component)

    for name in sorted(graph):
        if name not in index:
            yield from visit(name)


def test_no_modules_form_a_circle() -> None:
    """No two modules import each other, directly or through others."""
    assert list(cycles(GRAPH)) == []


def test_the_import_reader_sees_circles_and_forward_imports() -> None:
    """The checks above can fail: the reader sees real imports, and a circle is found."""
    assert "generator.base.urls" in GRAPH["generator.site.pages"]
    assert stage("generator.output.writer") > stage("generator.site")
    looped = {**GRAPH, "generator.base.urls": {"generator.site.pages"}}
    assert any("generator.base.urls" in circle for circle in cycles(looped))


def function_lengths(path: Path) -> Iterator[tuple[str, int]]:
    """Each function of a module with its length in lines (decorators included)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            yield f"{node.name} (line {node.lineno})", (node.end_lineno or start) - start + 1


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_and_functions_stay_small(name: str) -> None:
    """No module over 400 lines, no function over 60: a reader takes each in at a glance."""
    path = MODULES[name]
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines"
    long = [f"{f}: {n} lines" for f, n in function_lengths(path) if n > MAX_FUNCTION_LINES]
    assert long == [], f"{path.relative_to(ROOT)}: {long}"
