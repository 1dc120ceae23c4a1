"""Hypothesis properties of the exact evaluator on the installed rulesets.

PermenPANRB 59/2020 has no dependency rules, so its index is a plain weighted mean;
5/2018 (scale 0..5) and 8/2026 (no domains, predikat from the exact index) are
checked where a property holds for any ruleset.
"""

from __future__ import annotations

import json
import random
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st

import spbe_rules
from spbe_rules import Assessment, Result, Ruleset, ValidationError, evaluate

R59 = "permenpanrb-59-2020"
NO_RULES = [R59, "permenpanrb-5-2018", "permenpanrb-8-2026"]


def ruleset(rid: str) -> Ruleset:
    return spbe_rules.load_ruleset(rid)


def levels_for(rs: Ruleset) -> st.SearchStrategy[dict[int, int]]:
    lo, hi = rs.scale.min, rs.scale.max
    return st.fixed_dictionaries({n: st.integers(lo, hi) for n in rs.numbers})


def run(rs: Ruleset, levels: dict[int, int], **kw: Any) -> Result:
    return evaluate(rs, Assessment.from_levels(levels, **{"year": 2024, **kw}))


def decimal_text(value: Fraction, decimals: int) -> str:
    """Reference half-up rounding, through Decimal with enough precision to be exact here."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def band_of(rs: Ruleset, value: Fraction) -> str:
    bands = rs.predikat.bands
    for k, b in enumerate(bands):
        if b.lower <= value and (value < b.upper or (k == len(bands) - 1 and value <= b.upper)):
            return b.name
    raise AssertionError(f"no band for {value}")


# -- the index stays on the scale --------------------------------------------------------------


@pytest.mark.parametrize("rid", NO_RULES)
@given(data=st.data())
def test_index_within_scale(rid: str, data: st.DataObject) -> None:
    rs = ruleset(rid)
    levels = data.draw(levels_for(rs))
    r = run(rs, levels)
    lo, hi = rs.scale.min, rs.scale.max
    assert lo <= r.index_exact <= hi
    assert lo <= Decimal(r.index) <= hi
    for part in (*r.domains, *r.aspects):
        assert lo <= part.index_exact <= hi
    # the displayed index is the exact one rounded as the ruleset says (half_up here)
    assert rs.display.rounding == "half_up"
    assert r.index == decimal_text(r.index_exact, rs.display.decimals)
    # and the predikat is the band of the value the ruleset names
    value = Fraction(Decimal(r.index)) if rs.display.predikat_from == "rounded" else r.index_exact
    assert r.predikat == band_of(rs, value)
    # the exact index is the weighted mean of the levels
    total = sum((ind.weight * levels[ind.number] for ind in rs.indicators), Fraction(0))
    assert r.index_exact == total / rs.total_weight


@pytest.mark.parametrize("rid", [*NO_RULES, "pedoman-6-2023", "pedoman-3-2024"])
def test_all_at_level_k_gives_exactly_k(rid: str) -> None:
    rs = ruleset(rid)
    for k in range(rs.scale.min, rs.scale.max + 1):
        r = run(rs, {n: k for n in rs.numbers})
        assert r.index_exact == k and isinstance(r.index_exact, Fraction)
        assert r.index == f"{k}." + "0" * rs.display.decimals
        for part in (*r.domains, *r.aspects):
            assert part.index_exact == k, part
            assert part.index == r.index
        assert all(i.effective_level == k for i in r.indicators)
        assert r.predikat == band_of(rs, Fraction(k))


# -- monotonic: raising one level never lowers an index ------------------------------------------


@pytest.mark.parametrize("rid", NO_RULES)
@given(data=st.data())
def test_raising_one_level_never_lowers_any_index(rid: str, data: st.DataObject) -> None:
    rs = ruleset(rid)
    levels = data.draw(levels_for(rs))
    below_top = [n for n in rs.numbers if levels[n] < rs.scale.max]
    assume(below_top)
    n = data.draw(st.sampled_from(below_top))
    up = data.draw(st.integers(levels[n] + 1, rs.scale.max))
    before = run(rs, levels)
    after = run(rs, {**levels, n: up})
    assert after.index_exact > before.index_exact  # every weight is above 0
    assert Decimal(after.index) >= Decimal(before.index)
    order = [b.name for b in rs.predikat.bands]
    assert order.index(after.predikat) >= order.index(before.predikat)
    for a, b in zip(after.domains, before.domains):
        assert a.index_exact >= b.index_exact
    for a, b in zip(after.aspects, before.aspects):
        assert a.index_exact >= b.index_exact
        assert (a.index_exact > b.index_exact) == (a.id == rs.indicator(n).aspect)


# -- the order of the levels mapping does not matter ---------------------------------------------


@pytest.mark.parametrize("rid", [R59, "permenpanrb-8-2026", "pedoman-6-2023"])
@given(data=st.data())
def test_result_independent_of_levels_order(rid: str, data: st.DataObject) -> None:
    rs = ruleset(rid)
    levels = data.draw(levels_for(rs))
    order = data.draw(st.permutations(list(levels)))
    shuffled = {n: levels[n] for n in order}
    a = run(rs, levels)
    b = run(rs, shuffled)
    assert a == b
    assert spbe_rules.result_to_json(a) == spbe_rules.result_to_json(b)


# -- JSON round trip ---------------------------------------------------------------------------


@pytest.mark.parametrize("rid", [R59, "permenpanrb-5-2018", "permenpanrb-8-2026", "pedoman-3-2024"])
@given(data=st.data())
def test_json_round_trip_is_lossless(rid: str, data: st.DataObject) -> None:
    rs = ruleset(rid)
    levels = data.draw(levels_for(rs))
    docs: dict[str, bool] = {}
    if rs.documents:
        docs = data.draw(st.fixed_dictionaries({}, optional={d.key: st.booleans() for d in rs.documents}))
    r = run(rs, levels, documents=docs)
    text = spbe_rules.result_to_json(r)
    back = spbe_rules.result_from_json(text)
    assert back == r
    assert back.index_exact == r.index_exact and isinstance(back.index_exact, Fraction)
    assert back.explanation is not None
    assert back.explanation == r.explanation
    assert spbe_rules.result_to_json(back) == text


@given(data=st.data())
def test_json_round_trip_with_stages(data: st.DataObject) -> None:
    rs = ruleset(R59)
    first = data.draw(levels_for(rs))
    later = data.draw(st.dictionaries(st.sampled_from(rs.numbers), st.integers(rs.scale.min, rs.scale.max), max_size=6))
    a = spbe_rules.parse_assessment({"instansi": "Uji", "year": 2022, "stages": {"mandiri": first, "dokumen": later}})
    r = evaluate(rs, a)
    assert [s.stage for s in r.stages] == ["mandiri", "dokumen"]
    assert r.levels == {**first, **later}
    back = spbe_rules.result_from_json(spbe_rules.result_to_json(r))
    assert back == r
    assert back.explanation == r.explanation


# -- band boundaries -----------------------------------------------------------------------------


def vector_with_index(rs: Ruleset, target: Fraction, rnd: random.Random) -> dict[int, int] | None:
    """Integer levels whose exact index is exactly ``target`` (None if there are none).

    Subset-sum over the level increments, with reachable sums kept as bits of an int.
    """
    inds = list(rs.indicators)
    rnd.shuffle(inds)
    unit = Fraction(1)
    for ind in inds:  # the largest unit that divides every weight
        unit = Fraction(_gcd(unit.numerator * ind.weight.denominator, ind.weight.numerator * unit.denominator), unit.denominator * ind.weight.denominator)
    ws = [int(ind.weight / unit) for ind in inds]
    lo, hi = rs.scale.min, rs.scale.max
    need = (target - lo) * rs.total_weight / unit
    if need.denominator != 1 or need < 0:
        return None
    goal = int(need)
    reach = [1]
    for w in ws:
        prev = reach[-1]
        cur = 0
        for step in range(hi - lo + 1):
            cur |= prev << (step * w)
        reach.append(cur & ((1 << (goal + 1)) - 1))
    if not (reach[-1] >> goal) & 1:
        return None
    levels: dict[int, int] = {}
    rest = goal
    for k in range(len(inds) - 1, -1, -1):
        steps = list(range(hi - lo + 1))
        rnd.shuffle(steps)
        for step in steps:
            left = rest - step * ws[k]
            if left >= 0 and (reach[k] >> left) & 1:
                levels[inds[k].number] = lo + step
                rest = left
                break
        else:  # pragma: no cover - the bits say a step exists
            raise AssertionError("backtracking failed")
    assert rest == 0
    return levels


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


BOUNDARIES_59 = [Fraction("1.80"), Fraction("2.60"), Fraction("3.50"), Fraction("4.20")]


@pytest.mark.parametrize("rid", [R59, "pedoman-6-2023", "pedoman-3-2024"])
@pytest.mark.parametrize("boundary", BOUNDARIES_59, ids=[str(float(b)) for b in BOUNDARIES_59])
@given(seed=st.integers(0, 2**32 - 1))
def test_index_on_band_boundary_gets_upper_band(rid: str, boundary: Fraction, seed: int) -> None:
    rs = ruleset(rid)
    levels = vector_with_index(rs, boundary, random.Random(seed))
    assert levels is not None
    # documents stated present: the Peta Rencana rule caps nothing
    docs = {d.key: True for d in rs.documents}
    r = run(rs, levels, documents=docs)
    assert r.index_exact == boundary
    assert r.index == decimal_text(boundary, 2)
    upper = next(b.name for b in rs.predikat.bands if b.lower == boundary)
    assert r.predikat == upper, (rs.display.predikat_from, r.index_exact)


@pytest.mark.parametrize("boundary", BOUNDARIES_59, ids=[str(float(b)) for b in BOUNDARIES_59])
@given(seed=st.integers(0, 2**32 - 1))
def test_just_below_boundary_depends_on_predikat_from(boundary: Fraction, seed: int) -> None:
    """An exact index 0.0025 below a boundary is displayed as the boundary: the 2023 rule
    (predikat of the rounded index) gives the upper band, the 2024 rule (exact) the lower."""
    below = boundary - Fraction(25, 10000)
    r23, r24 = ruleset("pedoman-6-2023"), ruleset("pedoman-3-2024")
    assert (r23.display.predikat_from, r24.display.predikat_from) == ("rounded", "exact")
    levels = vector_with_index(r23, below, random.Random(seed))
    assert levels is not None
    docs = {"peta_rencana_spbe": True}
    a, b = run(r23, levels, documents=docs), run(r24, levels, documents=docs)
    names = [band.name for band in r23.predikat.bands]
    upper = next(band.name for band in r23.predikat.bands if band.lower == boundary)
    lower = names[names.index(upper) - 1]
    assert a.index_exact == b.index_exact == below
    assert a.index == b.index == decimal_text(boundary, 2)
    assert (a.predikat, b.predikat) == (upper, lower)


@pytest.mark.parametrize("boundary", ["1.50", "2.50", "3.50", "4.00"])
@given(seed=st.integers(0, 2**32 - 1))
def test_boundary_8_2026(boundary: str, seed: int) -> None:
    rs = ruleset("permenpanrb-8-2026")
    assert not rs.domains
    value = Fraction(boundary)
    levels = vector_with_index(rs, value, random.Random(seed))
    assume(levels is not None)
    assert levels is not None
    r = run(rs, levels)
    assert r.index_exact == value and r.index == boundary
    assert r.predikat == next(b.name for b in rs.predikat.bands if b.lower == value)
    assert r.domains == ()


# -- display rounding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exact", "shown"),
    [("2.595", "2.60"), ("2.5945", "2.59"), ("2.5955", "2.60"), ("1.795", "1.80"), ("1.7945", "1.79"), ("3.4985", "3.50")],
)
def test_display_half_up_through_evaluate(exact: str, shown: str) -> None:
    rs = ruleset(R59)
    levels = vector_with_index(rs, Fraction(exact), random.Random(0))
    assert levels is not None
    r = run(rs, levels)
    assert r.index_exact == Fraction(exact)
    assert r.index == shown


@pytest.mark.parametrize(
    ("exact", "shown"),
    [("2.595", "2.60"), ("2.5949", "2.59"), ("2.59499999999", "2.59"), ("2.6049", "2.60"), ("0.005", "0.01"), ("4.995", "5.00")],
)
def test_round_scaled_half_up_examples(exact: str, shown: str) -> None:
    from spbe_rules._engine.engine import display_text, round_scaled

    f = Fraction(exact)
    assert display_text(round_scaled(f.numerator, f.denominator, 2, "half_up"), 2) == shown


@given(
    num=st.integers(0, 10**9),
    den=st.integers(1, 10**6),
    decimals=st.integers(0, 4),
    mode=st.sampled_from(["half_up", "half_even", "down", "up"]),
)
def test_round_scaled_matches_decimal(num: int, den: int, decimals: int, mode: str) -> None:
    """Against Decimal: with 80 digits a quotient of these sizes is either exact (it ends) or
    too far from any rounding point for the last digits to matter."""
    from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_UP, localcontext

    from spbe_rules._engine.engine import display_text, round_scaled

    modes = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN, "up": ROUND_UP}
    got = display_text(round_scaled(num, den, decimals, mode), decimals)
    with localcontext() as ctx:
        ctx.prec = 80
        expected = str((Decimal(num) / Decimal(den)).quantize(Decimal(1).scaleb(-decimals), rounding=modes[mode]))
    note(f"{num}/{den} -> {got} (expected {expected})")
    assert got == expected


# -- anything at all in, a Result or a ValidationError out ----------------------------------------


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.integers(-3, 12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", "1", "3", "2.5", "tiga", "mandiri", "dokumen", "peta_rencana_spbe", "permenpanrb-59-2020"]),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers(-2, 60).map(str), st.integers(-2, 60)), children, max_size=6),
    ),
    max_leaves=25,
)
keys = st.sampled_from(["format", "ruleset", "instansi", "year", "stage", "levels", "stages", "documents", "note", "extra"])


def _valid(rs: Ruleset) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format": "spbe-rules/assessment@1",
        "instansi": "Kabupaten Uji",
        "year": 2023,
        "levels": {n: 3 for n in rs.numbers},
    }
    if rs.documents:
        out["documents"] = {d.key: True for d in rs.documents}
    return out


@st.composite
def mutated_assessments(draw: st.DrawFn, rid: str) -> Any:
    data: dict[Any, Any] = _valid(ruleset(rid))
    for _ in range(draw(st.integers(1, 4))):
        what = draw(st.sampled_from(["set", "drop", "level", "level_key", "drop_level", "stages", "doc"]))
        if what == "set":
            data[draw(keys)] = draw(json_values)
        elif what == "drop" and data:
            data.pop(draw(st.sampled_from(sorted(data, key=str))))
        elif what in ("level", "level_key", "drop_level") and isinstance(data.get("levels"), dict) and data["levels"]:
            lv = data["levels"]
            n = draw(st.sampled_from(sorted(lv, key=str)))
            if what == "level":
                lv[n] = draw(json_values)
            elif what == "level_key":
                lv[draw(st.one_of(st.integers(-5, 1000), st.text(max_size=4), st.none(), st.booleans()))] = lv.pop(n)
            else:
                del lv[n]
        elif what == "stages":
            data["stages"] = draw(
                st.dictionaries(
                    st.sampled_from(["mandiri", "dokumen", "interviu", "visitasi", "dokumn", "x"]),
                    st.one_of(st.just(dict(lv) if isinstance(lv := data.get("levels"), dict) else {}), json_values),
                    max_size=3,
                )
            )
            if draw(st.booleans()):
                data.pop("levels", None)
        elif what == "doc":
            data["documents"] = draw(
                st.dictionaries(st.sampled_from(["peta_rencana_spbe", "arsitektur_spbe", "proses_bisnis", "peta", "X"]), json_values, max_size=3)
            )
    return data


def outcome(rs: Ruleset, value: Any, missing: str = "error") -> Result | ValidationError:
    try:
        assessment = spbe_rules.parse_assessment(value)
        return evaluate(rs, assessment, missing=missing)  # type: ignore[arg-type]
    except ValidationError as exc:
        assert exc.problems, "a ValidationError lists its problems"
        for p in exc.problems:
            assert p.code and p.code.isupper()
            str(p)  # renders
        return exc


@pytest.mark.parametrize("rid", [R59, "pedoman-6-2023"])
@given(value=json_values)
def test_any_json_value_gives_result_or_validation_error(rid: str, value: Any) -> None:
    rs = ruleset(rid)
    got = outcome(rs, value)
    assert isinstance(got, (Result, ValidationError))


@pytest.mark.parametrize("rid", [R59, "pedoman-6-2023"])
@given(data=st.data())
def test_mutated_assessment_gives_result_or_validation_error(rid: str, data: st.DataObject) -> None:
    rs = ruleset(rid)
    value = data.draw(mutated_assessments(rid))
    missing = data.draw(st.sampled_from(["error", "lowest"]))
    got = outcome(rs, value, missing)
    assert isinstance(got, (Result, ValidationError))
    if isinstance(got, Result):
        assert rs.scale.min <= got.index_exact <= rs.scale.max


def test_the_valid_base_of_the_mutations_evaluates() -> None:
    for rid in (R59, "pedoman-6-2023"):
        rs = ruleset(rid)
        assert isinstance(outcome(rs, _valid(rs)), Result)


@pytest.mark.parametrize("rid", [R59, "pedoman-6-2023"])
@settings(max_examples=60)
@given(data=st.data())
def test_a_bad_file_reports_its_form_and_ruleset_problems_together(rid: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Reading a file for the CLI never loses a problem of form and never raises anything but a ValidationError."""
    from spbe_rules._loading.select import load_assessment_for

    value = data.draw(mutated_assessments(rid))
    missing = data.draw(st.sampled_from(["error", "lowest"]))
    path = tmp_path_factory.mktemp("a") / "penilaian.json"
    path.write_text(json.dumps(value, allow_nan=True), encoding="utf-8")
    try:
        form_only = spbe_rules.load_assessment(path)
    except ValidationError as exc:
        form_only = exc
    try:
        got: Any = load_assessment_for(path, rid, missing)  # type: ignore[arg-type]
    except ValidationError as exc:
        got = exc
    if isinstance(form_only, ValidationError):
        assert isinstance(got, ValidationError)

        def key(p: Any) -> tuple[Any, ...]:
            return (p.code, p.location.line, p.location.col, p.message)

        before, after = [key(p) for p in form_only.problems], [key(p) for p in got.problems]
        assert set(before) <= set(after)
        reported = {k[1:3] for k in before}
        assert all(k[1:3] not in reported for k in after if k not in before), "an added problem is not at a place already reported"
    else:
        assert isinstance(got, ValidationError) or got[0] == form_only


def test_a_file_with_text_and_out_of_scale_levels_reports_both(tmp_path: Path) -> None:
    from spbe_rules._loading.select import load_assessment_for

    path = tmp_path / "dua-masalah.yaml"
    path.write_text("instansi: Contoh\nyear: 2024\nlevels: {1: tiga, 2: 6, 99: 3}\n", encoding="utf-8")
    with pytest.raises(spbe_rules.AssessmentError) as info:
        load_assessment_for(path)
    assert [(p.code, p.location.line) for p in info.value.problems] == [("MISSING_LEVEL", 3), ("TYPE", 3), ("LEVEL_OUT_OF_SCALE", 3), ("UNKNOWN_INDICATOR", 3)]


@settings(max_examples=300, deadline=None)
@given(
    st.fixed_dictionaries(
        {"instansi": st.text(max_size=5), "year": st.integers(1990, 2110)},
        optional={
            "format": st.sampled_from(["spbe-rules/assessment@1", "spbe-rules/cases@1"]),
            "ruleset": st.from_regex(r"[a-z0-9-]{0,6}", fullmatch=True),
            "stage": st.from_regex(r"[a-z0-9_]{0,5}\n?", fullmatch=True),
            "levels": st.dictionaries(st.from_regex(r"[0-9]{1,4}\n?", fullmatch=True), st.one_of(st.integers(-1, 11), st.booleans()), max_size=4),
            "stages": st.dictionaries(
                st.from_regex(r"[a-zA-Z_]{0,4}", fullmatch=True),
                st.dictionaries(st.from_regex(r"[0-9]{1,3}", fullmatch=True), st.integers(0, 10), max_size=3),
                max_size=2,
            ),
            "documents": st.dictionaries(st.from_regex(r"[a-z_1]{0,4}", fullmatch=True), st.one_of(st.booleans(), st.integers(0, 1)), max_size=2),
            "note": st.text(max_size=3),
            "extra": st.integers(),
        },
    )
)
def test_quick_assessment_check_accepts_only_what_the_schema_accepts(data: dict[str, object]) -> None:
    """The quick check that spares `evaluate` the JSON Schema validator never lets an invalid file through."""
    from spbe_rules._loading.schema import assessment_surely_valid, schema_problems

    if assessment_surely_valid(data):
        assert schema_problems("assessment", data, "<t>") == []


def test_quick_assessment_check_takes_the_examples() -> None:
    """The plain examples (levels, stages, documents) are accepted without the JSON Schema validator (the fast path is used)."""
    from spbe_rules._loading.schema import assessment_surely_valid
    from spbe_rules._loading.source import read_source

    folder = Path(__file__).resolve().parents[1] / "examples"
    for path in (folder / "kabupaten-contoh-2024.yaml", folder / "bertahap-2024.yaml", folder / "tanpa-dokumen-2023.yaml"):
        assert assessment_surely_valid(read_source(path).data), path
