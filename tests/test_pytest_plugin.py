"""The pytest plugin: one test per case, only under the paths it is given."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
ALL3 = "{" + ", ".join(f"{n}: 3" for n in range(1, 48)) + "}"

SUITE = f"""\
format: spbe-rules/cases@1
ruleset: pedoman-3-2024
cases:
  - name: lulus
    assessment: {{instansi: A, year: 2024, levels: {ALL3}, documents: {{peta_rencana_spbe: true}}}}
    expect: {{index: "3.00", predikat: Baik}}
  - name: gagal tanpa peta rencana
    assessment: {{instansi: B, year: 2024, levels: {ALL3}, documents: {{peta_rencana_spbe: false}}}}
    expect: {{index: "3.00", domains: {{D3: "3.00"}}}}
"""


def make(pytester: pytest.Pytester) -> None:
    suites = pytester.mkdir("suites")
    (suites / "contoh.yaml").write_text(SUITE, encoding="utf-8")
    (suites / "bukan-suite.yaml").write_text("a: 1\nformat: lain\n", encoding="utf-8")
    (suites / "sendiri.cases.yaml").write_text(SUITE.replace("- name: lulus", "- name: lulus juga"), encoding="utf-8")
    other = pytester.mkdir("lain")
    (other / "contoh.yaml").write_text(SUITE, encoding="utf-8")  # a suite, but outside the given paths
    pytester.makepyfile(test_biasa="def test_biasa():\n    assert True\n")


def test_nothing_is_collected_without_the_option(pytester: pytest.Pytester) -> None:
    make(pytester)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)  # only the ordinary test


def test_one_item_per_case_under_the_given_path(pytester: pytest.Pytester) -> None:
    make(pytester)
    result = pytester.runpytest("-p", "no:cacheprovider", "--spbe-cases", "suites", "-v", "suites")
    result.assert_outcomes(passed=2, failed=2)
    out = result.stdout.str()
    assert "suites/contoh.yaml::lulus PASSED" in out
    assert "suites/sendiri.cases.yaml::lulus juga PASSED" in out
    assert "lain/contoh.yaml" not in out and "bukan-suite" not in out
    # the failure report: the case, each field with expected and got, and the trail down to the rule
    result.stdout.fnmatch_lines(
        [
            "*SPBE case: gagal tanpa peta rencana*",
            "FAIL gagal tanpa peta rencana (*contoh.yaml:7; ruleset pedoman-3-2024)",
            "  index: expected '3.00', got '2.67' (exact 2.67)",
            "    at index = 2.67 [[]rules: peta-rencana-manajemen[]]",
            "*-> domain D3 Manajemen SPBE = 1.00 [[]rules: peta-rencana-manajemen[]]",
            "*-> rule peta-rencana-manajemen",
            "  domains.D3: expected '3.00', got '1.00' (exact 1)",
        ]
    )


def test_the_option_alone_adds_the_path(pytester: pytest.Pytester) -> None:
    make(pytester)
    pytester.makeini("[pytest]\ntestpaths = test_biasa.py\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "--spbe-cases", "suites")
    result.assert_outcomes(passed=3, failed=2)


def test_ini_paths(pytester: pytest.Pytester) -> None:
    make(pytester)
    pytester.makeini("[pytest]\nspbe_cases_paths = suites/sendiri.cases.yaml\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "-m", "spbe_case")
    result.assert_outcomes(passed=1, failed=1)
    # a run naming its own test paths does not pull in the configured suites
    result = pytester.runpytest("-p", "no:cacheprovider", "test_biasa.py")
    result.assert_outcomes(passed=1)


def test_ruleset_override(pytester: pytest.Pytester) -> None:
    make(pytester)
    result = pytester.runpytest("-p", "no:cacheprovider", "--spbe-cases", "suites/contoh.yaml", "--spbe-ruleset", "pedoman-6-2023")
    result.assert_outcomes(passed=2, failed=1)  # the ordinary test, and the two cases of the one suite named
    result.stdout.fnmatch_lines(["FAIL gagal tanpa peta rencana (*; ruleset pedoman-6-2023)"])


def test_a_broken_suite_is_a_collection_error_with_its_place(pytester: pytest.Pytester) -> None:
    suites = pytester.mkdir("suites")
    (suites / "rusak.cases.yaml").write_text(
        textwrap.dedent(
            """\
            format: spbe-rules/cases@1
            cases:
              - name: a
                assesment: {instansi: A, year: 2024, levels: {1: 3}}
                expect: {index: "3.00"}
            """
        ),
        encoding="utf-8",
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--spbe-cases", "suites")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*rusak.cases.yaml:4:5: [[]UNKNOWN_KEY[]] kunci `assesment` tidak dikenal (maksud Anda `assessment`?)*"])


def test_shipped_suite_through_the_plugin(pytester: pytest.Pytester) -> None:
    suites = pytester.mkdir("suites")
    shutil.copy(ROOT / "suites" / "pedoman-6-2023.yaml", suites / "pedoman-6-2023.yaml")
    result = pytester.runpytest("-p", "no:cacheprovider", "--spbe-cases", "suites")
    result.assert_outcomes(passed=16)
