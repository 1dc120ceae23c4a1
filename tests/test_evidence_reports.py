"""Evidence in the reports (issue 12): the HTML report shows claimed vs supported levels and the gaps;
the batch path gives evaluate's numbers and the batch report counts the items that block the next level."""

from __future__ import annotations

import json
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
    (out,) = spbe_rules.evaluate_many([a])
    res = spbe_rules.evaluate(rs, a)
    assert isinstance(out, BatchResult)
    assert (out.index, out.index_exact, out.predikat) == (res.index, res.index_exact, res.predikat)
    assert dict(out.effective_levels) == res.effective_levels
    assert dict(out.unmet) == {i.id: i.unmet for i in res.indicators if i.unmet}


def test_batch_report_counts_the_items_that_block_the_next_level() -> None:
    a = spbe_rules.load_assessment(EXAMPLE)
    (out,) = spbe_rules.evaluate_many([a])
    assert isinstance(out, BatchResult)
    rec = json.loads(json.dumps(result_record(out)))
    other = dict(rec, instansi="Kabupaten Lain")
    html = spbe_rules.batch_report_html([rec, other])
    assert "Butir persyaratan yang paling sering menghalangi tingkat berikutnya" in html
    row = html[html.index("<code>1.4.reviu</code>") :]
    assert '<td class="num">2</td>' in row[: row.index("</tr>")]
    # without evidence there is no such section
    plain = {k: v for k, v in rec.items() if k != "unmet"}
    assert "menghalangi tingkat berikutnya" not in spbe_rules.batch_report_html([plain])


def test_html_report_lists_claimed_and_supported(tmp_path: Path) -> None:
    out = tmp_path / "laporan.html"
    assert main(["report", str(EXAMPLE), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Kesenjangan bukti dukung" in html and "Diajukan" in html and "Didukung bukti" in html
    row = html[html.index("<tr><td>1</td>") :]
    row = row[: row.index("</tr>")]
    assert '<td class="num">4</td><td class="num">3</td><td class="num">4</td>' in row  # claimed 4, supported 3, next 4
    assert "tanpa bukti" in html  # indicator 15: claimed 2 without any evidence
