"""The planner and what-if from outside (issue 10): Indonesian by default and English with --lang en,
every number with a scale refused outside it with the allowed range (exit 2, nothing on stdout), costs
files with odd numbers, and Hypothesis fuzzing of plan/whatif/gains (fixed seed): a result or a typed
error, never an internal one."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spbe_rules
from typed_call import typed
from spbe_rules import load_assessment, load_ruleset
from spbe_rules._analysis.plan import Costs, CostsError, Limits, PlanError, UnreachableReason, parse_costs, plan, plan_to_dict
from spbe_rules._analysis.whatif import gains, whatif
from spbe_rules._base.errors import use_lang
from spbe_rules._cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TANPA = str(EXAMPLES / "tanpa-dokumen-2023.yaml")
KAB = EXAMPLES / "kabupaten-contoh-2024.yaml"

pytestmark = pytest.mark.skipif(not KAB.is_file(), reason="needs the source tree (examples/)")


@pytest.fixture(autouse=True)
def _no_lang_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPBE_RULES_LANG", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- both languages --------------------------------------------------------------------------------

# (command line, words only the Indonesian output has, words only the English output has)
REPORTS = [
    (
        ["plan", TANPA, "--target", "Baik"],
        ["Rencana mencapai sasaran", "Biaya total", "Langkah:", "tercapai dengan biaya total", "Membuka indikator", "diperoleh/ditetapkan"],
        ["Plan to reach the target", "Total cost", "Steps:", "is reached for a total cost", "Unlocks indicators", "obtain/adopt"],
    ),
    (
        ["plan", TANPA, "--target", "Sangat Baik", "--max-raise", "1", "--fix", "45-47"],
        ["TIDAK TERCAPAI", "tidak dapat dicapai dalam batasan", "naik paling banyak 1 tingkat per indikator", "tidak diubah"],
        ["NOT REACHABLE", "cannot be reached within the limits", "at most 1 levels up per indicator", "not changed"],
    ),
    (
        ["plan", TANPA, "--target", "Baik", "--budget", "2"],
        ["dengan anggaran 2", "Rencana di bawah ini adalah cara termurah", "anggaran 2"],
        ["within the budget of 2", "The plan below is the cheapest way", "budget 2"],
    ),
    (
        ["whatif", TANPA, "--set", "42=4", "--document", "peta_rencana_spbe=true"],
        ["Simulasi perubahan", "Perubahan:", "tingkat 3 -> 4", "Indikator yang dilepas dari batasan aturan", "tidak ada -> ada"],
        ["What-if", "Changes:", "level 3 -> 4", "Indicators released from a rule's cap", "absent -> present"],
    ),
    (
        ["gains", TANPA, "--top", "3"],
        ["Nilai satu tingkat kematangan tambahan", "Membuka batasan aturan", "dan 44 indikator lain"],
        ["What one more level of each indicator is worth", "Level", "Lifting rule caps", "and 44 more indicators"],
    ),
]


@pytest.mark.parametrize(("args", "id_words", "en_words"), REPORTS, ids=[" ".join(r[0][:1] + r[0][2:]) for r in REPORTS])
def test_reports_in_indonesian_by_default_and_english_on_request(
    capsys: pytest.CaptureFixture[str], args: list[str], id_words: list[str], en_words: list[str]
) -> None:
    code_id, out_id, err_id = run(capsys, *args)
    code_en, out_en, err_en = run(capsys, *args, "--lang", "en")
    assert code_id == code_en and code_id in (0, 1) and err_id == err_en == ""
    flat_id, flat_en = " ".join(out_id.split()), " ".join(out_en.split())
    for word in id_words:
        assert word in flat_id, word
        assert word not in flat_en or word in en_words, word
    for word in en_words:
        assert word in flat_en, word
    assert " level " not in flat_id and " Level " not in flat_id  # the glossary: tingkat (kematangan)


def test_plan_json_is_the_same_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    _, out_id, _ = run(capsys, "plan", TANPA, "--target", "Baik", "--budget", "2", "--format", "json")
    _, out_en, _ = run(capsys, "plan", TANPA, "--target", "Baik", "--budget", "2", "--format", "json", "--lang", "en")
    assert out_id == out_en
    d = json.loads(out_id)
    assert d["why"] == "budget" and d["unreachable"]["reason"] == "budget" and d["unreachable"]["budget"] == "2"
    assert Fraction(d["unreachable"]["best"]) <= Fraction(d["index_exact"])
    assert set(d["message"]) == {"id", "en"} and "anggaran 2" in d["message"]["id"] and "budget of 2" in d["message"]["en"]
    assert all(set(s["reason"]) == {"id", "en"} for s in d["steps"])


# (command line, error code, words of the Indonesian error, words of the English one)
ERRORS = [
    (["plan", TANPA, "--target", "7"], "OUT_OF_RANGE", ["di luar skala indeks", "1 sampai 5"], ["outside the index scale", "1 to 5"]),
    (["plan", TANPA, "--target", "5.01"], "OUT_OF_RANGE", ["1 sampai 5"], ["1 to 5"]),
    (["plan", TANPA, "--target", "0.5"], "OUT_OF_RANGE", ["1 sampai 5"], ["1 to 5"]),
    (["plan", TANPA, "--target", "-1", "--target-display"], "OUT_OF_RANGE", ["1 sampai 5"], ["1 to 5"]),
    (["plan", TANPA, "--target", "1e99999"], "NUMBER_TOO_LARGE", [], []),
    (["plan", TANPA, "--target", "Bagus"], "UNKNOWN_PREDIKAT", ["bukan predikat", "predikat: Kurang, Cukup"], ["is not a predikat", "predikat: Kurang, Cukup"]),
    (["plan", TANPA, "--target", "Sangat Bak"], "UNKNOWN_PREDIKAT", ["maksud Anda `Sangat Baik`?"], ["did you mean `Sangat Baik`?"]),
    (["plan", TANPA, "--target", "1/0"], "NOT_A_NUMBER", [], []),
    (["plan", TANPA, "--target", "Baik", "--budget", "-3"], "OUT_OF_RANGE", ["tidak boleh negatif"], ["cannot be negative"]),
    (["plan", TANPA, "--target", "Baik", "--budget", "1e99999"], "NUMBER_TOO_LARGE", [], []),
    (["plan", TANPA, "--target", "Baik", "--budget", "abc"], "BAD_ARGUMENT", ["bukan bilangan"], ["is not a number"]),
    (["plan", TANPA, "--target", "Baik", "--budget", "NaN"], "BAD_NUMBER", [], []),
    (["plan", TANPA, "--target", "Baik", "--max-raise", "-1"], "OUT_OF_RANGE", ["tidak boleh negatif"], ["cannot be negative"]),
    (["plan", TANPA, "--target", "Baik", "--fix", "1-999999999"], "BAD_ARGUMENT", ["terlalu panjang"], ["too long"]),
    (["plan", TANPA, "--target", "Baik", "--fix", "47-45"], "BAD_ARGUMENT", ["kosong"], ["empty"]),
    (["plan", TANPA, "--target", "Baik", "--fix", "99"], "UNKNOWN_INDICATOR", ["tidak ada dalam set aturan"], ["does not exist in ruleset"]),
    (["plan", TANPA, "--target", "Baik", "--no-document", "peta"], "UNKNOWN_DOCUMENT", ["tidak dideklarasikan"], ["is not declared"]),
    (["whatif", TANPA, "--set", "12=9"], "LEVEL_OUT_OF_SCALE", ["di luar skala"], ["outside the scale"]),
    (["whatif", TANPA, "--set", "99=2"], "UNKNOWN_INDICATOR", ["indikator bernomor 1 sampai 47"], ["indicators are numbered 1 to 47"]),
    (["whatif", TANPA, "--set", "12:2"], "BAD_ARGUMENT", ["tidak berbentuk N=TINGKAT"], ["is not of the form N=LEVEL"]),
    (["whatif", TANPA, "--document", "peta_rencana=true"], "UNKNOWN_DOCUMENT", ["maksud Anda `peta_rencana_spbe`?"], ["did you mean `peta_rencana_spbe`?"]),
    (["whatif", TANPA, "--document", "peta_rencana_spbe=mungkin"], "BAD_ARGUMENT", ["KUNCI=true"], ["KEY=true"]),
    (["gains", TANPA, "--top", "-2"], "OUT_OF_RANGE", ["tidak boleh negatif"], ["cannot be negative"]),
]


@pytest.mark.parametrize(("args", "code", "id_words", "en_words"), ERRORS, ids=[" ".join(e[0][:1] + e[0][2:]) for e in ERRORS])
def test_bad_input_is_refused_in_both_languages(
    capsys: pytest.CaptureFixture[str], args: list[str], code: str, id_words: list[str], en_words: list[str]
) -> None:
    for lang, words in (("id", id_words), ("en", en_words)):
        exit_code, out, err = run(capsys, *args, "--lang", lang)
        assert exit_code == 2 and out == "", err
        assert f"[{code}]" in err and "internal error" not in err and "Traceback" not in err
        for word in words:
            assert word in err, (lang, word, err)
    _, _, err_default = run(capsys, *args)
    _, _, err_id = run(capsys, *args, "--lang", "id")
    assert err_default == err_id  # Indonesian by default


def test_api_refuses_targets_outside_the_scale() -> None:
    rs = load_ruleset("pedoman-3-2024")
    a = load_assessment(KAB)
    for target in (7, "7", "5.5", Fraction(11, 2), Decimal("0.99"), "-0.5", 10**39):
        with pytest.raises(PlanError) as refused:
            plan(rs, a, target)
        assert refused.value.codes == ["OUT_OF_RANGE"], target
        (p,) = refused.value.problems
        assert p.params["min"] == 1 and p.params["max"] == 5 and p.location.file == "--target"
        with use_lang("en"):
            assert "1 to 5" in str(p)
    for target in (5, "1", Decimal("4.99"), Fraction(26, 10)):
        assert plan(rs, a, target).target.value == Fraction(target)
    with pytest.raises(PlanError) as refused:
        plan(rs, a, 3.0)  # type: ignore[arg-type]  # a float is never exact
    assert refused.value.codes == ["BAD_TARGET"]
    with pytest.raises(PlanError) as refused:
        plan(rs, a, None)  # type: ignore[arg-type]
    assert refused.value.codes == ["BAD_TARGET"]


# -- costs files with odd numbers --------------------------------------------------------------------


def test_costs_with_odd_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rs = load_ruleset("pedoman-6-2023")
    a = load_assessment(TANPA)
    # thirds (in code), tiny and 40-digit amounts are exact; the plan's costs add up exactly
    costs = Costs(default_step=Fraction(1, 3), documents={"peta_rencana_spbe": Fraction(0)})
    p = plan(rs, a, "Baik", costs)
    assert p.reachable and p.total_cost == sum((s.cost for s in p.steps), Fraction(0)) and p.total_cost.denominator == 3
    odd = parse_costs(
        {
            "indicators": {"42": "0.000000000000000000000000001", "43": {"4": "1234567890123456789012345678.901234567"}},
            "limits": {"budget": "99999999999999999999999999999"},
        }
    )
    q = plan(rs, a, "Baik", odd)
    assert q.reachable and q.total_cost == sum((s.cost for s in q.steps), Fraction(0))
    # a budget of 0 allows only free steps
    r = plan(rs, a, "Baik", costs, Limits(budget=Fraction(0)))
    assert r.total_cost == 0 and not r.reachable and r.why is UnreachableReason.BUDGET
    # negative costs are named at their own place (the schema's check, in the file's lines)
    f = tmp_path / "biaya.yaml"
    f.write_text("default_step: 1\nindicators:\n  12: -2\n  13:\n    3: -0.5\ndocuments:\n  peta_rencana_spbe: -1\n", encoding="utf-8")
    code, out, err = run(capsys, "plan", TANPA, "--target", "Baik", "--costs", str(f), "--lang", "en")
    assert code == 2 and out == "" and "internal error" not in err
    assert "biaya.yaml:3:" in err and "biaya.yaml:5:" in err and "biaya.yaml:7:" in err, err
    # costs built in code: each negative value named at its place too
    with pytest.raises(CostsError) as refused:
        plan(rs, a, "Baik", Costs(default_step=Fraction(-1), indicators={12: Fraction(-2)}, steps={13: {3: Fraction(-1, 2)}}))
    assert refused.value.codes == ["OUT_OF_RANGE"] * 3
    with use_lang("en"):
        assert "the cost -2 is negative" in str(refused.value)
    # numbers the library does not read
    for bad in ("1e99999", "'1e99999'", "NaN", ".inf", "99999999999999999999999999999999999999999999", "'1/3'", "'-0'"):
        f.write_text(f"default_step: {bad}\n", encoding="utf-8")
        code, out, err = run(capsys, "plan", TANPA, "--target", "Baik", "--costs", str(f))
        assert code == 2 and out == "" and "internal error" not in err, (bad, err)
        assert "biaya.yaml:1:" in err, (bad, err)
    # a level key outside the scale, negative raise limits
    f.write_text("indicators:\n  12:\n    9: 1\n", encoding="utf-8")
    code, out, err = run(capsys, "plan", TANPA, "--target", "Baik", "--costs", str(f), "--lang", "en")
    assert code == 2 and out == "" and "[LEVEL_OUT_OF_SCALE]" in err and "no step reaches level 9" in err
    with pytest.raises(CostsError) as refused:
        plan(rs, a, "Baik", Costs(), Limits(max_raise_by={12: -1}, max_raise=-2, budget=Fraction(-1)))
    assert refused.value.codes == ["OUT_OF_RANGE"] * 3


# -- fuzzing the API (fixed seed): a result or a typed error ------------------------------------------

FUZZ = settings(derandomize=True, max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

numbers = st.one_of(
    st.integers(-10, 10),
    st.sampled_from([10**29, 10**41, -(10**50), 2**200]),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("1e99999"), Decimal("-1e-99999"), Decimal("sNaN")]),
    st.fractions(max_denominator=10**6),
    st.sampled_from(["1/3", "0,5", "2.5", "1e99999", "9" * 5000, "", " ", "abc", "Baik", "sangat baik"]),
)
hashable_numbers = st.one_of(st.integers(-10, 60), st.sampled_from([10**29, 10**41, 2**200]), st.fractions(max_denominator=10**6), st.decimals(allow_nan=False))
anything = st.recursive(
    st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=12), st.floats()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.one_of(st.text(max_size=8), st.integers(-5, 60)), inner, max_size=3)),
    max_leaves=12,
)
costs_data = st.fixed_dictionaries(
    {},
    optional={
        "default_step": anything,
        "default_document": anything,
        "indicators": st.dictionaries(
            st.sampled_from(["12", "42", "99", "x", "0"]), st.one_of(numbers, st.dictionaries(st.sampled_from(["2", "5", "9"]), numbers))
        ),
        "documents": st.dictionaries(st.sampled_from(["peta_rencana_spbe", "arsitektur_spbe", "nope"]), numbers),
        "limits": st.dictionaries(st.sampled_from(["fixed", "max_raise", "max_raise_by", "budget", "unavailable_documents", "other"]), anything),
        "unit": anything,
        "format": anything,
    },
)


@pytest.fixture(scope="module")
def rs23() -> spbe_rules.Ruleset:
    return load_ruleset("pedoman-6-2023")


@pytest.fixture(scope="module")
def tanpa() -> spbe_rules.Assessment:
    return load_assessment(TANPA)


@FUZZ
@given(
    target=st.one_of(numbers, st.none(), st.floats(), st.booleans(), st.text(max_size=20)),
    costs=st.one_of(st.none(), costs_data),
    budget=st.one_of(st.none(), numbers),
    max_raise=st.one_of(st.none(), st.integers(-3, 10**40)),
    fixed=st.lists(st.integers(-5, 60), max_size=4),
    display=st.booleans(),
)
def test_fuzz_plan(
    rs23: spbe_rules.Ruleset, tanpa: spbe_rules.Assessment, target: Any, costs: Any, budget: Any, max_raise: Any, fixed: list[int], display: bool
) -> None:
    limits = typed(Limits, fixed=fixed, max_raise=max_raise, budget=budget)
    p = typed(plan, rs23, tanpa, target, costs, limits, target_display=display)
    if p is not None:
        assert p.reachable == (p.unreachable is None)
        json.dumps(plan_to_dict(p))
        for lang in ("id", "en"):
            assert p.message.render(lang)  # type: ignore[arg-type]


@FUZZ
@given(
    changes=st.dictionaries(
        st.one_of(st.integers(-3, 60), hashable_numbers, st.text(max_size=4)), st.one_of(st.integers(-3, 9), numbers, st.none()), max_size=5
    ),
    docs=st.dictionaries(st.one_of(st.sampled_from(["peta_rencana_spbe", "arsitektur_spbe"]), st.text(max_size=8), st.integers()), anything, max_size=3),
)
def test_fuzz_whatif_and_gains(rs23: spbe_rules.Ruleset, tanpa: spbe_rules.Assessment, changes: dict[Any, Any], docs: dict[Any, Any]) -> None:
    w = typed(whatif, rs23, tanpa, changes, docs)
    if w is not None:
        assert w.after.index_exact - w.before.index_exact == w.delta
    typed(gains, rs23, tanpa, enable_rules=[r for r in changes if isinstance(r, str)])
