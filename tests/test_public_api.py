"""The public namespace: one list of exports that cannot drift, a docstring on every public name,
and every function that takes a ruleset takes it first (a Ruleset, an installed id or a path)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import spbe_rules

INIT = Path(spbe_rules.__file__)


def _parts() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(TYPE_CHECKING imports: name -> module, the lazy table, __all__) as written in __init__.py."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    typed: dict[str, str] = {}
    lazy: dict[str, str] = {}
    exported: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                if isinstance(imp, ast.ImportFrom) and imp.level == 1:
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


@pytest.mark.parametrize("name", sorted(set(spbe_rules.__all__) - {"__version__"}))
def test_every_public_name_is_documented(name: str) -> None:
    obj = getattr(spbe_rules, name)
    assert inspect.getdoc(obj), f"spbe_rules.{name} has no docstring"


@pytest.mark.parametrize("name", sorted(n for n in spbe_rules.__all__ if callable(getattr(spbe_rules, n)) and not inspect.isclass(getattr(spbe_rules, n))))
def test_a_ruleset_comes_first(name: str) -> None:
    params = list(inspect.signature(getattr(spbe_rules, name)).parameters)
    if "ruleset" in params:
        assert params[0] == "ruleset", f"{name}{params}: the ruleset must be the first parameter"


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
