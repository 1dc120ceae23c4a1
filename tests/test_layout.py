"""The package layout keeps its architecture: layers import only downwards, no import cycle,
imports at the top of modules (except the optional extras), no module longer than 600 lines.

The imports are read with :mod:`ast`, so the test sees every import statement, also the
ones a test run would never execute.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "spbe_rules"

# lowest first; a module may import from its own layer or a lower one
LAYERS = ("_base", "_model", "_loading", "_engine", "_io", "_analysis", "_render", "_cli")
# imported inside functions on purpose: optional extras, and jsonschema (only when a file is
# validated, so a cached ruleset and the command line start without it), and cattrs (the one
# converter is built on first use in _model/converter.py: importing cattrs and generating its
# structure functions cost about 5x `python -c pass`, and `spbe-rules evaluate` with a cached
# ruleset printing text needs no converter; issue 10 item 6)
LAZY_ALLOWED = {"numpy", "openpyxl", "tqdm", "jsonschema", "cattrs"}
# the only modules that import by name at run time: the lazy public namespace and the lazy commands
IMPORT_BY_NAME = {"spbe_rules", "spbe_rules._cli.main", "spbe_rules._cli.entry"}
MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = ("spbe_rules", *path.relative_to(PKG).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _rank(module: str) -> int:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    if module in ("spbe_rules._version",):
        return -1
    return len(LAYERS)  # the top: the public namespace and submodules, __main__, the pytest plugin


def _target(me: str, is_package: bool, node: ast.ImportFrom) -> str:
    base = me.split(".") if is_package else me.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


class _Imports:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        self.runtime: set[str] = set()  # own modules imported when this module is imported
        self.typing: set[str] = set()  # own modules imported for type checking only
        self.inner: list[tuple[int, str]] = []  # imports inside functions or classes
        self.by_name: list[int] = []  # importlib.import_module calls
        top: dict[int, str] = {}
        for stmt in tree.body:
            top[id(stmt)] = "runtime"
            if isinstance(stmt, ast.If):
                for sub in [*stmt.body, *stmt.orelse]:
                    top[id(sub)] = "typing" if _is_type_checking(stmt) else "runtime"
            if isinstance(stmt, ast.Try):
                for sub in stmt.body:
                    top[id(sub)] = "runtime"
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "import_module":
                self.by_name.append(node.lineno)
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            names: list[str]
            if isinstance(node, ast.ImportFrom):
                names = [_target(self.name, path.name == "__init__.py", node) if node.level else node.module or ""]
            else:
                names = [alias.name for alias in node.names]
            where = top.get(id(node))
            for name in names:
                if where is None:
                    self.inner.append((node.lineno, name))
                if not name.startswith("spbe_rules"):
                    continue
                (self.typing if where == "typing" else self.runtime).add(name)


MODULES = {m.name: m for m in (_Imports(p) for p in sorted(PKG.rglob("*.py")))}


def _own(name: str) -> str:
    """The module an import names (``from .x import y`` of a package names the package)."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_go_down_the_layers(name: str) -> None:
    m = MODULES[name]
    upward = sorted(t for t in m.runtime | m.typing if _rank(_own(t)) > _rank(name))
    assert not upward, f"{name} (layer {_rank(name)}) imports from a higher layer: {upward}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_at_the_top(name: str) -> None:
    m = MODULES[name]
    inner = [(line, t) for line, t in m.inner if t.split(".")[0] not in LAZY_ALLOWED]
    assert not inner, f"{m.path.name}: imports inside functions (move them to the top): {inner}"
    if name not in IMPORT_BY_NAME:
        assert not m.by_name, f"{m.path.name}:{m.by_name}: importlib.import_module outside the lazy loaders"


def test_no_import_cycle() -> None:
    graph = {n: {_own(t) for t in m.runtime} - {n} for n, m in MODULES.items()}
    # a package's __init__ re-exporting is not a cycle with its own modules; only module -> module edges count
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for t in sorted(graph.get(n, ())):
            if state.get(t) == 1:
                cycle = stack[stack.index(t) :] + [t]
                raise AssertionError(f"import cycle: {' -> '.join(cycle)}")
            if t not in state:
                visit(t)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_short(name: str) -> None:
    lines = MODULES[name].path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name}: {lines} lines (split it by job; at most {MAX_LINES})"


# the top: the lazy namespace, the entry points and the public submodules (small modules of re-exports
# from the layers, see tests/test_public_api.py)
PUBLIC_SUBMODULES = ("analysis", "batch", "conditions", "errors", "model")
TOP = {"spbe_rules", "spbe_rules.__main__", "spbe_rules._version", "spbe_rules.pytest_plugin", *(f"spbe_rules.{m}" for m in PUBLIC_SUBMODULES)}


def test_every_module_is_in_a_layer_or_at_the_top() -> None:
    stray = [n for n in MODULES if n not in TOP and n.split(".")[1] not in LAYERS]
    assert not stray, f"modules outside the layers: {stray}"


@pytest.mark.parametrize("name", [f"spbe_rules.{m}" for m in PUBLIC_SUBMODULES])
def test_public_submodules_only_re_export(name: str) -> None:
    """A public submodule binds names imported from the layers and defines nothing of its own
    (besides documented aliases), so the code stays in its layer and nothing imports the top."""
    tree = ast.parse(MODULES[name].path.read_text(encoding="utf-8"))
    defined = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    assert not defined, f"{name} defines {defined}: write them in a layer and re-export them"
    importers = sorted(n for n, m in MODULES.items() if name in m.runtime | m.typing and n != "spbe_rules")
    assert not importers, f"{importers} import the public module {name}; import from the layer instead"


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The checker itself: an upward import, an import in a function and a cycle are all seen."""
    low = tmp_path / "spbe_rules" / "_base" / "low.py"
    low.parent.mkdir(parents=True)
    (tmp_path / "spbe_rules" / "__init__.py").write_text("")
    low.write_text("from .._cli.main import x\n\ndef f():\n    from ..x import y\n")
    global PKG
    saved = PKG
    PKG = tmp_path / "spbe_rules"
    try:
        m = _Imports(low)
    finally:
        PKG = saved
    assert m.name == "spbe_rules._base.low"
    assert "spbe_rules._cli.main" in m.runtime and _rank("spbe_rules._cli.main") > _rank(m.name)
    assert m.inner == [(4, "spbe_rules.x")]
