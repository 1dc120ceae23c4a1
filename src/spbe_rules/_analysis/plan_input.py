"""What the planner is given: costs, limits and targets (and the planner's errors)."""

from __future__ import annotations

import attrs

from .._base.messages import Msg
from .._base.text import closest

import os
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, NamedTuple
from attrs import field, frozen
from .._loading import misfit
from .._loading.assessment import _plain
from .._base.numbers import exact
from .._model.converter import exact_text
from .._engine.engine import compiled, round_scaled
from .._base.errors import EvaluationError, Location, Problem, ValidationError
from .._model.model import Ruleset
from .._loading.schema import schema_problems
from .._loading.source import PosDict, locate, read_source


class CostsError(ValidationError):
    """A costs file (or costs and limits built in code) is not valid, or does not fit the ruleset."""


class PlanError(EvaluationError):
    """No plan can be made: a bad target, or rules the planner cannot reason about."""


# -- costs and limits -------------------------------------------------------------------


def _exact(value: Any, where: Location | None = None, error: type[ValidationError] | None = None) -> Fraction:
    """Exact numbers only: ``int``, ``Decimal``, ``Fraction`` or decimal text (a float is refused),
    after the one size check; a bad value raises ``error`` (default :class:`PlanError`)."""
    try:
        return exact(value, where)
    except Problem as p:
        raise (error or PlanError)(Msg("head.not_exact"), [p]) from None


def _optional_fraction(value: Any) -> Fraction | None:
    return None if value is None else _exact(value)


def _int_set(value: Iterable[int]) -> frozenset[int]:
    return frozenset(value)


def _str_set(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _int_map(value: Mapping[int, int]) -> dict[int, int]:
    return dict(value)


def _fraction_map(value: Mapping[Any, Any]) -> dict[Any, Fraction]:
    return {k: _exact(v) for k, v in value.items()}


def _step_map(value: Mapping[int, Mapping[int, Any]]) -> dict[int, dict[int, Fraction]]:
    return {k: {lv: _exact(c) for lv, c in per.items()} for k, per in value.items()}


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
        """How many levels ``indicator`` may rise at most (0 when fixed; None: no limit)."""
        if indicator in self.fixed:
            return 0
        return self.max_raise_by.get(indicator, self.max_raise)


@frozen
class Costs:
    """What changes cost. A step is one level up of one indicator; the cost of the step that
    reaches level L of indicator n is ``steps[n][L]``, else ``indicators[n]``, else
    ``default_step``. A document costs ``documents[key]``, else ``default_document``
    (else ``default_step``). Costs are exact (``Fraction``) and never negative."""

    default_step: Fraction = field(default=Fraction(1), converter=_exact)
    default_document: Fraction | None = field(default=None, converter=_optional_fraction)
    indicators: Mapping[int, Fraction] = field(factory=dict, converter=_fraction_map)
    steps: Mapping[int, Mapping[int, Fraction]] = field(factory=dict, converter=_step_map)
    documents: Mapping[str, Fraction] = field(factory=dict, converter=_fraction_map)
    requirements: Mapping[str, Fraction] = field(factory=dict, converter=_fraction_map)
    default_requirement: Fraction | None = field(default=None, converter=_optional_fraction)
    unit: str | None = None
    limits: Limits = Limits()
    source: str = field(default="<default costs>", eq=False)
    raw: Any = field(default=None, eq=False, repr=False)

    def step_cost(self, indicator: int, to_level: int) -> Fraction:
        """The cost of raising ``indicator`` to ``to_level`` by one step (its own price, else the default)."""
        per = self.steps.get(indicator)
        if per is not None and to_level in per:
            return per[to_level]
        return self.indicators.get(indicator, self.default_step)

    def requirement_cost(self, requirement_id: str) -> Fraction:
        """The cost of producing the evidence of one requirement item."""
        if requirement_id in self.requirements:
            return self.requirements[requirement_id]
        return self.default_requirement if self.default_requirement is not None else self.default_step

    @property
    def prices_requirements(self) -> bool:
        """Whether the costs price requirement items (then a plan counts the evidence a raise needs)."""
        return bool(self.requirements) or self.default_requirement is not None

    def document_cost(self, key: str) -> Fraction:
        """The cost of adopting the document ``key`` (its own price, else the default)."""
        if key in self.documents:
            return self.documents[key]
        return self.default_document if self.default_document is not None else self.default_step

    def location(self, *path: str | int) -> Location:
        """Where a field of the costs file is written (file, line, column)."""
        return locate(self.raw, list(path), self.source)


def parse_costs(data: Any, name: str = "<input>") -> Costs:
    """Validate ``data`` (as read from a costs file, or a mapping built in code) and make :class:`Costs`."""
    if not isinstance(data, PosDict):
        problems: list[Problem] = []
        data = _plain(data, "$", problems, name)
        if problems:
            raise CostsError(Msg("head.costs_invalid"), problems)
    if not isinstance(data, dict):
        raise CostsError(Msg("head.costs_invalid"), [Problem.of("TYPE.costs", locate(data, [], name))])
    problems = schema_problems("costs", data, name)
    if problems:
        raise CostsError(Msg("head.costs_invalid"), problems)
    indicators: dict[int, Fraction] = {}
    steps: dict[int, dict[int, Fraction]] = {}

    def cost(value: Any, *path: str | int) -> Fraction:
        return _exact(value, locate(data, list(path), name), CostsError)

    for key, value in data.get("indicators", {}).items():
        if isinstance(value, dict):
            steps[int(key)] = {int(k): cost(v, "indicators", key, k) for k, v in value.items()}
        else:
            indicators[int(key)] = cost(value, "indicators", key)
    lim = data.get("limits", {})
    limits = Limits(
        fixed=frozenset(lim.get("fixed", [])),
        max_raise=lim.get("max_raise"),
        max_raise_by={int(k): v for k, v in lim.get("max_raise_by", {}).items()},
        budget=cost(lim["budget"], "limits", "budget") if "budget" in lim else None,
        unavailable_documents=frozenset(lim.get("unavailable_documents", [])),
    )
    return Costs(
        default_step=cost(data["default_step"], "default_step") if "default_step" in data else Fraction(1),
        default_document=cost(data["default_document"], "default_document") if "default_document" in data else None,
        indicators=indicators,
        steps=steps,
        documents={k: cost(v, "documents", k) for k, v in data.get("documents", {}).items()},
        requirements={k: cost(v, "requirements", k) for k, v in data.get("requirements", {}).items()},
        default_requirement=cost(data["default_requirement"], "default_requirement") if "default_requirement" in data else None,
        unit=data.get("unit"),
        limits=limits,
        source=name,
        raw=data,
    )


def load_costs(path: str | os.PathLike[str]) -> Costs:
    """Read a costs file (YAML, or JSON by its ``.json`` suffix); see ``schemas/costs.schema.json``."""
    src = read_source(path, what="costs file", error=CostsError)
    return parse_costs(src.data, src.name)


def check_costs_fit(ruleset: Ruleset, costs: Costs) -> None:
    """Every indicator, level and document a costs file names exists in ``ruleset`` (else :class:`CostsError`)."""
    _check_fit(ruleset, costs, None, "limits")


def with_requirement_costs(ruleset: Ruleset, costs: Costs, before: Any) -> Costs:
    """``costs`` with the step costs that requirement prices imply: for each indicator with requirement
    items that ``costs.indicators`` does not price, the step to level L costs the required items of
    level L that the evidence of ``before`` (a Result) does not meet yet."""
    if not costs.prices_requirements or not ruleset.requirements:
        return costs
    steps = {n: dict(per) for n, per in costs.steps.items()}
    for ir in before.indicators:
        n = ir.id
        if n in costs.indicators or n in costs.steps or not ruleset.requirements_of(n):
            continue
        met = {c.requirement for c in ir.requirements if c.met}
        per = {}
        for lv in range(ruleset.scale.min + 1, ruleset.scale.max + 1):
            per[lv] = sum((costs.requirement_cost(r.id) for r in ruleset.requirements_of(n, lv) if not r.optional and r.id not in met), Fraction(0))
        steps[n] = per
    return attrs.evolve(costs, steps=steps)


def _check_fit(ruleset: Ruleset, costs: Costs, limits: Limits | None, limits_where: str) -> None:
    """Every indicator, level and document the costs and limits name exists in ``ruleset``, and no
    cost, budget or raise limit is negative."""
    problems: list[Problem] = []
    numbers = set(ruleset.numbers)
    keys = {d.key for d in ruleset.documents}
    lo, hi = ruleset.scale.min, ruleset.scale.max

    def unknown_indicator(n: int, loc: Location) -> None:
        problems.append(misfit.unknown_indicator(ruleset, n, loc))

    def unknown_document(k: str, loc: Location) -> None:
        problems.append(misfit.unknown_document(ruleset, k, loc))

    def negative(value: Fraction | None, loc: Location) -> None:
        if value is not None and value < 0:
            problems.append(Problem.of("OUT_OF_RANGE.cost", loc, value=exact_text(value)))

    for n in sorted({*costs.indicators, *costs.steps}):
        if n not in numbers:
            unknown_indicator(n, costs.location("indicators", str(n)))
    for n, per in sorted(costs.steps.items()):
        for level in sorted(per):
            if n in numbers and not lo < level <= hi:
                problems.append(misfit.step_out_of_scale(ruleset, n, level, costs.location("indicators", str(n), str(level))))
    for k in sorted(costs.documents):
        if k not in keys:
            unknown_document(k, costs.location("documents", k))
    req_ids = {r.id for r in ruleset.requirements}
    for rid in sorted(costs.requirements):
        if rid not in req_ids:
            guess = closest(rid, sorted(req_ids))
            problems.append(
                Problem.of(
                    "UNKNOWN_REQUIREMENT",
                    costs.location("requirements", rid),
                    hint=Msg("did_you_mean", guess=guess) if guess else None,
                    id=rid,
                    rs=ruleset.id,
                )
            )
    for lim, loc_of in ((costs.limits, costs.location), (limits, None)):
        if lim is None:
            continue

        def where(*path: str | int, loc_of: Callable[..., Location] | None = loc_of) -> Location:
            if loc_of is not None:
                return loc_of("limits", *path)
            return Location(limits_where, json_path="$." + ".".join(str(p) for p in path))

        for i, n in enumerate(sorted(lim.fixed)):
            if n not in numbers:
                unknown_indicator(n, where("fixed", i))
        for n in sorted(lim.max_raise_by):
            if n not in numbers:
                unknown_indicator(n, where("max_raise_by", str(n)))
            elif lim.max_raise_by[n] < 0:
                problems.append(
                    Problem.of(
                        "OUT_OF_RANGE", where("max_raise_by", str(n)), what="max_raise_by", value=lim.max_raise_by[n], bound=Msg("bound.minimum", bound=0)
                    )
                )
        for i, k in enumerate(sorted(lim.unavailable_documents)):
            if k not in keys:
                unknown_document(k, where("unavailable_documents", i))
        if lim.max_raise is not None and lim.max_raise < 0:
            problems.append(Problem.of("OUT_OF_RANGE", where("max_raise"), what="max_raise", value=lim.max_raise, bound=Msg("bound.minimum", bound=0)))
        if lim.budget is not None and lim.budget < 0:
            problems.append(Problem.of("OUT_OF_RANGE", where("budget"), what="budget", value=exact_text(lim.budget), bound=Msg("bound.minimum", bound=0)))
    negative(costs.default_step, costs.location("default_step"))
    negative(costs.default_document, costs.location("default_document"))
    negative(costs.default_requirement, costs.location("default_requirement"))
    for n, v in sorted(costs.indicators.items()):
        negative(v, costs.location("indicators", str(n)))
    for n, per in sorted(costs.steps.items()):
        for level, v in sorted(per.items()):
            negative(v, costs.location("indicators", str(n), str(level)))
    for k, v in sorted(costs.documents.items()):
        negative(v, costs.location("documents", k))
    for k, v in sorted(costs.requirements.items()):
        negative(v, costs.location("requirements", k))
    if problems:
        raise CostsError(Msg("head.costs_do_not_fit", ruleset=ruleset.id), problems)


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


# a target written as a number (a sign, a decimal comma, an exponent or a fraction: then checked as a number)
_NUMBER = re.compile(r"^\s*[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?(/[0-9]+)?\s*$")


class ResolvedTarget(NamedTuple):
    """A target and the least scaled total (sum of level x scaled weight) that reaches it (None: no total on the scale does)."""

    target: Target
    need_total: int | None


def resolve_target(ruleset: Ruleset, target: str | int | Decimal | Fraction | Target, display: bool = False) -> ResolvedTarget:
    """The :class:`Target` and the least scaled total (sum of level x scaled weight) that reaches it."""
    c = compiled(ruleset)
    where = Location("--target", json_path="$.target")
    bands = [b.name for b in ruleset.predikat.bands]
    if isinstance(target, Target):
        display = target.kind == "display"
        target = target.predikat if target.kind == "predikat" and target.predikat is not None else target.text
    value: Fraction | None = None
    name: str | None = None
    if isinstance(target, bool) or not isinstance(target, (str, int, Decimal, Fraction)):
        raise PlanError(Msg("head.bad_target"), [Problem.of("BAD_TARGET.plan", where, value=repr(target)[:60])])
    if isinstance(target, (int, Decimal, Fraction)):
        value = _exact(target, where)
        text = exact_text(value)
    else:
        text = str(target).strip()
        if _NUMBER.match(text):
            value = _exact(text.replace(",", "."), where)
        else:
            lowered = {b.name.lower(): b.name for b in ruleset.predikat.bands}
            lowered.update({b.name_en.lower(): b.name for b in ruleset.predikat.bands if b.name_en})
            name = lowered.get(" ".join(text.lower().split()))
            if name is None:
                guess = closest(text, bands, cutoff=0.5)
                hint = Msg("UNKNOWN_PREDIKAT.guess", guess=guess, bands=bands) if guess else None
                raise PlanError(Msg("head.bad_target"), [Problem.of("UNKNOWN_PREDIKAT", where, hint=hint, text=text[:60], ruleset=ruleset.id, bands=bands)])
    lo_scale, hi_scale = ruleset.scale.min, ruleset.scale.max
    if value is not None and not lo_scale <= value <= hi_scale:  # an index the scale does not have
        problem = Problem.of("OUT_OF_RANGE.target", where, value=text[:60], ruleset=ruleset.id, min=lo_scale, max=hi_scale)
        raise PlanError(Msg("head.bad_target"), [problem])
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
        return ResolvedTarget(Target(kind, text, name, value, None), None)
    lo, hi = 0, top  # least s in [0, top] with reaches(s); reaches is monotone
    while lo < hi:
        mid = (lo + hi) // 2
        if reaches(mid):
            hi = mid
        else:
            lo = mid + 1
    return ResolvedTarget(Target(kind, text, name, value, Fraction(lo, c.total_w)), lo)
