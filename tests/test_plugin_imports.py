"""Every plugin module imports on its own, and no two import each other.

A module that works only after another one was imported, or two modules that
need each other to finish loading, make code that breaks when it is used in
a new order (a test, a task, the preview). The graph is read from the
modules' source, not from a run, so it holds for every path through them.

What counts as an import: every ``import`` statement anywhere in a module —
at module level, inside functions and classes, and under ``if
TYPE_CHECKING:`` (an annotation that needs another module is a dependency a
reader has to follow too). An import leads to the modules whose code must
have run for it to succeed:

- ``import a.b`` to ``a.b`` and to the package ``a``;
- ``from a import b`` to ``a.b`` when that is a module, else to ``a``
  (``b`` is a name the package's ``__init__`` defines), and to ``a``'s
  own packages;
- never to the importing module's own packages: Python has started them
  before the module's first line runs, and an import of a submodule
  (``from . import labels``) needs nothing defined in them.

Imports by name at run time (``importlib``: a section's model named in the
settings) are not in the source and not counted.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path

from conftest import ROOT

PLUGINS = ROOT / "plugins"


def plugin_modules(root: Path) -> dict[str, Path]:
    """Every module below ``root`` by its dotted name (packages by their own)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts:
            found[".".join(parts)] = path
    return found


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _with_packages(target: str) -> list[str]:
    """``a.b.c`` and the packages it is in: ``a``, ``a.b``, ``a.b.c``."""
    parts = target.split(".")
    return [".".join(parts[:index]) for index in range(1, len(parts) + 1)]


def _imported(node: ast.AST, package: str) -> Iterator[tuple[str, bool]]:
    """(module, whether it is needed for a name it defines) of one statement."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, False
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            source = ".".join([*base, *([node.module] if node.module else [])])
        else:
            source = node.module or ""
        for alias in node.names:
            yield f"{source}.{alias.name}", True


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module below ``root`` → the modules below ``root`` it needs."""
    modules = plugin_modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = _package_of(name, path)
        own = set(_with_packages(package)) if package else set()
        needed: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            for target, from_import in _imported(node, package):
                if from_import and target not in modules:
                    # ``from a import name``: a name of the package ``a``.
                    source = target.rpartition(".")[0]
                    needed.update(p for p in _with_packages(source) if p not in own)
                    needed.add(source)
                else:
                    needed.update(p for p in _with_packages(target) if p not in own)
        graph[name] = {module for module in needed if module in modules} - {name}
    return graph


def find_cycle(graph: Mapping[str, set[str]]) -> list[str]:
    """One cycle of ``graph`` as ``[a, b, …, a]``, or ``[]`` if there is none."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(module: str) -> list[str]:
        path.append(module)
        on_path.add(module)
        for needed in sorted(graph.get(module, ())):
            if needed in on_path:
                return [*path[path.index(needed) :], needed]
            if needed not in done:
                cycle = visit(needed)
                if cycle:
                    return cycle
        path.pop()
        on_path.discard(module)
        done.add(module)
        return []

    for module in sorted(graph):
        if module not in done:
            cycle = visit(module)
            if cycle:
                return cycle
    return []


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for relpath, text in files.items():
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")
    return tmp_path


def test_no_plugin_module_is_part_of_an_import_cycle():
    graph = import_graph(PLUGINS)
    assert len(graph) > 100  # every package of plugins/ was read
    assert graph["bilingual.generator"] >= {"bilingual.site", "bilingual.build"}
    cycle = find_cycle(graph)
    assert cycle == [], "import cycle: " + " → ".join(cycle)


def test_a_cycle_through_a_function_or_an_annotation_is_found(tmp_path):
    root = _package(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/cart.py": """
                from typing import TYPE_CHECKING

                if TYPE_CHECKING:
                    from .stock import Stock
                """,
            "shop/stock.py": """
                def reserve():
                    from shop import prices
                """,
            "shop/prices.py": "from .cart import Cart\n",
        },
    )
    graph = import_graph(root)
    assert graph == {
        "shop": set(),
        "shop.cart": {"shop.stock"},
        "shop.prices": {"shop.cart"},
        "shop.stock": {"shop.prices"},
    }
    assert find_cycle(graph) == ["shop.cart", "shop.stock", "shop.prices", "shop.cart"]


def test_a_package_and_its_submodules_are_a_cycle_only_through_its_names(tmp_path):
    files = {
        "site/__init__.py": "from .build import run\nVERSION = 1\n",
        "site/build.py": "from . import texts\n\ndef run():\n    pass\n",
        "site/texts.py": "",
        "other/__init__.py": "",
        "other/use.py": "import site.texts\n",
    }
    graph = import_graph(_package(tmp_path / "fine", files))
    # A submodule of one's own package needs nothing of its __init__; another
    # package's submodule runs that package's __init__ first.
    assert graph["site.build"] == {"site.texts"}
    assert graph["other.use"] == {"site", "site.texts"}
    assert find_cycle(graph) == []
    files["site/build.py"] = "from site import VERSION\n"
    graph = import_graph(_package(tmp_path / "cycle", files))
    assert find_cycle(graph) == ["site", "site.build", "site"]


IMPORT_EACH = """
import importlib, json, sys, traceback
sys.path[:0] = [sys.argv[1], sys.argv[2]]
names = json.loads(sys.argv[3])
packages = {name.split(".")[0] for name in names}
failed = {}
for name in names:
    for loaded in [m for m in sys.modules if m.split(".")[0] in packages]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except BaseException:
        failed[name] = traceback.format_exc(limit=-3)
print(json.dumps(failed))
"""


def test_every_plugin_module_imports_on_its_own():
    """Each module imported with no other module of plugins/ loaded before it."""
    names = sorted(plugin_modules(PLUGINS))
    run = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH, str(PLUGINS), str(ROOT), json.dumps(names)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    failed = json.loads(run.stdout.splitlines()[-1])
    assert failed == {}, "\n".join(f"{name}:\n{text}" for name, text in failed.items())


def test_a_module_that_needs_another_imported_first_fails(tmp_path):
    root = _package(
        tmp_path,
        {
            "late/__init__.py": "",
            "late/first.py": "import late\nlate.READY = True\n",
            "late/second.py": "import late\nassert late.READY\n",
        },
    )
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            IMPORT_EACH,
            str(root),
            str(root),
            json.dumps(["late.first", "late.second"]),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    failed = json.loads(run.stdout.splitlines()[-1])
    assert list(failed) == ["late.second"]
    assert "has no attribute 'READY'" in failed["late.second"]


def needed_by(graph: Mapping[str, set[str]], module: str) -> set[str]:
    """Every module ``module`` needs, directly or through others."""
    found: set[str] = set()
    todo = [module]
    while todo:
        for needed in graph[todo.pop()] - found:
            found.add(needed)
            todo.append(needed)
    return found


def test_the_session_and_the_records_do_not_need_the_build_state():
    graph = import_graph(PLUGINS)
    state = {"bilingual.site", "bilingual.generator", "bilingual.build"}
    assert "bilingual.session" in needed_by(graph, "bilingual.site")
    assert needed_by(graph, "bilingual.session").isdisjoint(state)
    records = needed_by(graph, "bilingual.records")
    assert records and not any(m.startswith("bilingual") for m in records)
