"""Many assessments at once: the compiled batch path.

:func:`evaluate_many` takes rows (:class:`BatchRow`, or :class:`Assessment`)
and yields, in input order, a :class:`BatchResult` for every good row and a
:class:`BatchFailure` for every bad one (with its file, row and column), so a
bad row never costs the good ones. Rows are consumed in chunks; nothing is
held beyond one chunk except the keys used to find duplicate rows.

Every chunk is evaluated by one of two interchangeable backends that give the
same numbers as :func:`spbe_rules.evaluate` (tested with Hypothesis):

``numpy`` (extra ``spbe-rules[fast]``)
    levels as an ``int64`` matrix; the ruleset's rules as vectorised
    conditions applied in :attr:`Compiled.rule_order`; weighted sums as integer
    matrix products; rounding and predikat bands in integer arithmetic on the
    scaled sums. No float anywhere. Every intermediate is bounded before use
    (:func:`int64_bound`): with levels ``|l| <= L``, integer weights summing to
    ``S``, the largest scaled denominator ``W``, ``d`` decimals and band bounds
    ``p/q``, the largest magnitude is
    ``max(2*L*S*10**d + 2*W, L*S*q, (L*10**d + 1)*q, p*max(W, 10**d))``; for the
    installed rulesets that is about 2.0e6, far below ``2**63``. A ruleset
    past ``2**62`` is evaluated by the Python backend instead.
``python``
    the reference loop: per row, exactly the engine that ``evaluate`` uses
    (:meth:`Compiled.apply_rules`, :meth:`Compiled.sums`, :meth:`Compiled.predikat_of`).

``backend="auto"`` (default) uses numpy when it is installed and the bound holds.
"""

from __future__ import annotations

from datetime import date

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal


from .._engine.evidence import stage_evidence
from .._loading import misfit
from .._loading.assessment import Assessment, MissingPolicy, check_against
from .._loading.evidence import evaluation_date
from .._engine.switches import rule_switches
from .._loading.load import RulesetLike, as_ruleset
from .._engine.engine import Compiled, compiled, whole_levels
from .._base.errors import AssessmentError, Location, Problem, RulesetNotFoundError, SpbeError, ValidationError
from .._model.model import Ruleset
from .._engine.result import RulesetRef
from .._model.converter import exact_text
from .batch_rows import BatchFailure, BatchNumbers, BatchResult, BatchRow, fast_available, int64_bound
from .batch_kernel import RowMap, _Fractions, _Keys, _Texts, _doc_matrix, _numpy_numbers, _python_numbers
from .._loading.load import load_ruleset, ruleset_named_in
from .._base.files import FileProblem
import os
from .._loading.select import ruleset_for_assessment
import operator
from .._loading.registry import ruleset_for_year
from .._base.messages import Msg
from .._base.errors import tr
from .._base.text import number_ranges as _ranges

if TYPE_CHECKING:
    pass

__all__ = [
    "Backend",
    "BatchFailure",
    "BatchNumbers",
    "BatchResult",
    "BatchRow",
    "evaluate_levels",
    "evaluate_many",
    "fast_available",
    "int64_bound",
]

Backend = Literal["auto", "numpy", "python"]
_LIMIT = 2**62


# -- evaluate_many ------------------------------------------------------------------------


def evaluate_many(
    ruleset: RulesetLike | None,
    rows: Iterable[BatchRow | Assessment | BatchFailure],
    *,
    missing: MissingPolicy = "error",
    enable_rules: Iterable[str] = (),
    disable_rules: Iterable[str] = (),
    backend: Backend = "auto",
    chunk_size: int = 8192,
    stop_on_error: bool = False,
) -> Iterator[BatchResult | BatchFailure]:
    """Evaluate many assessments, yielding one outcome per row in input order.

    ``ruleset``: one ruleset for every row (a :class:`Ruleset`, an id or a path);
    by default each row's own ``ruleset``, else the one in force for its year.
    A :class:`BatchFailure` given as a row (a reader's bad row) is passed on.
    A row repeating an earlier row's instansi, year and stage is a failure
    (``DUPLICATE_ROW``). With ``stop_on_error`` the first failure is raised
    (as its :class:`ValidationError`) instead of yielded.
    """
    if missing not in ("error", "lowest"):
        raise ValueError(tr("batch.api.missing", value=repr(missing)))
    if backend not in ("auto", "numpy", "python"):
        raise ValueError(tr("batch.api.backend", value=repr(backend)))
    if backend == "numpy" and not fast_available():
        raise SpbeError(Msg("batch.numpy_missing"))
    if chunk_size < 1:
        raise ValueError(tr("batch.api.chunk_size"))
    fixed: Ruleset | None = None
    if ruleset is not None:
        fixed = as_ruleset(ruleset)
    state = _State(fixed, missing, frozenset(enable_rules), frozenset(disable_rules), backend)
    if fixed is not None:
        state.switches(fixed)  # unknown rule ids are an error before any row is read
    chunk: list[BatchRow | Assessment | BatchFailure] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= chunk_size:
            yield from _emit(state.run(chunk), stop_on_error)
            chunk = []
    if chunk:
        yield from _emit(state.run(chunk), stop_on_error)


def _emit(outcomes: list[BatchResult | BatchFailure], stop: bool) -> Iterator[BatchResult | BatchFailure]:
    for out in outcomes:
        if stop and isinstance(out, BatchFailure):
            raise out.error
        yield out


def evaluate_levels(
    ruleset: RulesetLike,
    levels: Sequence[Sequence[int]] | Any,
    documents: Sequence[Mapping[str, bool]] | None = None,
    *,
    enable_rules: Iterable[str] = (),
    disable_rules: Iterable[str] = (),
    backend: Backend = "auto",
) -> BatchNumbers:
    """The numbers of many level vectors (each in the order of ``sorted(ruleset.numbers)``).

    The low-level fast path: no row checks beyond shape and scale. ``levels``
    may be a list of lists or a 2-D integer numpy array.
    """
    ruleset = as_ruleset(ruleset)
    c = compiled(ruleset)
    on, off = frozenset(enable_rules), frozenset(disable_rules)
    enabled = _switches(ruleset, on, off)
    n = len(levels)
    docs: Sequence[Mapping[str, bool]] = documents if documents is not None else [{}] * n
    if len(docs) != n:
        raise ValueError(tr("batch.api.documents", n=n, m=len(docs)))
    use_numpy = _use_numpy(ruleset, backend)
    if use_numpy:
        import numpy as np

        mat = np.asarray(levels, dtype=np.int64).reshape(n, len(c.numbers))
        lo, hi = ruleset.scale.min, ruleset.scale.max
        if n and (int(mat.min()) < lo or int(mat.max()) > hi):
            bad = np.argwhere((mat < lo) | (mat > hi))[:_SHOWN]
            _out_of_scale(ruleset, [(int(i), int(j), int(mat[i, j])) for i, j in bad])
        return _numpy_numbers(c, mat, _doc_matrix(c, docs), enabled, [{} if d is None else d for d in docs])
    rows = [list(r) for r in levels]
    for r in rows:
        if len(r) != len(c.numbers):
            raise ValueError(tr("batch.api.row_width", n=len(c.numbers), m=len(r)))
    lo, hi = ruleset.scale.min, ruleset.scale.max
    if any(r and (min(r) < lo or max(r) > hi) for r in rows):
        _out_of_scale(ruleset, [(i, j, lv) for i, r in enumerate(rows) for j, lv in enumerate(r) if not lo <= lv <= hi][:_SHOWN])
    return _python_numbers(c, rows, docs, enabled)


_SHOWN = 20  # the out-of-scale levels of evaluate_levels reported (the first, row by row)


def _out_of_scale(rs: Ruleset, cells: Sequence[tuple[int, int, int]]) -> None:
    """Refuse level vectors with levels outside the scale: the same problem (``LEVEL_OUT_OF_SCALE``)
    as an assessment file or a batch row, placed at ``$.levels[row][column]``."""
    numbers = compiled(rs).numbers
    raise misfit.does_not_fit(rs, [misfit.level_out_of_scale(rs, numbers[j], lv, Location(json_path=f"$.levels[{i}][{j}]")) for i, j, lv in cells])


def _use_numpy(rs: Ruleset, backend: Backend) -> bool:
    if backend == "python":
        return False
    fits = int64_bound(rs) < _LIMIT
    if backend == "numpy":
        if not fast_available():
            raise SpbeError(Msg("batch.numpy_missing"))
        if not fits:
            raise SpbeError(Msg("batch.int64", ruleset=rs.id))
        return True
    return fits and fast_available()


def _switches(rs: Ruleset, on: frozenset[str], off: frozenset[str]) -> tuple[bool, ...]:
    return rule_switches(rs, on, off).flags(compiled(rs).rule_order)


# -- per-chunk work -----------------------------------------------------------------------


class _Prepared:
    __slots__ = ("row", "levels", "docs")

    def __init__(self, row: BatchRow, levels: list[int], docs: dict[str, bool]) -> None:
        self.row = row
        self.levels = levels
        self.docs = docs


class _State:
    def __init__(self, fixed: Ruleset | None, missing: MissingPolicy, on: frozenset[str], off: frozenset[str], backend: Backend) -> None:
        self.fixed = fixed
        self.missing = missing
        self.on = on
        self.off = off
        self.backend = backend
        self.by_name: dict[tuple[str | None, str], Ruleset | SpbeError | OSError | FileProblem] = {}
        self.by_year: dict[int, Ruleset | RulesetNotFoundError] = {}
        self.enabled: dict[int, tuple[Ruleset, tuple[bool, ...]]] = {}
        self.seen: dict[bytes, int | None] = {}

    def switches(self, rs: Ruleset) -> tuple[bool, ...]:
        got = self.enabled.get(id(rs))
        if got is None or got[0] is not rs:
            got = (rs, _switches(rs, self.on, self.off))
            self.enabled[id(rs)] = got
        return got[1]

    def ruleset_of(self, row: BatchRow) -> Ruleset | Problem:
        if self.fixed is not None:
            return self.fixed
        ref = row.ruleset
        if isinstance(ref, Ruleset):
            return ref
        if ref is not None:
            # a path in a row of a file is read from that file's folder and must stay in it
            referrer = None if row.source in ("<input>", "-", "") else row.source
            key = (os.path.dirname(referrer) if referrer is not None else None, ref)
            got = self.by_name.get(key)
            if got is None:
                try:
                    got = load_ruleset(ruleset_named_in(ref, referrer))
                except FileProblem as fp:
                    got = fp
                except (SpbeError, OSError) as exc:  # this row's ruleset only: the other rows go on
                    got = exc
                self.by_name[key] = got
            if isinstance(got, Ruleset):
                return got
            if isinstance(got, FileProblem):
                return got.problem(row.location("ruleset"))
            return Problem.of("UNKNOWN_RULESET.row", row.location("ruleset"), ref=_cut(ref), why=_reason(got))
        year = row.year
        got_y = self.by_year.get(year)
        if got_y is None:
            try:
                got_y = load_ruleset(ruleset_for_year(year))
            except RulesetNotFoundError as exc:
                got_y = exc
            self.by_year[year] = got_y
        if isinstance(got_y, Ruleset):
            return got_y
        return Problem("NO_RULESET", got_y.msg, row.location("year"), Msg("NO_RULESET.row.hint"))

    def run(self, chunk: list[BatchRow | Assessment | BatchFailure]) -> list[BatchResult | BatchFailure]:
        out: list[BatchResult | BatchFailure | None] = [None] * len(chunk)
        groups: dict[int, tuple[Ruleset, list[tuple[int, _Prepared]]]] = {}
        for k, item in enumerate(chunk):
            if isinstance(item, BatchFailure):
                out[k] = item
                continue
            got = self._prepare(item)
            if isinstance(got, BatchFailure):
                out[k] = got
                continue
            rs, prepared = got
            groups.setdefault(id(rs), (rs, []))[1].append((k, prepared))
        for rs, members in groups.values():
            for k, res in zip((k for k, _ in members), _evaluate_group(rs, [p for _, p in members], self.switches(rs), self.backend)):
                out[k] = res
        return [o for o in out if o is not None]

    def _prepare(self, item: BatchRow | Assessment) -> tuple[Ruleset, _Prepared] | BatchFailure:
        if isinstance(item, Assessment):
            converted = self._from_assessment(item)
            if isinstance(converted, BatchFailure):
                return converted
            row, rs0 = converted
            rs: Ruleset | Problem = rs0
        elif isinstance(item, BatchRow):
            row = item
            rs = self.ruleset_of(row)
        else:
            raise TypeError(tr("batch.api.row_type", type=type(item).__name__))
        if isinstance(rs, Problem):
            return _failure(row, AssessmentError(Msg("head.batch.row_not_evaluated"), [rs]))
        problems, levels, docs = _check_row(row, rs, self.missing)
        if not problems:
            dup = self._duplicate(row)
            if dup is not None:
                problems.append(dup)
        if problems:
            return _failure(row, AssessmentError(Msg("head.batch.row_does_not_fit", ruleset=rs.id), problems))
        return rs, _Prepared(row, levels, docs)

    def _duplicate(self, row: BatchRow) -> Problem | None:
        key = hashlib.blake2b(repr((row.instansi, row.year, row.stage)).encode("utf-8"), digest_size=16).digest()
        if key in self.seen:
            first = self.seen[key]
            stage = Msg("DUPLICATE_ROW.stage", stage=row.stage) if row.stage else ""
            where = row.location("instansi")
            if first is None:
                return Problem.of("DUPLICATE_ROW.earlier", where, hint=Msg("DUPLICATE_ROW.hint"), instansi=row.instansi, year=row.year, stage=stage)
            return Problem.of("DUPLICATE_ROW", where, instansi=row.instansi, year=row.year, stage=stage, first=first)
        self.seen[key] = row.line
        return None

    def _from_assessment(self, a: Assessment) -> tuple[BatchRow, Ruleset] | BatchFailure:

        line = a.location().line
        try:
            rs = ruleset_for_assessment(a, self.fixed)
            stages, _filled = check_against(rs, a, self.missing)
        except ValidationError as exc:
            return BatchFailure(exc, a.source, line, a.instansi, a.year)
        except RulesetNotFoundError as exc:
            err = AssessmentError(Msg("head.batch.no_ruleset"), [Problem("NO_RULESET", exc.msg, a.location("year"), Msg("NO_RULESET.assessment.hint"))])
            return BatchFailure(err, a.source, line, a.instansi, a.year)
        except SpbeError as exc:  # any other typed refusal of this one file (a path refused...): the other files go on
            err = AssessmentError(Msg("head.batch.row_not_evaluated"), [Problem.of("UNUSABLE", a.location(), reason=_reason(exc))])
            return BatchFailure(err, a.source, line, a.instansi, a.year)
        merged: dict[int, int | Fraction] = {}
        for st in stages:
            merged.update(st.levels)
        try:
            levels = dict(zip(merged, whole_levels(merged.items(), "batch")))
        except ValidationError as exc:
            return BatchFailure(exc, a.source, line, a.instansi, a.year)
        docs = dict(a.documents)
        unmet: dict[int, tuple[str, ...]] = {}
        if a.evidence is not None and rs.evidence_policy is not None and stages:
            # the evidence decides the counted levels and documents of the final stage, as in evaluate
            when = evaluation_date(rs, a.year, a.evaluated_on)
            got = stage_evidence(rs, a.evidence, levels, stage=stages[-1].id, on=date.max if when is None else when.day)
            levels, docs = dict(zip(got.counted, whole_levels(got.counted.items(), "batch"))), {**docs, **got.documents}
            unmet = {n: ev.unmet for n, ev in got.indicators.items() if ev.unmet}
        row = BatchRow(a.instansi, a.year, levels, stages[-1].id if stages else None, docs, rs, a.source, line, unmet=unmet)
        return row, rs


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def _reason(exc: BaseException) -> str:
    """Why ``exc`` happened, on one line in the current language: the first problem of a
    :class:`ValidationError` (its heading says only that there are problems), else the text."""
    if isinstance(exc, ValidationError) and exc.problems:
        return _cut(exc.problems[0].message, 300)
    if isinstance(exc, OSError) and not isinstance(exc, SpbeError):
        return _cut(f"{type(exc).__name__}: {exc.strerror or exc}", 300)
    lines = str(exc).splitlines()
    return _cut(lines[0], 300) if lines else type(exc).__name__


def _failure(row: BatchRow, error: ValidationError) -> BatchFailure:
    return BatchFailure(error, row.source, row.line, row.instansi if isinstance(row.instansi, str) else None, row.year if type(row.year) is int else None)


_GETTERS: dict[int, tuple[Compiled, Any, frozenset[str]]] = {}


def _row_info(c: Compiled) -> tuple[Compiled, Any, frozenset[str]]:
    """For row checks: ``operator.itemgetter`` of the indicator numbers (all levels of a row in one call), stage ids."""
    got = _GETTERS.get(id(c))
    if got is None or got[0] is not c:
        if len(_GETTERS) > 64:
            _GETTERS.clear()
        numbers = c.numbers
        get = operator.itemgetter(*numbers) if len(numbers) > 1 else (lambda m: (m[numbers[0]],))
        got = _GETTERS[id(c)] = (c, get, frozenset(s.id for s in c.ruleset.stages))
    return got


def _check_view_columns(row: BatchRow, rs: Ruleset) -> list[Problem]:
    """The target must lie on the index scale, and every indicator given an owner must exist."""
    out: list[Problem] = []
    lo, hi = rs.scale.min, rs.scale.max
    if row.target is not None and not lo <= row.target <= hi:
        out.append(Problem.of("TARGET_OUT_OF_SCALE", row.location("target"), target=exact_text(row.target), lo=lo, hi=hi, rid=rs.id))
    unknown = sorted(set(row.owners) - set(rs.numbers))
    if unknown:
        out.append(Problem.of("UNKNOWN_INDICATOR.owner", row.location("owner"), numbers=_ranges(unknown), rid=rs.id, lo=min(rs.numbers), hi=max(rs.numbers)))
    return out


def _check_row(row: BatchRow, rs: Ruleset, missing: MissingPolicy) -> tuple[list[Problem], list[int], dict[str, bool]]:
    c = compiled(rs)
    _, getter, stage_set = _row_info(c)
    problems: list[Problem] = []
    if not isinstance(row.instansi, str) or not row.instansi.strip():
        problems.append(Problem.of("REQUIRED.instansi", row.location("instansi")))
    if type(row.year) is not int:
        problems.append(Problem.of("TYPE.year", row.location("year"), value=repr(row.year)))
    if row.stage is not None and row.stage not in stage_set:
        stage_ids = [s.id for s in rs.stages]
        if row.stage not in stage_ids:
            problems.append(misfit.unknown_stage(rs, row.stage, row.location("stage")))
    problems.extend(_check_view_columns(row, rs))
    pos = c.position
    lo, hi = rs.scale.min, rs.scale.max
    given = row.levels
    if not problems and len(given) == len(c.numbers):  # the common case: every level, all whole numbers in the scale
        try:
            fast = list(getter(given))
        except (KeyError, TypeError):
            fast = []
        if fast and set(map(type, fast)) == {int} and lo <= min(fast) and max(fast) <= hi:
            docs_in = row.documents
            if not docs_in:
                return problems, fast, {}
            if c.docs.keys() >= docs_in.keys() and set(map(type, docs_in.values())) == {bool}:
                return problems, fast, dict(docs_in)
    level_problems, good = misfit.check_levels(
        rs, row.levels, lambda n: row.location(str(n)), unknown_hint=Msg("UNKNOWN_INDICATOR.cell.hint", min=min(pos), max=max(pos))
    )
    problems.extend(level_problems)
    levels: list[int | None] = [good.get(n) for n in c.numbers]
    absent = [n for n, lv in zip(c.numbers, levels) if lv is None and n not in row.levels]
    if absent and missing == "error":
        loose: list[int] = []
        for n in absent:
            col = row.columns.get(str(n))
            if col is not None:
                problems.append(misfit.missing_level_cell(n, row.location(str(n))))
            else:
                loose.append(n)
        if loose:
            problems.append(misfit.missing_levels(loose, row.location(), Msg("where.batch_row"), hint=Msg("MISSING_LEVEL.row.hint")))
    doc_problems, docs = misfit.check_documents(rs, row.documents, lambda key: row.location(f"doc:{key}"))
    problems.extend(doc_problems)
    if problems:
        return problems, [], {}
    return problems, [lo if lv is None else lv for lv in levels], docs


def _evaluate_group(rs: Ruleset, prepared: list[_Prepared], enabled: tuple[bool, ...], backend: Backend) -> list[BatchResult | BatchFailure]:
    c = compiled(rs)
    levels = [p.levels for p in prepared]
    docs = [p.docs for p in prepared]
    if _use_numpy(rs, backend):
        import numpy as np

        nums = _numpy_numbers(
            c, np.array(levels, dtype=np.int64).reshape(len(levels), len(c.numbers)), _doc_matrix(c, docs), enabled, docs, [p.row for p in prepared]
        )
    else:
        nums = _python_numbers(c, levels, docs, enabled, [p.row for p in prepared])
    ref = RulesetRef(rs.id, rs.version, rs.sha256)
    text = _Texts(c.decimals)
    show = text.__getitem__
    aspect_ids = _Keys(a.id for a in rs.aspects)
    domain_ids = _Keys(d.id for d in rs.domains)
    numbers = _Keys(c.numbers)
    fractions = _Fractions(c.total_w)
    failed = nums.failed
    index, total, predikat, domains, aspects, effective = nums.index, nums.total, nums.predikat, nums.domains, nums.aspects, nums.effective
    out: list[BatchResult | BatchFailure] = []
    for i, p in enumerate(prepared):
        row = p.row
        if failed and i in failed:
            out.append(_failure(row, failed[i]))
            continue
        out.append(
            BatchResult(
                row.instansi,
                row.year,
                row.stage,
                ref,
                text[index[i]],
                fractions[total[i]],
                predikat[i],
                RowMap(domain_ids, list(map(show, domains[i]))),
                RowMap(aspect_ids, list(map(show, aspects[i]))),
                RowMap(numbers, effective[i]),
                row.source,
                row.line,
                row.target,
                row.owners,
                row.documents,
                row.unmet,
            )
        )
    return out
