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

import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from attrs import field, frozen

from .._loading.assessment import Assessment, MissingPolicy, check_against
from .._engine.engine import Compiled, compiled, display_text, round_scaled
from .._base.errors import AssessmentError, EvaluationError, Location, Problem, RulesetNotFoundError, SpbeError, ValidationError
from .._model.model import AllOf, AnyOf, AtLeast, Condition, HasDocument, Not, Rule, Ruleset
from .._engine.result import RulesetRef

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

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


# -- rows in, results out ---------------------------------------------------------------


@frozen
class BatchRow:
    """One assessment as a flat row (a line of a CSV file, a row of a workbook).

    ``levels`` maps indicator numbers to submitted levels, ``documents`` document
    keys to ``True``/``False`` (absent: not stated, so inferred by the ruleset).
    ``ruleset`` (an id, a path or a :class:`Ruleset`) overrides the choice by
    ``year``. ``source``/``line`` say where the row came from, and ``columns``
    maps a field (``"instansi"``, ``"year"``, ``"stage"``, ``"doc:KEY"``, or an
    indicator number as text) to its 1-based column, so problems can name it.
    """

    instansi: str
    year: int
    levels: Mapping[int, int]
    stage: str | None = None
    documents: Mapping[str, bool] = field(factory=dict)
    ruleset: str | Ruleset | None = field(default=None, eq=False)
    source: str = "<input>"
    line: int | None = None
    columns: Mapping[str, int] = field(factory=dict, eq=False, repr=False)

    def location(self, key: str | None = None) -> Location:
        """Where this row (or one of its fields) is."""
        col = self.columns.get(key) if key is not None else None
        return Location(self.source, self.line, col, f"$[{self.line}]" if self.line is not None else "$")


@frozen
class BatchResult:
    """The numbers of one row: index (displayed and exact), predikat, domain and aspect
    indices (displayed, by id) and the effective level of every indicator (after the rules)."""

    instansi: str
    year: int
    stage: str | None
    ruleset: RulesetRef
    index: str
    index_exact: Fraction
    predikat: str
    domains: Mapping[str, str]
    aspects: Mapping[str, str]
    effective_levels: Mapping[int, int]
    source: str = "<input>"
    line: int | None = None


@frozen
class BatchFailure:
    """A row that could not be evaluated; ``error`` lists its problems with their places."""

    error: ValidationError
    source: str = "<input>"
    line: int | None = None
    instansi: str | None = None
    year: int | None = None

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.error.problems


@frozen
class BatchNumbers:
    """The numbers of many rows under one ruleset, row by row (lists of ints).

    ``total`` is the scaled weighted sum (the exact index is ``total[i] / total_weight``);
    ``index``/``aspects``/``domains`` are rounded values in units of ``10**-decimals``;
    ``effective`` the levels after the rules (in the order of ``sorted(ruleset.numbers)``);
    ``failed`` maps a row number to its error (its other entries are meaningless).
    With the numpy backend each list is made from its array on first use.
    """

    ruleset: Ruleset
    total_weight: int
    decimals: int
    failed: dict[int, ValidationError]
    _data: dict[str, Any] = field(repr=False, alias="data")

    def _list(self, name: str) -> Any:
        value = self._data[name]
        if not isinstance(value, list):
            value = self._data[name] = value.tolist()
        return value

    @property
    def total(self) -> list[int]:
        return self._list("total")  # type: ignore[no-any-return]

    @property
    def index(self) -> list[int]:
        return self._list("index")  # type: ignore[no-any-return]

    @property
    def predikat(self) -> list[str]:
        return self._list("predikat")  # type: ignore[no-any-return]

    @property
    def aspects(self) -> list[list[int]]:
        return self._list("aspects")  # type: ignore[no-any-return]

    @property
    def domains(self) -> list[list[int]]:
        return self._list("domains")  # type: ignore[no-any-return]

    @property
    def effective(self) -> list[list[int]]:
        return self._list("effective")  # type: ignore[no-any-return]

    def arrays(self) -> dict[str, Any]:
        """The numbers as numpy arrays (needs ``spbe-rules[fast]``), without making Python lists.

        Keys: ``total``, ``index`` (int64, one per row), ``predikat`` (strings), ``aspects``,
        ``domains`` (int64, one row per assessment, in the ruleset's order) and ``effective``.
        With the numpy backend these are the kernel's own arrays (no copy); the fastest way
        to read a large batch.
        """
        import numpy as np

        return {name: value if isinstance(value, np.ndarray) else np.asarray(value) for name, value in self._data.items()}

    def index_text(self, i: int) -> str:
        return display_text(self.index[i], self.decimals)

    def index_exact(self, i: int) -> Fraction:
        return Fraction(self.total[i], self.total_weight)


def fast_available() -> bool:
    """Whether the numpy backend can be used (``pip install 'spbe-rules[fast]'``)."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def int64_bound(rs: Ruleset) -> int:
    """The largest magnitude any intermediate of the numpy backend can reach for ``rs``."""
    c = compiled(rs)
    big_l = max(abs(rs.scale.min), abs(rs.scale.max))
    s = sum(abs(w) for w in c.w)
    p10 = c.pow10
    dens = [c.total_w, *c.aspect_w, *c.domain_w]
    biggest_den = max(abs(d) for d in dens)
    rounded = big_l * p10 + 1  # a rounded index is at most this many units
    qs = [b.denominator for lo, hi, _ in c.bands for b in (lo, hi)]
    ps = [abs(b.numerator) for lo, hi, _ in c.bands for b in (lo, hi)]
    return int(max(
        big_l * s,  # any weighted sum
        2 * big_l * s * p10 + 2 * biggest_den,  # rounding
        big_l * s * max(qs),  # exact value against a band bound
        rounded * max(qs),  # rounded value against a band bound
        max(ps) * max(c.total_w, p10),  # band bound times the value's denominator
    ))


# -- evaluate_many ------------------------------------------------------------------------


def evaluate_many(
    rows: Iterable[BatchRow | Assessment | BatchFailure],
    ruleset: Ruleset | str | os.PathLike[str] | None = None,
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
        raise ValueError(f"missing must be 'error' or 'lowest', not {missing!r}")
    if backend not in ("auto", "numpy", "python"):
        raise ValueError(f"backend must be 'auto', 'numpy' or 'python', not {backend!r}")
    if backend == "numpy" and not fast_available():
        raise SpbeError("the numpy backend needs numpy: pip install 'spbe-rules[fast]'")
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    fixed: Ruleset | None = None
    if ruleset is not None:
        from .._loading.load import load_ruleset

        fixed = ruleset if isinstance(ruleset, Ruleset) else load_ruleset(ruleset)
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
    ruleset: Ruleset,
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
    c = compiled(ruleset)
    on, off = frozenset(enable_rules), frozenset(disable_rules)
    enabled = _switches(ruleset, on, off)
    n = len(levels)
    docs: Sequence[Mapping[str, bool]] = documents if documents is not None else [{}] * n
    if len(docs) != n:
        raise ValueError(f"{n} level rows but {len(docs)} document rows")
    use_numpy = _use_numpy(ruleset, backend)
    if use_numpy:
        import numpy as np

        mat = np.asarray(levels, dtype=np.int64).reshape(n, len(c.numbers))
        _check_scale(ruleset, int(mat.min()) if n else ruleset.scale.min, int(mat.max()) if n else ruleset.scale.min)
        return _numpy_numbers(c, mat, _doc_matrix(c, docs), enabled, [{} if d is None else d for d in docs])
    rows = [list(r) for r in levels]
    for r in rows:
        if len(r) != len(c.numbers):
            raise ValueError(f"each level row must have {len(c.numbers)} levels, not {len(r)}")
        if r:
            _check_scale(ruleset, min(r), max(r))
    return _python_numbers(c, rows, docs, enabled)


def _check_scale(rs: Ruleset, lo: int, hi: int) -> None:
    if lo < rs.scale.min or hi > rs.scale.max:
        raise ValueError(f"levels must be within {rs.scale.min}..{rs.scale.max} (ruleset {rs.id}), found {lo}..{hi}")


def _use_numpy(rs: Ruleset, backend: Backend) -> bool:
    if backend == "python":
        return False
    fits = int64_bound(rs) < _LIMIT
    if backend == "numpy":
        if not fast_available():
            raise SpbeError("the numpy backend needs numpy: pip install 'spbe-rules[fast]'")
        if not fits:
            raise SpbeError(f"ruleset {rs.id}: its weights are too large for 64-bit integers; use backend='python'")
        return True
    return fits and fast_available()


def _switches(rs: Ruleset, on: frozenset[str], off: frozenset[str]) -> tuple[bool, ...]:
    unknown = sorted((on | off) - {r.id for r in rs.rules})
    if unknown:
        raise EvaluationError(
            "unknown rule",
            [Problem("UNKNOWN_RULE", f"ruleset {rs.id} has no rule {', '.join(unknown)}", None, f"rules: {', '.join(r.id for r in rs.rules) or 'none'}")],
        )
    return tuple((r.id not in off) and (r.enabled or r.id in on) for r in compiled(rs).rule_order)


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
        self.by_name: dict[str, Ruleset | RulesetNotFoundError | ValidationError] = {}
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
            got = self.by_name.get(ref)
            if got is None:
                from .._loading.load import load_ruleset

                try:
                    got = load_ruleset(ref)
                except (RulesetNotFoundError, ValidationError) as exc:
                    got = exc
                self.by_name[ref] = got
            if isinstance(got, Ruleset):
                return got
            return Problem("UNKNOWN_RULESET", f"ruleset `{ref}` cannot be used: {str(got).splitlines()[0]}", row.location("ruleset"), "give an installed ruleset id (spbe-rules rulesets) or leave the cell empty to choose by year")
        year = row.year
        got_y = self.by_year.get(year)
        if got_y is None:
            from .._loading.load import load_ruleset
            from .._loading.registry import ruleset_for_year

            try:
                got_y = load_ruleset(ruleset_for_year(year))
            except RulesetNotFoundError as exc:
                got_y = exc
            self.by_year[year] = got_y
        if isinstance(got_y, Ruleset):
            return got_y
        return Problem("NO_RULESET", got_y.message, row.location("year"), "name the ruleset with --ruleset (CLI), the `ruleset` column, or ruleset= ")

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
            raise TypeError(f"rows must be BatchRow or Assessment, not {type(item).__name__}")
        if isinstance(rs, Problem):
            return _failure(row, AssessmentError("row cannot be evaluated", [rs]))
        problems, levels, docs = _check_row(row, rs, self.missing)
        if not problems:
            dup = self._duplicate(row)
            if dup is not None:
                problems.append(dup)
        if problems:
            return _failure(row, AssessmentError(f"row does not fit ruleset {rs.id}", problems))
        return rs, _Prepared(row, levels, docs)

    def _duplicate(self, row: BatchRow) -> Problem | None:
        key = hashlib.blake2b(repr((row.instansi, row.year, row.stage)).encode("utf-8"), digest_size=16).digest()
        if key in self.seen:
            first = self.seen[key]
            where = f"row {first}" if first is not None else "an earlier row"
            stage = f", stage {row.stage}" if row.stage else ""
            return Problem(
                "DUPLICATE_ROW",
                f"{row.instansi} ({row.year}{stage}) already appears in {where}",
                row.location("instansi"),
                "keep one row per institution, year and stage; this later row is left out",
            )
        self.seen[key] = row.line
        return None

    def _from_assessment(self, a: Assessment) -> tuple[BatchRow, Ruleset] | BatchFailure:
        from .._loading.select import ruleset_for_assessment

        line = a.location().line
        try:
            rs = ruleset_for_assessment(a, self.fixed)
            stages, _filled = check_against(rs, a, self.missing)
        except ValidationError as exc:
            return BatchFailure(exc, a.source, line, a.instansi, a.year)
        except RulesetNotFoundError as exc:
            err = AssessmentError("no ruleset", [Problem("NO_RULESET", str(exc), a.location("year"), "name the ruleset with --ruleset or `ruleset:`")])
            return BatchFailure(err, a.source, line, a.instansi, a.year)
        levels: dict[int, int] = {}
        for st in stages:
            levels.update(st.levels)
        row = BatchRow(a.instansi, a.year, levels, stages[-1].id if stages else None, dict(a.documents), rs, a.source, line)
        return row, rs


def _failure(row: BatchRow, error: ValidationError) -> BatchFailure:
    return BatchFailure(error, row.source, row.line, row.instansi if isinstance(row.instansi, str) else None, row.year if type(row.year) is int else None)


_GETTERS: dict[int, tuple[Compiled, Any, frozenset[str]]] = {}


def _row_info(c: Compiled) -> tuple[Compiled, Any, frozenset[str]]:
    """For row checks: ``operator.itemgetter`` of the indicator numbers (all levels of a row in one call), stage ids."""
    got = _GETTERS.get(id(c))
    if got is None or got[0] is not c:
        import operator

        if len(_GETTERS) > 64:
            _GETTERS.clear()
        numbers = c.numbers
        get = operator.itemgetter(*numbers) if len(numbers) > 1 else (lambda m: (m[numbers[0]],))
        got = _GETTERS[id(c)] = (c, get, frozenset(s.id for s in c.ruleset.stages))
    return got


def _check_row(row: BatchRow, rs: Ruleset, missing: MissingPolicy) -> tuple[list[Problem], list[int], dict[str, bool]]:
    c = compiled(rs)
    _, getter, stage_set = _row_info(c)
    problems: list[Problem] = []
    if not isinstance(row.instansi, str) or not row.instansi.strip():
        problems.append(Problem("REQUIRED", "the institution (instansi) is empty", row.location("instansi"), "give the institution's name"))
    if type(row.year) is not int:
        problems.append(Problem("TYPE", f"the year must be a whole number, not {row.year!r}", row.location("year"), "for example 2024"))
    if row.stage is not None and row.stage not in stage_set:
        stage_ids = [s.id for s in rs.stages]
        if row.stage not in stage_ids:
            import difflib

            guess = difflib.get_close_matches(str(row.stage), stage_ids, n=1)
            problems.append(
                Problem(
                    "UNKNOWN_STAGE",
                    f"stage `{row.stage}` is not a stage of ruleset {rs.id}",
                    row.location("stage"),
                    f"did you mean `{guess[0]}`?" if guess else f"stages: {', '.join(stage_ids) or 'none declared'} (or leave it empty)",
                )
            )
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
    levels: list[int | None] = [None] * len(c.numbers)
    for number, level in row.levels.items():
        k = pos.get(number) if type(number) is int else None
        if k is None:
            problems.append(
                Problem(
                    "UNKNOWN_INDICATOR",
                    f"indicator {number} does not exist in ruleset {rs.id}",
                    row.location(str(number)),
                    f"indicators are numbered {min(pos)} to {max(pos)}; leave this cell empty or remove the column",
                )
            )
        elif type(level) is not int:
            problems.append(Problem("TYPE", f"indicator {number}: the level must be a whole number, not {level!r}", row.location(str(number)), f"give a whole number from {lo} to {hi}"))
        elif not lo <= level <= hi:
            problems.append(
                Problem(
                    "LEVEL_OUT_OF_SCALE",
                    f"indicator {number} has level {level}, outside the scale {lo}..{hi} of ruleset {rs.id}",
                    row.location(str(number)),
                    f"give a whole number from {lo} to {hi}",
                )
            )
        else:
            levels[k] = level
    absent = [n for n, lv in zip(c.numbers, levels) if lv is None and n not in row.levels]
    if absent and missing == "error":
        loose: list[int] = []
        for n in absent:
            col = row.columns.get(str(n))
            if col is not None:
                problems.append(
                    Problem("MISSING_LEVEL", f"indicator {n} has no level (empty cell)", row.location(str(n)), "fill in the level, or run with --missing lowest to count it at the lowest level")
                )
            else:
                loose.append(n)
        if loose:
            from .._base.text import number_ranges as _ranges

            problems.append(
                Problem(
                    "MISSING_LEVEL",
                    f"the row gives no level for indicator{'s' if len(loose) > 1 else ''} {_ranges(loose)}",
                    row.location(),
                    "add the indicator columns, or run with --missing lowest to count missing ones at the lowest level",
                )
            )
    docs: dict[str, bool] = {}
    for key, value in row.documents.items():
        if key not in c.docs:
            import difflib

            guess = difflib.get_close_matches(str(key), sorted(c.docs), n=1)
            problems.append(
                Problem(
                    "UNKNOWN_DOCUMENT",
                    f"document `{key}` is not declared by ruleset {rs.id}",
                    row.location(f"doc:{key}"),
                    f"did you mean `{guess[0]}`?" if guess else f"documents: {', '.join(sorted(c.docs)) or 'none declared'}",
                )
            )
        elif not isinstance(value, bool):
            problems.append(Problem("TYPE", f"document `{key}` must be true or false, not {value!r}", row.location(f"doc:{key}"), "true/false (ya/tidak), or leave it empty"))
        else:
            docs[key] = value
    if problems:
        return problems, [], {}
    return problems, [lo if lv is None else lv for lv in levels], docs


def _evaluate_group(rs: Ruleset, prepared: list[_Prepared], enabled: tuple[bool, ...], backend: Backend) -> list[BatchResult | BatchFailure]:
    c = compiled(rs)
    levels = [p.levels for p in prepared]
    docs = [p.docs for p in prepared]
    if _use_numpy(rs, backend):
        import numpy as np

        nums = _numpy_numbers(c, np.array(levels, dtype=np.int64).reshape(len(levels), len(c.numbers)), _doc_matrix(c, docs), enabled, docs, [p.row for p in prepared])
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
            )
        )
    return out


class _Keys(tuple[Any, ...]):
    """The keys of a :class:`RowMap`, shared by every row of a ruleset, with their positions."""

    position: dict[Any, int]

    def __new__(cls, keys: Iterable[Any]) -> _Keys:
        self = super().__new__(cls, keys)
        self.position = {k: i for i, k in enumerate(self)}
        return self


class RowMap(Mapping[Any, Any]):
    """A read-only mapping of one row's values over keys shared by all rows (cheap to make)."""

    __slots__ = ("keys_", "values_")

    def __init__(self, keys: _Keys, values: list[Any]) -> None:
        self.keys_ = keys
        self.values_ = values

    def __getitem__(self, key: Any) -> Any:
        return self.values_[self.keys_.position[key]]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.keys_)

    def __len__(self) -> int:
        return len(self.keys_)

    def __repr__(self) -> str:
        return repr(dict(zip(self.keys_, self.values_)))


class _Fractions(dict[int, Fraction]):
    """``Fraction(total, den)`` made once per total."""

    def __init__(self, den: int) -> None:
        super().__init__()
        self.den = den

    def __missing__(self, key: int) -> Fraction:
        value = self[key] = Fraction(key, self.den)
        return value


class _Texts(dict[int, str]):
    """Display text of rounded values, made once per value."""

    def __init__(self, decimals: int) -> None:
        super().__init__()
        self.decimals = decimals

    def __missing__(self, key: int) -> str:
        value = self[key] = display_text(key, self.decimals)
        return value


# -- the Python backend (the reference) ----------------------------------------------------


def _python_numbers(
    c: Compiled,
    levels: Sequence[Sequence[int]],
    docs: Sequence[Mapping[str, bool]],
    enabled: tuple[bool, ...],
    rows: Sequence[BatchRow] | None = None,
) -> BatchNumbers:
    rs = c.ruleset
    flags = {r.id: on for r, on in zip(c.rule_order, enabled)}

    def is_on(rule: Rule) -> bool:
        return flags[rule.id]

    total: list[int] = []
    index: list[int] = []
    pred: list[str] = []
    aspects: list[list[int]] = []
    domains: list[list[int]] = []
    effective: list[list[int]] = []
    failed: dict[int, ValidationError] = {}
    dec, mode = c.decimals, c.rounding
    for i, (lv, dc) in enumerate(zip(levels, docs)):
        eff: list[int] = list(lv)
        if rs.rules:
            row = rows[i] if rows is not None else None
            where = (lambda row=row: row.location()) if row is not None else (lambda: Location())
            try:
                eff = c.apply_rules(eff, dc, is_on, where)[0]
            except EvaluationError as exc:
                failed[i] = exc
                eff = list(lv)
        a_s, d_s, t_s = c.sums(eff)
        name, r = c.predikat_of(t_s, c.total_w)
        total.append(t_s)
        index.append(r)
        pred.append(name)
        aspects.append([round_scaled(s, w, dec, mode) for s, w in zip(a_s, c.aspect_w)])
        domains.append([round_scaled(s, w, dec, mode) for s, w in zip(d_s, c.domain_w)])
        effective.append(eff)
    data = {"total": total, "index": index, "predikat": pred, "aspects": aspects, "domains": domains, "effective": effective}
    return BatchNumbers(rs, c.total_w, dec, failed, data)


# -- the numpy backend ---------------------------------------------------------------------


def _doc_matrix(c: Compiled, docs: Sequence[Mapping[str, bool] | None]) -> Any:
    import numpy as np

    keys = list(c.docs)
    mat = np.full((len(docs), len(keys)), -1, dtype=np.int8)
    for j, key in enumerate(keys):
        col = [(-1 if d is None or key not in d else int(d[key])) for d in docs]
        mat[:, j] = col
    return mat


class _NumpyPlan:
    """Arrays made once per ruleset for the numpy backend."""

    def __init__(self, c: Compiled) -> None:
        import numpy as np

        self.c = c
        m, na, nd = len(c.numbers), len(c.aspect_w), len(c.domain_w)
        wa = np.zeros((m, na), dtype=np.int64)
        for k, (w, a) in enumerate(zip(c.w, c.aspect_of)):
            wa[k, a] = w
        self.wa = wa
        md = np.zeros((na, nd), dtype=np.int64)
        for j, d in enumerate(c.domain_of_aspect):
            if d >= 0:
                md[j, d] = 1
        self.md = md
        self.aspect_w = np.array(c.aspect_w, dtype=np.int64)
        self.domain_w = np.array(c.domain_w, dtype=np.int64)
        self.doc_col = {key: j for j, key in enumerate(c.docs)}
        self.targets = [np.array([c.position[n] for n in r.targets], dtype=np.intp) for r in c.rule_order]
        self.bands = [(lo.numerator, lo.denominator, hi.numerator, hi.denominator) for lo, hi, _ in c.bands]
        self.band_names = [name for _, _, name in c.bands]


_PLANS: dict[int, _NumpyPlan] = {}


def _plan(c: Compiled) -> _NumpyPlan:
    p = _PLANS.get(id(c))
    if p is None or p.c is not c:
        if len(_PLANS) > 64:
            _PLANS.clear()
        p = _PLANS[id(c)] = _NumpyPlan(c)
    return p


def _round_np(num: npt.NDArray[np.int64], den: Any, decimals: int, mode: str) -> Any:
    """:func:`round_scaled` on arrays (``den`` a positive scalar or a row of positive ints)."""
    import numpy as np

    q = num * (10**decimals)
    if mode == "half_up":
        return np.where(q >= 0, (2 * q + den) // (2 * den), -((-2 * q + den) // (2 * den)))
    if mode == "half_even":
        whole, rest = np.divmod(q, den)
        twice = 2 * rest
        bump = (twice > den) | ((twice == den) & (whole % 2 == 1))
        return whole + bump.astype(np.int64)
    if mode == "down":
        return np.where(q >= 0, q // den, -((-q) // den))
    if mode == "up":
        return np.where(q >= 0, -((-q) // den), -(q // -den))
    raise ValueError(f"unknown rounding mode {mode!r}")


def _numpy_kernel(c: Compiled, levels: npt.NDArray[np.int64], docs: npt.NDArray[np.int8], enabled: tuple[bool, ...]) -> dict[str, Any]:
    """The whole evaluation on arrays: rules, sums, rounding, bands. Returns arrays."""
    import numpy as np

    plan = _plan(c)
    n = levels.shape[0]
    eff = levels.copy()
    failed = np.zeros(n, dtype=bool)
    cache: dict[str, tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]] = {}
    pos = c.position

    def holds(cond: Condition, active: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        if isinstance(cond, AtLeast):
            return eff[:, pos[cond.indicator]] >= cond.level
        if isinstance(cond, HasDocument):
            col = docs[:, plan.doc_col[cond.document]]
            value = col == 1
            unknown = col < 0
            need = active & unknown & ~failed
            if not need.any():
                return value  # type: ignore[no-any-return]
            implied = c.docs.get(cond.document)
            if implied is None:
                failed[need] = True  # the Python backend reports these rows' errors
                return value  # type: ignore[no-any-return]
            got, done = cache.get(cond.document, (np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)))
            todo = need & ~done
            if todo.any():
                sub = holds(implied, todo)
                got = np.where(todo, sub, got)
                done = done | todo
                cache[cond.document] = (got, done)
            return np.where(unknown, got, value)
        if isinstance(cond, Not):
            return ~holds(cond.item, active)
        if isinstance(cond, AllOf):
            result = np.ones(n, dtype=bool)
            act = active.copy()
            for sub_c in cond.items:
                v = holds(sub_c, act)
                result &= v
                act &= v
            return result
        result = np.zeros(n, dtype=bool)
        act = active.copy()
        for sub_c in cond.items:
            v = holds(sub_c, act)
            result |= v
            act &= ~v
        return result

    for rule, on, tpos in zip(c.rule_order, enabled, plan.targets):
        if not on:
            continue
        ok = holds(rule.unless, ~failed)
        hit = ~ok & ~failed
        if hit.any() and len(tpos):
            sub = eff[:, tpos]
            eff[:, tpos] = np.where(hit[:, None], np.minimum(sub, rule.max_level), sub)
    aspect_s = eff @ plan.wa
    domain_s = aspect_s @ plan.md
    total = aspect_s.sum(axis=1)
    dec, mode = c.decimals, c.rounding
    index = _round_np(total, c.total_w, dec, mode)
    aspects = _round_np(aspect_s, plan.aspect_w, dec, mode) if aspect_s.shape[1] else aspect_s
    domains = _round_np(domain_s, plan.domain_w, dec, mode) if domain_s.shape[1] else domain_s
    if c.from_rounded:
        vnum, vden = index, c.pow10
    else:
        vnum, vden = total, c.total_w
    last = len(plan.bands) - 1
    lo0_num, lo0_den = plan.bands[0][0], plan.bands[0][1]
    band = np.where(vnum * lo0_den < lo0_num * vden, 0, last)
    for k in range(last, -1, -1):
        lp, lq, up, uq = plan.bands[k]
        ge = vnum * lq >= lp * vden
        below = vnum * uq < up * vden
        if k == last:
            below = below | (vnum * uq == up * vden)
        band = np.where(ge & below, k, band)
    return {"total": total, "index": index, "band": band, "aspects": aspects, "domains": domains, "effective": eff, "failed": failed}


_KERNEL_ROWS = 8192  # rows per kernel call: small enough to stay in the CPU caches


def _numpy_kernel_chunked(c: Compiled, levels: npt.NDArray[np.int64], docs: npt.NDArray[np.int8], enabled: tuple[bool, ...]) -> dict[str, Any]:
    """:func:`_numpy_kernel` over slices of ``_KERNEL_ROWS`` rows, joined (about 2x faster on large inputs)."""
    import numpy as np

    n = levels.shape[0]
    if n <= _KERNEL_ROWS:
        return _numpy_kernel(c, levels, docs, enabled)
    parts = [_numpy_kernel(c, levels[i : i + _KERNEL_ROWS], docs[i : i + _KERNEL_ROWS], enabled) for i in range(0, n, _KERNEL_ROWS)]
    return {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}


def _numpy_numbers(
    c: Compiled,
    levels: npt.NDArray[np.int64],
    docs: npt.NDArray[np.int8],
    enabled: tuple[bool, ...],
    doc_maps: Sequence[Mapping[str, bool]],
    rows: Sequence[BatchRow] | None = None,
) -> BatchNumbers:
    import numpy as np

    got = _numpy_kernel_chunked(c, levels, docs, enabled)
    names = np.array([name for _, _, name in c.bands], dtype=object)
    data = {k: got[k] for k in ("total", "index", "aspects", "domains", "effective")}
    data["predikat"] = names[got["band"]]
    out = BatchNumbers(c.ruleset, c.total_w, c.decimals, {}, data)
    bad = [int(i) for i in got["failed"].nonzero()[0]]
    if bad:  # rows a rule could not decide: the reference path words the error (and is the judge of it)
        ref = _python_numbers(c, [levels[i].tolist() for i in bad], [doc_maps[i] for i in bad], enabled, [rows[i] for i in bad] if rows is not None else None)
        for j, i in enumerate(bad):
            if j in ref.failed:
                out.failed[i] = ref.failed[j]
            else:  # not reached while both backends agree; the reference wins
                out.total[i], out.index[i], out.predikat[i] = ref.total[j], ref.index[j], ref.predikat[j]
                out.aspects[i], out.domains[i], out.effective[i] = ref.aspects[j], ref.domains[j], ref.effective[j]
    return out
