"""The public namespace: one list of exports that cannot drift, a docstring on every public name,
and every function that takes a ruleset takes it first (a Ruleset, an installed id or a path).

The top level holds the everyday names; the building blocks are in the public submodules
(spbe_rules.model, .conditions, .batch, .analysis, .errors), each a small module of re-exports
with its own ``__all__``. A name is exported from one public place, except the few listed in
INTENDED_TWICE."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import types
from pathlib import Path

import pytest

import spbe_rules

INIT = Path(spbe_rules.__file__)
PKG = INIT.parent
SUBMODULES = ("analysis", "batch", "conditions", "errors", "model")
PUBLIC = ("spbe_rules", *(f"spbe_rules.{m}" for m in SUBMODULES))
# names exported both at the top level and from a submodule, on purpose: the roots of the model
# (what load_ruleset and load_assessment return) and the errors most programs catch
INTENDED_TWICE = {
    "Assessment": {"spbe_rules", "spbe_rules.model"},
    "Ruleset": {"spbe_rules", "spbe_rules.model"},
    **{
        name: {"spbe_rules", "spbe_rules.errors"}
        for name in ("AssessmentError", "EvaluationError", "Location", "Problem", "RulesetError", "RulesetNotFoundError", "SpbeError", "ValidationError")
    },
}


def _exports() -> list[tuple[str, str]]:
    """(module, name) for every name every public module exports."""
    return [(m, n) for m in PUBLIC for n in importlib.import_module(m).__all__ if n != "__version__"]


def _parts() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(TYPE_CHECKING imports: name -> module, the lazy table, __all__) as written in __init__.py."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    typed: dict[str, str] = {}
    lazy: dict[str, str] = {}
    exported: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                if isinstance(imp, ast.ImportFrom) and imp.level == 1 and imp.module is not None:
                    typed.update({a.asname or a.name: str(imp.module) for a in imp.names})
        targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets if isinstance(node, ast.Assign) else []
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if "_LAZY" in names:
            lazy = ast.literal_eval(node.value)  # type: ignore[arg-type]
        if "__all__" in names:
            exported = ast.literal_eval(node.value)  # type: ignore[arg-type]
    return typed, lazy, exported


def test_exports_are_written_once_in_three_agreeing_places() -> None:
    typed, lazy, exported = _parts()
    assert typed == lazy, f"TYPE_CHECKING imports and _LAZY differ: {set(typed.items()) ^ set(lazy.items())}"
    assert sorted(exported) == sorted([*lazy, "__version__"]), f"__all__ and _LAZY differ: {set(exported) ^ {*lazy, '__version__'}}"
    assert len(exported) == len(set(exported))


def test_the_public_submodules_are_the_public_files() -> None:
    files = {p.stem for p in PKG.glob("*.py") if not p.stem.startswith("_")} - {"pytest_plugin"}
    assert files == set(SUBMODULES) == set(spbe_rules._SUBMODULES)
    for m in SUBMODULES:  # reachable after a bare `import spbe_rules`, and listed by dir()
        assert getattr(spbe_rules, m) is importlib.import_module(f"spbe_rules.{m}")
        assert m in dir(spbe_rules)


@pytest.mark.parametrize("module", [f"spbe_rules.{m}" for m in SUBMODULES])
def test_a_submodule_exports_what_it_defines(module: str) -> None:
    """``__all__`` names exactly the public names the module binds (nothing unlisted, nothing missing),
    each once, sorted, and every one of them resolves."""
    mod = importlib.import_module(module)
    bound = {n for n, v in vars(mod).items() if not n.startswith("_") and not isinstance(v, types.ModuleType) and n != "annotations"}
    assert set(mod.__all__) == bound, f"{module}: __all__ and the names bound differ: {set(mod.__all__) ^ bound}"
    assert len(mod.__all__) == len(set(mod.__all__))
    assert list(mod.__all__) == sorted(mod.__all__), f"{module}: keep __all__ sorted"
    assert inspect.getdoc(mod), f"{module} has no docstring"


def test_a_name_is_exported_from_one_public_place() -> None:
    places: dict[str, set[str]] = {}
    for module, name in _exports():
        places.setdefault(name, set()).add(module)
    twice = {n: p for n, p in places.items() if len(p) > 1}
    assert twice == INTENDED_TWICE
    for name, where in twice.items():  # the same object in both places
        assert len({id(getattr(importlib.import_module(m), name)) for m in where}) == 1


def _attribute_docstring(module: str, name: str) -> str | None:
    """The string literal right after ``name = ...`` in the module's source (a documented alias)."""
    tree = ast.parse(Path(str(importlib.import_module(module).__file__)).read_text(encoding="utf-8"))
    for stmt, after in zip(tree.body, tree.body[1:], strict=False):
        if isinstance(stmt, ast.Assign) and [t.id for t in stmt.targets if isinstance(t, ast.Name)] == [name]:
            if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str):
                return after.value.value
    return None


@pytest.mark.parametrize(("module", "name"), _exports(), ids=lambda x: str(x))
def test_every_public_name_is_documented(module: str, name: str) -> None:
    obj = getattr(importlib.import_module(module), name)
    if inspect.isclass(obj) or inspect.isroutine(obj):
        assert inspect.getdoc(obj), f"{module}.{name} has no docstring"
    else:  # a type alias: documented where it is exported
        assert _attribute_docstring(module, name), f"{module}.{name}: write a docstring below its assignment"


def _members() -> list[str]:
    """``Class.member`` for every public method and property of the exported classes defined here."""
    out: set[str] = set()
    for module, name in _exports():
        cls = getattr(importlib.import_module(module), name)
        if not (inspect.isclass(cls) and cls.__module__.startswith("spbe_rules")):
            continue
        for member, value in vars(cls).items():
            if member.startswith("_") or not (isinstance(value, (property, classmethod, staticmethod)) or inspect.isfunction(value)):
                continue
            out.add(f"{cls.__module__}.{cls.__qualname__}.{member}")
    return sorted(out)


@pytest.mark.parametrize("member", _members())
def test_every_public_member_is_documented(member: str) -> None:
    module, cls, name = member.rsplit(".", 2)
    value = vars(getattr(importlib.import_module(module), cls))[name]
    func = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
    assert (func.__doc__ or "").strip(), f"{member} has no docstring"


@pytest.mark.parametrize("module", PUBLIC)
def test_the_module_examples_run(module: str) -> None:
    failed, tried = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failed == 0


@pytest.mark.parametrize(
    ("module", "name"),
    [(m, n) for m, n in _exports() if inspect.isroutine(getattr(importlib.import_module(m), n))],
    ids=lambda x: str(x),
)
def test_a_ruleset_comes_first(module: str, name: str) -> None:
    params = list(inspect.signature(getattr(importlib.import_module(module), name)).parameters)
    if "ruleset" in params:
        assert params[0] == "ruleset", f"{module}.{name}{params}: the ruleset must be the first parameter"


def test_rulesets_by_object_id_or_path_give_the_same_result() -> None:
    a = spbe_rules.load_assessment(Path(__file__).resolve().parents[1] / "examples" / "kabupaten-contoh-2024.yaml")
    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    path = Path(rs.origin)
    results = [spbe_rules.evaluate(r, a) for r in (rs, "pedoman-3-2024", path, str(path))]
    assert len({(r.index_exact, r.predikat) for r in results}) == 1
    with pytest.raises(TypeError):
        spbe_rules.evaluate(3, a)  # type: ignore[arg-type]


def test_no_silent_defaults() -> None:
    with pytest.raises(TypeError):
        spbe_rules.load_ruleset()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        spbe_rules.Assessment.from_levels({1: 3})  # type: ignore[call-arg]
    assert "DEFAULT_RULESET" not in spbe_rules.__all__
