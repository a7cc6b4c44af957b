"""The layers of `ros/` as the folder names say: each imports only the layers below it, and only `ros.ui` Streamlit.
The two top layers, `ui` (the pages' Streamlit glue) and `api` (the HTTP API), stand side by side: neither imports
the other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ros.base.config import ROOT

LAYERS = ("base", "data", "model", "records", "present", "ui", "api")
TOP = ("ui", "api")


def _modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for path in (ROOT / "ros").rglob("*.py")
    }


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _folder(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "ros" and parts[1] in LAYERS else None


def _layer(module: str) -> int | None:
    """The layer's height; the top layers share one."""
    folder = _folder(module)
    return None if folder is None else min(LAYERS.index(folder), LAYERS.index(TOP[0]))


def _ros_imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def test_every_module_lives_in_a_layer() -> None:
    loose = [name for name in _modules() if name != "ros" and _layer(name) is None]
    assert loose == []


@pytest.mark.parametrize("layer", LAYERS)
def test_a_layer_imports_only_the_layers_below_it(layer: str) -> None:
    modules = _modules()
    upward = sorted(
        f"{name} → {target}"
        for name, targets in _ros_imports(modules).items()
        if _folder(name) == layer
        for target in targets
        if (_layer(target) or 0) > (_layer(name) or 0)
    )
    assert upward == []


def test_the_top_layers_do_not_import_each_other() -> None:
    across = sorted(
        f"{name} → {target}"
        for name, targets in _ros_imports(_modules()).items()
        for target in targets
        if _folder(name) in TOP and _folder(target) in TOP and _folder(name) != _folder(target)
    )
    assert across == []


def test_only_the_ui_imports_streamlit() -> None:
    users = sorted(
        name
        for name, path in _modules().items()
        if _folder(name) != "ui" and any(m.split(".")[0] == "streamlit" for m in _imports(path))
    )
    assert users == []


def test_no_import_circles() -> None:
    imports = _ros_imports(_modules())
    # A module's import of its own package (`ros.ui.x` → `ros.ui`) is how a package hands names on, not a circle.
    graph = {name: {t for t in targets if not name.startswith(t + ".")} for name, targets in imports.items()}
    circles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                circles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert circles == []
