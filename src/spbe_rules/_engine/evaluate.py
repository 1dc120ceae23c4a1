"""``evaluate``: an assessment under a ruleset -> a :class:`Result` (exact, then displayed)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from fractions import Fraction
from typing import Any

from .._base.errors import tr
from .._loading.assessment import Assessment, MissingPolicy, ReviewMark, ScoreGiven, StageLevels, SubLevelsGiven, check_against
from .._loading.evidence import EvaluationDate, evaluation_date
from .._model.converter import Level
from .._model.model import Rule
from .evidence import IndicatorEvidence, stage_evidence
from .engine import Compiled, DocState, RuleRun, compiled, display_text, round_scaled
from .switches import rule_switches
from .._loading.load import RulesetLike, as_ruleset
from .result import (
    AspectResult,
    Conversion,
    DocumentState,
    DomainResult,
    IndicatorResult,
    LevelChange,
    Result,
    Review,
    RuleOutcome,
    RulesetRef,
)
from .._version import __version__
import attrs

__all__ = ["evaluate"]


def evaluate(
    ruleset: RulesetLike,
    assessment: Assessment,
    *,
    missing: MissingPolicy = "error",
    enable_rules: Iterable[str] = (),
    disable_rules: Iterable[str] = (),
) -> Result:
    """Evaluate ``assessment`` under ``ruleset``.

    ``missing``: ``"error"`` (default) refuses an assessment that lacks a level;
    ``"lowest"`` counts a missing level as the scale's lowest and marks it ``filled``.
    ``enable_rules`` / ``disable_rules`` switch rules on or off by id (optional
    rules are off unless enabled). With stages, the result is the last stage's,
    and ``Result.stages`` holds one result per stage.
    """
    ruleset = as_ruleset(ruleset)
    if not isinstance(assessment, Assessment):
        raise TypeError(tr("engine.api.assessment_type", type=type(assessment).__name__))
    switches = rule_switches(ruleset, enable_rules, disable_rules)
    stages, filled = check_against(ruleset, assessment, missing)
    c = compiled(ruleset)
    when = evaluation_date(ruleset, assessment.year, assessment.evaluated_on) if assessment.evidence is not None else None

    enabled = switches.enabled
    ref = RulesetRef(ruleset.id, ruleset.version, ruleset.sha256)
    results: list[Result] = []
    filled_set = frozenset(filled)
    current: dict[int, Level] = {}
    extras: dict[int, Extra] = {}  # sub-levels, conversion and review of each indicator, as of this stage
    review_ids = {s.id for s in ruleset.stages if s.kind == "review"}
    given_later: set[int] = set()  # a level filled by policy stops being `filled` once a later stage gives it
    for k, st in enumerate(stages):
        before = dict(current)
        current.update(st.levels)
        if k:
            given_later.update(st.levels)
        reasons: dict[int, str] = {}
        for n in st.levels:  # a new value replaces what came with the old one
            extras.pop(n, None)
        for n, d in st.details.items():
            if isinstance(d, SubLevelsGiven):
                extras[n] = Extra(sub_levels=d.levels)
            elif isinstance(d, ScoreGiven) and d.band is not None:
                ext = c.ruleset.indicator(n).external
                assert ext is not None
                extras[n] = Extra(conversion=Conversion(ext.source, d.score, d.band.lower, d.band.upper, current[n]))
            elif isinstance(d, ReviewMark) and st.id in review_ids:
                kept = extras.get(n, Extra())
                extras[n] = attrs.evolve(kept, review=Review(str(st.id), d.valid, before[n], d.reason))
                if d.reason:
                    reasons[n] = d.reason
        changes = tuple(LevelChange(n, before[n], lv, reasons.get(n)) for n, lv in sorted(st.levels.items()) if n in before and before[n] != lv)
        results.append(_one(c, assessment, st, current, filled_set - given_later, enabled, ref, missing, changes, extras, when))
    final = results[-1]
    if assessment.staged:
        final = _with_stages(final, tuple(results))
    return final


@attrs.frozen
class Extra:
    """What an indicator's result says beside its level (see :class:`IndicatorResult`)."""

    sub_levels: tuple[int, ...] = ()
    conversion: Conversion | None = None
    review: Review | None = None


_UNKNOWN = DocState(None, "unknown")


def _with_stages(final: Result, stages: tuple[Result, ...]) -> Result:

    return attrs.evolve(final, stages=stages)


def _one(
    c: Compiled,
    assessment: Assessment,
    st: StageLevels,
    levels_by_number: dict[int, Level],
    filled: frozenset[int],
    enabled: Callable[[Rule], bool],
    ref: RulesetRef,
    missing: str,
    changes: tuple[LevelChange, ...],
    extras: dict[int, Extra],
    when: EvaluationDate | None = None,
) -> Result:
    rs = c.ruleset
    levels: list[Level] = [levels_by_number[n] for n in c.numbers]
    counted = levels
    stated_docs: dict[str, bool] = dict(assessment.documents)
    ev: dict[int, IndicatorEvidence] | None = None
    from_evidence: set[str] = set()
    counts = False
    if assessment.evidence is not None and rs.evidence_policy is not None:
        # Without a date there are no items (the check requires one for any item), so no age is measured.
        got = stage_evidence(rs, assessment.evidence, levels_by_number, stage=st.id, on=date.max if when is None else when.day)
        ev = dict(got.indicators)
        counts = got.counts_supported
        counted = [got.counted[n] for n in c.numbers]
        stated_docs.update(got.documents)
        from_evidence = set(got.documents)
    by: dict[int, tuple[str, ...]]
    runs: list[RuleRun]
    doc_state: dict[str, DocState]
    if rs.rules or rs.documents:  # documents are reported the same way with or without rules
        where = lambda: assessment.location("documents") if "documents" in (assessment.raw or {}) else assessment.location()  # noqa: E731
        applied = c.apply_rules(counted, stated_docs, enabled, where)
        eff, runs, doc_state = applied.effective, applied.runs, applied.documents
        by = {n: tuple(ids) for n, ids in applied.lowered_by.items()}
    else:
        eff, by, runs = counted, {}, []
        doc_state = {d.key: (DocState(assessment.documents[d.key], "stated") if d.key in assessment.documents else _UNKNOWN) for d in rs.documents}
    aspect_s, domain_s, total_s = c.sums(eff)
    # Result parts are immutable values: identical ones are shared (memo on the compiled ruleset)
    memo = c.memo
    aspects: tuple[AspectResult, ...] = tuple(memo.get(("a", j, s)) or _aspect(memo, c, j, s) for j, s in enumerate(aspect_s))
    domains: tuple[DomainResult, ...] = tuple(memo.get(("d", j, s)) or _domain(memo, c, j, s) for j, s in enumerate(domain_s))
    predikat, rounded = c.predikat_of(total_s, c.total_w)
    indicators: tuple[IndicatorResult, ...]
    if ev is None:
        indicators = tuple(
            (memo.get(("i", k, lv, e, by.get(n), n in filled)) or _indicator(memo, c, k, lv, e, by.get(n), n in filled))
            if n not in extras
            else attrs.evolve(_indicator({}, c, k, lv, e, by.get(n), n in filled), **attrs.asdict(extras[n], recurse=False))
            for k, (n, lv, e) in enumerate(zip(c.numbers, levels, eff))
        )
    else:
        indicators = tuple(
            _evidenced(c, k, lv, e, by.get(n), n in filled, ev[n], counts)
            if n not in extras
            else attrs.evolve(_evidenced(c, k, lv, e, by.get(n), n in filled, ev[n], counts), **attrs.asdict(extras[n], recurse=False))
            for k, (n, lv, e) in enumerate(zip(c.numbers, levels, eff))
        )
    documents = tuple(
        DocumentState(d.key, d.name, doc_state.get(d.key, _UNKNOWN).present, "evidence" if d.key in from_evidence else doc_state.get(d.key, _UNKNOWN).basis)
        for d in rs.documents
    )
    rules = tuple(RuleOutcome(run.rule.id, run.rule.kind, run.held is not None, run.held, run.capped) for run in runs)
    return Result(
        index=display_text(rounded, c.decimals),
        index_exact=Fraction(total_s, c.total_w),
        predikat=predikat,
        domains=domains,
        aspects=aspects,
        indicators=indicators,
        ruleset=ref,
        instansi=assessment.instansi,
        year=assessment.year,
        stage=st.id,
        predikat_from=rs.display.predikat_from,
        documents=documents,
        rules=rules,
        changes=changes,
        missing_policy=missing,
        evaluated_on=None if when is None else when.date,
        evaluated_on_basis=None if when is None else when.basis,
        library_version=__version__,
        ruleset_obj=rs,
    )


def _aspect(memo: dict[object, Any], c: Compiled, j: int, s: int) -> AspectResult:
    a, w = c.ruleset.aspects[j], c.aspect_w[j]
    r = AspectResult(a.id, a.name, a.domain, a.weight, display_text(round_scaled(s, w, c.decimals, c.rounding), c.decimals), Fraction(s, w))
    memo[("a", j, s)] = r
    return r


def _domain(memo: dict[object, Any], c: Compiled, j: int, s: int) -> DomainResult:
    d, w = c.ruleset.domains[j], c.domain_w[j]
    r = DomainResult(d.id, d.name, d.weight, display_text(round_scaled(s, w, c.decimals, c.rounding), c.decimals), Fraction(s, w))
    memo[("d", j, s)] = r
    return r


def _indicator(memo: dict[object, Any], c: Compiled, k: int, level: Level, eff: Level, rules: tuple[str, ...] | None, filled: bool) -> IndicatorResult:
    ind = c.indicators[k]
    r = IndicatorResult(ind.number, ind.name, ind.aspect, ind.weight, level, eff, rules or (), filled)
    memo[("i", k, level, eff, rules, filled)] = r
    return r


def _evidenced(
    c: Compiled, k: int, level: Level, eff: Level, rules: tuple[str, ...] | None, filled: bool, ev: IndicatorEvidence, counts: bool
) -> IndicatorResult:
    ind = c.indicators[k]
    return IndicatorResult(
        ind.number,
        ind.name,
        ind.aspect,
        ind.weight,
        level,
        eff,
        rules or (),
        filled,
        supported_level=ev.supported_level,
        unmet=ev.unmet,
        evidence=ev.state,
        counted="supported" if counts and ev.level is not None else "claimed",
        requirements=ev.checks,
    )
