"""Golden tests: the published 2023 and 2024 results, reproduced row by row.

The suites are read with plain ``yaml.safe_load`` (independently of the library's
own case runner) and every case is evaluated with the library. Rows that the rules do
not reproduce are declared exceptions (a case with ``exception``, or a ``not_reproduced``
row of kind ``exception``) and are counted and printed apart from the reproduced rows.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

import spbe_rules

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_COUNTS = {"official-2023": 620, "official-2024": 612}  # cases in each suite
EXPECTED_REPRODUCED = {"official-2023": 620, "official-2024": 610}  # of them, reproduced under the rules
# The declared exceptions, by published row, and why (the suites say it in full).
EXPECTED_EXCEPTIONS = {
    "2023-211 Pemerintah Kab. Banyuasin": "level 0",
    "2024-113 Pemerintah Kota Langsa": "cap not applied by the assessors",
    "2024-567 Pemerintah Kab. Maluku Tenggara": "cap not applied by the assessors",
}
EXPECTED_RULESETS = {"official-2023": "pedoman-6-2023", "official-2024": "pedoman-3-2024"}


def suite_path(name: str) -> Path:
    path = ROOT / "suites" / f"{name}.yaml"
    if path.is_file():
        return path
    from spbe_rules._base.resources import data_dir  # an installed copy without the source tree

    return Path(str(data_dir("suites") / f"{name}.yaml"))


@functools.cache
def load_suite(name: str) -> dict[str, Any]:
    """The suite as plain data, read by PyYAML's safe loader (its C build when there is one)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with suite_path(name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader
    return data


def evaluate_case(default_ruleset: str, case: dict[str, Any], *, disable_rules: tuple[str, ...] = ()) -> spbe_rules.Result:
    rs = spbe_rules.load_ruleset(case.get("ruleset", default_ruleset))
    return spbe_rules.evaluate(rs, spbe_rules.parse_assessment(case["assessment"], case["name"]), disable_rules=disable_rules)


def mismatches(result: spbe_rules.Result, expect: dict[str, Any]) -> Iterator[str]:
    if result.index != expect["index"]:
        yield f"index {result.index} (exact {result.index_exact}), published {expect['index']}"
    if result.predikat != expect["predikat"]:
        yield f"predikat {result.predikat} (index {result.index}, exact {result.index_exact}), published {expect['predikat']}"
    for dom_id, shown in expect["domains"].items():
        got = result.domain(dom_id).index
        if got != shown:
            yield f"domain {dom_id} {got}, published {shown}"


@functools.cache
def outcome(suite: str) -> tuple[list[str], list[str], list[str]]:
    """(reproduced rows, declared exceptions, failures) of a suite, checked independently of the
    library's case runner: a case without `exception` must reproduce under the rules; a case with one
    must NOT reproduce under the rules and must reproduce with its declared rules switched off."""
    data = load_suite(suite)
    reproduced: list[str] = []
    excepted: list[str] = []
    failures: list[str] = []
    for case in data["cases"]:
        result = evaluate_case(data["ruleset"], case)
        assert set(case["expect"]["domains"]) == {d.id for d in result.domains}
        diffs = list(mismatches(result, case["expect"]))
        exc = case.get("exception")
        if exc is None:
            if diffs:
                failures.extend(f"{case['name']}: {m}" for m in diffs)
            else:
                reproduced.append(case["name"])
            continue
        assert set(exc) <= {"reason", "disable_rules"} and exc["reason"], case["name"]
        if not diffs:
            failures.append(f"{case['name']}: declared an exception but is reproduced under the rules")
            continue
        again = evaluate_case(data["ruleset"], case, disable_rules=tuple(exc["disable_rules"]))
        later = list(mismatches(again, case["expect"]))
        if later:
            failures.extend(f"{case['name']} (without {', '.join(exc['disable_rules'])}): {m}" for m in later)
        else:
            excepted.append(case["name"])
    excepted += [r["name"] for r in data.get("not_reproduced") or () if r.get("kind", "exception") == "exception"]
    return reproduced, excepted, failures


@pytest.mark.parametrize("suite", sorted(EXPECTED_COUNTS))
def test_every_published_row_is_reproduced_or_a_declared_exception(suite: str) -> None:
    data = load_suite(suite)
    assert data["format"] == "spbe-rules/cases@1"
    assert data["ruleset"] == EXPECTED_RULESETS[suite]
    cases = data["cases"]
    assert len(cases) == EXPECTED_COUNTS[suite]
    assert len({c["name"] for c in cases}) == len(cases), "case names are unique"
    reproduced, excepted, failures = outcome(suite)
    assert not failures, f"{len(failures)} of {len(cases)} cases differ:\n" + "\n".join(failures[:40])
    assert len(reproduced) == EXPECTED_REPRODUCED[suite]
    assert set(excepted) == {n for n in EXPECTED_EXCEPTIONS if n[:4] == suite[-4:]}


def test_no_case_states_a_document_the_levels_contradict() -> None:
    """A published row is never reproduced by stating a fact the data contradicts: no case states
    documents at all; the Peta Rencana SPBE is implied by indicator 12 (level 2 or more)."""
    for suite in EXPECTED_COUNTS:
        for case in load_suite(suite)["cases"]:
            assert "documents" not in case["assessment"], case["name"]


def test_reproduced_rows_and_declared_exceptions_are_counted_apart(capsys: pytest.CaptureFixture[str]) -> None:
    reproduced: list[str] = []
    excepted: list[str] = []
    for suite in sorted(EXPECTED_COUNTS):
        r, e, f = outcome(suite)
        assert not f
        reproduced += r
        excepted += e
    line = f"{len(reproduced):,} reproduced under the rules, {len(excepted)} declared exceptions: " + "; ".join(
        f"{name} ({EXPECTED_EXCEPTIONS[name]})" for name in excepted
    )
    with capsys.disabled():
        print(f"\ngolden: {line}")
    assert len(reproduced) == 1230
    assert excepted == list(EXPECTED_EXCEPTIONS)
    assert not set(reproduced) & set(excepted)


@pytest.mark.parametrize("suite", sorted(EXPECTED_COUNTS))
def test_boundary_sensitive_rows_change_predikat_under_the_other_rule(suite: str) -> None:
    """The rows listed as boundary-sensitive get another predikat under the other year's rule
    (rounded index in 2023, exact index in 2024), with the same displayed index."""
    data = load_suite(suite)
    other = {"pedoman-6-2023": "pedoman-3-2024", "pedoman-3-2024": "pedoman-6-2023"}[data["ruleset"]]
    by_name = {c["name"]: c for c in data["cases"]}
    names = data.get("boundary_sensitive") or []
    assert names, "the suite lists its boundary-sensitive rows"
    for name in names:
        case = by_name[name]
        here = evaluate_case(data["ruleset"], case)
        there = evaluate_case(other, case)
        assert here.index_exact == there.index_exact
        assert here.index == there.index == case["expect"]["index"]
        assert here.predikat == case["expect"]["predikat"]
        assert there.predikat != here.predikat, name


def test_regulation_worked_example() -> None:
    """PermenPANRB 59/2020's worked example: domains 3.70, 3.40, 3.00, 3.20 give an Indeks SPBE of 3.28."""
    rs = spbe_rules.load_ruleset("permenpanrb-59-2020")
    by_domain: dict[str, list[spbe_rules.model.Indicator]] = {d.id: [] for d in rs.domains}
    domain_of = {a.id: a.domain for a in rs.aspects}
    for ind in sorted(rs.indicators, key=lambda i: i.number):
        by_domain[str(domain_of[ind.aspect])].append(ind)
    levels = {n: 3 for n in rs.numbers}
    # D1: ten indicators of equal weight, mean 3.70 -> seven at 4
    for ind in by_domain["D1"][:7]:
        levels[ind.number] = 4
    # D2: ten indicators of equal weight, mean 3.40 -> four at 4
    assert len({i.weight for i in by_domain["D2"]}) == 1
    for ind in by_domain["D2"][:4]:
        levels[ind.number] = 4
    # D3: all at 3 -> 3.00
    # D4: 45.5 in all; three indicators weighing 3 raised to 4 -> 145.5 / 45.5 = 3.1978... shown 3.20
    for ind in [i for i in by_domain["D4"] if i.weight == 3][:3]:
        levels[ind.number] = 4
    result = spbe_rules.evaluate(rs, spbe_rules.Assessment.from_levels(levels, year=2022))
    assert [d.index for d in result.domains] == ["3.70", "3.40", "3.00", "3.20"]
    assert result.index == "3.28"
    assert result.predikat == "Baik"
    # the index is computed from the exact domain values, not from the displayed ones
    assert result.index_exact == sum((d.weight * d.index_exact for d in result.domains), Fraction(0)) / rs.total_weight
    assert result.index_exact == Fraction("3.281")


def test_nias_barat_2023_versus_2024() -> None:
    """The same levels (exact index 1.7975, shown 1.80) are Cukup under the 2023 rule
    (predikat of the rounded index) and Kurang under the 2024 rule (predikat of the exact index)."""
    case = next(c for c in load_suite("official-2024")["cases"] if "Nias Barat" in c["name"])
    assessment = spbe_rules.parse_assessment(case["assessment"])
    r2023 = spbe_rules.evaluate(spbe_rules.load_ruleset("pedoman-6-2023"), assessment)
    r2024 = spbe_rules.evaluate(spbe_rules.load_ruleset("pedoman-3-2024"), assessment)
    assert r2023.index_exact == r2024.index_exact == Fraction("1.7975")
    assert r2023.index == r2024.index == "1.80"
    assert r2023.predikat == "Cukup"
    assert r2024.predikat == "Kurang"
    # the 2023 row itself (another vector, also just below 1.80) is Cukup as published
    case23 = next(c for c in load_suite("official-2023")["cases"] if "Nias Barat" in c["name"])
    r = evaluate_case("pedoman-6-2023", case23)
    assert (r.index, r.predikat) == ("1.80", "Cukup") == (case23["expect"]["index"], case23["expect"]["predikat"])
    assert r.index_exact < Fraction("1.80")
