"""Imports point one way: no module of sayso imports itself back, directly or around a loop.

Only module-level imports count (those that run on import, inside ``try`` or ``if`` too, but
not under ``if TYPE_CHECKING``): an import inside a function is for an optional extra (torch,
fastapi, sqlalchemy) or for the start-up time of a command.  ``from pkg import name`` counts
as an import of ``pkg.name`` when that is a module and of ``pkg``'s ``__init__`` otherwise, so
re-exports through a package ``__init__`` count.  A loop is refused between modules and
between sayso's packages (``sayso.nlp`` <-> ``sayso.attribution`` through two different modules
is a loop too: the layers of docs/style.md point one way).
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from pathlib import Path

import sayso

SRC = Path(sayso.__file__).resolve().parent.parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in (SRC / "sayso").rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _module_level_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            stack += node.body + node.orelse
        elif isinstance(node, ast.Try):
            stack += node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]


def imports_of(module: str) -> set[str]:
    """The sayso modules ``module`` imports when it is imported."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _module_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in MODULES}
            continue
        base = node.module or ""
        if node.level:
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
        for alias in node.names:
            if f"{base}.{alias.name}" in MODULES:
                found.add(f"{base}.{alias.name}")
            elif base in MODULES:
                found.add(base)
    found.discard(module)
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One loop in ``graph`` (as the list of its nodes, first repeated last), or None."""
    state: dict[str, int] = {}          # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (loop := visit(nxt)):
                return loop
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (loop := visit(node)):
            return loop
    return None


def _layer(module: str) -> str:
    """sayso's package a module belongs to (``sayso.nlp``), or the top-level module itself."""
    return ".".join(module.split(".")[:2])


MODULE_GRAPH = {m: imports_of(m) for m in MODULES}


def test_the_finder_sees_a_loop() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a"}}) is None


def test_the_walk_sees_sayso_imports() -> None:
    assert "sayso.records" in MODULE_GRAPH["sayso.store.core"]
    assert "sayso.store.core" in MODULE_GRAPH["sayso.store"]         # a package __init__'s re-export


def test_no_module_imports_itself_back() -> None:
    loop = find_cycle(MODULE_GRAPH)
    assert loop is None, "import loop: " + " -> ".join(loop or [])


def test_no_package_imports_itself_back() -> None:
    graph: dict[str, set[str]] = {}
    why: dict[tuple[str, str], str] = {}
    for module, targets in MODULE_GRAPH.items():
        for target in targets:
            a, b = _layer(module), _layer(target)
            if a != b:
                graph.setdefault(a, set()).add(b)
                why.setdefault((a, b), f"{module} imports {target}")
    loop = find_cycle(graph)
    assert loop is None, "import loop between packages: " + "; ".join(
        why[step] for step in itertools.pairwise(loop or []))


def test_the_command_line_starts_without_spacy() -> None:
    """`sayso --help` and the store's commands (quotes, articles, claims) never parse: importing
    spaCy (and torch through thinc) took 2 s of each such command's 2.5."""
    import subprocess
    import sys

    code = ("import sys, sayso.cli, sayso.store.ingest; "
            "print(sorted(m for m in ('spacy', 'torch', 'sayso.pipeline') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
