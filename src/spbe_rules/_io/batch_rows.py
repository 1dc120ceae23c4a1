"""Batch rows in, batch results out: the value classes of the batch path and the int64 bound."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any
from attrs import field, frozen
from .._engine.engine import compiled, display_text
from .._base.errors import Location, Problem, ValidationError
from .._model.model import Ruleset
from .._engine.result import RulesetRef


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
    ``target`` is the institution's own target index and ``owners`` maps indicator
    numbers to the unit (OPD) responsible for them; both optional, both carried to
    the result for the batch report.
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
    target: Fraction | None = None
    owners: Mapping[int, str] = field(factory=dict)
    # requirement items of the next level not met, per indicator (from an assessment's evidence)
    unmet: Mapping[int, tuple[str, ...]] = field(factory=dict)

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
    target: Fraction | None = None
    owners: Mapping[int, str] = field(factory=dict)
    documents: Mapping[str, bool] = field(factory=dict)
    unmet: Mapping[int, tuple[str, ...]] = field(factory=dict)  # from evidence: the next level's unmet items


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
        """The problems of the row, with their places."""
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
        """The scaled weighted sum of each row."""
        return self._list("total")  # type: ignore[no-any-return]

    @property
    def index(self) -> list[int]:
        """The rounded index of each row, in units of ``10**-decimals``."""
        return self._list("index")  # type: ignore[no-any-return]

    @property
    def predikat(self) -> list[str]:
        """The predikat of each row."""
        return self._list("predikat")  # type: ignore[no-any-return]

    @property
    def aspects(self) -> list[list[int]]:
        """The rounded aspect indices of each row, in the ruleset's order."""
        return self._list("aspects")  # type: ignore[no-any-return]

    @property
    def domains(self) -> list[list[int]]:
        """The rounded domain indices of each row, in the ruleset's order."""
        return self._list("domains")  # type: ignore[no-any-return]

    @property
    def effective(self) -> list[list[int]]:
        """The effective levels of each row, in the order of ``sorted(ruleset.numbers)``."""
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
        """The displayed index of row ``i`` (e.g. ``"2.31"``)."""
        return display_text(self.index[i], self.decimals)

    def index_exact(self, i: int) -> Fraction:
        """The exact index of row ``i``."""
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
    return int(
        max(
            big_l * s,  # any weighted sum
            2 * big_l * s * p10 + 2 * biggest_den,  # rounding
            big_l * s * max(qs),  # exact value against a band bound
            rounded * max(qs),  # rounded value against a band bound
            max(ps) * max(c.total_w, p10),  # band bound times the value's denominator
        )
    )
