"""Evidence in the reports (issue 12): the HTML report shows claimed vs supported levels and the gaps;
the batch path gives evaluate's numbers and the batch report counts the items that block the next level."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import spbe_rules
from spbe_rules._cli.main import main
from spbe_rules._io.batch_rows import BatchResult
from spbe_rules._io.batch_write import result_record

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "bukti-dukung-2024.yaml"


def test_batch_of_an_assessment_with_evidence_equals_evaluate() -> None:
    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    a = spbe_rules.load_assessment(EXAMPLE)
    (out,) = spbe_rules.evaluate_many(None, [a])
    res = spbe_rules.evaluate(rs, a)
    assert isinstance(out, BatchResult)
    assert (out.index, out.index_exact, out.predikat) == (res.index, res.index_exact, res.predikat)
    assert dict(out.effective_levels) == res.effective_levels
    assert dict(out.unmet) == {i.id: i.unmet for i in res.indicators if i.unmet}


def test_batch_report_counts_the_items_that_block_the_next_level() -> None:
    a = spbe_rules.load_assessment(EXAMPLE)
    (out,) = spbe_rules.evaluate_many(None, [a])
    assert isinstance(out, BatchResult)
    rec = json.loads(json.dumps(result_record(out)))
    other = dict(rec, instansi="Kabupaten Lain")
    html = spbe_rules.batch.batch_report_html([rec, other])
    assert "Butir persyaratan yang paling sering menghalangi tingkat berikutnya" in html
    row = html[html.index("<code>1.4.reviu</code>") :]
    assert '<td class="num">2</td>' in row[: row.index("</tr>")]
    # without evidence there is no such section
    plain = {k: v for k, v in rec.items() if k != "unmet"}
    assert "menghalangi tingkat berikutnya" not in spbe_rules.batch.batch_report_html([plain])


def test_html_report_lists_claimed_and_supported(tmp_path: Path) -> None:
    out = tmp_path / "laporan.html"
    assert main(["report", str(EXAMPLE), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Kesenjangan bukti dukung" in html and "Diajukan" in html and "Didukung bukti" in html
    row = html[html.index("<tr><td>1</td>") :]
    row = row[: row.index("</tr>")]
    assert '<td class="num">4</td><td class="num">3</td><td class="num">4</td>' in row  # claimed 4, supported 3, next 4
    assert "tanpa bukti" in html  # indicator 15: claimed 2 without any evidence


def test_plan_prices_requirement_items_and_names_the_evidence_to_produce() -> None:
    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    levels = {n: 1 for n in rs.numbers}
    levels[1] = 3
    evidence = [
        {
            "id": "perbup",
            "kind": "kebijakan",
            "date": "2022-03-01",
            "adopted": True,
            "scope": [
                "arsitektur_spbe",
                "referensi_arsitektur",
                "proses_bisnis",
                "data_informasi",
                "infrastruktur",
                "aplikasi",
                "keamanan",
                "layanan",
                "integrasi_antar_instansi",
            ],
            "supports": ["1.2.ditetapkan", "1.3.lengkap", "1.4.integrasi"],
        },
    ]
    a = spbe_rules.parse_assessment({"instansi": "Kab Uji", "year": 2024, "evaluated_on": "2024-06-30", "levels": levels, "evidence": evidence})
    costs = {"default_step": 100, "default_requirement": 50, "requirements": {"1.4.reviu": 3, "1.5.rekomendasi": 2, "1.5.kebijakan-baru": 4}}
    from spbe_rules._analysis.plan import plan

    p = plan(rs, a, "1.035", costs)
    assert p.reachable
    (step,) = p.steps
    # the cheapest way: indicator 1 from 3 to 4 needs only the review (the policy already covers integration)
    assert (step.indicator, step.from_level, step.to_level, step.cost, step.evidence) == (1, 3, 4, 3, ("1.4.reviu",))
    data = spbe_rules.analysis.plan_to_dict(p)
    assert data["steps"][0]["evidence"] == ["1.4.reviu"]


def test_costs_naming_an_unknown_requirement_are_refused() -> None:
    import pytest

    from spbe_rules._analysis.plan import plan
    from spbe_rules._analysis.plan_input import CostsError

    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    a = spbe_rules.Assessment.from_levels({n: 1 for n in rs.numbers}, instansi="Kab Uji", year=2024)
    with pytest.raises(CostsError) as info:
        plan(rs, a, "1.05", {"requirements": {"1.4.review": 3}})
    assert info.value.problems[0].code == "UNKNOWN_REQUIREMENT"


def test_batch_outputs_carry_unmet_alike_and_the_report_reads_it_from_csv(tmp_path: Path) -> None:
    """CSV, xlsx and .jsonl carry the same unmet items; the batch report counts them from CSV as from .jsonl."""
    import shutil

    import openpyxl

    from spbe_rules._io.results_read import read_results

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.yaml")
    outs = {s: tmp_path / f"hasil.{s}" for s in ("csv", "jsonl", "xlsx")}
    for path in outs.values():
        assert main(["batch", str(folder), "-o", str(path)]) == 0
    (rec,) = [json.loads(line) for line in outs["jsonl"].read_text(encoding="utf-8").splitlines()]
    res = spbe_rules.evaluate(spbe_rules.load_ruleset("pedoman-3-2024"), spbe_rules.load_assessment(EXAMPLE))
    expected = [rid for i in sorted(res.indicators, key=lambda i: i.id) for rid in i.unmet]
    assert expected and rec["unmet"] == {str(i.id): list(i.unmet) for i in res.indicators if i.unmet}
    import csv

    (row,) = list(csv.DictReader(outs["csv"].open(encoding="utf-8-sig", newline="")))
    assert row["unmet"].split(" ") == expected
    ws = openpyxl.load_workbook(outs["xlsx"], read_only=True).worksheets[0]
    header, values = (list(r) for r in ws.iter_rows(values_only=True))
    assert values[header.index("unmet")] == row["unmet"]
    # read back from CSV: the same mapping as the .jsonl, and the same gaps table in the batch report
    (back,) = list(read_results(outs["csv"]))
    assert back["unmet"] == rec["unmet"]
    from_csv, from_jsonl = (spbe_rules.batch.batch_report_html(list(read_results(outs[s]))) for s in ("csv", "jsonl"))
    gaps = [h[h.index('<table class="gaps-batch">') :] for h in (from_csv, from_jsonl)]
    assert gaps[0][: gaps[0].index("</table>")] == gaps[1][: gaps[1].index("</table>")]
    assert "<code>1.4.reviu</code>" in gaps[0]


def test_csv_unmet_cell_is_empty_without_evidence(tmp_path: Path) -> None:
    from spbe_rules._io.results_read import read_results

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text((ROOT / "examples" / "kabupaten-contoh-2024.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "hasil.csv"
    assert main(["batch", str(folder), "-o", str(out)]) == 0
    header, row = out.read_text(encoding="utf-8-sig").splitlines()
    assert header.split(",")[-1] == "unmet" and row.endswith(",")
    (back,) = list(read_results(out))
    assert "unmet" not in back


def test_plan_raises_the_counted_levels_of_an_assessment_with_evidence() -> None:
    """At the document stage the supported level counts: the plan starts from it (indicator 1 of the
    example claims 4, its evidence supports 3), names the evidence to produce, and its index chain
    starts at the evaluated index, not at the index of the claimed levels."""
    from spbe_rules._analysis.plan import plan

    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    a = spbe_rules.load_assessment(EXAMPLE)
    res = spbe_rules.evaluate(rs, a)
    ind1 = res.indicator(1)
    assert (ind1.level, ind1.supported_level, ind1.counted) == (4, 3, "supported")
    costs = {"default_step": 100, "default_requirement": 100, "requirements": {"1.4.reviu": 1}}
    p = plan(rs, a, "1.066", costs)
    assert p.reachable and p.before_index_exact == res.index_exact
    (step,) = p.steps
    assert (step.indicator, step.from_level, step.to_level, step.cost, step.evidence) == (1, 3, 4, 1, ("1.4.reviu",))
    # every step starts at the level that counts now; the plan's result is the counted levels raised
    big = plan(rs, a, "Baik")
    counted = {i.id: i.effective_level for i in res.indicators}
    for s in big.steps:
        if s.kind == "indicator" and s.indicator is not None:
            assert s.from_level == counted[s.indicator], s
            assert s.evidence, s  # each raise names the requirement items to produce
    assert big.index_exact >= Fraction(26, 10)


def test_batch_report_shows_each_institutions_unmet_evidence_items(tmp_path: Path) -> None:
    """Per row of the institutions table: how many requirement items of the next level the evidence leaves unmet."""
    import shutil

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.yaml")
    out = tmp_path / "hasil.jsonl"
    assert main(["batch", str(folder), "-o", str(out)]) == 0
    (rec,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    items, inds = sum(len(v) for v in rec["unmet"].values()), sum(1 for v in rec["unmet"].values() if v)
    html = spbe_rules.batch.batch_report_html([rec])
    table = html[html.index('<table class="institutions">') :]
    table = table[: table.index("</table>")]
    assert "Butir bukti dukung belum terpenuhi" in table
    assert f"{items} butir ({inds} indikator)" in table
    rec.pop("unmet")
    plain = spbe_rules.batch.batch_report_html([rec])
    row = plain[plain.index('<table class="institutions">') :]
    assert "butir (" not in row[: row.index("</table>")]
