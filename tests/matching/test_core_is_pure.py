"""matching/core is plain Python, NumPy and SciPy: nothing in it imports Django or the
directory, and no module of matching imports, at the top or inside a function, a module
that imports it back."""

import subprocess
import sys

import pytest

from tests.import_graph import ROOT, import_cycles, imported_modules, is_within, module_name

MATCHING = ROOT / "matching"
CORE = MATCHING / "core"
FORBIDDEN = ("django", "directory")


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
