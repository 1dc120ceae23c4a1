"""The 59/2020 -> 8/2026 crosswalk and the Indeks Pemdi estimate (`spbe-rules transisi`).

The estimate is a range, exact (fractions), and always says it is an estimate; an indicator of
8/2026 with no 59/2020 source is unknown (the whole scale) and widens the range, never filled."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import spbe_rules
from spbe_rules import Assessment, estimate_transition, load_ruleset
from spbe_rules.analysis import load_crosswalk
from spbe_rules._cli.main import main
from spbe_rules._model.crosswalk import Unmapped

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "broken" / "crosswalks"
OLD = load_ruleset("permenpanrb-59-2020")
NEW = load_ruleset("permenpanrb-8-2026")


def test_installed_crosswalk_covers_both_rulesets_once() -> None:
    cw = load_crosswalk()
    assert (cw.from_ruleset, cw.to_ruleset, cw.status) == ("permenpanrb-59-2020", "permenpanrb-8-2026", "provisional")
    targets = [lk.to for lk in cw.links] + [u.to for u in cw.unmapped]
    assert sorted(targets) == sorted(NEW.numbers)  # every 8/2026 indicator exactly once
    used = {n for lk in cw.links for n in lk.sources} | {n for nc in cw.not_carried for n in nc.sources}
    assert used == set(OLD.numbers)  # every 59/2020 indicator linked or declared not carried
    for lk in cw.links:
        assert lk.basis and lk.confidence in ("high", "medium", "low") and lk.citation.source in {s.id for s in cw.sources}
    assert all(u.reason for u in cw.unmapped)


def test_worked_example_all_levels_3() -> None:
    """All 59/2020 levels 3 (documents present): linked indicators centre on 3, widened by the spread
    (high 0, medium 1, low 2); unmapped ones count 1..5. Weights: high 4, medium 42, low 22, unknown 32.
    Low = (4x3 + 42x2 + 22x1 + 32x1)/100 = 1.50; high = (4x3 + 42x4 + 22x5 + 32x5)/100 = 4.50."""
    a = Assessment.from_levels({n: 3 for n in OLD.numbers}, year=2024, documents={"peta_rencana_spbe": True})
    t = estimate_transition(a)
    assert t.estimate is True
    assert (t.index_low, t.index_high) == (Fraction(3, 2), Fraction(9, 2))
    assert (t.index_low_text, t.index_high_text, t.predikat_low, t.predikat_high) == ("1.50", "4.50", "Cukup", "Memuaskan")
    assert t.unknown_weight == 32
    by = {r.id: r for r in t.indicators}
    assert (by[9].low, by[9].high, by[9].confidence) == (3, 3, "high")
    assert (by[1].low, by[1].high) == (2, 4) and (by[19].low, by[19].high) == (1, 5)
    assert not by[20].known and (by[20].low, by[20].high) == (1, 5) and by[20].basis


def _assessment(levels: dict[int, int], peta: bool) -> Assessment:
    return Assessment.from_levels(levels, year=2024, documents={"peta_rencana_spbe": peta})


levels_st = st.fixed_dictionaries({n: st.integers(1, 5) for n in OLD.numbers})


@settings(max_examples=40, deadline=None)
@given(levels=levels_st, peta=st.booleans(), data=st.data())
def test_range_contains_every_point_inside_the_indicator_ranges(levels: dict[int, int], peta: bool, data: Any) -> None:
    """The index range is exactly the weighted sum of the indicators' ranges: any choice of values
    inside them (unknown ones anywhere on the scale) gives an index inside the range."""
    t = estimate_transition(_assessment(levels, peta))
    assert t.index_low <= t.index_high
    assert 1 <= t.index_low and t.index_high <= 5
    chosen = Fraction(0)
    for r in t.indicators:
        assert NEW.scale.min <= r.low <= r.high <= NEW.scale.max
        if not r.known:
            assert (r.low, r.high) == (NEW.scale.min, NEW.scale.max)  # never filled
        k = data.draw(st.integers(0, 4))
        chosen += r.weight * (r.low + (r.high - r.low) * k / 4)
    assert t.index_low <= chosen / 100 <= t.index_high


@settings(max_examples=30, deadline=None)
@given(levels=levels_st, n=st.sampled_from([lk.to for lk in load_crosswalk().links]))
def test_an_unmapped_indicator_only_widens_the_range(levels: dict[int, int], n: int) -> None:
    cw = load_crosswalk()
    fewer = attrs.evolve(cw, links=tuple(lk for lk in cw.links if lk.to != n), unmapped=(*cw.unmapped, Unmapped(n, "uji")))
    a = _assessment(levels, True)
    wide, narrow = estimate_transition(a, fewer), estimate_transition(a, cw)
    assert wide.index_low <= narrow.index_low and narrow.index_high <= wide.index_high
    assert wide.unknown_weight == narrow.unknown_weight + NEW.indicator(n).weight


@settings(max_examples=30, deadline=None)
@given(levels=levels_st, n=st.sampled_from(OLD.numbers))
def test_raising_a_59_2020_level_never_lowers_the_estimate(levels: dict[int, int], n: int) -> None:
    if levels[n] == 5:
        return
    before = estimate_transition(_assessment(levels, True))
    after = estimate_transition(_assessment({**levels, n: levels[n] + 1}, True))
    assert after.index_low >= before.index_low and after.index_high >= before.index_high


def test_cli_text_and_json_say_it_is_an_estimate(capsys: pytest.CaptureFixture[str]) -> None:
    example = str(ROOT / "examples" / "kabupaten-contoh-2024.yaml")
    assert main(["transisi", example]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PERKIRAAN (bukan hasil penilaian)") and "tidak diketahui" in out and "Ini perkiraan" in out
    assert main(["--lang", "en", "transisi", example]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ESTIMATE (not an assessment result)") and "unknown" in out
    assert main(["transisi", example, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["estimate"] is True and doc["schema"] == "spbe-rules/transition-estimate@1"
    assert Fraction(doc["index_low"]) <= Fraction(doc["index_high"])
    assert [r["id"] for r in doc["indicators"] if not r["known"]] == [u.to for u in sorted(load_crosswalk().unmapped, key=lambda u: u.to)]


def test_an_assessment_of_another_structure_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_text("instansi: Uji\nyear: 2026\nlevels: {" + ", ".join(f"{n}: 3" for n in NEW.numbers) + "}\n", encoding="utf-8")
    assert main(["transisi", str(f)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "TRANSITION_RULESET" in captured.err and "Traceback" not in captured.err


# -- broken crosswalk files: each states the error code and line:col it must produce ----------------

_EXPECT = re.compile(r"# expect: (?P<code>[A-Z_]+) at (?P<line>\d+):(?P<col>\d+)")


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.yaml")), ids=lambda p: p.name)
def test_broken_crosswalk(path: Path) -> None:
    expected = [(m["code"], int(m["line"]), int(m["col"])) for m in _EXPECT.finditer(path.read_text(encoding="utf-8"))]
    assert expected, f"{path.name}: no `# expect:` line"
    with pytest.raises(spbe_rules.errors.CrosswalkError) as err:
        load_crosswalk(path)
    got = [(p.code, p.location.line, p.location.col) for p in err.value.problems]
    assert sorted(got) == sorted(expected)
    assert all(p.location.file == str(path) for p in err.value.problems)


def test_broken_crosswalk_cli_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    path = BROKEN / "unmapped-missing.yaml"
    assert main(["transisi", str(ROOT / "examples" / "kabupaten-contoh-2024.yaml"), "--crosswalk", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "CROSSWALK_INCOMPLETE" in captured.err and f"{path}:47:3" in captured.err
