"""The package's layers: no module imports one that imports it back, however indirectly (an import
inside a function counts too: it is the same dependency, only later)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eura_lint"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                if node.module is None:  # ``from . import checks``: the modules named
                    found.update(f"{base}.{alias.name}" for alias in node.names)
                    continue
                target = f"{base}.{node.module}"
                # ``from .x import y``: module x, or its submodule y when there is one
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
            elif node.module and node.module.startswith("eura_lint"):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("eura_lint"))
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {target for target in _imports(path, name) if target in modules and target != name}
            for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_has_no_cycle():
    cycle = _cycle(_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_catalogue_and_the_registry_import_no_rule_code():
    graph = _graph()
    # the catalogue may know the languages its texts must be given in, and both read their YAML
    # through the cache of the package's YAML (which imports nothing of the package)
    assert graph["eura_lint.catalogue"] <= {"eura_lint.finding", "eura_lint.i18n",
                                            "eura_lint.yaml_cache"}
    assert graph["eura_lint.i18n"] <= {"eura_lint.yaml_cache"}
    assert graph["eura_lint.yaml_cache"] == set()
    assert graph["eura_lint.registry"] <= {"eura_lint.catalogue", "eura_lint.context",
                                           "eura_lint.finding", "eura_lint.model"}
