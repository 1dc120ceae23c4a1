"""What the planner returns: :class:`Plan`, its steps, why a target is unreachable, and the JSON form.

The texts of a plan (its message, the reason of each step) come from the message catalogue
(``_base/messages/planner.py``) in both languages."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal

from attrs import field, frozen
from cattrs.gen import make_dict_unstructure_fn, override

from .._base.messages import Msg
from .._base.text import number_ranges
from .._engine.engine import display_text
from .._engine.result import Result
from .._loading.assessment import Assessment
from .._model.converter import converter, exact_text
from .plan_input import Target
from .whatif import fraction_text

__all__ = ["PLAN_SCHEMA", "Plan", "PlanStep", "Unreachable", "UnreachableReason", "plan_message", "plan_to_dict", "step_reason"]

PLAN_SCHEMA = "spbe-rules/plan@1"


class UnreachableReason(enum.StrEnum):
    """Why a target cannot be reached; the value is the plan's JSON ``why``.

    ``ABOVE_SCALE``: no index on the ruleset's scale reaches it (a predikat band that starts
    above the highest index); ``BUDGET``: the limits without the budget would reach it;
    ``LIMITS``: the limits (fixed indicators, raise limits, unavailable documents) do not."""

    ABOVE_SCALE = "above_scale"
    BUDGET = "budget"
    LIMITS = "limits"


@frozen
class Unreachable:
    """Why a plan does not reach its target, with the figures that say it.

    ``best``: the highest exact index the limits (and budget) allow, ``best_text`` as displayed;
    ``budget``: the budget (for ``BUDGET``); ``top`` / ``top_text``: the highest index on the
    scale (for ``ABOVE_SCALE``)."""

    reason: UnreachableReason
    best: Fraction
    best_text: str
    budget: Fraction | None = None
    top: Fraction | None = None
    top_text: str | None = None


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
    reason: Msg  # why the step is in the plan (both languages: ``reason.id``, ``reason.en``, ``reason.render(lang)``)
    unlocks: tuple[int, ...] = ()
    rules: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # requirement items whose evidence this raise needs (not met yet)


@frozen
class Plan:
    """The cheapest plan that reaches ``target`` (or, when ``reachable`` is False, the cheapest
    plan that reaches the best index the limits allow: ``best_index``; ``unreachable`` says why)."""

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
    message: Msg  # the summary, in both languages (``message.id``, ``message.en``, ``message.render(lang)``)
    best_index: str | None = None
    best_index_exact: Fraction | None = None
    unreachable: Unreachable | None = None
    unit: str | None = None
    levels: Mapping[int, int] = field(factory=dict)
    documents: Mapping[str, bool] = field(factory=dict)
    scenarios: int = 0
    schema: str = PLAN_SCHEMA
    _result: Result | None = field(default=None, eq=False, repr=False, alias="result")
    _before: Result | None = field(default=None, eq=False, repr=False, alias="before")
    _assessment: Assessment | None = field(default=None, eq=False, repr=False, alias="assessment")

    @property
    def why(self) -> UnreachableReason | None:
        """Why the target is not reached (None when it is)."""
        return None if self.unreachable is None else self.unreachable.reason

    @property
    def result(self) -> Result | None:
        """The evaluation of the planned assessment."""
        return self._result

    @property
    def before(self) -> Result | None:
        """The evaluation of the assessment as it is (with its evidence)."""
        return self._before

    @property
    def assessment(self) -> Assessment | None:
        """The planned assessment (final levels with the plan applied, as one stage)."""
        return self._assessment

    @property
    def already_reached(self) -> bool:
        """The target is reached without any step."""
        return self.reachable and not self.steps


def _both(m: Msg) -> dict[str, str]:
    """A text of the plan in its JSON: both languages (the JSON does not depend on the language)."""
    return {"id": m.id, "en": m.en}


converter.register_unstructure_hook(
    PlanStep,
    make_dict_unstructure_fn(PlanStep, converter, from_level=override(rename="from"), to_level=override(rename="to"), reason=override(unstruct_hook=_both)),
)
converter.register_unstructure_hook(
    Plan,
    make_dict_unstructure_fn(
        Plan,
        converter,
        unreachable=override(omit=True),
        message=override(unstruct_hook=_both),
        _result=override(omit=True),
        _before=override(omit=True),
        _assessment=override(omit=True),
    ),
)


def _unreachable_dict(u: Unreachable) -> dict[str, Any]:
    out: dict[str, Any] = {"reason": u.reason.value, "best": exact_text(u.best), "best_text": u.best_text}
    if u.budget is not None:
        out["budget"] = exact_text(u.budget)
    if u.top is not None:
        out["top"] = exact_text(u.top)
        out["top_text"] = u.top_text
    return out


def plan_to_dict(p: Plan) -> dict[str, Any]:
    """The JSON form of a :class:`Plan` (``schema: spbe-rules/plan@1``).

    ``why`` is the reason as text (``above_scale``, ``budget``, ``limits``; null when the target
    is reached); ``unreachable`` carries the same reason with its figures (``best``, ``best_text``,
    and ``budget`` or ``top``/``top_text``), or null."""
    body: dict[str, Any] = converter.unstructure(p)
    body["levels"] = {str(k): v for k, v in sorted(p.levels.items())}
    out: dict[str, Any] = {"schema": body.pop("schema")}
    if p.before is not None:
        out.update(ruleset=converter.unstructure(p.before.ruleset), instansi=p.before.instansi, year=p.before.year)
    for key, value in body.items():
        out[key] = value
        if key == "best_index_exact":
            out["why"] = None if p.unreachable is None else p.unreachable.reason.value
            out["unreachable"] = None if p.unreachable is None else _unreachable_dict(p.unreachable)
    return out


# -- the texts of a plan (both languages, from the catalogue) ----------------------------------


def _goal(tgt: Target) -> Msg:
    if tgt.kind == "predikat":
        return Msg("plan.goal.predikat", predikat=tgt.predikat)
    if tgt.kind == "display":
        return Msg("plan.goal.display", value=tgt.text)
    return Msg("plan.goal.index", value=tgt.text)


def plan_message(tgt: Target, why: Unreachable | None, has_steps: bool, total_cost: Fraction, after: Result, unit: str | None) -> Msg:
    """The one-paragraph summary of a plan."""
    u = f" {unit}" if unit else ""
    goal = _goal(tgt)
    cost = exact_text(total_cost)
    if why is None:
        if not has_steps:
            return Msg("plan.msg.already", goal=goal)
        return Msg("plan.msg.reached", goal=goal, cost=cost, unit=u, index=after.index, predikat=after.predikat)
    if why.reason is UnreachableReason.ABOVE_SCALE:
        head = Msg("plan.why.above_scale", goal=goal, top=why.top_text)
    elif why.reason is UnreachableReason.BUDGET:
        head = Msg("plan.why.budget", goal=goal, budget=exact_text(why.budget or Fraction(0)), unit=u, best=why.best_text)
    else:
        head = Msg("plan.why.limits", goal=goal, best=why.best_text)
    if has_steps:
        return Msg("plan.msg.best_plan", why=head, index=after.index, cost=cost, unit=u)
    return head


def step_reason(
    document_names: Sequence[str],
    is_document: bool,
    released: tuple[int, ...],
    rules: tuple[str, ...],
    gain_text: str,
    cost: Fraction,
    gain: Fraction,
    decimals: int,
) -> Msg:
    """Why a step is in the plan: what it unlocks, or what it adds for its cost.
    ``document_names``: the documents a raise makes implied (present)."""
    if released:
        ids = number_ranges(released)
        rl = ", ".join(rules)
        if is_document:
            head = Msg("plan.reason.unlocks", ids=ids, rules=rl)
        elif document_names:
            head = Msg("plan.reason.prerequisite_implies", ids=ids, rules=rl, names=", ".join(document_names))
        else:
            head = Msg("plan.reason.prerequisite", ids=ids, rules=rl)
        if gain > 0:
            return Msg("plan.reason.rises", head=head, gain=gain_text)
        if gain == 0:
            return Msg("plan.reason.needed", head=head)
        return head
    if cost == 0:
        return Msg("plan.reason.free", gain=gain_text)
    if gain <= 0:
        return Msg("plan.reason.part")
    step = display_text(1, decimals)  # one unit of the displayed index, e.g. 0.01
    per = fraction_text(cost / (gain * 10**decimals), 2, signed=False)
    return Msg("plan.reason.per", per=per, step=step)
