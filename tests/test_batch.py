"""Batch evaluation: evaluate_many, the backends, `spbe-rules batch` and `spbe-rules template`."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spbe_rules
from spbe_rules import Assessment, evaluate, evaluate_many, load_ruleset
from spbe_rules.batch import BatchFailure, BatchResult, BatchRow, evaluate_levels
from spbe_rules._io.batch_rows import fast_available, int64_bound
from spbe_rules._cli.main import main

RULESETS = ["permenpanrb-5-2018", "permenpanrb-59-2020", "pedoman-6-2023", "pedoman-3-2024", "permenpanrb-8-2026"]
needs_numpy = pytest.mark.skipif(not fast_available(), reason="numpy not installed (spbe-rules[fast])")


def _row_strategy(rs: spbe_rules.Ruleset) -> st.SearchStrategy[tuple[dict[int, int], dict[str, bool]]]:
    levels = st.fixed_dictionaries({n: st.integers(rs.scale.min, rs.scale.max) for n in rs.numbers})
    docs = st.fixed_dictionaries({}, optional={d.key: st.booleans() for d in rs.documents})
    return st.tuples(levels, docs)


@st.composite
def batches(draw: st.DrawFn) -> tuple[str, list[tuple[dict[int, int], dict[str, bool]]], tuple[str, ...]]:
    rid = draw(st.sampled_from(RULESETS))
    rs = load_ruleset(rid)
    rows = draw(st.lists(_row_strategy(rs), min_size=1, max_size=12))
    enable = tuple(r.id for r in rs.rules if not r.enabled and draw(st.booleans()))
    return rid, rows, enable


def _same(out: BatchResult, res: spbe_rules.Result) -> None:
    assert out.index == res.index
    assert out.index_exact == res.index_exact
    assert out.predikat == res.predikat
    assert dict(out.domains) == {d.id: d.index for d in res.domains}
    assert dict(out.aspects) == {a.id: a.index for a in res.aspects}
    assert dict(out.effective_levels) == res.effective_levels


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches())
def test_every_backend_gives_the_numbers_of_evaluate(batch: tuple[str, list[tuple[dict[int, int], dict[str, bool]]], tuple[str, ...]]) -> None:
    rid, rows, enable = batch
    rs = load_ruleset(rid)
    batch_rows = [BatchRow(f"Instansi {k}", 2024, lv, None, docs, None, "mem", k + 1) for k, (lv, docs) in enumerate(rows)]
    backends = ["python", "numpy"] if fast_available() else ["python"]
    outs = {b: list(evaluate_many(rs, batch_rows, enable_rules=enable, backend=b, chunk_size=5)) for b in backends}  # type: ignore[arg-type]
    for k, (lv, docs) in enumerate(rows):
        res = evaluate(rs, Assessment.from_levels(lv, documents=docs, year=2024), enable_rules=enable)
        for b in backends:
            out = outs[b][k]
            assert isinstance(out, BatchResult), out
            _same(out, res)
            assert out.line == k + 1


@needs_numpy
@settings(max_examples=40, deadline=None)
@given(batches())
def test_evaluate_levels_numpy_equals_python(batch: tuple[str, list[tuple[dict[int, int], dict[str, bool]]], tuple[str, ...]]) -> None:
    import numpy as np

    rid, rows, enable = batch
    rs = load_ruleset(rid)
    numbers = sorted(rs.numbers)
    mat = [[lv[n] for n in numbers] for lv, _ in rows]
    docs = [d for _, d in rows]
    a = evaluate_levels(rs, np.array(mat), docs, enable_rules=enable, backend="numpy")
    b = evaluate_levels(rs, mat, docs, enable_rules=enable, backend="python")
    arrays_a, arrays_b = a.arrays(), b.arrays()  # the kernel's arrays (before any list is made) and the lists as arrays
    assert set(arrays_a) == set(arrays_b) == {"total", "index", "predikat", "aspects", "domains", "effective"}
    for name in arrays_a:
        assert arrays_a[name].tolist() == arrays_b[name].tolist() == getattr(b, name), name
    for name in ("total", "index", "predikat", "aspects", "domains", "effective"):
        assert getattr(a, name) == getattr(b, name), name
    assert [a.index_exact(i) for i in range(len(rows))] == [b.index_exact(i) for i in range(len(rows))]


def _levels_for(rs: spbe_rules.Ruleset, index: Fraction) -> dict[int, int] | None:
    """Levels whose exact index is ``index`` (a small subset-sum over the scaled weights)."""
    from spbe_rules._engine.engine import compiled

    c = compiled(rs)
    lo = rs.scale.min
    target = index * c.total_w - lo * sum(c.w)
    if target.denominator != 1:
        return None
    reach: dict[int, dict[int, int]] = {0: {}}
    for n, w in zip(c.numbers, c.w):
        nxt = dict(reach)
        for total, chosen in reach.items():
            for extra in range(1, rs.scale.max - lo + 1):
                t = total + extra * w
                if t <= target and t not in nxt:
                    nxt[t] = {**chosen, n: extra}
        reach = nxt
    chosen = reach.get(int(target))
    if chosen is None:
        return None
    return {n: lo + chosen.get(n, 0) for n in c.numbers}


@pytest.mark.parametrize(("rid", "expect"), [("pedoman-6-2023", "Cukup"), ("pedoman-3-2024", "Kurang")])
def test_predikat_follows_the_display_rule_at_band_edges(rid: str, expect: str) -> None:
    """1.7975 is shown 1.80: Cukup where the predikat is read from the rounded index (2023), Kurang from the exact one (2024)."""
    rs = load_ruleset(rid)
    levels = _levels_for(rs, Fraction(17975, 10000))
    assert levels is not None
    assert evaluate(rs, Assessment.from_levels(levels, year=2024)).predikat == expect
    for backend in ["python", "numpy"] if fast_available() else ["python"]:
        (out,) = evaluate_many(rs, [BatchRow("X", 2024, levels)], backend=backend)  # type: ignore[arg-type]
        assert isinstance(out, BatchResult)
        assert (out.index, out.index_exact, out.predikat) == ("1.80", Fraction(17975, 10000), expect)


def test_int64_bound_is_far_from_overflow() -> None:
    for rid in RULESETS:
        assert int64_bound(load_ruleset(rid)) < 2**40


def test_rows_are_consumed_lazily() -> None:
    rs = load_ruleset("pedoman-3-2024")
    seen = []

    def rows() -> Iterator[BatchRow]:
        for k in range(10):
            seen.append(k)
            yield BatchRow(f"I{k}", 2024, {n: 2 for n in rs.numbers})
        raise RuntimeError("the reader broke")

    it = evaluate_many(rs, rows(), chunk_size=4)
    first = next(it)
    assert isinstance(first, BatchResult)
    assert len(seen) == 4  # one chunk read, not everything
    with pytest.raises(RuntimeError):
        list(it)


def test_failures_keep_good_rows_and_order() -> None:
    rs = load_ruleset("pedoman-3-2024")
    good = {n: 3 for n in rs.numbers}
    rows = [
        BatchRow("A", 2024, good, line=2),
        BatchRow("B", 2024, {**good, 5: 7}, line=3, columns={"5": 9}),
        BatchRow("C", 2024, good, stage="wawancara", line=4, columns={"stage": 3}),
        BatchRow("A", 2024, good, line=5, columns={"instansi": 1}),
        BatchRow("D", 2024, good, documents={"peta": True}, line=6, columns={"doc:peta": 4}),
        BatchRow("E", 2024, good, line=7),
    ]
    out = list(evaluate_many(rs, rows))
    assert [type(o).__name__ for o in out] == ["BatchResult", "BatchFailure", "BatchFailure", "BatchFailure", "BatchFailure", "BatchResult"]
    codes = [(p.code, p.location.line, p.location.col) for o in out if isinstance(o, BatchFailure) for p in o.problems]
    assert codes == [("LEVEL_OUT_OF_SCALE", 3, 9), ("UNKNOWN_STAGE", 4, 3), ("DUPLICATE_ROW", 5, 1), ("UNKNOWN_DOCUMENT", 6, 4)]
    with pytest.raises(spbe_rules.AssessmentError):
        list(evaluate_many(rs, rows, stop_on_error=True))


def test_assessments_and_ruleset_by_year() -> None:
    root = Path(__file__).resolve().parents[1] / "examples"
    assessments = [spbe_rules.load_assessment(p) for p in sorted(root.glob("*.yaml"))]
    out = list(evaluate_many(None, assessments))
    for a, o in zip(assessments, out):
        assert isinstance(o, BatchResult)
        from spbe_rules._loading.select import ruleset_for_assessment

        res = evaluate(ruleset_for_assessment(a), a)
        _same(o, res)
        assert o.stage == res.stage


def test_missing_lowest_and_no_ruleset_for_year() -> None:
    rs = load_ruleset("pedoman-3-2024")
    partial = {n: 3 for n in rs.numbers if n != 7}
    (out,) = evaluate_many(rs, [BatchRow("A", 2024, partial)], missing="lowest")
    assert isinstance(out, BatchResult)
    res = evaluate(rs, Assessment.from_levels(partial, year=2024), missing="lowest")
    _same(out, res)
    (bad,) = evaluate_many(None, [BatchRow("A", 1999, partial, line=2, columns={"year": 2})])
    assert isinstance(bad, BatchFailure)
    assert bad.problems[0].code == "NO_RULESET" and bad.problems[0].location.col == 2


# -- the command line ------------------------------------------------------------------------


def _template_header(path: Path) -> tuple[list[str], list[str]]:
    comments, header = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comments.append(line)
        else:
            header = next(csv.reader([line]))
    return comments, header


def _fill(header: list[str], instansi: str, year: int, levels: dict[int, int], docs: dict[str, bool], stage: str = "") -> list[str]:
    cells = []
    for h in header:
        if h == "instansi":
            cells.append(instansi)
        elif h == "year":
            cells.append(str(year))
        elif h == "stage":
            cells.append(stage)
        elif h.startswith("doc:"):
            v = docs.get(h[4:])
            cells.append("" if v is None else ("ya" if v else "tidak"))
        else:
            cells.append(str(levels.get(int(h), "")))
    return cells


def test_template_csv_documents_every_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.csv"
    assert main(["template", "--ruleset", "pedoman-3-2024", "-o", str(out)]) == 0
    comments, header = _template_header(out)
    rs = load_ruleset("pedoman-3-2024")
    assert header[:3] == ["instansi", "year", "stage"]
    assert header[-47:] == [str(n) for n in range(1, 48)]
    text = "\n".join(comments)
    for ind in rs.indicators:
        assert f"#   {ind.number}: {ind.name}" in text
    assert "1..5: 1 Rintisan" in text


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_row_strategy(load_ruleset("pedoman-3-2024")), min_size=1, max_size=15))
def test_round_trip_template_batch_evaluate(tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[dict[int, int], dict[str, bool]]]) -> None:
    tmp = tmp_path_factory.mktemp("rt")
    template = tmp / "t.csv"
    assert main(["template", "--ruleset", "pedoman-3-2024", "-o", str(template)]) == 0
    comments, header = _template_header(template)
    filled = tmp / "isi.csv"
    with open(filled, "w", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(comments) + "\n")
        w = csv.writer(fh)
        w.writerow(header)
        for k, (lv, docs) in enumerate(rows):
            w.writerow(_fill(header, f"Kabupaten {k}, Contoh", 2024, lv, docs, "dokumen"))
    out = tmp / "hasil.jsonl"
    assert main(["batch", str(filled), "-o", str(out), "--progress", "off"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(rows)
    rs = load_ruleset("pedoman-3-2024")
    for k, ((lv, docs), rec) in enumerate(zip(rows, records)):
        res = evaluate(rs, Assessment.from_levels(lv, documents=docs, year=2024))
        assert rec["instansi"] == f"Kabupaten {k}, Contoh"
        assert rec["row"] == len(comments) + 2 + k
        assert (rec["index"], rec["predikat"], rec["ruleset"], rec["stage"]) == (res.index, res.predikat, "pedoman-3-2024", "dokumen")
        assert Fraction(rec["index_exact"]) == res.index_exact
        assert rec["domains"] == {d.id: d.index for d in res.domains}
        assert rec["aspects"] == {a.id: a.index for a in res.aspects}
        assert rec["effective_levels"] == {str(n): v for n, v in res.effective_levels.items()}


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def test_bad_rows_are_reported_with_row_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rs = load_ruleset("pedoman-3-2024")
    header = ["instansi", "year", "stage", *(str(n) for n in rs.numbers), "99"]
    good = {n: 3 for n in rs.numbers}
    col = {h: k + 1 for k, h in enumerate(header)}

    def row(name: str, **change: str) -> list[str]:
        cells = _fill(header[:-1], name, 2024, good, {}) + [""]
        for k, v in change.items():
            cells[col[k.lstrip("_")] - 1] = v
        return cells

    rows = [
        row("Baik 1"),
        row("Level tujuh", _5="7"),
        row("Kolom tak dikenal", _99="3"),
        row("Sel kosong", _12=""),
        row("Teks", _30="tiga"),
        row("Baik 1"),  # duplicate of the first
        row("Baik 2"),
    ]
    src = tmp_path / "isi.csv"
    _write_csv(src, header, rows)
    out = tmp_path / "hasil.csv"
    errors = tmp_path / "masalah.csv"
    code = main(["batch", str(src), "-o", str(out), "--errors", str(errors), "--progress", "off"])
    assert code == 1
    err = capsys.readouterr().err
    expected = [
        (3, col["5"], "LEVEL_OUT_OF_SCALE"),
        (4, col["99"], "UNKNOWN_INDICATOR"),
        (5, col["12"], "MISSING_LEVEL"),
        (6, col["30"], "NOT_A_NUMBER"),
        (7, col["instansi"], "DUPLICATE_ROW"),
    ]
    for line, c, code_ in expected:
        assert f"{src}:{line}:{c}: [{code_}]" in err
    assert "2 baris dinilai, 5 baris salah dilewati" in err
    with open(out, encoding="utf-8") as fh:
        got = list(csv.DictReader(fh))
    assert [r["instansi"] for r in got] == ["Baik 1", "Baik 2"]
    assert [r["row"] for r in got] == ["2", "8"]
    res = evaluate(rs, Assessment.from_levels(good, year=2024))
    assert got[0]["index"] == res.index and got[0]["predikat"] == res.predikat
    with open(errors, encoding="utf-8") as fh:
        probs = [(int(r["row"]), int(r["column"]), r["code"]) for r in csv.DictReader(fh)]
    assert probs == expected
    # --stop-on-error: the first bad row ends the run, nothing is written
    out2 = tmp_path / "stop.csv"
    assert main(["batch", str(src), "-o", str(out2), "--stop-on-error", "--progress", "off"]) == 2
    assert "[LEVEL_OUT_OF_SCALE]" in capsys.readouterr().err
    assert not out2.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_bad_header_stops_before_anything_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "isi.csv"
    _write_csv(src, ["instansi", "tahun", "levle", "1"], [["A", "2024", "", "3"]])
    out = tmp_path / "hasil.csv"
    assert main(["batch", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{src}:1:3: [UNKNOWN_COLUMN]" in err
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


def test_semicolon_csv_with_bom_and_comments(tmp_path: Path) -> None:
    rs = load_ruleset("pedoman-6-2023")
    header = ["instansi", "year", *(str(n) for n in rs.numbers)]
    text = "# komentar\n" + ";".join(header) + "\n" + ";".join(["Kota A", "2023", *["2"] * 47]) + "\n"
    src = tmp_path / "isi.csv"
    src.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    out = tmp_path / "hasil.jsonl"
    assert main(["batch", str(src), "-o", str(out)]) == 0
    (rec,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rec["ruleset"] == "pedoman-6-2023" and rec["row"] == 3 and rec["index"] == "2.00"


def test_folder_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parents[1] / "examples"
    folder = tmp_path / "penilaian"
    folder.mkdir()
    for p in root.glob("*.yaml"):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "rusak.yaml").write_text("instansi: X\nyear: 2024\nlevels: {1: 9}\n", encoding="utf-8")
    out = tmp_path / "hasil.csv"
    assert main(["batch", str(folder), "-o", str(out), "--missing", "lowest"]) == 1
    err = capsys.readouterr().err
    assert "rusak.yaml:3:" in err and "LEVEL_OUT_OF_SCALE" in err
    with open(out, encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == len(list(root.glob("*.yaml")))


openpyxl = pytest.importorskip("openpyxl", reason="openpyxl not installed (spbe-rules[excel])")


def test_xlsx_template_input_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "t.xlsx"
    assert main(["template", "--ruleset", "pedoman-3-2024", "-o", str(template)]) == 0
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["penilaian", "petunjuk"]
    ws = wb["penilaian"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["instansi", "year", "stage"] and header[-1] == "47"
    help_rows = [[c.value for c in r] for r in wb["petunjuk"].iter_rows(min_row=6)]
    assert ["1", load_ruleset("pedoman-3-2024").indicator(1).name] == [help_rows[6][0], help_rows[6][1].split(" [")[0]]
    rs = load_ruleset("pedoman-3-2024")
    levels = [{n: (n % 5) + 1 for n in rs.numbers}, {n: 2 for n in rs.numbers}]
    for k, lv in enumerate(levels):
        ws.append([f"Kota {k}", 2024, "visitasi", "ya", None, "tidak", *(float(lv[n]) if k else lv[n] for n in sorted(rs.numbers))])
    ws.append(["Kota rusak", 2024, None, None, None, None, 2.5, *([3] * 46)])
    filled = tmp_path / "isi.xlsx"
    wb.save(filled)
    out = tmp_path / "hasil.xlsx"
    assert main(["batch", str(filled), "-o", str(out)]) == 1
    assert f"{filled}[penilaian]:4:7: [NOT_WHOLE]" in capsys.readouterr().err
    res_wb = openpyxl.load_workbook(out, read_only=True)
    got = [list(r) for r in res_wb.worksheets[0].iter_rows(values_only=True)]
    head, body = got[0], got[1:]
    assert len(body) == 2
    for lv, row, docs in zip(levels, body, [{"arsitektur_spbe": True, "proses_bisnis": False}] * 2):
        rec = dict(zip(head, row))
        res = evaluate(rs, Assessment.from_levels(lv, documents=docs, year=2024))
        assert str(rec["index_exact"]) == spbe_rules._model.converter.exact_text(res.index_exact)
        assert rec["predikat"] == res.predikat and rec["stage"] == "visitasi"
        assert f"{rec['index']:.2f}" == res.index  # stored as the exact decimal text 2.59; read back by Excel as a number
        assert [rec[f"level:{n}"] for n in sorted(rs.numbers)] == [res.effective_levels[n] for n in sorted(rs.numbers)]


def test_missing_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert main(["template", "--ruleset", "pedoman-3-2024", "-o", str(tmp_path / "t.xlsx")]) == 2
    assert "pip install 'spbe-rules[excel]'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_without_numpy_the_python_backend_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)
    assert not fast_available()
    rs = load_ruleset("pedoman-3-2024")
    (out,) = evaluate_many(rs, [BatchRow("A", 2024, {n: 4 for n in rs.numbers})])
    assert isinstance(out, BatchResult) and out.index == "4.00"
    with pytest.raises(spbe_rules.SpbeError, match=r"spbe-rules\[fast\]"):
        list(evaluate_many(rs, [], backend="numpy"))


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rs = load_ruleset("pedoman-3-2024")
    header = ["instansi", "year", *(str(n) for n in rs.numbers)]
    src = tmp_path / "isi.csv"
    _write_csv(src, header, [[f"I{k}", "2024", *["3"] * 47] for k in range(3000)])
    assert main(["batch", str(src), "-o", str(tmp_path / "a.csv")]) == 0
    quiet = capsys.readouterr().err
    assert "\r" not in quiet
    assert main(["batch", str(src), "-o", str(tmp_path / "b.csv"), "--progress", "on"]) == 0
    _ = capsys.readouterr().err  # a bar appears only after half a second; the run may be quicker
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def _results(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


CUSTOM = """\
format: spbe-rules/ruleset@1
id: uji-dokumen
version: "0.1.0"
title: Uji dokumen tanpa implied_by
status: in_force
extends: pedoman-6-2023
applies_to: {evaluation_years: []}
documents:
  - key: sk_tim
    name: SK Tim Koordinasi SPBE
rules:
  - id: tim-koordinasi
    kind: cap
    targets: [1, 2]
    max_level: 2
    unless: {any: [{indicator: 3, at_least: 4}, {document: sk_tim}]}
    legal_basis: {source: pedoman-6-2023, section: "uji"}
    message: {id: "dibatasi", en: "capped"}
"""


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_document_no_one_states_fails_the_row_alike_in_every_backend(tmp_path: Path, data: st.DataObject) -> None:
    path = tmp_path / "uji-dokumen.yaml"
    path.write_text(CUSTOM, encoding="utf-8")
    rs = load_ruleset(path)
    rows = data.draw(st.lists(_row_strategy(rs), min_size=1, max_size=10))
    batch = [BatchRow(f"I{k}", 2024, lv, None, docs, None, "isi.csv", k + 2) for k, (lv, docs) in enumerate(rows)]
    backends = ["python", "numpy"] if fast_available() else ["python"]
    outs = {b: list(evaluate_many(rs, batch, backend=b)) for b in backends}  # type: ignore[arg-type]
    for k, (lv, docs) in enumerate(rows):
        try:
            res = evaluate(rs, Assessment.from_levels(lv, documents=docs, year=2024))
        except spbe_rules.EvaluationError as exc:
            for b in backends:
                out = outs[b][k]
                assert isinstance(out, BatchFailure)
                assert [p.code for p in out.problems] == [p.code for p in exc.problems] == ["UNKNOWN_DOCUMENT_STATE"]
                assert (out.problems[0].location.file, out.problems[0].location.line) == ("isi.csv", k + 2)
            continue
        for b in backends:
            out = outs[b][k]
            assert isinstance(out, BatchResult)
            _same(out, res)


@needs_numpy
def test_large_inputs_are_evaluated_in_slices_with_the_same_numbers() -> None:
    import random

    import numpy as np

    rs = load_ruleset("pedoman-3-2024")
    rnd = random.Random(7)
    n = 9000  # more than one kernel slice
    mat = [[rnd.randint(1, 5) for _ in rs.numbers] for _ in range(n)]
    docs = [{"peta_rencana_spbe": rnd.random() < 0.5} if rnd.random() < 0.5 else {} for _ in range(n)]
    a = evaluate_levels(rs, np.array(mat), docs, backend="numpy")
    b = evaluate_levels(rs, mat, docs, backend="python")
    for name in ("total", "index", "predikat", "aspects", "domains", "effective"):
        assert getattr(a, name) == getattr(b, name), name


def test_progress_without_tqdm_is_a_plain_counter(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from spbe_rules._cli.batch import _Progress

    monkeypatch.setitem(sys.modules, "tqdm", None)
    buf = io.StringIO()
    bar = _Progress(200, "B", buf)
    assert bar.bar is None
    bar(10)
    assert buf.getvalue() == ""  # nothing during the first half second
    bar.start -= 1.0
    bar(90)
    assert "\rspbe-rules batch: 100 B (50%)" in buf.getvalue()
    bar.close()
    assert buf.getvalue().endswith("\r\033[K")


def test_progress_with_tqdm_draws_a_bar() -> None:
    pytest.importorskip("tqdm")
    import io

    from spbe_rules._cli.batch import _Progress

    buf = io.StringIO()
    bar = _Progress(1000, "baris", buf)
    assert bar.bar is not None
    bar.bar.delay = 0  # shown at once here; a real run waits half a second
    bar.bar.refresh()
    bar(500)
    bar.bar.refresh()
    bar.close()
    assert "spbe-rules batch" in buf.getvalue() and "500/1000" in buf.getvalue()
