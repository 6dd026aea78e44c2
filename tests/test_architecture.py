"""The package's layers hold: imports point down (import-linter's contracts in pyproject.toml), and no module imports itself round a loop.

Both count imports made inside functions and under ``TYPE_CHECKING``: a lazy import is
still a dependency, only a cheaper one.
"""

from __future__ import annotations

import subprocess
import sys

import grimp
import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("glossary", cache_dir=None)


def test_the_import_contracts_of_pyproject_are_kept() -> None:
    # lint-imports reads [tool.importlinter] of pyproject.toml from the current folder
    process = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())", "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert "0 broken" in process.stdout


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, imported = work[-1]
            step = next(imported, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.find_modules_directly_imported_by(step)))))
                elif step in on_stack:
                    low[module] = min(low[module], index[step])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def named(graph: grimp.ImportGraph, component: list[str]) -> str:
    """One loop through a component, module by module, with the lines of each import."""
    first = component[0]
    back = min(
        (chain for other in graph.find_modules_that_directly_import(first) if other in component for chain in [graph.find_shortest_chain(first, other)] if chain),
        key=len,
    )
    loop = [*back, first]
    steps = []
    for importer, imported in zip(loop, loop[1:]):
        lines = sorted(detail["line_number"] for detail in graph.get_import_details(importer=importer, imported=imported))
        steps.append(f"{importer} -> {imported} (l.{', '.join(map(str, lines))})")
    return "\n".join(steps)


def test_no_module_imports_itself_round_a_loop(graph: grimp.ImportGraph) -> None:
    found = cycles(graph)
    assert not found, "import cycles:\n\n" + "\n\n".join(named(graph, component) for component in found)


def test_a_cycle_is_found_and_named() -> None:
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c", "pkg.d"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b", line_number=3, line_contents="from pkg import b")
    graph.add_import(importer="pkg.b", imported="pkg.c", line_number=5, line_contents="from pkg import c")
    graph.add_import(importer="pkg.c", imported="pkg.a", line_number=7, line_contents="from pkg import a")
    graph.add_import(importer="pkg.c", imported="pkg.d", line_number=8, line_contents="from pkg import d")
    (component,) = cycles(graph)
    assert component == ["pkg.a", "pkg.b", "pkg.c"]
    assert named(graph, component) == "pkg.a -> pkg.b (l.3)\npkg.b -> pkg.c (l.5)\npkg.c -> pkg.a (l.7)"


def test_the_layer_packages_stay_empty() -> None:
    # importing one module of a layer must not import the rest of it (start-up time)
    for layer in ("core", "analysis", "authoring", "loading"):
        assert (ROOT / "glossary" / layer / "__init__.py").read_text(encoding="utf-8") == "", layer
