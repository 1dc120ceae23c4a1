"""One institution over the years: `compare_years` and `spbe-rules compare`."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_rules import Assessment, AssessmentError, evaluate, load_assessment, load_ruleset
from spbe_rules._analysis.compare import compare_to_dict, compare_years
from spbe_rules._cli.main import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NEAR = [EXAMPLES / f"dekat-batas-{y}.yaml" for y in (2023, 2024, 2025)]
RS23, RS24 = load_ruleset("pedoman-6-2023"), load_ruleset("pedoman-3-2024")


def test_boundary_rule_change_alone_changes_the_predikat() -> None:
    """2.609 (2023, rounded rule) then 2.5985 (2024, exact rule): the 2024 levels are Baik under 2023's rule, Cukup under 2024's."""
    c = compare_years([NEAR[1], NEAR[0]])  # any order: sorted by year
    assert [y.year for y in c.years] == [2023, 2024]
    assert [(y.ruleset_id, y.predikat_from, y.result.predikat) for y in c.years] == [
        ("pedoman-6-2023", "rounded", "Baik"),
        ("pedoman-3-2024", "exact", "Cukup"),
    ]
    (step,) = c.steps
    assert step.delta == Fraction("2.5985") - Fraction("2.609")
    assert step.raised == (44,) and step.lowered == (1, 32)
    e = step.effect
    assert e is not None and e.comparable
    assert e.under_old == e.under_new == Fraction("2.5985")
    assert (e.predikat_under_old, e.predikat_under_new) == ("Baik", "Cukup")
    assert e.ruleset_part == 0 and e.levels_part == step.delta


def test_three_years_mark_the_provisional_ruleset() -> None:
    c = compare_years(NEAR)
    assert [y.year for y in c.years] == [2023, 2024, 2025]
    assert [y.provisional for y in c.years] == [False, False, True]
    assert len(c.steps) == 2
    tracks = {t.indicator: t for t in c.indicators}
    assert tracks[45].effective == (2, 2, 3) and tracks[45].changed
    assert not tracks[2].changed
    d = compare_to_dict(c)
    assert d["schema"] == "spbe-rules/compare@1" and [y["provisional"] for y in d["years"]] == [False, False, True]
    assert d["years"][0]["index_exact"] == "2.609"


def _levels(rs_numbers: tuple[int, ...], draw: st.DrawFn) -> dict[int, int]:
    return {n: draw(st.integers(1, 5)) for n in rs_numbers}


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_levels_part_and_ruleset_part_add_up_to_the_change(data: st.DataObject) -> None:
    """Whole change = (later levels - earlier levels, both under the earlier rules) + (later levels under the later rules - under the earlier rules), exactly."""
    l0 = {n: data.draw(st.integers(1, 5)) for n in RS23.numbers}
    l1 = {n: data.draw(st.integers(1, 5)) for n in RS24.numbers}
    docs = {k: data.draw(st.booleans()) for k in ("arsitektur_spbe", "peta_rencana_spbe", "proses_bisnis")}
    enable = data.draw(st.sampled_from([(), ("tiga-dokumen",)]))
    a0 = Assessment.from_levels(l0, instansi="X", year=2023, documents=docs)
    a1 = Assessment.from_levels(l1, instansi="X", year=2024, documents={"peta_rencana_spbe": docs["peta_rencana_spbe"]})
    c = compare_years([a0, a1], enable_rules=enable)
    (step,) = c.steps
    r0 = evaluate(RS23, a0, enable_rules=enable)
    r1 = evaluate(RS24, a1, enable_rules=[x for x in enable if x in {r.id for r in RS24.rules}])  # a switch applies in every year whose ruleset has the rule
    assert step.delta == r1.index_exact - r0.index_exact
    e = step.effect
    assert e is not None
    if not e.comparable:  # 2023's rules read a document the 2024 assessment does not state
        assert e.reason is not None and "pedoman-6-2023" in e.reason.id
        return
    assert e.levels_part is not None and e.ruleset_part is not None
    assert e.levels_part + e.ruleset_part == step.delta
    same = evaluate(RS23, Assessment.from_levels(l1, instansi="X", year=2023, documents={"peta_rencana_spbe": docs["peta_rencana_spbe"]}), enable_rules=enable)
    assert (e.under_old, e.predikat_under_old) == (same.index_exact, same.predikat)
    assert (e.under_new, e.predikat_under_new) == (r1.index_exact, r1.predikat)
    assert set(e.indicators) == {n for n in RS24.numbers if same.indicator(n).effective_level != r1.indicator(n).effective_level}


def test_other_structure_gives_no_split() -> None:
    rs18 = load_ruleset("permenpanrb-5-2018")
    old = Assessment.from_levels({n: 2 for n in rs18.numbers}, instansi="X", year=2019)
    new = Assessment.from_levels({n: 2 for n in RS24.numbers}, instansi="X", year=2024)
    c = compare_years([old, new])
    (step,) = c.steps
    assert step.effect is not None and not step.effect.comparable and step.effect.reason is not None
    assert "tidak menilai indikator yang sama" in step.effect.reason.id
    assert not c.years[0].comparable and c.years[1].comparable
    assert all(t.effective[0] is None for t in c.indicators)
    assert step.raised == step.lowered == ()


def test_errors() -> None:
    a = load_assessment(NEAR[0])
    with pytest.raises(AssessmentError) as e1:
        compare_years([a, a])
    assert e1.value.problems[0].code == "DUPLICATE_YEAR"
    with pytest.raises(AssessmentError) as e2:
        compare_years([a])
    assert e2.value.problems[0].code == "TOO_FEW_YEARS"


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(p) for p in NEAR]
    assert main(["compare", *files]) == 0
    text = capsys.readouterr().out
    assert "Perbandingan antartahun" in text and "[sementara]" in text and "Baik \u2192 Cukup" in text
    assert "Pergantian aturan saja mengubah predikat: Baik \u2192 Cukup" in text
    assert "/" not in text.replace("2023 \u2192", "")  # decimals, never fractions
    assert main(["compare", *files, "--lang", "en"]) == 0
    assert "The ruleset change alone changes the predikat: Baik \u2192 Cukup" in capsys.readouterr().out
    out = tmp_path / "banding.json"
    assert main(["compare", *files, "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == compare_to_dict(compare_years(NEAR))
    assert main(["compare", files[0], files[0]]) == 2
    cap = capsys.readouterr()
    assert cap.out == "" and "DUPLICATE_YEAR" in cap.err
