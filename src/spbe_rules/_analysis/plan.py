"""The target planner: the cheapest set of changes that reaches a target index or predikat.

``plan(ruleset, assessment, target, costs, limits)`` returns a :class:`Plan`: which
indicators to raise (from which level to which), which documents to obtain, what
each step costs and adds, and the resulting index and predikat, re-evaluated with
:func:`spbe_rules.evaluate`. The plan is **optimal**: no cheaper set of changes
reaches the target under the same rules, costs and limits.

How (exact integers throughout; see the planner guide, https://spbe-rules.github.io/spbe-rules/planner/):

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

import attrs

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from attrs import frozen

from .._loading.assessment import Assessment, MissingPolicy
from .._engine.engine import DocState, display_text, round_scaled
from .._loading.load import RulesetLike, as_ruleset
from .._base.errors import Location
from .._engine.evaluate import evaluate
from .._model.model import Ruleset
from .._engine.result import Result
from .next_steps import _computed_level
from .whatif import changed_assessment, enabled_fn, fraction_text
from .plan_input import Costs, CostsError, Limits, PlanError, Target, _check_fit, load_costs, parse_costs, resolve_target, with_requirement_costs
from .plan_result import Plan, PlanStep, Unreachable, UnreachableReason, plan_message, plan_to_dict, step_reason
from .plan_solver import _Planner, _Scenario, _Solution

__all__ = [
    "Costs",
    "CostsError",
    "Limits",
    "Plan",
    "PlanError",
    "PlanStep",
    "Target",
    "Unreachable",
    "UnreachableReason",
    "load_costs",
    "parse_costs",
    "plan",
    "plan_to_dict",
]

# -- planning ---------------------------------------------------------------------------


def plan(
    ruleset: RulesetLike,
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
    ruleset = as_ruleset(ruleset)
    opts = _EvalOptions(missing, tuple(enable_rules), tuple(disable_rules))
    if costs is None:
        costs = Costs()
    elif not isinstance(costs, Costs):
        costs = parse_costs(costs, "<costs>")
    _check_fit(ruleset, costs, limits, limits_where)
    lim = costs.limits.merged(limits)
    tgt, need_total = resolve_target(ruleset, target, target_display)
    before = opts.evaluate(ruleset, assessment)
    costs = with_requirement_costs(ruleset, costs, before)
    evidenced = before
    counted = _counted_base(ruleset, assessment, before, opts)
    if counted is not None:  # the evidence decides the levels that count: plan on those
        assessment, before = counted
    planner = _Planner(ruleset, before, assessment, costs, lim, enabled_fn(ruleset, opts.enable_rules, opts.disable_rules))
    c = planner.c
    job = _Job(planner, ruleset, assessment, before, evidenced, tgt, costs, opts)
    now_total = before.index_exact.numerator * c.total_w // before.index_exact.denominator
    if need_total is not None and now_total >= need_total:
        return _assemble(job, None, None, 0)
    scenarios = planner.scenarios()
    sol = planner.minimum(scenarios, need_total) if need_total is not None else None
    if sol is not None:
        return _assemble(job, sol, None, len(scenarios))
    # unreachable: the best the limits allow, and the cheapest way to it
    best = max((t for t in (planner.best_total(sc) for sc in scenarios) if t is not None), default=now_total)
    best = max(best, now_total)
    sol = planner.minimum(scenarios, best) if best > now_total else None
    return _assemble(job, sol, _why(planner, ruleset, scenarios, need_total, lim, best), len(scenarios))


@frozen
class _EvalOptions:
    """How the assessment is evaluated (the same options for the plan's every evaluation)."""

    missing: MissingPolicy
    enable_rules: tuple[str, ...]
    disable_rules: tuple[str, ...]

    def evaluate(self, ruleset: Ruleset, assessment: Assessment) -> Result:
        return evaluate(ruleset, assessment, missing=self.missing, enable_rules=self.enable_rules, disable_rules=self.disable_rules)


@frozen
class _Job:
    """One planning call: the solver, what it plans on, and what the plan is explained with."""

    planner: _Planner
    ruleset: Ruleset
    assessment: Assessment  # the assessment planned on (counted levels when evidence decides them)
    before: Result  # its evaluation
    evidenced: Result  # the evaluation of the assessment as given (with its evidence)
    target: Target
    costs: Costs
    opts: _EvalOptions


def _why(planner: _Planner, ruleset: Ruleset, scenarios: list[_Scenario], need_total: int | None, lim: Limits, best: int) -> Unreachable:
    c = planner.c
    best_exact = Fraction(best, c.total_w)
    best_text = display_text(round_scaled(best, c.total_w, c.decimals, c.rounding), c.decimals)
    if need_total is None:
        top = ruleset.scale.max
        return Unreachable(UnreachableReason.ABOVE_SCALE, best_exact, best_text, top=Fraction(top), top_text=display_text(top * c.pow10, c.decimals))
    if lim.budget is not None:
        saved = planner.budget_key
        planner.budget_key = None
        try:
            free = max((t for t in (planner.best_total(sc) for sc in scenarios) if t is not None), default=0)
        finally:
            planner.budget_key = saved
        if free >= need_total:
            return Unreachable(UnreachableReason.BUDGET, best_exact, best_text, budget=lim.budget)
    return Unreachable(UnreachableReason.LIMITS, best_exact, best_text)


def _assemble(job: _Job, sol: _Solution | None, why: Unreachable | None, n_scenarios: int) -> Plan:
    planner, ruleset, assessment, before, tgt, costs = job.planner, job.ruleset, job.assessment, job.before, job.target, job.costs
    reachable = why is None
    c = planner.c
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
    after = job.opts.evaluate(ruleset, new)
    if reachable and tgt.threshold is not None and after.index_exact < tgt.threshold:  # pragma: no cover - a planner bug
        raise AssertionError(f"planner bug: the plan reaches {after.index_exact}, not {tgt.threshold}")
    steps = tuple(_with_evidence(s, ruleset, job.evidenced) for s in _steps(planner, ruleset, assessment, x, docs, costs))
    total_cost = sum((s.cost for s in steps), Fraction(0))
    if sol is not None:
        assert total_cost == planner.cost_of_key(sol.key), "planner bug: cost mismatch"
    message = plan_message(tgt, why, bool(steps), total_cost, after, costs.unit)
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
        unreachable=why,
        unit=costs.unit,
        levels=levels,
        documents=documents,
        scenarios=n_scenarios,
        result=after,
        before=job.evidenced,
        assessment=new,
    )


@frozen
class _Change:
    """One change of a plan: a raise of the indicator at ``position`` or a document ``key`` obtained."""

    is_document: bool
    position: int  # -1 for a document
    key: str  # "" for an indicator


@frozen
class _State:
    """Effective levels (by position), the rules that cap each indicator number, and the documents' state."""

    effective: list[int]
    capped_by: dict[int, list[str]]
    documents: dict[str, DocState]


@frozen
class _Unlock:
    """What a change unlocks: indicators that would drop without it, the rules that would cap them,
    and the documents it makes implied."""

    released: tuple[int, ...]
    rules: tuple[str, ...]
    implied: tuple[str, ...]


def _steps(planner: _Planner, ruleset: Ruleset, assessment: Assessment, x: Sequence[int], docs: frozenset[str], costs: Costs) -> tuple[PlanStep, ...]:
    c = planner.c
    numbers = c.numbers
    cur = planner.cur
    stated = dict(assessment.documents)
    on = {r.id for r in planner.rules}
    enabled = lambda r: r.id in on  # noqa: E731
    where = lambda: Location(assessment.source)  # noqa: E731

    def state(levels: Sequence[int], ds: Iterable[str]) -> _State:
        if not ruleset.rules:
            return _State(list(levels), {}, {})
        applied = c.apply_rules(list(levels), {**stated, **{k: True for k in ds}}, enabled, where)
        return _State(applied.effective, applied.lowered_by, applied.documents)

    def total(eff: Sequence[int]) -> int:
        return sum(lv * w for lv, w in zip(eff, c.w))

    doc_order = [d.key for d in ruleset.documents]
    items = [_Change(True, -1, k) for k in sorted(docs, key=doc_order.index)]
    items += [_Change(False, p, "") for p in range(len(x)) if x[p] != cur[p]]
    full = state(x, docs)

    def without(item: _Change) -> _State:
        if item.is_document:
            return state(x, docs - {item.key})
        lv = list(x)
        lv[item.position] = cur[item.position]
        return state(lv, docs)

    rule_order = [r.id for r in planner.rules]
    unlocks: dict[_Change, _Unlock] = {}
    for item in items:
        st = without(item)
        released = tuple(numbers[q] for q in range(len(x)) if q != item.position and st.effective[q] < full.effective[q])
        rules = tuple(sorted({r for n in released for r in st.capped_by.get(n, [])}, key=rule_order.index))
        implied = tuple(k for k, (present, basis) in full.documents.items() if basis == "implied" and present and st.documents.get(k, (None, ""))[0] is False)
        unlocks[item] = _Unlock(released, rules, implied)

    def cost_of(item: _Change) -> Fraction:
        if item.is_document:
            return costs.document_cost(item.key)
        p = item.position
        return sum((costs.step_cost(numbers[p], lv) for lv in range(cur[p] + 1, x[p] + 1)), Fraction(0))

    # unlocking steps first, each before the unlocking steps it unlocks (documents first, then by number)
    pending = [i for i in items if unlocks[i].released]
    unlocking: list[_Change] = []
    while pending:
        free = [i for i in pending if not any(not i.is_document and numbers[i.position] in unlocks[j].released for j in pending if j is not i)]
        nxt = (free or pending)[0]
        unlocking.append(nxt)
        pending.remove(nxt)
    others = [i for i in items if not unlocks[i].released]
    base_levels = list(cur)
    base_docs: set[str] = set()
    for item in unlocking:
        if item.is_document:
            base_docs.add(item.key)
        else:
            base_levels[item.position] = x[item.position]
    base_total = total(state(base_levels, base_docs).effective)

    def ratio_key(item: _Change) -> tuple[int, Fraction, int]:
        if item.is_document:
            return (0, Fraction(0), -1)
        p = item.position
        lv = list(base_levels)
        lv[p] = x[p]
        gain = Fraction(total(state(lv, base_docs).effective) - base_total, c.total_w)
        cost = cost_of(item)
        if cost == 0:
            return (0, -gain, numbers[p])
        return (1, -gain / cost, numbers[p])

    others.sort(key=ratio_key)
    lv_now = list(cur)
    docs_now: set[str] = set()
    prev_total = total(state(lv_now, docs_now).effective)
    dec = c.decimals
    out: list[PlanStep] = []
    for item in unlocking + others:
        p = item.position
        if item.is_document:
            docs_now.add(item.key)
        else:
            lv_now[p] = x[p]
        t = total(state(lv_now, docs_now).effective)
        gain = Fraction(t - prev_total, c.total_w)
        prev_total = t
        after = Fraction(t, c.total_w)
        after_text = display_text(round_scaled(t, c.total_w, dec, c.rounding), dec)
        u = unlocks[item]
        cost = cost_of(item)
        gain_text = fraction_text(gain, dec + 2)
        reason = step_reason([ruleset.document(k).name for k in u.implied], item.is_document, u.released, u.rules, gain_text, cost, gain, dec)
        if item.is_document:
            name = ruleset.document(item.key).name
            out.append(PlanStep("document", None, item.key, name, None, None, cost, gain, gain_text, after, after_text, reason, u.released, u.rules))
        else:
            number = numbers[p]
            name = ruleset.indicator(number).name
            out.append(PlanStep("indicator", number, None, name, cur[p], x[p], cost, gain, gain_text, after, after_text, reason, u.released, u.rules))
    return tuple(out)


class _Counted(NamedTuple):
    assessment: Assessment
    result: Result


def _counted_base(ruleset: Ruleset, assessment: Assessment, before: Result, opts: _EvalOptions) -> _Counted | None:
    """For an assessment whose evidence decides the level that counts (from the policy's stage on):
    the same assessment with those counted levels claimed and no evidence, and its result (the same
    index as ``before``). The planner raises these levels, so a step from level L means producing the
    evidence for the required items above L (``PlanStep.evidence``). None when every level counted
    is the claimed one and the evidence gives no document (a document it gives is stated here, so
    the planner does not count on inferring it from levels)."""
    if not any(i.counted == "supported" for i in before.indicators) and not any(d.basis == "evidence" for d in before.documents):
        return None
    lo, hi = ruleset.scale.min, ruleset.scale.max
    levels = {i.id: _computed_level(i, lo, hi) for i in before.indicators if i.counted == "supported" and not i.filled}
    docs = {d.key: d.present for d in before.documents if d.basis in ("stated", "evidence") and d.present is not None}
    base = changed_assessment(assessment, before, levels, docs, "counted levels", keep_evidence=False)
    got = opts.evaluate(ruleset, base)
    if got.index_exact != before.index_exact or got.effective_levels != before.effective_levels:  # pragma: no cover - a planner bug
        raise AssertionError(f"planner bug: the counted levels give {got.index_exact}, the evaluation {before.index_exact}")
    return _Counted(base, got)


def _with_evidence(step: PlanStep, ruleset: Ruleset, before: Result) -> PlanStep:
    """The step with the requirement items (not met by the evidence yet) that its raise needs."""
    if step.kind != "indicator" or step.indicator is None or step.from_level is None or step.to_level is None:
        return step
    if not ruleset.requirements_of(step.indicator):
        return step
    met = {c.requirement for c in before.indicator(step.indicator).requirements if c.met}
    need = tuple(r.id for r in ruleset.requirements_of(step.indicator) if step.from_level < r.level <= step.to_level and not r.optional and r.id not in met)
    return attrs.evolve(step, evidence=need)
