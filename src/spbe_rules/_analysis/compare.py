"""One institution over the years: index, domains and indicators, what changed, under which
ruleset each year was evaluated, and what the change of ruleset did by itself.

Each year is evaluated under its own ruleset (the one the assessment names, else the one in
force for its year). Between two years evaluated under different rulesets the change of the
index splits exactly into two parts, both computed by :func:`spbe_rules.evaluate`:

- the *levels* part: the later year's levels minus the earlier year's, both under the earlier
  year's rules;
- the *ruleset* part: the later year's levels under the later rules minus the same levels under
  the earlier rules (the same levels evaluated under both years' rules).

The two parts add up to the whole change. The ruleset part needs both rulesets to score the
same indicators on the same scale; when they do not (5/2018 against 59/2020, or 8/2026), the
comparison says so and gives no split. Indicators and domains are followed across the years
whose ruleset has the same structure as the latest year's.

JSON: ``schema: spbe-rules/compare@1``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from .._base.errors import AssessmentError, EvaluationError, Location, Problem, SpbeError
from .._base.messages import Msg
from .._engine.evaluate import evaluate
from .._engine.explain import Text
from .._engine.result import Result
from .._loading.assessment import Assessment, MissingPolicy, parse_assessment
from .._loading.load import load_ruleset
from .._loading.select import load_assessment_for, ruleset_for_assessment
from .._model.converter import exact_text
from .._model.model import Ruleset

__all__ = ["DomainTrack", "IndicatorTrack", "RulesetEffect", "Year", "YearComparison", "YearStep", "compare_to_dict", "compare_years"]

COMPARE_SCHEMA = "spbe-rules/compare@1"


@frozen
class Year:
    """One year: its result and the ruleset it was evaluated under (``provisional`` when the
    ruleset or its boundary rule is), and whether its structure matches the latest year's."""

    year: int
    source: str
    result: Result = field(repr=False)
    ruleset_id: str
    ruleset_version: str
    ruleset_title: str
    ruleset_status: str
    predikat_from: str
    boundary_status: str
    comparable: bool
    ruleset: Ruleset = field(repr=False, eq=False)

    @property
    def provisional(self) -> bool:
        """Whether the year's ruleset or its predikat boundary rule is provisional."""
        return self.ruleset_status == "provisional" or self.boundary_status == "provisional"


@frozen
class IndicatorTrack:
    """One indicator over the years (None where that year's ruleset has another structure)."""

    indicator: int
    name: str
    levels: tuple[int | Fraction | None, ...]  # a Fraction: the exact mean of sub-levels, or a converted score
    effective: tuple[int | Fraction | None, ...]

    @property
    def changed(self) -> bool:
        """Whether the effective level differs between any two years."""
        return len({e for e in self.effective if e is not None}) > 1


@frozen
class DomainTrack:
    """One domain's index over the years of a comparison."""

    id: str
    name: str
    indices: tuple[Fraction | None, ...]
    shown: tuple[str | None, ...]


@frozen
class RulesetEffect:
    """The change of ruleset alone, on the later year's levels: ``under_old``/``under_new`` are the
    index (exact) under the earlier and the later rules; ``indicators`` the indicators whose level
    that counts differs between the two rulesets on these levels. ``reason`` says why there is no
    split when ``comparable`` is false."""

    comparable: bool
    reason: Text | None = None
    under_old: Fraction | None = None
    under_old_shown: str | None = None
    predikat_under_old: str | None = None
    under_new: Fraction | None = None
    under_new_shown: str | None = None
    predikat_under_new: str | None = None
    levels_part: Fraction | None = None
    indicators: tuple[int, ...] = ()

    @property
    def ruleset_part(self) -> Fraction | None:
        """The part of the index change due to the change of ruleset alone (``under_new - under_old``), or None when not comparable."""
        if self.under_new is None or self.under_old is None:
            return None
        return self.under_new - self.under_old


@frozen
class YearStep:
    """From one year to the next."""

    year_from: int
    year_to: int
    index_from: Fraction
    index_to: Fraction
    predikat_from: str
    predikat_to: str
    ruleset_from: str
    ruleset_to: str
    raised: tuple[int, ...]
    lowered: tuple[int, ...]
    effect: RulesetEffect | None

    @property
    def delta(self) -> Fraction:
        """``index_to - index_from``, exactly."""
        return self.index_to - self.index_from


@frozen
class YearComparison:
    """The outcome of :func:`compare_years`: years oldest first."""

    instansi: str
    years: tuple[Year, ...]
    domains: tuple[DomainTrack, ...]
    indicators: tuple[IndicatorTrack, ...]
    steps: tuple[YearStep, ...]
    names: tuple[str, ...] = ()
    schema: str = COMPARE_SCHEMA


def _same_structure(a: Ruleset, b: Ruleset) -> bool:
    return (
        a.scale.min == b.scale.min
        and a.scale.max == b.scale.max
        and {(i.number, i.aspect) for i in a.indicators} == {(i.number, i.aspect) for i in b.indicators}
    )


def _final_assessment(assessment: Assessment, result: Result, ruleset: Ruleset) -> Assessment:
    """The final levels of ``result`` (without levels filled by policy) and the documents ``ruleset`` knows, as one stage."""
    known = {d.key for d in ruleset.documents}
    data: dict[str, Any] = {
        "instansi": assessment.instansi,
        "year": assessment.year,
        "levels": {str(i.id): i.level for i in result.indicators if not i.filled},
    }
    docs = {k: v for k, v in assessment.documents.items() if k in known}
    if docs:
        data["documents"] = docs
    return parse_assessment(data, f"{assessment.source} (ruleset {ruleset.id})")


def compare_years(
    items: Iterable[Assessment | str | os.PathLike[str] | tuple[Assessment, Ruleset | str]],
    *,
    missing: MissingPolicy = "error",
    enable_rules: Iterable[str] = (),
    disable_rules: Iterable[str] = (),
) -> YearComparison:
    """Compare one institution's assessments of two or more years.

    ``items``: assessments, assessment files, or ``(assessment, ruleset)`` pairs; each is
    evaluated under its own ruleset unless a pair names one. Two assessments of the same year
    are refused (``DUPLICATE_YEAR``). Rule switches apply to every year; a switch unknown to a
    year's ruleset is left out for that year.
    """
    on, off = tuple(enable_rules), tuple(disable_rules)
    loaded: list[tuple[Assessment, Ruleset]] = []
    for item in items:
        if isinstance(item, tuple):
            a, rs = item
            loaded.append((a, rs if isinstance(rs, Ruleset) else load_ruleset(rs)))
        elif isinstance(item, Assessment):
            loaded.append((item, ruleset_for_assessment(item)))
        else:
            loaded.append(load_assessment_for(item, None, missing))
    if len(loaded) < 2:
        raise AssessmentError(Msg("head.nothing_to_compare"), [Problem.of("TOO_FEW_YEARS", None, n=len(loaded))])
    loaded.sort(key=lambda p: p[0].year)
    problems = [
        Problem.of("DUPLICATE_YEAR", Location(a.source), year=a.year, first=prev.source, second=a.source)
        for (prev, _), (a, _) in zip(loaded, loaded[1:])
        if prev.year == a.year
    ]
    if problems:
        raise AssessmentError(Msg("head.one_per_year"), problems)

    def switches(rs: Ruleset) -> dict[str, tuple[str, ...]]:
        ids = {r.id for r in rs.rules}
        return {"enable_rules": tuple(x for x in on if x in ids), "disable_rules": tuple(x for x in off if x in ids)}

    for rid in {*on, *off}:
        if not any(rid in {r.id for r in rs.rules} for _, rs in loaded):
            raise EvaluationError(Msg("head.unknown_rule"), [Problem.of("UNKNOWN_RULE.years", None, rule=rid)])
    results = [evaluate(rs, a, missing=missing, **switches(rs)) for a, rs in loaded]
    latest_rs = loaded[-1][1]
    years = tuple(
        Year(
            a.year,
            a.source,
            res,
            rs.id,
            rs.version,
            rs.title,
            rs.status,
            rs.display.predikat_from,
            rs.display.status,
            _same_structure(rs, latest_rs),
            rs,
        )
        for (a, rs), res in zip(loaded, results)
    )
    # domains and indicators of the latest structure
    domains = tuple(
        DomainTrack(
            d.id,
            d.name,
            tuple(res.domain(d.id).index_exact if y.comparable and any(x.id == d.id for x in res.domains) else None for y, res in zip(years, results)),
            tuple(res.domain(d.id).index if y.comparable and any(x.id == d.id for x in res.domains) else None for y, res in zip(years, results)),
        )
        for d in latest_rs.domains
    )
    indicators = tuple(
        IndicatorTrack(
            ind.number,
            ind.name,
            tuple(res.indicator(ind.number).level if y.comparable else None for y, res in zip(years, results)),
            tuple(res.indicator(ind.number).effective_level if y.comparable else None for y, res in zip(years, results)),
        )
        for ind in sorted(latest_rs.indicators, key=lambda i: i.number)
    )
    steps: list[YearStep] = []
    for k in range(1, len(loaded)):
        (a0, rs0), (a1, rs1) = loaded[k - 1], loaded[k]
        r0, r1 = results[k - 1], results[k]
        raised: tuple[int, ...] = ()
        lowered: tuple[int, ...] = ()
        if _same_structure(rs0, rs1):
            e0, e1 = r0.effective_levels, r1.effective_levels
            raised = tuple(n for n in sorted(e1) if e1[n] > e0[n])
            lowered = tuple(n for n in sorted(e1) if e1[n] < e0[n])
        effect: RulesetEffect | None = None
        if rs0.id != rs1.id or rs0.sha256 != rs1.sha256:
            effect = _effect(r0, rs0, a1, r1, rs1, missing, switches)
        steps.append(YearStep(a0.year, a1.year, r0.index_exact, r1.index_exact, r0.predikat, r1.predikat, rs0.id, rs1.id, raised, lowered, effect))
    names = tuple(dict.fromkeys(a.instansi for a, _ in loaded))
    return YearComparison(loaded[-1][0].instansi, years, domains, indicators, tuple(steps), names)


def _effect(r0: Result, rs0: Ruleset, a1: Assessment, r1: Result, rs1: Ruleset, missing: MissingPolicy, switches: Any) -> RulesetEffect:
    if not _same_structure(rs0, rs1):
        return RulesetEffect(
            False,
            Text(
                f"{rs0.id} dan {rs1.id} tidak menilai indikator yang sama pada skala yang sama",
                f"{rs0.id} and {rs1.id} do not score the same indicators on the same scale",
            ),
        )
    try:
        old_on_new = evaluate(rs0, _final_assessment(a1, r1, rs0), missing=missing, **switches(rs0))
    except SpbeError as exc:  # e.g. the earlier rules read a document the later assessment does not state
        first = str(exc).splitlines()[0]
        return RulesetEffect(
            False,
            Text(f"level {a1.year} tidak dapat dinilai dengan aturan {rs0.id}: {first}", f"the {a1.year} levels cannot be evaluated under {rs0.id}: {first}"),
        )
    e_old, e_new = old_on_new.effective_levels, r1.effective_levels
    differ = tuple(n for n in sorted(e_new) if e_new[n] != e_old[n])
    return RulesetEffect(
        True,
        None,
        old_on_new.index_exact,
        old_on_new.index,
        old_on_new.predikat,
        r1.index_exact,
        r1.index,
        r1.predikat,
        old_on_new.index_exact - r0.index_exact,
        differ,
    )


def _num(v: Fraction | None) -> str | None:
    return None if v is None else exact_text(v)


def compare_to_dict(c: YearComparison) -> dict[str, Any]:
    """The JSON form of a :class:`YearComparison` (``schema: spbe-rules/compare@1``)."""
    return {
        "schema": c.schema,
        "instansi": c.instansi,
        "names": list(c.names),
        "years": [
            {
                "year": y.year,
                "source": y.source,
                "ruleset": {"id": y.ruleset_id, "version": y.ruleset_version, "title": y.ruleset_title, "status": y.ruleset_status},
                "predikat_from": y.predikat_from,
                "boundary_status": y.boundary_status,
                "provisional": y.provisional,
                "same_structure_as_latest": y.comparable,
                "stage": y.result.stage,
                "index": y.result.index,
                "index_exact": exact_text(y.result.index_exact),
                "predikat": y.result.predikat,
            }
            for y in c.years
        ],
        "domains": [{"id": d.id, "name": d.name, "index": list(d.shown), "index_exact": [_num(v) for v in d.indices]} for d in c.domains],
        "indicators": [{"id": t.indicator, "name": t.name, "level": list(t.levels), "effective_level": list(t.effective)} for t in c.indicators],
        "steps": [
            {
                "from": s.year_from,
                "to": s.year_to,
                "ruleset_from": s.ruleset_from,
                "ruleset_to": s.ruleset_to,
                "delta_exact": exact_text(s.delta),
                "predikat_from": s.predikat_from,
                "predikat_to": s.predikat_to,
                "raised": list(s.raised),
                "lowered": list(s.lowered),
                "ruleset_effect": None
                if s.effect is None
                else {
                    "comparable": s.effect.comparable,
                    "reason": None if s.effect.reason is None else {"id": s.effect.reason.id, "en": s.effect.reason.en},
                    "levels_of": s.year_to,
                    "index_under_old_exact": _num(s.effect.under_old),
                    "index_under_old": s.effect.under_old_shown,
                    "predikat_under_old": s.effect.predikat_under_old,
                    "index_under_new_exact": _num(s.effect.under_new),
                    "index_under_new": s.effect.under_new_shown,
                    "predikat_under_new": s.effect.predikat_under_new,
                    "ruleset_part_exact": _num(s.effect.ruleset_part),
                    "levels_part_exact": _num(s.effect.levels_part),
                    "indicators": list(s.effect.indicators),
                },
            }
            for s in c.steps
        ],
    }
