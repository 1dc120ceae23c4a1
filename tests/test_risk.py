"""Margin and risk: the boundaries of a predikat under the ruleset's rule, and every one-level drop that changes it.

The properties check `risk` against evaluating every one-level drop with `evaluate` on a
changed assessment (the whole public path), on assessments generated just above a band floor,
so that drops that cross it are common.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spbe_rules import Assessment, evaluate, load_assessment, load_ruleset
from spbe_rules._analysis.risk import band_floor, risk, risk_to_dict
from spbe_rules._cli.main import main
from spbe_rules._engine.engine import compiled
from spbe_rules._model.model import Ruleset

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RULESETS = {rid: load_ruleset(rid) for rid in ("pedoman-6-2023", "pedoman-3-2024", "permenpanrb-5-2018", "permenpanrb-8-2026", "permenpanrb-59-2020")}
RS23, RS24 = RULESETS["pedoman-6-2023"], RULESETS["pedoman-3-2024"]


def _year(rs: Ruleset) -> int:
    return rs.evaluation_years[0] if rs.evaluation_years else 2024


def test_floor_under_the_rounded_rule_is_the_smallest_value_that_rounds_into_the_band() -> None:
    # 2023: predikat from the index rounded half-up to 2 decimals, so Baik (from 2.60) starts at 2.595
    assert band_floor(RS23, "Baik") == (Fraction("2.595"), True)
    assert band_floor(RS23, "Cukup") == (Fraction("1.795"), True)
    # 2024: predikat from the exact index, so Baik starts at 2.60 itself
    assert band_floor(RS24, "Baik") == (Fraction("2.6"), True)


@pytest.mark.parametrize("rid", sorted(RULESETS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_band_floors_agree_with_the_engine(rid: str, data: st.DataObject) -> None:
    """Every exact value at or above a band's floor (or strictly above, when not inclusive) and
    below the next floor gets that band from the engine; just below the floor it does not."""
    rs = RULESETS[rid]
    c = compiled(rs)
    bands = [b.name for b in rs.predikat.bands]
    k = data.draw(st.integers(1, len(bands) - 1))
    at, inclusive = band_floor(rs, bands[k])
    step = Fraction(1, data.draw(st.sampled_from([7, 1000, 10**5, 10**9])))
    offset = data.draw(st.integers(1, 50)) * step

    def band_of(v: Fraction) -> str:
        return c.predikat_of(v.numerator, v.denominator)[0]

    assert band_of(at) == (bands[k] if inclusive else bands[k - 1])
    assert band_of(at - offset) != bands[k]
    if k + 1 < len(bands):
        nxt, _ = band_floor(rs, bands[k + 1])
        if at + offset < nxt:
            assert band_of(at + offset) == bands[k]


def _just_above_a_floor(rs: Ruleset, data: st.DataObject) -> dict[int, int]:
    """Levels whose index lies just at or above a band floor: from the lowest levels, raise
    indicators one level at a time in a drawn order until the floor is reached."""
    bands = [b.name for b in rs.predikat.bands]
    k = data.draw(st.integers(1, len(bands) - 1), label="band")
    at, _ = band_floor(rs, bands[k])
    numbers = list(rs.numbers)
    lo, hi = rs.scale.min, rs.scale.max
    levels = {n: data.draw(st.integers(lo, lo + 1), label=f"start {n}") for n in numbers}
    order = data.draw(st.permutations(numbers), label="order")
    c = compiled(rs)
    weights = dict(zip(c.numbers, c.w))
    for _ in range(hi - lo):
        for n in order:
            total = Fraction(sum(levels[m] * weights[m] for m in numbers), c.total_w)
            if total >= at:
                return levels
            if levels[n] < hi:
                levels[n] += 1
    return levels


def _documents(rs: Ruleset, data: st.DataObject) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for d in rs.documents:
        choice = data.draw(st.sampled_from(["true", "false", "unstated"] if d.implied_by is not None else ["true", "false"]), label=d.key)
        if choice != "unstated":
            out[d.key] = choice == "true"
    return out


@pytest.mark.parametrize("rid", sorted(RULESETS))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_listed_drop_changes_the_predikat_and_no_other_does(rid: str, data: st.DataObject) -> None:
    rs = RULESETS[rid]
    levels = _just_above_a_floor(rs, data)
    docs = _documents(rs, data)
    a = Assessment.from_levels(levels, year=_year(rs), documents=docs)
    r = risk(rs, a)
    base = evaluate(rs, a)
    assert r.index_exact == base.index_exact and r.predikat == base.predikat
    expected = {}
    checked = 0
    for ind in base.indicators:
        if ind.effective_level <= rs.scale.min:
            continue
        checked += 1
        after = evaluate(rs, Assessment.from_levels({**levels, ind.id: ind.effective_level - 1}, year=_year(rs), documents=docs))
        if after.predikat != base.predikat:
            expected[ind.id] = after
    assert r.checked == checked
    assert {d.indicator for d in r.drops} == set(expected)
    for d in r.drops:
        after = expected[d.indicator]
        assert (d.index, d.index_text, d.predikat) == (after.index_exact, after.index, after.predikat)
        assert d.to_level == d.from_level - 1 == after.indicator(d.indicator).effective_level
        assert d.cost == base.index_exact - after.index_exact > 0
        cascade = {i.id for i in after.indicators if i.id != d.indicator and i.effective_level < base.indicator(i.id).effective_level}
        assert set(d.also_lowered) == cascade
    costs = [(-d.cost, d.indicator) for d in r.drops]
    assert costs == sorted(costs)  # the most costly first
    # the margins bracket the index, and a drop crosses the floor exactly when it costs more than the margin
    if r.floor is not None:
        assert r.floor.distance == base.index_exact - r.floor.value >= 0
        for d in r.drops:
            assert d.cost >= r.floor.distance
    else:
        assert not r.drops and r.predikat == rs.predikat.bands[0].name
    if r.ceiling is not None:
        assert r.ceiling.distance == r.ceiling.value - base.index_exact > 0


def test_cascade_through_the_document_implied_by_indicator_12() -> None:
    """Under 2024 the Peta Rencana SPBE is implied by indicator 12 at level 2: dropping 12 to 1 caps 21-31 as well."""
    levels = {n: 3 for n in RS24.numbers}
    levels[12] = 2
    for n in range(32, 48):
        levels[n] = 2 if n > 44 or n < 42 else 3
    a = Assessment.from_levels(levels, year=2024)
    base = evaluate(RS24, a)
    r = risk(RS24, a)
    after = evaluate(RS24, Assessment.from_levels({**levels, 12: 1}, year=2024))
    assert after.predikat != base.predikat, (base.index_exact, after.index_exact)
    d12 = next(d for d in r.drops if d.indicator == 12)
    assert d12.also_lowered == tuple(range(21, 32))
    assert d12.cost == base.index_exact - after.index_exact
    assert r.drops[0] is d12  # the cascade costs most
    assert set(d12.domains) == {"D2", "D3"}


def test_a_capped_indicator_drops_from_its_effective_level() -> None:
    """A capped indicator's loss is counted from the level that counts, not from the level submitted."""
    tanpa = load_assessment(EXAMPLES / "tanpa-dokumen-2023.yaml")
    r = risk(RS23, tanpa)
    res = evaluate(RS23, tanpa)
    capped = [i for i in res.indicators if i.rules]
    assert capped and all(i.effective_level == RS23.scale.min for i in capped)
    assert r.checked == sum(1 for i in res.indicators if i.effective_level > RS23.scale.min)


def test_staged_assessment_uses_the_final_levels() -> None:
    staged = load_assessment(EXAMPLES / "bertahap-2024.yaml")
    r = risk(RS24, staged)
    assert r.index_exact == evaluate(RS24, staged).index_exact


def test_the_worked_example_of_the_issue() -> None:
    """A 2023 institution at 2.609: 0.014 above the Baik floor of 2.595 under the rounded rule."""
    r = risk(RS23, load_assessment(EXAMPLES / "dekat-batas-2023.yaml"))
    assert r.index_exact == Fraction("2.609") and r.predikat == "Baik"
    assert r.floor is not None and r.floor.value == Fraction("2.595") and r.margin_down == Fraction("0.014")
    assert r.ceiling is not None and r.ceiling.value == Fraction("3.495") and r.margin_up == Fraction("0.886")
    assert r.drops and all(d.predikat == "Cukup" for d in r.drops)
    same = risk(RS24, load_assessment(EXAMPLES / "dekat-batas-2023.yaml"))  # the same levels under the exact rule of 2024
    assert same.floor is not None and same.floor.value == Fraction("2.6") and same.margin_down == Fraction("0.009")


def test_json_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "dekat-batas-2023.yaml"
    assert main(["risk", str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["schema"] == "spbe-rules/risk@1"
    assert {"index_exact", "predikat", "margin_down", "margin_up", "drops"} <= set(out)
    assert out["index_exact"] == "2.609" and out["margin_down"] == "0.014" and out["floor"]["value"] == "2.595"
    assert out["drops"] and {"indicator", "from", "to", "index", "predikat"} <= set(out["drops"][0])
    assert out == risk_to_dict(risk(RS23, load_assessment(path)))
    assert main(["risk", str(path)]) == 0
    text = capsys.readouterr().out
    assert "0.014 di atas batas bawah Baik 2.595" in text and "dibulatkan" in text
    assert main(["risk", str(path), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "0.014 above the Baik floor of 2.595" in text
    assert "/" not in text.split("\n", 2)[1]  # numbers as decimals


def test_cli_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "rusak.yaml"
    bad.write_text("instansi: X\nyear: 2024\nlevels: {1: 9}\n", encoding="utf-8")
    assert main(["risk", str(bad)]) == 2
    cap = capsys.readouterr()
    assert cap.out == "" and "rusak.yaml" in cap.err and "Traceback" not in cap.err


@pytest.mark.parametrize("mode", ["half_up", "half_even", "down", "up"])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_band_floor_under_every_rounding_mode(mode: str, data: st.DataObject) -> None:
    """Under the rounded rule with any rounding mode the floor is where the engine's predikat changes:
    in the band at the floor when inclusive, just above it when not, and below it never."""
    import attrs

    rs = attrs.evolve(RS23, display=attrs.evolve(RS23.display, rounding=mode, decimals=data.draw(st.integers(0, 3))))
    c = compiled(rs)
    bands = [b.name for b in rs.predikat.bands]
    k = data.draw(st.integers(1, len(bands) - 1))
    at, inclusive = band_floor(rs, bands[k])

    def band_of(v: Fraction) -> str:
        return c.predikat_of(v.numerator, v.denominator)[0]

    tiny = Fraction(1, 10**9)
    assert band_of(at) == (bands[k] if inclusive else bands[k - 1])
    assert band_of(at + tiny) == bands[k]
    assert band_of(at - tiny) != bands[k]
    if mode == "up":  # a value rounded up reaches m from anything above m - unit, never from m - unit itself
        assert not inclusive
