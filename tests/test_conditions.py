"""The one condition walker (``spbe_rules._model.conditions``) on generated conditions.

* :func:`walk` visits every node once, pre-order; a visitor reaches every kind; the file form
  (:func:`to_raw`, :func:`walk_raw`, :func:`from_raw`) has the same nodes, at the paths given;
* every use ported to the walker gives the answers of the recursive ``isinstance`` walk it
  replaced (the former implementations are kept below as oracles): the engine's compiled
  conditions, the indicators and documents a condition reads, the explanation's texts and
  three-valued reading, ``diff``'s text and the converter's file form.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_rules import load_ruleset
from spbe_rules._analysis.diff import format_condition
from spbe_rules._engine.condition_text import describe_condition, describe_release, holds_now
from spbe_rules._engine.engine import _Compile
from spbe_rules._model.conditions import (
    KINDS,
    ConditionVisitor,
    children,
    documents_named,
    from_raw,
    indicators_read,
    is_condition,
    kind_of,
    raw_children,
    to_raw,
    walk,
    walk_raw,
)
from spbe_rules._model.converter import converter
from spbe_rules._model.model import AllOf, AnyOf, AtLeast, Condition, HasDocument, Not

RS = load_ruleset("pedoman-3-2024")
NUMBERS = list(RS.numbers)[:6]
DOCS = [d.key for d in RS.documents][:2] + ["tidak_dideklarasikan"]

SETTINGS = settings(max_examples=300, deadline=None)


def _leaves() -> st.SearchStrategy[Condition]:
    return st.one_of(
        st.builds(AtLeast, st.sampled_from(NUMBERS), st.integers(1, 5)),
        st.builds(HasDocument, st.sampled_from(DOCS)),
    )


def _grow(inner: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
    items = st.lists(inner, min_size=1, max_size=4).map(tuple)
    return st.one_of(st.builds(AllOf, items), st.builds(AnyOf, items), st.builds(Not, inner))


CONDITIONS: st.SearchStrategy[Condition] = st.recursive(_leaves(), _grow, max_leaves=16)
LEVELS = st.fixed_dictionaries({n: st.one_of(st.integers(1, 5), st.sampled_from([Fraction(5, 2), Fraction(7, 3)])) for n in NUMBERS})
DOC_STATES = st.fixed_dictionaries({k: st.tuples(st.sampled_from([True, False, None]), st.sampled_from(["stated", "implied", "unknown"])) for k in DOCS[:-1]})


# -- the oracles: the recursive walks the walker replaced ------------------------------------------


def _nodes(cond: Condition) -> list[Condition]:
    if isinstance(cond, (AtLeast, HasDocument)):
        return [cond]
    if isinstance(cond, Not):
        return [cond, *_nodes(cond.item)]
    return [cond, *(n for c in cond.items for n in _nodes(c))]


def _old_condition_deps(cond: Condition, docs: Mapping[str, Condition | None]) -> set[int]:
    if isinstance(cond, AtLeast):
        return {cond.indicator}
    if isinstance(cond, HasDocument):
        implied = docs.get(cond.document)
        return _old_condition_deps(implied, docs) if implied is not None else set()
    if isinstance(cond, Not):
        return _old_condition_deps(cond.item, docs)
    out: set[int] = set()
    for sub in cond.items:
        out |= _old_condition_deps(sub, docs)
    return out


def _old_doc_keys(cond: Condition) -> list[str]:
    if isinstance(cond, HasDocument):
        return [cond.document]
    if isinstance(cond, AtLeast):
        return []
    if isinstance(cond, Not):
        return _old_doc_keys(cond.item)
    out: list[str] = []
    for c in cond.items:
        out.extend(k for k in _old_doc_keys(c) if k not in out)
    return out


def _old_holds(cond: Condition, eff: Mapping[int, Any], docs: Mapping[str, bool]) -> bool:
    if isinstance(cond, AtLeast):
        return bool(eff[cond.indicator] >= cond.level)
    if isinstance(cond, HasDocument):
        return docs[cond.document]
    if isinstance(cond, Not):
        return not _old_holds(cond.item, eff, docs)
    if isinstance(cond, AllOf):
        return all(_old_holds(c, eff, docs) for c in cond.items)
    return any(_old_holds(c, eff, docs) for c in cond.items)


def _old_known(cond: Condition, levels: Mapping[int, Any], docs: Mapping[str, tuple[bool | None, str]]) -> bool | None:
    if isinstance(cond, AtLeast):
        now = levels.get(cond.indicator)
        return None if now is None else now >= cond.level
    if isinstance(cond, HasDocument):
        return docs.get(cond.document, (None, "unknown"))[0]
    if isinstance(cond, Not):
        inner = _old_known(cond.item, levels, docs)
        return None if inner is None else not inner
    values = [_old_known(c, levels, docs) for c in cond.items]
    if isinstance(cond, AllOf):
        return False if False in values else (True if all(v is True for v in values) else None)
    return True if True in values else (False if all(v is False for v in values) else None)


def _old_describe(cond: Condition, levels: Mapping[int, Any], docs: Any, lang: str, depth: int = 0) -> str:
    ind = lang == "id"
    if isinstance(cond, (AtLeast, HasDocument)):
        return describe_condition(cond, RS, levels, docs, lang, _depth=depth)  # a leaf: its words did not change
    if isinstance(cond, Not):
        inner = _old_describe(cond.item, levels, docs, lang, depth + 1)
        return f"bukan keadaan berikut: {inner}" if ind else f"not the case that {inner}"
    parts = [_old_describe(c, levels, docs, lang, depth + 1) for c in cond.items]
    if len(parts) == 1:
        return parts[0]
    if isinstance(cond, AllOf):
        text = ("; dan " if ind else "; and ").join(parts)
        head = "semua berikut: " if ind else "all of: "
    else:
        text = ("; atau " if ind else "; or ").join(parts)
        head = "salah satu berikut: " if ind else "one of: "
    return f"({head}{text})" if depth else text


def _old_release(cond: Condition, levels: Mapping[int, Any], docs: Any, lang: str) -> str:
    ind = lang == "id"
    if isinstance(cond, AtLeast):
        return describe_release(cond, RS, levels, docs, lang)  # a leaf: its words did not change
    if isinstance(cond, (HasDocument, Not)):
        return _old_describe(cond, levels, docs, lang)
    if isinstance(cond, AllOf):
        failing = [c for c in cond.items if _old_known(c, levels, docs) is not True] or list(cond.items)
        return ("; dan " if ind else "; and ").join(_old_release(c, levels, docs, lang) for c in failing)
    parts = [_old_release(c, levels, docs, lang) for c in cond.items]
    if len(parts) == 1:
        return parts[0]
    head = "salah satu berikut terpenuhi: " if ind else "one of these holds: "
    return head + ("; atau " if ind else "; or ").join(parts)


def _old_format(cond: Condition) -> str:
    if isinstance(cond, AtLeast):
        return f"indicator {cond.indicator} at least {cond.level}"
    if isinstance(cond, HasDocument):
        return f"document {cond.document}"
    if isinstance(cond, Not):
        return f"not ({_old_format(cond.item)})"
    joiner = " and " if isinstance(cond, AllOf) else " or "
    return "(" + joiner.join(_old_format(c) for c in cond.items) + ")"


def _old_unstructure(cond: Condition) -> dict[str, Any]:
    if isinstance(cond, AllOf):
        return {"all": [_old_unstructure(c) for c in cond.items]}
    if isinstance(cond, AnyOf):
        return {"any": [_old_unstructure(c) for c in cond.items]}
    if isinstance(cond, Not):
        return {"not": _old_unstructure(cond.item)}
    if isinstance(cond, HasDocument):
        return {"document": cond.document}
    return {"indicator": cond.indicator, "at_least": cond.level}


# -- the walker itself -------------------------------------------------------------------------------


class _Count(ConditionVisitor[int]):
    """Counts the nodes through the visitor, each kind by its own method."""

    def __init__(self) -> None:
        self.kinds: list[str] = []

    def at_least(self, cond: AtLeast) -> int:
        self.kinds.append("indicator")
        return 1

    def has_document(self, cond: HasDocument) -> int:
        self.kinds.append("document")
        return 1

    def all_of(self, cond: AllOf) -> int:
        self.kinds.append("all")
        return 1 + sum(self.visit(c) for c in cond.items)

    def any_of(self, cond: AnyOf) -> int:
        self.kinds.append("any")
        return 1 + sum(self.visit(c) for c in cond.items)

    def not_(self, cond: Not) -> int:
        self.kinds.append("not")
        return 1 + self.visit(cond.item)


def _at(raw: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        raw = raw[step]
    return raw


@SETTINGS
@given(cond=CONDITIONS)
def test_walk_visits_every_node_once_in_pre_order(cond: Condition) -> None:
    expected = _nodes(cond)
    got = list(walk(cond))
    assert len(got) == len(expected)
    assert all(a is b for a, b in zip(got, expected))  # the very nodes, in pre-order
    counter = _Count()
    assert counter.visit(cond) == len(expected)
    assert counter.kinds == [kind_of(n).key for n in expected]
    for node in got:
        assert is_condition(node)
        assert children(node) == (() if isinstance(node, (AtLeast, HasDocument)) else (node.item,) if isinstance(node, Not) else node.items)


@SETTINGS
@given(cond=CONDITIONS)
def test_file_form_has_the_same_nodes_at_the_paths_given(cond: Condition) -> None:
    raw = to_raw(cond)
    assert raw == _old_unstructure(cond) == converter.unstructure(cond)
    assert from_raw(raw) == cond == converter.structure(raw, Condition)  # type: ignore[arg-type]
    nodes = list(walk_raw(raw, ("unless",)))
    assert [from_raw(node) for _, node in nodes] == _nodes(cond)
    for path, node in nodes:
        assert path[0] == "unless" and _at(raw, path[1:]) is node
        assert len(raw_children(node)) == len(children(from_raw(node)))


def test_every_kind_is_in_the_table_and_the_visitor() -> None:
    union = set(Condition.__args__)  # type: ignore[attr-defined]
    assert {k.cls for k in KINDS} == union
    methods = set(ConditionVisitor.__abstractmethods__)
    assert len(methods) == len(KINDS)
    with pytest.raises(TypeError):  # a visitor without every method cannot be made
        type("Partial", (ConditionVisitor,), {"at_least": lambda self, c: 1})()


def test_malformed_file_form_is_yielded_but_not_entered() -> None:
    raw = {"all": [{"indicator": 1, "document": "x"}, 3, {"not": {"document": "d"}}]}
    assert [p for p, _ in walk_raw(raw)] == [(), ("all", 0), ("all", 2), ("all", 2, "not")]


# -- the uses ported to it give the same answers ------------------------------------------------


@SETTINGS
@given(cond=CONDITIONS, implied=st.dictionaries(st.sampled_from(DOCS), CONDITIONS.filter(lambda c: not documents_named(c)), max_size=2))
def test_indicators_and_documents_read_as_before(cond: Condition, implied: dict[str, Condition]) -> None:
    assert indicators_read(cond, implied) == _old_condition_deps(cond, implied)
    assert list(documents_named(cond)) == _old_doc_keys(cond)


@SETTINGS
@given(cond=CONDITIONS, levels=LEVELS, docs=st.fixed_dictionaries({k: st.booleans() for k in DOCS}))
def test_the_engine_compiled_condition_holds_as_before(cond: Condition, levels: dict[int, Any], docs: dict[str, bool]) -> None:
    position = {n: k for k, n in enumerate(NUMBERS)}
    eff = [levels[n] for n in NUMBERS]
    read: list[str] = []

    def doc(key: str) -> bool:
        read.append(key)
        return docs[key]

    assert _Compile(position).visit(cond)(eff, doc) is _old_holds(cond, levels, docs)
    assert set(read) <= set(documents_named(cond))


@SETTINGS
@given(cond=CONDITIONS, levels=LEVELS, docs=DOC_STATES, lang=st.sampled_from(["id", "en"]))
def test_the_explanation_texts_are_as_before(cond: Condition, levels: dict[int, Any], docs: Any, lang: str) -> None:
    assert holds_now(cond, levels, docs) == _old_known(cond, levels, docs)
    assert describe_condition(cond, RS, levels, docs, lang) == _old_describe(cond, levels, docs, lang)
    assert describe_release(cond, RS, levels, docs, lang) == _old_release(cond, levels, docs, lang)


@SETTINGS
@given(cond=CONDITIONS)
def test_the_diff_text_is_as_before(cond: Condition) -> None:
    # the English text is the one the old walk wrote; Indonesian (the default) has the same shape
    assert format_condition(cond, "en") == _old_format(cond)
    id_text = format_condition(cond, "id")
    assert id_text.count("(") == _old_format(cond).count("(") and " and " not in id_text and " or " not in id_text
