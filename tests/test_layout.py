"""Rules the tree keeps that import-linter's contracts (pyproject.toml, run by the test command) do not
express: no import cycle anywhere, imports inside functions included; no module reaches into another's
private names; no page state grows past 150 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "visitapp"
MAX_STATE_LINES = 150


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_including_imports_inside_functions():
    graph = grimp.build_graph("visitapp", cache_dir=None)  # grimp reads every import statement, nested too
    assert _cycles(graph) == []


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text())) for p in sorted(PACKAGE.rglob("*.py"))]


def test_no_module_imports_another_modules_private_names():
    offences = []
    for path, tree in _modules():
        imported: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("visitapp"):
                for alias in node.names:
                    if alias.name.startswith("_"):
                        offences.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{alias.name}")
                    imported[alias.asname or alias.name] = node.module or ""
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("visitapp"):
                        imported[alias.asname or alias.name] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in imported
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
    assert offences == []


def test_no_page_state_is_over_150_lines():
    too_long = []
    for path, tree in _modules():
        if not (path.name.endswith("_state.py") or path.name == "auth.py"):
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_STATE_LINES:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.name} {lines} lines")
    assert too_long == []


def test_every_feature_has_the_three_layers_and_nothing_else():
    for feature in ("compliance", "cases", "field", "planning", "money", "debtor"):
        parts = {p.name for p in (PACKAGE / feature).iterdir() if p.name != "__pycache__"}
        assert parts <= {"__init__.py", "rules", "services", "ui"}, (feature, parts)
        assert {"services", "ui"} <= parts, feature
