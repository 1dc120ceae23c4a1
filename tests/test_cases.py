"""Case suites: loading (with errors and places), running, failure trails, the `test` command."""

from __future__ import annotations

import json
import shutil
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

import spbe_rules
from spbe_rules import ValidationError, load_suite, run_suite
from spbe_rules.analysis import Suite
from spbe_rules.errors import CaseSuiteError
from spbe_rules._cli.main import main
from spbe_rules._cli.cases import installed_suite_files

ROOT = Path(__file__).resolve().parents[1]
SUITES = ROOT / "suites"


def write(tmp_path: Path, text: str, name: str = "s.cases.yaml") -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


ALL3 = "{" + ", ".join(f"{n}: 3" for n in range(1, 48)) + "}"


# -- years ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "ruleset"),
    [
        (2018, "permenpanrb-5-2018"),
        (2019, "permenpanrb-5-2018"),
        (2020, "permenpanrb-5-2018"),
        (2021, "permenpanrb-59-2020"),
        (2022, "permenpanrb-59-2020"),
        (2023, "pedoman-6-2023"),
        (2024, "pedoman-3-2024"),
        (2025, "pemantauan-2025"),
        (2026, "permenpanrb-8-2026"),
    ],
)
def test_ruleset_for_year(year: int, ruleset: str) -> None:
    assert spbe_rules.ruleset_for_year(year) == ruleset


def test_2025_is_its_own_provisional_ruleset() -> None:
    rs = spbe_rules.load_ruleset("pemantauan-2025")
    assert rs.extends == "pedoman-3-2024" and rs.status == "provisional" and rs.reason
    assert rs.evaluation_years == (2025,)
    # a Pemantauan (59/2020 Pasal 3): self-assessment and document stages, then the review
    assert [s.id for s in rs.stages] == ["mandiri", "dokumen", "reviu"]
    assert rs.stage("reviu").status == "provisional" and rs.stage("reviu").reason
    assert "Pasal 3" in rs.legal_basis.section
    # the old id still loads, as a superseded alias with the same content, in force for no year
    old = spbe_rules.load_ruleset("evaluasi-2025")
    assert old.status == "superseded" and "pemantauan-2025" in (old.reason or "")
    assert old.evaluation_years == () and old.extends == "pemantauan-2025"
    assert (old.indicators, old.stages, old.rules, old.predikat, old.display) == (rs.indicators, rs.stages, rs.rules, rs.predikat, rs.display)
    assert spbe_rules.load_ruleset("pedoman-3-2024").evaluation_years == (2024,)
    # the same scoring as 2024: only statuses and reasons differ
    base = spbe_rules.load_ruleset("pedoman-3-2024")
    assert rs.indicators == base.indicators and rs.predikat == base.predikat
    assert rs.display.predikat_from == "exact" and rs.display.status == "provisional"
    assert rs.rule("peta-rencana-manajemen").status == "provisional"


# -- shipped suites ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def official_2023() -> Suite:
    return load_suite(SUITES / "official-2023.yaml")


def test_every_shipped_suite_passes(capsys: pytest.CaptureFixture[str]) -> None:
    names = {f.name for f in installed_suite_files()}
    for rid in ("permenpanrb-5-2018", "permenpanrb-59-2020", "pedoman-6-2023", "pedoman-3-2024", "pemantauan-2025", "permenpanrb-8-2026"):
        assert f"{rid}.yaml" in names  # a suite for every installed ruleset
    assert main(["test", "--installed", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {Path(s["path"]).name for s in doc["suites"]} == names
    assert doc["failed"] == 0 and doc["errors"] == []
    for s in doc["suites"]:
        assert s["cases"] and all(c["passed"] for c in s["cases"]), s["path"]


def test_suite_is_typed(official_2023: Suite) -> None:
    suite = official_2023
    assert suite.ruleset == "pedoman-6-2023"
    assert suite.source is not None and "2023" in suite.source.title
    assert [r.name for r in suite.not_reproduced] == ["2023-211 Pemerintah Kab. Banyuasin"]
    assert suite.boundary_sensitive == ("2023-141 Pemerintah Kab. Nias Barat", "2023-605 Pemerintah Kab. Boven Digoel")
    case = suite.case("2023-141 Pemerintah Kab. Nias Barat")
    assert case.expect.index == "1.80" and case.expect.predikat == "Cukup"
    assert case.expect.domains["D1"] and case.line is not None and case.file.endswith("official-2023.yaml")
    assert isinstance(case.assessment, spbe_rules.Assessment)


def test_the_boundary_cases_fail_under_the_other_years_rule(official_2023: Suite) -> None:
    report = run_suite(official_2023, ruleset_override="pedoman-3-2024")
    failed = {c.name for c in report.failures}
    assert failed == {"2023-141 Pemerintah Kab. Nias Barat", "2023-605 Pemerintah Kab. Boven Digoel"}
    m = report.failures[0].mismatches[0]
    assert (m.field, m.expected_in("en")) == ("predikat", "'Cukup'")
    assert m.got_in("en").startswith("'Kurang'") and "exact 1.7975" in m.got_in("en")
    assert "tepat 1.7975" in m.got_in("id")
    assert m.trail[0].kind == "index" and "unrounded" in m.trail[0].text.en


# -- a deliberately wrong weight in a copy of a ruleset -----------------------------------------


def test_wrong_weight_in_a_copy_fails_a_named_case(tmp_path: Path) -> None:
    text = (ROOT / "rulesets" / "permenpanrb-59-2020.yaml").read_text(encoding="utf-8")
    # move 0.10 of weight from indicator 10 to indicator 1: sums still hold, so the file is valid
    one = text.index("  - number: 1\n")
    ten = text.index("  - number: 10\n")
    w1 = text.index('weight: "1.30"', one)
    text = text[:w1] + 'weight: "1.40"' + text[w1 + len('weight: "1.30"') :]
    w10 = text.index('weight: "1.30"', ten)
    text = text[:w10] + 'weight: "1.20"' + text[w10 + len('weight: "1.30"') :]
    copy = tmp_path / "permenpanrb-59-2020-salah.yaml"
    copy.write_text(text, encoding="utf-8")

    report = run_suite(load_suite(SUITES / "permenpanrb-59-2020.yaml"), ruleset_override=copy)
    failed = {c.name: c for c in report.failures}
    name = "contoh peraturan Tabel 10-12: domain 3.70/3.40/3.00/3.20 -> indeks 3.28"
    assert name in failed
    fields = {m.field: m for m in failed[name].mismatches}
    assert set(fields) == {"domains.D1", "aspects.A1", "index_exact"}
    assert (fields["index_exact"].expected_in("en"), fields["index_exact"].got_in("en")) == ("3.281", "3.282")
    assert fields["domains.D1"].expected_in("en") == "'3.70'" and fields["domains.D1"].got_in("en").startswith("'3.71'")
    rendered = failed[name].render("en")
    assert rendered.startswith(f"FAIL {name} (")
    assert "domains.D1: expected '3.70', got '3.71' (exact 241/65)" in rendered
    assert "at domain D1 Kebijakan Internal SPBE = 3.71" in rendered
    dalam_bahasa = failed[name].render("id")
    assert dalam_bahasa.startswith(f"GAGAL {name} (") and "; set aturan " in dalam_bahasa
    assert "domains.D1: diharapkan '3.70', didapat '3.71' (tepat 241/65)" in dalam_bahasa  # one language: not 'exact'

    # the same through the command line: exit 1, the case and the field named
    code = main(["test", str(SUITES / "permenpanrb-59-2020.yaml"), "--ruleset", str(copy)])
    assert code == 1


# -- failures trace through the explanation ---------------------------------------------------


def test_failure_trail_goes_down_to_the_rule(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        f"""\
        format: spbe-rules/cases@1
        ruleset: pedoman-3-2024
        cases:
          - name: lupa peta rencana
            assessment:
              instansi: Contoh
              year: 2024
              levels: {ALL3}
              documents: {{peta_rencana_spbe: false}}
            expect:
              index: "3.00"
              domains: {{D3: "3.00"}}
              effective_levels: {{21: 3}}
        """,
    )
    report = run_suite(load_suite(p))
    assert not report.ok and report.failed == 1
    case = report.cases[0]
    fields = [m.field for m in case.mismatches]
    assert fields == ["index", "domains.D3", "effective_levels.21"]
    index, d3, e21 = case.mismatches
    assert index.got_in("en") == "'2.67' (exact 2.67)" and index.got_in("id") == "'2.67' (tepat 2.67)"
    # from the index: the domain that differs from what the case expects, then down to the rule
    assert [(n.kind, n.id) for n in index.trail] == [
        ("index", "index"),
        ("domain", "D3"),
        ("aspect", "A5"),
        ("indicator", "21"),
        ("rule", "peta-rencana-manajemen"),
    ]
    assert [(n.kind, n.id) for n in d3.trail][0] == ("domain", "D3")
    assert d3.trail[-1].kind == "rule"
    assert e21.got_in("en") == "1 (submitted 3) (lowered by peta-rencana-manajemen)"
    assert e21.got_in("id") == "1 (diajukan 3) (dibatasi oleh peta-rencana-manajemen)"
    assert [(n.kind, n.id) for n in e21.trail] == [("indicator", "21"), ("rule", "peta-rencana-manajemen")]
    assert "Peta Rencana" in e21.trail[-1].text.en
    text = case.render("en")
    assert "index: expected '3.00', got '2.67' (exact 2.67)" in text
    assert "index: diharapkan '3.00', didapat '2.67' (tepat 2.67)" in case.render("id")
    assert "-> rule peta-rencana-manajemen" in text


def test_tolerance_and_exact(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        f"""\
        format: spbe-rules/cases@1
        ruleset: permenpanrb-59-2020
        cases:
          - name: dalam toleransi
            assessment: {{instansi: A, year: 2022, levels: {ALL3}}}
            expect: {{index: "3.004", index_exact: 3.001, domains: {{D1: "2.996"}}, tolerance: "0.005"}}
          - name: di luar toleransi
            assessment: {{instansi: A, year: 2022, levels: {ALL3}}}
            expect: {{index: "3.01", tolerance: 0.005}}
          - name: tepat
            assessment: {{instansi: A, year: 2022, levels: {ALL3}}}
            expect: {{index: "3.00", index_exact: "3", predikat: Baik}}
          - name: teks tampilan dibandingkan persis
            assessment: {{instansi: A, year: 2022, levels: {ALL3}}}
            expect: {{index: "3.0"}}
        """,
    )
    suite = load_suite(p)
    assert suite.cases[0].expect.tolerance == Fraction(5, 1000)
    assert suite.cases[0].expect.index_exact == Fraction(3001, 1000)
    report = run_suite(suite)
    assert [c.passed for c in report.cases] == [True, False, True, False]
    assert report.cases[1].mismatches[0].expected_in("en") == "'3.01' within 0.005"
    assert report.cases[3].mismatches[0].got_in("en") == "'3.00' (exact 3)"


def test_expected_errors(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        f"""\
        format: spbe-rules/cases@1
        ruleset: permenpanrb-59-2020
        cases:
          - name: level nol ditolak
            assessment: {{instansi: A, year: 2022, levels: {{1: 0}}}}
            missing: lowest
            expect: {{error: LEVEL_OUT_OF_SCALE}}
          - name: mengharapkan galat tetapi lolos
            assessment: {{instansi: A, year: 2022, levels: {ALL3}}}
            expect: {{error: LEVEL_OUT_OF_SCALE}}
          - name: galat tak terduga
            assessment: {{instansi: A, year: 2022, levels: {{1: 3}}}}
            expect: {{index: "3.00"}}
        """,
    )
    report = run_suite(load_suite(p))
    assert [c.passed for c in report.cases] == [True, False, False]
    assert report.cases[1].mismatches[0].field == "error"
    assert report.cases[1].mismatches[0].got_in("en").startswith("no error (index 3.00")
    m = report.cases[2].mismatches[0]
    assert m.field == "evaluation" and "MISSING_LEVEL" in m.got_in("en")
    # one language throughout (issue 10: no more "diharapkan a result, didapat error")
    assert m.expected_in("id") == "sebuah hasil" and m.got_in("id").startswith("kesalahan: [MISSING_LEVEL] ")
    assert "tidak memberi tingkat kematangan" in m.got_in("id") and "gives no level" in m.got_in("en")


def test_unknown_ids_in_expectations_are_failures_not_crashes(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        """\
        format: spbe-rules/cases@1
        ruleset: permenpanrb-8-2026
        cases:
          - name: domain di ruleset tanpa domain
            assessment: {instansi: A, year: 2026, levels: {1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3, 8: 3, 9: 3, 10: 3, 11: 3, 12: 3, 13: 3, 14: 3, 15: 3, 16: 3, 17: 3, 18: 3, 19: 3, 20: 3}}
            expect: {domains: {D1: "3.00"}, aspects: {A9: "3.00"}, effective_levels: {47: 3}}
        """,
    )
    case = run_suite(load_suite(p)).cases[0]
    got = {m.field: m.got_in("en") for m in case.mismatches}
    assert "it has no domains" in got["domains.D1"]
    assert got["aspects.A9"].startswith("no aspect A9 in ruleset permenpanrb-8-2026")
    assert got["effective_levels.47"] == "no indicator 47 in ruleset permenpanrb-8-2026"


def test_case_options(tmp_path: Path) -> None:
    docs = "{arsitektur_spbe: false, peta_rencana_spbe: true, proses_bisnis: true}"
    p = write(
        tmp_path,
        f"""\
        format: spbe-rules/cases@1
        cases:
          - name: aturan opsional
            ruleset: pedoman-6-2023
            enable_rules: [tiga-dokumen]
            assessment: {{instansi: A, year: 2023, levels: {ALL3}, documents: {docs}}}
            expect: {{index: "2.32", effective_levels: {{13: 1}}}}
          - name: aturan dimatikan
            disable_rules: [peta-rencana-manajemen]
            assessment: {{instansi: A, year: 2024, levels: {ALL3}, documents: {{peta_rencana_spbe: false}}}}
            expect: {{index: "3.00"}}
        """,
    )
    report = run_suite(load_suite(p))
    assert report.ok, report.render()
    assert [c.ruleset for c in report.cases] == ["pedoman-6-2023", "pedoman-3-2024"]  # the second by its year


def test_a_ruleset_path_is_relative_to_the_suite(tmp_path: Path) -> None:
    (tmp_path / "rs").mkdir()
    shutil.copy(ROOT / "rulesets" / "permenpanrb-59-2020.yaml", tmp_path / "rs" / "salinan.yaml")
    p = write(
        tmp_path,
        f"""\
        format: spbe-rules/cases@1
        ruleset: rs/salinan.yaml
        cases:
          - name: a
            assessment: {{instansi: A, year: 2022, levels: {ALL3}}}
            expect: {{index: "3.00"}}
        """,
    )
    assert run_suite(load_suite(p)).ok


# -- bad suites -----------------------------------------------------------------------------


def test_bad_suite_problems_have_places(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        f"""\
        format: spbe-rules/cases@1
        ruleset: permenpanrb-59-2020
        cases:
          - name: a
            assessment: {{instansi: A, year: 2022, levels: {ALL3}}}
            expect: {{index: "3.00"}}
          - name: a
            assessment: {{instansi: A, year: 2022, levels: {{1: x}}}}
            expect: {{index: "3.00"}}
          - name: b
            assessment: {{instansi: A, year: 2022, levels: {ALL3}}}
            expect: {{error: MISSING_LEVEL, index: "3.00"}}
        boundary_sensitive: [c]
        """,
    )
    with pytest.raises(CaseSuiteError) as info:
        load_suite(p)
    exc = info.value
    assert isinstance(exc, ValidationError) and isinstance(exc, ValueError)
    assert sorted(exc.codes) == ["DUPLICATE_CASE", "EXPECT_CONFLICT", "TYPE", "UNKNOWN_CASE"]
    by_code = {pr.code: pr for pr in exc.problems}
    assert str(by_code["DUPLICATE_CASE"].location) == f"{p}:7:11"
    assert "pertama pada baris 4" in by_code["DUPLICATE_CASE"].message
    assert by_code["TYPE"].location.line == 8
    assert by_code["TYPE"].location.json_path == '$.cases[1].assessment.levels["1"]'
    assert by_code["UNKNOWN_CASE"].location.line == 13
    assert by_code["EXPECT_CONFLICT"].location.line == 12


def test_schema_problems(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        """\
        format: spbe-rules/cases@1
        cases:
          - name: a
            assesment: {instansi: A, year: 2022, levels: {1: 3}}
            expect: {}
        """,
    )
    with pytest.raises(CaseSuiteError) as info:
        load_suite(p)
    text = str(info.value)
    assert "kunci `assesment` tidak dikenal (maksud Anda `assessment`?)" in text
    assert f"{p}:4:" in text
    assert set(info.value.codes) >= {"UNKNOWN_KEY", "REQUIRED", "EMPTY"}


def test_unreadable_suites(tmp_path: Path) -> None:
    with pytest.raises(CaseSuiteError) as info:
        load_suite(tmp_path / "tidak-ada.yaml")
    assert info.value.codes == ["NOT_FOUND"]
    p = write(tmp_path, "- 1\n- 2\n")
    with pytest.raises(CaseSuiteError) as info:
        load_suite(p)
    assert info.value.codes == ["TYPE"]


# -- the command -------------------------------------------------------------------------------


def test_cli_test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(SUITES / "permenpanrb-59-2020.yaml"), str(SUITES / "permenpanrb-8-2026.yaml")]) == 0
    out = capsys.readouterr().out
    assert "jumlah: 41 lulus, 0 gagal dalam 2 kumpulan kasus" in out  # Bahasa Indonesia by default
    assert main(["test", str(SUITES / "permenpanrb-59-2020.yaml"), str(SUITES / "permenpanrb-8-2026.yaml"), "--lang", "en"]) == 0
    assert "total: 41 passed, 0 failed in 2 suites" in capsys.readouterr().out

    assert main(["test", str(SUITES / "pedoman-6-2023.yaml"), "--ruleset", "pedoman-3-2024", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "spbe-rules/test-report@1" and doc["failed"] > 0
    failed = [c for c in doc["suites"][0]["cases"] if not c["passed"]]
    assert {m["field"] for c in failed for m in c["mismatches"]} >= {"predikat"}

    bad = write(tmp_path, "format: spbe-rules/cases@1\ncases: []\n", "bad.yaml")
    assert main(["test", str(bad)]) == 2
    assert "tidak boleh kosong" in capsys.readouterr().err
    assert main(["test", str(tmp_path / "kosong")]) == 2
    assert main(["test"]) == 2
    assert main(["test", str(SUITES / "permenpanrb-59-2020.yaml"), "--ruleset", "tidak-ada"]) == 2


def test_cli_test_folder_and_installed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SUITES / "permenpanrb-8-2026.yaml", tmp_path / "a.yaml")
    (tmp_path / "bukan-suite.yaml").write_text("format: spbe-rules/assessment@1\n", encoding="utf-8")
    assert main(["test", str(tmp_path), "-v", "--lang", "id"]) == 0
    out = capsys.readouterr().out
    assert out.count("LULUS ") == 24 and "a.yaml: 24 lulus, 0 gagal" in out
    # --installed adds the shipped suites to the ones named; with --ruleset, suites written for another
    # structure are skipped and named (they would only fail: 620 false failures for official-2023)
    assert main(["test", str(tmp_path / "a.yaml"), "--installed", "--ruleset", "permenpanrb-8-2026", "--lang", "en", "-o", str(tmp_path / "r.txt")]) == 0
    report = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert "a.yaml: 24 passed, 0 failed" in report and "official-2023.yaml: skipped: written for ruleset pedoman-6-2023" in report


def test_validate_knows_suites(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SUITES / "pedoman-3-2024.yaml")]) == 0
    assert "ok (kumpulan kasus, 14 kasus)" in capsys.readouterr().out


def test_a_ruleset_runs_only_against_suites_of_its_structure(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["test", str(SUITES / "permenpanrb-5-2018.yaml"), str(SUITES / "pedoman-3-2024.yaml"), "--ruleset", "pedoman-3-2024"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "permenpanrb-5-2018.yaml: dilewati: ditulis untuk set aturan permenpanrb-5-2018 (35 indikator)" in out
    assert "pedoman-3-2024 (47 indikator)" in out and "suites/pedoman-3-2024.yaml: " in out
