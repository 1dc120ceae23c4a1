"""What-if and marginal value: what a change of levels or documents does, exactly, with the rules.

:func:`whatif` re-evaluates an assessment with some levels (and documents) changed
and reports the change of the index, of every domain and aspect index (exact and
displayed), of the predikat, and which capped indicators the change released (an
indicator is *released* when its effective level rose because a rule stopped
capping it).

:func:`gains` answers "what is one more level of each indicator worth right now?":
the exact change of the index and of each domain when that indicator alone is
raised one level, with the rules applied (so raising a capped indicator is worth 0,
and raising indicator 12 to level 2 may also release 21-31 through the document it
implies), and what satisfying each blocking condition would release.

JSON (``schema: spbe-rules/whatif@1`` and ``spbe-rules/gains@1``): exact numbers as
text (``"0.026"`` or ``"6/91"``), displayed numbers rounded as the ruleset says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from .._loading.assessment import Assessment, MissingPolicy, parse_assessment
from .._model.converter import converter, exact_text
from .._engine.switches import rule_switches
from .._engine.engine import Compiled, compiled, display_text, round_scaled, whole_levels
from .._loading.load import RulesetLike, as_ruleset
from .._base.errors import Location
from .._engine.evaluate import evaluate
from .._engine.explain import Text, describe_condition
from .._loading import misfit
from .._model.conditions import documents_named
from .._model.model import HasDocument, Rule, Ruleset
from .._engine.result import LevelChange, Result
from .._base.numbers import shown

__all__ = [
    "DocumentChange",
    "DomainGain",
    "Gain",
    "Gains",
    "IndexDelta",
    "Release",
    "Unlock",
    "WhatIf",
    "gains",
    "gains_to_dict",
    "whatif",
    "whatif_to_dict",
]

WHATIF_SCHEMA = "spbe-rules/whatif@1"
GAINS_SCHEMA = "spbe-rules/gains@1"


# -- typed results ----------------------------------------------------------------------


@frozen
class IndexDelta:
    """One index (the Indeks SPBE, a domain's or an aspect's) before and after."""

    id: str
    name: str
    before: Fraction
    after: Fraction
    before_text: str
    after_text: str

    @property
    def delta(self) -> Fraction:
        """``after - before``, exactly."""
        return self.after - self.before


@frozen
class DocumentChange:
    """A document switched on or off in a what-if."""

    key: str
    name: str
    before: bool | None
    after: bool | None


@frozen
class Release:
    """An indicator whose effective level changed because of the rules: ``rules`` are the
    rules that stopped capping it (for a release) or started capping it (for a new cap)."""

    indicator: int
    name: str
    before: int
    after: int
    rules: tuple[str, ...]


@frozen
class WhatIf:
    """The outcome of :func:`whatif`."""

    before: Result
    after: Result
    levels: tuple[LevelChange, ...]
    documents: tuple[DocumentChange, ...]
    index: IndexDelta
    domains: tuple[IndexDelta, ...]
    aspects: tuple[IndexDelta, ...]
    predikat_before: str
    predikat_after: str
    released: tuple[Release, ...] = ()
    capped: tuple[Release, ...] = ()
    schema: str = WHATIF_SCHEMA

    @property
    def delta(self) -> Fraction:
        """Exact change of the Indeks SPBE."""
        return self.index.delta

    @property
    def predikat_changed(self) -> bool:
        """Whether the change moves the predikat."""
        return self.predikat_before != self.predikat_after


@frozen
class DomainGain:
    """What one more level is worth in one domain (gains)."""

    id: str
    gain: Fraction


@frozen
class Gain:
    """What one more level of one indicator is worth now (``to`` is None at the top of the scale)."""

    indicator: int
    name: str
    aspect: str
    domain: str | None
    level: int
    effective_level: int
    to: int | None
    index_gain: Fraction
    domains: tuple[DomainGain, ...] = ()
    released: tuple[int, ...] = ()
    blocked_by: tuple[str, ...] = ()
    predikat_after: str | None = None


@frozen
class Unlock:
    """What satisfying a blocking condition would release now: ``kind`` is ``document``
    (the document is obtained), ``documents`` (all the missing documents rules read are
    obtained together) or ``rule`` (the rule's condition holds)."""

    kind: str
    id: str
    name: str
    condition: Text
    released: tuple[int, ...]
    index_gain: Fraction
    domains: tuple[DomainGain, ...] = ()


@frozen
class Gains:
    """The outcome of :func:`gains`: indicators ranked by the exact index gain of one more level."""

    result: Result = field(repr=False)
    indicators: tuple[Gain, ...]
    unlocks: tuple[Unlock, ...]
    schema: str = GAINS_SCHEMA


# -- shared helpers (also used by the planner) -------------------------------------------


def enabled_fn(ruleset: Ruleset, enable_rules: Iterable[str], disable_rules: Iterable[str]) -> Callable[[Rule], bool]:
    """The same rule switch as :func:`evaluate` uses (an unknown rule id raises ``UNKNOWN_RULE``)."""
    return rule_switches(ruleset, enable_rules, disable_rules).enabled


class FastEval:
    """Exact evaluation of level vectors through the compiled engine (no Result objects)."""

    def __init__(self, ruleset: Ruleset, enabled: Callable[[Rule], bool], where: Location | None = None) -> None:
        self.c: Compiled = compiled(ruleset)
        self.enabled = enabled
        self._where = where or Location()

    def effective(self, levels: Sequence[int], documents: Mapping[str, bool]) -> list[int]:
        """The effective levels (after the rules) of ``levels`` with ``documents``."""
        if not self.c.ruleset.rules:
            return list(levels)
        return self.c.apply_rules(list(levels), documents, self.enabled, lambda: self._where).effective

    def total(self, levels: Sequence[int], documents: Mapping[str, bool]) -> int:
        eff = self.effective(levels, documents)
        return sum(lv * w for lv, w in zip(eff, self.c.w))


def final_levels(result: Result) -> dict[int, int]:
    """The submitted levels of ``result`` that the assessment gave (levels filled by policy left out)."""
    return dict(zip((i.id for i in result.indicators if not i.filled), whole_levels(((i.id, i.level) for i in result.indicators if not i.filled), "what-if")))


def changed_assessment(
    assessment: Assessment, result: Result, levels: Mapping[int, int], documents: Mapping[str, bool], suffix: str, *, keep_evidence: bool = True
) -> Assessment:
    """A one-stage assessment: the final levels of ``result`` with ``levels`` and ``documents`` applied.

    The assessment's evidence and evaluation date are kept (unless ``keep_evidence`` is false), so the
    copy counts the levels its evidence supports as the original does; a document set here replaces
    the one an evidence item gives."""
    new_levels = final_levels(result)
    new_levels.update(levels)
    docs = dict(assessment.documents)
    docs.update(documents)
    data: dict[str, Any] = {
        "instansi": assessment.instansi,
        "year": assessment.year,
        "levels": {str(k): v for k, v in sorted(new_levels.items())},
    }
    if assessment.ruleset is not None:
        data["ruleset"] = assessment.ruleset
    raw = assessment.raw if isinstance(assessment.raw, Mapping) else {}
    if keep_evidence and assessment.evidence is not None and isinstance(raw.get("evidence"), list):
        data["evidence"] = [
            {k: v for k, v in item.items() if k != "document"} if isinstance(item, Mapping) and item.get("document") in documents else item
            for item in raw["evidence"]
        ]
        if assessment.evaluated_on is not None:
            data["evaluated_on"] = assessment.evaluated_on
    if docs:
        data["documents"] = docs
    stage = _giving_stage(result)
    if stage is not None:
        data["stage"] = stage
    return parse_assessment(data, f"{assessment.source} ({suffix})")


def _giving_stage(result: Result) -> str | None:
    """The stage a one-stage copy of ``result`` is labelled with: its own, or, when that is a review
    (which only marks or corrects earlier levels), the last stage before it that gave levels."""
    rs = result._ruleset_obj  # the ruleset the result was evaluated under (as render.py reads it)
    reviews = {s.id for s in rs.stages if s.kind == "review"} if rs is not None else set()
    for r in reversed(result.stages or (result,)):
        if r.stage not in reviews:
            return r.stage
    return None


def _check_changes(ruleset: Ruleset, changes: Mapping[int, int], documents: Mapping[str, bool], where: str) -> None:
    problems, _ = misfit.check_levels(ruleset, changes, lambda n: Location(where, json_path=f"$.levels.{shown(n)}"))
    doc_problems, _ = misfit.check_documents(ruleset, documents, lambda key: Location(where, json_path=f"$.documents.{key}"))
    if problems or doc_problems:
        raise misfit.does_not_fit(ruleset, problems + doc_problems)


def _deltas(before: Result, after: Result) -> tuple[IndexDelta, tuple[IndexDelta, ...], tuple[IndexDelta, ...]]:
    index = IndexDelta("index", "Indeks SPBE", before.index_exact, after.index_exact, before.index, after.index)
    domains = tuple(IndexDelta(b.id, b.name, b.index_exact, a.index_exact, b.index, a.index) for b, a in zip(before.domains, after.domains))
    aspects = tuple(IndexDelta(b.id, b.name, b.index_exact, a.index_exact, b.index, a.index) for b, a in zip(before.aspects, after.aspects))
    return index, domains, aspects


def releases(before: Result, after: Result) -> tuple[tuple[Release, ...], tuple[Release, ...]]:
    """Indicators released (effective level rose because a rule stopped capping) and newly capped."""
    released: list[Release] = []
    capped: list[Release] = []
    for b, a in zip(before.indicators, after.indicators):
        if not isinstance(b.effective_level, int) or not isinstance(a.effective_level, int):
            continue  # a non-whole value (mean of sub-levels, converted score) is never capped by a rule here
        gone = tuple(r for r in b.rules if r not in a.rules)
        new = tuple(r for r in a.rules if r not in b.rules)
        if gone and a.effective_level > b.effective_level:
            released.append(Release(b.id, b.name, b.effective_level, a.effective_level, gone))
        if new:
            capped.append(Release(b.id, b.name, b.effective_level, a.effective_level, new))
    return tuple(released), tuple(capped)


# -- what-if ----------------------------------------------------------------------------


def whatif(
    ruleset: RulesetLike,
    assessment: Assessment,
    changes: Mapping[int, int],
    documents: Mapping[str, bool] | None = None,
    *,
    missing: MissingPolicy = "error",
    enable_rules: Iterable[str] = (),
    disable_rules: Iterable[str] = (),
    where: str = "<what-if>",
) -> WhatIf:
    """Evaluate ``assessment`` as it is and with ``changes`` (indicator -> new submitted level)
    and ``documents`` (key -> exists) applied; report every difference.

    Changes apply to the final levels (after all stages); the changed assessment is
    evaluated as one stage. Bad changes raise :class:`AssessmentError` (codes
    ``UNKNOWN_INDICATOR``, ``LEVEL_OUT_OF_SCALE``, ``UNKNOWN_DOCUMENT``).
    """
    ruleset = as_ruleset(ruleset)
    documents = dict(documents or {})
    enable_rules, disable_rules = tuple(enable_rules), tuple(disable_rules)
    _check_changes(ruleset, changes, documents, where)
    before = evaluate(ruleset, assessment, missing=missing, enable_rules=enable_rules, disable_rules=disable_rules)
    new = changed_assessment(assessment, before, changes, documents, "what-if")
    after = evaluate(ruleset, new, missing=missing, enable_rules=enable_rules, disable_rules=disable_rules)
    return compare(before, after, changes, documents)


def compare(before: Result, after: Result, changes: Mapping[int, int], documents: Mapping[str, bool]) -> WhatIf:
    """The :class:`WhatIf` between two results of the same ruleset."""
    b_levels = before.levels
    levels = tuple(LevelChange(n, b_levels[n], lv) for n, lv in sorted(changes.items()) if b_levels[n] != lv)
    b_docs = {d.key: d for d in before.documents}
    a_docs = {d.key: d for d in after.documents}
    doc_changes = tuple(
        DocumentChange(
            key, b_docs[key].name if key in b_docs else key, b_docs[key].present if key in b_docs else None, a_docs[key].present if key in a_docs else None
        )
        for key in sorted(documents)
        if key in b_docs
    )
    index, domains, aspects = _deltas(before, after)
    released, capped = releases(before, after)
    return WhatIf(before, after, levels, doc_changes, index, domains, aspects, before.predikat, after.predikat, released, capped)


def _delta_dict(d: IndexDelta) -> dict[str, Any]:
    return {
        "id": d.id,
        "name": d.name,
        "before": d.before_text,
        "after": d.after_text,
        "before_exact": exact_text(d.before),
        "after_exact": exact_text(d.after),
        "delta_exact": exact_text(d.delta),
    }


def _summary(r: Result) -> dict[str, Any]:
    return {"index": r.index, "index_exact": exact_text(r.index_exact), "predikat": r.predikat}


def whatif_to_dict(w: WhatIf) -> dict[str, Any]:
    """The JSON form of a :class:`WhatIf` (``schema: spbe-rules/whatif@1``)."""
    changed = [
        {"id": b.id, "level_before": b.level, "level_after": a.level, "effective_before": b.effective_level, "effective_after": a.effective_level}
        for b, a in zip(w.before.indicators, w.after.indicators)
        if (b.level, b.effective_level) != (a.level, a.effective_level)
    ]
    return {
        "schema": w.schema,
        "ruleset": converter.unstructure(w.before.ruleset),
        "instansi": w.before.instansi,
        "year": w.before.year,
        "before": _summary(w.before),
        "after": _summary(w.after),
        "predikat_changed": w.predikat_changed,
        "levels": converter.unstructure(w.levels),
        "documents": converter.unstructure(w.documents),
        "index": _delta_dict(w.index),
        "domains": [_delta_dict(d) for d in w.domains],
        "aspects": [_delta_dict(d) for d in w.aspects],
        "indicators": changed,
        "released": converter.unstructure(w.released),
        "capped": converter.unstructure(w.capped),
    }


# -- marginal value ---------------------------------------------------------------------


def gains(
    ruleset: RulesetLike,
    assessment: Assessment,
    *,
    missing: MissingPolicy = "error",
    enable_rules: Iterable[str] = (),
    disable_rules: Iterable[str] = (),
) -> Gains:
    """For each indicator, the exact change of the index (and of each domain) if its submitted
    level were one higher, with the rules applied; and what satisfying each blocking
    condition (obtaining a document, or a rule's condition holding) would release now.

    Indicators are ranked by index gain (largest first), then by number. With evidence that decides
    the levels that count, ``level`` is the level the evidence supports and one more level means
    producing the evidence for it (as in the planner).
    """
    ruleset = as_ruleset(ruleset)
    enable_rules, disable_rules = tuple(enable_rules), tuple(disable_rules)
    result = evaluate(ruleset, assessment, missing=missing, enable_rules=enable_rules, disable_rules=disable_rules)
    enabled = enabled_fn(ruleset, enable_rules, disable_rules)
    fast = FastEval(ruleset, enabled, assessment.location())
    c = fast.c
    # the levels and documents that counted, as in risk: with evidence, the level it supports (the
    # effective level serves: rules only lower) and the documents it gives
    levels = whole_levels(((i.id, i.level if i.counted == "claimed" else i.effective_level) for i in result.indicators), "gains")
    docs = {d.key: d.present for d in result.documents if d.basis in ("stated", "evidence") and d.present is not None}
    eff0 = fast.effective(levels, docs)
    a0, d0, t0 = c.sums(eff0)
    hi = ruleset.scale.max
    domain_ids = [d.id for d in ruleset.domains]

    def domain_gains(d1: list[int]) -> tuple[DomainGain, ...]:
        return tuple(DomainGain(did, Fraction(s1 - s0, w)) for did, s0, s1, w in zip(domain_ids, d0, d1, c.domain_w) if s1 != s0)

    rules = [r for r in c.rule_order if enabled(r)]
    held = {o.id: o.held for o in result.rules}
    out: list[Gain] = []
    for k, ind in enumerate(result.indicators):
        asp = ruleset.aspect(ind.aspect)
        level, eff_level = levels[k], eff0[k]
        if level >= hi:
            out.append(Gain(ind.id, ind.name, ind.aspect, asp.domain, level, eff_level, None, Fraction(0)))
            continue
        trial = list(levels)
        trial[k] += 1
        eff1 = fast.effective(trial, docs)
        _, d1, t1 = c.sums(eff1)
        released = tuple(c.numbers[j] for j in range(len(eff1)) if j != k and eff1[j] > eff0[j])
        blocked: tuple[str, ...] = ()
        if eff1[k] == eff0[k]:
            blocked = tuple(r.id for r in rules if ind.id in r.targets and r.max_level <= level and held.get(r.id) is False)
        pred, _ = c.predikat_of(t1, c.total_w)
        out.append(
            Gain(ind.id, ind.name, ind.aspect, asp.domain, level, eff_level, level + 1, Fraction(t1 - t0, c.total_w), domain_gains(d1), released, blocked, pred)
        )
    out.sort(key=lambda g: (-g.index_gain, g.indicator))

    unlocks: list[Unlock] = []
    doc_state = {d.key: d for d in result.documents}
    seen_docs: list[str] = []
    for r in rules:
        for key in documents_named(r.unless):
            if key not in seen_docs:
                seen_docs.append(key)
    for key in seen_docs:
        if doc_state.get(key) is not None and doc_state[key].present is True:
            continue
        eff1 = fast.effective(levels, {**docs, key: True})
        _, d1, t1 = c.sums(eff1)
        rel = tuple(n for n, e0, e1 in zip(c.numbers, eff0, eff1) if e1 > e0)
        name = ruleset.document(key).name
        unlocks.append(
            Unlock("document", key, name, Text(f"dokumen {name} ada", f"the {name} document exists"), rel, Fraction(t1 - t0, c.total_w), domain_gains(d1))
        )
    missing_docs = [u.id for u in unlocks if u.kind == "document"]
    if len(missing_docs) > 1:  # documents may only matter together (a rule needing all of them)
        eff1 = fast.effective(levels, {**docs, **{k: True for k in missing_docs}})
        _, d1, t1 = c.sums(eff1)
        rel = tuple(n for n, e0, e1 in zip(c.numbers, eff0, eff1) if e1 > e0)
        names = ", ".join(ruleset.document(k).name for k in missing_docs)
        unlocks.append(
            Unlock(
                "documents",
                "+".join(missing_docs),
                names,
                Text(f"dokumen {names} ada", f"the documents {names} exist"),
                rel,
                Fraction(t1 - t0, c.total_w),
                domain_gains(d1),
            )
        )
    docs_now = {d.key: (d.present, d.basis) for d in result.documents}
    eff_now = {n: e for n, e in zip(c.numbers, eff0)}
    for r in rules:
        if held.get(r.id) is not False or isinstance(r.unless, HasDocument):  # a single document: its own row says it
            continue
        off = enabled_fn(ruleset, enable_rules, (*disable_rules, r.id))
        eff1 = FastEval(ruleset, off, assessment.location()).effective(levels, docs)
        _, d1, t1 = c.sums(eff1)
        rel = tuple(n for n, e0, e1 in zip(c.numbers, eff0, eff1) if e1 > e0)
        cond = Text(describe_condition(r.unless, ruleset, eff_now, docs_now, "id"), describe_condition(r.unless, ruleset, eff_now, docs_now, "en"))
        unlocks.append(Unlock("rule", r.id, r.id, cond, rel, Fraction(t1 - t0, c.total_w), domain_gains(d1)))
    return Gains(result, tuple(out), tuple(unlocks))


def gains_to_dict(g: Gains) -> dict[str, Any]:
    """The JSON form of :class:`Gains` (``schema: spbe-rules/gains@1``)."""
    r = g.result
    return {
        "schema": g.schema,
        "ruleset": converter.unstructure(r.ruleset),
        "instansi": r.instansi,
        "year": r.year,
        "now": _summary(r),
        "indicators": converter.unstructure(g.indicators),
        "unlocks": converter.unstructure(g.unlocks),
    }


def fraction_text(value: Fraction, decimals: int, signed: bool = True) -> str:
    """``value`` rounded half-up to ``decimals`` places, as text (for reports; exact values go to JSON)."""
    scaled = round_scaled(value.numerator, value.denominator, decimals, "half_up")
    text = display_text(scaled, decimals)
    if signed and value > 0:
        return "+" + text
    if signed and value < 0 and scaled == 0:
        return "-" + text
    return text
