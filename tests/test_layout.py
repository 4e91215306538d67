"""The layout stays readable: no import circles anywhere in directory/ or matching/, no
module too long to read, and directory/ made of domain packages."""

import pytest

from tests.import_graph import ROOT, graph_of, import_cycles

LONGEST_MODULE = 500
# Django's own entry points for the app; everything else lives in a domain package.
DIRECTORY_MODULES = {"__init__.py", "apps.py", "models.py", "urls.py"}


def test_no_import_circle_in_directory_or_matching():
    graph = graph_of("directory", "matching")
    assert "directory.listings.models" in graph["directory.engagement.models"], "graph is read"
    assert import_cycles(graph) == []


def python_modules():
    for folder in ("directory", "matching", "impact_socials", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


@pytest.mark.parametrize("path", list(python_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_longer_than_500_lines(path):
    assert len(path.read_text().splitlines()) <= LONGEST_MODULE


def test_the_directory_app_is_made_of_packages():
    top = ROOT / "directory"
    modules = {path.name for path in top.glob("*.py")}
    assert modules <= DIRECTORY_MODULES
    packages = {path.name for path in top.iterdir() if (path / "__init__.py").exists()}
    assert {
        "accounts",
        "listings",
        "engagement",
        "notifications",
        "imports",
        "curation",
    } <= packages
