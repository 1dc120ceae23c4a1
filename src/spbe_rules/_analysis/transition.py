"""From Indeks SPBE to Indeks Pemdi: an ESTIMATE of the range an institution's Indeks Pemdi
(PermenPANRB 8/2026) may take, from its assessment under PermenPANRB 59/2020 and a crosswalk.

Each indicator of the new ruleset that a crosswalk link covers is estimated from the exact mean
of the levels (after the dependency rules) of its source indicators, widened by the link's
confidence (``spread``) and kept on the scale. An indicator with no source is unknown: it counts
from the lowest to the highest level, which widens the range; it is never filled silently.
The index range is exact (fractions); it is an estimate, and every output says so.
"""

from __future__ import annotations

from fractions import Fraction

from attrs import frozen

from .._engine.engine import compiled, display_text, round_scaled
from .._engine.evaluate import evaluate
from .._engine.result import Result
from .._loading.assessment import Assessment, MissingPolicy
from .._loading.crosswalk import DEFAULT_CROSSWALK, load_crosswalk
from .._loading.load import load_ruleset
from .._loading.select import ruleset_for_assessment
from .._model.converter import level_text
from .._model.crosswalk import Crosswalk
from .._model.model import Ruleset
from .._base.errors import EvaluationError, Problem
from .._base.messages import Lang, Msg

__all__ = ["IndicatorEstimate", "TransitionEstimate", "estimate_transition", "render_transition"]

TRANSITION_SCHEMA = "spbe-rules/transition-estimate@1"


@frozen
class IndicatorEstimate:
    """One indicator of the new ruleset: its estimated range, or unknown (``known`` False)."""

    id: int
    name: str
    weight: Fraction
    known: bool
    low: Fraction
    high: Fraction
    centre: Fraction | None = None  # the exact mean of the source levels
    sources: tuple[tuple[int, int | Fraction], ...] = ()  # (old indicator, its level after the rules)
    confidence: str | None = None
    basis: str | None = None  # the link's basis, or why the indicator has no source


@frozen
class TransitionEstimate:
    """An ESTIMATE of the new index from an old assessment (``estimate`` is always True)."""

    instansi: str
    year: int
    from_ruleset: str
    to_ruleset: str
    crosswalk: str
    crosswalk_status: str
    index_spbe: str
    index_low: Fraction
    index_high: Fraction
    index_low_text: str
    index_high_text: str
    predikat_low: str
    predikat_high: str
    indicators: tuple[IndicatorEstimate, ...]
    unknown_weight: Fraction
    estimate: bool = True
    schema: str = TRANSITION_SCHEMA


def estimate_transition(
    assessment: Assessment,
    crosswalk: Crosswalk | str | None = None,
    *,
    missing: MissingPolicy = "error",
) -> TransitionEstimate:
    """Estimate the Indeks Pemdi range of ``assessment`` (a 59/2020-structure assessment, any year
    2021-2025) through ``crosswalk`` (default: the installed 59/2020 -> 8/2026 crosswalk)."""
    cw = crosswalk if isinstance(crosswalk, Crosswalk) else load_crosswalk(crosswalk or DEFAULT_CROSSWALK)
    old_rs = ruleset_for_assessment(assessment, None)
    base = load_ruleset(cw.from_ruleset)
    if old_rs.numbers != base.numbers or any(a.weight != b.weight for a, b in zip(old_rs.indicators, base.indicators)):
        raise EvaluationError(
            Msg("head.transition"),
            [Problem.of("TRANSITION_RULESET", None, ruleset=old_rs.id, source=cw.from_ruleset)],
        )
    result = evaluate(old_rs, assessment, missing=missing)
    return _estimate(result, cw, load_ruleset(cw.to_ruleset))


def _estimate(result: Result, cw: Crosswalk, new: Ruleset) -> TransitionEstimate:
    eff = result.effective_levels
    lo, hi = Fraction(new.scale.min), Fraction(new.scale.max)
    why = {u.to: u.reason for u in cw.unmapped}
    rows: list[IndicatorEstimate] = []
    for ind in sorted(new.indicators, key=lambda i: i.number):
        link = cw.link(ind.number)
        if link is None:
            rows.append(IndicatorEstimate(ind.number, ind.name, ind.weight, False, lo, hi, basis=why.get(ind.number)))
            continue
        sources = tuple((n, eff[n]) for n in link.sources)
        centre = sum((Fraction(v) for _, v in sources), Fraction(0)) / len(sources)
        s = cw.spread[link.confidence]
        rows.append(
            IndicatorEstimate(ind.number, ind.name, ind.weight, True, max(lo, centre - s), min(hi, centre + s), centre, sources, link.confidence, link.basis)
        )
    total = new.total_weight
    low = sum((r.weight * r.low for r in rows), Fraction(0)) / total
    high = sum((r.weight * r.high for r in rows), Fraction(0)) / total
    d, mode = new.display.decimals, new.display.rounding

    def shown(x: Fraction) -> str:
        return display_text(round_scaled(x.numerator, x.denominator, d, mode), d)

    c = compiled(new)
    return TransitionEstimate(
        instansi=result.instansi,
        year=result.year,
        from_ruleset=result.ruleset.id,
        to_ruleset=new.id,
        crosswalk=cw.id,
        crosswalk_status=cw.status,
        index_spbe=result.index,
        index_low=low,
        index_high=high,
        index_low_text=shown(low),
        index_high_text=shown(high),
        predikat_low=c.predikat_of(low.numerator, low.denominator)[0],
        predikat_high=c.predikat_of(high.numerator, high.denominator)[0],
        indicators=tuple(rows),
        unknown_weight=sum((r.weight for r in rows if not r.known), Fraction(0)),
    )


def render_transition(t: TransitionEstimate, lang: str = "id") -> str:
    """The estimate as text; the first line says it is an estimate."""
    lg: Lang = "en" if lang == "en" else "id"

    def w(key: str, **params: object) -> str:
        return Msg(f"transisi.{key}", **params).render(lg)

    unknown = [r for r in t.indicators if not r.known]
    out = [
        w("head"),
        w("who", instansi=t.instansi, year=t.year, old=t.from_ruleset, index=t.index_spbe, new=t.to_ruleset, cw=t.crosswalk, status=t.crosswalk_status),
        "",
        w("range", low=t.index_low_text, high=t.index_high_text, plow=t.predikat_low, phigh=t.predikat_high),
        w("unknown", n=len(unknown), w=level_text(t.unknown_weight), ids=", ".join(str(r.id) for r in unknown) or "-"),
        "",
        f"  {w('no'):>3}  {w('indicator'):<46} {w('weight'):>5}  {w('est'):<16} {w('conf'):<9} {w('from')}",
    ]

    def lv(x: Fraction) -> str:  # exact when it ends within 2 decimals, else shown rounded (marked ~)
        exact = level_text(x)
        if "/" not in exact and len(exact.partition(".")[2]) <= 2:
            return exact
        return "~" + display_text(round_scaled(x.numerator, x.denominator, 2, "half_up"), 2)

    for r in t.indicators:
        name = r.name if len(r.name) <= 46 else r.name[:45] + "~"
        if r.known:
            rng = lv(r.low) if r.low == r.high else f"{lv(r.low)}-{lv(r.high)}"
            src = ", ".join(f"{n}={level_text(v)}" for n, v in r.sources)
            out.append(f"  {r.id:>3}  {name:<46} {level_text(r.weight):>5}  {rng:<16} {w(r.confidence or 'low'):<9} {src}")
        else:
            out.append(f"  {r.id:>3}  {name:<46} {level_text(r.weight):>5}  {w('unk'):<16} {'-':<9} {r.basis or ''}")
    out += ["", w("foot")]
    return "\n".join(out)
