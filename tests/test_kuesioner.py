"""spbe-rules kuesioner: the questionnaire, filled, evaluates directly; a Hypothesis round trip
questionnaire -> answers -> assessment gives the same supported levels as the answers written
as an assessment by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spbe_rules
from spbe_rules._cli.main import main
from spbe_rules._io.kuesioner import kuesioner_from_rows, kuesioner_rows, kuesioner_template
from spbe_rules._loading.kuesioner import kuesioner_data

RS = spbe_rules.load_ruleset("pedoman-3-2024")
ON = dt.date(2024, 6, 30)

# answers: indicator -> (claimed level, [(requirement id, date, adopted, full scope)])
Answer = dict[int, tuple[int, list[tuple[str, str, bool, bool]]]]


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    out: Answer = {n: (1, []) for n in RS.numbers}
    for n in draw(st.lists(st.sampled_from(RS.numbers), min_size=1, max_size=4, unique=True)):
        reqs = [r.id for r in RS.requirements_of(n)]
        ev = [
            (draw(st.sampled_from(reqs)), (ON - dt.timedelta(days=draw(st.integers(0, 1500)))).isoformat(), draw(st.booleans()), draw(st.booleans()))
            for _ in range(draw(st.integers(0, 6)))
        ]
        out[n] = (draw(st.integers(1, 5)), ev)
    return out


def _entry(rid: str, day: str, adopted: bool, full: bool) -> dict[str, Any]:
    need = RS.requirement(rid).evidence
    e: dict[str, Any] = {"date": day, "adopted": adopted}
    if full and need is not None and need.scope:
        e["scope"] = list(need.scope)
    return e


def by_hand(ans: Answer) -> spbe_rules.Assessment:
    evidence = []
    for n, (_, ev) in ans.items():
        for k, (rid, day, adopted, full) in enumerate(ev):
            need = RS.requirement(rid).evidence
            evidence.append({"id": f"h{n}-{k}", "kind": need.kind if need else "laporan_pelaksanaan", "supports": [rid], **_entry(rid, day, adopted, full)})
    data = {
        "instansi": "Kab Uji",
        "year": 2024,
        "evaluated_on": ON.isoformat(),
        "stages": {"mandiri": {n: lv for n, (lv, _) in ans.items()}, "dokumen": {}},
        "evidence": evidence,
    }
    return spbe_rules.parse_assessment(data)


def filled_yaml(ans: Answer) -> dict[str, Any]:
    q = kuesioner_template(RS, instansi="Kab Uji", year=2024)
    q["evaluated_on"] = ON.isoformat()
    for n, (lv, ev) in ans.items():
        ind = q["indicators"][n]
        ind["level"] = lv
        items = {it["id"]: it for it in ind["items"]}
        for rid, day, adopted, full in ev:
            items[rid]["evidence"].append(_entry(rid, day, adopted, full))
    return q


def filled_rows(ans: Answer) -> list[list[str]]:
    rows = kuesioner_rows(RS, instansi="Kab Uji", year=2024)
    rows[3][1] = ON.isoformat()  # tanggal_evaluasi
    head = rows[5]
    col = {name: head.index(name) for name in head}
    out = rows[:6]
    for row in rows[6:]:
        n = int(row[0])
        lv, ev = ans[n]
        row = list(row)
        if row[col["tingkat"]] == "1":
            row[col["tingkat_diajukan"]] = str(lv)
        mine = [e for e in ev if e[0] == row[col["id"]]]
        if not mine:
            out.append(row)
        for rid, day, adopted, full in mine:
            r = list(row)
            e = _entry(rid, day, adopted, full)
            r[col["tanggal_bukti"]], r[col["ditetapkan"]] = day, "ya" if adopted else "tidak"
            r[col["cakupan"]] = "; ".join(e.get("scope", []))
            out.append(r)
    return out


def supported(a: spbe_rules.Assessment) -> dict[int, tuple[int | None, int]]:
    r = spbe_rules.evaluate(RS, a)
    return {i.id: (i.supported_level, i.effective_level) for i in r.indicators}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_round_trip_questionnaire_answers_assessment(tmp_path_factory: pytest.TempPathFactory, ans: Answer) -> None:
    want = supported(by_hand(ans))
    d = tmp_path_factory.mktemp("k")
    f = d / "kuesioner.yaml"
    f.write_text(yaml.safe_dump(filled_yaml(ans), allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert supported(spbe_rules.load_assessment(f)) == want
    rows = filled_rows(ans)
    data = kuesioner_from_rows(rows, "kuesioner.csv")
    assert supported(spbe_rules.parse_assessment(kuesioner_data(data, "kuesioner.csv", RS))) == want


def test_cli_writes_yaml_csv_and_the_filled_csv_evaluates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("k.yaml", "k.csv"):
        assert main(["kuesioner", "--ruleset", "pedoman-3-2024", "-o", str(tmp_path / name), "--instansi", "Kab Uji"]) == 0
    text = (tmp_path / "k.yaml").read_text(encoding="utf-8")
    assert "format: spbe-rules/kuesioner@1" in text and "1.4.reviu" in text
    ans: Answer = {n: (1, []) for n in RS.numbers}
    ans[1] = (4, [("1.2.ditetapkan", "2022-03-01", True, True), ("1.3.lengkap", "2022-03-01", True, True), ("1.4.reviu", "2021-05-10", False, True)])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(filled_rows(ans))
    f = tmp_path / "isi.csv"
    f.write_text(buf.getvalue(), encoding="utf-8")
    capsys.readouterr()
    assert main(["evaluate", str(f), "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    ind1 = next(i for i in data["indicators"] if i["id"] == 1)
    assert (ind1["level"], ind1["supported_level"], ind1["unmet"]) == (4, 3, ["1.4.integrasi", "1.4.reviu"])


def test_the_unfilled_yaml_names_what_to_fill(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "k.yaml"
    assert main(["kuesioner", "--ruleset", "pedoman-3-2024", "-o", str(f)]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(f)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "instansi" in err and "Traceback" not in err


def test_a_ruleset_without_items_has_no_questionnaire(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kuesioner", "--ruleset", "pedoman-6-2023", "-o", str(tmp_path / "k.yaml")]) == 2
    assert not (tmp_path / "k.yaml").exists()


def test_workbook_holds_the_same_rows_and_reads_back(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the excel extra is not installed")
    f = tmp_path / "k.xlsx"
    assert main(["kuesioner", "--ruleset", "pedoman-3-2024", "-o", str(f), "--instansi", "Kab Uji"]) == 0
    rows = [["" if c is None else str(c) for c in r] for r in openpyxl.load_workbook(f).worksheets[0].iter_rows(values_only=True)]
    want = kuesioner_rows(RS, instansi="Kab Uji")
    assert [r[: len(w)] for r, w in zip(rows, want) if w] == [w for w in want if w]
    data = kuesioner_from_rows(rows, str(f))
    assert data["instansi"] == "Kab Uji" and set(data["indicators"]) == {str(n) for n in RS.numbers}
