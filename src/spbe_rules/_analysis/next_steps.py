"""What the next level needs: per indicator below the top of the scale, the requirement items of
the next level (and any lower item still unmet), the evidence they need, whether the evidence
given meets them and why not, and the citation."""

from __future__ import annotations

import math

from collections.abc import Iterable
from typing import Any, Literal

from attrs import frozen

from .._base.errors import EvaluationError, Problem
from .._base.messages import Msg
from .._engine.evaluate import evaluate
from .._engine.evidence_text import check_text, need_text
from .._engine.result import IndicatorResult
from .._loading.assessment import Assessment, MissingPolicy
from .._model.converter import converter
from .._model.model import Ruleset

__all__ = ["NEXT_SCHEMA", "IndicatorNext", "NextItem", "NextSteps", "next_steps", "next_to_dict"]

NEXT_SCHEMA = "spbe-rules/next@1"


@frozen
class NextItem:
    """One requirement item on the way to the next level. ``met`` is None when the assessment
    gives no evidence (nothing to check); ``status`` says why in words (id, en)."""

    id: str
    level: int
    text_id: str
    text_en: str
    optional: bool
    needs_id: str
    needs_en: str
    kind: str | None
    citation: str
    met: bool | None
    status_id: str
    status_en: str


@frozen
class IndicatorNext:
    """The next level of one indicator: from ``level`` (counted before the dependency rules: the
    supported level where evidence counts, else the claimed one; ``basis`` says which) to
    ``next_level``; ``held_by`` names rules that keep its effective level lower."""

    indicator: int
    name: str
    level: int
    next_level: int
    basis: Literal["supported", "claimed"]
    items: tuple[NextItem, ...]
    held_by: tuple[str, ...] = ()
    unavailable_id: str | None = None
    unavailable_en: str | None = None


@frozen
class NextSteps:
    instansi: str
    year: int
    ruleset: str
    evaluated_on: str | None
    indicators: tuple[IndicatorNext, ...]
    schema: str = NEXT_SCHEMA


def _computed_level(ir: IndicatorResult, lo: int, hi: int) -> int:
    level = lo
    for lv in range(lo, hi + 1):
        if all(c.met or c.optional for c in ir.requirements if c.level <= lv):
            level = lv
        else:
            break
    return level


def next_steps(
    ruleset: Ruleset,
    assessment: Assessment,
    *,
    indicator: int | None = None,
    missing: MissingPolicy = "error",
    enable_rules: Iterable[str] = (),
    disable_rules: Iterable[str] = (),
) -> NextSteps:
    """For each indicator below the top of the scale (or only ``indicator``): the next level's items."""
    if indicator is not None and indicator not in ruleset.numbers:
        raise EvaluationError(
            Msg("head.unknown_indicator"),
            [Problem.of("UNKNOWN_INDICATOR.next", None, rs=ruleset.id, n=indicator, lo=min(ruleset.numbers), hi=max(ruleset.numbers))],
        )
    result = evaluate(ruleset, assessment, missing=missing, enable_rules=enable_rules, disable_rules=disable_rules)
    lo, hi = ruleset.scale.min, ruleset.scale.max
    out = []
    for ir in result.indicators:
        if indicator is not None and ir.id != indicator:
            continue
        evidenced = ir.evidence in ("supported", "none")
        claimed = ir.level if isinstance(ir.level, int) else math.floor(ir.level)  # a mean of sub-levels: the whole level below it
        level = _computed_level(ir, lo, hi) if evidenced and ir.counted == "supported" else claimed
        basis: Literal["supported", "claimed"] = "supported" if evidenced and ir.counted == "supported" else "claimed"
        if level >= hi:
            continue
        nxt = level + 1
        checks = {c.requirement: c for c in ir.requirements}
        items = []
        for req in ruleset.requirements_of(ir.id):
            c = checks.get(req.id)
            if req.level > nxt or (req.level < nxt and (c is None or c.met or req.optional)):
                continue
            if c is None:
                status_id, status_en, met = Msg("ev.status.no_evidence").id, Msg("ev.status.no_evidence").en, None
            else:
                status_id, status_en, met = check_text(ruleset, c, result.evaluated_on, "id"), check_text(ruleset, c, result.evaluated_on, "en"), c.met
            try:
                title = ruleset.source(req.citation.source).title
            except KeyError:
                title = req.citation.source
            items.append(
                NextItem(
                    req.id,
                    req.level,
                    req.text.id,
                    req.text.en,
                    req.optional,
                    need_text(ruleset, req, "id"),
                    need_text(ruleset, req, "en"),
                    None if req.evidence is None else req.evidence.kind,
                    req.citation.text(title),
                    met,
                    status_id,
                    status_en,
                )
            )
        gone = ruleset.unavailable_reason(ir.id)
        out.append(
            IndicatorNext(
                ir.id,
                ir.name,
                level,
                nxt,
                basis,
                tuple(items),
                ir.rules,
                None if gone is None else gone.reason.id,
                None if gone is None else gone.reason.en,
            )
        )
    return NextSteps(result.instansi, result.year, ruleset.id, result.evaluated_on, tuple(out))


def next_to_dict(steps: NextSteps) -> dict[str, Any]:
    """The stable JSON form (``schema: spbe-rules/next@1``)."""
    data: dict[str, Any] = converter.unstructure(steps)
    return data
