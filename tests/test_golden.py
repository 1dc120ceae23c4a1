"""Golden tests: the published 2023 and 2024 results, reproduced row by row.

The suites are read with plain ``yaml.safe_load`` (independently of the library's
own case runner) and every case is evaluated with the library.
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
EXPECTED_COUNTS = {"official-2023": 620, "official-2024": 612}
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


def evaluate_case(default_ruleset: str, case: dict[str, Any]) -> spbe_rules.Result:
    rs = spbe_rules.load_ruleset(case.get("ruleset", default_ruleset))
    return spbe_rules.evaluate(rs, spbe_rules.parse_assessment(case["assessment"], case["name"]))


def mismatches(result: spbe_rules.Result, expect: dict[str, Any]) -> Iterator[str]:
    if result.index != expect["index"]:
        yield f"index {result.index} (exact {result.index_exact}), published {expect['index']}"
    if result.predikat != expect["predikat"]:
        yield f"predikat {result.predikat} (index {result.index}, exact {result.index_exact}), published {expect['predikat']}"
    for dom_id, shown in expect["domains"].items():
        got = result.domain(dom_id).index
        if got != shown:
            yield f"domain {dom_id} {got}, published {shown}"


@pytest.mark.parametrize("suite", sorted(EXPECTED_COUNTS))
def test_every_published_row_is_reproduced(suite: str) -> None:
    data = load_suite(suite)
    assert data["format"] == "spbe-rules/cases@1"
    assert data["ruleset"] == EXPECTED_RULESETS[suite]
    cases = data["cases"]
    assert len(cases) == EXPECTED_COUNTS[suite]
    assert len({c["name"] for c in cases}) == len(cases), "case names are unique"
    checked = 0
    failures: list[str] = []
    for case in cases:
        result = evaluate_case(data["ruleset"], case)
        assert set(case["expect"]["domains"]) == {d.id for d in result.domains}
        failures.extend(f"{case['name']}: {m}" for m in mismatches(result, case["expect"]))
        checked += 1
    assert not failures, f"{len(failures)} of {checked} cases differ:\n" + "\n".join(failures[:40])
    assert checked == len(cases) == EXPECTED_COUNTS[suite]


def test_total_number_of_reproduced_rows() -> None:
    assert sum(len(load_suite(s)["cases"]) for s in EXPECTED_COUNTS) == 1232


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
    by_domain: dict[str, list[spbe_rules.Indicator]] = {d.id: [] for d in rs.domains}
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
