"""What people read: predikat bands as intervals (the highest one closed) and decimals kept in workbooks."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from spbe_rules import Assessment, evaluate, installed_rulesets, load_ruleset
from spbe_rules._cli.main import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("rid", sorted(i.id for i in installed_rulesets()))
def test_show_prints_the_highest_band_closed(rid: str, capsys: pytest.CaptureFixture[str]) -> None:
    rs = load_ruleset(rid)
    assert main(["show", rid]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.strip().startswith("predikat:"))
    shown = re.findall(r"([^;:]+?) \[([\d./]+), ([\d./]+)([)\]])", line)
    bands = rs.predikat.bands
    assert [(n.strip(), Fraction(lo), Fraction(hi)) for n, lo, hi, _ in shown] == [(b.name, b.lower, b.upper) for b in bands]
    assert [close for *_, close in shown] == [")"] * (len(bands) - 1) + ["]"]
    # and the shown interval is what the evaluator does: the highest level of every indicator
    # gives the index at the top bound, which is in the highest band
    top = evaluate(
        rs,
        Assessment.from_levels(
            {n: rs.scale.max for n in rs.numbers},
            instansi="Puncak",
            year=rs.evaluation_years[0] if rs.evaluation_years else 2024,
            documents={d.key: True for d in rs.documents},
        ),
    )
    assert top.index_exact == bands[-1].upper == rs.scale.max
    assert top.predikat == bands[-1].name


def test_xlsx_results_keep_the_displayed_decimals(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "hasil.xlsx"
    csv_out = tmp_path / "hasil.csv"
    source = ROOT / "examples" / "batch" / "opd-contoh-2023-2024.csv"
    if not source.is_file():
        pytest.skip("needs the source tree (examples/)")
    assert main(["batch", str(source), "-o", str(out)]) == 0
    assert main(["batch", str(source), "-o", str(csv_out)]) == 0
    import csv

    with csv_out.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == header
    numeric = [k for k, h in enumerate(header) if h == "index" or h.startswith(("domain:", "aspect:"))]
    seen_trailing_zero = False
    for row, cells in zip(rows[1:], ws.iter_rows(min_row=2)):
        for k in numeric:
            shown = row[k]
            if not shown:
                continue
            decimals = len(shown.partition(".")[2])
            assert cells[k].data_type == "n" and Decimal(str(cells[k].value)) == Decimal(shown)
            assert cells[k].number_format == ("0." + "0" * decimals if decimals else "0"), (header[k], shown)
            seen_trailing_zero |= shown.endswith("0") and decimals > 0
        exact = cells[header.index("index_exact")]
        assert exact.data_type == "s" and exact.value == row[header.index("index_exact")] and exact.number_format == "@"
    assert seen_trailing_zero  # the example has values such as 3.30, which Excel would show as 3.3 without a format
