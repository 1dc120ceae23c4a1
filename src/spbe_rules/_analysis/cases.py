"""Case suites: worked examples with the results they must give.

A suite file (``format: spbe-rules/cases@1``, see ``schemas/cases.schema.json``)
lists cases; each case is an assessment and what its evaluation must show.
:func:`load_suite` reads and checks a file (every problem with ``file:line``);
:func:`run_suite` evaluates every case and compares. A failure names the case,
the field, what was expected and what came out, and the trail through the
explanation tree that leads to the difference: the failing field's node, then
the first child whose value differs from an expected one, else the first child
that a dependency rule changed, down to the rule that did it.

Comparison: displayed values (``index``, ``domains``, ``aspects``) are compared
as text exactly as shown; with ``tolerance`` they, and ``index_exact``, are
compared by exact value within that distance. Nothing is ever a float.

Declared exceptions: a case with ``exception`` (a reason and the rules to switch
off or on) states that the published row is *not* reproduced under the rules, and
how it is reproduced. It passes, counted apart as a declared exception, only when
both hold: under the rules the expected values are not met, and with the declared
switches they are. An exception that is no longer needed, or that does not explain
the row, is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Literal

from attrs import field, frozen

from .._loading.assessment import Assessment, parse_assessment
from .._model.converter import to_fraction
from .._base.errors import Location, Problem, ValidationError
from .._base.messages import Msg
from .._loading.schema import schema_problems
from .._loading.source import PosDict, locate, read_source
from .._loading.sniff import CASES_FORMAT

__all__ = [
    "CASES_FORMAT",
    "Case",
    "CaseException",
    "CaseSuiteError",
    "Expect",
    "NotReproduced",
    "Suite",
    "SuiteSource",
    "is_suite_data",
    "load_suite",
]


class CaseSuiteError(ValidationError):
    """A case-suite file is not valid (every problem with its file:line)."""


# -- the suite ---------------------------------------------------------------------------


@frozen
class Expect:
    """What a case's evaluation must give; ``None`` / empty means "not checked"."""

    index: str | None = None
    predikat: str | None = None
    index_exact: Fraction | None = None
    domains: Mapping[str, str] = field(factory=dict)
    aspects: Mapping[str, str] = field(factory=dict)
    effective_levels: Mapping[int, int] = field(factory=dict)
    tolerance: Fraction | None = None
    error: str | None = None


@frozen
class CaseException:
    """A declared exception: the row is reproduced only with these rules switched, for ``reason``."""

    reason: str
    enable_rules: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()


@frozen
class Case:
    """One worked example. ``file`` and ``line`` say where it is written."""

    name: str
    assessment: Assessment
    expect: Expect
    ruleset: str | None = None
    enable_rules: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    missing: Literal["error", "lowest"] = "error"
    note: str | None = None
    exception: CaseException | None = None
    file: str = field(default="", eq=False)
    line: int | None = field(default=None, eq=False)
    ruleset_at: Location | None = field(default=None, eq=False, repr=False)  # where `ruleset:` is written

    @property
    def place(self) -> str:
        """``file:line`` where the case is written."""
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@frozen
class SuiteSource:
    """Where a suite's cases come from (``source:`` of the suite file): a title, and a note, URL and date."""

    title: str
    note: str | None = None
    url: str | None = None
    date: str | None = None


@frozen
class NotReproduced:
    """A published row with no case; listed, not run. ``kind`` is ``exception`` (a declared
    exception: no assessment reproduces it) or ``incomplete_source`` (the source lacks values)."""

    name: str
    reason: str
    kind: Literal["exception", "incomplete_source"] = "exception"


@frozen
class Suite:
    """A case-suite file, read and checked."""

    path: str
    cases: tuple[Case, ...]
    ruleset: str | None = None
    description: str | None = None
    source: SuiteSource | None = None
    not_reproduced: tuple[NotReproduced, ...] = ()
    boundary_sensitive: tuple[str, ...] = ()
    ruleset_at: Location | None = field(default=None, eq=False, repr=False)  # where `ruleset:` is written

    def case(self, name: str) -> Case:
        """The case with this name (``KeyError`` if none)."""
        for c in self.cases:
            if c.name == name:
                return c
        raise KeyError(name)


def is_suite_data(data: Any) -> bool:
    """True when parsed file data is a case suite (``format: spbe-rules/cases@1``, or ``cases:`` without a format)."""
    if not isinstance(data, dict):
        return False
    fmt = data.get("format")
    return fmt == CASES_FORMAT or (fmt is None and "cases" in data)


def _text(value: Any) -> str:
    # numbers were read digit by digit (Decimal), so str() gives them back as written
    return value if isinstance(value, str) else str(value)


_loaded: dict[str, tuple[tuple[int, int], Suite]] = {}


def load_suite(path: str | os.PathLike[str]) -> Suite:
    """Read a case-suite file; raise :class:`CaseSuiteError` naming every problem with file:line.

    A suite read before is reused while the file keeps its size and modification time."""
    name = str(path)
    try:
        st = os.stat(name)
        stamp: tuple[int, int] | None = (st.st_size, st.st_mtime_ns)
    except OSError:
        stamp = None
    hit = _loaded.get(name)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    suite = _load_suite(name)
    if stamp is not None:
        if len(_loaded) >= 32:
            _loaded.clear()
        _loaded[name] = (stamp, suite)
    return suite


def _load_suite(name: str) -> Suite:
    src = read_source(name, what="case suite", error=CaseSuiteError)
    data = src.data
    if not isinstance(data, PosDict):
        raise CaseSuiteError(Msg("head.suite_invalid"), [Problem.of("TYPE.suite", Location(name, 1, 1))])
    problems = schema_problems("cases", data, name)
    if problems:
        raise CaseSuiteError(Msg("head.suite_invalid"), problems)
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(data["cases"]):
        where = locate(data, ["cases", i], name)
        case_name = raw["name"]
        if case_name in seen:
            problems.append(Problem.of("DUPLICATE_CASE", locate(data, ["cases", i, "name"], name), name=repr(case_name), line=seen[case_name]))
        else:
            seen[case_name] = where.line or 0
        try:
            assessment = parse_assessment(raw["assessment"], name)
        except ValidationError as exc:
            prefix = locate(data, ["cases", i, "assessment"], name).json_path
            problems.extend(_prefixed(p, prefix) for p in exc.problems)
            continue
        expect = _expect(raw["expect"], data, i, name, problems)
        exc_raw = raw.get("exception")
        if exc_raw is not None and "error" in raw["expect"]:
            problems.append(Problem.of("EXPECT_CONFLICT.exception", locate(data, ["cases", i, "exception"], name)))
        cases.append(
            Case(
                name=case_name,
                assessment=assessment,
                expect=expect,
                ruleset=raw.get("ruleset"),
                enable_rules=tuple(raw.get("enable_rules", ())),
                disable_rules=tuple(raw.get("disable_rules", ())),
                missing=raw.get("missing", "error"),
                note=raw.get("note"),
                exception=None
                if exc_raw is None
                else CaseException(exc_raw["reason"], tuple(exc_raw.get("enable_rules", ())), tuple(exc_raw.get("disable_rules", ()))),
                file=name,
                line=where.line,
                ruleset_at=locate(data, ["cases", i, "ruleset"], name) if "ruleset" in raw else None,
            )
        )
    boundary = tuple(data.get("boundary_sensitive", ()))
    for j, bname in enumerate(boundary):
        if bname not in seen:
            problems.append(Problem.of("UNKNOWN_CASE", locate(data, ["boundary_sensitive", j], name), name=repr(bname)))
    if problems:
        raise CaseSuiteError(Msg("head.suite_invalid"), problems)
    source = data.get("source")
    return Suite(
        path=name,
        cases=tuple(cases),
        ruleset=data.get("ruleset"),
        description=data.get("description"),
        source=None if source is None else SuiteSource(source["title"], source.get("note"), source.get("url"), source.get("date")),
        not_reproduced=tuple(NotReproduced(r["name"], r["reason"], r.get("kind", "exception")) for r in data.get("not_reproduced", ())),
        boundary_sensitive=boundary,
        ruleset_at=locate(data, ["ruleset"], name) if "ruleset" in data else None,
    )


def _prefixed(p: Problem, prefix: str) -> Problem:
    loc = p.location
    json_path = prefix + loc.json_path[1:] if loc.json_path.startswith("$") else loc.json_path
    return p.at(Location(loc.file, loc.line, loc.col, json_path))


def _expect(raw: PosDict, data: PosDict, i: int, name: str, problems: list[Problem]) -> Expect:
    def exact(value: Any) -> Fraction:
        return to_fraction(value)

    if "error" in raw:
        others = [k for k in raw if k not in ("error",)]
        if others:
            keys = ", ".join(f"`{k}`" for k in others)
            problems.append(Problem.of("EXPECT_CONFLICT", locate(data, ["cases", i, "expect", others[0]], name), keys=keys))
    return Expect(
        index=None if "index" not in raw else _text(raw["index"]),
        predikat=raw.get("predikat"),
        index_exact=None if "index_exact" not in raw else exact(raw["index_exact"]),
        domains={k: _text(v) for k, v in raw.get("domains", {}).items()},
        aspects={k: _text(v) for k, v in raw.get("aspects", {}).items()},
        effective_levels={int(k): v for k, v in raw.get("effective_levels", {}).items()},
        tolerance=None if "tolerance" not in raw else exact(raw["tolerance"]),
        error=raw.get("error"),
    )
