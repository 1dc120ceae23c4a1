"""spbe-rules next: what the next level needs (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import spbe_rules
from spbe_rules._analysis.next_steps import next_steps
from spbe_rules._cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "bukti-dukung-2024.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_next_names_the_stale_review_with_its_date_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "next", str(EXAMPLE), "--indicator", "1")
    assert code == 0
    flat = " ".join(out.split())
    assert "tingkat 3 (didukung bukti) -> 4" in flat
    assert "reviu-arsitektur-2021 (2021-05-10) lebih dari 2 tahun sebelum 2024-06-30" in flat
    assert "hlm. 10" in flat
    code, out, _ = run(capsys, "next", str(EXAMPLE), "--indicator", "1", "--lang", "en")
    assert "is more than 2 years before 2024-06-30" in " ".join(out.split())


def test_next_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "next", str(EXAMPLE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "spbe-rules/next@1" and data["evaluated_on"] == "2024-06-30"
    by = {i["indicator"]: i for i in data["indicators"]}
    assert set(by) == set(range(1, 48))  # nothing is at level 5 in the example
    assert (by[2]["level"], by[2]["next_level"]) == (4, 5)
    assert {it["id"] for it in by[2]["items"] if not it["optional"]} == {"2.5.rekomendasi", "2.5.kebijakan-baru"}
    assert by[12]["items"][0]["met"] is False
    assert all(it["citation"] for ind in data["indicators"] for it in ind["items"])


def test_next_without_evidence_lists_the_items_of_the_claimed_level_plus_one() -> None:
    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    levels = {n: 3 for n in rs.numbers}
    levels[7] = 5
    steps = next_steps(rs, spbe_rules.Assessment.from_levels(levels, instansi="Uji", year=2024))
    by = {i.indicator: i for i in steps.indicators}
    assert 7 not in by
    assert by[1].basis == "claimed" and (by[1].level, by[1].next_level) == (3, 4)
    assert {it.id for it in by[1].items} == {r.id for r in rs.requirements_of(1, 4)}
    assert all(it.met is None for it in by[1].items)


def test_next_unknown_indicator_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "next", str(EXAMPLE), "--indicator", "48")
    assert code == 2 and out == "" and "UNKNOWN_INDICATOR" in err and "Traceback" not in err
