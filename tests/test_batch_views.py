"""The batch report for a group discussion: target, owner and document columns carried from the batch
input to the results and the report; the heat map, the view per owner and every institution over every
year; the new charts in a real headless Chromium."""

from __future__ import annotations

import csv
import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

from spbe_rules import SpbeError
from spbe_rules._cli.main import main
from spbe_rules._io.results_read import read_results

from test_story import _charts, _check, _visible_text, needs_chromium

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PROVINCE = EXAMPLES / "batch" / "provinsi-contoh-2022-2024.csv"


def _input_rows() -> list[dict[str, str]]:
    lines = [line for line in PROVINCE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("hasil")
    paths = {suffix: out / f"hasil{suffix}" for suffix in (".csv", ".jsonl")}
    for path in paths.values():
        assert main(["batch", str(PROVINCE), "-o", str(path)]) == 0
    return paths


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_target_owner_and_documents_reach_the_results(results: dict[str, Path], suffix: str) -> None:
    recs = list(read_results(results[suffix]))
    rows = _input_rows()
    assert len(recs) == len(rows) == 24
    for rec, row in zip(recs, rows):
        assert rec["target"] == Fraction(row["target"])
        units: dict[str, list[int]] = {}
        for n, unit in sorted(rec["owners"].items()):
            units.setdefault(unit, []).append(n)
        assert sum(len(v) for v in units.values()) == 47
        for part in row["owner"].split(";"):
            unit, _, numbers = part.partition(":")
            assert unit.strip() in units
        stated = {k[4:]: v == "ya" for k, v in row.items() if k.startswith("doc:") and v}
        assert rec["documents"] == stated


@pytest.mark.parametrize(
    ("cell", "column", "code"),
    [
        ("Bappeda 11-14", "owner", "BAD_OWNER"),
        ("Bappeda: 11-x", "owner", "BAD_OWNER"),
        ("Bappeda: 11-14; Diskominfo: 14", "owner", "BAD_OWNER"),
        ("Bappeda: 48", "owner", "UNKNOWN_INDICATOR"),
        ("tinggi", "target", "BAD_TARGET"),
        ("1e9999", "target", "BAD_TARGET"),
        ("7", "target", "TARGET_OUT_OF_SCALE"),
    ],
)
def test_bad_owner_or_target_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str], cell: str, column: str, code: str) -> None:
    head = ["instansi", "year", column, *map(str, range(1, 48))]
    src = tmp_path / "isi.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(head)
        w.writerow(["Kota A", "2024", cell, *["2"] * 47])
        w.writerow(["Kota B", "2024", "", *["3"] * 47])
    out = tmp_path / "hasil.csv"
    assert main(["batch", str(src), "-o", str(out)]) == 1  # the bad row is reported and left out, the good one written
    err = capsys.readouterr().err
    assert f"isi.csv:2:3: [{code}]" in err, err
    assert len(list(read_results(out))) == 1


def test_report_for_the_group_discussion(results: dict[str, Path], tmp_path: Path) -> None:
    page_path = tmp_path / "ringkasan.html"
    assert main(["report", "--batch", str(results[".jsonl"]), "-o", str(page_path)]) == 0
    page = page_path.read_text(encoding="utf-8")
    text = _visible_text(page)
    recs = list(read_results(results[".jsonl"]))
    latest = [r for r in recs if r["year"] == 2024]
    # every institution over every year, with a small line, its target and the gap
    table = re.findall(r'<table class="institutions">.*?</table>', page, re.S)[0]
    assert all(f'<th class="num">{y}</th>' in table for y in (2022, 2023, 2024))
    assert table.count('class="chart spark"') == 8
    for rec in latest:
        assert rec["instansi"] in table
    behind = [r for r in latest if Fraction(str(r["index_exact"])) < r["target"]]
    assert behind and table.count("tercapai") == len(latest) - len(behind)
    # the heat map: 47 indicators, weakest first (lowest mean counted level over the institutions)
    heat = re.findall(r'<svg[^>]*class="chart heatmap".*?</svg>', page, re.S)[0]
    rows = [int(n) for n in re.findall(r'class="row-label"[^>]*>(\d+) ', heat)]
    mean = {n: Fraction(sum(r["effective_levels"][str(n)] for r in latest), len(latest)) for n in range(1, 48)}
    assert rows == sorted(range(1, 48), key=lambda n: (mean[n], n))
    assert heat.count('class="cell"') == 47 * 8
    # a view per owner, with each unit's indicators
    assert "Per penanggung jawab" in text
    for unit in ("Bappeda", "Diskominfo", "Inspektorat", "Dinas Layanan"):
        assert f"<h3>{unit} " in page
    assert "indikator 11-14" in text


@needs_chromium
def test_batch_charts_in_chromium(results: dict[str, Path], tmp_path: Path) -> None:
    page = tmp_path / "ringkasan.html"
    assert main(["report", "--batch", str(results[".csv"]), "-o", str(page)]) == 0
    seen = _charts(page, tmp_path)
    _check(seen["heatmap"], "12 Peta Rencana SPBE", "Kota Tepi Sungai", "tingkat")
    spark = seen["spark"]
    assert spark["visible"] and spark["w"] >= 100 and spark["h"] >= 20 and spark["label"].startswith("Indeks per tahun: 2022")
    assert not spark["outside"] and spark["drawn"] >= 3


def test_jsonl_results_with_bad_view_fields(tmp_path: Path, results: dict[str, Path]) -> None:
    rec = json.loads(results[".jsonl"].read_text(encoding="utf-8").splitlines()[0])
    rec["owners"] = ["Bappeda"]
    bad = tmp_path / "rusak.jsonl"
    bad.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(SpbeError) as err:
        list(read_results(bad))
    assert "owners" in str(err.value)
