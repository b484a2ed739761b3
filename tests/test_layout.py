"""The package's import rules: layers import downward only, no circles, no private names across modules.

Every import is read with ``ast`` (absolute and relative, at module level and inside functions).
The one allowed upward import is a result's ``.plot()`` handing off to ``linkedins_law.plotting``.
"""

import ast
from pathlib import Path

import linkedins_law

PACKAGE = Path(linkedins_law.__file__).resolve().parent

# Layer of each top-level part of the package; a module may import its own layer and lower ones.
LAYERS = {
    "core": 0,
    "readers": 1,
    "embed": 1,
    "law": 1,
    "detect": 2,
    "outreach": 2,
    "analysis": 3,
    "evaluation": 3,
    "synthetic_export": 3,
    "plotting": 4,
    "report": 5,
    "cli": 5,
    "__main__": 6,
    "__init__": 6,
    "_version": 0,
}
# Which lower parts each part may import (beyond itself).
ALLOWED = {
    "core": set(),
    "_version": set(),
    "readers": {"core"},
    "embed": {"core"},
    "law": {"core"},
    "detect": {"core", "embed"},
    "outreach": {"core", "embed"},
    "analysis": {"core", "embed", "law", "detect", "outreach"},
    "evaluation": {"core", "embed", "law", "detect", "outreach"},
    "synthetic_export": {"core", "readers", "law"},
    "plotting": {"core", "embed", "law", "detect", "outreach", "analysis", "evaluation", "synthetic_export"},
    "report": {"core", "readers", "embed", "law", "detect", "outreach", "analysis", "evaluation", "plotting",
               "_version", "synthetic_export"},
    "cli": {"core", "readers", "embed", "law", "detect", "outreach", "analysis", "evaluation", "plotting",
            "_version", "synthetic_export", "report"},
    "__main__": {"cli"},
    "__init__": set(LAYERS) - {"__init__", "__main__", "cli"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _imports(path: Path):
    """Yield (imported module, imported names, enclosing function name or None) for every import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = _module_name(path)
    package = module if _is_package(path) else module.rpartition(".")[0]

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, [], function
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                names = [alias.name for alias in child.names]
                if child.module is None or target == "linkedins_law":
                    # "from . import evaluation": each name may be a submodule
                    for name in names:
                        yield f"{target}.{name}", [], function
                else:
                    yield target, names, function
            yield from visit(child, inner)

    yield from visit(tree, None)


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _internal(target: str) -> bool:
    return target == "linkedins_law" or target.startswith("linkedins_law.")


def test_every_part_has_a_layer():
    parts = {_part(_module_name(p)) for p in _modules()}
    assert parts <= set(LAYERS), f"parts without a layer: {parts - set(LAYERS)}"


def test_no_module_imports_a_higher_layer():
    wrong = []
    for path in _modules():
        module = _module_name(path)
        own = _part(module)
        if path.name == "__init__.py" and module == "linkedins_law":
            own = "__init__"
        for target, _names, function in _imports(path):
            if not _internal(target) or target == "linkedins_law":
                continue
            other = _part(target)
            if other == own:
                continue
            if other == "plotting" and function == "plot":
                continue  # the documented hand-off: Result.plot() -> plotting
            if other not in ALLOWED[own]:
                wrong.append(f"{module} imports {target}" + (f" (in {function})" if function else ""))
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_import_circles():
    graph: dict[str, set[str]] = {}
    names = {_module_name(p) for p in _modules()}
    for path in _modules():
        module = _module_name(path)
        edges = graph.setdefault(module, set())
        for target, _names, function in _imports(path):
            if not _internal(target) or (function == "plot" and _part(target) == "plotting"):
                continue
            while target not in names and "." in target:
                target = target.rpartition(".")[0]
            if target != module and not module.startswith(target + "."):
                edges.add(target)
    # a package's __init__ importing its own submodules is how packages work: not a circle
    for module, edges in graph.items():
        graph[module] = {t for t in edges if not t.startswith(module + ".")}
    circles = []
    state: dict[str, int] = {}

    def walk(node, trail):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                walk(nxt, trail + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            walk(module, [module])
    assert not circles, "import circles:\n" + "\n".join(circles)


def test_no_private_name_crosses_modules():
    wrong = []
    for path in _modules():
        module = _module_name(path)
        for target, names, _function in _imports(path):
            if _internal(target) and target != module:
                wrong += [f"{module} imports {target}.{n}" for n in names if n.startswith("_") and n != "__version__"]
            if _internal(target) and target.rpartition(".")[2].startswith("_") and target != "linkedins_law._version":
                wrong.append(f"{module} imports the private module {target}")
    assert not wrong, "\n".join(wrong)


def test_the_checker_sees_relative_and_function_level_imports(tmp_path):
    # the rules above are only as good as the import reader: check it on the detector's known imports
    found = {(t, f) for t, _n, f in _imports(PACKAGE / "detect" / "trajectory.py")}
    assert ("linkedins_law.plotting", "plot") in found
    found = list(_imports(PACKAGE / "detect" / "detector.py"))
    assert any(t == "linkedins_law.embed" for t, _n, _f in found)
    assert any(t == "linkedins_law.core.bundled" and "load_exemplars" in n for t, n, _f in found)
