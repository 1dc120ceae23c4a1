"""What-if and marginal value (gains)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_rules import Assessment, AssessmentError, evaluate, load_assessment, load_ruleset
from spbe_rules._cli.main import main
from spbe_rules._analysis.whatif import gains, gains_to_dict, whatif, whatif_to_dict

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RS23 = load_ruleset("pedoman-6-2023")
RS24 = load_ruleset("pedoman-3-2024")
TANPA = load_assessment(EXAMPLES / "tanpa-dokumen-2023.yaml")
KAB = load_assessment(EXAMPLES / "kabupaten-contoh-2024.yaml")
STAGED = load_assessment(EXAMPLES / "bertahap-2024.yaml")


def test_setting_the_document_releases_capped_indicators() -> None:
    w = whatif(RS23, TANPA, {}, {"peta_rencana_spbe": True})
    assert [r.indicator for r in w.released] == [21, 23, 25, 27]
    assert all(r.before == 1 and r.after == 2 and r.rules == ("peta-rencana-manajemen",) for r in w.released)
    assert w.delta == Fraction(4 * 3, 200)  # four indicators of weight 1.5 one level up: 0.06
    assert w.after.index_exact - w.before.index_exact == w.delta
    d3 = next(d for d in w.domains if d.id == "D3")
    assert d3.before_text == "1.00" and d3.delta == Fraction(4, 11)
    assert not w.capped and not w.levels
    assert [(d.key, d.before, d.after) for d in w.documents] == [("peta_rencana_spbe", False, True)]


def test_changes_and_predikat() -> None:
    w = whatif(RS23, TANPA, {11: 3, 12: 2, 42: 5, 45: 5, 46: 5, 47: 5}, {"peta_rencana_spbe": True})
    assert [(c.indicator, c.before, c.after) for c in w.levels] == [(11, 2, 3), (42, 3, 5), (45, 2, 5), (46, 2, 5), (47, 2, 5)]
    assert w.predikat_before == "Cukup" and w.predikat_after == "Baik" and w.predikat_changed
    direct = evaluate(
        RS23,
        Assessment.from_levels({**TANPA.levels, 11: 3, 12: 2, 42: 5, 45: 5, 46: 5, 47: 5}, documents={**TANPA.documents, "peta_rencana_spbe": True}, year=2023),
    )
    assert w.after.index_exact == direct.index_exact and w.after.index == direct.index
    for mine, theirs in zip(w.aspects, direct.aspects):
        assert mine.after == theirs.index_exact and mine.after_text == theirs.index


def test_removing_a_document_caps_again() -> None:
    w = whatif(RS24, KAB, {}, {"peta_rencana_spbe": False})
    assert [c.indicator for c in w.capped] == [21, 23, 25, 27]
    assert w.delta < 0 and not w.released


def test_raising_indicator_12_implies_the_document() -> None:
    a = Assessment.from_levels({**TANPA.levels, 12: 1}, year=2023)  # peta_rencana_spbe not stated: implied by 12 >= 2
    w = whatif(RS23, a, {12: 2})
    assert [r.indicator for r in w.released] == [21, 23, 25, 27]
    g = gains(RS23, a)
    g12 = next(x for x in g.indicators if x.indicator == 12)
    assert g12.released == (21, 23, 25, 27)
    assert g12.index_gain == w.delta
    assert g.indicators[0].indicator == 12  # the most valuable single step


def test_staged_assessment_changes_the_final_levels() -> None:
    w = whatif(RS24, STAGED, {36: 4})
    assert [(c.indicator, c.before, c.after) for c in w.levels] == [(36, 3, 4)]  # 36 was 4, set to 3 at interviu
    assert w.delta == Fraction(11, 400)


def test_bad_changes_are_clear_errors() -> None:
    with pytest.raises(AssessmentError) as e:
        whatif(RS23, TANPA, {99: 3, 12: 7}, {"peta": True})
    assert sorted(e.value.codes) == ["LEVEL_OUT_OF_SCALE", "UNKNOWN_DOCUMENT", "UNKNOWN_INDICATOR"]
    assert "peta_rencana_spbe" in str(e.value)


def test_gains_agree_with_evaluate() -> None:
    g = gains(RS23, TANPA)
    now = evaluate(RS23, TANPA)
    assert [x.index_gain for x in g.indicators] == sorted((x.index_gain for x in g.indicators), reverse=True)
    for x in g.indicators:
        if x.to is None:
            assert x.level == 5 and x.index_gain == 0
            continue
        r = evaluate(RS23, Assessment.from_levels({**TANPA.levels, x.indicator: x.to}, documents=dict(TANPA.documents), year=2023))
        assert x.index_gain == r.index_exact - now.index_exact
        for d in x.domains:
            assert d.gain == r.domain(d.id).index_exact - now.domain(d.id).index_exact
        if 21 <= x.indicator <= 31:
            assert x.index_gain == 0 and x.blocked_by == ("peta-rencana-manajemen",)
    doc = next(u for u in g.unlocks if u.kind == "document" and u.id == "peta_rencana_spbe")
    assert doc.released == (21, 23, 25, 27) and doc.index_gain == Fraction(3, 50)
    json.dumps(gains_to_dict(g))


def test_gains_with_three_documents_rule() -> None:
    g = gains(RS23, TANPA, enable_rules=["tiga-dokumen"])
    by = {u.id: u for u in g.unlocks}
    assert by["peta_rencana_spbe"].released == ()  # alone it releases nothing: tiga-dokumen still caps
    together = next(u for u in g.unlocks if u.kind == "documents")
    assert together.released == (13, 15, 16, 17, 18, 19, 20, 21, 23, 25, 27)
    assert by["tiga-dokumen"].released == (13, 15, 16, 17, 18, 19, 20)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.integers(1, 47), st.integers(1, 5), max_size=6), st.sampled_from([None, True, False]))
def test_whatif_equals_two_evaluations(changes: dict[int, int], peta: bool | None) -> None:
    docs = {} if peta is None else {"peta_rencana_spbe": peta}
    w = whatif(RS24, KAB, changes, docs)
    direct = evaluate(RS24, Assessment.from_levels({**KAB.levels, **changes}, documents={**KAB.documents, **docs}, year=2024))
    assert w.after.index_exact == direct.index_exact
    assert w.after.effective_levels == direct.effective_levels
    for r in w.released:
        assert direct.indicator(r.indicator).effective_level == r.after > r.before
    json.dumps(whatif_to_dict(w))


def test_cli_whatif_and_gains(capsys: pytest.CaptureFixture[str]) -> None:
    f = str(EXAMPLES / "tanpa-dokumen-2023.yaml")
    assert main(["whatif", f, "--set", "11=3", "--set", "12=2", "--document", "peta_rencana_spbe=true"]) == 0
    out = capsys.readouterr().out
    assert "Indikator yang dilepas dari batasan aturan" in out and "2.25 -> 2.33" in out
    assert main(["whatif", f, "--set", "11=3", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "spbe-rules/whatif@1" and d["index"]["delta_exact"] == "0.025"
    for bad, code in (
        (["--set", "12=x"], "BAD_ARGUMENT"),
        (["--set", "99=3"], "UNKNOWN_INDICATOR"),
        (["--set", "12=6"], "LEVEL_OUT_OF_SCALE"),
        (["--document", "peta_rencana_spbe=maybe"], "BAD_ARGUMENT"),
    ):
        assert main(["whatif", f, *bad]) == 2
        assert code in capsys.readouterr().err
    assert main(["gains", f, "--top", "5", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "releases 4 indicators (21, 23, 25, 27)" in out
    assert main(["gains", f, "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert len(d["indicators"]) == 47 and d["indicators"][0]["index_gain"] == "0.03"
