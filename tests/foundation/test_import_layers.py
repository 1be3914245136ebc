"""Imports go one way: the contracts in pyproject.toml ([tool.importlinter]) hold, an import
against them fails `lint-imports`, and no module of the project imports itself in a loop."""
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
ROOT_PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]
# The complaint vault's modules still import each other in a loop; their layers are being drawn
# (with their own contract). Until then this loop, and no other, is allowed.
def lint_imports(directory):
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=directory, capture_output=True, text=True,
                          timeout=120)


def test_the_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def copy_of_the_project(tmp_path):
    """The project's Python modules and pyproject.toml, for an import the contracts forbid."""
    for package in ROOT_PACKAGES:
        for source in (ROOT / package).rglob("*.py"):
            target = tmp_path / source.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("kpp_portal/thai.py", "import search.models", "The core (kpp_portal) knows no app"),
    ("search/results.py", "import disclosures.models", "The core (kpp_portal) knows no app"),
    ("services/views.py", "import complaints.statistics", "No app imports complaints"),
    ("committees/views.py", "import procurement.models", "The sections are independent"),
])
def test_an_import_against_the_contracts_fails(copy_of_the_project, module, line, broken):
    path = copy_of_the_project / module
    path.write_text(path.read_text() + f"\n{line}  # noqa\n")
    result = lint_imports(copy_of_the_project)
    assert result.returncode == 1, result.stdout
    assert " BROKEN" in next(row for row in result.stdout.splitlines() if row.startswith(broken))


def cycles(graph):
    """The loops of a grimp import graph: each set of modules that reach each other (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            loop = set()
            while module not in loop:
                loop.add(stack.pop())
            on_stack.difference_update(loop)
            if len(loop) > 1:
                found.append(loop)

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph.modules)))
    try:
        for module in sorted(graph.modules):
            if module not in index:
                visit(module)
    finally:
        sys.setrecursionlimit(limit)
    return found


def test_cycles_finds_a_loop():
    graph = grimp.ImportGraph()
    for importer, imported in (("a.one", "a.two"), ("a.two", "a.three"), ("a.three", "a.one"),
                               ("a.three", "a.four")):
        graph.add_import(importer=importer, imported=imported)
    assert cycles(graph) == [{"a.one", "a.two", "a.three"}]


def test_no_module_of_the_project_imports_itself_in_a_loop(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    graph = grimp.build_graph(*ROOT_PACKAGES, "bench", cache_dir=None)
    assert list(cycles(graph)) == []
