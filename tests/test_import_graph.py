"""No import cycle between the project's modules: every module can be imported on its own,
and a model never needs a function-level import to reach the code that uses it.

Imports are read with `ast`, wherever they stand in a module (in a function too), so that a
cycle cannot hide behind a late import.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_APPS = {"tests", "bench", "node_modules"}


def project_modules():
    """{dotted name: path} of the project's own packages (migrations left out)."""
    modules = {}
    for init in sorted(ROOT.glob("*/__init__.py")):
        package = init.parent
        if package.name in NOT_APPS or package.name.startswith("."):
            continue
        for path in package.rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imported_names(name, path):
    """The dotted names a module imports, relative imports resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names += [base] + [f"{base}.{alias.name}" for alias in node.names]
    return names


def import_graph():
    modules = project_modules()

    def owner(dotted):
        """The project module that `dotted` names or lives in, or None."""
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    graph = {}
    for name, path in modules.items():
        targets = {owner(imported) for imported in imported_names(name, path)}
        graph[name] = sorted(target for target in targets if target and target != name)
    return graph


def find_cycle(graph):
    """One import cycle as a list of modules (first == last), or None."""
    state = {}  # module -> "visiting" or "done"
    stack = []

    def visit(module):
        state[module] = "visiting"
        stack.append(module)
        for target in graph.get(module, ()):
            if state.get(target) == "visiting":
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return None


def test_the_project_has_no_import_cycle():
    graph = import_graph()
    assert "ressources.models" in graph and "editions.models" in graph  # it reads the apps
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": ["b"], "b": [], "c": ["a", "b"]}) is None


def test_late_and_relative_imports_count(tmp_path):
    module = tmp_path / "models.py"
    module.write_text(
        "from .text import clean\ndef serve():\n    from shop.views import serve_list\n"
    )
    names = imported_names("shop.models", module)
    assert {"shop.text.clean", "shop.views.serve_list"} <= set(names)
