"""Margin and risk: how far an index is from the edges of its predikat, and which single
level losses would change the predikat.

The edges come from the ruleset, never from code: the bands (``predikat.bands``) and the
boundary rule (``display.predikat_from``, ``decimals``, ``rounding``). When the predikat is
read from the *exact* index, a band starts at its written lower bound. When it is read from
the *rounded* index, the band starts at the smallest exact index that still rounds to a
value in the band: under half-up rounding to 2 decimals, Baik (from 2.60) starts at 2.595.
:func:`band_floor` finds that point with the engine's own rounding function.

A *drop* lowers the level that counts (the effective level, after the dependency rules)
of one indicator by one: the assessment's final levels with that indicator set to one
below its effective level, evaluated again through the evaluation core
(:func:`spbe_rules.batch.evaluate_levels`, one call for all drops, with the assessment's documents
and rule switches). So a drop of
indicator 12 that takes away the Peta Rencana SPBE it implies also caps 21-31 through the
rule, exactly as the evaluation would. Every possible drop is evaluated; those that change
the predikat are listed, the most costly (largest loss of exact index) first.

No ruleset gives domains bands of their own (59/2020 bands only the Indeks SPBE), so a
drop is listed for a change of the predikat; each drop also records the domains whose
index it lowers.

JSON (``schema: spbe-rules/risk@1``): ``index_exact``, ``predikat``, ``margin_down``,
``margin_up`` (exact distances as text, or null at the lowest/highest band), ``floor`` and
``ceiling`` (the boundaries themselves), ``drops`` (``indicator``, ``from``, ``to``,
``index``, ``predikat``, ...) and ``checked`` (how many drops were evaluated).
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from .._loading.load import RulesetLike, as_ruleset
from .._engine.engine import display_text, round_scaled, whole_levels
from .._engine.evaluate import evaluate
from .._engine.result import Result
from .._io.batch import evaluate_levels
from .._loading.assessment import Assessment, MissingPolicy
from .._model.converter import converter, exact_text
from .._model.model import Ruleset

__all__ = ["Boundary", "Drop", "Risk", "band_floor", "risk", "risk_to_dict"]

RISK_SCHEMA = "spbe-rules/risk@1"


@frozen
class Boundary:
    """Where a predikat band starts under the ruleset's boundary rule.

    ``band``: the band that starts here; ``lower``: its lower bound as the ruleset writes it;
    ``value``: the smallest exact index that is in the band (``inclusive``) or the point just
    above which it is (not ``inclusive``); ``distance``: how far the index is from ``value``
    (always zero or more).
    """

    band: str
    lower: Fraction
    value: Fraction
    inclusive: bool
    distance: Fraction


@frozen
class Drop:
    """One indicator's effective level one lower: ``from_level`` -> ``to_level`` (effective),
    with ``submitted`` the level the assessment gives now; ``index`` and ``predikat`` after it;
    ``cost`` the exact loss of index; ``also_lowered`` other indicators a rule then caps;
    ``domains`` the ids of the domains whose index falls."""

    indicator: int
    name: str
    from_level: int
    to_level: int
    submitted: int
    index: Fraction
    index_text: str
    predikat: str
    cost: Fraction
    also_lowered: tuple[int, ...] = ()
    domains: tuple[str, ...] = ()


@frozen
class Risk:
    """The outcome of :func:`risk`."""

    result: Result = field(repr=False)
    index_exact: Fraction
    index: str
    predikat: str
    predikat_from: str
    decimals: int
    rounding: str
    rule_status: str
    floor: Boundary | None
    ceiling: Boundary | None
    drops: tuple[Drop, ...]
    checked: int
    schema: str = RISK_SCHEMA

    @property
    def margin_down(self) -> Fraction | None:
        """How far the exact index may fall before the predikat changes (None in the lowest band)."""
        return None if self.floor is None else self.floor.distance

    @property
    def margin_up(self) -> Fraction | None:
        """How far the exact index must rise to reach the next predikat (None in the highest band)."""
        return None if self.ceiling is None else self.ceiling.distance


def band_floor(ruleset: Ruleset, band: str) -> tuple[Fraction, bool]:
    """Where ``band`` starts under the ruleset's boundary rule: the point and whether it is in the band.

    Exact rule: the band's written lower bound (included). Rounded rule: the infimum of the
    exact indices whose displayed value lies in the band. The displayed value changes only at
    multiples of half a display unit, so the infimum is one of m - unit, m - unit/2 and m
    (m = the smallest displayable value at or above the lower bound); it is found by asking
    the engine's rounding at those points and just above them.
    """
    names = [b.name for b in ruleset.predikat.bands]
    lower = ruleset.predikat.bands[names.index(band)].lower
    disp = ruleset.display
    if disp.predikat_from == "exact":
        return lower, True
    unit = Fraction(1, 10**disp.decimals)
    m_units = -((-lower) // unit)  # ceil: the smallest displayable value >= lower, in units
    tiny = unit / 10**6  # far below the half unit at which the displayed value can change

    def rounds_into(v: Fraction) -> bool:
        return round_scaled(v.numerator, v.denominator, disp.decimals, disp.rounding) >= m_units

    m = m_units * unit
    for candidate in (m - unit, m - unit / 2, m):
        if rounds_into(candidate):
            return candidate, True
        if rounds_into(candidate + tiny):
            return candidate, False
    raise AssertionError(f"rounding {disp.rounding!r} never reaches {m}")  # every rounding mode moves a value by less than a unit


def risk(
    ruleset: RulesetLike,
    assessment: Assessment,
    *,
    missing: MissingPolicy = "error",
    enable_rules: Iterable[str] = (),
    disable_rules: Iterable[str] = (),
) -> Risk:
    """The margin of ``assessment``'s predikat and every one-level drop that would change it.

    With stages, the final levels count (as in :func:`spbe_rules.whatif`).
    """
    ruleset = as_ruleset(ruleset)
    enable_rules, disable_rules = tuple(enable_rules), tuple(disable_rules)
    result = evaluate(ruleset, assessment, missing=missing, enable_rules=enable_rules, disable_rules=disable_rules)
    bands = [b.name for b in ruleset.predikat.bands]
    k = bands.index(result.predikat)
    value = result.index_exact
    floor = ceiling = None
    if k > 0:
        at, inclusive = band_floor(ruleset, bands[k])
        floor = Boundary(bands[k], ruleset.predikat.bands[k].lower, at, inclusive, value - at)
    if k + 1 < len(bands):
        at, inclusive = band_floor(ruleset, bands[k + 1])
        ceiling = Boundary(bands[k + 1], ruleset.predikat.bands[k + 1].lower, at, inclusive, at - value)
    lowest = ruleset.scale.min
    numbers = [i.id for i in result.indicators]
    eff0 = whole_levels(((i.id, i.effective_level) for i in result.indicators), "risk")
    # the level that counted before the rules: the submitted level (filled ones at the lowest); with
    # evidence, the level the evidence supports, which the result shows after the rules (the rules
    # only lower levels, and lowering one level never releases a cap, so the effective level serves)
    levels = whole_levels(((i.id, i.level if i.counted == "claimed" else i.effective_level) for i in result.indicators), "risk")
    # documents as the evaluation had them: stated by the assessment or by its evidence (implied ones are inferred again)
    documents = {d.key: d.present for d in result.documents if d.basis in ("stated", "evidence") and d.present is not None}
    movable = [k for k, e in enumerate(eff0) if e > lowest]
    rows = [list(levels)]  # first the levels as they are: the core must give the result's own index
    for k in movable:
        row = list(levels)
        row[k] = eff0[k] - 1
        rows.append(row)
    nums = evaluate_levels(ruleset, rows, [documents] * len(rows), enable_rules=enable_rules, disable_rules=disable_rules, backend="python")
    for i in sorted(nums.failed):
        raise nums.failed[i]
    if nums.index_exact(0) != value:
        raise AssertionError(f"risk: the levels before any drop give {nums.index_exact(0)}, the evaluation {value}")
    domain_of = {i.id: ruleset.aspect(i.aspect).domain for i in result.indicators}
    drops: list[Drop] = []
    for row_no, k in enumerate(movable, start=1):
        if nums.predikat[row_no] == result.predikat:
            continue
        eff1 = nums.effective[row_no]
        fell = [j for j in range(len(numbers)) if eff1[j] < eff0[j]]
        lowered = tuple(numbers[j] for j in fell if j != k)
        domains = tuple(d.id for d in ruleset.domains if any(domain_of[numbers[j]] == d.id for j in fell))
        after = nums.index_exact(row_no)
        ind = result.indicators[k]
        drops.append(
            Drop(ind.id, ind.name, eff0[k], eff0[k] - 1, levels[k], after, nums.index_text(row_no), nums.predikat[row_no], value - after, lowered, domains)
        )
    checked = len(movable)
    drops.sort(key=lambda d: (-d.cost, d.indicator))
    return Risk(
        result,
        value,
        result.index,
        result.predikat,
        ruleset.display.predikat_from,
        ruleset.display.decimals,
        ruleset.display.rounding,
        ruleset.display.status,
        floor,
        ceiling,
        tuple(drops),
        checked,
    )


def _boundary_dict(b: Boundary | None, shown_decimals: int) -> dict[str, Any] | None:
    if b is None:
        return None
    return {
        "band": b.band,
        "lower": exact_text(b.lower),
        "value": exact_text(b.value),
        "inclusive": b.inclusive,
        "distance": exact_text(b.distance),
        "distance_shown": decimal_text(b.distance, shown_decimals),
    }


def decimal_text(value: Fraction, decimals: int) -> str:
    """``value`` as a decimal: exact when it ends within ``decimals`` places, else rounded half-up
    to ``decimals`` places with a leading ``≈`` (for people; JSON keeps the exact text too)."""
    scaled = value * 10**decimals
    if scaled.denominator == 1:
        text = exact_text(value)
        return text
    r = round_scaled(value.numerator, value.denominator, decimals, "half_up")
    return "\u2248" + display_text(r, decimals)


def risk_to_dict(r: Risk) -> dict[str, Any]:
    """The JSON form of a :class:`Risk` (``schema: spbe-rules/risk@1``)."""
    places = r.decimals + 2
    return {
        "schema": r.schema,
        "ruleset": converter.unstructure(r.result.ruleset),
        "instansi": r.result.instansi,
        "year": r.result.year,
        "index": r.index,
        "index_exact": exact_text(r.index_exact),
        "predikat": r.predikat,
        "boundary_rule": {"predikat_from": r.predikat_from, "decimals": r.decimals, "rounding": r.rounding, "status": r.rule_status},
        "margin_down": None if r.margin_down is None else exact_text(r.margin_down),
        "margin_up": None if r.margin_up is None else exact_text(r.margin_up),
        "floor": _boundary_dict(r.floor, places),
        "ceiling": _boundary_dict(r.ceiling, places),
        "checked": r.checked,
        "drops": [
            {
                "indicator": d.indicator,
                "name": d.name,
                "from": d.from_level,
                "to": d.to_level,
                "submitted": d.submitted,
                "index": exact_text(d.index),
                "index_shown": d.index_text,
                "predikat": d.predikat,
                "cost": exact_text(d.cost),
                "also_lowered": list(d.also_lowered),
                "domains": list(d.domains),
            }
            for d in r.drops
        ],
    }
