"""Every caller of the evaluation core agrees with ``evaluate`` on the same input (issue 10, item 1).

Inputs are small random rulesets (``ruleset_strategies.rich_rulesets``: rules and caps that depend
on documents stated or inferred, switched-off and provisional rules, stages with a review,
fractional weights, random bands and display rules) and the installed rulesets, each with random
assessments (stages, review corrections, documents, the missing-level policy, sub-levels, rule
switches). For each input ``evaluate`` is the reference; the properties:

* batch: ``evaluate_many`` (both backends), ``evaluate_levels`` and a batch output file read back
  give the same index (text and exact), predikat, domain and aspect indices and effective levels;
  a failed evaluation fails the row with the same codes; a level that is not one whole level is
  refused (``NOT_WHOLE_LEVEL``);
* what-if: no change gives the evaluation itself; a change equals evaluating the changed assessment;
* gains: every indicator's gain, domain gains and predikat after equal two evaluations; every
  unlock (a document obtained, a rule's condition holding) equals the evaluation with it;
* impact: the same ruleset on both sides moves nothing; each side equals ``evaluate`` under its
  ruleset, and so does the quick engine impact uses to attribute a change;
* case suites: a case written from ``evaluate``'s output passes; a perturbed one fails on that field.

The planner and the reports are in ``test_equivalence_plan.py``.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from ruleset_strategies import (
    EQUIVALENCE_SETTINGS,
    INSTALLED,
    Input,
    assessments,
    codes,
    counted_base,
    evidenced,
    fraction_text,
    inputs,
    load_text,
    numbers,
    reference,
    rich_rulesets,
    ruleset_dir,
    ruleset_path,
    ruleset_text,
    whole,
    with_levels,
)
from spbe_rules import (
    Result,
    Ruleset,
    SpbeError,
    ValidationError,
    evaluate,
    evaluate_many,
    gains,
    impact,
    load_assessment,
    load_suite,
    run_suite,
    whatif,
)
from spbe_rules._analysis.cases_run import same_structure
from spbe_rules.batch import BatchFailure, BatchResult, BatchRow, evaluate_levels, open_writer, read_results
from spbe_rules._analysis.impact import Outcome, _quick
from spbe_rules._analysis.impact_corpus import Entry
from spbe_rules._engine.engine import display_text

SETTINGS = EQUIVALENCE_SETTINGS

# -- batch ---------------------------------------------------------------------------------------


def _batch_matches(b: BatchResult, r: Result) -> None:
    assert (b.index, b.index_exact, b.predikat) == (r.index, r.index_exact, r.predikat)
    assert dict(b.domains) == {d.id: d.index for d in r.domains}
    assert dict(b.aspects) == {a.id: a.index for a in r.aspects}
    assert dict(b.effective_levels) == r.effective_levels
    assert b.stage == r.stage and b.ruleset == r.ruleset


@SETTINGS
@given(inp=inputs())
def test_batch_paths_agree_with_evaluate(inp: Input, tmp_path: Path) -> None:
    ref = reference(inp)
    for backend in ("python", "numpy"):
        (out,) = list(evaluate_many(inp.ruleset, [inp.assessment], backend=backend, **inp.options))
        if isinstance(ref, ValidationError):
            assert isinstance(out, BatchFailure), f"{backend}: batch evaluated what evaluate refuses ({ref.codes})"
            assert codes(out.error) == codes(ref)
        elif not whole(ref):
            assert isinstance(out, BatchFailure) and codes(out.error) == {"NOT_WHOLE_LEVEL"}
        else:
            assert isinstance(out, BatchResult), f"{backend}: {out}"
            _batch_matches(out, ref)
            # the evidence, where the batch takes it: what the next level still needs
            assert dict(out.unmet) == {i.id: i.unmet for i in ref.indicators if i.unmet}
    if isinstance(ref, ValidationError) or not whole(ref):
        return
    assert isinstance(out, BatchResult)

    # a row as `spbe-rules batch` reads it from a table: the final levels, the stage, the documents
    levels = {i.id: int(i.level) for i in ref.indicators if not i.filled}
    docs = dict(inp.data.get("documents", {}))
    row = BatchRow(ref.instansi, ref.year, levels, ref.stage, docs, inp.ruleset)
    if inp.assessment.evidence is None:
        for backend in ("python", "numpy"):
            (got,) = list(evaluate_many(None, [row], backend=backend, **inp.options))
            assert isinstance(got, BatchResult), got
            _batch_matches(got, ref)

            # the low-level fast path, from the complete levels
            full = [int(i.level) for i in sorted(ref.indicators, key=lambda i: i.id)]
            nums = evaluate_levels(inp.ruleset, [full], [docs], enable_rules=inp.enable_rules, disable_rules=inp.disable_rules, backend=backend)
            assert not nums.failed
            assert (nums.index_text(0), nums.index_exact(0), nums.predikat[0]) == (ref.index, ref.index_exact, ref.predikat)
            assert nums.effective[0] == [ref.effective_levels[n] for n in sorted(ref.effective_levels)]
            dec = inp.ruleset.display.decimals
            assert [display_text(v, dec) for v in nums.aspects[0]] == [a.index for a in ref.aspects]
            assert [display_text(v, dec) for v in nums.domains[0]] == [d.index for d in ref.domains]

    # the batch output, written and read back
    for suffix in (".csv", ".jsonl"):
        path = tmp_path / f"hasil{suffix}"
        writer = open_writer(path, [inp.ruleset])
        writer.write(out)
        writer.commit()
        (rec,) = list(read_results(path))
        assert (rec["index"], Fraction(rec["index_exact"]), rec["predikat"]) == (ref.index, ref.index_exact, ref.predikat)
        assert rec["domains"] == {d.id: d.index for d in ref.domains}
        assert rec["aspects"] == {a.id: a.index for a in ref.aspects}
        assert {int(n): int(lv) for n, lv in rec["effective_levels"].items()} == ref.effective_levels


# -- what-if -------------------------------------------------------------------------------------


@SETTINGS
@given(inp=inputs(whole=True), data=st.data())
def test_whatif_agrees_with_evaluating_the_changed_assessment(inp: Input, data: st.DataObject) -> None:
    ref = reference(inp)
    rs = inp.ruleset
    if isinstance(ref, ValidationError):
        with pytest.raises(ValidationError) as info:
            whatif(rs, inp.assessment, {}, **inp.options)
        assert codes(info.value) == codes(ref)
        return
    same = whatif(rs, inp.assessment, {}, **inp.options)
    assert numbers(same.before) == numbers(ref)
    assert numbers(same.after) == numbers(ref), "what-if without a change moved the result"
    assert same.delta == 0 and not same.released and not same.capped and not same.levels

    numbers_ = sorted(rs.numbers)
    changes = data.draw(st.dictionaries(st.sampled_from(numbers_), st.integers(rs.scale.min, rs.scale.max), max_size=3), "changes")
    docs = data.draw(st.dictionaries(st.sampled_from([d.key for d in rs.documents] or ["-"]), st.booleans(), max_size=2), "documents") if rs.documents else {}
    w = whatif(rs, inp.assessment, changes, docs, **inp.options)
    expected = evaluate(rs, with_levels(inp, ref, changes, docs).assessment, **inp.options)
    assert numbers(w.after) == numbers(expected)
    assert (w.index.after, w.index.after_text, w.predikat_after) == (expected.index_exact, expected.index, expected.predikat)
    assert [(d.id, d.after, d.after_text) for d in w.domains] == [(d.id, d.index_exact, d.index) for d in expected.domains]
    assert [(a.id, a.after, a.after_text) for a in w.aspects] == [(a.id, a.index_exact, a.index) for a in expected.aspects]
    assert w.delta == expected.index_exact - ref.index_exact


def test_whatif_after_a_review_stage() -> None:
    """Found by the property above: an assessment whose last stage is a review (which only marks or
    corrects levels) made what-if label its one-stage copy with the review stage, and the copy was
    refused (REVIEW_ENTRY for every indicator, MISSING_LEVEL)."""
    rs = INSTALLED["pedoman-3-2024"]
    data = {
        "instansi": "Uji",
        "year": 2024,
        "documents": {"peta_rencana_spbe": True},
        "stages": {"mandiri": {str(n): 3 for n in rs.numbers}, "reviu": {"1": {"level": 2, "reason": "bukti tidak cukup"}, "2": {"valid": True}}},
    }
    inp = Input(rs, data)
    ref = evaluate(rs, inp.assessment)
    w = whatif(rs, inp.assessment, {5: 4})
    assert numbers(whatif(rs, inp.assessment, {}).after) == numbers(ref)
    assert w.after.indicator(1).level == 2 and w.after.stage == "mandiri"
    assert numbers(w.after) == numbers(evaluate(rs, with_levels(inp, ref, {5: 4}).assessment))


def test_whatif_keeps_the_evidence() -> None:
    """Found by the property above: what-if evaluated its copy of the assessment without the evidence,
    so with no change at all the claimed levels counted instead of the supported ones (the bundled
    example went from 1.07 to 1.14)."""
    path = Path(__file__).resolve().parent.parent / "examples" / "bukti-dukung-2024.yaml"
    a = load_assessment(path)
    rs = INSTALLED["pedoman-3-2024"]
    w = whatif(rs, a, {})
    assert numbers(w.after) == numbers(w.before) == numbers(evaluate(rs, a))
    g = gains(rs, a)
    assert {x.indicator: x.effective_level for x in g.indicators} == w.before.effective_levels


# -- gains ---------------------------------------------------------------------------------------


def _domain_gains(before: Result, after: Result) -> dict[str, Fraction]:
    return {b.id: a.index_exact - b.index_exact for b, a in zip(before.domains, after.domains) if a.index_exact != b.index_exact}


def _released(before: Result, after: Result, but: int | None = None) -> tuple[int, ...]:
    b, a = before.effective_levels, after.effective_levels
    return tuple(n for n in sorted(b) if n != but and a[n] > b[n])


@settings(SETTINGS, max_examples=30)
@given(inp=inputs(whole=True), data=st.data())
def test_gains_agree_with_two_evaluations(inp: Input, data: st.DataObject) -> None:
    ref = reference(inp)
    rs = inp.ruleset
    if isinstance(ref, ValidationError):
        with pytest.raises(ValidationError) as info:
            gains(rs, inp.assessment, **inp.options)
        assert codes(info.value) == codes(ref)
        return
    g = gains(rs, inp.assessment, **inp.options)
    assert numbers(g.result) == numbers(ref)
    eff = ref.effective_levels
    # every gain of a small ruleset; 8 of the 47 of an installed one (each costs an evaluation)
    checked = data.draw(st.sets(st.sampled_from(sorted(eff)), min_size=min(len(eff), 8), max_size=8), "checked")
    for gain in g.indicators:
        assert gain.effective_level == eff[gain.indicator], f"gains: indicator {gain.indicator} counted at another level than evaluate"
        ir = ref.indicator(gain.indicator)
        assert gain.level == (ir.level if ir.counted == "claimed" else ir.effective_level)  # with evidence: the level it supports
        if gain.to is None or gain.indicator not in checked:
            continue
        after = evaluate(rs, counted_base(inp, ref, {gain.indicator: gain.to}).assessment, **inp.options)
        assert gain.index_gain == after.index_exact - ref.index_exact, f"indicator {gain.indicator}"
        assert gain.predikat_after == after.predikat
        assert {d.id: d.gain for d in gain.domains} == _domain_gains(ref, after)
        assert gain.released == _released(ref, after, gain.indicator)
    for u in g.unlocks:
        if u.kind == "document":
            after = evaluate(rs, counted_base(inp, ref, {}, {u.id: True}).assessment, **inp.options)
        elif u.kind == "documents":
            after = evaluate(rs, counted_base(inp, ref, {}, {k: True for k in u.id.split("+")}).assessment, **inp.options)
        else:
            off = {**inp.options, "disable_rules": (*inp.disable_rules, u.id)}
            after = evaluate(rs, counted_base(inp, ref, {}).assessment, **off)
        event(f"unlock: {u.kind}")
        assert u.index_gain == after.index_exact - ref.index_exact, f"unlock {u.kind} {u.id}"
        assert u.released == _released(ref, after)
        assert {d.id: d.gain for d in u.domains} == _domain_gains(ref, after)


# -- impact --------------------------------------------------------------------------------------


@st.composite
def ruleset_pairs(draw: Any) -> tuple[Input, Ruleset]:
    """An input (default rule switches: impact reads assessments as they are) and a second
    ruleset of the same structure: another installed one, or the generated one changed."""
    if draw(st.integers(0, 7)) == 0:  # evidence decides the levels that count
        ev: Input = draw(evidenced())
        rs = ev.ruleset
        other = INSTALLED[draw(st.sampled_from(sorted(k for k, v in INSTALLED.items() if same_structure(rs, v))))]
        return Input(rs, ev.data), other
    if draw(st.integers(0, 5)) == 0:  # impact on an installed pair costs ~0.4 s (the diff of two whole rulesets)
        rs = INSTALLED[draw(st.sampled_from(sorted(INSTALLED)))]
        other = INSTALLED[draw(st.sampled_from(sorted(k for k, v in INSTALLED.items() if same_structure(rs, v))))]
    else:
        spec = draw(rich_rulesets())
        changed = dict(spec, display=draw(rich_rulesets())["display"]) if draw(st.booleans()) else spec
        if draw(st.booleans()):
            changed = dict(changed, rules=[dict(r, enabled=not r["enabled"]) for r in spec["rules"][:1]] + spec["rules"][1:])
        got, got_other = load_text(ruleset_text(spec)), load_text(ruleset_text(changed, rid="acak-baru"))
        assume(got is not None and got_other is not None)
        assert got is not None and got_other is not None
        rs, other = got, got_other
    inp: Input = draw(assessments(rs))
    return Input(rs, inp.data, inp.missing), other


def _outcome(rs: Ruleset, inp: Input) -> Outcome | None:
    try:
        r = evaluate(rs, inp.assessment, missing=inp.missing)
    except SpbeError:
        return None
    return Outcome(r.index, r.index_exact, r.predikat)


@settings(SETTINGS, max_examples=25)
@given(pair=ruleset_pairs())
def test_impact_agrees_with_evaluate_on_each_side(pair: tuple[Input, Ruleset]) -> None:
    inp, other = pair
    rs = inp.ruleset
    mine = _outcome(rs, inp)
    (row,) = impact(rs, rs, [inp.assessment], missing=inp.missing).rows
    assert row.a == row.b == mine
    assert not row.moved and not row.changed and row.causes == ()
    assert (row.error_a is None) == (mine is not None)

    theirs = _outcome(other, inp)
    report = impact(rs, other, [inp.assessment], missing=inp.missing)
    (row,) = report.rows
    assert (row.a, row.b) == (mine, theirs)
    assert row.moved == (mine is not None and theirs is not None and mine.predikat != theirs.predikat)
    # the quick engine that attributes a change to its cause gives evaluate's numbers
    entry = Entry("uji", "<uji>", inp.assessment, missing=inp.missing)
    for side, expected in ((rs, mine), (other, theirs)):
        quick = _quick(side, entry)
        if expected is None:
            assert isinstance(quick, str)
        else:
            assert quick == expected


# -- case suites ---------------------------------------------------------------------------------


def _suite_text(inp: Input, expect: dict[str, Any]) -> str:
    import json

    path = ruleset_path(inp.ruleset)
    case: dict[str, Any] = {"name": "dari evaluate", "assessment": dict(inp.data), "expect": expect}
    case["ruleset"] = str(path) if path is not None else inp.ruleset.id
    if inp.missing != "error":
        case["missing"] = inp.missing
    if inp.enable_rules:
        case["enable_rules"] = list(inp.enable_rules)
    if inp.disable_rules:
        case["disable_rules"] = list(inp.disable_rules)
    return "format: spbe-rules/cases@1\ncases:\n  - " + json.dumps(case) + "\n"


def _expect_of(r: Result) -> dict[str, Any]:
    return {
        "index": r.index,
        "predikat": r.predikat,
        "index_exact": fraction_text(r.index_exact),
        "domains": {d.id: d.index for d in r.domains},
        "aspects": {a.id: a.index for a in r.aspects},
        "effective_levels": {str(n): lv for n, lv in r.effective_levels.items()},
    }


def _perturbed(expect: dict[str, Any], rs: Ruleset, which: str) -> tuple[dict[str, Any], str]:
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in expect.items()}
    if which == "index":
        out["index"] = out["index"] + "1"
        return out, "index"
    if which == "predikat":
        out["predikat"] = out["predikat"] + " X"
        return out, "predikat"
    if which == "index_exact":
        out["index_exact"] = fraction_text(Fraction(out["index_exact"]) + Fraction(1, 10**7))
        return out, "index_exact"
    if which == "aspects":
        aid = sorted(out["aspects"])[0]
        out["aspects"][aid] = out["aspects"][aid] + "1"
        return out, f"aspects.{aid}"
    n = sorted(out["effective_levels"], key=int)[0]
    lv = out["effective_levels"][n]
    out["effective_levels"][n] = lv + 1 if lv < rs.scale.max else lv - 1
    return out, f"effective_levels.{n}"


@settings(SETTINGS, max_examples=30)
@given(inp=inputs(), which=st.sampled_from(["index", "predikat", "index_exact", "aspects", "effective_levels"]))
def test_a_case_written_from_evaluate_passes_and_a_perturbed_one_fails(inp: Input, which: str, tmp_path: Path) -> None:
    ref = reference(inp)
    expect = {"error": sorted(ref.codes)[0]} if isinstance(ref, ValidationError) else _expect_of(ref)
    suite = tmp_path / "kasus.yaml"
    suite.write_text(_suite_text(inp, expect), encoding="utf-8")
    # the suite names the generated ruleset by its path in another folder: allowed explicitly
    allow = [ruleset_dir()]
    report = run_suite(load_suite(suite), allow_dirs=allow)
    assert report.ok and report.passed == 1, report.render()
    if isinstance(ref, ValidationError):
        wrong, field = {"error": "NOT_A_CODE"}, "evaluation"
    elif not isinstance(ref.effective_levels[min(ref.effective_levels)], int) and which == "effective_levels":
        return
    else:
        wrong, field = _perturbed(expect, inp.ruleset, which)
    suite.write_text(_suite_text(inp, wrong), encoding="utf-8")
    report = run_suite(load_suite(suite), allow_dirs=allow)
    assert not report.ok and report.failed == 1
    assert [m.field for m in report.cases[0].mismatches] == [field], report.render()
