"""The exact evaluation core, compiled once per ruleset.

Weights are scaled to whole numbers (by the least common multiple of their
denominators), so every sum is an ``int`` and every index an exact ratio of two
ints; no float is ever used. Rounding for display and the predikat band rule
come from the ruleset.

Rules are applied in a fixed order derived from their dependencies: a rule
runs after every rule that caps an indicator its condition reads (through a
document's ``implied_by`` too). The loader rejects cycles, so one pass reaches
the fixed point, and the result does not depend on the order of rules in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Generic, Literal, NamedTuple, TypeVar
from math import lcm

from attrs import frozen

from .._base.errors import EvaluationError, Location, Problem, tr
from .._base.messages import Msg
from .._model.converter import exact_text
from .._model.conditions import ConditionVisitor, indicators_read
from .._model.model import AllOf, AnyOf, AtLeast, Condition, HasDocument, Not, Rule, Ruleset

LevelT = TypeVar("LevelT", int, int | Fraction)

__all__ = [
    "Compiled",
    "DocBasis",
    "DocState",
    "Graded",
    "LevelT",
    "RuleRun",
    "RulesApplied",
    "Sums",
    "compiled",
    "display_text",
    "level_denominator",
    "round_scaled",
    "whole_levels",
]


def round_scaled(num: int, den: int, decimals: int, mode: str) -> int:
    """``num/den`` rounded to ``decimals`` places, as an integer count of 10**-decimals."""
    q: int = num * 10**decimals
    if mode == "half_up":  # halves away from zero (indices are never negative)
        if q >= 0:
            return (2 * q + den) // (2 * den)
        return -((-2 * q + den) // (2 * den))
    if mode == "half_even":
        whole, rest = divmod(q, den)
        twice = 2 * rest
        if twice > den or (twice == den and whole % 2 == 1):
            whole += 1
        return whole
    if mode == "down":  # towards zero
        return q // den if q >= 0 else -((-q) // den)
    if mode == "up":  # away from zero
        return -((-q) // den) if q >= 0 else -(q // -den)
    raise ValueError(tr("engine.api.rounding", mode=repr(mode)))


def display_text(scaled: int, decimals: int) -> str:
    if decimals == 0:
        return str(scaled)
    sign = "-" if scaled < 0 else ""
    s = str(abs(scaled)).rjust(decimals + 1, "0")
    return f"{sign}{s[:-decimals]}.{s[-decimals:]}"


DocBasis = Literal["stated", "implied", "unknown"]


class DocState(NamedTuple):
    """A document's state in one evaluation: present (None: not known) and how that is known."""

    present: bool | None
    basis: DocBasis


@frozen
class RuleRun:
    """One rule in one evaluation: ``held`` is whether its condition held (None: the rule is off);
    ``capped`` the indicators it lowered."""

    rule: Rule
    held: bool | None
    capped: tuple[int, ...]


@frozen
class RulesApplied(Generic[LevelT]):
    """What :meth:`Compiled.apply_rules` gives: the effective levels (in the order of
    ``Compiled.numbers``), the rules that lowered each indicator (in the order applied), each
    rule's run (in ``Compiled.rule_order``) and every document's state."""

    effective: list[LevelT]
    lowered_by: dict[int, list[str]]
    runs: list[RuleRun]
    documents: dict[str, DocState]


_STATED = {True: DocState(True, "stated"), False: DocState(False, "stated")}
_IMPLIED = {True: DocState(True, "implied"), False: DocState(False, "implied")}
_UNKNOWN = DocState(None, "unknown")


def _stated(value: bool) -> DocState:
    """A stated document's state (the common ones made once)."""
    return _STATED[value] if value is True or value is False else DocState(value, "stated")


def _implied(value: bool) -> DocState:
    """An implied document's state (the common ones made once)."""
    return _IMPLIED[value] if value is True or value is False else DocState(value, "implied")


class Graded(NamedTuple):
    """The predikat of an index and the index rounded for display (a whole count of ``10**-decimals``)."""

    predikat: str
    rounded: int


class Sums(NamedTuple):
    """Weighted sums (scaled whole numbers): per aspect, per domain (in the ruleset's order), in all."""

    aspects: list[int]
    domains: list[int]
    total: int


Test = Callable[[Sequence[Any], Callable[[str], bool]], bool]
"""A compiled condition: whether it holds on these (effective) levels, given how to tell whether a document exists."""


class _Compile(ConditionVisitor[Test]):
    """A condition as a closure over the positions of its indicators (made once per ruleset)."""

    __slots__ = ("position",)

    def __init__(self, position: Mapping[int, int]) -> None:
        self.position = position

    def at_least(self, cond: AtLeast) -> Test:
        k, level = self.position[cond.indicator], cond.level
        return lambda eff, _doc: bool(eff[k] >= level)

    def has_document(self, cond: HasDocument) -> Test:
        key = cond.document
        return lambda _eff, doc: doc(key)

    def not_(self, cond: Not) -> Test:
        inner = self.visit(cond.item)
        return lambda eff, doc: not inner(eff, doc)

    def all_of(self, cond: AllOf) -> Test:
        tests = tuple(self.visit(c) for c in cond.items)
        return lambda eff, doc: all(t(eff, doc) for t in tests)

    def any_of(self, cond: AnyOf) -> Test:
        tests = tuple(self.visit(c) for c in cond.items)
        return lambda eff, doc: any(t(eff, doc) for t in tests)


class Compiled:
    """A ruleset prepared for fast exact evaluation."""

    def __init__(self, rs: Ruleset) -> None:
        self.ruleset = rs
        inds = sorted(rs.indicators, key=lambda i: i.number)
        self.indicators = tuple(inds)
        self.memo: dict[object, Any] = {}  # shared immutable result parts, filled by _evaluate (bounded)
        self.numbers: tuple[int, ...] = tuple(i.number for i in inds)
        self.position: dict[int, int] = {n: k for k, n in enumerate(self.numbers)}
        weights = [i.weight for i in inds] + [a.weight for a in rs.aspects] + [d.weight for d in rs.domains]
        # Non-integer levels (the mean of up to n sub-levels, a converted score) have denominators
        # dividing `level_den`; scaling by it too keeps every weighted sum a whole number.
        self.level_den = level_denominator(rs)
        scale = lcm(*(w.denominator for w in weights), rs.total_weight.denominator) * self.level_den
        self.scale = scale
        self.w: tuple[int, ...] = tuple(int(i.weight * scale) for i in inds)
        aspect_pos = {a.id: k for k, a in enumerate(rs.aspects)}
        self.aspect_of: tuple[int, ...] = tuple(aspect_pos[i.aspect] for i in inds)
        self.aspect_w: tuple[int, ...] = tuple(int(a.weight * scale) for a in rs.aspects)
        domain_pos = {d.id: k for k, d in enumerate(rs.domains)}
        self.domain_of_aspect: tuple[int, ...] = tuple(domain_pos[a.domain] if a.domain else -1 for a in rs.aspects)
        self.domain_w: tuple[int, ...] = tuple(int(d.weight * scale) for d in rs.domains)
        self.total_w = int(rs.total_weight * scale)
        self.decimals = rs.display.decimals
        self.rounding = rs.display.rounding
        self.pow10 = 10**self.decimals
        self.from_rounded = rs.display.predikat_from == "rounded"
        self.bands: tuple[tuple[Fraction, Fraction, str], ...] = tuple((b.lower, b.upper, b.name) for b in rs.predikat.bands)
        self.docs: dict[str, Condition | None] = {d.key: d.implied_by for d in rs.documents}
        self.rule_order: tuple[Rule, ...] = self._order_rules(rs.rules)
        compile_ = _Compile(self.position)
        self.rule_tests: dict[str, Test] = {r.id: compile_.visit(r.unless) for r in rs.rules}
        self.doc_tests: dict[str, Test] = {k: compile_.visit(cond) for k, cond in self.docs.items() if cond is not None}
        # the runs that lower nothing, made once: (off, held, not held but nothing above the cap)
        self.quiet_runs: dict[str, tuple[RuleRun, RuleRun, RuleRun]] = {
            r.id: (RuleRun(r, None, ()), RuleRun(r, True, ()), RuleRun(r, False, ())) for r in rs.rules
        }

    def _order_rules(self, rules: Sequence[Rule]) -> tuple[Rule, ...]:
        deps = {r.id: indicators_read(r.unless, self.docs) for r in rules}
        targets = {r.id: set(r.targets) for r in rules}
        before: dict[str, set[str]] = {r.id: {o.id for o in rules if o.id != r.id and targets[o.id] & deps[r.id]} for r in rules}
        done: list[Rule] = []
        placed: set[str] = set()
        remaining = sorted(rules, key=lambda r: r.id)
        while remaining:
            ready = [r for r in remaining if before[r.id] <= placed]
            if not ready:  # the loader rejects cycles; keep id order if one slipped through
                ready = remaining[:1]
            r = ready[0]
            done.append(r)
            placed.add(r.id)
            remaining.remove(r)
        return tuple(done)

    # -- predikat -----------------------------------------------------------------------

    def band(self, value: Fraction) -> str:
        bands = self.bands
        last = len(bands) - 1
        for k, (lower, upper, name) in enumerate(bands):
            if lower <= value and (value < upper or (k == last and value <= upper)):
                return name
        if value < bands[0][0]:
            return bands[0][2]
        return bands[last][2]

    def predikat_of(self, num: int, den: int) -> Graded:
        """The predikat of the index ``num/den`` and its rounded, scaled display value."""
        r = round_scaled(num, den, self.decimals, self.rounding)
        value = Fraction(r, self.pow10) if self.from_rounded else Fraction(num, den)
        return Graded(self.band(value), r)

    # -- rules --------------------------------------------------------------------------

    def apply_rules(
        self,
        levels: Sequence[LevelT],
        documents: Mapping[str, bool],
        enabled: Callable[[Rule], bool],
        where: Callable[[], Location],
    ) -> RulesApplied[LevelT]:
        """Effective levels, the rules that lowered each indicator, each rule's run and each document's state."""
        eff: list[Any] = list(levels)  # a cap is a whole level; the list keeps the caller's level type
        by: dict[int, list[str]] = {}
        outcomes: list[RuleRun] = []
        doc_state: dict[str, DocState] = {}
        pos = self.position

        doc_tests = self.doc_tests

        def doc(key: str, rule: Rule | None) -> bool:
            if key in doc_state:
                state = doc_state[key][0]
                if state is not None:
                    return state
            if key in documents:
                doc_state[key] = _stated(documents[key])
                return documents[key]
            implied = doc_tests.get(key)
            if implied is not None:
                value = implied(eff, reader(rule))
                doc_state[key] = _implied(value)
                return value
            doc_state[key] = _UNKNOWN
            raise EvaluationError(NEEDS_DOCUMENT, [unknown_document(self.ruleset, rule.id if rule else "?", key, where())])

        def reader(rule: Rule | None) -> Callable[[str], bool]:
            """Whether a document exists, for the condition of ``rule`` (named if the assessment does not say)."""
            return lambda key: doc(key, rule)

        quiet = self.quiet_runs
        for rule in self.rule_order:
            if not enabled(rule):
                outcomes.append(quiet[rule.id][0])
                continue
            ok = self.rule_tests[rule.id](eff, reader(rule))
            capped: list[int] = []
            if not ok:
                cap = rule.max_level
                for n in rule.targets:
                    k = pos[n]
                    if eff[k] > cap:
                        eff[k] = cap
                        capped.append(n)
                        by.setdefault(n, []).append(rule.id)
            outcomes.append(RuleRun(rule, ok, tuple(capped)) if capped else quiet[rule.id][1 if ok else 2])
        for key in self.docs:  # report every document, also those no enabled rule read
            if key not in doc_state or doc_state[key][0] is None:
                if key in documents:
                    doc_state[key] = _stated(documents[key])
                elif key in doc_tests:
                    try:
                        doc_state[key] = _implied(doc_tests[key](eff, reader(None)))
                    except EvaluationError:
                        doc_state[key] = _UNKNOWN
                else:
                    doc_state[key] = _UNKNOWN
        return RulesApplied(eff, by, outcomes, doc_state)

    # -- sums ---------------------------------------------------------------------------

    def sums(self, levels: Sequence[int | Fraction]) -> Sums:
        """Weighted sums per aspect, per domain and in all (scaled ints; a non-integer level's
        denominator divides ``level_den``, so its weighted value is whole too)."""
        aspect_s = [0] * len(self.aspect_w)
        aspect_of = self.aspect_of
        for k, (lv, w) in enumerate(zip(levels, self.w)):
            if type(lv) is int:
                aspect_s[aspect_of[k]] += lv * w
            else:
                part = lv * w
                assert part.denominator == 1, (lv, w)  # level_den covers every declared value
                aspect_s[aspect_of[k]] += part.numerator
        domain_s = [0] * len(self.domain_w)
        for j, s in enumerate(aspect_s):
            d = self.domain_of_aspect[j]
            if d >= 0:
                domain_s[d] += s
        return Sums(aspect_s, domain_s, sum(aspect_s))


def whole_levels(values: Iterable[tuple[int, int | Fraction]], what: str) -> list[int]:
    """The levels as whole numbers, for the tools that step one level at a time (planner, what-if,
    risk, batch). An indicator whose value is not one whole level (the exact mean of sub-levels, a
    converted score) is refused with ``NOT_WHOLE_LEVEL``, never rounded."""
    out: list[int] = []
    bad: list[str] = []
    for number, value in values:
        if isinstance(value, int):
            out.append(value)
        elif value.denominator == 1:
            out.append(int(value))
        else:
            bad.append(f"{number} ({exact_text(value)})")
    if bad:
        raise EvaluationError(Msg("head.not_whole_level"), [Problem.of("NOT_WHOLE_LEVEL", None, what=what, numbers=", ".join(bad))])
    return out


def level_denominator(rs: Ruleset) -> int:
    """The least common multiple of the denominators a level can have under ``rs``: 1 for whole
    levels; the mean of 1..n sub-levels adds lcm(1..n); a score conversion adds its values' denominators."""
    den = 1
    for ind in rs.indicators:
        if ind.sub_levels is not None:
            den = lcm(den, *range(1, ind.sub_levels.max + 1))
        if ind.external is not None:
            den = lcm(den, *(b.value.denominator for b in ind.external.bands))
    return den


NEEDS_DOCUMENT = Msg("head.needs_document")
"""The heading of the error of a rule that reads a document the assessment does not state."""


def unknown_document(rs: Ruleset, rule_id: str, key: str, where: Location) -> Problem:
    """The problem of a rule that depends on a document the assessment neither states nor lets the ruleset infer."""
    return Problem.of("UNKNOWN_DOCUMENT_STATE", where, rule=rule_id, name=rs.document(key).name, key=key)


def compiled(rs: Ruleset) -> Compiled:
    """The compiled form of ``rs`` (made once and kept with the ruleset)."""
    c = _CACHE.get(id(rs))
    if c is None or c.ruleset is not rs:  # a cached entry holds its ruleset, so ids are not reused while cached
        c = Compiled(rs)
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[id(rs)] = c
    return c


_CACHE: dict[int, Compiled] = {}
