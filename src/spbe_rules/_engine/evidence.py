"""The level the evidence supports: requirement items checked against dated evidence.

A requirement item is met at a stage when an evidence item names it in ``supports``,
was submitted by that stage, is not rejected (the latest verdict up to the stage; an item
without a verdict per the policy's ``unreviewed``), has the kind the item asks for, is
adopted when adoption is asked, is younger than ``max_age`` at the evaluation date
(exactly at the limit: the policy's ``at_age_limit``), covers the ``scope``, and is dated
after the evidence that met the ``after`` item. The supported level is the highest level
whose cumulative required (non-optional) items are all met, never below the scale's lowest.
"""

from __future__ import annotations

from fractions import Fraction

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal

from attrs import frozen

from .._loading.evidence import EvidenceItem
from .._model.model import Document, Ruleset
from .._model.requirements import EvidenceNeed, EvidencePolicy, MaxAge

__all__ = [
    "EvidenceState",
    "Failure",
    "IndicatorEvidence",
    "RequirementCheck",
    "StageEvidence",
    "document_presence",
    "stage_evidence",
    "indicator_evidence",
    "stage_counts_supported",
]

FailureReason = Literal["not_submitted", "rejected", "unreviewed", "kind", "draft", "stale", "scope", "order", "future"]
EvidenceState = Literal["supported", "none", "no_requirements"]


@frozen
class Failure:
    """Why one evidence item does not meet a requirement item (``limit``: the date it went stale,
    or the date of the evidence it must follow; ``missing``: scope items it does not cover)."""

    reason: FailureReason
    evidence: str
    date: str
    limit: str | None = None
    missing: tuple[str, ...] = ()
    detail: str | None = None  # the rejection reason, the stage, or the requirement it must follow
    age: MaxAge | None = None  # the age limit an item is too old for


@frozen
class RequirementCheck:
    """Whether a requirement item is met, by which evidence, and why other evidence fails."""

    requirement: str
    level: int
    optional: bool
    met: bool
    by: tuple[str, ...] = ()
    failures: tuple[Failure, ...] = ()


@frozen
class IndicatorEvidence:
    """What the evidence says about one indicator at one stage.

    ``level`` is the highest level whose cumulative required items are met (with no evidence:
    the level that needs none); ``state`` says whether any evidence was given for it."""

    indicator: int
    state: EvidenceState
    level: int | None
    unmet: tuple[str, ...]
    checks: tuple[RequirementCheck, ...]

    @property
    def supported_level(self) -> int | None:
        return self.level if self.state == "supported" else None


def _order(stage_ids: Sequence[str], stage: str | None) -> int:
    return stage_ids.index(stage) if stage in stage_ids else 0


def _verdict(item: EvidenceItem, stage_ids: Sequence[str], stage: str | None) -> bool | None:
    """The latest verdict up to ``stage`` (all verdicts for an assessment without stages)."""
    limit = len(stage_ids) if stage is None else _order(stage_ids, stage)
    latest: tuple[int, bool] | None = None
    for v in item.verdicts:
        k = _order(stage_ids, v.stage)
        if k <= limit and (latest is None or k >= latest[0]):
            latest = (k, v.accepted)
    return None if latest is None else latest[1]


def _reason_of(item: EvidenceItem, stage_ids: Sequence[str], stage: str | None) -> str | None:
    limit = len(stage_ids) if stage is None else _order(stage_ids, stage)
    best: tuple[int, str | None] | None = None
    for v in item.verdicts:
        k = _order(stage_ids, v.stage)
        if k <= limit and not v.accepted and (best is None or k >= best[0]):
            best = (k, v.reason)
    return None if best is None else best[1]


def stale_on(need: EvidenceNeed, item_day: date, on: date, policy: EvidencePolicy) -> date | None:
    """The limit date when the item is too old at ``on``, else None."""
    if need.max_age is None:
        return None
    limit = need.max_age.limit(item_day)
    too_old = on >= limit if policy.at_age_limit == "stale" else on > limit
    return limit if too_old else None


def _item_failure(
    item: EvidenceItem,
    need: EvidenceNeed | None,
    *,
    stage_ids: Sequence[str],
    stage: str | None,
    on: date,
    policy: EvidencePolicy,
    after_dates: Mapping[str, date | None],
) -> Failure | None:
    d = item.date
    if stage is not None and item.stage is not None and _order(stage_ids, item.stage) > _order(stage_ids, stage):
        return Failure("not_submitted", item.id, d, detail=item.stage)
    verdict = _verdict(item, stage_ids, stage)
    if verdict is False:
        return Failure("rejected", item.id, d, detail=_reason_of(item, stage_ids, stage))
    if verdict is None and policy.unreviewed == "ignored":
        return Failure("unreviewed", item.id, d)
    day = item.day
    if day > on:
        return Failure("future", item.id, d, limit=on.isoformat())
    if need is None:
        return None
    if item.kind != need.kind:
        return Failure("kind", item.id, d, detail=need.kind)
    if need.adopted and not item.adopted:
        return Failure("draft", item.id, d)
    stale = stale_on(need, day, on, policy)
    if stale is not None:
        return Failure("stale", item.id, d, limit=stale.isoformat(), age=need.max_age)
    missing = tuple(s for s in need.scope if s not in item.scope)
    if missing:
        return Failure("scope", item.id, d, missing=missing)
    if need.after is not None:
        first = after_dates.get(need.after)
        if first is None or day <= first:
            return Failure("order", item.id, d, limit=None if first is None else first.isoformat(), detail=need.after)
    return None


def indicator_evidence(
    ruleset: Ruleset,
    number: int,
    evidence: Sequence[EvidenceItem],
    *,
    stage: str | None,
    on: date,
) -> IndicatorEvidence:
    """The evidence verdict on indicator ``number`` at ``stage`` (None: an assessment without stages)."""
    reqs = ruleset.requirements_of(number)
    policy = ruleset.evidence_policy
    if not reqs or policy is None:
        return IndicatorEvidence(number, "no_requirements", None, (), ())
    stage_ids = [s.id for s in ruleset.stages]
    ids = {r.id for r in reqs}
    given = [
        it
        for it in evidence
        if any(s in ids for s in it.supports) and not (stage is not None and it.stage is not None and _order(stage_ids, it.stage) > _order(stage_ids, stage))
    ]
    met_dates: dict[str, date | None] = {}
    checks: list[RequirementCheck] = []
    for req in reqs:  # in level order, so an `after` item (a lower level) is decided first
        by: list[str] = []
        failures: list[Failure] = []
        days: list[date] = []
        for it in given:
            if req.id not in it.supports:
                continue
            f = _item_failure(it, req.evidence, stage_ids=stage_ids, stage=stage, on=on, policy=policy, after_dates=met_dates)
            if f is None:
                by.append(it.id)
                days.append(it.day)
            else:
                failures.append(f)
        met_dates[req.id] = min(days) if days else None
        checks.append(RequirementCheck(req.id, req.level, req.optional, bool(by), tuple(by), tuple(failures)))
    lo, hi = ruleset.scale.min, ruleset.scale.max
    level = lo
    for lv in range(lo, hi + 1):
        if all(c.met or c.optional for c in checks if c.level <= lv):
            level = lv
        else:
            break
    nxt = level + 1
    unmet = tuple(c.requirement for c in checks if c.level <= nxt and not c.met and not c.optional) if nxt <= hi else ()
    state: EvidenceState = "supported" if given else "none"
    return IndicatorEvidence(number, state, level, unmet, tuple(checks))


def stage_counts_supported(policy: EvidencePolicy, stage_ids: Sequence[str], stage: str | None) -> bool:
    """Whether the supported level counts at ``stage`` (None: an assessment without stages)."""
    if stage is None:
        return policy.without_stage == "supported"
    if policy.supported_from not in stage_ids or stage not in stage_ids:
        return False
    return stage_ids.index(stage) >= stage_ids.index(policy.supported_from)


def document_presence(ruleset: Ruleset, doc: Document, evidence: Sequence[EvidenceItem], *, stage: str | None, on: date) -> bool | None:
    """Whether evidence shows the dependency document at ``stage``; None when no item names it."""
    items = [it for it in evidence if it.document == doc.key]
    if not items:
        return None
    policy = ruleset.evidence_policy
    if policy is None:
        return None
    stage_ids = [s.id for s in ruleset.stages]
    for it in items:
        if _item_failure(it, doc.evidence, stage_ids=stage_ids, stage=stage, on=on, policy=policy, after_dates={}) is None:
            return True
    return False


@frozen
class StageEvidence:
    """What the evidence does at one stage: the level counted per indicator (before the rules),
    the evidence verdict per indicator, the documents shown by evidence, and whether the supported
    level counts at this stage."""

    counted: Mapping[int, int | Fraction]
    indicators: Mapping[int, IndicatorEvidence]
    documents: Mapping[str, bool]
    counts_supported: bool


def stage_evidence(ruleset: Ruleset, evidence: Sequence[EvidenceItem], levels: Mapping[int, int | Fraction], *, stage: str | None, on: date) -> StageEvidence:
    """The one place where evidence turns claimed levels into counted levels (used by ``evaluate``
    and by the batch path): from the policy's stage on, an indicator with requirement items counts
    the level its evidence supports."""
    policy = ruleset.evidence_policy
    if policy is None:
        return StageEvidence(dict(levels), {}, {}, False)
    per = {n: indicator_evidence(ruleset, n, evidence, stage=stage, on=on) for n in ruleset.numbers}
    counts = stage_counts_supported(policy, [s.id for s in ruleset.stages], stage)
    counted: dict[int, int | Fraction] = {}
    for n, lv in levels.items():
        supported = per[n].level if n in per else None
        counted[n] = supported if counts and supported is not None else lv
    docs: dict[str, bool] = {}
    for d in ruleset.documents:
        present = document_presence(ruleset, d, evidence, stage=stage, on=on)
        if present is not None:
            docs[d.key] = present
    return StageEvidence(counted, per, docs, counts)
