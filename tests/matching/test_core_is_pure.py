"""matching/core is plain Python, NumPy and SciPy: nothing in it imports Django or the
directory, and no module of matching imports, at the top or inside a function, a module
that imports it back."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MATCHING = ROOT / "matching"
CORE = MATCHING / "core"
FORBIDDEN = ("django", "directory")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module the file imports anywhere in it, relative imports made absolute.

    `from package import name` counts both the package and `package.name`, which may be a
    submodule.
    """
    package = module_name(path) if path.name == "__init__.py" else module_name(path.parent)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


CORE_FILES = sorted(CORE.rglob("*.py"))


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda path: path.name)
def test_core_modules_import_neither_django_nor_the_directory(path):
    imports = imported_modules(path)
    assert not [m for m in imports if any(is_within(m, name) for name in FORBIDDEN)]
    outside_core = [
        m for m in imports if is_within(m, "matching") and not is_within(m, "matching.core")
    ]
    assert not outside_core, "the core may not reach up into the Django side of matching"


def test_importing_the_core_loads_no_django():
    check = (
        "import matching.core, sys; "
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('django', 'directory')]; "
        "assert not loaded, loaded"
    )
    result = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(module: str) -> None:
        order[module] = lowest[module] = len(order)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in order:
                visit(other)
                lowest[module] = min(lowest[module], lowest[other])
            elif other in stack:
                lowest[module] = min(lowest[module], order[other])
        if lowest[module] == order[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return cycles


def test_no_import_circle_in_matching():
    files = {module_name(p): p for p in MATCHING.rglob("*.py") if "migrations" not in p.parts}
    graph = {
        module: {m for m in imported_modules(path) if m in files and m != module}
        for module, path in files.items()
    }
    assert graph["matching.core.index"] >= {"matching.core.scoring"}, "the graph is read"
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
