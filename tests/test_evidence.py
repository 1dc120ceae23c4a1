"""Evidence and the supported level (issue 12): worked cases and Hypothesis properties."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spbe_rules

RS = spbe_rules.load_ruleset("pedoman-3-2024")
ON = dt.date(2024, 6, 30)
REQS = {r.id: r for r in RS.requirements}


def levels(value: int = 1, **over: int) -> dict[int, int]:
    out = {n: value for n in RS.numbers}
    out.update({int(k[1:]): v for k, v in over.items()})
    return out


def assess(claimed: dict[int, int], evidence: list[dict[str, Any]] | None, *, evaluated_on: str | None = "2024-06-30", **extra: Any) -> spbe_rules.Assessment:
    data: dict[str, Any] = {"instansi": "Kabupaten Uji", "year": 2024, "stages": {"mandiri": claimed, "dokumen": {}}, **extra}
    if evidence is not None:
        data["evidence"] = evidence
    if evaluated_on is not None:
        data["evaluated_on"] = evaluated_on
    return spbe_rules.parse_assessment(data)


def item(iid: str, rid: str, day: str, **more: Any) -> dict[str, Any]:
    req = REQS[rid]
    need = req.evidence
    out: dict[str, Any] = {"id": iid, "kind": need.kind if need else "laporan_pelaksanaan", "date": day, "supports": [rid]}
    if need is not None and need.adopted:
        out["adopted"] = True
    if need is not None and need.scope:
        out["scope"] = list(need.scope)
    out.update(more)
    return out


def full_support(number: int, level: int, day: str = "2024-01-15") -> list[dict[str, Any]]:
    """One valid item for every required item of ``number`` up to ``level``."""
    return [item(f"b-{r.id}", r.id, day) for r in RS.requirements_of(number) if r.level <= level and not r.optional]


def test_supported_level_counts_from_the_document_stage() -> None:
    result = spbe_rules.evaluate(RS, assess(levels(1, i1=4), full_support(1, 3)))
    mandiri, dokumen = result.stages
    assert mandiri.indicator(1).effective_level == 4 and mandiri.indicator(1).counted == "claimed"
    ind = dokumen.indicator(1)
    assert (ind.level, ind.supported_level, ind.effective_level, ind.counted) == (4, 3, 3, "supported")
    assert ind.unmet == tuple(r.id for r in RS.requirements_of(1, 4) if not r.optional)
    assert result.evaluated_on == "2024-06-30" and result.evaluated_on_basis == "assessment"
    # an indicator without any evidence is reported as such
    other = dokumen.indicator(2)
    assert (other.supported_level, other.evidence) == (None, "none")


def test_evaluation_date_from_the_ruleset() -> None:
    result = spbe_rules.evaluate(RS, assess(levels(1), full_support(1, 2), evaluated_on=None))
    assert (result.evaluated_on, result.evaluated_on_basis) == ("2024-07-09", "ruleset")


def test_stale_review_names_date_and_limit() -> None:
    reviu = next(r for r in RS.requirements_of(1, 4) if r.evidence and r.evidence.max_age)
    ev = [*full_support(1, 3), item("reviu-lama", reviu.id, "2021-05-10")]
    ind = spbe_rules.evaluate(RS, assess(levels(1, i1=4), ev)).indicator(1)
    check = next(c for c in ind.requirements if c.requirement == reviu.id)
    assert not check.met
    (f,) = check.failures
    assert (f.reason, f.date, f.limit) == ("stale", "2021-05-10", "2023-05-10")


def test_draft_does_not_count_where_adoption_is_asked() -> None:
    r2 = next(r for r in RS.requirements_of(1, 2) if r.evidence and r.evidence.adopted)
    ev = [item("draf", r2.id, "2023-03-01", adopted=False)]
    ind = spbe_rules.evaluate(RS, assess(levels(1, i1=2), ev)).indicator(1)
    assert ind.supported_level == 1 and r2.id in ind.unmet
    assert next(c for c in ind.requirements if c.requirement == r2.id).failures[0].reason == "draft"


def test_rejected_at_dokumen_counts_at_mandiri_only() -> None:
    ev = full_support(1, 3)
    ev[0] = {**ev[0], "verdicts": {"dokumen": {"verdict": "rejected", "reason": "belum ditandatangani"}}}
    result = spbe_rules.evaluate(RS, assess(levels(1, i1=3), ev))
    assert result.indicator(1).supported_level < 3
    failure = [f for c in result.indicator(1).requirements for f in c.failures if f.reason == "rejected"]
    assert failure and failure[0].detail == "belum ditandatangani"


@pytest.mark.parametrize(("policy", "stale"), [("stale", True), ("valid", False)])
def test_exactly_at_the_age_limit_is_decided_by_the_ruleset(policy: str, stale: bool) -> None:
    assert RS.evidence_policy is not None
    rs = attrs.evolve(RS, evidence_policy=attrs.evolve(RS.evidence_policy, at_age_limit=policy))
    reviu = next(r for r in RS.requirements_of(1, 4) if r.evidence and r.evidence.max_age)
    for day, expect_stale in (("2022-06-30", stale), ("2022-07-01", False), ("2022-06-29", True)):
        ev = [*full_support(1, 3), item("reviu", reviu.id, day)]
        ind = spbe_rules.evaluate(rs, assess(levels(1, i1=4), ev)).stages[1].indicator(1)
        met = next(c for c in ind.requirements if c.requirement == reviu.id).met
        assert met is not expect_stale, (policy, day)


def test_follow_up_must_come_after_the_review() -> None:
    target = next(r for r in RS.requirements if r.evidence and r.evidence.after)
    n = target.indicator
    base = full_support(n, target.level)
    first = next(x for x in base if x["supports"] == [target.evidence.after])  # type: ignore[union-attr]
    ok = spbe_rules.evaluate(RS, assess(levels(1), [*(x for x in base if x is not first), {**first, "date": "2023-01-01"}]))
    late = [{**x, "date": "2024-02-01"} if x is first else x for x in base]
    bad = spbe_rules.evaluate(RS, assess(levels(1), late))
    assert next(c for c in ok.indicator(n).requirements if c.requirement == target.id).met
    check = next(c for c in bad.indicator(n).requirements if c.requirement == target.id)
    assert not check.met and check.failures[0].reason == "order"


def test_documents_as_evidence_differ_between_stages() -> None:
    peta = {
        "id": "peta",
        "kind": "dokumen_perencanaan",
        "date": "2023-02-01",
        "adopted": True,
        "document": "peta_rencana_spbe",
        "verdicts": {"dokumen": {"verdict": "rejected", "reason": "masa berlaku habis"}},
    }
    claimed = levels(2)
    result = spbe_rules.evaluate(RS, assess(claimed, [peta], **{}))
    mandiri, dokumen = result.stages
    assert mandiri.documents[1].key == "peta_rencana_spbe" or any(d.key == "peta_rencana_spbe" for d in mandiri.documents)
    state = {d.key: (d.present, d.basis) for d in mandiri.documents}
    assert state["peta_rencana_spbe"] == (True, "evidence")
    assert {d.key: d.present for d in dokumen.documents}["peta_rencana_spbe"] is False
    assert dokumen.indicator(21).effective_level == 1


def test_no_evidence_gives_todays_result() -> None:
    a = assess(levels(3, i12=1), None)
    ra = spbe_rules.evaluate(RS, a)
    # an empty `evidence:` list asks for evidence-based levels: from the document stage on, nothing is supported
    rb = spbe_rules.evaluate(RS, assess(levels(3, i12=1), []))
    assert rb.stages[0].index_exact == ra.stages[0].index_exact and rb.index_exact < ra.index_exact
    assert rb.indicator(5).evidence == "none" and rb.indicator(5).supported_level is None
    assert all(i.supported_level is None and i.unmet == () and i.evidence is None for i in ra.indicators)
    assert ra.evaluated_on is None and all(i.effective_level == (1 if 21 <= i.id <= 31 else 3) for i in ra.indicators if i.id != 12)


# -- properties --------------------------------------------------------------------------

INDICATORS = st.sampled_from([1, 3, 12, 21, 29, 32, 45])


@st.composite
def evidence_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n in draw(st.lists(INDICATORS, min_size=1, max_size=3, unique=True)):
        reqs = RS.requirements_of(n)
        for k in range(draw(st.integers(0, 8))):
            r = draw(st.sampled_from(reqs))
            age = draw(st.integers(0, 4 * 365))
            day = (ON - dt.timedelta(days=age)).isoformat()
            more: dict[str, Any] = {}
            if r.evidence is not None and r.evidence.adopted:
                more["adopted"] = draw(st.booleans())
            if r.evidence is not None and r.evidence.scope:
                more["scope"] = draw(st.lists(st.sampled_from(list(r.evidence.scope)), unique=True))
            if draw(st.integers(0, 4)) == 0:
                more["verdicts"] = {"dokumen": {"verdict": "rejected", "reason": "tidak sesuai"}}
            out.append(item(f"e{len(out)}-{k}", r.id, day, **more))
    return out


CLAIMS = st.dictionaries(st.sampled_from(list(range(1, 48))), st.integers(1, 5), max_size=47).map(lambda d: {**levels(2), **d})
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _final(result: spbe_rules.Result) -> dict[int, tuple[int, int]]:
    return {i.id: (i.effective_level, 0 if i.supported_level is None else i.supported_level) for i in result.indicators}


def _computed(result: spbe_rules.Result) -> dict[int, int]:
    """The level the evidence supports per indicator (also where none was given)."""
    out = {}
    for ind in result.indicators:
        checks = ind.requirements
        level = RS.scale.min
        for lv in range(RS.scale.min, RS.scale.max + 1):
            if all(c.met or c.optional for c in checks if c.level <= lv):
                level = lv
            else:
                break
        out[ind.id] = level
    return out


@SETTINGS
@given(CLAIMS, evidence_sets())
def test_supported_never_exceeds_the_highest_fully_met_level(claimed: dict[int, int], ev: list[dict[str, Any]]) -> None:
    result = spbe_rules.evaluate(RS, assess(claimed, ev))
    given_items = {e["id"]: e for e in ev}
    for ind in result.indicators:
        if ind.supported_level is None:
            continue
        assert ind.supported_level == _computed(result)[ind.id]
        for c in ind.requirements:
            # an item counted as meeting a requirement really has the required properties
            for eid in c.by:
                e, need = given_items[eid], REQS[c.requirement].evidence
                assert c.requirement in e["supports"]
                if need is not None:
                    assert e["kind"] == need.kind
                    assert e.get("adopted", False) or not need.adopted
                    assert set(need.scope) <= set(e.get("scope", []))
                    if need.max_age is not None:
                        assert ON < need.max_age.limit(dt.date.fromisoformat(e["date"]))
                assert "verdicts" not in e  # every generated verdict is a rejection at the final stage
        # the highest level whose required items are all met bounds the supported level
        met_levels = [lv for lv in range(1, 6) if all(c.met for c in ind.requirements if c.level <= lv and not c.optional)]
        assert ind.supported_level <= max([1, *met_levels])
        assert (
            set(ind.unmet) == {c.requirement for c in ind.requirements if c.level <= ind.supported_level + 1 and not c.met and not c.optional}
            or ind.supported_level == 5
        )


@SETTINGS
@given(CLAIMS, evidence_sets(), st.data())
def test_removing_or_rejecting_evidence_never_raises_a_level(claimed: dict[int, int], ev: list[dict[str, Any]], data: st.DataObject) -> None:
    if not ev:
        return
    k = data.draw(st.integers(0, len(ev) - 1))
    before = spbe_rules.evaluate(RS, assess(claimed, ev))
    rejected = [dict(e, verdicts={"dokumen": {"verdict": "rejected", "reason": "uji"}}) if j == k else e for j, e in enumerate(ev)]
    removed = [e for j, e in enumerate(ev) if j != k]
    b = _computed(before)
    for variant in (rejected, removed):
        after = spbe_rules.evaluate(RS, assess(claimed, variant))
        a = _computed(after)
        assert all(a[n] <= b[n] for n in RS.numbers)
        assert all(after.indicator(n).effective_level <= before.indicator(n).effective_level for n in RS.numbers)
        assert after.index_exact <= before.index_exact


@SETTINGS
@given(CLAIMS, evidence_sets(), st.integers(1, 3 * 365))
def test_moving_every_date_into_the_past_never_raises_a_level(claimed: dict[int, int], ev: list[dict[str, Any]], days: int) -> None:
    before = spbe_rules.evaluate(RS, assess(claimed, ev))
    older = [dict(e, date=(dt.date.fromisoformat(e["date"]) - dt.timedelta(days=days)).isoformat()) for e in ev]
    after = spbe_rules.evaluate(RS, assess(claimed, older))
    b, a = _computed(before), _computed(after)
    assert all(a[n] <= b[n] for n in RS.numbers)
    assert after.index_exact <= before.index_exact


@SETTINGS
@given(CLAIMS)
def test_without_evidence_the_results_are_todays(claimed: dict[int, int]) -> None:
    result = spbe_rules.evaluate(RS, assess(claimed, None))
    for stage in result.stages:
        assert stage.evaluated_on is None
        for ind in stage.indicators:
            assert (ind.supported_level, ind.unmet, ind.evidence, ind.counted, ind.requirements) == (None, (), None, "claimed", ())
            assert ind.level == claimed[ind.id]
    plain = spbe_rules.evaluate(RS, spbe_rules.Assessment.from_levels(claimed, instansi="Kabupaten Uji", year=2024))
    assert (plain.index_exact, plain.predikat, plain.effective_levels) == (result.index_exact, result.predikat, result.effective_levels)


@SETTINGS
@given(evidence_sets(), st.sampled_from(["keep", "no-reason", "bad-sha", "bad-date", "extra-key"]))
def test_the_quick_form_check_never_accepts_what_the_schema_refuses(ev: list[dict[str, Any]], damage: str) -> None:
    from spbe_rules._loading.schema import assessment_surely_valid, schema_problems

    ev = [dict(e) for e in ev]
    if ev and damage == "no-reason":
        ev[0]["verdicts"] = {"dokumen": {"verdict": "rejected"}}
    elif ev and damage == "bad-sha":
        ev[0].update(file="bukti.pdf", sha256="ABC")
    elif ev and damage == "bad-date":
        ev[0]["date"] = "2024-6-1"
    elif ev and damage == "extra-key":
        ev[0]["tanggal"] = "2024-06-01"
    data = {"instansi": "Kab Uji", "year": 2024, "levels": {str(n): 2 for n in RS.numbers}, "evaluated_on": "2024-06-30", "evidence": ev}
    problems = schema_problems("assessment", data, "uji")
    if assessment_surely_valid(data):
        assert not problems
    if damage == "keep" or not ev:
        assert assessment_surely_valid(data) and not problems
