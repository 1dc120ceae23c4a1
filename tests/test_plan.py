"""The target planner: optimal against exhaustive search, against an independent greedy, and its edges."""

from __future__ import annotations

import json
from fractions import Fraction
from itertools import combinations, product
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import spbe_rules
from spbe_rules import Assessment, evaluate, load_assessment, load_ruleset
from spbe_rules._cli.main import main
from spbe_rules._engine.engine import compiled
from spbe_rules._base.errors import Location
from spbe_rules._model.model import (
    AllOf,
    AnyOf,
    Aspect,
    AtLeast,
    Band,
    Capability,
    Citation,
    Condition,
    Display,
    Document,
    Domain,
    HasDocument,
    Indicator,
    Message,
    Not,
    Predikat,
    Rule,
    Ruleset,
    Scale,
    SourceInfo,
)
from spbe_rules._loading.select import ruleset_for_assessment
from spbe_rules._analysis.plan import Costs, CostsError, Limits, PlanError, load_costs, parse_costs, plan, plan_to_dict, resolve_target

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CIT = Citation("uji", "Pasal 1")


# -- small rulesets built in code ----------------------------------------------------------


def build_ruleset(
    weights: list[Fraction],
    smax: int,
    display: Display,
    bands: list[Fraction],
    documents: list[Document],
    rules: list[Rule],
) -> Ruleset:
    n = len(weights)
    half = max(1, n // 2)
    groups = [("A1", "D1", list(range(1, half + 1))), ("A2", "D2", list(range(half + 1, n + 1)))]
    groups = [g for g in groups if g[2]]
    aspects = tuple(Aspect(a, f"Aspek {a}", sum((weights[i - 1] for i in members), Fraction(0)), CIT, domain=d) for a, d, members in groups)
    domains = tuple(Domain(d, f"Domain {d}", asp.weight, CIT) for (a, d, _), asp in zip(groups, aspects))
    criteria = {lv: f"level {lv}" for lv in range(1, smax + 1)}
    indicators = tuple(
        Indicator(i, f"Indikator {i}", next(a for a, _, m in groups if i in m), weights[i - 1], "proses", criteria, CIT) for i in range(1, n + 1)
    )
    names = ["Kurang", "Cukup", "Baik", "Sangat Baik", "Memuaskan"]
    edges = [Fraction(1), *bands, Fraction(smax)]
    band_objs = tuple(Band(names[k], edges[k], edges[k + 1]) for k in range(len(edges) - 1))
    return Ruleset(
        id="uji-rencana",
        version="1.0.0",
        title="Ruleset uji perencana",
        status="in_force",
        sources=(SourceInfo("uji", "Peraturan uji", "regulation"),),
        legal_basis=CIT,
        evaluation_years=(),
        scale=Scale(1, smax, (Capability("proses", "Proses", criteria),)),
        total_weight=sum(weights, Fraction(0)),
        domains=domains,
        aspects=aspects,
        indicators=indicators,
        predikat=Predikat(band_objs, CIT),
        display=display,
        documents=tuple(documents),
        rules=tuple(rules),
    )


def _conditions(draw: Any, below: int, smax: int, docs: list[Document], depth: int = 0) -> Condition:
    """A condition reading only indicators below ``below`` (directly or through documents), so rules never form a cycle."""
    usable_docs = [d for d in docs if d.implied_by is None or (isinstance(d.implied_by, AtLeast) and d.implied_by.indicator < below)]
    kinds = ["level"] * (below > 1) + ["doc", "doc"] * bool(usable_docs) + ["all", "any"] * (depth < 2 and (below > 1 or bool(usable_docs)))
    kind = draw(st.sampled_from(kinds))
    if kind == "level":
        return AtLeast(draw(st.integers(1, below - 1)), draw(st.integers(2, smax)))
    if kind == "doc":
        return HasDocument(draw(st.sampled_from(usable_docs)).key)
    items = tuple(_conditions(draw, below, smax, docs, depth + 1) for _ in range(draw(st.integers(2, 3))))
    return AllOf(items) if kind == "all" else AnyOf(items)


@st.composite
def scenarios(draw: Any) -> dict[str, Any]:
    n = draw(st.integers(3, 5))
    smax = draw(st.integers(3, 4))
    heavy = draw(st.booleans())  # rules cap the heavy indicators: the cheapest plan must reason about them
    weights = [Fraction(draw(st.integers(1, 12)) * (3 if heavy and i > n // 2 else 1), draw(st.sampled_from([1, 2, 4]))) for i in range(1, n + 1)]
    display = Display(draw(st.integers(1, 2)), draw(st.sampled_from(["half_up", "half_even", "down", "up"])), draw(st.sampled_from(["rounded", "exact"])))
    nb = draw(st.integers(1, 3))
    cuts = sorted(draw(st.sets(st.integers(101, smax * 100 - 1), min_size=nb, max_size=nb)))
    bands = [Fraction(c, 100) for c in cuts]
    docs: list[Document] = []
    for k in range(draw(st.sampled_from([0, 1, 1, 2, 2]))):
        implied = None
        if draw(st.booleans()):
            implied = AtLeast(draw(st.integers(1, n - 1)), draw(st.integers(2, smax)))
        docs.append(Document(f"dok_{k}", f"Dokumen {k}", implied))
    rules: list[Rule] = []
    for k in range(draw(st.sampled_from([0, 1, 1, 2, 2, 3]))):
        first = draw(st.integers(max(2, n // 2 + 1) if heavy else 2, n))
        targets = tuple(sorted(draw(st.sets(st.integers(first, n), min_size=1, max_size=n - first + 1)) | {first}))
        cond = _conditions(draw, first, smax, docs)
        rules.append(
            Rule(
                f"r{k}",
                "cap",
                targets,
                draw(st.sampled_from([1, 1, smax - 1])),
                cond,
                CIT,
                Message("dibatasi", "capped"),
                enabled=draw(st.sampled_from([True, True, True, False])),
            )
        )
    rs = build_ruleset(weights, smax, display, bands, docs, rules)
    levels = {i: draw(st.sampled_from([1, 1, 1, 2, 2, smax])) for i in range(1, n + 1)}
    stated: dict[str, bool] = {}
    for d in docs:
        choice = draw(st.sampled_from(["true", "false", "unstated"] if d.implied_by is not None else ["true", "false"]))
        if choice != "unstated":
            stated[d.key] = choice == "true"
    # costs
    step_default = Fraction(draw(st.integers(1, 3)))
    per_ind: dict[int, Fraction] = {}
    per_step: dict[int, dict[int, Fraction]] = {}
    for i in range(1, n + 1):
        how = draw(st.sampled_from(["default", "flat", "steps"]))
        if how == "flat":
            per_ind[i] = Fraction(draw(st.integers(0, 8)), 2)
        elif how == "steps":
            per_step[i] = {lv: Fraction(draw(st.integers(0, 6))) for lv in draw(st.sets(st.integers(2, smax), min_size=1))}
    doc_costs = {d.key: Fraction(draw(st.integers(0, 10)), 2) for d in docs if draw(st.booleans())}
    limits = Limits(
        fixed=frozenset(draw(st.sets(st.integers(1, n), max_size=2))) if draw(st.booleans()) else frozenset(),
        max_raise=draw(st.sampled_from([None, None, 1, 2])),
        max_raise_by={i: draw(st.integers(0, 2)) for i in draw(st.sets(st.integers(1, n), max_size=2))},
        budget=Fraction(draw(st.integers(0, 30))) if draw(st.integers(0, 3)) == 0 else None,
        unavailable_documents=frozenset(d.key for d in docs if draw(st.integers(0, 3)) == 0),
    )
    costs = Costs(default_step=step_default, default_document=Fraction(draw(st.integers(0, 4))), indicators=per_ind, steps=per_step, documents=doc_costs)
    now = evaluate(rs, Assessment.from_levels(levels, documents=stated, year=2024)).index_exact
    above = [b.name for b in rs.predikat.bands if b.lower > now]  # mostly targets above the current index
    if draw(st.booleans()):
        target: Any = draw(st.sampled_from(above if above and draw(st.integers(0, 4)) else [b.name for b in rs.predikat.bands]))
        display_target = False
    else:
        low = int(now * 20) + 1 if draw(st.integers(0, 4)) else 20
        target = Fraction(draw(st.integers(min(low, smax * 20 + 4), smax * 20 + 4)), 20)
        display_target = draw(st.booleans())
    return {"rs": rs, "levels": levels, "documents": stated, "costs": costs, "limits": limits, "target": target, "display": display_target}


def exhaustive(rs: Ruleset, levels: dict[int, int], stated: dict[str, bool], costs: Costs, limits: Limits) -> list[tuple[int, Fraction, int]]:
    """(scaled total, cost, steps) of every plan the limits allow, by brute force through the engine."""
    c = compiled(rs)
    cur = [levels[n] for n in c.numbers]
    ranges = []
    for n, lv in zip(c.numbers, cur):
        up = limits.raise_limit(n)
        top = rs.scale.max if up is None else min(rs.scale.max, lv + up)
        ranges.append(range(lv, max(lv, top) + 1))
    obtainable = [d.key for d in rs.documents if stated.get(d.key) is not True and d.key not in limits.unavailable_documents]
    out = []
    enabled = lambda r: r.enabled  # noqa: E731
    for xs in product(*ranges):
        step_cost = Fraction(0)
        for n, lv, x in zip(c.numbers, cur, xs):
            for to in range(lv + 1, x + 1):
                step_cost += costs.step_cost(n, to)
        nsteps = sum(1 for lv, x in zip(cur, xs) if x != lv)
        for k in range(len(obtainable) + 1):
            for ds in combinations(obtainable, k):
                cost = step_cost + sum((costs.document_cost(d) for d in ds), Fraction(0))
                if limits.budget is not None and cost > limits.budget:
                    continue
                docs = {**stated, **{d: True for d in ds}}
                eff = c.apply_rules(list(xs), docs, enabled, Location).effective if rs.rules else list(xs)
                out.append((sum(e * w for e, w in zip(eff, c.w)), cost, nsteps + k))
    return out


def reaches(rs: Ruleset, total: int, target: Any, display: bool) -> bool:
    c = compiled(rs)
    names = [b.name for b in rs.predikat.bands]
    if isinstance(target, str):
        return names.index(c.predikat_of(total, c.total_w)[0]) >= names.index(target)
    if display:
        from spbe_rules._engine.engine import round_scaled

        return Fraction(round_scaled(total, c.total_w, c.decimals, c.rounding), c.pow10) >= target
    return Fraction(total, c.total_w) >= target


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(scenarios())
def test_plan_is_optimal_against_exhaustive_search(sc: dict[str, Any]) -> None:
    rs, levels, stated, costs, limits, target, disp = sc["rs"], sc["levels"], sc["documents"], sc["costs"], sc["limits"], sc["target"], sc["display"]
    a = Assessment.from_levels(levels, documents=stated, year=2024)
    p = plan(rs, a, target, costs, limits, target_display=disp)
    c = compiled(rs)
    every = exhaustive(rs, levels, stated, costs, limits)
    ok = [(cost, steps) for total, cost, steps in every if reaches(rs, total, target, disp)]
    assert p.result is not None and p.assessment is not None
    again = evaluate(rs, p.assessment)  # the planned assessment, evaluated on its own
    assert again.index_exact == p.index_exact and again.predikat == p.predikat
    cost = sum((s.cost for s in p.steps), Fraction(0))
    assert cost == p.total_cost
    event("reachable" if ok else "unreachable")
    event(f"rules enabled: {sum(r.enabled for r in rs.rules)}")
    if p.documents:
        event("the plan obtains a document")
    if any(s.unlocks for s in p.steps):
        event("a step unlocks capped indicators")
    if any(i.rules for i in p.result.indicators):
        event("a rule still caps after the plan")
    if limits.budget is not None:
        assert p.total_cost <= limits.budget
    if ok:
        assert p.reachable
        best_cost = min(cst for cst, _ in ok)
        assert p.total_cost == best_cost
        assert len(p.steps) == min(s for cst, s in ok if cst == best_cost)
        assert reaches(rs, p.index_exact.numerator * c.total_w // p.index_exact.denominator, target, disp)
        _removing_any_step_breaks_it(rs, a, p, target, disp)
    else:
        assert not p.reachable
        best_total = max(t for t, _, _ in every)
        assert p.index_exact == Fraction(best_total, c.total_w)
        assert p.best_index_exact == p.index_exact
        assert p.total_cost == min(cst for t, cst, _ in every if t >= best_total)
        assert p.why in ("above_scale", "budget", "limits")


def _removing_any_step_breaks_it(rs: Ruleset, a: Assessment, p: spbe_rules.analysis.Plan, target: Any, disp: bool) -> None:
    c = compiled(rs)
    for s in p.steps:
        levels = dict(p.levels)
        docs = dict(a.documents)
        docs.update(p.documents)
        if s.kind == "indicator":
            assert s.indicator is not None
            del levels[s.indicator]
        else:
            assert s.document is not None
            if s.document in a.documents:
                docs[s.document] = a.documents[s.document]
            else:
                del docs[s.document]
        trial = Assessment.from_levels({**a.levels, **levels}, documents=docs, year=2024)
        r = evaluate(rs, trial)
        still = reaches(rs, r.index_exact.numerator * c.total_w // r.index_exact.denominator, target, disp)
        assert not still or s.cost == 0, f"step {s} can be removed and the plan still reaches the target"


# -- against an independent greedy on 59/2020 (no rules, unit costs) ------------------------


def greedy_unit_cost(weights: list[Fraction], cur: list[int], top: list[int], need: Fraction) -> int | None:
    """With every level step costing 1 and no rules, raising the heaviest indicators first is optimal."""
    items = sorted((w for w, lv, hi in zip(weights, cur, top) for _ in range(hi - lv)), reverse=True)
    got, count = Fraction(0), 0
    for w in items:
        if got >= need:
            break
        got += w
        count += 1
    return count if got >= need else None


RS59 = load_ruleset("permenpanrb-59-2020")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(1, 5), min_size=47, max_size=47),
    st.integers(100, 520),
    st.sampled_from([None, 1, 2, 3]),
    st.sets(st.integers(1, 47), max_size=10),
)
def test_plan_matches_greedy_on_59_2020(levels: list[int], target_x100: int, max_raise: int | None, fixed: set[int]) -> None:
    rs = RS59
    assert not rs.rules
    a = Assessment.from_levels(dict(zip(range(1, 48), levels)), year=2022)
    target = Fraction(target_x100, 100)
    limits = Limits(fixed=frozenset(fixed), max_raise=max_raise)
    p = plan(rs, a, target, None, limits)
    inds = sorted(rs.indicators, key=lambda i: i.number)
    weights = [i.weight for i in inds]
    top = [lv if i.number in fixed else (5 if max_raise is None else min(5, lv + max_raise)) for i, lv in zip(inds, levels)]
    now = sum((w * lv for w, lv in zip(weights, levels)), Fraction(0))
    need = target * rs.total_weight - now
    expected = greedy_unit_cost(weights, levels, top, need) if need > 0 else 0
    if expected is None:
        assert not p.reachable
        best = sum((w * hi for w, hi in zip(weights, top)), Fraction(0)) / rs.total_weight
        assert p.index_exact == best
    else:
        assert p.reachable
        assert p.total_cost == expected
        assert p.index_exact >= target
        for s in p.steps:
            assert s.indicator not in fixed
            assert s.to_level is not None and s.from_level is not None
            if max_raise is not None:
                assert s.to_level - s.from_level <= max_raise


# -- the bundled examples ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["tanpa-dokumen-2023.yaml", "kabupaten-contoh-2024.yaml", "bertahap-2024.yaml"])
@pytest.mark.parametrize("target", ["Baik", "Sangat Baik", "3.0"])
def test_examples_reach_their_target(name: str, target: str) -> None:
    a = load_assessment(EXAMPLES / name)
    rs = ruleset_for_assessment(a)
    p = plan(rs, a, target)
    assert p.reachable
    assert p.result is not None
    r = p.result
    names = [b.name for b in rs.predikat.bands]
    if target[0].isdigit():
        assert r.index_exact >= Fraction(target)
    else:
        assert names.index(r.predikat) >= names.index(target)
    # unlocking steps come first
    kinds = [bool(s.unlocks) for s in p.steps]
    assert kinds == sorted(kinds, reverse=True)
    d = plan_to_dict(p)
    json.dumps(d)
    assert {"total_cost", "steps", "index", "predikat", "reachable"} <= d.keys()
    for s in d["steps"]:
        assert {"indicator", "from", "to", "cost"} <= s.keys()


def test_document_unlocks_capped_indicators_first() -> None:
    a = load_assessment(EXAMPLES / "tanpa-dokumen-2023.yaml")
    rs = load_ruleset("pedoman-6-2023")
    p = plan(rs, a, "Baik")
    first = p.steps[0]
    assert first.kind == "document" and first.document == "peta_rencana_spbe"
    assert first.unlocks == (21, 23, 25, 27)
    assert first.rules == ("peta-rencana-manajemen",)
    assert "21, 23, 25, 27" in first.reason.id
    assert p.total_cost == 11 and p.index == "2.60" and p.predikat == "Baik"


def test_document_not_available_uses_the_implied_route_or_goes_without() -> None:
    # the document is stated false: only obtaining it would lift the cap, so without it 21-31 stay at 1
    a = load_assessment(EXAMPLES / "tanpa-dokumen-2023.yaml")
    rs = load_ruleset("pedoman-6-2023")
    p = plan(rs, a, "Baik", None, Limits(unavailable_documents=frozenset({"peta_rencana_spbe"})))
    assert p.reachable and not p.documents
    assert all(s.indicator is None or not 21 <= s.indicator <= 31 for s in p.steps)
    # not stated: indicator 12 at level 2 implies it, and the planner may use that
    a2 = Assessment.from_levels({**a.levels, 12: 1}, year=2023)
    rs2 = load_ruleset("pedoman-6-2023")
    expensive = Costs(documents={"peta_rencana_spbe": Fraction(50)}, indicators={n: Fraction(1) for n in rs2.numbers})
    p2 = plan(rs2, a2, "3.2", expensive)
    assert p2.reachable and not p2.documents
    assert p2.levels.get(12, 1) >= 2
    step12 = next(s for s in p2.steps if s.indicator == 12)
    assert step12.unlocks and "peta-rencana-manajemen" in step12.rules
    assert p2.steps[0] is step12 or p2.steps[0].unlocks


def test_tiga_dokumen_needs_all_three_documents() -> None:
    a = load_assessment(EXAMPLES / "tanpa-dokumen-2023.yaml")
    rs = load_ruleset("pedoman-6-2023")
    p = plan(rs, a, "Baik", enable_rules=["tiga-dokumen"])
    assert p.reachable
    # releasing 13 and 15-20 (and 21-31 through peta) is worth all three documents at cost 1 each
    assert set(p.documents) == {"arsitektur_spbe", "peta_rencana_spbe", "proses_bisnis"}
    assert p.result is not None and p.result.predikat == "Baik"


def test_already_reached_and_above_scale() -> None:
    a = load_assessment(EXAMPLES / "bertahap-2024.yaml")
    rs = load_ruleset("pedoman-3-2024")
    p = plan(rs, a, "Cukup")
    assert p.reachable and p.already_reached and p.total_cost == 0 and not p.steps
    q = plan(rs, a, "5.5")
    assert not q.reachable and q.why == "above_scale"
    assert q.index_exact == 5 and q.best_index == "5.00"
    assert "5.00" in q.message.en


def test_unreachable_under_limits_says_the_best() -> None:
    a = load_assessment(EXAMPLES / "kabupaten-contoh-2024.yaml")
    rs = load_ruleset("pedoman-3-2024")
    p = plan(rs, a, "Sangat Baik", None, Limits(max_raise=1))
    assert not p.reachable and p.why == "limits"
    assert p.best_index is not None and p.best_index in p.message.en
    # the best: every indicator one level up (capped at 5)
    levels = {n: min(5, lv + 1) for n, lv in a.levels.items()}
    best = evaluate(rs, Assessment.from_levels(levels, documents=dict(a.documents), year=2024))
    assert p.index_exact == best.index_exact
    q = plan(rs, a, "Baik", None, Limits(budget=Fraction(3)))
    assert not q.reachable and q.why == "budget" and q.total_cost <= 3


def test_target_forms() -> None:
    rs = load_ruleset("pedoman-6-2023")  # predikat from the rounded index
    t, s = resolve_target(rs, "Baik")
    assert t.kind == "predikat" and t.threshold == Fraction("2.595")
    t, s = resolve_target(rs, "sangat  baik")
    assert t.predikat == "Sangat Baik"
    t, s = resolve_target(rs, "3,0")
    assert t.kind == "index" and t.threshold == 3
    t, s = resolve_target(rs, "3.0", display=True)
    assert t.kind == "display" and t.threshold == Fraction("2.995")
    rs24 = load_ruleset("pedoman-3-2024")  # predikat from the exact index
    t, s = resolve_target(rs24, "Baik")
    assert t.threshold == Fraction("2.6")
    with pytest.raises(PlanError) as e:
        resolve_target(rs, "Bagus")
    assert e.value.codes == ["UNKNOWN_PREDIKAT"]
    with pytest.raises(PlanError) as e:
        resolve_target(rs, 3.0)  # type: ignore[arg-type]
    assert e.value.codes == ["BAD_TARGET"]


def test_ties_prefer_fewer_steps_then_lower_numbers() -> None:
    rs = build_ruleset([Fraction(1)] * 4, 4, Display(2, "half_up", "exact"), [Fraction(2), Fraction(3)], [], [])
    a = Assessment.from_levels({1: 1, 2: 1, 3: 1, 4: 1}, year=2024)
    p = plan(rs, a, "1.5")  # need 2 levels: one indicator twice (1 step) beats two indicators once
    assert [(s.indicator, s.from_level, s.to_level) for s in p.steps] == [(1, 1, 3)]
    p = plan(rs, a, "1.25")
    assert [(s.indicator, s.from_level, s.to_level) for s in p.steps] == [(1, 1, 2)]


def test_not_conditions_are_refused() -> None:
    rs = build_ruleset(
        [Fraction(1)] * 3,
        4,
        Display(2, "half_up", "exact"),
        [Fraction(2)],
        [],
        [Rule("r0", "cap", (3,), 1, Not(AtLeast(1, 3)), CIT, Message("x", "x"))],
    )
    a = Assessment.from_levels({1: 1, 2: 1, 3: 1}, year=2024)
    with pytest.raises(PlanError) as e:
        plan(rs, a, "2")
    assert e.value.codes == ["PLAN_UNSUPPORTED_CONDITION"]
    assert "not" in str(e.value)
    plan(rs, a, "2", disable_rules=["r0"])  # without the rule it plans


def test_chained_rules_force_the_rules_before_them() -> None:
    # r0 caps 2 at level 1 unless indicator 1 >= 2; r1 caps 3 at 1 unless indicator 2 >= 3.
    rs = build_ruleset(
        [Fraction(1), Fraction(1), Fraction(8)],
        4,
        Display(2, "half_up", "exact"),
        [Fraction(2)],
        [],
        [
            Rule("r0", "cap", (2,), 1, AtLeast(1, 2), CIT, Message("x", "x")),
            Rule("r1", "cap", (3,), 1, AtLeast(2, 3), CIT, Message("x", "x")),
        ],
    )
    a = Assessment.from_levels({1: 1, 2: 1, 3: 4}, year=2024)
    p = plan(rs, a, "3")
    assert p.reachable
    assert p.levels == {1: 2, 2: 3}
    assert [s.indicator for s in p.steps][:2] == [1, 2]
    assert p.steps[0].unlocks == (2, 3) and p.steps[1].unlocks == (3,)  # without 1, indicator 2 is capped, and so 3


# -- costs files ----------------------------------------------------------------------------


def test_costs_file_with_per_step_costs(tmp_path: Path) -> None:
    f = tmp_path / "biaya.yaml"
    f.write_text(
        "format: spbe-rules/costs@1\n"
        "unit: juta rupiah\n"
        "default_step: 10\n"
        "indicators:\n"
        "  45: 2\n"
        "  12: {2: 5, 3: 8}\n"
        "documents:\n"
        "  peta_rencana_spbe: 1.5\n"
        "limits:\n"
        "  fixed: [46, 47]\n"
        "  max_raise: 2\n",
        encoding="utf-8",
    )
    costs = load_costs(f)
    assert costs.unit == "juta rupiah"
    assert costs.step_cost(12, 2) == 5 and costs.step_cost(12, 3) == 8 and costs.step_cost(12, 4) == 10
    assert costs.step_cost(45, 3) == 2 and costs.document_cost("peta_rencana_spbe") == Fraction(3, 2)
    assert costs.limits.fixed == {46, 47} and costs.limits.max_raise == 2
    a = load_assessment(EXAMPLES / "tanpa-dokumen-2023.yaml")
    p = plan(load_ruleset("pedoman-6-2023"), a, "Baik", costs)
    assert p.reachable and p.unit == "juta rupiah"
    assert all(s.indicator not in (46, 47) for s in p.steps)
    assert all(s.to_level is None or s.from_level is None or s.to_level - s.from_level <= 2 for s in p.steps)
    assert p.documents == {"peta_rencana_spbe": True}
    assert p.levels.get(45) == 4


def test_costs_file_errors_have_lines(tmp_path: Path) -> None:
    f = tmp_path / "biaya.yaml"
    f.write_text("default_step: -1\nindicators:\n  12: banyak\nlimts: {}\n", encoding="utf-8")
    with pytest.raises(CostsError) as e:
        load_costs(f)
    problems = {p.code: p for p in e.value.problems}
    assert {"UNKNOWN_KEY", "OUT_OF_RANGE"} <= problems.keys()
    assert problems["UNKNOWN_KEY"].location.line == 4 and "limits" in (problems["UNKNOWN_KEY"].hint or "")
    assert any(p.location.line == 3 for p in e.value.problems)
    g = tmp_path / "biaya2.yaml"
    g.write_text("indicators:\n  99: 2\n  12: {7: 1}\ndocuments:\n  peta: 1\n", encoding="utf-8")
    costs = load_costs(g)
    with pytest.raises(CostsError) as e:
        plan(load_ruleset("pedoman-6-2023"), load_assessment(EXAMPLES / "tanpa-dokumen-2023.yaml"), "Baik", costs)
    codes = {p.code: p for p in e.value.problems}
    assert codes.keys() == {"UNKNOWN_INDICATOR", "LEVEL_OUT_OF_SCALE", "UNKNOWN_DOCUMENT"}
    assert codes["UNKNOWN_INDICATOR"].location.line == 2
    assert codes["LEVEL_OUT_OF_SCALE"].location.line == 3
    assert "peta_rencana_spbe" in (codes["UNKNOWN_DOCUMENT"].hint or "")


def test_costs_from_a_mapping() -> None:
    costs = parse_costs({"default_step": "2.5", "indicators": {42: 1}})
    assert costs.step_cost(1, 2) == Fraction(5, 2) and costs.step_cost(42, 5) == 1
    with pytest.raises(CostsError):
        parse_costs({"default_step": "lots"})
    # built in code: exact numbers are converted, floats refused
    from decimal import Decimal

    c = Costs(default_step=2, documents={"peta_rencana_spbe": Decimal("1.5")}, steps={12: {2: "3"}})
    assert c.document_cost("peta_rencana_spbe") == Fraction(3, 2) and c.step_cost(12, 2) == 3
    lim = Limits(fixed=[45, 46], budget=10)  # type: ignore[arg-type]
    assert lim.fixed == frozenset({45, 46}) and lim.budget == Fraction(10)
    with pytest.raises(spbe_rules.errors.PlanError) as refused:  # a typed error (issue 11), not a bare TypeError
        Costs(default_step=1.5)  # type: ignore[arg-type]
    assert refused.value.codes == ["TYPE"]


# -- CLI --------------------------------------------------------------------------------------


def test_cli_plan_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = str(EXAMPLES / "tanpa-dokumen-2023.yaml")
    assert main(["plan", f, "--target", "Baik"]) == 0
    out = capsys.readouterr().out
    assert "Rencana mencapai sasaran" in out and "Peta Rencana SPBE" in out and "Biaya total: 11" in out
    assert main(["plan", f, "--target", "Sangat Baik", "--max-raise", "1"]) == 1
    out = capsys.readouterr().out
    assert "TIDAK TERCAPAI" in out
    assert main(["plan", f, "--target", "3.0", "--format", "json", "--fix", "45-47,42", "--lang", "en"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["reachable"] is True and d["schema"] == "spbe-rules/plan@1"
    assert all(s["indicator"] not in (42, 45, 46, 47) for s in d["steps"])
    assert Fraction(d["index_exact"]) >= 3
    assert main(["plan", f, "--target", "Bagus"]) == 2
    assert "UNKNOWN_PREDIKAT" in capsys.readouterr().err
    assert main(["plan", f, "--target", "Baik", "--fix", "4x"]) == 2
    assert "BAD_ARGUMENT" in capsys.readouterr().err
    assert main(["plan", f, "--target", "Baik", "--budget", "-3"]) == 2
    capsys.readouterr()
    assert main(["plan", f, "--target", "Baik", "--fix", "99"]) == 2
    assert "UNKNOWN_INDICATOR" in capsys.readouterr().err
    assert main(["plan", f, "--target", "Baik", "--budget", "2", "--lang", "en"]) == 1
    assert "budget of 2" in capsys.readouterr().out
    out_file = tmp_path / "plan.json"
    assert main(["plan", f, "--target", "Baik", "--format", "json", "-o", str(out_file)]) == 0
    assert json.loads(out_file.read_text(encoding="utf-8"))["total_cost"] == "11"


def test_docs_planner_shows_current_output(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `$ spbe-rules ...` block of docs/planner.md is what the command prints today."""
    import re
    import shlex
    import shutil

    text = (ROOT / "docs" / "planner.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(\w*)\n(.*?)```", text, flags=re.S)
    costs = next(body for lang, body in blocks if lang == "yaml")
    (tmp_path / "biaya.yaml").write_text(costs, encoding="utf-8")
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runs = 0
    for _, body in blocks:
        if not body.startswith("$ spbe-rules "):
            continue
        command, _, expected = body.partition("\n")
        main(shlex.split(command)[2:])
        assert capsys.readouterr().out == expected, command
        runs += 1
    assert runs >= 6
