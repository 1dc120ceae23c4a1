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
from typing import Any, Literal

from attrs import field, frozen
from cattrs.gen import make_dict_unstructure_fn, override

from .._loading.assessment import Assessment, MissingPolicy
from .._model.converter import converter, exact_text
from .._engine.engine import DocState, display_text, round_scaled
from .._loading.load import RulesetLike, as_ruleset
from .._base.errors import Location
from .._engine.evaluate import evaluate
from .._engine.explain import Text
from .._model.model import Ruleset
from .._engine.result import Result
from .next_steps import _computed_level
from .whatif import changed_assessment, enabled_fn, fraction_text
from .._base.text import number_ranges
from .plan_input import Costs, CostsError, Limits, PlanError, Target, _check_fit, load_costs, parse_costs, resolve_target, with_requirement_costs
from .plan_solver import _Planner, _Scenario, _Solution

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
    evidence: tuple[str, ...] = ()  # requirement items whose evidence this raise needs (not met yet)


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
        """The evaluation of the assessment as given, before the plan."""
        return self._before

    @property
    def assessment(self) -> Assessment | None:
        """The planned assessment (final levels with the plan applied, as one stage)."""
        return self._assessment

    @property
    def already_reached(self) -> bool:
        """Whether the assessment reaches the target as it is (a plan without steps)."""
        return self.reachable and not self.steps


converter.register_unstructure_hook(
    PlanStep,
    make_dict_unstructure_fn(PlanStep, converter, from_level=override(rename="from"), to_level=override(rename="to")),
)
converter.register_unstructure_hook(
    Plan,
    make_dict_unstructure_fn(Plan, converter, _result=override(omit=True), _before=override(omit=True), _assessment=override(omit=True)),
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
    enable_rules, disable_rules = tuple(enable_rules), tuple(disable_rules)
    if costs is None:
        costs = Costs()
    elif not isinstance(costs, Costs):
        costs = parse_costs(costs, "<costs>")
    _check_fit(ruleset, costs, limits, limits_where)
    lim = costs.limits.merged(limits)
    before = evaluate(ruleset, assessment, missing=missing, enable_rules=enable_rules, disable_rules=disable_rules)
    costs = with_requirement_costs(ruleset, costs, before)
    evidenced = before
    counted = _counted_base(ruleset, assessment, before, (missing, enable_rules, disable_rules))
    if counted is not None:  # the evidence decides the levels that count: plan on those
        assessment, before = counted
    tgt, need_total = resolve_target(ruleset, target, target_display)
    enabled = enabled_fn(ruleset, enable_rules, disable_rules)
    planner = _Planner(ruleset, before, assessment, costs, lim, enabled)
    c = planner.c
    now_total = before.index_exact.numerator * c.total_w // before.index_exact.denominator
    if need_total is not None and now_total >= need_total:
        return _assemble(
            planner, ruleset, assessment, before, tgt, True, None, None, costs, 0, evaluate_kw=(missing, enable_rules, disable_rules), evidenced=evidenced
        )
    scenarios = planner.scenarios()
    sol = planner.minimum(scenarios, need_total) if need_total is not None else None
    if sol is not None:
        return _assemble(
            planner,
            ruleset,
            assessment,
            before,
            tgt,
            True,
            sol,
            None,
            costs,
            len(scenarios),
            evaluate_kw=(missing, enable_rules, disable_rules),
            evidenced=evidenced,
        )
    # unreachable: the best the limits allow, and the cheapest way to it
    best = max((t for t in (planner.best_total(sc) for sc in scenarios) if t is not None), default=now_total)
    best = max(best, now_total)
    sol = planner.minimum(scenarios, best) if best > now_total else None
    why = _why(planner, ruleset, scenarios, need_total, lim, best)
    return _assemble(
        planner,
        ruleset,
        assessment,
        before,
        tgt,
        False,
        sol,
        why,
        costs,
        len(scenarios),
        evaluate_kw=(missing, enable_rules, disable_rules),
        evidenced=evidenced,
    )


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
    n_scenarios: int,
    evaluate_kw: tuple[MissingPolicy, tuple[str, ...], tuple[str, ...]],
    evidenced: Result,
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
    steps = tuple(_with_evidence(s, ruleset, evidenced) for s in _steps(planner, ruleset, assessment, x, docs, costs))
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
        before=evidenced,
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

    def state(levels: Sequence[int], ds: Iterable[str]) -> tuple[list[int], dict[int, list[str]], dict[str, DocState]]:
        if not ruleset.rules:
            return list(levels), {}, {}
        applied = c.apply_rules(list(levels), {**stated, **{k: True for k in ds}}, enabled, where)
        return applied.effective, applied.lowered_by, applied.documents

    def total(eff: Sequence[int]) -> int:
        return sum(lv * w for lv, w in zip(eff, c.w))

    # (kind, id): indicator steps by position, document steps by key
    items: list[tuple[str, int, str]] = [("document", -1, k) for k in sorted(docs, key=lambda k: [d.key for d in ruleset.documents].index(k))]
    items += [("indicator", p, "") for p in range(len(x)) if x[p] != cur[p]]
    full_eff, _, full_docs = state(x, docs)

    def without(item: tuple[str, int, str]) -> tuple[list[int], dict[int, list[str]], dict[str, DocState]]:
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
        reason = _reason(ruleset, kind, released, rules, implied, gain_text, cost, gain, dec)
        if kind == "document":
            out.append(
                PlanStep("document", None, key, ruleset.document(key).name, None, None, cost, gain, gain_text, after, after_text, released, rules, reason)
            )
        else:
            number = numbers[p]
            out.append(
                PlanStep(
                    "indicator", number, None, ruleset.indicator(number).name, cur[p], x[p], cost, gain, gain_text, after, after_text, released, rules, reason
                )
            )
    return tuple(out)


def _counted_base(
    ruleset: Ruleset, assessment: Assessment, before: Result, evaluate_kw: tuple[MissingPolicy, tuple[str, ...], tuple[str, ...]]
) -> tuple[Assessment, Result] | None:
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
    missing, enable_rules, disable_rules = evaluate_kw
    got = evaluate(ruleset, base, missing=missing, enable_rules=enable_rules, disable_rules=disable_rules)
    if got.index_exact != before.index_exact or got.effective_levels != before.effective_levels:  # pragma: no cover - a planner bug
        raise AssertionError(f"planner bug: the counted levels give {got.index_exact}, the evaluation {before.index_exact}")
    return base, got


def _with_evidence(step: PlanStep, ruleset: Ruleset, before: Result) -> PlanStep:
    """The step with the requirement items (not met by the evidence yet) that its raise needs."""
    if step.kind != "indicator" or step.indicator is None or step.from_level is None or step.to_level is None:
        return step
    if not ruleset.requirements_of(step.indicator):
        return step
    met = {c.requirement for c in before.indicator(step.indicator).requirements if c.met}
    need = tuple(r.id for r in ruleset.requirements_of(step.indicator) if step.from_level < r.level <= step.to_level and not r.optional and r.id not in met)
    return attrs.evolve(step, evidence=need)


def _reason(
    ruleset: Ruleset,
    kind: str,
    released: tuple[int, ...],
    rules: tuple[str, ...],
    implied: tuple[str, ...],
    gain_text: str,
    cost: Fraction,
    gain: Fraction,
    dec: int,
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
    goal_id = (
        f"predikat {tgt.predikat}"
        if tgt.kind == "predikat"
        else (f"indeks tampil minimal {tgt.text}" if tgt.kind == "display" else f"indeks minimal {tgt.text}")
    )
    goal_en = (
        f"predikat {tgt.predikat}"
        if tgt.kind == "predikat"
        else (f"a displayed index of at least {tgt.text}" if tgt.kind == "display" else f"an index of at least {tgt.text}")
    )
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
