"""What a ruleset change does to real assessments: every assessment evaluated under both.

:func:`impact` evaluates every assessment of a corpus under ruleset ``a`` and
ruleset ``b`` and reports, per assessment, the index and predikat under each
and the change; then a summary: how many changed predikat (and between which
bands), the largest index changes, and which changes of :func:`spbe_rules.diff`
caused them. An assessment that cannot be evaluated on one side is listed with
the reason, never dropped.

The corpus is one of:

* a folder of assessment files (``*.yaml``, ``*.yml``, ``*.json``, searched
  recursively; a file that is not a valid assessment is listed with the reason);
* a CSV file or an ``.xlsx`` workbook in the layout of ``spbe-rules batch``
  (the batch guide, https://spbe-rules.github.io/spbe-rules/batch/; ``spbe-rules template`` writes an empty one): ``instansi`` and
  ``year`` (required), ``stage`` (optional), one column per indicator number (an
  empty cell means "not given") and optional ``doc:KEY`` columns (``ya``/``tidak``,
  ``true``/``false``, ``1``/``0``; empty = not stated). Each row is one assessment;
  a ``ruleset`` column is ignored (both sides are evaluated under A and B);
* a case-suite file (the assessments of its cases, with their rule switches).

How causes are found (attribution). Only the diff's *scoring* changes can
change a result. They are grouped into units that can be applied on their own:
one display field; the set of predikat bands; one indicator's, aspect's or
domain's weight; the total weight; an indicator moved to another existing
aspect (or an aspect to another existing domain); one rule (all its fields,
with the documents it reads); one document; the level scale's bounds; the
stages. For every assessment whose result differs, each unit is tried alone in
both directions: ``a`` with the unit taken from ``b``, and ``b`` with the unit
put back as in ``a``. A unit is a cause when either changes the result (exact
index, displayed index, predikat, or whether it can be evaluated). Checking
both directions catches changes that matter only together with others (for
example a new display rule that only matters at the new weights). Changes that
cannot be applied alone (indicators, aspects or domains added or removed) are
reported as "structure" when no unit explains a difference.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from fractions import Fraction

import attrs
from attrs import field, frozen

from .._loading.assessment import Assessment, MissingPolicy, check_against
from .._model.converter import exact_text
from .diff import Change, RulesetDiff, RulesetSide, diff
from .._engine.switches import rule_switches
from .._engine.engine import compiled, display_text
from .._base.errors import SpbeError, ValidationError, current_lang, tr, use_lang
from .._base.messages import Lang
from .._engine.evaluate import evaluate
from .._loading.load import load_ruleset
from .._model.conditions import documents_named, indicators_read
from .._model.model import Ruleset
from .impact_corpus import CorpusError, Entry, read_corpus
from .impact_units import (
    NotAlone,
    take_bands,
    take_display,
    take_document,
    take_group,
    take_indicator,
    take_rule,
    take_scale,
    take_stages,
    take_total,
)

__all__ = ["IMPACT_SCHEMA", "CauseCount", "CorpusError", "ImpactReport", "ImpactRow", "ImpactSummary", "Outcome", "Transition", "impact", "read_corpus"]

IMPACT_SCHEMA = "spbe-rules/impact@1"
STRUCTURE = "structure"


# -- outcomes ---------------------------------------------------------------------------------


@frozen
class Outcome:
    """A result reduced to what impact compares."""

    index: str
    index_exact: Fraction
    predikat: str


def _error_text(exc: SpbeError) -> str:
    if isinstance(exc, ValidationError):
        ps = exc.problems
        head = f"[{ps[0].code}] {ps[0].message}" if ps else str(exc)
        return head + (" " + tr("impact.more", n=len(ps) - 1) if len(ps) > 1 else "")
    return str(exc)


def _quick(rs: Ruleset, e: Entry) -> Outcome | str:
    """The outcome of ``e`` under ``rs`` through the compiled engine (same numbers as ``evaluate``)."""
    assert e.assessment is not None
    a = e.assessment
    if a.evidence is not None and rs.evidence_policy is not None:
        return _full(rs, e)  # the evidence decides the levels and documents that count: the whole evaluation
    try:
        switches = rule_switches(rs, e.enable_rules, e.disable_rules)
        stages, _ = check_against(rs, a, e.missing)
        c = compiled(rs)
        current: dict[int, int | Fraction] = {}
        for st in stages:
            current.update(st.levels)
        levels = [current[n] for n in c.numbers]
        if rs.rules:
            levels = c.apply_rules(levels, a.documents, switches.enabled, a.location).effective
        _, _, total = c.sums(levels)
        predikat, rounded = c.predikat_of(total, c.total_w)
        return Outcome(display_text(rounded, c.decimals), Fraction(total, c.total_w), predikat)
    except SpbeError as exc:
        return _error_text(exc)


def _full(rs: Ruleset, e: Entry) -> Outcome | str:
    assert e.assessment is not None
    try:
        r = evaluate(rs, e.assessment, missing=e.missing, enable_rules=e.enable_rules, disable_rules=e.disable_rules)
    except SpbeError as exc:
        return _error_text(exc)
    return Outcome(r.index, r.index_exact, r.predikat)


# -- attribution units ---------------------------------------------------------------------


@frozen
class _Unit:
    label: str
    changes: tuple[str, ...]
    take: Callable[[Ruleset, Ruleset], Ruleset]  # take(base, other): base with this part taken from other


def _units(d: RulesetDiff, a: Ruleset, b: Ruleset) -> tuple[list[_Unit], list[Change]]:
    """The scoring changes grouped into units that can be applied alone, and those that cannot."""
    units: dict[str, _Unit] = {}
    alone: list[Change] = []

    def add(label: str, change: Change, take: Callable[[Ruleset, Ruleset], Ruleset]) -> None:
        u = units.get(label)
        units[label] = _Unit(label, (*(u.changes if u else ()), change.id), take)

    a_aspects, b_aspects = {x.id for x in a.aspects}, {x.id for x in b.aspects}
    a_domains, b_domains = {x.id for x in a.domains}, {x.id for x in b.domains}
    for c in d.scoring:
        s, k, f = c.section, c.key, c.field
        if s == "display" and f is not None:
            add(f"display.{f}", c, take_display(f))
        elif s == "predikat":
            add("predikat.bands", c, take_bands)
        elif s == "total_weight":
            add("total_weight", c, take_total)
        elif s == "scale":
            add("scale", c, take_scale)
        elif s == "stages":
            add("stages", c, take_stages)
        elif s == "indicators" and c.kind == "changed" and f == "weight":
            add(c.id, c, take_indicator(int(k), "weight"))
        elif s == "indicators" and c.kind == "moved" and {c.old, c.new} <= a_aspects & b_aspects:
            add(c.id, c, take_indicator(int(k), "aspect"))
        elif s in ("aspects", "domains") and c.kind == "changed" and f == "weight":
            add(c.id, c, take_group(s, k, "weight"))
        elif s == "aspects" and c.kind == "moved" and {c.old, c.new} <= a_domains & b_domains:
            add(c.id, c, take_group("aspects", k, "domain"))
        elif s == "rules":
            add(f"rules[{k}]", c, take_rule(k))
        elif s == "documents":
            add(f"documents[{k}]", c, take_document(k))
        else:
            alone.append(c)
    return list(units.values()), alone


# -- report -----------------------------------------------------------------------------------


@frozen
class ImpactRow:
    """One assessment under both rulesets. ``causes`` are diff change ids (or ``structure``)."""

    name: str
    source: str
    instansi: str | None
    year: int | None
    a: Outcome | None
    b: Outcome | None
    error_a: str | None = None
    error_b: str | None = None
    causes: tuple[str, ...] = ()

    @property
    def evaluated(self) -> bool:
        """Whether the row was evaluated under both rulesets."""
        return self.a is not None and self.b is not None

    @property
    def moved(self) -> bool:
        """True when the predikat differs."""
        return self.a is not None and self.b is not None and self.a.predikat != self.b.predikat

    @property
    def delta(self) -> Fraction | None:
        """Exact index under ``b`` minus under ``a``."""
        if self.a is None or self.b is None:
            return None
        return self.b.index_exact - self.a.index_exact

    @property
    def changed(self) -> bool:
        """Whether the outcomes under the two rulesets differ at all (index, domains, levels, ...)."""
        return self.a is not None and self.b is not None and self.a != self.b

    @property
    def status(self) -> str:
        """How the row changed: ``predikat changed``, ``index changed``, ``exact index changed``, ``same`` or ``not evaluated``."""
        if not self.evaluated:
            return "not evaluated"
        if self.moved:
            return "predikat changed"
        if self.a is not None and self.b is not None and self.a.index != self.b.index:
            return "index changed"
        if self.changed:
            return "exact index changed"
        return "same"


@frozen
class Transition:
    """A change of predikat between two rulesets, with how many assessments made it."""

    before: str
    after: str
    rows: int


@frozen
class CauseCount:
    """A diff change (or unit of changes) and how many rows it explains."""

    change: str
    description: str
    rows: int
    moved: int


@frozen
class ImpactSummary:
    """The counts of an impact report (changed predikat, changed index, causes)."""

    rows: int
    evaluated: int
    not_evaluated: int
    moved: int
    index_changed: int
    exact_changed: int
    transitions: tuple[Transition, ...]
    largest: tuple[str, ...]
    causes: tuple[CauseCount, ...]


# how causes are found, from the module text (in the class body `__doc__` is the class's own)
_METHOD = (__doc__ or "").split("How causes are found (attribution). ")[-1].strip()


@frozen
class ImpactReport:
    """What changes when assessments are evaluated under two rulesets, and why."""

    a: RulesetSide
    b: RulesetSide
    corpus: str
    corpus_kind: str
    rows: tuple[ImpactRow, ...]
    summary: ImpactSummary
    diff: RulesetDiff
    method: str = field(default=_METHOD)
    schema: str = IMPACT_SCHEMA

    @property
    def moved(self) -> tuple[ImpactRow, ...]:
        """The rows whose predikat differs between the two rulesets."""
        return tuple(r for r in self.rows if r.moved)

    @property
    def not_evaluated(self) -> tuple[ImpactRow, ...]:
        """The rows that could not be evaluated under one of the rulesets."""
        return tuple(r for r in self.rows if not r.evaluated)

    def row(self, name: str) -> ImpactRow:
        """The row with this name (``KeyError`` if none)."""
        for r in self.rows:
            if r.name == name:
                return r
        raise KeyError(name)

    def render(self, top: int = 10, lang: Lang | None = None) -> str:
        """The report as text, in ``lang`` (default: the current language)."""
        with use_lang(lang or current_lang()):
            return self._render(top)

    def _render(self, top: int) -> str:
        s = self.summary
        transitions = " (" + "; ".join(f"{t.before} -> {t.after}: {t.rows}" for t in s.transitions) + ")" if s.transitions else ""
        out = [
            tr("impact.head", a=self.a.id, va=self.a.version, b=self.b.id, vb=self.b.version, corpus=self.corpus, kind=self.corpus_kind, n=s.rows),
            tr("impact.evaluated", evaluated=s.evaluated, not_evaluated=s.not_evaluated),
            tr("impact.moved", n=s.moved) + transitions,
            tr("impact.index_changed", shown=s.index_changed, exact=s.exact_changed),
        ]
        scoring = len(self.diff.scoring)
        out.append(tr("impact.diff", n=len(self.diff.changes), scoring=scoring, a=self.a.id, b=self.b.id))
        if s.causes:
            out.append("")
            out.append(tr("impact.caused_by"))
            for c in s.causes:
                out.append(
                    "  "
                    + tr(
                        "impact.cause" if c.rows != 1 else "impact.cause.one",
                        change=_cause_name(c.change),
                        rows=c.rows,
                        moved=c.moved,
                        description=c.description,
                    )
                )
        moved = self.moved
        if moved:
            out.append("")
            out.append(tr("impact.moved_head"))
            for r in moved:
                out.append("  " + _row_line(r))
        others = [r for r in self.rows if r.changed and not r.moved]
        if others:
            ranked = sorted(others, key=lambda r: (-abs(r.delta or 0), r.name))[:top]
            out.append("")
            out.append(tr("impact.largest", top=min(top, len(others)), n=len(others)))
            for r in ranked:
                out.append("  " + _row_line(r))
        bad = self.not_evaluated
        if bad:
            out.append("")
            out.append(tr("impact.not_evaluated"))
            for r in bad:
                parts = []
                if r.error_a is not None:
                    parts.append(tr("impact.under", ruleset=self.a.id, error=r.error_a))
                if r.error_b is not None:
                    parts.append(tr("impact.under", ruleset=self.b.id, error=r.error_b))
                out.append(f"  {r.name} ({r.source}): " + "; ".join(parts))
        return "\n".join(out)


def _cause_name(cause: str) -> str:
    """A cause as shown: a diff change id as it is, the changes that cannot be tried alone in words."""
    return tr("impact.structure") if cause == STRUCTURE else cause


def _row_line(r: ImpactRow) -> str:
    assert r.a is not None and r.b is not None
    d = r.delta or Fraction(0)
    sign = "+" if d > 0 else ""
    cause = "  " + tr("impact.row_cause", causes=", ".join(map(_cause_name, r.causes))) if r.causes else ""
    return (
        f"{r.name}: {r.a.index} {r.a.predikat} -> {r.b.index} {r.b.predikat} "
        + tr("impact.exact", a=exact_text(r.a.index_exact), b=exact_text(r.b.index_exact), delta=f"{sign}{exact_text(d)}")
        + cause
    )


# -- impact -----------------------------------------------------------------------------------


def impact(
    a: Ruleset | str | os.PathLike[str],
    b: Ruleset | str | os.PathLike[str],
    corpus: str | os.PathLike[str] | Iterable[Assessment],
    *,
    missing: MissingPolicy = "error",
) -> ImpactReport:
    """Evaluate every assessment of ``corpus`` under ``a`` and ``b`` and attribute each change.

    ``corpus`` is a folder of assessment files, a CSV file, a case-suite file, or
    assessments in code. ``missing`` applies to assessments that do not set it
    themselves (suite cases do).
    """
    ra = a if isinstance(a, Ruleset) else load_ruleset(a)
    rb = b if isinstance(b, Ruleset) else load_ruleset(b)
    if isinstance(corpus, (str, os.PathLike)):
        kind, entries = read_corpus(corpus)
        label = str(corpus)
    else:
        kind, label = "assessments", "<assessments>"
        entries = [Entry(f"{x.instansi} {x.year}", x.source, x) for x in corpus]
    if missing != "error":
        entries = [attrs.evolve(e, missing=missing) if e.missing == "error" else e for e in entries]
    d = diff(ra, rb)
    units, structural = _units(d, ra, rb)
    hybrids: list[tuple[_Unit, Ruleset | None, Ruleset | None]] = []
    for u in units:
        hybrids.append((u, _try(u.take, ra, rb), _try(u.take, rb, ra)))

    rows: list[ImpactRow] = []
    for e in entries:
        if e.assessment is None:
            reason = e.error or tr("impact.unreadable")
            rows.append(ImpactRow(e.name, e.source, None, None, None, None, reason, reason))
            continue
        oa, ob = _full(ra, e), _full(rb, e)
        row = ImpactRow(
            e.name,
            e.source,
            e.assessment.instansi,
            e.assessment.year,
            oa if isinstance(oa, Outcome) else None,
            ob if isinstance(ob, Outcome) else None,
            oa if isinstance(oa, str) else None,
            ob if isinstance(ob, str) else None,
        )
        if isinstance(oa, Outcome) and isinstance(ob, Outcome) and oa != ob:
            row = attrs.evolve(row, causes=_causes(e, oa, ob, hybrids, structural))
        rows.append(row)
    return ImpactReport(_side(ra), _side(rb), label, kind, tuple(rows), _summary(rows, d, units, structural), d)


def _try(take: Callable[[Ruleset, Ruleset], Ruleset], base: Ruleset, other: Ruleset) -> Ruleset | None:
    """``base`` with one unit taken from ``other``, or None when that alone makes no whole ruleset."""
    try:
        rs = take(base, other)
    except (NotAlone, KeyError, StopIteration):
        return None
    return rs if _whole(rs) else None


def _whole(rs: Ruleset) -> bool:
    """The references the engine relies on all resolve (what the loader checks for files)."""
    numbers = set(rs.numbers)
    aspects = {a.id for a in rs.aspects}
    domains = {d.id for d in rs.domains}
    docs = {d.key: d.implied_by for d in rs.documents}
    if any(i.aspect not in aspects for i in rs.indicators):
        return False
    if any((a.domain is None) != (not domains) or (a.domain is not None and a.domain not in domains) for a in rs.aspects):
        return False
    for cond in [d for d in docs.values() if d is not None] + [r.unless for r in rs.rules]:
        if not set(documents_named(cond)) <= set(docs) or not indicators_read(cond, docs) <= numbers:
            return False
    return all(set(r.targets) <= numbers for r in rs.rules)


def _causes(
    e: Entry,
    oa: Outcome | str,
    ob: Outcome | str,
    hybrids: list[tuple[_Unit, Ruleset | None, Ruleset | None]],
    structural: list[Change],
) -> tuple[str, ...]:
    found: list[str] = []
    for u, a_with, b_without in hybrids:
        hit = False
        if a_with is not None and _quick(a_with, e) != oa:
            hit = True
        elif b_without is not None and _quick(b_without, e) != ob:
            hit = True
        if hit:
            found.append(u.label)
    if not found and structural:
        found.append(STRUCTURE)
    return tuple(found)


def _summary(rows: list[ImpactRow], d: RulesetDiff, units: list[_Unit], structural: list[Change]) -> ImpactSummary:
    evaluated = [r for r in rows if r.evaluated]
    moved = [r for r in evaluated if r.moved]
    trans = Counter((r.a.predikat, r.b.predikat) for r in moved if r.a is not None and r.b is not None)
    changed = [r for r in evaluated if r.changed]
    largest = sorted(changed, key=lambda r: (-abs(r.delta or 0), r.name))[:10]
    describe: dict[str, str] = {}
    for u in units:
        describe[u.label] = "; ".join(d.find(cid).describe(60) for cid in u.changes[:3]) + (
            "; " + tr("impact.and_more", n=len(u.changes) - 3) if len(u.changes) > 3 else ""
        )
    describe[STRUCTURE] = tr("impact.structural", ids=", ".join(c.id for c in structural[:5])) + (
        " " + tr("impact.and_more", n=len(structural) - 5) if len(structural) > 5 else ""
    )
    counts: Counter[str] = Counter()
    moved_counts: Counter[str] = Counter()
    for r in rows:
        for c in r.causes:
            counts[c] += 1
            if r.moved:
                moved_counts[c] += 1
    order = {u.label: k for k, u in enumerate(units)}
    causes = tuple(
        CauseCount(c, describe.get(c, c), n, moved_counts[c])
        for c, n in sorted(counts.items(), key=lambda kv: (-moved_counts[kv[0]], -kv[1], order.get(kv[0], len(order))))
    )
    return ImpactSummary(
        rows=len(rows),
        evaluated=len(evaluated),
        not_evaluated=len(rows) - len(evaluated),
        moved=len(moved),
        index_changed=sum(1 for r in evaluated if r.a is not None and r.b is not None and r.a.index != r.b.index),
        exact_changed=sum(1 for r in evaluated if r.a is not None and r.b is not None and r.a.index_exact != r.b.index_exact),
        transitions=tuple(Transition(x, y, n) for (x, y), n in sorted(trans.items(), key=lambda kv: (-kv[1], kv[0]))),
        largest=tuple(r.name for r in largest),
        causes=causes,
    )


def _side(rs: Ruleset) -> RulesetSide:
    return RulesetSide(rs.id, rs.version, rs.title, rs.status, rs.origin, rs.sha256)
