"""Impact: every assessment under two rulesets, what moved and which change caused it."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

import spbe_rules
from spbe_rules import impact, load_suite
from spbe_rules.errors import CorpusError
from spbe_rules._cli.main import main
from spbe_rules._analysis.impact import Entry, _full, _quick, read_corpus

ROOT = Path(__file__).resolve().parents[1]
SUITES = ROOT / "suites"
ALL3 = "{" + ", ".join(f"{n}: 3" for n in range(1, 48)) + "}"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests quote the English texts of the report: ask for English (Bahasa Indonesia is the default)."""
    monkeypatch.setenv("SPBE_RULES_LANG", "en")


def test_boundary_rule_moves_exactly_the_boundary_sensitive_rows() -> None:
    suite = load_suite(SUITES / "official-2023.yaml")
    report = impact("pedoman-6-2023", "pedoman-3-2024", SUITES / "official-2023.yaml")
    assert report.corpus_kind == "suite" and report.summary.rows == len(suite.cases) == 620
    assert report.summary.not_evaluated == 0
    moved = {r.name for r in report.moved}
    assert moved == set(suite.boundary_sensitive) == {"2023-141 Pemerintah Kab. Nias Barat", "2023-605 Pemerintah Kab. Boven Digoel"}
    for r in report.moved:
        assert r.a is not None and r.b is not None
        assert (r.a.predikat, r.b.predikat) == ("Cukup", "Kurang")
        assert r.a.index_exact == r.b.index_exact and r.a.index == r.b.index == "1.80"
        assert r.causes == ("display.predikat_from",)  # same exact index: the display rule did it
    s = report.summary
    assert (s.moved, s.index_changed, s.exact_changed) == (2, 0, 0)
    assert [(t.before, t.after, t.rows) for t in s.transitions] == [("Cukup", "Kurang", 2)]
    assert [(c.change, c.rows, c.moved) for c in s.causes] == [("display.predikat_from", 2, 2)]
    text = report.render()
    assert "predikat changed: 2 (Cukup -> Kurang: 2)" in text
    assert "2023-141 Pemerintah Kab. Nias Barat: 1.80 Cukup -> 1.80 Kurang (exact 1.7975 -> 1.7975, 0)  caused by display.predikat_from" in text


def test_2024_results_under_the_2023_rule() -> None:
    suite = load_suite(SUITES / "official-2024.yaml")
    report = impact("pedoman-3-2024", "pedoman-6-2023", SUITES / "official-2024.yaml")
    assert {r.name for r in report.moved} == set(suite.boundary_sensitive)


def test_fast_path_agrees_with_evaluate() -> None:
    """Attribution re-evaluates through the compiled engine; it must give what evaluate gives."""
    for f in sorted(SUITES.glob("*.yaml")):
        if f.name.startswith("official"):
            continue
        suite = load_suite(f)
        rs = spbe_rules.load_ruleset(suite.ruleset or "")
        for c in suite.cases:
            e = Entry(c.name, c.place, c.assessment, None, c.enable_rules, c.disable_rules, c.missing)
            assert _quick(rs, e) == _full(rs, e), c.name


def test_weight_change_is_attributed_to_the_weights(tmp_path: Path) -> None:
    # move 0.50 of weight from indicator 33 to indicator 32 (same aspect: sums still hold)
    (tmp_path / "bobot.yaml").write_text(
        textwrap.dedent(
            """\
            format: spbe-rules/ruleset@1
            id: uji-bobot
            version: "0.1.0"
            title: Uji bobot
            status: provisional
            reason: uji
            extends: permenpanrb-59-2020
            applies_to: {evaluation_years: []}
            indicators:
              - {number: 32, weight: "3.25"}
              - {number: 33, weight: "2.25"}
            """
        ),
        encoding="utf-8",
    )
    corpus = tmp_path / "kasus.yaml"
    lv_up = {**{n: 3 for n in range(1, 48)}, 32: 5, 33: 1}
    lv_same = {n: 3 for n in range(1, 48)}
    corpus.write_text(
        textwrap.dedent(
            f"""\
            format: spbe-rules/cases@1
            ruleset: permenpanrb-59-2020
            cases:
              - name: naik
                assessment: {{instansi: A, year: 2022, levels: {lv_up}}}
                expect: {{index: "3.00"}}
              - name: tetap
                assessment: {{instansi: B, year: 2022, levels: {lv_same}}}
                expect: {{index: "3.00"}}
            """
        ),
        encoding="utf-8",
    )
    report = impact("permenpanrb-59-2020", tmp_path / "bobot.yaml", corpus)
    up, same = report.rows
    # 2 x 0.50 + (-2) x 0.50 = +2.00 points of weight x level, /100 = +0.02
    assert up.delta == spbe_rules.evaluate(spbe_rules.load_ruleset(tmp_path / "bobot.yaml"), load_suite(corpus).cases[0].assessment).index_exact - 3
    assert str(up.delta) == "1/50" and up.causes == ("indicators[32].weight", "indicators[33].weight")
    assert same.delta == 0 and same.causes == () and same.status == "same"
    assert up.status == "index changed"


def test_rule_change_and_rows_that_cannot_be_evaluated(tmp_path: Path) -> None:
    report = impact("permenpanrb-59-2020", "pedoman-3-2024", SUITES / "pedoman-3-2024.yaml")
    capped = report.row("Peta Rencana disimpulkan dari indikator 12 tingkat 1: dibatasi")
    assert capped.a is not None and capped.b is not None
    assert (capped.a.index, capped.b.index) == ("2.95", "2.62")
    assert capped.causes == ("rules[peta-rencana-manajemen]",)
    boundary = report.row("batas predikat: indeks persis 1.7975 tampil 1.80 -> Kurang")
    assert boundary.causes == ("display.predikat_from",)
    # 59/2020 declares no documents: rows that state one are listed with the reason, not dropped
    doc_row = report.row("dengan Peta Rencana SPBE: tidak ada pembatasan")
    assert doc_row.a is None and doc_row.b is not None and doc_row.status == "not evaluated"
    assert doc_row.error_a == "[UNKNOWN_DOCUMENT] document `peta_rencana_spbe` is not declared by ruleset permenpanrb-59-2020"
    assert "kunci dokumen salah ditolak" in {r.name for r in report.not_evaluated}
    assert report.summary.rows == len(report.rows) == 14


def test_structural_change_lists_every_row(tmp_path: Path) -> None:
    report = impact("permenpanrb-59-2020", "permenpanrb-8-2026", SUITES / "permenpanrb-59-2020.yaml")
    assert report.summary.rows == 17 and report.summary.evaluated == 0
    assert all(r.error_b for r in report.rows) and all(r.causes == () for r in report.rows)
    assert "[UNKNOWN_INDICATOR] indicator 21 does not exist in ruleset permenpanrb-8-2026" in (report.rows[0].error_b or "")


HEADER = ";".join(["instansi", "year", "stage", *map(str, range(1, 48)), "doc:peta_rencana_spbe"])


def csv_row(instansi: str, stage: str, levels: list[str], doc: str) -> str:
    return ";".join([instansi, "2023", stage, *levels, doc])


CSV = (
    "\n".join(
        [
            HEADER,
            csv_row("Kab. Satu", "", ["3"] * 47, "tidak"),
            csv_row("Kab. Dua", "dokumen", ["3"] * 46 + ["x"], ""),
            csv_row("Kab. Tiga", "", ["3"] * 46 + [""], "ya"),
            "",
            csv_row("Kab. Empat", "", ["4"] * 47, ""),
        ]
    )
    + "\n"
)


def test_csv_corpus(tmp_path: Path) -> None:
    """The CSV layout is the one of `spbe-rules batch` (docs/batch.md)."""
    f = tmp_path / "hasil.csv"
    f.write_text("# a comment line, as in the batch template\n" + CSV, encoding="utf-8")
    kind, entries = read_corpus(f)
    assert kind == "csv" and [e.name for e in entries] == ["Kab. Satu 2023", "Kab. Dua 2023", "Kab. Tiga 2023", "Kab. Empat 2023"]
    assert entries[1].source == f"{f}:4" and entries[1].error == "[NOT_A_NUMBER] indicator 47: 'x' is not a number (column 50)"
    assert entries[0].assessment is not None and entries[0].assessment.documents == {"peta_rencana_spbe": False}
    report = impact("pedoman-6-2023", "pedoman-3-2024", f)
    rows = {r.name: r for r in report.rows}
    assert len(rows) == 4  # never dropped
    assert rows["Kab. Satu 2023"].a is not None and rows["Kab. Satu 2023"].a.index == "2.67"
    assert rows["Kab. Dua 2023"].error_a == rows["Kab. Dua 2023"].error_b == entries[1].error
    assert "MISSING_LEVEL" in (rows["Kab. Tiga 2023"].error_a or "")
    assert rows["Kab. Empat 2023"].b is not None and rows["Kab. Empat 2023"].b.predikat == "Sangat Baik"
    assert "not evaluated:" in report.render() and f"Kab. Dua 2023 ({f}:4)" in report.render()


def test_bad_corpus(tmp_path: Path) -> None:
    f = tmp_path / "salah.csv"
    f.write_text("nama,tahun,1\nA,2023,3\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        read_corpus(f)
    assert "UNKNOWN_COLUMN" in info.value.codes
    assert f"{f}:1:1: [UNKNOWN_COLUMN] column 1 is named 'nama'" in str(info.value)
    with pytest.raises(CorpusError):
        read_corpus(tmp_path / "tidak-ada")
    (tmp_path / "ruleset.yaml").write_text("format: spbe-rules/ruleset@1\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        read_corpus(tmp_path / "ruleset.yaml")
    assert info.value.codes == ["NOT_A_CORPUS"]


def test_folder_corpus(tmp_path: Path) -> None:
    for name in ("kabupaten-contoh-2024.yaml", "tanpa-dokumen-2023.yaml", "bertahap-2024.yaml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    (tmp_path / "rusak.yaml").write_text("instansi: A\nyear: 2024\nlevels: {1: lima}\n", encoding="utf-8")
    report = impact("pedoman-6-2023", "pedoman-3-2024", tmp_path)
    assert report.corpus_kind == "folder" and report.summary.rows == 4
    broken = report.row("rusak.yaml")
    assert broken.error_a is not None and "not a valid assessment" in broken.error_a and ":3:" in broken.error_a
    assert report.summary.evaluated == 3


def test_assessments_in_code() -> None:
    rs = spbe_rules.load_ruleset("pedoman-6-2023")
    near = spbe_rules.Assessment.from_levels({**{n: 1 for n in rs.numbers}, **{n: 4 for n in range(32, 41)}, 41: 3}, instansi="Kode", year=2023)
    partial = spbe_rules.Assessment.from_levels({n: 3 for n in range(1, 47)}, instansi="Kurang satu", year=2023)
    report = impact(rs, "pedoman-3-2024", [near, partial], missing="lowest")
    assert report.corpus_kind == "assessments" and [r.status for r in report.rows] == ["predikat changed", "same"]
    assert report.rows[1].a is not None and report.rows[1].a.index == "2.94"  # indicator 47 counted at level 1


def test_cli_impact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["impact", "pedoman-6-2023", "pedoman-3-2024", str(SUITES / "pedoman-6-2023.yaml")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "caused by (each change tried alone" in out and "display.predikat_from" in out
    assert main([*args, "--fail-on-change"]) == 1
    capsys.readouterr()
    assert main([*args, "--format", "json", "-o", str(tmp_path / "i.json")]) == 0
    doc = json.loads((tmp_path / "i.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "spbe-rules/impact@1" and doc["summary"]["moved"] == 4
    moved = [r for r in doc["rows"] if r["status"] == "predikat changed"]
    assert len(moved) == 4 and all(r["causes"] == ["display.predikat_from"] and r["delta"] == "0" for r in moved)
    assert "both directions" in doc["method"]
    assert main(["impact", "pedoman-6-2023", "pedoman-3-2024", str(tmp_path / "tidak-ada.csv")]) == 2
    assert "corpus does not exist" in capsys.readouterr().err


def test_report_in_bahasa_indonesia_by_default(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("SPBE_RULES_LANG")
    code = main(["impact", "pedoman-6-2023", "pedoman-3-2024", str(SUITES / "pedoman-6-2023.yaml")])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("dampak pedoman-6-2023 ") and "disebabkan oleh (setiap perubahan dicoba sendiri" in out
    assert "caused by" not in out and "predikat changed" not in out
