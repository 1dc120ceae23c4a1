"""The target planner: the cheapest set of changes that reaches a target index or predikat.

``plan(ruleset, assessment, target, costs, limits)`` returns a :class:`Plan`: which
indicators to raise (from which level to which), which documents to obtain, what
each step costs and adds, and the resulting index and predikat, re-evaluated with
:func:`spbe_rules.evaluate`. The plan is **optimal**: no cheaper set of changes
reaches the target under the same rules, costs and limits.

How (exact integers throughout; see docs/planner.md):

* Weights are whole numbers after scaling (``_engine.compiled``): the index is
  ``sum(level * w) / total_w``, so a target is "total >= S" for one whole number S
  (for a predikat target, the least S whose predikat under the ruleset's own band
  rule - display rounding and ``predikat_from`` - is the target or better).
* Costs are scaled to whole numbers too. Ties are broken inside the same integer:
  the objective is ``(cost, steps, levels raised, raise pattern)`` packed into one
  int, so "cheapest, then fewest steps, then fewest levels, then raising the
  lowest-numbered indicators most" is one exact minimum.
* Rules cap indicators unless a condition holds. The planner enumerates
  *scenarios*: for each enabled rule, either leave it (its cap applies) or make its
  condition hold through one conjunct of the condition's disjunctive normal form
  (documents expanded into "obtain it" or, when the assessment does not state it,
  its ``implied_by`` condition). A conjunct becomes forced minimum levels and
  documents to obtain; an ``indicator >= L`` requirement on an indicator that other
  rules cap below L forces those rules too (scenarios that do not are dropped).
  Within a scenario the problem is a multiple-choice knapsack, solved exactly by
  a dynamic programme over (objective, gain) Pareto frontiers with the gain capped
  at the need. Conditions are monotone (more levels and documents never make a
  condition false), so every scenario's plan is really feasible, and the scenario
  that forces exactly the rules an optimal plan satisfies finds a plan at least as
  cheap: the minimum over scenarios is the optimum.
* ``not`` conditions are not monotone; a ruleset that uses one in an enabled rule
  is refused (``PLAN_UNSUPPORTED_CONDITION``).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import product
from math import lcm
from typing import Any, Literal

from attrs import field, frozen
from cattrs.gen import make_dict_unstructure_fn, override

from .._loading.assessment import Assessment, MissingPolicy, _plain
from .._model.converter import converter, exact_text, to_fraction
from .._engine.engine import NEEDS_DOCUMENT, Compiled, compiled, display_text, round_scaled, unknown_document
from .._base.errors import EvaluationError, Location, Problem, ValidationError
from .._engine.evaluate import evaluate
from .._engine.explain import Text
from .._model.model import AllOf, AnyOf, AtLeast, Condition, HasDocument, Not, Rule, Ruleset
from .._engine.result import Result
from .._loading.schema import schema_problems
from .._loading.source import PosDict, locate, read_source
from .whatif import changed_assessment, enabled_fn, fraction_text
from .._base.text import number_ranges

__all__ = [
    "Costs",
    "CostsError",
    "Limits",
    "Plan",
    "PlanError",
    "PlanStep",
    "Target",
    "load_costs",
    "parse_costs",
    "plan",
    "plan_to_dict",
]

PLAN_SCHEMA = "spbe-rules/plan@1"
MAX_SCENARIOS = 20_000
MAX_CONJUNCTS = 512


class CostsError(ValidationError):
    """A costs file (or costs and limits built in code) is not valid, or does not fit the ruleset."""


class PlanError(EvaluationError):
    """No plan can be made: a bad target, or rules the planner cannot reason about."""


# -- costs and limits -------------------------------------------------------------------


def _optional_fraction(value: Any) -> Fraction | None:
    """Exact numbers only: ``int``, ``Decimal``, ``Fraction`` or decimal text (a float is refused)."""
    return None if value is None else to_fraction(value)


def _int_set(value: Iterable[int]) -> frozenset[int]:
    return frozenset(value)


def _str_set(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _int_map(value: Mapping[int, int]) -> dict[int, int]:
    return dict(value)


def _fraction_map(value: Mapping[Any, Any]) -> dict[Any, Fraction]:
    return {k: to_fraction(v) for k, v in value.items()}


def _step_map(value: Mapping[int, Mapping[int, Any]]) -> dict[int, dict[int, Fraction]]:
    return {k: {lv: to_fraction(c) for lv, c in per.items()} for k, per in value.items()}


@frozen
class Limits:
    """What a plan may not do.

    ``fixed``: indicators whose submitted level must not change; ``max_raise``: at most
    this many levels up for any indicator; ``max_raise_by``: the same per indicator
    (overrides ``max_raise``); ``budget``: the total cost may not exceed it;
    ``unavailable_documents``: documents the plan must not count on obtaining.
    """

    fixed: frozenset[int] = field(default=frozenset(), converter=_int_set)
    max_raise: int | None = None
    max_raise_by: Mapping[int, int] = field(factory=dict, converter=_int_map)
    budget: Fraction | None = field(default=None, converter=_optional_fraction)
    unavailable_documents: frozenset[str] = field(default=frozenset(), converter=_str_set)

    def merged(self, other: Limits | None) -> Limits:
        """These limits with ``other`` on top (lists are joined, single values replaced)."""
        if other is None:
            return self
        return Limits(
            fixed=self.fixed | other.fixed,
            max_raise=other.max_raise if other.max_raise is not None else self.max_raise,
            max_raise_by={**self.max_raise_by, **other.max_raise_by},
            budget=other.budget if other.budget is not None else self.budget,
            unavailable_documents=self.unavailable_documents | other.unavailable_documents,
        )

    def raise_limit(self, indicator: int) -> int | None:
        if indicator in self.fixed:
            return 0
        return self.max_raise_by.get(indicator, self.max_raise)

    @property
    def restricts_levels(self) -> bool:
        return bool(self.fixed) or self.max_raise is not None or bool(self.max_raise_by)


@frozen
class Costs:
    """What changes cost. A step is one level up of one indicator; the cost of the step that
    reaches level L of indicator n is ``steps[n][L]``, else ``indicators[n]``, else
    ``default_step``. A document costs ``documents[key]``, else ``default_document``
    (else ``default_step``). Costs are exact (``Fraction``) and never negative."""

    default_step: Fraction = field(default=Fraction(1), converter=to_fraction)
    default_document: Fraction | None = field(default=None, converter=_optional_fraction)
    indicators: Mapping[int, Fraction] = field(factory=dict, converter=_fraction_map)
    steps: Mapping[int, Mapping[int, Fraction]] = field(factory=dict, converter=_step_map)
    documents: Mapping[str, Fraction] = field(factory=dict, converter=_fraction_map)
    unit: str | None = None
    limits: Limits = Limits()
    source: str = field(default="<default costs>", eq=False)
    raw: Any = field(default=None, eq=False, repr=False)

    def step_cost(self, indicator: int, to_level: int) -> Fraction:
        per = self.steps.get(indicator)
        if per is not None and to_level in per:
            return per[to_level]
        return self.indicators.get(indicator, self.default_step)

    def document_cost(self, key: str) -> Fraction:
        if key in self.documents:
            return self.documents[key]
        return self.default_document if self.default_document is not None else self.default_step

    def location(self, *path: str | int) -> Location:
        return locate(self.raw, list(path), self.source)


def parse_costs(data: Any, name: str = "<input>") -> Costs:
    """Validate ``data`` (as read from a costs file, or a mapping built in code) and make :class:`Costs`."""
    if not isinstance(data, PosDict):
        problems: list[Problem] = []
        data = _plain(data, "$", problems, name)
        if problems:
            raise CostsError("costs are not valid", problems)
    if not isinstance(data, dict):
        raise CostsError(
            "costs are not valid",
            [Problem("TYPE", "a costs file must be a mapping (default_step:, indicators:, documents:, limits:)", locate(data, [], name), "see docs/planner.md")],
        )
    problems = schema_problems("costs", data, name)
    if problems:
        raise CostsError("costs are not valid", problems)
    indicators: dict[int, Fraction] = {}
    steps: dict[int, dict[int, Fraction]] = {}
    for key, value in data.get("indicators", {}).items():
        if isinstance(value, dict):
            steps[int(key)] = {int(k): to_fraction(v) for k, v in value.items()}
        else:
            indicators[int(key)] = to_fraction(value)
    lim = data.get("limits", {})
    limits = Limits(
        fixed=frozenset(lim.get("fixed", [])),
        max_raise=lim.get("max_raise"),
        max_raise_by={int(k): v for k, v in lim.get("max_raise_by", {}).items()},
        budget=to_fraction(lim["budget"]) if "budget" in lim else None,
        unavailable_documents=frozenset(lim.get("unavailable_documents", [])),
    )
    return Costs(
        default_step=to_fraction(data.get("default_step", 1)),
        default_document=to_fraction(data["default_document"]) if "default_document" in data else None,
        indicators=indicators,
        steps=steps,
        documents={k: to_fraction(v) for k, v in data.get("documents", {}).items()},
        unit=data.get("unit"),
        limits=limits,
        source=name,
        raw=data,
    )


def load_costs(path: str | os.PathLike[str]) -> Costs:
    """Read a costs file (YAML, or JSON by its ``.json`` suffix); see ``schemas/costs.schema.json``."""
    src = read_source(path, what="costs file", error=CostsError)
    return parse_costs(src.data, src.name)


def _check_fit(ruleset: Ruleset, costs: Costs, limits: Limits | None, limits_where: str) -> None:
    """Every indicator, level and document the costs and limits name exists in ``ruleset``."""
    problems: list[Problem] = []
    numbers = set(ruleset.numbers)
    keys = {d.key for d in ruleset.documents}
    lo, hi = ruleset.scale.min, ruleset.scale.max
    span = f"indicators are numbered {min(numbers)} to {max(numbers)}"

    def unknown_indicator(n: int, loc: Location) -> None:
        problems.append(Problem("UNKNOWN_INDICATOR", f"indicator {n} does not exist in ruleset {ruleset.id}", loc, span))

    def unknown_document(k: str, loc: Location) -> None:
        guess = difflib.get_close_matches(k, sorted(keys), n=1)
        problems.append(
            Problem(
                "UNKNOWN_DOCUMENT",
                f"document `{k}` is not declared by ruleset {ruleset.id}",
                loc,
                f"did you mean `{guess[0]}`?" if guess else f"documents: {', '.join(sorted(keys)) or 'none declared'}",
            )
        )

    for n in sorted({*costs.indicators, *costs.steps}):
        if n not in numbers:
            unknown_indicator(n, costs.location("indicators", str(n)))
    for n, per in sorted(costs.steps.items()):
        for level in sorted(per):
            if n in numbers and not lo < level <= hi:
                problems.append(
                    Problem(
                        "LEVEL_OUT_OF_SCALE",
                        f"indicator {n}: no step reaches level {level} (scale {lo}..{hi})",
                        costs.location("indicators", str(n), str(level)),
                        f"key a step by the level it reaches, {lo + 1} to {hi}",
                    )
                )
    for k in sorted(costs.documents):
        if k not in keys:
            unknown_document(k, costs.location("documents", k))
    for lim, loc_of in ((costs.limits, costs.location), (limits, None)):
        if lim is None:
            continue

        def where(*path: str | int) -> Location:
            if loc_of is not None:
                return loc_of("limits", *path)
            return Location(limits_where, json_path="$." + ".".join(str(p) for p in path))

        for i, n in enumerate(sorted(lim.fixed)):
            if n not in numbers:
                unknown_indicator(n, where("fixed", i))
        for n in sorted(lim.max_raise_by):
            if n not in numbers:
                unknown_indicator(n, where("max_raise_by", str(n)))
        for i, k in enumerate(sorted(lim.unavailable_documents)):
            if k not in keys:
                unknown_document(k, where("unavailable_documents", i))
        if lim.max_raise is not None and lim.max_raise < 0:
            problems.append(Problem("OUT_OF_RANGE", f"max_raise is {lim.max_raise}; it cannot be negative", where("max_raise"), None))
        if lim.budget is not None and lim.budget < 0:
            problems.append(Problem("OUT_OF_RANGE", "the budget cannot be negative", where("budget"), None))
    bad = [v for v in (costs.default_step, costs.default_document, *costs.indicators.values(), *costs.documents.values()) if v is not None and v < 0]
    bad += [v for per in costs.steps.values() for v in per.values() if v < 0]
    if bad:
        problems.append(Problem("OUT_OF_RANGE", "costs cannot be negative", Location(costs.source), None))
    if problems:
        raise CostsError(f"costs or limits do not fit ruleset {ruleset.id}", problems)


# -- targets ----------------------------------------------------------------------------

TargetKind = Literal["predikat", "index", "display"]


@frozen
class Target:
    """What the plan must reach.

    ``predikat``: the predikat ``name`` or a better one, under the ruleset's own band
    rule (display rounding and ``predikat_from``). ``index``: the exact index is at
    least ``value``. ``display``: the displayed (rounded) index is at least ``value``.
    ``threshold`` is the least exact index that reaches the target (None when no index
    on the scale does).
    """

    kind: TargetKind
    text: str
    predikat: str | None = None
    value: Fraction | None = None
    threshold: Fraction | None = None


_NUMBER = re.compile(r"^\s*[0-9]+([.,][0-9]+)?\s*$")


def resolve_target(ruleset: Ruleset, target: str | int | Decimal | Fraction | Target, display: bool = False) -> tuple[Target, int | None]:
    """The :class:`Target` and the least scaled total (sum of level x scaled weight) that reaches it."""
    c = compiled(ruleset)
    where = Location("--target", json_path="$.target")
    bands = [b.name for b in ruleset.predikat.bands]
    if isinstance(target, Target):
        display = target.kind == "display"
        target = target.predikat if target.kind == "predikat" and target.predikat is not None else target.text
    value: Fraction | None = None
    name: str | None = None
    if isinstance(target, bool) or isinstance(target, float):
        raise PlanError(
            "bad target",
            [Problem("BAD_TARGET", f"the target {target!r} is not a predikat or an exact number", where, "give a predikat name (Baik) or an index as text, e.g. \"3.0\"")],
        )
    if isinstance(target, (int, Decimal, Fraction)):
        value = Fraction(target)
        text = exact_text(value)
    else:
        text = str(target).strip()
        if _NUMBER.match(text):
            value = Fraction(Decimal(text.replace(",", ".")))
        else:
            lowered = {b.name.lower(): b.name for b in ruleset.predikat.bands}
            lowered.update({b.name_en.lower(): b.name for b in ruleset.predikat.bands if b.name_en})
            name = lowered.get(" ".join(text.lower().split()))
            if name is None:
                guess = difflib.get_close_matches(text, bands, n=1, cutoff=0.5)
                raise PlanError(
                    "bad target",
                    [
                        Problem(
                            "UNKNOWN_PREDIKAT",
                            f"`{text}` is not a predikat of ruleset {ruleset.id} nor an index value",
                            where,
                            (f"did you mean `{guess[0]}`? " if guess else "") + f"predikat: {', '.join(bands)}; or give an index such as 3.0",
                        )
                    ],
                )
    if value is not None and value < 0:
        raise PlanError("bad target", [Problem("BAD_TARGET", f"the target index {text} is negative", where, None)])
    top = c.total_w * ruleset.scale.max
    if name is not None:
        rank = bands.index(name)

        def reaches(s: int) -> bool:
            return bands.index(c.predikat_of(s, c.total_w)[0]) >= rank

        kind: TargetKind = "predikat"
    elif display:
        assert value is not None
        need_scaled: int = -((-value.numerator * int(c.pow10)) // value.denominator)  # ceil(value * 10**decimals)

        def reaches(s: int) -> bool:
            return round_scaled(s, c.total_w, c.decimals, c.rounding) >= need_scaled

        kind = "display"
    else:
        assert value is not None
        v = value

        def reaches(s: int) -> bool:
            return s * v.denominator >= v.numerator * c.total_w

        kind = "index"
    if not reaches(top):
        return Target(kind, text, name, value, None), None
    lo, hi = 0, top  # least s in [0, top] with reaches(s); reaches is monotone
    while lo < hi:
        mid = (lo + hi) // 2
        if reaches(mid):
            hi = mid
        else:
            lo = mid + 1
    return Target(kind, text, name, value, Fraction(lo, c.total_w)), lo


# -- the plan ---------------------------------------------------------------------------


@frozen
class PlanStep:
    """One change: raise an indicator (``kind == "indicator"``, ``from_level`` -> ``to_level``)
    or obtain a document (``kind == "document"``). ``gain`` is the exact change of the index
    when the steps are applied in the plan's order, ``index_after`` the index after it.
    ``unlocks`` lists the other indicators whose effective level would drop without this step
    (the caps of ``rules`` it lifts)."""

    kind: Literal["indicator", "document"]
    indicator: int | None
    document: str | None
    name: str
    from_level: int | None
    to_level: int | None
    cost: Fraction
    gain: Fraction
    gain_text: str
    index_after: Fraction
    index_after_text: str
    unlocks: tuple[int, ...] = ()
    rules: tuple[str, ...] = ()
    reason: Text = Text("", "")


@frozen
class Plan:
    """The cheapest plan that reaches ``target`` (or, when ``reachable`` is False, the cheapest
    plan that reaches the best index the limits allow: ``best_index``)."""

    reachable: bool
    target: Target
    steps: tuple[PlanStep, ...]
    total_cost: Fraction
    index: str
    index_exact: Fraction
    predikat: str
    before_index: str
    before_index_exact: Fraction
    before_predikat: str
    message: Text
    best_index: str | None = None
    best_index_exact: Fraction | None = None
    why: str | None = None
    unit: str | None = None
    levels: Mapping[int, int] = field(factory=dict)
    documents: Mapping[str, bool] = field(factory=dict)
    scenarios: int = 0
    schema: str = PLAN_SCHEMA
    _result: Result | None = field(default=None, eq=False, repr=False, alias="result")
    _before: Result | None = field(default=None, eq=False, repr=False, alias="before")
    _assessment: Assessment | None = field(default=None, eq=False, repr=False, alias="assessment")

    @property
    def result(self) -> Result | None:
        """The evaluation of the planned assessment."""
        return self._result

    @property
    def before(self) -> Result | None:
        return self._before

    @property
    def assessment(self) -> Assessment | None:
        """The planned assessment (final levels with the plan applied, as one stage)."""
        return self._assessment

    @property
    def already_reached(self) -> bool:
        return self.reachable and not self.steps


converter.register_unstructure_hook(
    PlanStep,
    make_dict_unstructure_fn(PlanStep, converter, from_level=override(rename="from"), to_level=override(rename="to")),
)
converter.register_unstructure_hook(
    Plan,
    make_dict_unstructure_fn(
        Plan, converter, _result=override(omit=True), _before=override(omit=True), _assessment=override(omit=True)
    ),
)


def plan_to_dict(p: Plan) -> dict[str, Any]:
    """The JSON form of a :class:`Plan` (``schema: spbe-rules/plan@1``)."""
    body: dict[str, Any] = converter.unstructure(p)
    body["levels"] = {str(k): v for k, v in sorted(p.levels.items())}
    out: dict[str, Any] = {"schema": body.pop("schema")}
    if p.before is not None:
        out.update(ruleset=converter.unstructure(p.before.ruleset), instansi=p.before.instansi, year=p.before.year)
    out.update(body)
    return out


# -- conditions as requirements ---------------------------------------------------------

# A conjunct: minimum levels (position -> level, sorted pairs) and documents to obtain.
Conj = tuple[tuple[tuple[int, int], ...], frozenset[str]]
_TRUE: Conj = ((), frozenset())


def _and(a: Conj, b: Conj) -> Conj:
    lbs = dict(a[0])
    for p, lv in b[0]:
        if lbs.get(p, -1) < lv:
            lbs[p] = lv
    return tuple(sorted(lbs.items())), a[1] | b[1]


def _weaker(a: Conj, b: Conj) -> bool:
    """Whatever satisfies ``b`` satisfies ``a``."""
    if not a[1] <= b[1]:
        return False
    lb = dict(b[0])
    return all(lb.get(p, -1) >= lv for p, lv in a[0])


def _simplify(items: Iterable[Conj]) -> list[Conj]:
    uniq = sorted(set(items), key=lambda c: (len(c[0]) + len(c[1]), sorted(c[1]), c[0]))
    out: list[Conj] = []
    for c in uniq:
        if not any(_weaker(o, c) for o in out):
            out.append(c)
    return out


# -- the solver -------------------------------------------------------------------------


def _frontier(
    groups: Sequence[Sequence[tuple[int, int]]], cap: int, prune_below: int, ub: int | None
) -> tuple[list[int], list[int], list[list[tuple[int, int]]]]:
    """Multiple-choice knapsack by Pareto frontiers.

    ``groups[j]`` lists options (gain, key) of group j; each solution takes one option
    per group. Returns the final frontier (keys ascending, gains strictly increasing,
    gains capped at ``cap``) and back-pointers per group. States that cannot reach
    ``prune_below`` gain any more, or whose key (with the least keys still to add)
    exceeds ``ub``, are dropped.
    """
    n = len(groups)
    rem_gain = [0] * (n + 1)
    rem_key = [0] * (n + 1)
    for j in range(n - 1, -1, -1):
        rem_gain[j] = rem_gain[j + 1] + max(g for g, _ in groups[j])
        rem_key[j] = rem_key[j + 1] + min(k for _, k in groups[j])
    keys, gains = [0], [0]
    layers: list[list[tuple[int, int]]] = []
    for j, opts in enumerate(groups):
        rg, rk = rem_gain[j + 1], rem_key[j + 1]
        limit = None if ub is None else ub - rk
        cands: list[tuple[int, int, int, int]] = []
        append = cands.append
        for si in range(len(keys)):
            k, g = keys[si], gains[si]
            for oi, (og, ok) in enumerate(opts):
                ng = g + og
                if ng > cap:
                    ng = cap
                if ng + rg < prune_below:
                    continue
                nk = k + ok
                if limit is not None and nk > limit:
                    continue
                append((nk, -ng, si, oi))
        cands.sort()
        nkeys: list[int] = []
        ngains: list[int] = []
        back: list[tuple[int, int]] = []
        best = -1
        for nk, mg, si, oi in cands:
            if -mg > best:
                best = -mg
                nkeys.append(nk)
                ngains.append(best)
                back.append((si, oi))
        layers.append(back)
        keys, gains = nkeys, ngains
        if not keys:
            break
    return keys, gains, layers


def _backtrack(layers: list[list[tuple[int, int]]], index: int) -> list[int]:
    choice = [0] * len(layers)
    si = index
    for j in range(len(layers) - 1, -1, -1):
        si, oi = layers[j][si]
        choice[j] = oi
    return choice


@frozen
class _Scenario:
    forced: frozenset[str]
    req: Conj
    order: int


_Setup = tuple[int, int, list[int], list[list[tuple[int, int]]], list[list[int]], list[int]]


@frozen
class _Solution:
    key: int
    total: int  # the scenario's scaled total (a lower bound of the real one)
    x: tuple[int, ...]
    docs: frozenset[str]
    scenario: _Scenario


class _Planner:
    def __init__(self, ruleset: Ruleset, before: Result, assessment: Assessment, costs: Costs, limits: Limits, enabled: Any) -> None:
        self.rs = ruleset
        c = self.c = compiled(ruleset)
        self.n = len(c.numbers)
        self.cur = [i.level for i in before.indicators]
        smin, smax = ruleset.scale.min, ruleset.scale.max
        self.hi: list[int] = []
        for number, lv in zip(c.numbers, self.cur):
            up = limits.raise_limit(number)
            self.hi.append(smax if up is None else max(lv, min(smax, lv + up)))
        self.stated: dict[str, bool] = dict(assessment.documents)
        self.rules: list[Rule] = [r for r in c.rule_order if enabled(r)]
        self.targeting: list[list[Rule]] = [[] for _ in range(self.n)]
        for r in self.rules:
            for number in r.targets:
                self.targeting[c.position[number]].append(r)
        self.unavailable = limits.unavailable_documents
        # exact costs as whole numbers
        fracs: list[Fraction] = [costs.default_step, costs.document_cost("")]
        fracs += list(costs.indicators.values()) + list(costs.documents.values())
        fracs += [v for per in costs.steps.values() for v in per.values()]
        if limits.budget is not None:
            fracs.append(limits.budget)
        self.cscale = cscale = lcm(*(f.denominator for f in fracs))
        self.cum: list[list[int]] = []  # cum[p][x] = scaled cost of raising p from cur to x (x >= cur)
        for p, number in enumerate(c.numbers):
            row = [0] * (smax + 1)
            total = 0
            for lv in range(self.cur[p] + 1, smax + 1):
                total += int(costs.step_cost(number, lv) * cscale)
                row[lv] = total
            self.cum.append(row)
        self.doc_cost = {d.key: int(costs.document_cost(d.key) * cscale) for d in ruleset.documents}
        # the objective packed in one int: cost, steps, levels, raise pattern
        R = smax - smin
        self.R = R
        self.SB = self.n + len(ruleset.documents) + 1
        self.LB = self.n * R + 1
        self.DB: int = int((R + 1) ** self.n)
        self.MC = self.SB * self.LB * self.DB
        self.place: list[int] = [int((R + 1) ** (self.n - 1 - p)) for p in range(self.n)]
        self._setups: dict[_Scenario, _Setup] = {}
        self.budget_key = None if limits.budget is None else (int(limits.budget * cscale) + 1) * self.MC - 1

    # keys --------------------------------------------------------------------------

    def term(self, p: int, x: int) -> int:
        k = x - self.cur[p]
        return ((self.cum[p][x] * self.SB + (1 if k else 0)) * self.LB + k) * self.DB + (self.R - k) * self.place[p]

    def doc_term(self, key: str) -> int:
        return (self.doc_cost[key] * self.SB + 1) * self.LB * self.DB

    def cost_of_key(self, key: int) -> Fraction:
        return Fraction(key // self.MC, self.cscale)

    # conditions --------------------------------------------------------------------

    def dnf(self, cond: Condition, rule: Rule, depth: int = 0) -> list[Conj]:
        if depth > 64:
            raise self._problem("PLAN_TOO_COMPLEX", f"the condition of rule `{rule.id}` is nested too deep for the planner", rule)
        if isinstance(cond, AtLeast):
            return [(((self.c.position[cond.indicator], cond.level),), frozenset())]
        if isinstance(cond, HasDocument):
            key = cond.document
            state = self.stated.get(key)
            if state is True:
                return [_TRUE]
            out: list[Conj] = []
            if state is None:
                implied = self.c.docs.get(key)
                if implied is None:
                    raise PlanError(NEEDS_DOCUMENT, [unknown_document(self.rs, rule.id, key, Location("<assessment>", json_path="$.documents"))])
                out += self.dnf(implied, rule, depth + 1)
            if key not in self.unavailable:
                out.append(((), frozenset({key})))
            return _simplify(out)
        if isinstance(cond, Not):
            raise self._problem(
                "PLAN_UNSUPPORTED_CONDITION",
                f"rule `{rule.id}` has a `not` condition; the planner supports only `indicator`, `document`, `all` and `any` conditions (a `not` condition can become false when levels rise, so the cheapest plan cannot be searched the same way)",
                rule,
                "disable the rule for planning (--disable-rule), or rewrite the condition without `not`",
            )
        if isinstance(cond, AllOf):
            acc = [_TRUE]
            for item in cond.items:
                acc = _simplify(_and(a, b) for a in acc for b in self.dnf(item, rule, depth + 1))
                if len(acc) > MAX_CONJUNCTS:
                    raise self._problem("PLAN_TOO_COMPLEX", f"the condition of rule `{rule.id}` has too many ways to be satisfied for the planner", rule)
            return acc
        assert isinstance(cond, AnyOf)
        acc = []
        for item in cond.items:
            acc += self.dnf(item, rule, depth + 1)
        return _simplify(acc)

    def _problem(self, code: str, message: str, rule: Rule, hint: str | None = None) -> PlanError:
        return PlanError("the planner cannot handle this ruleset", [Problem(code, message, Location(self.rs.origin or self.rs.id, json_path=f"$.rules[{rule.id}]"), hint)])

    def scenarios(self) -> list[_Scenario]:
        options: list[list[Conj | None]] = []
        for r in self.rules:
            d = self.dnf(r.unless, r)
            if _TRUE in d:
                options.append([_TRUE])
            else:
                options.append([None, *d])
        count = 1
        for opts in options:
            count *= len(opts)
        if count > MAX_SCENARIOS:
            raise PlanError(
                "the planner cannot handle this ruleset",
                [Problem("PLAN_TOO_COMPLEX", f"the enabled rules give {count} combinations to examine (at most {MAX_SCENARIOS})", Location(self.rs.origin or self.rs.id), "disable optional rules that do not matter for this plan")],
            )
        found: dict[tuple[frozenset[str], Conj], _Scenario] = {}
        for combo in product(*options):
            forced = frozenset(r.id for r, o in zip(self.rules, combo) if o is not None)
            req = _TRUE
            for o in combo:
                if o is not None:
                    req = _and(req, o)
            if not self._consistent(forced, req):
                continue
            k = (forced, req)
            if k not in found:
                found[k] = _Scenario(forced, req, len(found))
        out = list(found.values())
        if len(out) <= 2000:  # drop dominated scenarios: more rules released with weaker requirements
            keep = []
            for a in out:
                if not any(b is not a and b.forced >= a.forced and _weaker(b.req, a.req) and (b.forced != a.forced or b.req != a.req) for b in out):
                    keep.append(a)
            out = keep
        return out

    def _consistent(self, forced: frozenset[str], req: Conj) -> bool:
        for p, lv in req[0]:
            if lv > self.hi[p]:
                return False
            for r in self.targeting[p]:
                if r.max_level < lv and r.id not in forced:
                    return False
        return True

    # one scenario ------------------------------------------------------------------

    def _setup(self, sc: _Scenario) -> _Setup:
        """Base total, constant key, the positions with a choice, their options (gain, key) and levels, lowest levels."""
        got = self._setups.get(sc)
        if got is None:
            got = self._setups[sc] = self._make_setup(sc)
        return got

    def _make_setup(self, sc: _Scenario) -> _Setup:
        c = self.c
        caps = [1 << 30] * self.n
        for r in self.rules:
            if r.id not in sc.forced:
                for number in r.targets:
                    p = c.position[number]
                    if r.max_level < caps[p]:
                        caps[p] = r.max_level
        lbs = dict(sc.req[0])
        base = 0
        const = sum(self.doc_term(k) for k in sc.req[1])
        positions: list[int] = []
        groups: list[list[tuple[int, int]]] = []
        levels: list[list[int]] = []
        lows: list[int] = []
        for p in range(self.n):
            lo = max(self.cur[p], lbs.get(p, 0))
            lows.append(lo)
            cap = caps[p]
            w = c.w[p]
            e0 = min(lo, cap)
            base += w * e0
            top = min(self.hi[p], cap)
            if top <= lo:
                const += self.term(p, lo)
                continue
            t0 = self.term(p, lo)
            opts = [(0, t0)]
            lvls = [lo]
            for x in range(lo + 1, top + 1):
                opts.append((w * (x - e0), self.term(p, x)))
                lvls.append(x)
            positions.append(p)
            groups.append(opts)
            levels.append(lvls)
        return base, const, positions, groups, levels, lows

    def solve(self, sc: _Scenario, need_total: int, ub: int | None) -> _Solution | None:
        base, const, positions, groups, levels, lows = self._setup(sc)
        need = need_total - base
        x = list(lows)
        if need <= 0 or not groups:
            if need > 0:
                return None
            key = const + sum(g[0][1] for g in groups)
            if ub is not None and key > ub:
                return None
            return _Solution(key, base, tuple(x), sc.req[1], sc)
        keys, gains, layers = _frontier(groups, need, need, None if ub is None else ub - const)
        if len(layers) < len(groups) or not keys or gains[-1] < need:
            return None
        idx = next(i for i, g in enumerate(gains) if g >= need)
        choice = _backtrack(layers, idx)
        total = base
        for j, oi in enumerate(choice):
            x[positions[j]] = levels[j][oi]
            total += groups[j][oi][0]
        return _Solution(const + keys[idx], total, tuple(x), sc.req[1], sc)

    def best_total(self, sc: _Scenario) -> int | None:
        """The highest scaled total this scenario reaches within the budget (None: not within it)."""
        base, const, positions, groups, levels, lows = self._setup(sc)
        ub = self.budget_key
        if ub is None:
            return base + sum(max(g for g, _ in opts) for opts in groups)
        floor_key = const + sum(min(k for _, k in opts) for opts in groups)
        if floor_key > ub:
            return None
        if not groups:
            return base
        cap = sum(max(g for g, _ in opts) for opts in groups)
        keys, gains, layers = _frontier(groups, cap, 0, ub - const)
        if len(layers) < len(groups) or not keys:
            return None
        return base + gains[-1]

    def minimum(self, scenarios: list[_Scenario], need_total: int) -> _Solution | None:
        ordered = sorted(scenarios, key=lambda s: (self._floor(s), s.order))
        best: _Solution | None = None
        for sc in ordered:
            ub = self.budget_key
            if best is not None:
                ub = best.key if ub is None else min(ub, best.key)
                if self._floor(sc) > ub:
                    continue
            sol = self.solve(sc, need_total, ub)
            if sol is not None and (best is None or sol.key < best.key):
                best = sol
        return best

    def _floor(self, sc: _Scenario) -> int:
        base, const, positions, groups, levels, lows = self._setup(sc)
        return const + sum(opts[0][1] for opts in groups)


# -- planning ---------------------------------------------------------------------------


def plan(
    ruleset: Ruleset,
    assessment: Assessment,
    target: str | int | Decimal | Fraction | Target,
    costs: Costs | Mapping[str, Any] | None = None,
    limits: Limits | None = None,
    *,
    target_display: bool = False,
    missing: MissingPolicy = "error",
    enable_rules: Iterable[str] = (),
    disable_rules: Iterable[str] = (),
    limits_where: str = "<limits>",
) -> Plan:
    """The cheapest plan that reaches ``target`` for ``assessment`` under ``ruleset``.

    ``target``: a predikat name (``"Baik"``: that predikat or better, under the ruleset's
    band rule) or an index value (``"3.0"``, ``Fraction(3)``: the **exact** index is at
    least the value; with ``target_display=True`` the displayed index is). ``costs``:
    :class:`Costs` (or a mapping in the costs-file form); default: every level step and
    every document costs 1. ``limits`` are added to the costs' own ``limits``.

    When the target cannot be reached, the plan has ``reachable=False``, ``why`` and
    ``best_index`` (the highest index the limits allow), and its steps are the cheapest
    way to that best index. Raises :class:`PlanError` for a bad target or an unsupported
    rule, :class:`CostsError` for costs or limits that do not fit the ruleset.
    """
    enable_rules, disable_rules = tuple(enable_rules), tuple(disable_rules)
    if costs is None:
        costs = Costs()
    elif not isinstance(costs, Costs):
        costs = parse_costs(costs, "<costs>")
    _check_fit(ruleset, costs, limits, limits_where)
    lim = costs.limits.merged(limits)
    before = evaluate(ruleset, assessment, missing=missing, enable_rules=enable_rules, disable_rules=disable_rules)
    tgt, need_total = resolve_target(ruleset, target, target_display)
    enabled = enabled_fn(ruleset, enable_rules, disable_rules)
    planner = _Planner(ruleset, before, assessment, costs, lim, enabled)
    c = planner.c
    now_total = before.index_exact.numerator * c.total_w // before.index_exact.denominator
    if need_total is not None and now_total >= need_total:
        return _assemble(planner, ruleset, assessment, before, tgt, True, None, None, costs, lim, 0, evaluate_kw=(missing, enable_rules, disable_rules))
    scenarios = planner.scenarios()
    sol = planner.minimum(scenarios, need_total) if need_total is not None else None
    if sol is not None:
        return _assemble(planner, ruleset, assessment, before, tgt, True, sol, None, costs, lim, len(scenarios), evaluate_kw=(missing, enable_rules, disable_rules))
    # unreachable: the best the limits allow, and the cheapest way to it
    best = max((t for t in (planner.best_total(sc) for sc in scenarios) if t is not None), default=now_total)
    best = max(best, now_total)
    sol = planner.minimum(scenarios, best) if best > now_total else None
    why = _why(planner, ruleset, scenarios, need_total, lim, best)
    return _assemble(planner, ruleset, assessment, before, tgt, False, sol, why, costs, lim, len(scenarios), evaluate_kw=(missing, enable_rules, disable_rules))


def _why(planner: _Planner, ruleset: Ruleset, scenarios: list[_Scenario], need_total: int | None, lim: Limits, best: int) -> str:
    c = planner.c
    best_text = display_text(round_scaled(best, c.total_w, c.decimals, c.rounding), c.decimals)
    if need_total is None:
        top = display_text(ruleset.scale.max * c.pow10, c.decimals)
        return f"above_scale|{top}|{best_text}"
    if lim.budget is not None:
        saved = planner.budget_key
        planner.budget_key = None
        try:
            free = max((t for t in (planner.best_total(sc) for sc in scenarios) if t is not None), default=0)
        finally:
            planner.budget_key = saved
        if free >= need_total:
            return f"budget|{exact_text(lim.budget)}|{best_text}"
    return f"limits|{best_text}"


def _assemble(
    planner: _Planner,
    ruleset: Ruleset,
    assessment: Assessment,
    before: Result,
    tgt: Target,
    reachable: bool,
    sol: _Solution | None,
    why: str | None,
    costs: Costs,
    lim: Limits,
    n_scenarios: int,
    evaluate_kw: tuple[MissingPolicy, tuple[str, ...], tuple[str, ...]],
) -> Plan:
    c = planner.c
    missing, enable_rules, disable_rules = evaluate_kw
    numbers = c.numbers
    cur = planner.cur
    if sol is None:
        x = tuple(cur)
        docs: frozenset[str] = frozenset()
    else:
        x, docs = sol.x, sol.docs
    levels = {numbers[p]: x[p] for p in range(len(x)) if x[p] != cur[p]}
    documents = {k: True for k in sorted(docs)}
    new = changed_assessment(assessment, before, levels, documents, "plan")
    after = evaluate(ruleset, new, missing=missing, enable_rules=enable_rules, disable_rules=disable_rules)
    if reachable and tgt.threshold is not None and after.index_exact < tgt.threshold:  # pragma: no cover - a planner bug
        raise AssertionError(f"planner bug: the plan reaches {after.index_exact}, not {tgt.threshold}")
    steps = _steps(planner, ruleset, assessment, x, docs, costs)
    total_cost = sum((s.cost for s in steps), Fraction(0))
    if sol is not None:
        assert total_cost == planner.cost_of_key(sol.key), "planner bug: cost mismatch"
    message = _message(tgt, reachable, bool(steps), total_cost, after, why, costs.unit)
    best_text = best_exact = None
    if not reachable:
        best_text, best_exact = after.index, after.index_exact
    return Plan(
        reachable=reachable,
        target=tgt,
        steps=steps,
        total_cost=total_cost,
        index=after.index,
        index_exact=after.index_exact,
        predikat=after.predikat,
        before_index=before.index,
        before_index_exact=before.index_exact,
        before_predikat=before.predikat,
        message=message,
        best_index=best_text,
        best_index_exact=best_exact,
        why=why.split("|")[0] if why else None,
        unit=costs.unit,
        levels=levels,
        documents=documents,
        scenarios=n_scenarios,
        result=after,
        before=before,
        assessment=new,
    )


def _steps(planner: _Planner, ruleset: Ruleset, assessment: Assessment, x: Sequence[int], docs: frozenset[str], costs: Costs) -> tuple[PlanStep, ...]:
    c = planner.c
    numbers = c.numbers
    cur = planner.cur
    stated = dict(assessment.documents)
    on = {r.id for r in planner.rules}
    enabled = lambda r: r.id in on  # noqa: E731
    where = lambda: Location(assessment.source)  # noqa: E731

    def state(levels: Sequence[int], ds: Iterable[str]) -> tuple[list[int], dict[int, list[str]], dict[str, tuple[bool | None, str]]]:
        if not ruleset.rules:
            return list(levels), {}, {}
        eff, by, _, dstate = c.apply_rules(list(levels), {**stated, **{k: True for k in ds}}, enabled, where)
        return eff, by, dstate

    def total(eff: Sequence[int]) -> int:
        return sum(lv * w for lv, w in zip(eff, c.w))

    # (kind, id): indicator steps by position, document steps by key
    items: list[tuple[str, int, str]] = [("document", -1, k) for k in sorted(docs, key=lambda k: [d.key for d in ruleset.documents].index(k))]
    items += [("indicator", p, "") for p in range(len(x)) if x[p] != cur[p]]
    full_eff, _, full_docs = state(x, docs)

    def without(item: tuple[str, int, str]) -> tuple[list[int], dict[int, list[str]], dict[str, tuple[bool | None, str]]]:
        kind, p, key = item
        if kind == "document":
            return state(x, docs - {key})
        lv = list(x)
        lv[p] = cur[p]
        return state(lv, docs)

    unlocks: dict[tuple[str, int, str], tuple[tuple[int, ...], tuple[str, ...], tuple[str, ...]]] = {}
    for item in items:
        eff, by, dstate = without(item)
        released = tuple(numbers[q] for q in range(len(x)) if q != item[1] and eff[q] < full_eff[q])
        rules = tuple(sorted({r for n in released for r in by.get(n, [])}, key=lambda rid: [r.id for r in planner.rules].index(rid)))
        implied = tuple(k for k, (present, basis) in full_docs.items() if basis == "implied" and present and dstate.get(k, (None, ""))[0] is False)
        unlocks[item] = (released, rules, implied)

    def cost_of(item: tuple[str, int, str]) -> Fraction:
        kind, p, key = item
        if kind == "document":
            return costs.document_cost(key)
        return sum((costs.step_cost(numbers[p], lv) for lv in range(cur[p] + 1, x[p] + 1)), Fraction(0))

    # unlocking steps first, each before the unlocking steps it unlocks (documents first, then by number)
    pending = [i for i in items if unlocks[i][0]]
    unlocking: list[tuple[str, int, str]] = []
    while pending:
        free = [i for i in pending if not any(i[0] == "indicator" and numbers[i[1]] in unlocks[j][0] for j in pending if j is not i)]
        nxt = (free or pending)[0]
        unlocking.append(nxt)
        pending.remove(nxt)
    others = [i for i in items if not unlocks[i][0]]
    base_levels = list(cur)
    base_docs: set[str] = set()
    for kind, p, key in unlocking:
        if kind == "document":
            base_docs.add(key)
        else:
            base_levels[p] = x[p]
    base_total = total(state(base_levels, base_docs)[0])

    def ratio_key(item: tuple[str, int, str]) -> tuple[int, Fraction, int]:
        kind, p, key = item
        if kind == "document":
            return (0, Fraction(0), -1)
        lv = list(base_levels)
        lv[p] = x[p]
        gain = Fraction(total(state(lv, base_docs)[0]) - base_total, c.total_w)
        cost = cost_of(item)
        if cost == 0:
            return (0, -gain, numbers[p])
        return (1, -gain / cost, numbers[p])

    others.sort(key=ratio_key)
    ordered = unlocking + others
    lv_now = list(cur)
    docs_now: set[str] = set()
    prev_total = total(state(lv_now, docs_now)[0])
    dec = c.decimals
    out: list[PlanStep] = []
    for item in ordered:
        kind, p, key = item
        if kind == "document":
            docs_now.add(key)
        else:
            lv_now[p] = x[p]
        t = total(state(lv_now, docs_now)[0])
        gain = Fraction(t - prev_total, c.total_w)
        prev_total = t
        after = Fraction(t, c.total_w)
        after_text = display_text(round_scaled(t, c.total_w, dec, c.rounding), dec)
        released, rules, implied = unlocks[item]
        cost = cost_of(item)
        gain_text = fraction_text(gain, dec + 2)
        reason = _reason(ruleset, kind, p, key, released, rules, implied, gain_text, cost, gain, dec, numbers)
        if kind == "document":
            out.append(PlanStep("document", None, key, ruleset.document(key).name, None, None, cost, gain, gain_text, after, after_text, released, rules, reason))
        else:
            number = numbers[p]
            out.append(PlanStep("indicator", number, None, ruleset.indicator(number).name, cur[p], x[p], cost, gain, gain_text, after, after_text, released, rules, reason))
    return tuple(out)


def _reason(
    ruleset: Ruleset,
    kind: str,
    p: int,
    key: str,
    released: tuple[int, ...],
    rules: tuple[str, ...],
    implied: tuple[str, ...],
    gain_text: str,
    cost: Fraction,
    gain: Fraction,
    dec: int,
    numbers: Sequence[int],
) -> Text:
    if released:
        ids = number_ranges(released)
        rl = ", ".join(rules)
        if kind == "document":
            id_ = f"Membuka indikator {ids} yang dibatasi aturan {rl}."
            en = f"Unlocks indicators {ids}, capped by rule {rl}."
        else:
            names = ", ".join(ruleset.document(k).name for k in implied)
            via_id = f" (level ini membuat dokumen {names} dianggap ada)" if implied else ""
            via_en = f" (this level implies the document {names})" if implied else ""
            id_ = f"Syarat: membuka indikator {ids} yang dibatasi aturan {rl}{via_id}."
            en = f"Prerequisite: unlocks indicators {ids}, capped by rule {rl}{via_en}."
        if gain > 0:
            id_ += f" Indeks langsung naik {gain_text}."
            en += f" The index rises {gain_text} at once."
        elif gain == 0:
            id_ += " Tanpa langkah ini kenaikan indikator tersebut tidak dihitung."
            en += " Without this step the raises of those indicators would not count."
        return Text(id_, en)
    if cost == 0:
        return Text(f"Tanpa biaya: menambah indeks {gain_text}.", f"Free: adds {gain_text} to the index.")
    step = display_text(1, dec)  # one unit of the displayed index, e.g. 0.01
    if gain <= 0:
        return Text("Bagian dari kombinasi termurah.", "Part of the cheapest combination.")
    per = fraction_text(cost / (gain * 10**dec), 2, signed=False)
    return Text(
        f"Bagian dari kombinasi termurah: biaya {per} per kenaikan indeks {step}.",
        f"Part of the cheapest combination: a cost of {per} per {step} of index.",
    )


def _message(tgt: Target, reachable: bool, has_steps: bool, total_cost: Fraction, after: Result, why: str | None, unit: str | None) -> Text:
    u = f" {unit}" if unit else ""
    goal_id = f"predikat {tgt.predikat}" if tgt.kind == "predikat" else (f"indeks tampil minimal {tgt.text}" if tgt.kind == "display" else f"indeks minimal {tgt.text}")
    goal_en = f"predikat {tgt.predikat}" if tgt.kind == "predikat" else (f"a displayed index of at least {tgt.text}" if tgt.kind == "display" else f"an index of at least {tgt.text}")
    if reachable and not has_steps:
        return Text(f"Sasaran ({goal_id}) sudah tercapai; tidak perlu perubahan.", f"The target ({goal_en}) is already reached; no change is needed.")
    if reachable:
        return Text(
            f"Sasaran ({goal_id}) tercapai dengan biaya total {exact_text(total_cost)}{u}: indeks {after.index}, predikat {after.predikat}. Tidak ada rencana yang lebih murah.",
            f"The target ({goal_en}) is reached for a total cost of {exact_text(total_cost)}{u}: index {after.index}, predikat {after.predikat}. No cheaper plan exists.",
        )
    parts = (why or "limits|").split("|")
    if parts[0] == "above_scale":
        id_ = f"Sasaran ({goal_id}) tidak dapat dicapai: indeks tertinggi pada skala adalah {parts[1]}."
        en = f"The target ({goal_en}) cannot be reached: the highest index on the scale is {parts[1]}."
    elif parts[0] == "budget":
        id_ = f"Sasaran ({goal_id}) tidak dapat dicapai dengan anggaran {parts[1]}{u}: anggaran itu paling tinggi memungkinkan indeks {parts[2]}."
        en = f"The target ({goal_en}) cannot be reached within the budget of {parts[1]}{u}: that budget allows at most an index of {parts[2]}."
    else:
        id_ = f"Sasaran ({goal_id}) tidak dapat dicapai dalam batasan yang diberikan: batasan itu paling tinggi memungkinkan indeks {parts[1]}."
        en = f"The target ({goal_en}) cannot be reached within the limits: the limits allow at most an index of {parts[1]}."
    if has_steps:
        id_ += f" Rencana di bawah ini adalah cara termurah mencapai indeks tertinggi itu ({after.index}, biaya {exact_text(total_cost)}{u})."
        en += f" The plan below is the cheapest way to that best index ({after.index}, cost {exact_text(total_cost)}{u})."
    return Text(id_, en)


_ = Compiled
