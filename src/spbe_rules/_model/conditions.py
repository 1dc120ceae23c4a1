"""The one walker over conditions (the ``Condition`` union of :mod:`.model`).

Every use of conditions in the library goes through this module: the engine's evaluation
(:mod:`.._engine.engine` compiles each condition once), the numpy batch kernel, the
explanation texts, the planner's disjunctive normal form, the texts of ``diff``, the
converter (file form <-> classes), the loader's checks of the file form and every question
"which indicators / documents does this condition read".

Two ways to walk, both driven by the one per-kind table :data:`KINDS`:

- **generic walks** that only need the tree's shape: :func:`children`, :func:`walk` (every
  node, pre-order), :func:`documents_named`, :func:`indicators_read` (through documents'
  ``implied_by`` too), and the same for the file form (:func:`raw_kinds`, :func:`raw_children`,
  :func:`walk_raw`), plus :func:`from_raw` / :func:`to_raw` for the converter;
- **a typed visitor** for uses that give each kind its own meaning (evaluate it, describe it,
  plan for it): subclass :class:`ConditionVisitor` with one method per kind and call
  :meth:`~ConditionVisitor.visit`; a method recurses by visiting the node's children (with
  whatever state it needs, e.g. a new visitor one level deeper).

Adding a kind of condition (say ``AtMost``) means: the class in :mod:`.model` (and in the
``Condition`` union), one :class:`Kind` entry in :data:`KINDS`, one abstract method in
:class:`ConditionVisitor`. mypy (strict) then names every visitor that must say what the new
kind means (a visitor missing a method cannot be instantiated); the generic walks, the
converter and the loader's structural checks need no change.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeGuard, TypeVar, cast

from attrs import frozen

from .model import AllOf, AnyOf, AtLeast, Condition, HasDocument, Not

__all__ = [
    "CONDITION_TYPES",
    "KINDS",
    "ConditionVisitor",
    "Kind",
    "RawPath",
    "children",
    "documents_named",
    "from_raw",
    "indicators_read",
    "is_condition",
    "kind_of",
    "raw_children",
    "raw_kinds",
    "to_raw",
    "walk",
    "walk_raw",
]

R = TypeVar("R")
RawPath = tuple[str | int, ...]


class ConditionVisitor(ABC, Generic[R]):
    """One method per kind of condition; :meth:`visit` calls the one for the node's kind.

    A method gets the node itself and decides how (and whether) to visit its children, so
    short-circuit evaluation, a depth limit or a state threaded through the walk stay with the
    use that needs them.
    """

    __slots__ = ()

    def visit(self, cond: Condition) -> R:
        """The value of ``cond``: the method for its kind."""
        return cast(R, _BY_TYPE[type(cond)].accept(self, cond))

    @abstractmethod
    def at_least(self, cond: AtLeast) -> R:
        """``indicator: N, at_least: L``."""

    @abstractmethod
    def has_document(self, cond: HasDocument) -> R:
        """``document: KEY``."""

    @abstractmethod
    def all_of(self, cond: AllOf) -> R:
        """``all: [...]``."""

    @abstractmethod
    def any_of(self, cond: AnyOf) -> R:
        """``any: [...]``."""

    @abstractmethod
    def not_(self, cond: Not) -> R:
        """``not: ...``."""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


@frozen
class Kind:
    """What the walker knows of one kind of condition.

    ``key`` marks the kind in a file (``all``, ``any``, ``not``, ``indicator``, ``document``);
    ``children`` are its sub-conditions; ``raw_children`` the same in file form, each with its
    path below the node; ``build`` makes the class from the file form (given the built
    children) and ``write`` the file form from the class (given the written children);
    ``accept`` calls the visitor's method for the kind.
    """

    key: str
    cls: type
    children: Callable[[Any], tuple[Condition, ...]]
    raw_children: Callable[[Mapping[str, Any]], list[tuple[RawPath, Any]]]
    build: Callable[[Mapping[str, Any], list[Condition]], Condition]
    write: Callable[[Any, list[dict[str, Any]]], dict[str, Any]]
    accept: Callable[[ConditionVisitor[Any], Any], Any]


_NONE: tuple[Condition, ...] = ()

KINDS: tuple[Kind, ...] = (
    Kind(
        "all",
        AllOf,
        lambda c: c.items,
        lambda raw: [(("all", i), sub) for i, sub in enumerate(_list(raw["all"]))],
        lambda _raw, subs: AllOf(tuple(subs)),
        lambda _c, subs: {"all": subs},
        lambda v, c: v.all_of(c),
    ),
    Kind(
        "any",
        AnyOf,
        lambda c: c.items,
        lambda raw: [(("any", i), sub) for i, sub in enumerate(_list(raw["any"]))],
        lambda _raw, subs: AnyOf(tuple(subs)),
        lambda _c, subs: {"any": subs},
        lambda v, c: v.any_of(c),
    ),
    Kind(
        "not",
        Not,
        lambda c: (c.item,),
        lambda raw: [(("not",), raw["not"])],
        lambda _raw, subs: Not(subs[0]),
        lambda _c, subs: {"not": subs[0]},
        lambda v, c: v.not_(c),
    ),
    Kind(
        "indicator",
        AtLeast,
        lambda _c: _NONE,
        lambda _raw: [],
        lambda raw, _subs: AtLeast(int(raw["indicator"]), int(raw["at_least"])),
        lambda c, _subs: {"indicator": c.indicator, "at_least": c.level},
        lambda v, c: v.at_least(c),
    ),
    Kind(
        "document",
        HasDocument,
        lambda _c: _NONE,
        lambda _raw: [],
        lambda raw, _subs: HasDocument(str(raw["document"])),
        lambda c, _subs: {"document": c.document},
        lambda v, c: v.has_document(c),
    ),
)

_BY_TYPE: dict[type, Kind] = {k.cls: k for k in KINDS}
CONDITION_TYPES: tuple[type, ...] = tuple(k.cls for k in KINDS)
"""The condition classes (for ``isinstance(value, CONDITION_TYPES)``)."""


def is_condition(value: object) -> TypeGuard[Condition]:
    """Whether ``value`` is a condition (of any kind)."""
    return type(value) in _BY_TYPE


def kind_of(cond: Condition) -> Kind:
    """The :class:`Kind` of a condition."""
    return _BY_TYPE[type(cond)]


def children(cond: Condition) -> tuple[Condition, ...]:
    """The sub-conditions of ``cond`` (none for ``indicator`` and ``document``)."""
    return _BY_TYPE[type(cond)].children(cond)


def walk(cond: Condition) -> Iterator[Condition]:
    """Every node of ``cond`` once, pre-order (a node before its children, children in order).
    A document's ``implied_by`` is not entered: see :func:`indicators_read`."""
    stack = [cond]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(_BY_TYPE[type(node)].children(node)))


def documents_named(cond: Condition) -> tuple[str, ...]:
    """The documents ``cond`` names itself (not through their ``implied_by``), each once, in order."""
    return tuple(dict.fromkeys(node.document for node in walk(cond) if isinstance(node, HasDocument)))


def indicators_read(cond: Condition, implied: Mapping[str, Condition | None]) -> set[int]:
    """The indicators whose level ``cond`` reads, directly or through the ``implied_by`` of the
    documents it names (``implied``: document key -> its ``implied_by``; an unknown key reads nothing)."""
    out: set[int] = set()
    seen: set[str] = set()
    todo = [cond]
    while todo:
        for node in walk(todo.pop()):
            if isinstance(node, AtLeast):
                out.add(node.indicator)
            elif isinstance(node, HasDocument) and node.document not in seen:
                seen.add(node.document)
                sub = implied.get(node.document)
                if sub is not None:
                    todo.append(sub)
    return out


# -- the file form (mappings as read from a ruleset file) ------------------------------------


def raw_kinds(raw: Mapping[str, Any]) -> list[Kind]:
    """The kinds whose key a condition in file form has (a valid one has exactly one)."""
    return [k for k in KINDS if k.key in raw]


def raw_children(raw: Mapping[str, Any]) -> list[tuple[RawPath, Any]]:
    """The sub-conditions of a file-form condition of one kind, each with its path below it
    (``("all", 0)``, ``("not",)``); none when the kind is not one."""
    kinds = raw_kinds(raw)
    return kinds[0].raw_children(raw) if len(kinds) == 1 else []


def walk_raw(raw: Any, path: RawPath = ()) -> Iterator[tuple[RawPath, Mapping[str, Any]]]:
    """Every node of a file-form condition that is a mapping, with its path, pre-order. A node
    that is not exactly one kind is yielded but not entered (the loader reports it)."""
    stack: list[tuple[RawPath, Any]] = [(path, raw)]
    while stack:
        where, node = stack.pop()
        if not isinstance(node, Mapping):
            continue
        yield where, node
        stack.extend((where + sub_path, sub) for sub_path, sub in reversed(raw_children(node)))


def from_raw(raw: Any) -> Condition:
    """The condition written in file form (already checked by the loader)."""
    if not isinstance(raw, Mapping):
        raise TypeError("a condition must be a mapping")
    for kind in KINDS:
        if kind.key in raw:
            return kind.build(raw, [from_raw(sub) for _, sub in kind.raw_children(raw)])
    raise ValueError(f"unknown condition {dict(raw)!r}")


def to_raw(cond: Condition) -> dict[str, Any]:
    """The file form of ``cond`` (what :func:`from_raw` reads back)."""
    kind = _BY_TYPE[type(cond)]
    return kind.write(cond, [to_raw(sub) for sub in kind.children(cond)])
